"""The content model: plain dataclasses shared by every output. No MkDocs types here."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = ("single", "multiple", "judge", "blank", "order", "short")
# A case (材料分析) is not a question of its own: a situation and 3-5 questions of the types above.
CASE_TYPE = "case"
SECTION_TYPES = QUESTION_TYPES + (CASE_TYPE,)
CASE_QUESTIONS = (3, 5)
OPTION_TYPES = ("single", "multiple", "order")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# The status of the edition a regulation is taught from (``status:`` of a citation file).
STATUS_CURRENT = "current"
STATUS_REVISION_REPORTED = "revision-reported"
STATUS_SUPERSEDED = "superseded"
STATUSES = (STATUS_CURRENT, STATUS_REVISION_REPORTED, STATUS_SUPERSEDED)
# Whether a citation's article number was read in the text (``number:`` of a citation entry).
NUMBER_CONFIRMED = "confirmed"
NUMBER_INFERRED = "inferred"  # a probable number: from neighbouring articles or a single secondary page
NUMBER_UNKNOWN = "unknown"
NUMBER_STATUSES = (NUMBER_CONFIRMED, NUMBER_INFERRED, NUMBER_UNKNOWN)


@dataclass
class Checked:
    """An author's record that something was checked against a newer text: when, and what was read."""

    date: str
    source: str


@dataclass
class Revision:
    """A newer edition reported but not yet read here."""

    date: str  # when it was issued, as reported
    source: str  # where it was reported
    known: str  # what is known of it, in our own words
    subject: str = ""  # what was revised, where not the regulation itself (a chart follows the rules it draws)


@dataclass
class Regulation:
    """One citation file: the regulation and the edition the courses are taught from."""

    id: str  # the file's name without .yml, e.g. xize
    title: str
    short: str
    issuer: str
    effective: str  # the date below, as written
    edition: str  # how notices name the edition taught, e.g. 2014年版
    read_at: str  # where the text taught was read
    status: str  # one of STATUSES
    revision: Revision | None = None
    superseded_by: str = ""  # another regulation's id
    file: str = ""
    line: int = 0
    date_kind: str = "effective"  # or "published", where the effective-date clause was not read

    @property
    def under_review(self) -> bool:
        return self.status == STATUS_REVISION_REPORTED


@dataclass
class Citation:
    """An entry of the citation index: one article (or chapter) of one regulation."""

    key: str
    regulation: str  # full title, e.g. 《中国共产党支部工作条例（试行）》
    short: str  # how lessons name it, e.g. 《条例》
    article: str  # e.g. 第十一条 (or 第二章 where only the chapter is known); may be empty if unknown
    effective: str  # effective date of the text cited, as written (the publication date where date_kind says so)
    summary: str  # one line, in our own words
    reliability: str  # A or B (C rows of the fact sheet are never cited as a rule)
    facts: list[str] = field(default_factory=list)  # fact sheet row ids, e.g. SH-02
    file: str = ""
    line: int = 0
    number: str = NUMBER_CONFIRMED  # one of NUMBER_STATUSES
    topic: str = ""  # what learners see instead of an unconfirmed number: 关于培养联系人的规定
    number_note: str = ""  # for the reviewer: why the number is not confirmed
    document: Regulation | None = None
    checked: Checked | None = None  # checked against the reported revision
    superseded_by: str = ""  # another citation key
    date_kind: str = "effective"  # or "published"

    @property
    def confirmed(self) -> bool:
        return self.number == NUMBER_CONFIRMED

    @property
    def place(self) -> str:
        """The article where it is confirmed, else the topic: never an unchecked number."""
        return self.topic if self.shows_topic else self.article

    @property
    def shows_topic(self) -> bool:
        return not self.confirmed and bool(self.topic)

    def _join(self, name: str) -> str:
        if self.shows_topic and name and name[-1].isascii() and name[-1].isalnum():
            return f"{name}, {self.topic}"  # Detailed Rules, provisions on mentors
        return join_words(name, self.place)

    @property
    def label(self) -> str:
        return self._join(self.short)

    @property
    def full_label(self) -> str:
        return self._join(self.regulation)

    @property
    def under_review(self) -> bool:
        """Taught from an edition a reported revision may have changed, and not checked since."""
        return bool(self.document and self.document.under_review and self.checked is None)


def regulations_of(citations) -> dict[str, Regulation]:
    """The regulations ``citations`` belong to, by id, in the order first met."""
    found: dict[str, Regulation] = {}
    for citation in citations:
        if citation.document is not None:
            found.setdefault(citation.document.id, citation.document)
    return found


def join_words(first: str, second: str) -> str:
    """Chinese runs words together (党章第五条); English needs a space (Party Constitution Article 5)."""
    if first and second and first[-1].isascii() and first[-1].isalnum():
        return f"{first} {second}"
    return f"{first}{second}"


@dataclass
class TrainerStep:
    """One step of a lesson as taught in a classroom, e.g. 导入 (3 minutes)."""

    step: str
    minutes: int


