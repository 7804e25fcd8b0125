"""The Word documents of a paper variant: the exam paper (with an answer sheet) and its answer key.

Laid out as a trainer prints a paper: body text in 五号 (10.5 pt); short options side by side
(four to a line, or two) at tab stops, long ones a line each; a section heading, its hint, a stem
and its options kept on one page. The answer key is a table of number, answer and points (two
columns of questions side by side), with blank answers that have several accepted forms, the
short answers' reference answers and the explanations listed below it.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from coursekit.messages import t
from coursekit.model import LETTERS, Citation
from coursekit.numerals import chinese_numeral
from coursekit.office.word import TITLE_STYLE, add_page_footer, new_document, save_reproducibly, set_column_widths
from coursekit.papers.answers import answer_text, number_text, paper_notices, revision_notice, short_answer_text, source_label, stem_parts
from coursekit.papers.titles import GRID_COLUMNS, key_title, paper_title, section_heading
from coursekit.papers.variants import OBJECTIVE_TYPES, PaperItem, PaperSection, PaperVariant, case_number

OPTION_INDENT = Mm(7)
BLANK = "\u3000" * 6  # full-width spaces, underlined: room to write a word or two by hand
SHORT_ANSWER_HEIGHT = Mm(38)  # about eight handwritten lines
BODY_SIZE = Pt(10.5)  # 五号, the size of most printed exam papers
KEY_NOTE_SIZE = Pt(9.5)
SIDE_MARGIN = Mm(18)
TOP_MARGIN = Mm(16)
TEXT_WIDTH = Mm(210) - 2 * SIDE_MARGIN
# How many options may share a line, by the widest option (in Chinese characters, "A. " included).
# A line of 10.5 pt text holds about 45 characters after the indent; a character is left to spare.
OPTIONS_PER_LINE = ((4, 10), (3, 13.5), (2, 21))
KEY_INLINE = 12  # a blank answer longer than this (in characters) is listed below the key's table
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
    paragraph.paragraph_format.space_before = Pt(4)
    # A stem stays with its options or answer box; a question of one paragraph (judge, blank) must
    # not, or a section's stems chain into one block that cannot break across pages.
    paragraph.paragraph_format.keep_with_next = bool(item.options) or question.type == "short"
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


def _material(doc: DocumentObject, part: PaperSection, item: PaperItem, lang: str) -> None:
    """A case's situation, once, above its first question; kept with that question on the page."""
    if not part.starts_case(item):
        return
    case = item.question.case
    heading = doc.add_paragraph()
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.keep_with_next = True
    heading.add_run(f"{t('paper.material', lang=lang)}{case_number(part, case, lang)}　{case.title}").bold = True
    body = doc.add_paragraph(case.material)
    body.paragraph_format.left_indent = OPTION_INDENT
    body.paragraph_format.keep_with_next = True


def text_width(text: str) -> float:
    """Printed width in Chinese characters: a Latin letter, digit or space is about half of one."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def options_per_line(options: list[str]) -> int:
    """The fewest lines the options fit on; of equal counts, full lines (four options two by two,
    not three and one)."""
    widest = max((text_width(f"A. {o}") for o in options), default=0)
    count = len(options)
    fitting = [per for per, width in OPTIONS_PER_LINE if widest <= width and count >= per] + [1]
    return min(fitting, key=lambda per: (-(-count // per), count % per != 0, -per))


def _options(doc: DocumentObject, item: PaperItem) -> None:
    """The options, several to a line at tab stops when they are short; the last line ends the question's block."""
    labelled = [f"{LETTERS[i]}. {o}" for i, o in enumerate(item.options)]
    per = options_per_line(item.options)
    lines = [labelled[start : start + per] for start in range(0, len(labelled), per)]
    column = (TEXT_WIDTH - OPTION_INDENT) // per
    for index, line in enumerate(lines):
        paragraph = doc.add_paragraph("\t".join(line))
        form = paragraph.paragraph_format
        form.left_indent = OPTION_INDENT
        form.space_after = Pt(0)
        form.keep_with_next = index + 1 < len(lines)
        for stop in range(1, per):
            form.tab_stops.add_tab_stop(OPTION_INDENT + column * stop)


def _answer_box(doc: DocumentObject, lang: str) -> None:
    """A framed box to write a short answer in: unmistakably room for writing, not a stray blank page."""
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    row = table.rows[0]
    row.height, row.height_rule = SHORT_ANSWER_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
    row.cells[0].text = t("paper.answer_here", lang=lang)
    doc.add_paragraph()


def _paper_document() -> DocumentObject:
    """A document for a paper or key, set as exam papers are: 五号 body text, single line spacing,
    no space after each paragraph, margins of 16 and 18 mm. The template's 10 pt after every line
    and 1.15 spacing would spread 41 questions over two more pages; questions are set apart by
    the space before their stems."""
    doc = new_document(body_size=BODY_SIZE)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = 1.0
    section = doc.sections[0]
    section.left_margin = section.right_margin = SIDE_MARGIN
    section.top_margin = section.bottom_margin = TOP_MARGIN
    return doc


def _heading(doc: DocumentObject, text: str, level: int = 1):
    heading = doc.add_heading(text, level=level)
    heading.paragraph_format.keep_with_next = True  # never a heading alone at the foot of a page
    return heading


