"""The formats, by name and by file extension, for ``coursekit import`` and ``coursekit export``.

A ``.txt`` file may be Word-pasted text, Aiken or GIFT (Moodle saves GIFT as .txt): on import its
content decides, and the command says what it decided. On export ``.txt`` means Aiken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coursekit.exchange.aiken import ANSWER_LINE, read_aiken, write_aiken
from coursekit.exchange.csvtable import read_csv, write_csv
from coursekit.exchange.draft import Reading
from coursekit.exchange.gift import read_gift, write_gift
from coursekit.exchange.moodle import read_moodle, write_moodle
from coursekit.exchange.textfile import decode_bytes
from coursekit.exchange.wordtext import ANSWER_LINE as CHINESE_ANSWER_LINE
from coursekit.exchange.wordtext import read_pasted_text
from coursekit.exchange.written import Written
from coursekit.exchange.xlsx import read_workbook, write_workbook
from coursekit.messages import t
from coursekit.model import Bank

Reader = Callable[[Path, str], Reading]
Writer = Callable[[Bank, Path, dict], Written]


@dataclass(frozen=True)
class Format:
    name: str
    read: Reader | None
    write: Writer | None
    import_suffixes: tuple[str, ...] = ()
    export_suffixes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return t(f"exchange.format.{self.name}")


FORMATS = {
    f.name: f
    for f in (
        Format("xlsx", read_workbook, write_workbook, (".xlsx",), (".xlsx",)),
        Format("csv", read_csv, write_csv, (".csv",), (".csv",)),
        Format("gift", read_gift, write_gift, (".gift",), (".gift",)),
        Format("aiken", read_aiken, write_aiken, (), (".txt",)),
        Format("txt", read_pasted_text, None, (".txt",), ()),
        Format("moodle", read_moodle, write_moodle, (".xml",), (".xml",)),
    )
}
IMPORT_NAMES = [name for name, f in FORMATS.items() if f.read]
EXPORT_NAMES = [name for name, f in FORMATS.items() if f.write]
_GIFT_ANSWERS = re.compile(r"\{[^{}]*(?:[=~]|\bT(?:RUE)?\b|\bF(?:ALSE)?\b)[^{}]*\}")


def sniff_text(text: str) -> str:
    """Which text format a .txt file is written in: gift, aiken or txt (pasted from Word)."""
    lines = [line.strip() for line in text.split("\n")]
    if _GIFT_ANSWERS.search(text) and not any(CHINESE_ANSWER_LINE.match(line) for line in lines):
        return "gift"
    if any(ANSWER_LINE.match(line) and line.startswith("ANSWER") for line in lines):
        return "aiken"
    return "txt"


def import_format(path: Path, name: str | None = None) -> tuple[Format | None, bool]:
    """(format, whether the file's content decided it); None when neither name nor extension says."""
    if name:
        return FORMATS[name], False
    suffix = path.suffix.lower()
    if suffix == ".txt":
        try:
            text, _ = decode_bytes(path.read_bytes())
        except OSError:
            text = None
        return FORMATS[sniff_text(text or "")], True
    return next((f for f in FORMATS.values() if suffix in f.import_suffixes), None), False


def export_format(path: Path, name: str | None = None) -> Format | None:
    if name:
        return FORMATS[name]
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.export_suffixes), None)
