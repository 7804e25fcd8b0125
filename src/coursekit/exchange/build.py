"""From drafts to questions: the one place that decides what an imported question must be.

Readers only transcribe; the rules live here, so a wrong answer letter gets the same Chinese
message from a spreadsheet row as from a pasted Word paragraph. Whatever passes is finally run
through the bank loader itself (``load_question``), so an imported question can never be one that
``coursekit check`` would reject for its shape. Missing explanation, source or lesson are left
empty for the trainer to complete and listed as warnings, not rejections.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from coursekit.exchange.bankfile import question_yaml
from coursekit.exchange.draft import Draft
from coursekit.messages import t
from coursekit.model import CASE_QUESTIONS, LETTERS, OPTION_TYPES, Case, Question
from coursekit.problems import Problem
from coursekit.sources.banks import BLANK_MARK, ID_PATTERN, JUDGE_WORDS, MAX_OPTIONS, load_question, parse_letters
from coursekit.sources.yamlfile import parse_yaml

_TYPE_WORDS = {
    "single": ("single", "单选", "单选题", "单项选择", "单项选择题"),
    "multiple": ("multiple", "多选", "多选题", "多项选择", "多项选择题"),
    "judge": ("judge", "判断", "判断题", "是非题"),
    "blank": ("blank", "填空", "填空题"),
    "order": ("order", "排序", "排序题"),
    "short": ("short", "简答", "简答题", "问答", "问答题", "论述题"),
}
TYPE_NAMES = {word: qtype for qtype, words in _TYPE_WORDS.items() for word in words}
TYPE_SHORT_NAMES = {qtype: words[1] for qtype, words in _TYPE_WORDS.items()}  # 单选, 多选, …

JUDGE_ANSWERS = {
    **JUDGE_WORDS,
    "true": True, "false": False, "t": True, "f": False,
    "✓": True, "✔": True, "✗": False, "✘": False,
}
DIFFICULTY_WORDS = {"易": 1, "中": 2, "难": 3, "容易": 1, "中等": 2, "较难": 3, "困难": 3}
# An empty pair of brackets is how Chinese papers mark a blank: （ ）, (  ).
EMPTY_BRACKETS = re.compile(r"[（(][\s\u3000]*[）)]")
BLANK = "___"
BLANK_SEPARATORS = re.compile(r"[；;]")
ALTERNATIVE_SEPARATORS = re.compile(r"[|｜]")


def normalise(text: str) -> str:
    """Full-width letters and digits as ASCII, for reading codes (types, letters, numbers)."""
    return unicodedata.normalize("NFKC", text).strip()


def type_of(written: str) -> str | None:
    return TYPE_NAMES.get(re.sub(r"\s", "", normalise(written)).lower())


def judge_value(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    return JUDGE_ANSWERS.get(normalise(str(value)).lower())


def split_blank_answers(text: str) -> list[list[str]]:
    """``月|个月；半数|一半`` -> [[月, 个月], [半数, 一半]]: blanks by ；, accepted answers by |."""
    return [[word.strip() for word in ALTERNATIVE_SEPARATORS.split(part)] for part in BLANK_SEPARATORS.split(text)]


def mark_blanks(stem: str) -> str:
    """A blank question's stem with ___ marks; empty brackets count as blanks when there is no ___."""
    if BLANK_MARK.search(stem):
        return stem
    return EMPTY_BRACKETS.sub(BLANK, stem)


@dataclass
class Defaults:
    """What the trainer gave on the command line for fields the file does not carry."""

    bank: str
    lesson: str = ""
    sources: list[str] = field(default_factory=list)
    id_prefix: str = ""


@dataclass
class Built:
    questions: list[Question] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    incomplete: list[Problem] = field(default_factory=list)  # imported, but check will want more


class _Rejected(Exception):
    """Stops reading one draft; the messages are already recorded."""


