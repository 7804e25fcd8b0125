"""Seeded drawing of exam papers. The browser (``web/js/logic/draw.js``) implements the very same
generator and steps, so paper 42 printed by a trainer is paper 42 on a learner's phone.

A section of type ``case`` draws whole cases (its ``count`` counts cases) and lists their
questions in the case's order; the questions of a case are never drawn one by one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from coursekit.model import CASE_TYPE, Bank, Blueprint, Case, DrawRule, Question, Section

_MASK = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    return (a * b) & _MASK


def mulberry32(seed: int) -> Callable[[], float]:
    """A tiny 32-bit generator, chosen because it is exact and short in both Python and JavaScript."""
    state = seed & _MASK

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        z = state
        z = _imul(z ^ (z >> 15), z | 1)
        z = (z + _imul(z ^ (z >> 7), z | 61)) & _MASK ^ z
        return ((z ^ (z >> 14)) & _MASK) / 4294967296

    return next_float


def shuffled(items: Iterable, rng: Callable[[], float]) -> list:
    """Fisher–Yates, from the end, as the browser does it."""
    result = list(items)
    for i in range(len(result) - 1, 0, -1):
        j = int(rng() * (i + 1))
        result[i], result[j] = result[j], result[i]
    return result


@dataclass
class DrawnSection:
    section: Section
    questions: list[Question]


@dataclass
class Shortage:
    """A draw rule that found fewer questions than it asks for."""

    rule: DrawRule
    section: Section
    available: int


def question_points(part: DrawnSection, question: Question) -> float:
    """What one drawn question is worth: its section's points, or in a case section the case's
    points shared evenly by its questions (the browser's questionPoints does the same)."""
    if part.section.type != CASE_TYPE or question.case is None:
        return part.section.points
    return part.section.points / sum(1 for q in part.questions if q.case is question.case)


def candidates(rule: DrawRule, section: Section, banks: dict[str, Bank], used: set[str]) -> list[Question] | list[Case]:
    """Questions, or cases in a case section, in the bank's order."""
    bank = banks.get(rule.bank)
    if bank is None:
        return []
    if section.type == CASE_TYPE:
        return [c for c in bank.cases if (not rule.tag or rule.tag in c.tags) and c.id not in used]
    return [
        q
        for q in bank.questions
        if q.case is None and q.type == section.type and (not rule.tag or rule.tag in q.tags) and q.id not in used
    ]


def draw_paper(blueprint: Blueprint, banks: dict[str, Bank], seed: int) -> tuple[list[DrawnSection], list[Shortage]]:
    """Draw every section of ``blueprint`` with ``seed``; also report rules that ran short."""
    rng = mulberry32(seed)
    used: set[str] = set()
    drawn: list[DrawnSection] = []
    shortages: list[Shortage] = []
    for section in blueprint.sections:
        picked: list[Question] = []
        for rule in section.draws:
            pool = candidates(rule, section, banks, used)
            if len(pool) < rule.count:
                shortages.append(Shortage(rule, section, len(pool)))
            chosen = shuffled(pool, rng)[: rule.count]
            used.update(item.id for item in chosen)
            if section.type == CASE_TYPE:
                bank = banks[rule.bank]
                picked.extend(q for case in chosen for q in bank.case_questions(case))
            else:
                picked.extend(chosen)
        drawn.append(DrawnSection(section, picked))
    return drawn, shortages
