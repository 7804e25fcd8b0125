"""Result slips pasted as text: a learner who cannot hand over a file copies the slip's text into
the work chat, and the trainer saves what was pasted as a ``.txt`` file.

A ``.txt`` file may hold any number of slips among other text (a saved chat: names, times,
messages). Each slip is the JSON text of the file, starting ``{"format": "coursekit-result"``;
it is read as strictly as a slip file and reported by file and line when it cannot be used.
A compact slip (the line behind the QR code, ``CKR1|...``, see ``compact.py``) is read too when
``expand`` is given: it turns the compact line into a slip against the site's papers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from coursekit.messages import t
from coursekit.results.compact import FIND as COMPACT, CompactSlip, parse_compact
from coursekit.results.slip import ResultSlip, SlipError, decode_json, parse_slip

MAX_TEXT_BYTES = 20_000_000  # a long chat export; each slip in it is at most a few hundred KB
_SLIP_START = re.compile(r'\{\s*"format"\s*:\s*"coursekit-result"')


@dataclass
class PastedProblem:
    line: int
    message: str


def read_pasted_slips(
    path: Path, lang: str | None = None, expand: Callable[[CompactSlip], ResultSlip] | None = None
) -> tuple[list[ResultSlip], list[PastedProblem]]:
    """Every slip pasted into the text file ``path``, and what was wrong with the others.
    ``expand`` makes a slip of a compact line (``SlipError`` when it does not fit the papers)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            return [], [PastedProblem(0, t("results.too_large", lang=lang, limit=MAX_TEXT_BYTES // 1_000_000))]
        data = path.read_bytes()
    except OSError as err:
        return [], [PastedProblem(0, t("file.unreadable", lang=lang, detail=err.strerror or str(err)))]
    text = _decode(data)
    slips: list[ResultSlip] = []
    problems: list[PastedProblem] = []
    position = 0
    while True:
        match = _SLIP_START.search(text, position)
        if match is None:
            break
        line = text.count("\n", 0, match.start()) + 1
        try:
            value, end = decode_json(text, match.start())
            slip = parse_slip(value, lang)
            slip.file = f"{path}:{line}"
            slips.append(slip)
            position = end
        except json.JSONDecodeError:
            problems.append(PastedProblem(line, t("results.pasted_incomplete", lang=lang)))
            position = match.end()
        except SlipError as err:
            problems.append(PastedProblem(line, str(err)))
            position = match.end()
    for match in COMPACT.finditer(text) if expand else ():
        line = text.count("\n", 0, match.start()) + 1
        try:
            slip = expand(parse_compact(match.group(0), lang))
            slip.file = f"{path}:{line}"
            slips.append(slip)
        except SlipError as err:
            problems.append(PastedProblem(line, str(err)))
    if not slips and not problems:
        problems.append(PastedProblem(0, t("results.pasted_none", lang=lang)))
    return slips, problems


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else GB18030: Notepad on a Chinese Windows saves ANSI."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