def write_paper_docx(variant: PaperVariant, path: Path, lang: str = "zh", citations: dict[str, Citation] | None = None) -> None:
    """The paper a learner writes on: no answers anywhere in it. With ``citations``, a line
    names the questions resting on a regulation under revision, as the key and lessons do."""
    doc = _paper_document()
    title = paper_title(variant, lang)
    doc.add_paragraph(title, style=TITLE_STYLE)
    _centered(doc, _rules(variant, lang))
    _candidate_table(doc, lang)
    doc.add_paragraph(t("paper.instructions", lang=lang))
    for part in variant.sections:
        _heading(doc, section_heading(part, lang))
        hint = doc.add_paragraph(t(f"paper.hint_{part.section.type}", lang=lang))
        hint.runs[0].italic = True
        hint.paragraph_format.keep_with_next = True
        for item in part.items:
            _material(doc, part, item, lang)
            _stem(doc, item)
            _options(doc, item)
            if item.question.type == "short":
                _answer_box(doc, lang)
    _answer_sheet(doc, variant, lang)
    # On the answer sheet, which has room: the questions pages are full (a 41-question paper
    # fills its 4 pages to the last line).
    for notice in paper_notices(variant.items(), citations or {}, lang, kind="paper_learner"):
        _small_paragraph(doc, notice.replace("、", "、\u200b"))
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
        _heading(doc, f"{chinese_numeral(part.number)}、{part.section.title}", level=2)
        _grid(doc, [(str(item.number), "") for item in part.items], lang)
    if written_on_paper:
        doc.add_paragraph(t("paper.sheet_note", lang=lang))


def key_cell(item: PaperItem, lang: str) -> str:
    """The answer as the key's table shows it: letters, √/×, a short blank answer; else a pointer below."""
    question = item.question
    if question.type == "short":
        return t("paper.see_below", lang=lang)
    if question.type == "blank":
        full = answer_text(item, lang)
        return full if text_width(full) <= KEY_INLINE else t("paper.see_below", lang=lang)
    return short_answer_text(item, lang)


def _key_table(doc: DocumentObject, items: list[PaperItem], points: dict[int, float], lang: str) -> None:
    """题号 / 答案 / 分值, the questions in two columns side by side (1… on the left, the rest on the right)."""
    half = (len(items) + 1) // 2
    header = [t("paper.sheet_number", lang=lang), t("paper.answer", lang=lang), t("paper.points", lang=lang)]
    table = doc.add_table(rows=half + 1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(table, [Mm(14), Mm(50), Mm(14)] * 2)
    for index, cell in enumerate(table.rows[0].cells):
        cell.text = header[index % 3]
        cell.paragraphs[0].runs[0].bold = True
    for row_index in range(half):
        for side, item in enumerate((items[row_index], items[row_index + half] if row_index + half < len(items) else None)):
            if item is None:
                continue
            values = [str(item.number), key_cell(item, lang), number_text(points[item.number])]
            for offset, value in enumerate(values):
                cell = table.rows[row_index + 1].cells[side * 3 + offset]
                cell.text = value
                if offset != 1:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph()


def _small_paragraph(doc: DocumentObject, text: str = "", indent: bool = False):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.line_spacing = 1.0  # the template's 1.15 is for reading, this is for looking up
    if indent:
        paragraph.paragraph_format.left_indent = OPTION_INDENT
    if text:
        paragraph.add_run(text).font.size = KEY_NOTE_SIZE
    return paragraph


def write_answer_key_docx(variant: PaperVariant, citations: dict[str, Citation], path: Path, lang: str = "zh") -> None:
    """The marker's copy: the answer table, then what does not fit in it, then the explanations."""
    doc = _paper_document()
    title = key_title(variant, lang)
    doc.add_paragraph(title, style=TITLE_STYLE)
    _centered(doc, _rules(variant, lang))
    items = variant.items()
    for notice in paper_notices(items, citations, lang):
        # A zero-width space after each 、: a long list of question numbers is otherwise one
        # unbreakable word to LibreOffice, which then strands 第 and 1 on lines of their own.
        paragraph = _small_paragraph(doc, notice.replace("、", "、\u200b"))
        paragraph.runs[0].bold = True
    points = {item.number: part.item_points(item) for part in variant.sections for item in part.items}
    _heading(doc, t("paper.key_summary", lang=lang))
    _key_table(doc, items, points, lang)

    listed = [item for item in items if item.question.type in ("blank", "short") and key_cell(item, lang) == t("paper.see_below", lang=lang)]
    if listed:
        _heading(doc, t("paper.key_listed", lang=lang))
        for item in listed:
            question = item.question
            paragraph = _small_paragraph(doc)
            paragraph.add_run(f"{item.number}. ").bold = True
            if question.type == "blank":
                parts = [t("paper.key_blank", lang=lang, number=n, answers=" / ".join(accepted)) for n, accepted in enumerate(question.answer, 1)]
                paragraph.add_run("；".join(parts))
            else:
                paragraph.add_run(t("paper.key_short", lang=lang, points=number_text(points[item.number]), answer=str(question.answer)))
            for run in paragraph.runs:
                run.font.size = KEY_NOTE_SIZE

    _heading(doc, t("paper.key_explanations", lang=lang))
    part_of = {item.number: part for part in variant.sections for item in part.items}
    for item in items:
        _material(doc, part_of[item.number], item, lang)
        paragraph = _small_paragraph(doc)
        paragraph.add_run(f"{item.number}. ").bold = True
        paragraph.add_run(item.question.explanation)
        paragraph.add_run(t("paper.key_source", lang=lang, source=source_label(item, citations, short=True), id=item.question.id))
        if revision_notice(item, citations, lang):
            # The notice in full is at the top, with the numbers of the questions it concerns;
            # in full under each of 40 questions it would add a page.
            paragraph.add_run(t("paper.key_notice_mark", lang=lang))
        for run in paragraph.runs:
            run.font.size = KEY_NOTE_SIZE
    add_page_footer(doc, t("paper.key_footer", lang=lang, title=variant.blueprint.title, variant=variant.letter, seed=variant.seed), t("paper.footer_end", lang=lang))
    save_reproducibly(doc, path, title)
