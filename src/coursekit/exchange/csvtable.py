"""CSV files in the bank spreadsheet layout (``coursekit.exchange.columns``).

Written as Excel's "CSV UTF-8" (UTF-8 with a byte-order mark, so Excel on Chinese Windows shows
the characters right). Read in UTF-8 with or without the mark, or GB18030 (Excel's plain "CSV" on
Chinese Windows), and the note says which. A row number is the record's row as Excel shows it,
even when a cell holds several lines.

Excel runs a cell that begins with = + - @ as a formula, so such texts are written with a leading
apostrophe (the usual guard) and the apostrophe is removed again on reading.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coursekit.exchange.columns import bank_table, cell_text, read_table
from coursekit.exchange.draft import Reading
from coursekit.exchange.textfile import read_text_file
from coursekit.exchange.written import Written
from coursekit.model import Bank

FORMULA_STARTS = ("=", "+", "-", "@")


def _kept_as_text(value: object) -> object:
    """A cell starting like a formula, marked with an apostrophe so a spreadsheet shows it as text
    instead of running it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text_kept(value: str) -> str:
    """The text a cell held before ``_kept_as_text`` marked it."""
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def write_csv(bank: Bank, path: Path, labels: dict[str, str] | None = None) -> Written:
    header, rows, skipped = bank_table(bank)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_kept_as_text(v) for v in row] for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return Written(count=len(rows), skipped=skipped)


def read_csv(path: Path, shown_as: str) -> Reading:
    text, note, problems = read_text_file(path, shown_as)
    if text is None:
        return Reading(problems=problems)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    rows = [
        (number, [_text_kept(cell_text(v)) for v in values])
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
    ]
    reading = read_table(rows, shown_as)
    reading.notes.insert(0, note)
    return reading
