"""The trainer's report: many result slips merged into one workbook.

Sheets: 概况 (one row per paper), 学员成绩 (one row per slip), 题目统计 (one row per question, most
missed first) with a bar chart of the ten most missed questions. Times are shown in Beijing time
(UTC+8), whatever zone the slip was written in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from coursekit.messages import t
from coursekit.model import Question
from coursekit.office.cells import append_inert
from coursekit.results.slip import ResultSlip

BEIJING = dt.timezone(dt.timedelta(hours=8))
CHART_SIZE = 10


@dataclass
class QuestionStats:
    id: str
    stem: str
    type: str
    answered: int = 0  # slips that contain the question
    marked: int = 0  # of those, marked right or wrong (self-marked short answers are not)
    wrong: int = 0

    @property
    def error_rate(self) -> float | None:
        return self.wrong / self.marked if self.marked else None


@dataclass
class PaperSummary:
    paper: str
    title: str
    learners: int
    average: float
    best: float
    worst: float
    passed: int

    @property
    def pass_rate(self) -> float:
        return self.passed / self.learners


def question_stats(slips: list[ResultSlip], questions: dict[str, Question]) -> list[QuestionStats]:
    """Per question: how often answered and missed. The most missed first, then the highest error
    rate; questions never machine-marked (self-marked short answers) after the marked ones; then by id."""
    stats: dict[str, QuestionStats] = {}
    for slip in slips:
        for answer in slip.answers:
            question = questions.get(answer.id)
            entry = stats.setdefault(answer.id, QuestionStats(answer.id, question.stem if question else "", answer.type))
            entry.answered += 1
            if answer.correct is not None:
                entry.marked += 1
                entry.wrong += 0 if answer.correct else 1
    return sorted(stats.values(), key=lambda s: (-s.wrong, s.error_rate is None, -(s.error_rate or 0), s.id))


def paper_summaries(slips: list[ResultSlip]) -> list[PaperSummary]:
    by_paper: dict[str, list[ResultSlip]] = {}
    for slip in slips:
        by_paper.setdefault(slip.paper, []).append(slip)
    summaries = []
    for paper, group in sorted(by_paper.items()):
        scores = [s.score for s in group]
        summaries.append(
            PaperSummary(paper, group[0].paper_title, len(group), sum(scores) / len(scores), max(scores), min(scores), sum(s.passed for s in group))
        )
    return summaries


def _beijing(moment: dt.datetime) -> dt.datetime:
    # Excel has no time zones: write the wall-clock time in Beijing, without zone.
    return moment.astimezone(BEIJING).replace(tzinfo=None, microsecond=0)


def _header(sheet, keys: list[str], lang: str | None) -> None:
    sheet.append([t(f"results.column_{key}", lang=lang) for key in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def write_report(slips: list[ResultSlip], questions: dict[str, Question], path: Path, lang: str | None = None) -> None:
    workbook = Workbook()
    summary = workbook.active
    summary.title = t("results.sheet_summary", lang=lang)
    _header(summary, ["paper", "paper_title", "learners", "average", "best", "worst", "passed_count", "pass_rate"], lang)
    for s in paper_summaries(slips):
        append_inert(summary, [s.paper, s.title, s.learners, round(s.average, 2), s.best, s.worst, s.passed, s.pass_rate])
        summary.cell(summary.max_row, 8).number_format = "0.0%"
    _widths(summary, [18, 24, 8, 8, 8, 8, 10, 10])

    learners = workbook.create_sheet(t("results.sheet_learners", lang=lang))
    _header(learners, ["name", "unit", "paper", "paper_title", "seed", "score", "total", "passed", "started", "finished", "minutes", "file"], lang)
    for slip in slips:
        append_inert(
            learners,
            [
                slip.name,
                slip.unit,
                slip.paper,
                slip.paper_title,
                slip.seed,
                slip.score,
                slip.total,
                t("results.passed_yes" if slip.passed else "results.passed_no", lang=lang),
                _beijing(slip.started),
                _beijing(slip.finished),
                round(slip.minutes, 1),
                Path(slip.file).name,
            ]
        )
        for column in (9, 10):
            learners.cell(learners.max_row, column).number_format = "yyyy-mm-dd hh:mm:ss"
    _widths(learners, [10, 24, 16, 22, 8, 7, 7, 9, 20, 20, 9, 24])

    sheet = workbook.create_sheet(t("results.sheet_questions", lang=lang))
    _header(sheet, ["id", "stem", "type", "answered", "wrong", "error_rate"], lang)
    stats = question_stats(slips, questions)
    for s in stats:
        stem = s.stem or t("results.stem_unknown", lang=lang)
        append_inert(sheet, [s.id, stem, t(f"type.{s.type}", lang=lang), s.answered, s.wrong, s.error_rate])
        sheet.cell(sheet.max_row, 6).number_format = "0.0%"
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(sheet, [14, 60, 12, 10, 10, 10])
    shown = min(CHART_SIZE, sum(1 for s in stats if s.wrong))
    if shown:
        chart = BarChart()
        chart.type = "bar"  # horizontal bars: question ids read along the axis
        chart.title = t("results.chart_title", lang=lang, count=shown)
        chart.y_axis.title = t("results.column_wrong", lang=lang)
        chart.x_axis.title = t("results.column_id", lang=lang)
        chart.x_axis.scaling.orientation = "maxMin"  # the most missed at the top, as in the table
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=shown + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=shown + 1))
        chart.height, chart.width = 9, 16
        sheet.add_chart(chart, "H2")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
