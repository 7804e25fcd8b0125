"""Reading .docx files the way an independent program would: unzip, parse the WordprocessingML,
no python-docx. The trainer tools' tests use it to check what Word will show."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Paragraph:
    style: str
    text: str
    underlined: list[str] = field(default_factory=list)  # text of underlined runs
    page_break_before: bool = False


@dataclass
class Table:
    rows: list[list[str]]

    @property
    def text(self) -> str:
        return " ".join(" ".join(row) for row in self.rows)


@dataclass
class WordFile:
    blocks: list  # Paragraph and Table, in document order
    styles_xml: ElementTree.Element
    document_xml: ElementTree.Element

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def style_font(self, style_id: str) -> dict[str, str]:
        """The w:rFonts attributes (without namespace) that a style declares."""
        for style in self.styles_xml.iter(f"{W}style"):
            if style.get(f"{W}styleId") == style_id:
                fonts = style.find(f"{W}rPr/{W}rFonts")
                return {k.replace(W, ""): v for k, v in (fonts.attrib if fonts is not None else {}).items()}
        raise KeyError(style_id)

    def page_size_mm(self) -> tuple[float, float]:
        size = self.document_xml.find(f".//{W}sectPr/{W}pgSz")
        return int(size.get(f"{W}w")) * 25.4 / 1440, int(size.get(f"{W}h")) * 25.4 / 1440

    def margins_mm(self) -> dict[str, float]:
        margins = self.document_xml.find(f".//{W}sectPr/{W}pgMar")
        return {side: int(margins.get(f"{W}{side}")) * 25.4 / 1440 for side in ("top", "bottom", "left", "right")}


def _text(element) -> str:
    """The text Word shows, a tab (options side by side) as ``\t``."""
    return "".join("\t" if node.tag == f"{W}tab" else node.text or "" for node in element.iter() if node.tag in (f"{W}t", f"{W}tab") and not _in_tabs(node))


def _in_tabs(node) -> bool:
    # <w:tabs><w:tab .../></w:tabs> in paragraph properties are tab stops, not tab characters;
    # ElementTree has no parent links, so stops are recognised by their w:pos attribute.
    return node.tag == f"{W}tab" and node.get(f"{W}pos") is not None


def _paragraph(p) -> Paragraph:
    style = p.find(f"{W}pPr/{W}pStyle")
    underlined = []
    for run in p.iter(f"{W}r"):
        u = run.find(f"{W}rPr/{W}u")
        if u is not None and u.get(f"{W}val") not in (None, "none"):
            underlined.append(_text(run))
    return Paragraph(
        style=style.get(f"{W}val") if style is not None else "Normal",
        text=_text(p),
        underlined=underlined,
        page_break_before=p.find(f"{W}pPr/{W}pageBreakBefore") is not None,
    )


def read_docx(path: Path) -> WordFile:
    with zipfile.ZipFile(path) as package:
        document = ElementTree.fromstring(package.read("word/document.xml"))
        styles = ElementTree.fromstring(package.read("word/styles.xml"))
    body = document.find(f"{W}body")
    blocks: list = []
    for child in body:
        if child.tag == f"{W}p":
            blocks.append(_paragraph(child))
        elif child.tag == f"{W}tbl":
            rows = [[_text(cell) for cell in row.iter(f"{W}tc")] for row in child.iter(f"{W}tr")]
            blocks.append(Table(rows))
    return WordFile(blocks, styles, document)
