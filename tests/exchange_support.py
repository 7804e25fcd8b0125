"""Helpers shared by the tests of coursekit.exchange (import and export of question banks)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from coursekit.cli import main
from coursekit.sources.banks import load_bank

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"
ALL_TYPES = FIXTURES / "all_types.yml"
FIELDS = ("id", "type", "stem", "options", "answer", "explanation", "sources", "lesson", "tags", "difficulty")


def load(path: Path):
    bank, problems = load_bank(path, path.name)
    assert bank is not None
    return bank, problems


def load_completed(path: Path):
    """The questions of an imported bank, with the fields left for the trainer (written empty,
    ``explanation:``) filled by stand-ins, so questions the loader would drop can be compared."""
    text = path.read_text("utf-8")
    for key in ("explanation", "source", "lesson"):
        text = text.replace(f"    {key}:\n", f"    {key}: 待补\n")
    completed = path.with_name(path.stem + "-completed.yml")
    completed.write_text(text, "utf-8")
    bank, problems = load_bank(completed, completed.name)
    assert problems == []
    return bank


def fields(question, names=FIELDS) -> dict:
    return {name: getattr(question, name) for name in names}


def run(capsys, *argv) -> tuple[int, str]:
    """Run ``coursekit`` in this process; (exit status, stdout and stderr together)."""
    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def xlsx_rows(path: Path, sheet_name: str) -> list[list[str]]:
    """A sheet's cell texts read straight from the workbook's XML, without openpyxl."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(path) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        sheet = next(s for s in workbook.find("m:sheets", ns) if s.get("name") == sheet_name)
        part = target[sheet.get(f"{{{ns['r']}}}id")].lstrip("/")
        part = part if part.startswith("xl/") else "xl/" + part
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            for item in ElementTree.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", ns):
                shared.append("".join(t.text or "" for t in item.iter(f"{{{ns['m']}}}t")))
        root = ElementTree.fromstring(archive.read(part))
    rows = []
    for row in root.find("m:sheetData", ns).findall("m:row", ns):
        cells = {}
        for cell in row.findall("m:c", ns):
            column = "".join(ch for ch in cell.get("r") if ch.isalpha())
            index = 0
            for ch in column:
                index = index * 26 + ord(ch) - 64
            assert cell.find("m:f", ns) is None, f"formula in {cell.get('r')}"
            kind = cell.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in cell.iter(f"{{{ns['m']}}}t"))
            elif kind == "s":
                value = shared[int(cell.find("m:v", ns).text)]
            else:
                v = cell.find("m:v", ns)
                value = v.text if v is not None else ""
            cells[index - 1] = value
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows
