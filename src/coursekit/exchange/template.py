"""The spreadsheet template trainers fill in: the bank layout with one sample question per type.

The sample rows are a real bank (``template_bank.yml``) exported like any other, so the template
always matches what the importer reads. ``docs/assets/templates/`` holds the generated copies the
site offers for download (``coursekit template`` makes them; a test keeps them in step).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from coursekit.exchange.csvtable import write_csv
from coursekit.exchange.xlsx import write_workbook
from coursekit.model import Bank
from coursekit.problems import CoursekitError
from coursekit.sources.banks import load_bank

TEMPLATE_WRITERS = {".xlsx": write_workbook, ".csv": write_csv}


def template_bank(empty: bool = False) -> Bank:
    with resources.as_file(resources.files("coursekit.exchange").joinpath("template_bank.yml")) as path:
        bank, problems = load_bank(path, "template_bank.yml")
    if problems:  # pragma: no cover - a test loads the same file
        raise CoursekitError(problems)
    if empty:
        bank.questions = []
    return bank


def write_template(path: Path, empty: bool = False) -> int:
    """Write the template; return how many sample questions it holds."""
    bank = template_bank(empty)
    TEMPLATE_WRITERS[path.suffix.lower()](bank, path)
    return len(bank.questions)