class _DraftCheck:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.messages: list[str] = list(draft.problems)

    def fail(self, message: str) -> None:
        self.messages.append(message)

    def stop(self, message: str):
        self.messages.append(message)
        raise _Rejected

    # -- fields -------------------------------------------------------------------------------

    def qtype(self) -> str:
        written = str(self.draft.type or "").strip()
        if not written:
            self.stop(t("exchange.type_missing"))
        qtype = type_of(written)
        if qtype is None:
            self.stop(t("exchange.unknown_type", type=written))
        return qtype

    def options(self, qtype: str) -> list[str]:
        options = [str(o).strip() for o in self.draft.options]
        while options and not options[-1]:
            options.pop()
        if qtype not in OPTION_TYPES:
            return options  # judge may carry 正确/错误 as options; the answer decides
        for index, option in enumerate(options):
            if not option:
                self.fail(t("exchange.option_gap", letter=LETTERS[index]))
        if len(options) < 2:
            self.fail(t("exchange.too_few_options", type=t(f"type.{qtype}"), count=len(options)))
        if len(options) > MAX_OPTIONS:
            self.fail(t("question.options_count", count=len(options)))
        first: dict[str, int] = {}
        for index, option in enumerate(options):
            if option and option in first:
                self.fail(t("exchange.option_duplicate", letter=LETTERS[index], first=LETTERS[first[option]], option=option))
            first.setdefault(option, index)
        return options

    def letters(self, options: list[str]) -> list[int] | None:
        raw = self.draft.answer
        written = normalise(str(raw)) if not isinstance(raw, list) else raw
        letters = parse_letters(written)
        if letters is None:
            self.fail(t("exchange.answer_not_letters", value=raw))
            return None
        outside = [letter for letter in letters if LETTERS.index(letter) >= len(options)]
        if outside:
            last = LETTERS[max(len(options), 1) - 1]
            self.fail(t("exchange.answer_not_option", value="".join(outside), count=len(options), last=last))
            return None
        if len(set(letters)) != len(letters):
            self.fail(t("exchange.answer_repeated", value=raw))
            return None
        return [LETTERS.index(letter) for letter in letters]

    def answer(self, qtype: str, options: list[str], stem: str) -> tuple[object, list[str]]:
        """(answer in the model's form, options as they end up)."""
        raw = self.draft.answer
        missing = raw is None or (isinstance(raw, (str, list)) and not raw)
        if qtype == "order":
            if missing:
                return list(range(len(options))), options
            indexes = self.letters(options)
            if indexes is None:
                return None, options
            if sorted(indexes) != list(range(len(options))):
                self.fail(t("exchange.order_answer", value=raw, count=len(options)))
                return None, options
            # The bank writes order options in the right order; the answer is then 0..n-1.
            return list(range(len(options))), [options[i] for i in indexes]
        if missing:
            self.stop(t("exchange.answer_missing"))
        if qtype in ("single", "multiple"):
            indexes = self.letters(options)
            if indexes is None:
                return None, options
            if qtype == "single" and len(indexes) != 1:
                self.fail(t("exchange.single_one_answer", value=raw))
                return None, options
            if qtype == "multiple" and len(indexes) < 2:
                self.fail(t("exchange.multiple_two_answers", value=raw))
                return None, options
            return (indexes[0] if qtype == "single" else sorted(indexes)), options
        if qtype == "judge":
            return self.judge(options), []
        if options:
            self.fail(t("exchange.options_not_allowed", type=t(f"type.{qtype}")))
        if qtype == "blank":
            return self.blanks(stem), []
        if isinstance(raw, (list, dict, bool)):
            self.fail(t("question.short_answer_text"))
            return None, []
        return str(raw).strip(), []

    def judge(self, options: list[str]) -> bool | None:
        raw = self.draft.answer
        if options:
            # Papers often print 判断题 as two choices: A. 正确  B. 错误, answer A.
            values = [judge_value(o) for o in options]
            if len(options) != 2 or None in values or values[0] == values[1]:
                self.fail(t("exchange.options_not_allowed", type=t("type.judge")))
                return None
            letters = parse_letters(normalise(str(raw))) if not isinstance(raw, bool) else None
            if letters and len(letters) == 1 and LETTERS.index(letters[0]) < 2:
                return values[LETTERS.index(letters[0])]
        value = judge_value(raw)
        if value is None:
            self.fail(t("exchange.judge_answer", value=raw))
        return value

    def blanks(self, stem: str) -> list[list[str]] | None:
        raw = self.draft.answer
        accepted = raw if isinstance(raw, list) else split_blank_answers(str(raw))
        accepted = [[str(w).strip() for w in words if str(w).strip()] for words in accepted]
        for number, words in enumerate(accepted, start=1):
            if not words:
                self.fail(t("exchange.blank_empty", number=number))
                return None
        marks = len(BLANK_MARK.findall(stem))
        if marks == 0:
            self.fail(t("exchange.blank_no_marks"))
        elif marks != len(accepted):
            self.fail(t("exchange.blank_count", marks=marks, answers=len(accepted)))
        return accepted

    def difficulty(self) -> int:
        raw = self.draft.difficulty
        if raw is None or raw == "":
            return 1
        text = normalise(str(raw))
        value = DIFFICULTY_WORDS.get(text)
        if value is None and re.fullmatch(r"[123](\.0+)?", text):
            value = int(float(text))
        if value is None:
            self.fail(t("exchange.bad_difficulty", value=raw))
            return 1
        return value

    def question(self, defaults: Defaults) -> Question:
        draft = self.draft
        qtype = self.qtype()
        stem = draft.stem.strip()
        if not stem:
            self.fail(t("exchange.stem_empty"))
        if qtype == "blank":
            stem = mark_blanks(stem)
        qid = draft.id.strip()
        if qid and not ID_PATTERN.match(qid):
            self.fail(t("exchange.bad_id", id=qid))
        options = self.options(qtype)
        answer, options = self.answer(qtype, options, stem)
        return Question(
            id=qid,
            bank=defaults.bank,
            type=qtype,
            stem=stem,
            options=options,
            answer=answer,
            explanation=draft.explanation.strip(),
            sources=[s.strip() for s in draft.sources if s.strip()] or list(defaults.sources),
            lesson=draft.lesson.strip() or defaults.lesson,
            tags=[tag.strip() for tag in draft.tags if tag.strip()],
            difficulty=self.difficulty(),
            line=draft.line,
        )


