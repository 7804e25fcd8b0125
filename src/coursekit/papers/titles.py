"""The headings a paper variant shares between its Word documents and its print-ready web page.

Kept apart from ``papers.word`` so the site build does not load python-docx.
"""

from __future__ import annotations

from coursekit.messages import t
from coursekit.numerals import chinese_numeral
from coursekit.model import CASE_TYPE
from coursekit.papers.answers import number_text
from coursekit.papers.variants import PaperSection, PaperVariant

GRID_COLUMNS = 10


def paper_title(variant: PaperVariant, lang: str) -> str:
    return t("paper.title", lang=lang, title=variant.blueprint.title, variant=variant.letter)


def key_title(variant: PaperVariant, lang: str) -> str:
    return t("paper.key_title", lang=lang, title=variant.blueprint.title, variant=variant.letter)


def section_heading(part: PaperSection, lang: str) -> str:
    return t(
        "paper.section_heading_case" if part.section.type == CASE_TYPE else "paper.section_heading",
        lang=lang,
        number=chinese_numeral(part.number),
        title=part.section.title,
        count=part.count,
        points=number_text(part.section.points),
        subtotal=number_text(part.points),
    )
