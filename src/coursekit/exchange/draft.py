"""What a reader hands on: questions as the input file wrote them, not yet checked.

Every format reader (spreadsheet, GIFT, Aiken, pasted text, Moodle XML) turns its file into
``Draft`` objects and stops there; one set of rules (``coursekit.exchange.build``) then decides
what becomes a question, so a mistake gets the same message whichever format it came in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coursekit.problems import Problem

# C0/C1 control characters except tab and newline, and the zero-width marks Word and web pages
# leave behind. Imported text is plain text: nothing here may reach a page or a YAML file.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def clean_text(value: object) -> str:
    """Text as a trainer meant it: control characters removed, line breaks as ``\\n``, ends trimmed."""
    if value is None:
        return ""
    text = _LINE_BREAKS.sub("\n", str(value))
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


@dataclass
class Draft:
    """One question as read. ``line`` is where its row or block starts, as the trainer's program
    shows it (Excel's row number, the text file's line number).

    ``answer`` is the text as written, except where a format already says more: a judge answer
    may be a bool, blank answers a list of accepted-answer lists.
    """

    line: int
    type: str = ""
    stem: str = ""
    options: list[str] = field(default_factory=list)
    answer: object = ""
    id: str = ""
    explanation: str = ""
    sources: list[str] = field(default_factory=list)
    lesson: str = ""
    tags: list[str] = field(default_factory=list)
    difficulty: object = ""
    problems: list[str] = field(default_factory=list)  # what the reader already found wrong
    # A case's questions are consecutive rows that name the same case (材料编号), each carrying
    # the case's title and material, so a sorted or filtered sheet still says what goes with what.
    case_id: str = ""
    case_title: str = ""
    case_material: str = ""


@dataclass
class Reading:
    """A reader's result: the drafts, the rows or blocks that could not become one, and notes
    on what the reader decided (the encoding it used, lines it set aside)."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str = ""  # a bank title the file itself names (a GIFT or Moodle category), if any
