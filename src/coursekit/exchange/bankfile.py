"""Writing a bank as the YAML an author would have written by hand (docs/guide/authors.md).

PyYAML does the quoting; we only choose the layout: keys in the documented order, short lists on
one line, multi-line text as a literal block, and fields still to be completed left visibly empty
(``explanation:``) so the trainer finds them and ``coursekit check`` names them.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from coursekit.model import Bank, Question

FLOW_LIMIT = 72  # screen columns: longer option lists read better one per line


class _Flow(list):
    """A list written on one line: [a, b, c]."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        # "  - id: …" under "questions:", as the hand-written banks are indented.
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _represent_none(dumper: yaml.SafeDumper, value: None) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_none)
_Dumper.add_representer(_Flow, _represent_flow)


def _width(text: str) -> int:
    """Columns on screen: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _texts(values: list[str]) -> list[str]:
    short = all("\n" not in v for v in values) and sum(_width(v) + 2 for v in values) <= FLOW_LIMIT
    return _Flow(values) if short else list(values)


def _answer(question: Question) -> object:
    if question.type == "blank":
        return _Flow(_Flow(words) for words in question.answer)
    if question.type in ("single", "multiple", "judge"):
        return question.answer_text()
    return question.answer


def question_mapping(question: Question) -> dict:
    data: dict = {"id": question.id, "type": question.type, "stem": question.stem}
    if question.options:
        data["options"] = _texts(question.options)
    if question.type != "order":
        data["answer"] = _answer(question)
    data["explanation"] = question.explanation or None
    sources = question.sources
    data["source"] = (sources[0] if len(sources) == 1 else _Flow(sources)) if sources else None
    data["lesson"] = question.lesson or None
    if question.tags:
        data["tags"] = _Flow(question.tags)
    data["difficulty"] = question.difficulty
    return data


def _items(bank: Bank) -> list[dict]:
    """Questions, a case's gathered under it (each question keeps its own source, lesson, tags)."""
    items: list[dict] = []
    current = None
    for question in bank.questions:
        if question.case is None:
            items.append(question_mapping(question))
            current = None
            continue
        if current is None or current["id"] != question.case.id:
            case = question.case
            current = {"id": case.id, "type": "case", "title": case.title, "material": case.material, "questions": []}
            items.append(current)
        current["questions"].append(question_mapping(question))
    return items


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)


def question_yaml(question: Question) -> str:
    """One question as a YAML mapping (used to run the bank loader's own rules on it)."""
    return _dump(question_mapping(question))


def bank_yaml(bank: Bank, header: str = "") -> str:
    data: dict = {"bank": bank.id, "title": bank.title}
    if bank.description:
        data["description"] = bank.description
    data["questions"] = _items(bank)
    body = _dump(data)
    # A blank line between questions, as authors write them.
    body = re.sub(r"\n(  - id: )", r"\n\n\1", body).replace("questions:\n\n", "questions:\n", 1)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + body
