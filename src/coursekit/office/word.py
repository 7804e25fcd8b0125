"""What every Word document coursekit writes has in common: A4 paper, Chinese fonts declared for
East Asian text (宋体 body, 黑体 headings) and bytes that depend only on the content.

Word picks the font of Chinese characters from ``w:rFonts/@w:eastAsia``; python-docx's
``font.name`` sets only the Latin slots, so the East Asian slot is set on the style's ``rFonts``
element too, and the template's theme fonts (which would win) are removed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
TITLE_STYLE = "CK Title"
BLACK = RGBColor(0, 0, 0)
# Zip entries carry a time stamp; a fixed one keeps equal content at equal bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _declare_fonts(style, east_asian: str, size: Pt, bold: bool = False) -> None:
    style.font.name = LATIN_FONT
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = BLACK
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)


def new_document(language: str = "zh-CN", body_size: Pt = Pt(12)) -> DocumentObject:
    """An empty A4 document with Chinese body and heading fonts and a title style; ``body_size``
    for the body text (papers use 五号, 10.5 pt; headings keep their sizes)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(22)
    styles = doc.styles
    _declare_fonts(styles["Normal"], BODY_FONT, body_size)
    # Marks the text as Chinese for Word's line breaking and proofing; ``w:lang`` is the last
    # child of the run properties that the template's Normal style carries, so appending keeps the order.
    marker = OxmlElement("w:lang")
    marker.set(qn("w:eastAsia"), language)
    styles["Normal"].element.get_or_add_rPr().append(marker)
    for name, size in (("Heading 1", Pt(14)), ("Heading 2", Pt(12)), ("Heading 3", Pt(12))):
        _declare_fonts(styles[name], HEADING_FONT, size, bold=False)
        styles[name].paragraph_format.space_before = Pt(10)
        styles[name].paragraph_format.space_after = Pt(4)
    title = styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = styles["Normal"]
    _declare_fonts(title, HEADING_FONT, Pt(18))
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    return doc


def set_column_widths(table, widths: list) -> None:
    """Fixed column widths. Word reads the cells' widths, LibreOffice the table grid's: set both."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def add_page_footer(doc: DocumentObject, before: str, after: str = "") -> None:
    """A centred footer: ``before``, the page number (a PAGE field Word fills in), ``after``."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(before)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    paragraph._p.append(field)
    if after:
        paragraph.add_run(after)


def fixed_time() -> dt.datetime:
    """The documents' created/modified time: ``SOURCE_DATE_EPOCH`` (the reproducible-builds
    convention) when set, else a fixed date, so that the same content gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime(2000, 1, 1)


def save_reproducibly(doc: DocumentObject, path: Path, title: str) -> None:
    """Save ``doc`` so that equal content gives byte-identical files."""
    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = "coursekit"
    props.created = props.modified = fixed_time()
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    write_zip_with_fixed_times(buffer.getvalue(), Path(path))


def write_zip_with_fixed_times(package: bytes, path: Path) -> None:
    """Re-store a zip package (docx, xlsx) entry by entry, in the same order, with a fixed time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