@dataclass
class TrainerNotes:
    """A lesson's notes for trainers (front matter ``trainer:``); never shown on the learner's page."""

    steps: list[TrainerStep] = field(default_factory=list)
    discussion: list[str] = field(default_factory=list)
    activity: str = ""
    materials: list[str] = field(default_factory=list)  # what to print or bring
    questions: list[str] = field(default_factory=list)  # practice question ids to use in the session
    notes: str = ""
    line: int = 0  # of ``trainer:`` in the lesson file
    question_lines: list[int] = field(default_factory=list)  # of each id in ``questions``

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


@dataclass
class Lesson:
    course_id: str
    slug: str
    title: str
    minutes: int
    body: str  # Markdown, front matter removed
    objectives: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    as_of: str = ""
    trainer_notes: TrainerNotes | None = None
    not_affected: list[str] = field(default_factory=list)  # regulation ids whose revision does not touch it
    file: str = ""
    body_line: int = 1  # line of the body's first line in the file, for messages

    @property
    def id(self) -> str:
        return f"{self.course_id}/{self.slug}"

    def line_at(self, offset: int) -> int:
        """The file line of a character offset in ``body``."""
        return self.body_line + self.body.count("\n", 0, offset)


@dataclass
class Course:
    id: str
    title: str
    audience: str
    summary: str
    objectives: list[str]
    lessons: list[Lesson]
    order: int = 0
    file: str = ""

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)


@dataclass
class Case:
    """A case study (材料分析): one situation, then 3-5 questions about it, always used whole."""

    id: str
    bank: str
    title: str
    material: str  # the situation, a few sentences
    question_ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0


@dataclass
class Question:
    """One question. ``answer`` is normalised by type:

    single -> int (option index); multiple -> list[int]; judge -> bool;
    blank -> list[list[str]] (accepted answers per blank); order -> list[int] (the options
    are written in the right order, so always 0..n-1); short -> str (reference answer).
    """

    id: str
    bank: str
    type: str
    stem: str
    answer: object
    explanation: str
    sources: list[str]
    lesson: str
    options: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    difficulty: int = 1
    file: str = ""
    line: int = 0
    not_affected: list[str] = field(default_factory=list)  # regulation ids whose revision does not touch it
    case: Case | None = None  # the case this question belongs to, if any

    @property
    def blank_count(self) -> int:
        return len(self.answer) if self.type == "blank" else 0

    def answer_text(self) -> str:
        """The correct answer as a trainer writes it on an answer key."""
        if self.type == "single":
            return LETTERS[self.answer]
        if self.type == "multiple":
            return "".join(LETTERS[i] for i in self.answer)
        if self.type == "judge":
            return "正确" if self.answer else "错误"
        if self.type == "blank":
            return "；".join(" / ".join(accepted) for accepted in self.answer)
        if self.type == "order":
            return "".join(LETTERS[i] for i in self.answer)
        return str(self.answer)


@dataclass
class Bank:
    """``questions`` holds every question, a case's among them in the case's order; ``cases``
    says which run of them belongs together. ``retired`` ids may never be used again."""

    id: str
    title: str
    questions: list[Question]
    description: str = ""
    file: str = ""
    line: int = 0
    cases: list[Case] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    retired_line: int = 0

    def case_questions(self, case: Case) -> list[Question]:
        return [q for q in self.questions if q.case is case]


@dataclass
class DrawRule:
    bank: str
    count: int
    tag: str = ""
    line: int = 0


@dataclass
class Section:
    type: str
    title: str
    points: float  # per question
    draws: list[DrawRule]
    line: int = 0


@dataclass
class Blueprint:
    """An exam paper's recipe: which questions to draw, how they score, how long it lasts."""

    id: str
    title: str
    time_limit: int  # minutes
    pass_mark: float  # points
    seed: int
    sections: list[Section]
    description: str = ""
    file: str = ""
    line: int = 0

    @property
    def total_points(self) -> float:
        # In a case section ``points`` are per case and ``count`` counts cases, so this holds too.
        return sum(s.points * sum(d.count for d in s.draws) for s in self.sections)


@dataclass
class Project:
    """Everything the sources say, loaded and cross-referenced."""

    root: str
    courses: list[Course]
    banks: list[Bank]
    citations: dict[str, Citation]
    blueprints: list[Blueprint]

    def lessons(self) -> list[Lesson]:
        return [lesson for course in self.courses for lesson in course.lessons]

    def lesson_index(self) -> dict[str, Lesson]:
        return {lesson.id: lesson for lesson in self.lessons()}

    def questions(self) -> list[Question]:
        return [q for bank in self.banks for q in bank.questions]

    def questions_by_lesson(self) -> dict[str, list[Question]]:
        grouped: dict[str, list[Question]] = {}
        for q in self.questions():
            grouped.setdefault(q.lesson, []).append(q)
        return grouped

    def course_of(self, lesson_id: str) -> Course | None:
        course_id = lesson_id.split("/", 1)[0]
        return next((c for c in self.courses if c.id == course_id), None)
