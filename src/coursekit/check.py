"""Whole-site rules: what no single file can tell on its own."""

from __future__ import annotations

import difflib
import re
import unicodedata

from coursekit.draw import draw_paper
from coursekit.messages import t
from coursekit.model import SECTION_TYPES, STATUS_SUPERSEDED, Citation, Project, regulations_of
from coursekit.problems import Problem

# Inline citation in lesson Markdown: [@tiaoli-11]
INLINE_CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
# What an author may have meant as one: full-width brackets or at sign, blanks, any characters.
CITATION_LOOKALIKE = re.compile(r"[\[［]\s*[@＠]\s*([^\]］\n]{1,80}?)\s*[\]］]")
# Letters that look Latin but are not (Cyrillic, Greek), as a key would have them.
_CONFUSABLES = str.maketrans("аеіјоресухѕԁӏαεικνορτυχ", "aeijopecyxsdlaeikvoptux")


def nearest_key(key: str, keys) -> str | None:
    """The citation key ``key`` was most likely meant to be: the same once full-width and
    look-alike letters are folded, or a close spelling."""
    folded = unicodedata.normalize("NFKC", key).lower().translate(_CONFUSABLES).strip()
    if folded in keys:
        return folded
    close = difflib.get_close_matches(folded, list(keys), n=1, cutoff=0.8)
    return close[0] if close else None


def unknown_key_message(key: str, keys) -> str:
    near = nearest_key(key, keys)
    message = t("check.unknown_citation", key=key)
    return message + t("check.nearest_key", key=near) if near else message


def lesson_citation_problems(lesson, citations) -> list[Problem]:
    """Front-matter sources and inline citations of a lesson (or a translated lesson) that name no
    citation, and text that looks like an inline citation but is not one (it would show as typed)."""
    problems = []
    for key in lesson.sources:
        if key not in citations:
            problems.append(Problem(lesson.file, 1, unknown_key_message(key, citations)))
    for match in INLINE_CITATION.finditer(lesson.body):
        if match.group(1) not in citations:
            problems.append(Problem(lesson.file, lesson.line_at(match.start()), unknown_key_message(match.group(1), citations)))
    for match in CITATION_LOOKALIKE.finditer(lesson.body):
        if INLINE_CITATION.fullmatch(match.group(0)):
            continue
        problem = _lookalike(match, citations, lesson.file, lesson.line_at(match.start()))
        problems += [problem] if problem else []
    return problems


def _lookalike(match, citations, file: str, line: int) -> Problem | None:
    """A problem when what is written would be a key once folded, or is close to one: "[@…]" in a
    sentence about citations is text."""
    near = nearest_key(match.group(1), citations)
    folded = unicodedata.normalize("NFKC", match.group(1)).lower().translate(_CONFUSABLES).strip()
    if near is None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folded):
        return None
    message = t("check.citation_lookalike", text=match.group(0))
    return Problem(file, line, message + t("check.nearest_key", key=near) if near else message)


# A stem that points at the lesson or the screen ("按本课介绍的…") makes no sense on a printed paper.
PAGE_REFERENCE = re.compile(r"本课|本节|课文|本页|网页|页面|上文|下文|本站|上一课|下一课")
PLAN_MINUTES = (30, 45)


def _duplicates(items, key, where, message_key) -> list[Problem]:
    problems = []
    first: dict[str, tuple[str, int]] = {}
    for item in items:
        name = key(item)
        if not name:
            continue
        file, line = where(item)
        if name in first:
            first_file, first_line = first[name]
            problems.append(Problem(file, line, t(message_key, id=name, first=f"{first_file}:{first_line}")))
        else:
            first[name] = (file, line)
    return problems


def _retired_reused(project: Project, cases: list) -> list[Problem]:
    """A retired id stays retired: a learner's saved mistakes must never point at a new question."""
    retired = {rid: f"{bank.file}:{bank.retired_line}" for bank in project.banks for rid in bank.retired}
    return [
        Problem(item.file, item.line, t("check.retired_reused", id=item.id, first=retired[item.id]))
        for item in [*project.questions(), *cases]
        if item.id in retired
    ]


def _superseded(citation: Citation, regulations: dict) -> str:
    """What replaces ``citation``, or "" if it may still be cited."""
    if citation.superseded_by:
        return citation.superseded_by
    document = citation.document
    if document is not None and document.status == STATUS_SUPERSEDED:
        replacement = regulations.get(document.superseded_by)
        return replacement.title if replacement else document.superseded_by
    return ""


