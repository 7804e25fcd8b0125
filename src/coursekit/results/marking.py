"""Marking a result slip again, against the question banks and the paper's blueprint.

A slip is a file the learner's browser wrote; anyone can edit it. So the report never believes
its ``correct``, ``points``, ``score``, ``total`` or ``passed``: the paper is drawn again from its
id and seed (the same draw as the exam page, ``coursekit.draw``), every answer is compared with
the bank's answer, and points and the pass mark come from the blueprint. A slip whose questions
are not the questions of that draw, or whose answers do not fit them, cannot be marked and is
reported instead.

Short answers are the one thing no machine can mark: the learner marked them against the
reference answer. Their points are kept apart (``self_marked``), so a trainer sees what to check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coursekit.draw import draw_paper, question_points
from coursekit.messages import t
from coursekit.model import Bank, Blueprint, Question
from coursekit.results.slip import ResultSlip, SlipAnswer, SlipError

_SPACE = re.compile(r"\s+")
_TOLERANCE = 1e-6


@dataclass
class MarkedAnswer:
    question: Question
    given: object
    points: float  # what the question is worth in this paper
    correct: bool | None  # re-marked; for a short answer, the learner's own mark
    earned: float
    claimed_correct: bool | None  # what the slip said

    @property
    def self_marked(self) -> bool:
        return self.question.type == "short"


@dataclass
class MarkedSlip:
    slip: ResultSlip
    blueprint: Blueprint
    answers: list[MarkedAnswer]

    @property
    def score(self) -> float:
        return sum(a.earned for a in self.answers)

    @property
    def self_marked_score(self) -> float:
        return sum(a.earned for a in self.answers if a.self_marked)

    @property
    def total(self) -> float:
        return sum(a.points for a in self.answers)

    @property
    def passed(self) -> bool:
        return self.score + _TOLERANCE >= self.blueprint.pass_mark

    @property
    def changed(self) -> list[MarkedAnswer]:
        """Machine-marked answers the slip marked otherwise (the browser never does: an edited slip)."""
        return [a for a in self.answers if not a.self_marked and a.claimed_correct != a.correct]

    @property
    def trustworthy(self) -> bool:
        return not self.changed and abs(self.slip.score - self.score) <= _TOLERANCE and self.slip.passed == self.passed


def normalise(text: str) -> str:
    """As the browser compares blanks: NFKC, no white space, lower case."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text))).lower()


def is_right(question: Question, given: object) -> bool:
    if given is None:
        return False
    kind = question.type
    if kind == "single":
        return given == question.answer
    if kind == "multiple":
        return sorted(given) == sorted(question.answer)
    if kind == "judge":
        return given is question.answer
    if kind == "blank":
        return all(
            normalise(value) != "" and any(normalise(accepted) == normalise(value) for accepted in accepted_list)
            for value, accepted_list in zip(given, question.answer)
        )
    if kind == "order":
        return list(given) == list(range(len(question.options)))
    return False


def _fits(question: Question, given: object) -> bool:
    """The shape of ``given`` fits this question (indexes within its options, one text per blank)."""
    if given is None:
        return True
    kind = question.type
    count = len(question.options)
    if kind == "single":
        return given < count
    if kind == "multiple":
        return all(i < count for i in given)
    if kind == "order":
        return len(given) == count
    if kind == "blank":
        return len(given) == question.blank_count
    return True


def mark_slip(slip: ResultSlip, blueprints: dict[str, Blueprint], banks: dict[str, Bank], lang: str | None = None) -> MarkedSlip:
    """The slip marked against the banks, or ``SlipError`` when it does not match them."""
    blueprint = blueprints.get(slip.paper)
    if blueprint is None:
        raise SlipError(t("results.unknown_paper", lang=lang, paper=slip.paper, available="、".join(sorted(blueprints)) or "—"))
    drawn, _ = draw_paper(blueprint, banks, slip.seed)
    expected: dict[str, tuple[Question, float]] = {q.id: (q, question_points(part, q)) for part in drawn for q in part.questions}
    given_ids = [a.id for a in slip.answers]
    extra = [qid for qid in given_ids if qid not in expected]
    missing = [qid for qid in expected if qid not in set(given_ids)]
    if extra or missing:
        raise SlipError(
            t(
                "results.paper_mismatch",
                lang=lang,
                paper=slip.paper,
                seed=slip.seed,
                extra=_first_ids(extra),
                missing=_first_ids(missing),
            )
        )
    answers = [_mark(answer, *expected[answer.id], lang=lang) for answer in slip.answers]
    return MarkedSlip(slip, blueprint, answers)


def _mark(answer: SlipAnswer, question: Question, points: float, lang: str | None) -> MarkedAnswer:
    if answer.type != question.type:
        raise SlipError(t("results.type_mismatch", lang=lang, id=question.id, value=answer.type, expected=question.type))
    if not _fits(question, answer.given):
        raise SlipError(t("results.given_mismatch", lang=lang, id=question.id))
    if question.type == "short":
        correct = answer.correct is True
    else:
        correct = is_right(question, answer.given)
    return MarkedAnswer(question, answer.given, points, correct, points if correct else 0.0, answer.correct)


def _first_ids(ids: list[str]) -> str:
    if not ids:
        return "—"
    shown = "、".join(ids[:3])
    return shown + ("等" if len(ids) > 3 else "")
