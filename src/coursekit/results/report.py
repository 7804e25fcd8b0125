"""The trainer's report: many result slips, marked again, merged into one workbook.

Sheets: 概况 (one row per paper), 按支部 (one row per branch and paper), 学员成绩 (one row per
slip, with what re-marking found), 题目统计 (one row per paper and question, most missed first)
with a bar chart of the ten most missed questions labelled by their text, and 未交名单 when a
roster is given. Scores are the re-marked ones (``coursekit.results.marking``), never a slip's own.
Times are shown in Beijing time (UTC+8), whatever zone the slip was written in.

When one learner hands in the same paper twice, every slip is listed, and the statistics count
the one handed in last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from coursekit.messages import t
from coursekit.office.cells import append_inert
from coursekit.results.marking import MarkedSlip
from coursekit.results.roster import RosterEntry, name_key

BEIJING = dt.timezone(dt.timedelta(hours=8))
CHART_SIZE = 10
LABEL_LENGTH = 24


@dataclass
class QuestionStats:
    paper: str
    id: str
    stem: str
    type: str
    answered: int = 0  # slips that contain the question
    marked: int = 0  # of those, machine-marked (short answers are marked by the learner)
    wrong: int = 0
    blank: int = 0  # left unanswered (counted as wrong too)

    @property
    def error_rate(self) -> float | None:
        return self.wrong / self.marked if self.marked else None

    @property
    def label(self) -> str:
        """The question as the chart names it: the start of its text."""
        stem = " ".join(self.stem.split())
        return stem if len(stem) <= LABEL_LENGTH else stem[: LABEL_LENGTH - 1] + "…"


@dataclass
class GroupSummary:
    paper: str
    title: str
    branch: str = ""
    scores: list[float] = field(default_factory=list)
    passed: int = 0
    expected: int | None = None  # on the roster, when one is given
    missing: int | None = None

    @property
    def learners(self) -> int:
        return len(self.scores)

    @property
    def average(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    @property
    def pass_rate(self) -> float | None:
        return self.passed / len(self.scores) if self.scores else None


@dataclass
class Missing:
    paper: str
    name: str
    branch: str


def counted(slips: list[MarkedSlip]) -> list[MarkedSlip]:
    """One slip per learner and paper: the last handed in."""
    latest: dict[tuple[str, str], MarkedSlip] = {}
    for marked in slips:
        key = (marked.slip.paper, name_key(marked.slip.name))
        if key not in latest or marked.slip.finished >= latest[key].slip.finished:
            latest[key] = marked
    return [m for m in slips if latest[(m.slip.paper, name_key(m.slip.name))] is m]


def question_stats(slips: list[MarkedSlip]) -> list[QuestionStats]:
    """Per paper and question: how often answered and missed. The most missed first, then the
    highest error rate; self-marked short answers after the marked ones; then by paper and id."""
    stats: dict[tuple[str, str], QuestionStats] = {}
    for marked in counted(slips):
        for answer in marked.answers:
            q = answer.question
            entry = stats.setdefault((marked.slip.paper, q.id), QuestionStats(marked.slip.paper, q.id, q.stem, q.type))
            entry.answered += 1
            if answer.given is None:
                entry.blank += 1
            if not answer.self_marked:
                entry.marked += 1
                entry.wrong += 0 if answer.correct else 1
    return sorted(stats.values(), key=lambda s: (-s.wrong, s.error_rate is None, -(s.error_rate or 0), s.paper, s.id))


def _groups(slips: list[MarkedSlip], by_branch: bool) -> dict[tuple[str, str], GroupSummary]:
    groups: dict[tuple[str, str], GroupSummary] = {}
    for marked in counted(slips):
        branch = marked.slip.group if by_branch else ""
        group = groups.setdefault((marked.slip.paper, branch), GroupSummary(marked.slip.paper, marked.blueprint.title, branch))
        group.scores.append(marked.score)
        group.passed += marked.passed
    return groups


def missing_learners(slips: list[MarkedSlip], roster: list[RosterEntry]) -> list[Missing]:
    """For every paper handed in, who on the roster has not handed it in."""
    handed: dict[str, set[str]] = {}
    for marked in slips:
        handed.setdefault(marked.slip.paper, set()).add(name_key(marked.slip.name))
    return [Missing(paper, entry.name, entry.branch) for paper in sorted(handed) for entry in roster if name_key(entry.name) not in handed[paper]]


def not_on_roster(slips: list[MarkedSlip], roster: list[RosterEntry]) -> list[str]:
    listed = {name_key(entry.name) for entry in roster}
    return sorted({m.slip.name for m in slips if name_key(m.slip.name) not in listed})


def paper_summaries(slips: list[MarkedSlip], roster: list[RosterEntry] | None = None) -> list[GroupSummary]:
    summaries = [g for _, g in sorted(_groups(slips, by_branch=False).items())]
    if roster is not None:
        missing = missing_learners(slips, roster)
        for s in summaries:
            s.expected = len(roster)
            s.missing = sum(1 for m in missing if m.paper == s.paper)
    return summaries


def branch_summaries(slips: list[MarkedSlip], roster: list[RosterEntry] | None = None) -> list[GroupSummary]:
    """Per paper and branch. With a roster that names branches, its branches with nobody handed in are listed too."""
    groups = _groups(slips, by_branch=True)
    titles = {m.slip.paper: m.blueprint.title for m in slips}
    if roster is not None and any(entry.branch for entry in roster):
        missing = missing_learners(slips, roster)
        for paper in titles:
            for branch in {entry.branch for entry in roster}:
                group = groups.setdefault((paper, branch), GroupSummary(paper, titles[paper], branch))
                group.expected = sum(1 for entry in roster if entry.branch == branch)
                group.missing = sum(1 for m in missing if m.paper == paper and m.branch == branch)
    return [g for _, g in sorted(groups.items())]


def review_note(marked: MarkedSlip, duplicate: bool, lang: str | None) -> str:
    """What re-marking found, in words a trainer acts on; empty when the slip is as the browser wrote it."""
    notes = []
    if not marked.trustworthy:
        notes.append(
            t(
                "results.note_changed",
                lang=lang,
                claimed=_number(marked.slip.score),
                score=_number(marked.score),
                count=len(marked.changed),
            )
        )
    if marked.self_marked_score:
        notes.append(t("results.note_self_marked", lang=lang, points=_number(marked.self_marked_score)))
    if duplicate:
        notes.append(t("results.note_duplicate", lang=lang))
    return "；".join(notes)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _beijing(moment: dt.datetime) -> dt.datetime:
    # Excel has no time zones: write the wall-clock time in Beijing, without zone.
    return moment.astimezone(BEIJING).replace(tzinfo=None, microsecond=0)


def _append(sheet, values: list) -> None:
    """A row of values, every cell inert (``coursekit.office.cells``): a text that starts like a
    formula stays text, a control character cannot stop the report."""
    append_inert(sheet, values)


def _header(sheet, keys: list[str], lang: str | None) -> None:
    sheet.append([t(f"results.column_{key}", lang=lang) for key in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _percent(sheet, column: int) -> None:
    sheet.cell(sheet.max_row, column).number_format = "0.0%"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def write_report(slips: list[MarkedSlip], path: Path, roster: list[RosterEntry] | None = None, lang: str | None = None) -> None:
    workbook = Workbook()
    with_roster = roster is not None
    summary = workbook.active
    summary.title = t("results.sheet_summary", lang=lang)
    keys = ["paper", "paper_title", "learners", "average", "best", "worst", "passed_count", "pass_rate"]
    _header(summary, keys + (["expected", "missing"] if with_roster else []), lang)
    for s in paper_summaries(slips, roster):
        row = [s.paper, s.title, s.learners, _round(s.average), max(s.scores), min(s.scores), s.passed, s.pass_rate]
        _append(summary, row + ([s.expected, s.missing] if with_roster else []))
        _percent(summary, 8)
    _widths(summary, [22, 26, 8, 8, 8, 8, 10, 10, 10, 10])

    branches = workbook.create_sheet(t("results.sheet_branches", lang=lang))
    _header(branches, ["branch", "paper", "learners", "average", "passed_count", "pass_rate"] + (["expected", "missing"] if with_roster else []), lang)
    for s in branch_summaries(slips, roster):
        row = [s.branch or t("results.branch_unknown", lang=lang), s.paper, s.learners, _round(s.average), s.passed, s.pass_rate]
        _append(branches, row + ([s.expected, s.missing] if with_roster else []))
        _percent(branches, 6)
    _widths(branches, [24, 22, 8, 8, 10, 10, 10, 10])

    learners = workbook.create_sheet(t("results.sheet_learners", lang=lang))
    _header(learners, ["name", "branch", "paper", "paper_title", "seed", "score", "total", "passed", "review", "started", "finished", "minutes", "file"], lang)
    kept = {id(m) for m in counted(slips)}
    for marked in slips:
        slip = marked.slip
        _append(
            learners,
            [
                slip.name,
                slip.group,
                slip.paper,
                marked.blueprint.title,
                slip.seed,
                marked.score,
                marked.total,
                t("results.passed_yes" if marked.passed else "results.passed_no", lang=lang),
                review_note(marked, id(marked) not in kept, lang),
                _beijing(slip.started),
                _beijing(slip.finished),
                round(slip.minutes, 1),
                Path(slip.file).name,
            ],
        )
        for column in (10, 11):
            learners.cell(learners.max_row, column).number_format = "yyyy-mm-dd hh:mm:ss"
        learners.cell(learners.max_row, 9).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(learners, [10, 22, 20, 22, 8, 7, 7, 9, 36, 20, 20, 9, 24])

    sheet = workbook.create_sheet(t("results.sheet_questions", lang=lang))
    _header(sheet, ["paper", "id", "stem", "type", "answered", "wrong", "unanswered", "error_rate", "label"], lang)
    stats = question_stats(slips)
    for s in stats:
        _append(sheet, [s.paper, s.id, s.stem, t(f"type.{s.type}", lang=lang), s.answered, s.wrong, s.blank, s.error_rate, s.label])
        _percent(sheet, 8)
        sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(sheet, [20, 14, 60, 10, 10, 10, 8, 10, 28])
    shown = min(CHART_SIZE, sum(1 for s in stats if s.wrong))
    if shown:
        chart = BarChart()
        chart.type = "bar"  # horizontal bars: the questions' text reads along the axis
        chart.title = t("results.chart_title", lang=lang, count=shown)
        chart.y_axis.title = t("results.column_wrong", lang=lang)
        chart.x_axis.title = t("results.column_label", lang=lang)
        chart.x_axis.scaling.orientation = "maxMin"  # the most missed at the top, as in the table
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=6, min_row=1, max_row=shown + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=9, min_row=2, max_row=shown + 1))
        chart.height, chart.width = 10, 20
        sheet.add_chart(chart, "K2")

    if with_roster:
        absent = workbook.create_sheet(t("results.sheet_missing", lang=lang))
        _header(absent, ["paper", "name", "branch"], lang)
        for m in missing_learners(slips, roster):
            _append(absent, [m.paper, m.name, m.branch])
        _widths(absent, [22, 12, 24])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
