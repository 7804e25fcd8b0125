"""The reviewer's checklist (``coursekit review``): what rests on a regulation under review, which
article numbers are not confirmed, and which dated lessons are due for a look.

Everything here is computed from the loaded project; ``commands/review.py`` prints it and
``write_review_workbook`` writes it as an .xlsx with a column to tick.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from coursekit.check import INLINE_CITATION
from coursekit.currency import date_text, is_stale, lesson_keys, regulations_under_review
from coursekit.draw import candidates
from coursekit.messages import current_lang, t
from coursekit.model import Citation, Project, Regulation, regulations_of
from coursekit.office.cells import set_inert


@dataclass
class Dependent:
    """A lesson, question or paper blueprint resting on a regulation under review."""

    kind: str  # lesson | question | paper
    file: str
    line: int
    what: str  # title, id and stem, or paper title
    keys: list[str] = field(default_factory=list)
    count: int = 0  # for a paper: how many questions of its pools rest on the regulation

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class RegulationReview:
    regulation: Regulation
    lessons: list[Dependent] = field(default_factory=list)
    questions: list[Dependent] = field(default_factory=list)
    papers: list[Dependent] = field(default_factory=list)
    unchecked_keys: list[str] = field(default_factory=list)


@dataclass
class Review:
    regulations: list[RegulationReview]
    numbers: list[Citation]  # entries whose article number is not confirmed
    stale: list  # (lesson, line of its as_of) for lessons dated more than a year ago

    def remaining(self) -> dict[str, int]:
        def distinct(attr: str) -> int:
            # one lesson or blueprint per file; a question is its file and line
            return len({d.place if d.kind == "question" else d.file for r in self.regulations for d in getattr(r, attr)})

        return {
            "lessons": distinct("lessons"),
            "questions": distinct("questions"),
            "papers": distinct("papers"),
            "keys": sum(len(r.unchecked_keys) for r in self.regulations),
        }


def _front_matter_line(project: Project, lesson, field_name: str) -> int:
    """The line of a front matter field of a lesson file (1 if it cannot be found)."""
    path = Path(project.root) / lesson.file
    try:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.match(rf"^{field_name}\s*:", line):
                return number
    except OSError:
        pass
    return 1


def _lesson_line(project: Project, lesson, keys: set[str]) -> int:
    """Where a lesson first rests on ``keys``: the first citation in its text, else its ``sources:``."""
    for match in INLINE_CITATION.finditer(lesson.body):
        if match.group(1) in keys:
            return lesson.line_at(match.start())
    return _front_matter_line(project, lesson, "sources")


def build_review(project: Project, today: dt.date | None = None) -> Review:
    citations = project.citations
    reviews: dict[str, RegulationReview] = {}
    for regulation in regulations_of(citations.values()).values():
        if regulation.under_review:
            review = RegulationReview(regulation)
            review.unchecked_keys = [c.key for c in citations.values() if c.document is regulation and c.under_review]
            reviews[regulation.id] = review

    def under_review_keys(keys: list[str], regulation: Regulation) -> list[str]:
        return [k for k in keys if k in citations and citations[k].document is regulation and citations[k].under_review]

    for lesson in project.lessons():
        keys = lesson_keys(lesson)
        for regulation in regulations_under_review(keys, citations, lesson.not_affected, fold=False):
            mine = under_review_keys(keys, regulation)
            line = _lesson_line(project, lesson, set(mine))
            reviews[regulation.id].lessons.append(Dependent("lesson", lesson.file, line, lesson.title, mine))
    affected_questions: dict[str, set[str]] = {rid: set() for rid in reviews}
    for question in project.questions():
        for regulation in regulations_under_review(question.sources, citations, question.not_affected, fold=False):
            mine = under_review_keys(question.sources, regulation)
            reviews[regulation.id].questions.append(Dependent("question", question.file, question.line, f"{question.id} {question.stem}", mine))
            affected_questions[regulation.id].add(question.id)
    banks = {bank.id: bank for bank in project.banks}
    for blueprint in project.blueprints:
        for rid, review in reviews.items():
            count, first_line = 0, 0
            for section in blueprint.sections:
                for rule in section.draws:
                    pool = candidates(rule, section, banks, set())
                    hits = sum(1 for q in pool if q.id in affected_questions[rid])
                    if hits:
                        count += hits
                        first_line = first_line or rule.line
            if count:
                review.papers.append(Dependent("paper", blueprint.file, first_line or blueprint.line, blueprint.title, count=count))
    numbers = [c for c in citations.values() if not c.confirmed]
    stale = [(lesson, _front_matter_line(project, lesson, "as_of")) for lesson in project.lessons() if is_stale(lesson, today)]
    return Review(list(reviews.values()), numbers, stale)


def _status(regulation: Regulation, lang: str) -> str:
    return t("currency.status_revision", lang=lang, date=date_text(regulation.revision.date, lang)) if regulation.revision else ""


def review_lines(review: Review, lang: str | None = None) -> list[str]:
    """The checklist as the terminal shows it."""
    lines: list[str] = []
    if not review.regulations:
        lines.append(t("currency.review_none", lang=lang))
    for item in review.regulations:
        regulation = item.regulation
        lines.append(t("currency.review_regulation", lang=lang, title=regulation.title, edition=regulation.edition, status=_status(regulation, lang or current_lang())))
        if regulation.revision:
            lines.append(t("currency.review_source", lang=lang, source=regulation.revision.source))
            lines.append(t("currency.review_known", lang=lang, known=regulation.revision.known))
        for heading, dependents in (("review_lessons", item.lessons), ("review_questions", item.questions)):
            lines.append(t(f"currency.{heading}", lang=lang, count=len(dependents)))
            separator = t("page.list_separator", lang=lang)
            lines += [t("currency.review_item", lang=lang, place=d.place, what=_one_line(d.what), keys=separator.join(d.keys)) for d in dependents]
        lines.append(t("currency.review_papers", lang=lang, count=len(item.papers)))
        lines += [t("currency.review_paper_item", lang=lang, place=d.place, what=d.what, count=d.count) for d in item.papers]
        lines.append("")
    lines.append(t("currency.review_numbers", lang=lang, count=len(review.numbers)))
    for c in review.numbers:
        number = c.article if c.article else t("currency.number_unknown", lang=lang)
        note = f"（{c.number_note}）" if c.number_note else ""
        lines.append(t("currency.review_number_item", lang=lang, place=f"{c.file}:{c.line}", label=f"{c.key} {c.label}", number=number, note=note))
    lines.append("")
    if review.stale:
        lines.append(t("currency.review_stale", lang=lang, count=len(review.stale)))
        lines += [t("currency.review_stale_item", lang=lang, place=f"{lesson.file}:{line}", title=lesson.title, as_of=lesson.as_of) for lesson, line in review.stale]
    else:
        lines.append(t("currency.review_stale_none", lang=lang))
    lines.append("")
    lines.append(t("currency.review_remaining", lang=lang, **review.remaining()))
    return lines


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(sheet, row: int, column: int, value: object) -> None:
    set_inert(sheet.cell(row=row, column=column), value)  # text from the sources is text, never a formula


def _sheet(book, title: str, header: list[str], rows: list[list[object]], widths: list[int]) -> None:
    sheet = book.create_sheet(title)
    for column, name in enumerate(header, 1):
        cell = sheet.cell(row=1, column=column, value=name)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="FDE9E7")
    for number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            _cell(sheet, number, column, value)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    tick = DataValidation(type="list", formula1='"√"', allow_blank=True)  # a tick from a drop-down, as on paper
    tick.add(f"A2:A{max(len(rows) + 1, 2)}")
    sheet.add_data_validation(tick)


def write_review_workbook(review: Review, path: Path, lang: str | None = None) -> int:
    """The checklist as a workbook: a first column to tick, one sheet per kind of check; returns
    the number of rows to check."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    c = lambda key: t(f"currency.{key}", lang=lang)  # noqa: E731
    rows = []
    for item in review.regulations:
        for d in item.lessons + item.questions + item.papers:
            keys = "、".join(d.keys) if d.keys else t("currency.review_paper_count", lang=lang, count=d.count)
            rows.append(["", item.regulation.title, c(f"kind_{d.kind}"), d.place, d.what, keys, ""])
    _sheet(book, c("sheet_review"), [c("column_done"), c("column_regulation"), c("column_kind"), c("column_place"), c("column_item"), c("column_keys"), c("column_checker")], rows, [10, 28, 10, 34, 60, 30, 16])
    number_rows = [
        ["", f"{n.file}:{n.line}", n.key, n.label, n.article or "—", c(f"number_{n.number}"), n.number_note, ""]
        for n in review.numbers
    ]
    _sheet(book, c("sheet_numbers"), [c("column_done"), c("column_place"), c("column_key"), c("column_label"), c("column_article"), c("column_number"), c("column_note"), c("column_checker")], number_rows, [10, 30, 24, 36, 14, 10, 40, 16])
    stale_rows = [["", f"{lesson.file}:{line}", lesson.title, lesson.as_of, ""] for lesson, line in review.stale]
    _sheet(book, c("sheet_stale"), [c("column_done"), c("column_place"), c("column_item"), c("column_as_of"), c("column_checker")], stale_rows, [10, 40, 40, 14, 16])
    book.save(path)
    return len(rows) + len(number_rows) + len(stale_rows)
