"""Adding a question type: every file it touches, checked for every type in ``model.QUESTION_TYPES``.

A new type added to QUESTION_TYPES fails here, naming each file that does not handle it yet, until
each is done (or, where a file's default branch is right for it, until the type is added to that
file's ``falls_through`` below, a decision a reviewer sees). The list is the one in
docs/dev/architecture.md ("Adding a question type"); the last test keeps the two the same.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from coursekit.messages import catalogue
from coursekit.model import QUESTION_TYPES

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = ROOT / "docs" / "dev" / "architecture.md"


def python_literals(path: Path) -> set[str]:
    """The string constants of a Python file: where it names a type to handle it."""
    tree = ast.parse(path.read_text("utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def js_literals(path: Path) -> set[str]:
    """The double-quoted strings of a JavaScript file."""
    return set(re.findall(r'"([^"\\\n]*)"', path.read_text("utf-8")))


def js_scorers(path: Path) -> set[str]:
    """The types logic/scoring.js marks: one ``export function scoreX`` per kind of answer."""
    kinds = {name.lower() for name in re.findall(r"^export function score(\w+)\(", path.read_text("utf-8"), re.M)}
    return (kinds - {"choice"}) | ({"single", "multiple", "judge"} if "choice" in kinds else set())


def type_labels(path: Path) -> set[str]:
    """The types a message catalogue names (``type.single: 单选题``)."""
    lang = path.stem
    return {key.split(".", 1)[1] for key in catalogue(lang) if key.startswith("type.")}


def js_builders(path: Path) -> set[str]:
    """The keys of ``var BUILDERS = { ... }`` in components/question.js."""
    body = re.search(r"var BUILDERS = \{(.*?)\n\};", path.read_text("utf-8"), re.S).group(1)
    return set(re.findall(r"^\s*(\w+)\s*:", body, re.M))


def js_test_types(path: Path) -> set[str]:
    """The types a node test builds a question of (``type: "blank"``)."""
    return set(re.findall(r'type:\s*"(\w+)"', path.read_text("utf-8")))


def guide_type_line(path: Path) -> set[str]:
    """The types listed on the ``type:`` line of the example in an authors' guide."""
    line = next(line for line in path.read_text("utf-8").splitlines() if re.match(r"\s*type: single\s+#", line))
    return set(re.findall(r"[a-z]+", line.split("#", 1)[1]))


@dataclass
class Touched:
    path: str
    what: str  # what a new type needs there
    handled: Callable[[Path], set[str]]
    falls_through: set[str] = field(default_factory=set)  # types the file's default branch serves


CHECKLIST = [
    Touched("src/coursekit/model.py", "the type in QUESTION_TYPES; the answer's shape in Question", python_literals),
    Touched("src/coursekit/sources/banks.py", "reading and checking the answer, with a message for each mistake", python_literals, {"short"}),
    Touched("src/coursekit/locales/zh.yml", "its name, type.<type>, and the messages its reader and widget use", type_labels),
    Touched("src/coursekit/locales/en.yml", "the same in English", type_labels),
    Touched("src/coursekit/site/quiz.py", "the answer as text on the page without JavaScript", python_literals, {"single", "multiple", "blank", "short"}),
    Touched("src/coursekit/web/js/components/question.js", "a builder: its inputs, result(), correctText(), mark()", js_builders),
    Touched("src/coursekit/web/js/logic/scoring.js", "scoreX(q, ...): marking it in the browser, pure", js_scorers),
    Touched("tests/js/scoring.test.mjs", "node tests of that marking", js_test_types),
    Touched("src/coursekit/web/js/logic/slip.js", "how a result slip records the answer", js_literals, {"multiple", "blank", "order", "short"}),
    Touched("src/coursekit/results/slip.py", "reading that answer back from a slip", python_literals),
    Touched("src/coursekit/results/marking.py", "marking it again in the trainer's report", python_literals),
    Touched("src/coursekit/papers/answers.py", "the answer on a printed answer key", python_literals),
    Touched("src/coursekit/papers/word.py", "its layout on a Word paper", python_literals, {"single", "multiple", "judge", "order"}),
    Touched("src/coursekit/exchange/build.py", "its names in imported files (单选, ...) and the answer read from them", python_literals),
    Touched("src/coursekit/exchange/gift.py", "GIFT out and in (or a reason it cannot go)", python_literals),
    Touched("src/coursekit/exchange/moodle.py", "Moodle XML out (or a reason it cannot go)", python_literals),
    Touched("src/coursekit/exchange/wordtext.py", "pasted Word text in", python_literals),
    Touched("src/coursekit/bench/corpus.py", "questions of the type in the bench's synthetic banks", python_literals),
    Touched("docs/guide/authors.md", "the type and how to write its answer, for authors", guide_type_line),
    Touched("docs/guide/authors.en.md", "the same in English", guide_type_line),
]


def missing(touched: Touched, types) -> list[str]:
    named = touched.handled(ROOT / touched.path)
    return [qtype for qtype in types if qtype not in named and qtype not in touched.falls_through]


def test_every_question_type_is_handled_in_every_file_it_touches():
    gaps = [f"{touched.path}: {', '.join(gone)} ({touched.what})" for touched in CHECKLIST if (gone := missing(touched, QUESTION_TYPES))]
    assert gaps == [], "a question type is missing from:\n" + "\n".join(gaps)


def test_a_new_type_would_be_reported_in_every_file():
    """The checklist can fail: a type no file knows ("newtype") is missing from each of them."""
    for touched in CHECKLIST:
        assert missing(touched, ["newtype"]) == ["newtype"], touched.path


def test_the_architecture_page_lists_the_same_files():
    text = ARCHITECTURE.read_text("utf-8")
    section = text.split("## Adding a question type", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\s*\d+\.\s+`([^`]+)`", section, re.M)
    assert listed == [touched.path for touched in CHECKLIST]
