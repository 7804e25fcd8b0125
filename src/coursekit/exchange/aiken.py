"""Aiken, Moodle's simplest question format: single-choice questions only.

    党支部党员大会一般多久召开一次？
    A. 每月1次
    B. 每季度1次
    ANSWER: B

Aiken carries the stem, the options and the answer, nothing else, and no line breaks inside a
text (they become spaces). Export writes the single-choice questions and names the others it
leaves out; import takes id, explanation, source and lesson from the command line defaults.
"""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.exchange.build import normalise
from coursekit.exchange.draft import Draft, Reading, clean_text
from coursekit.exchange.feedback import stem_with_material
from coursekit.exchange.textfile import read_text_file
from coursekit.exchange.written import Written
from coursekit.messages import t
from coursekit.model import LETTERS, Bank
from coursekit.problems import Problem

OPTION_LINE = re.compile(r"^([A-Z])[.)]\s*(.*)$")
ANSWER_LINE = re.compile(r"^ANSWER:\s*(.*)$", re.IGNORECASE)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


def write_aiken(bank: Bank, path: Path, labels: dict[str, str] | None = None) -> Written:
    blocks, skipped, notes = [], [], []
    for q in bank.questions:
        if q.type != "single":
            skipped.append(Problem(bank.file, q.line, t("exchange.aiken_single_only", id=q.id, type=t(f"type.{q.type}"))))
            continue
        if "\n" in q.stem or any("\n" in o for o in q.options):
            notes.append(t("exchange.aiken_line_breaks", id=q.id))
        lines = [_one_line(stem_with_material(q)), *(f"{LETTERS[i]}. {_one_line(o)}" for i, o in enumerate(q.options)), f"ANSWER: {LETTERS[q.answer]}"]
        blocks.append("\n".join(lines) + "\n")
    path.write_text("\n".join(blocks), encoding="utf-8")
    return Written(count=len(blocks), skipped=skipped, notes=notes)


def read_aiken(path: Path, shown_as: str) -> Reading:
    text, note, problems = read_text_file(path, shown_as)
    if text is None:
        return Reading(problems=problems)
    return parse_aiken(text, shown_as, note)


def parse_aiken(text: str, shown_as: str, note: str = "") -> Reading:
    reading = Reading(notes=[note] if note else [])
    draft: Draft | None = None

    def problem(line: int, key: str, **values) -> None:
        reading.problems.append(Problem(shown_as, line, t(key, **values)))

    for number, raw in enumerate(text.split("\n"), start=1):
        line = clean_text(raw)
        if not line:
            continue
        option = OPTION_LINE.match(normalise(line[:2]) + line[2:])
        answer = ANSWER_LINE.match(line)
        if answer:
            if draft is None:
                problem(number, "exchange.aiken_stray_answer")
                continue
            draft.type, draft.answer = "single", answer.group(1).strip()
            if not draft.options:
                draft.problems.append(t("exchange.too_few_options", type=t("type.single"), count=0))
            reading.drafts.append(draft)
            draft = None
        elif option and draft is not None and (draft.options or draft.stem):
            expected = LETTERS[len(draft.options)]
            if option.group(1) != expected:
                draft.problems.append(t("exchange.aiken_option_order", letter=option.group(1), expected=expected))
            draft.options.append(option.group(2).strip())
        elif draft is not None and draft.options:
            # Text after the options that is no option and no ANSWER line: the block is broken.
            draft.problems.append(t("exchange.aiken_garbage", line=number, text=line[:40]))
        elif draft is None:
            draft = Draft(line=number, stem=line)
        else:
            draft.stem += "\n" + line
    if draft is not None:
        problem(draft.line, "exchange.aiken_no_answer")
    return reading
