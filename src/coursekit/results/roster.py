"""The class list (花名册) a trainer gives ``coursekit results --roster``: who should hand in.

An .xlsx (first sheet) or .csv. When a row has a cell 姓名 (or "name"), that row is the header and
the column under it holds the names; a column headed 支部 (or 单位, 党支部, "branch") gives each
learner's branch. Without such a header, the first column holds the names. Empty rows are skipped.
A .csv saved by Excel on a Chinese Windows is GB18030, not UTF-8: both are read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from coursekit.messages import t
from coursekit.problems import CoursekitError, Problem, display_path

NAME_HEADERS = ("姓名", "name", "学员", "学员姓名")
BRANCH_HEADERS = ("支部", "党支部", "所在支部", "单位", "branch")
MAX_ROWS = 20000


@dataclass
class RosterEntry:
    name: str
    branch: str
    row: int


def name_key(name: str) -> str:
    """Names compare without spaces: 张 三 typed on a phone is 张三 on the list."""
    return "".join(str(name).split())


def read_roster(path: Path, lang: str | None = None) -> list[RosterEntry]:
    """The learners listed in ``path``; ``CoursekitError`` names the file (and row) when it cannot be used."""
    path = Path(path)
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise CoursekitError([Problem(shown, 0, t("results.roster_kind", lang=lang))])
    try:
        rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    except OSError as err:
        raise CoursekitError([Problem(shown, 0, t("file.unreadable", lang=lang, detail=err.strerror or str(err)))]) from None
    except Exception:  # a damaged workbook: openpyxl raises many kinds; the message is ours
        raise CoursekitError([Problem(shown, 0, t("results.roster_unreadable", lang=lang))]) from None
    name_col, branch_col, first = 0, None, 0
    for index, row in enumerate(rows):
        cells = [_text(c) for c in row]
        if not any(cells):
            continue
        lowered = [c.lower() for c in cells]
        header = next((i for i, c in enumerate(lowered) if c in NAME_HEADERS), None)
        if header is not None:
            name_col, first = header, index + 1
            branch_col = next((i for i, c in enumerate(lowered) if c in BRANCH_HEADERS), None)
        break
    entries: list[RosterEntry] = []
    seen: set[str] = set()
    for index, row in enumerate(rows[first:], first + 1):
        cells = [_text(c) for c in row]
        name = cells[name_col] if name_col < len(cells) else ""
        if not name or name_key(name) in seen:
            continue
        seen.add(name_key(name))
        branch = cells[branch_col] if branch_col is not None and branch_col < len(cells) else ""
        entries.append(RosterEntry(name, branch, index))
    if not entries:
        raise CoursekitError([Problem(shown, 0, t("results.roster_empty", lang=lang))])
    return entries


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()[: 8 * 1024 * 1024]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # gb18030 decodes nearly any bytes; kept for clarity
        text = data.decode("utf-8", errors="replace")
    return [row for _, row in zip(range(MAX_ROWS), csv.reader(io.StringIO(text)))]


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [list(row) for _, row in zip(range(MAX_ROWS), sheet.iter_rows(values_only=True))]
    finally:
        book.close()