def _currency_problems(project: Project) -> list[Problem]:
    """Editions: what a superseded entry points to exists, nothing still cites it, and
    ``not_affected`` names regulations the index knows."""
    problems: list[Problem] = []
    citations = project.citations
    regulations = regulations_of(citations.values())
    for regulation in regulations.values():
        if regulation.status == STATUS_SUPERSEDED and regulation.superseded_by and regulation.superseded_by not in regulations:
            problems.append(Problem(regulation.file, regulation.line, t("currency.superseded_unknown", target=regulation.superseded_by)))
    for citation in citations.values():
        if citation.superseded_by and citation.superseded_by not in citations:
            problems.append(Problem(citation.file, citation.line, t("currency.superseded_unknown", target=citation.superseded_by)))

    def cited(key: str, file: str, line: int) -> None:
        citation = citations.get(key)
        by = _superseded(citation, regulations) if citation else ""
        if by:
            problems.append(Problem(file, line, t("currency.superseded_cited", key=key, regulation=citation.regulation, by=by)))

    def not_affected(ids: list[str], file: str, line: int) -> None:
        for name in ids:
            if name not in regulations:
                problems.append(Problem(file, line, t("currency.unknown_regulation", id=name, available="、".join(regulations))))

    for lesson in project.lessons():
        for key in lesson.sources:
            cited(key, lesson.file, 1)
        for match in INLINE_CITATION.finditer(lesson.body):
            cited(match.group(1), lesson.file, lesson.line_at(match.start()))
        not_affected(lesson.not_affected, lesson.file, 1)
    for question in project.questions():
        for key in question.sources:
            cited(key, question.file, question.line)
        not_affected(question.not_affected, question.file, question.line)
    return problems


def check_project(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    citations = project.citations
    lessons = project.lesson_index()
    problems += _currency_problems(project)

    problems += _duplicates(project.banks, lambda b: b.id, lambda b: (b.file, b.line), "check.duplicate_bank")
    cases = [case for bank in project.banks for case in bank.cases]
    problems += _duplicates([*project.questions(), *cases], lambda q: q.id, lambda q: (q.file, q.line), "check.duplicate_question")
    problems += _retired_reused(project, cases)
    problems += _duplicates(project.blueprints, lambda b: b.id, lambda b: (b.file, b.line), "check.duplicate_paper")

    for lesson in project.lessons():
        if not lesson.sources:
            problems.append(Problem(lesson.file, 1, t("check.lesson_no_sources")))
        problems += lesson_citation_problems(lesson, citations)

    for question in project.questions():
        for key in question.sources:
            if key not in citations:
                near = nearest_key(key, citations)
                message = t("check.question_unknown_citation", id=question.id, key=key) + (t("check.nearest_key", key=near) if near else "")
                problems.append(Problem(question.file, question.line, message))
        if question.lesson not in lessons:
            problems.append(Problem(question.file, question.line, t("check.unknown_lesson", id=question.id, lesson=question.lesson)))

    question_ids = {q.id for q in project.questions()}
    for lesson in project.lessons():
        notes = lesson.trainer_notes
        for qid, line in zip(notes.questions if notes else [], notes.question_lines if notes else []):
            if qid not in question_ids:
                problems.append(Problem(lesson.file, line, t("check.plan_unknown_question", id=qid)))

    banks = {bank.id: bank for bank in project.banks}
    for blueprint in project.blueprints:
        for section in blueprint.sections:
            for rule in section.draws:
                if rule.bank and rule.bank not in banks:
                    problems.append(Problem(blueprint.file, rule.line, t("check.blueprint_unknown_bank", bank=rule.bank)))
        _, shortages = draw_paper(blueprint, banks, blueprint.seed)
        for shortage in shortages:
            # A section of an unknown type has no questions to draw; its type is already reported.
            if shortage.rule.bank in banks and shortage.section.type in SECTION_TYPES:
                problems.append(
                    Problem(
                        blueprint.file,
                        shortage.rule.line,
                        t(
                            "check.blueprint_too_many",
                            count=shortage.rule.count,
                            available=shortage.available,
                            bank=shortage.rule.bank,
                            type=t(f"type.{shortage.section.type}"),
                            tag=shortage.rule.tag or "—",
                        ),
                    )
                )
    return problems



def check_advice(project: Project) -> list[Problem]:
    """What does not stop a build but leaves a trainer short: a lesson without a lesson plan, a
    plan whose outline is not a 30–45 minute session, a plan's practice question from another
    lesson, a stem that points at the lesson or the web page."""
    advice: list[Problem] = []
    questions = {q.id: q for q in project.questions()}
    for lesson in project.lessons():
        notes = lesson.trainer_notes
        if notes is None:
            advice.append(Problem(lesson.file, 1, t("check.no_plan", lesson=lesson.id)))
            continue
        low, high = PLAN_MINUTES
        if not low <= notes.minutes <= high:
            advice.append(Problem(lesson.file, notes.line, t("check.plan_minutes", minutes=notes.minutes, low=low, high=high)))
        for qid, line in zip(notes.questions, notes.question_lines):
            question = questions.get(qid)
            if question is not None and question.lesson != lesson.id:
                advice.append(Problem(lesson.file, line, t("check.plan_question_lesson", id=qid, lesson=question.lesson)))
    for question in project.questions():
        match = PAGE_REFERENCE.search(question.stem)
        if match:
            advice.append(Problem(question.file, question.line, t("check.stem_page_reference", id=question.id, words=match.group(0))))
    return advice
