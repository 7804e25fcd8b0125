"""Spreadsheet cells written from outside data (a learner's slip, an author's bank) are inert.

openpyxl stores a text that begins with ``=`` as a formula, which Excel then runs
(``=HYPERLINK(...)`` in a learner's name would be a live link in the trainer's workbook); and it
refuses control characters with an exception. Every cell the project writes goes through here:
a text is always a text, and characters a workbook cannot hold are shown as U+FFFD.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


def set_inert(cell, value: object) -> None:
    """Put ``value`` in ``cell``; a text stays text whatever it begins with."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.data_type = "s"  # after the value: openpyxl guesses "f" for a text starting with "="
    else:
        cell.value = value


def append_inert(sheet, values: list[object]) -> None:
    """``sheet.append(values)`` with every cell inert."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        set_inert(sheet.cell(row=row, column=column), value)
