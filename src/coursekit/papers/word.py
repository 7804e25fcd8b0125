"""The Word documents of a paper variant: the exam paper (with an answer sheet) and its answer key."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from coursekit.messages import t
from coursekit.model import LETTERS, Citation
from coursekit.office.word import TITLE_STYLE, add_page_footer, new_document, save_reproducibly, set_column_widths
from coursekit.papers.answers import answer_text, number_text, paper_notices, revision_notice, short_answer_text, source_label, stem_parts
from coursekit.papers.numerals import chinese_numeral
from coursekit.papers.titles import GRID_COLUMNS, key_title, paper_title, section_heading
from coursekit.papers.variants import OBJECTIVE_TYPES, PaperItem, PaperVariant

OPTION_INDENT = Mm(7)
BLANK = "\u3000" * 6  # full-width spaces, underlined: room to write a word or two by hand
SHORT_ANSWER_HEIGHT = Mm(45)
def _rules(variant: PaperVariant, lang: str) -> str:
    blueprint = variant.blueprint
    return t(
        "paper.rules",
        lang=lang,
        minutes=blueprint.time_limit,
        total=number_text(blueprint.total_points),
        pass_mark=number_text(blueprint.pass_mark),
        seed=variant.seed,
    )


def _centered(doc: DocumentObject, text: str) -> None:
    doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _candidate_table(doc: DocumentObject, lang: str) -> None:
    """姓名 / 单位 / 得分, each with room to write."""
    labels = [t("paper.name", lang=lang), t("paper.unit", lang=lang), t("paper.score", lang=lang)]
    widths = [Mm(16), Mm(36), Mm(16), Mm(62), Mm(16), Mm(20)]
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(table, widths)
    row = table.rows[0]
    row.height, row.height_rule = Mm(10), WD_ROW_HEIGHT_RULE.AT_LEAST
    for index, cell in enumerate(row.cells):
        if index % 2 == 0:
            cell.text = labels[index // 2]
    doc.add_paragraph()


def _grid(doc: DocumentObject, cells: list[tuple[str, str]], lang: str) -> None:
    """题号 / 答案 grid: a row of numbers over a row of answers, ``GRID_COLUMNS`` to a line."""
    rows = []
    for start in range(0, len(cells), GRID_COLUMNS):
        chunk = cells[start : start + GRID_COLUMNS]
        rows.append(([t("paper.sheet_number", lang=lang)] + [n for n, _ in chunk], False))
        rows.append(([t("paper.sheet_answer", lang=lang)] + [a for _, a in chunk], True))
    table = doc.add_table(rows=len(rows), cols=GRID_COLUMNS + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(table, [Mm(18)] + [Mm(14.6)] * GRID_COLUMNS)
    for row, (values, is_answer) in zip(table.rows, rows):
        if is_answer:
            row.height, row.height_rule = Mm(10), WD_ROW_HEIGHT_RULE.AT_LEAST
        for index, cell in enumerate(row.cells):
            cell.text = values[index] if index < len(values) else ""
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph()


def _stem(doc: DocumentObject, item: PaperItem, with_blanks: bool = True):
    """The numbered stem; blanks as underlined space; a bracket to answer in for objective types."""
    question = item.question
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True  # never a stem alone at the foot of a page
    paragraph.add_run(f"{item.number}. ")
    parts = stem_parts(question.stem) if question.type == "blank" else [question.stem]
    for index, text in enumerate(parts):
        if index:
            if with_blanks:
                paragraph.add_run(BLANK).font.underline = True
            else:
                paragraph.add_run("____")
        paragraph.add_run(text)
    if question.type in OBJECTIVE_TYPES:
        paragraph.add_run("（\u3000\u3000）")
    return paragraph


def _options(doc: DocumentObject, item: PaperItem) -> None:
    for index, option in enumerate(item.options):
        paragraph = doc.add_paragraph(f"{LETTERS[index]}. {option}")
        paragraph.paragraph_format.left_indent = OPTION_INDENT
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = index + 1 < len(item.options)


def _answer_box(doc: DocumentObject, lang: str) -> None:
    """A framed box to write a short answer in: unmistakably room for writing, not a stray blank page."""
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    row = table.rows[0]
    row.height, row.height_rule = SHORT_ANSWER_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
    row.cells[0].text = t("paper.answer_here", lang=lang)
    doc.add_paragraph()


def write_paper_docx(variant: PaperVariant, path: Path, lang: str = "zh") -> None:
    """The paper a learner writes on: no answers anywhere in it."""
    doc = new_document()
    title = paper_title(variant, lang)
    doc.add_paragraph(title, style=TITLE_STYLE)
    _centered(doc, _rules(variant, lang))
    _candidate_table(doc, lang)
    doc.add_paragraph(t("paper.instructions", lang=lang))
    for part in variant.sections:
        doc.add_heading(section_heading(part, lang), level=1)
        hint = doc.add_paragraph(t(f"paper.hint_{part.section.type}", lang=lang))
        hint.runs[0].italic = True
        for item in part.items:
            _stem(doc, item)
            _options(doc, item)
            if item.question.type == "short":
                _answer_box(doc, lang)
    _answer_sheet(doc, variant, lang)
    add_page_footer(doc, t("paper.footer", lang=lang, title=variant.blueprint.title, variant=variant.letter, seed=variant.seed), t("paper.footer_end", lang=lang))
    save_reproducibly(doc, path, title)


def _answer_sheet(doc: DocumentObject, variant: PaperVariant, lang: str) -> None:
    # A property of the title rather than a page-break paragraph: no empty paragraph is left to
    # spill onto a page of its own when the paper ends near the bottom of a page.
    doc.add_paragraph(t("paper.sheet_title", lang=lang), style=TITLE_STYLE).paragraph_format.page_break_before = True
    _centered(doc, paper_title(variant, lang))
    _candidate_table(doc, lang)
    written_on_paper = False
    for part in variant.sections:
        if part.section.type not in OBJECTIVE_TYPES:
            written_on_paper = True
            continue
        doc.add_heading(f"{chinese_numeral(part.number)}、{part.section.title}", level=2)
        _grid(doc, [(str(item.number), "") for item in part.items], lang)
    if written_on_paper:
        doc.add_paragraph(t("paper.sheet_note", lang=lang))


def write_answer_key_docx(variant: PaperVariant, citations: dict[str, Citation], path: Path, lang: str = "zh") -> None:
    """The marker's copy: a quick grid, then each question with answer, explanation and source."""
    doc = new_document()
    title = key_title(variant, lang)
    doc.add_paragraph(title, style=TITLE_STYLE)
    _centered(doc, _rules(variant, lang))
    for notice in paper_notices(variant.items(), citations, lang):
        doc.add_paragraph(notice).runs[0].bold = True
    doc.add_heading(t("paper.key_summary", lang=lang), level=1)
    _grid(doc, [(str(item.number), short_answer_text(item, lang)) for item in variant.items()], lang)
    for part in variant.sections:
        doc.add_heading(section_heading(part, lang), level=1)
        for item in part.items:
            stem = _stem(doc, item, with_blanks=False)
            stem.runs[0].bold = True
            if item.options:
                options = doc.add_paragraph("\u3000".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(item.options)))
                options.paragraph_format.left_indent = OPTION_INDENT
            for label, value in (
                ("paper.answer", answer_text(item, lang)),
                ("paper.explanation", item.question.explanation),
                ("paper.source", source_label(item, citations)),
                ("paper.question_id", item.question.id),
            ):
                line = doc.add_paragraph()
                line.paragraph_format.left_indent = OPTION_INDENT
                line.paragraph_format.space_after = Pt(0)
                line.add_run(f"{t(label, lang=lang)}：").bold = True
                line.add_run(value)
            notice = revision_notice(item, citations, lang)
            if notice:
                doc.add_paragraph(notice).paragraph_format.left_indent = OPTION_INDENT
    add_page_footer(doc, t("paper.key_footer", lang=lang, title=variant.blueprint.title, variant=variant.letter, seed=variant.seed), t("paper.footer_end", lang=lang))
    save_reproducibly(doc, path, title)