def _shape_problems(question: Question) -> list[str]:
    """Run the bank loader on the question as it will be written; any complaint is a rejection.

    Fields the trainer completes later get stand-ins here, so only real mistakes remain."""
    stand_in = Question(**{**question.__dict__})
    stand_in.id = stand_in.id or "x"
    stand_in.explanation = stand_in.explanation or "x"
    stand_in.sources = stand_in.sources or ["x"]
    stand_in.lesson = stand_in.lesson or "x"
    data, problems = parse_yaml(question_yaml(stand_in), "")
    load_question(data, question.bank, "", problems)
    return [p.message for p in problems]


def _join_cases(drafts: list[Draft], built: Built, file: str, defaults: Defaults) -> None:
    """Rows naming the same 材料编号 become one case. A case is used whole, so a case with a
    rejected row, too few or too many questions, or rows apart is rejected whole."""
    by_line = {draft.line: draft for draft in drafts}
    runs: dict[str, list[Question]] = {}
    for question in built.questions:
        case_id = by_line[question.line].case_id.strip()
        if case_id:
            runs.setdefault(case_id, []).append(question)
    rejected_cases = {by_line[p.line].case_id.strip() for p in built.rejected if p.line in by_line and by_line[p.line].case_id.strip()}
    low, high = CASE_QUESTIONS
    kept = set()
    for case_id, questions in runs.items():
        first = by_line[questions[0].line]
        positions = [built.questions.index(q) for q in questions]
        problem = None
        if case_id in rejected_cases:
            problem = t("exchange.case_row_rejected", case=case_id)
        elif not ID_PATTERN.match(case_id):
            problem = t("exchange.bad_id", id=case_id)
        elif not low <= len(questions) <= high:
            problem = t("case.question_count", count=len(questions), low=low, high=high)
        elif positions != list(range(positions[0], positions[0] + len(positions))):
            problem = t("exchange.case_rows_apart", case=case_id)
        elif not first.case_material.strip() or not first.case_title.strip():
            problem = t("exchange.case_no_material", case=case_id)
        if problem:
            built.rejected += [Problem(file, q.line, problem) for q in questions]
            continue
        case = Case(id=case_id, bank=defaults.bank, title=first.case_title.strip(), material=first.case_material.strip(), line=first.line)
        for question in questions:
            question.case = case
        case.question_ids = [q.id for q in questions]
        case.tags = [tag for tag in questions[0].tags if all(tag in q.tags for q in questions)]
        kept.update(id(q) for q in questions)
    built.questions = [q for q in built.questions if id(q) in kept or not by_line[q.line].case_id.strip()]


def _new_ids(count: int, prefix: str, taken: set[str]) -> list[str]:
    ids, number = [], 0
    while len(ids) < count:
        number += 1
        candidate = f"{prefix}-{number:03d}"
        if candidate not in taken:
            ids.append(candidate)
    return ids


def build_questions(drafts: list[Draft], file: str, defaults: Defaults) -> Built:
    built = Built()
    first_line: dict[str, int] = {}
    for draft in drafts:
        check = _DraftCheck(draft)
        question = None
        try:
            question = check.question(defaults)
        except _Rejected:
            pass
        if question is not None and question.id:
            if question.id in first_line:
                check.fail(t("exchange.duplicate_id", id=question.id, first=first_line[question.id]))
            else:
                first_line[question.id] = draft.line
        if question is not None and not check.messages:
            check.messages += _shape_problems(question)
        if check.messages:
            built.rejected += [Problem(file, draft.line, message) for message in check.messages]
        else:
            built.questions.append(question)

    _join_cases(drafts, built, file, defaults)
    unnamed = [q for q in built.questions if not q.id]
    prefix = defaults.id_prefix or defaults.bank
    for question, qid in zip(unnamed, _new_ids(len(unnamed), prefix, set(first_line))):
        question.id = qid
    for question in built.questions:
        if question.case:
            question.case.question_ids = [q.id for q in built.questions if q.case is question.case]

    for question in built.questions:
        missing = [t(f"exchange.field.{name}") for name, value in
                   (("explanation", question.explanation), ("source", question.sources), ("lesson", question.lesson)) if not value]
        if missing:
            built.incomplete.append(Problem(file, question.line, t("exchange.incomplete", id=question.id, fields=t("exchange.list_separator").join(missing))))
    return built
