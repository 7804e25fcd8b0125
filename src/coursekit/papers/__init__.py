"""Printable exam papers: A/B variants of a blueprint, as Word documents with answer keys, and the
same variant as a print-ready page of the site.

What other outputs may use (the site's print page) is imported here: the variant of a paper and
the texts it prints. The rest, the Word writer first, is this package's own.
"""

from coursekit.papers.answers import answer_text, number_text, paper_notices, revision_notice, short_answer_text, source_label, stem_parts
from coursekit.papers.titles import GRID_COLUMNS, key_title, paper_title, section_heading
from coursekit.papers.variants import OBJECTIVE_TYPES, PaperItem, PaperSection, PaperVariant, case_number, make_variant

__all__ = [
    "GRID_COLUMNS",
    "OBJECTIVE_TYPES",
    "PaperItem",
    "PaperSection",
    "PaperVariant",
    "answer_text",
    "case_number",
    "key_title",
    "make_variant",
    "number_text",
    "paper_notices",
    "paper_title",
    "revision_notice",
    "section_heading",
    "short_answer_text",
    "source_label",
    "stem_parts",
]
