"""The lesson plan (教案) of a course as a Word document."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm

from coursekit.currency import lesson_notices, notice_text
from coursekit.messages import t
from coursekit.model import Course, Lesson, Project
from coursekit.office.word import TITLE_STYLE, add_page_footer, new_document, save_reproducibly, set_column_widths
from coursekit.numerals import chinese_numeral
from coursekit.plans.key_points import key_points, plan_questions


def _labelled(doc: DocumentObject, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(value)


def _bullets(doc: DocumentObject, items: list[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def _steps_table(doc: DocumentObject, lesson: Lesson, lang: str) -> None:
    steps = lesson.trainer_notes.steps
    table = doc.add_table(rows=len(steps) + 2, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = [t("plan.step_number", lang=lang), t("plan.step", lang=lang), t("plan.step_minutes_header", lang=lang)]
    rows = [header] + [[str(i), s.step, str(s.minutes)] for i, s in enumerate(steps, 1)]
    rows.append(["", t("plan.steps_total", lang=lang), str(lesson.trainer_notes.minutes)])
    set_column_widths(table, [Mm(16), Mm(126), Mm(24)])
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True


def _lesson(doc: DocumentObject, project: Project, number: int, lesson: Lesson, lang: str) -> None:
    doc.add_heading(t("plan.lesson_heading", lang=lang, number=chinese_numeral(number), title=lesson.title), level=1)
    notes = lesson.trainer_notes
    minutes = t("plan.minutes", lang=lang, minutes=lesson.minutes)
    if notes and notes.steps:
        minutes += t("plan.minutes_steps", lang=lang, minutes=notes.minutes)
    _labelled(doc, t("plan.duration", lang=lang), minutes)
    for regulation in lesson_notices(lesson, project.citations):
        doc.add_paragraph(notice_text(regulation, "plan", lang)).runs[0].bold = True
    if lesson.objectives:
        doc.add_heading(t("plan.objectives", lang=lang), level=2)
        _bullets(doc, lesson.objectives)
    if notes is not None:
        if notes.steps:
            doc.add_heading(t("plan.steps", lang=lang), level=2)
            _steps_table(doc, lesson, lang)
        if notes.discussion:
            doc.add_heading(t("plan.discussion", lang=lang), level=2)
            for index, question in enumerate(notes.discussion, 1):
                doc.add_paragraph(f"{index}. {question}")
        if notes.activity:
            doc.add_heading(t("plan.activity", lang=lang), level=2)
            doc.add_paragraph(notes.activity)
        if notes.materials:
            doc.add_heading(t("plan.materials", lang=lang), level=2)
            _bullets(doc, notes.materials)
        if notes.questions:
            doc.add_heading(t("plan.questions", lang=lang), level=2)
            _bullets(doc, plan_questions(project, notes.questions, lang))
        if notes.notes:
            doc.add_heading(t("plan.notes", lang=lang), level=2)
            doc.add_paragraph(notes.notes)
    points = key_points(lesson)
    if points:
        doc.add_heading(t("plan.key_points", lang=lang), level=2)
        _bullets(doc, points)
    if lesson.sources:
        doc.add_heading(t("plan.sources", lang=lang), level=2)
        for key in lesson.sources:
            citation = project.citations.get(key)
            text = f"{citation.full_label}：{citation.summary}" if citation else key
            doc.add_paragraph(text, style="List Bullet")


def write_plan_docx(project: Project, course: Course, path: Path, lang: str = "zh") -> None:
    doc = new_document()
    title = t("plan.document_title", lang=lang, title=course.title)
    doc.add_paragraph(title, style=TITLE_STYLE)
    _labelled(doc, t("plan.audience", lang=lang), course.audience)
    _labelled(doc, t("plan.course_length", lang=lang), t("plan.course_minutes", lang=lang, count=len(course.lessons), minutes=course.minutes))
    doc.add_heading(t("plan.course_objectives", lang=lang), level=1)
    _bullets(doc, course.objectives)
    for number, lesson in enumerate(course.lessons, 1):
        _lesson(doc, project, number, lesson, lang)
    add_page_footer(doc, t("plan.footer", lang=lang, title=course.title), t("paper.footer_end", lang=lang))
    save_reproducibly(doc, path, title)
