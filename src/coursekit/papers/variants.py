"""Paper variants (A, B, …) of a blueprint: which questions, in which order, under which letters.

How a variant is made, so that a trainer can find it again on the site:

- Seed: variant A uses the base seed N (by default the blueprint's ``seed``), B uses N+1, C N+2,
  and so on (the letter's place in the alphabet is added). The questions of a variant are exactly
  those ``draw_paper`` draws with that seed, which is what the site's exam page shows with
  ``?seed=<that seed>``.
- Order: on paper, the questions of each section and the options of each question are shuffled
  by a second generator seeded with ``seed + ORDER_SALT``, so that neighbours holding A and B see
  different orders and letters even when the draws overlap. Answer letters follow the options.
  In a case section the cases are shuffled; a case's questions keep their order, which often
  builds from reading the facts to deciding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from coursekit.draw import Shortage, draw_paper, mulberry32, shuffled
from coursekit.model import CASE_TYPE, LETTERS, Bank, Blueprint, Case, Question, Section
from coursekit.numerals import chinese_numeral

ORDER_SALT = 0x9E3779B9
# An option such as "以上都是" speaks about the options above it, so it keeps its place.
PINNED_OPTION = re.compile(r"^(以上|上述)")
OBJECTIVE_TYPES = ("single", "multiple", "judge", "order")


def parse_variant_letters(text: str) -> list[str] | None:
    """``"A,B"`` or ``"AB"`` -> ["A", "B"]; None unless every part is one distinct letter A–Z."""
    parts = [p for p in re.split(r"[\s,，、]+", text.strip().upper()) if p]
    if len(parts) == 1 and len(parts[0]) > 1:
        parts = list(parts[0])
    if not parts or any(len(p) != 1 or p not in LETTERS for p in parts) or len(set(parts)) != len(parts):
        return None
    return parts


def variant_seed(base_seed: int, letter: str) -> int:
    return base_seed + LETTERS.index(letter)


@dataclass
class PaperItem:
    """A question as printed: its number on the paper, its options in printed order, and the
    printed letters of the right answer (for single, multiple and order questions)."""

    number: int
    question: Question
    options: list[str]
    key: list[int]

    @property
    def key_letters(self) -> str:
        return "".join(LETTERS[i] for i in self.key)


@dataclass
class PaperSection:
    number: int
    section: Section
    items: list[PaperItem]

    @property
    def cases(self) -> list[Case]:
        return list({id(i.question.case): i.question.case for i in self.items if i.question.case}.values())

    @property
    def count(self) -> int:
        """What the section's points are per: its questions, or in a case section its cases."""
        return len(self.cases) if self.section.type == CASE_TYPE else len(self.items)

    @property
    def points(self) -> float:
        return self.section.points * self.count

    def item_points(self, item: PaperItem) -> float:
        """A case's points are shared evenly by its questions."""
        if self.section.type != CASE_TYPE or item.question.case is None:
            return self.section.points
        size = sum(1 for i in self.items if i.question.case is item.question.case)
        return round(self.section.points / size, 2)

    def starts_case(self, item: PaperItem) -> bool:
        """True for the first question of a case: where its material is printed."""
        index = self.items.index(item)
        case = item.question.case
        return case is not None and (index == 0 or self.items[index - 1].question.case is not case)


@dataclass
class PaperVariant:
    blueprint: Blueprint
    letter: str
    seed: int
    sections: list[PaperSection]

    def items(self) -> list[PaperItem]:
        return [item for part in self.sections for item in part.items]


def _option_order(question: Question, rng: Callable[[], float]) -> list[int]:
    """The printed order of the options, as indexes into ``question.options``."""
    count = len(question.options)
    pinned = {i for i, option in enumerate(question.options) if PINNED_OPTION.match(option)}
    free = [i for i in range(count) if i not in pinned]
    mixed = iter(shuffled(free, rng))
    order = [i if i in pinned else next(mixed) for i in range(count)]
    if question.type == "order" and order == list(range(count)) and count > 1:
        # Printed in the right order, an order question would give its own answer away.
        order = order[1:] + order[:1]
    return order


def _item(number: int, question: Question, rng: Callable[[], float]) -> PaperItem:
    if question.type not in ("single", "multiple", "order"):
        return PaperItem(number, question, [], [])
    order = _option_order(question, rng)
    options = [question.options[i] for i in order]
    if question.type == "single":
        key = [order.index(question.answer)]
    elif question.type == "multiple":
        key = sorted(order.index(i) for i in question.answer)
    else:  # order: the printed letters, taken in the right sequence
        key = [order.index(i) for i in question.answer]
    return PaperItem(number, question, options, key)


def case_number(part: PaperSection, case: Case, lang: str = "zh") -> str:
    """The numeral after 材料 (材料一, 材料二) or after Material (Material 1)."""
    number = part.cases.index(case) + 1
    return chinese_numeral(number) if lang == "zh" else f" {number}"


def _paper_order(section: Section, questions: list[Question], rng: Callable[[], float]) -> list[Question]:
    if section.type != CASE_TYPE:
        return shuffled(questions, rng)
    groups: dict[int, list[Question]] = {}
    for question in questions:
        groups.setdefault(id(question.case), []).append(question)
    return [q for group in shuffled(groups.values(), rng) for q in group]


def make_variant(blueprint: Blueprint, banks: dict[str, Bank], base_seed: int, letter: str) -> tuple[PaperVariant, list[Shortage]]:
    """Variant ``letter`` of ``blueprint``; also the draw rules that ran short (an unusable paper)."""
    seed = variant_seed(base_seed, letter)
    drawn, shortages = draw_paper(blueprint, banks, seed)
    rng = mulberry32(seed + ORDER_SALT)
    sections = []
    number = 0
    for index, part in enumerate(drawn, 1):
        items = []
        for question in _paper_order(part.section, part.questions, rng):
            number += 1
            items.append(_item(number, question, rng))
        sections.append(PaperSection(index, part.section, items))
    return PaperVariant(blueprint, letter, seed, sections), shortages
