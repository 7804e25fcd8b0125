"""Excel workbooks (.xlsx) in the bank spreadsheet layout (``coursekit.exchange.columns``).

Written with openpyxl: a 题库 sheet (header frozen, drop-down lists for 题型 and 难度) and a 填写说明
sheet. Read from the sheet named 题库, or the first sheet; Excel's row numbers name rejected rows.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from coursekit.exchange.build import TYPE_SHORT_NAMES
from coursekit.exchange.columns import ANSWER, DIFFICULTY, ID, STEM, TYPE, bank_table, cell_text, read_table
from coursekit.exchange.draft import Reading
from coursekit.exchange.written import Written
from coursekit.messages import t
from coursekit.model import Bank
from coursekit.office.cells import set_inert
from coursekit.problems import Problem

SHEET = "题库"
HELP_SHEET = "填写说明"
WIDTHS = {STEM: 48, ANSWER: 14}  # characters; options and explanation get WIDE
WIDE, NARROW = 24, 10


def write_workbook(bank: Bank, path: Path, labels: dict[str, str] | None = None) -> Written:
    header, rows, skipped = bank_table(bank)
    book = openpyxl.Workbook()
    book.properties.title = bank.title  # brought back as the bank title on import
    sheet = book.active
    sheet.title = SHEET
    sheet.append(header)
    for row in rows:
        sheet.append([None] * len(row))
        for column, value in enumerate(row, start=1):
            set_inert(sheet.cell(row=sheet.max_row, column=column), value)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FDE9E7")
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill = bold, fill
        width = WIDTHS.get(name, NARROW if name in (ID, TYPE, DIFFICULTY) else WIDE)
        sheet.column_dimensions[get_column_letter(column)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    last_row = max(sheet.max_row, 200)  # room for the trainer's own rows below the sample
    type_column = get_column_letter(header.index(TYPE) + 1)
    types = DataValidation(type="list", formula1='"' + ",".join(TYPE_SHORT_NAMES.values()) + '"', allow_blank=True)
    types.add(f"{type_column}2:{type_column}{last_row}")
    level_column = get_column_letter(header.index(DIFFICULTY) + 1)
    levels = DataValidation(type="list", formula1='"1,2,3"', allow_blank=True)
    levels.add(f"{level_column}2:{level_column}{last_row}")
    sheet.add_data_validation(types)
    sheet.add_data_validation(levels)

    help_sheet = book.create_sheet(HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 100
    for line in t("exchange.template_help").splitlines():
        help_sheet.append([line])
    book.save(path)
    return Written(count=len(rows), skipped=skipped)


def read_workbook(path: Path, shown_as: str) -> Reading:
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
        return Reading(problems=[Problem(shown_as, 0, t("exchange.bad_workbook", detail=str(err) or type(err).__name__))])
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = [
        (number, [cell_text(v) for v in values])
        for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row, values_only=True), start=1)
    ]
    reading = read_table(rows, shown_as)
    reading.notes.insert(0, t("exchange.sheet_used", sheet=sheet.title))
    reading.title = (book.properties.title or "").strip()
    return reading
