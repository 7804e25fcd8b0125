"""The compact result slip: the one line behind the QR code on an exam's result
(``web/js/logic/slip.js``, ``compactSlip``; keep the two in step)::

    CKR1|paper|seed|name|branch|started|finished|answers

Times are whole seconds since 1970 (UTC). In the texts ``%``, ``|`` and line breaks are
%-escaped. The line carries no question ids, no marks and no score: the paper is drawn again from
its id and seed (``coursekit.draw``, as the exam page drew it), and the answers, one token per
question in draw order, are given to those questions, so ``mark_slip`` marks them as it marks a
slip file. Tokens: ``-`` not answered; single: the option index in base 36; judge: ``T``/``F``;
multiple and order: ``(indexes in base 36)``; blank: ``[texts,comma-separated]`` (``,`` and ``]``
also escaped); short: ``+``/``x`` as the learner marked it, ``?`` when not marked (the text stays
on the phone, so the report shows it empty).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote

from coursekit.draw import draw_paper, question_points
from coursekit.messages import t
from coursekit.model import Bank, Blueprint
from coursekit.results.marking import is_right
from coursekit.results.slip import YEARS, ResultSlip, SlipAnswer, SlipError

PREFIX = "CKR1|"
# A compact slip in any text: the prefix and the rest of its line.
FIND = re.compile(r"CKR1\|[^\r\n]*")
_TOKEN = re.compile(r"[-0-9a-zTF+x?]|\([0-9a-z]*\)|\[[^\]]*\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class CompactSlip:
    paper: str
    seed: int
    name: str
    branch: str
    started: dt.datetime
    finished: dt.datetime
    tokens: list[str]


def _text(value: str) -> str:
    return unquote(value, errors="replace")


def parse_compact(line: str, lang: str | None = None) -> CompactSlip:
    """The fields of one compact line, or ``SlipError`` saying what is wrong."""
    fields = line.strip().split("|")
    if len(fields) != 8 or fields[0] != PREFIX[:-1]:
        raise SlipError(t("results.compact_fields", lang=lang))
    _, paper, seed, name, branch, started, finished, answers = fields
    paper, name, branch = _text(paper), _text(name).strip(), _text(branch).strip()
    if not paper or not name or _CONTROL.search(paper + name + branch):
        raise SlipError(t("results.compact_fields", lang=lang))
    if not seed.isascii() or not seed.isdigit():
        raise SlipError(t("results.bad_seed", lang=lang, value=seed))
    times = []
    for key, value in (("started", started), ("finished", finished)):
        moment = None
        if value.isascii() and value.isdigit() and len(value) <= 12:
            moment = dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
        if moment is None or not YEARS[0] <= moment.year <= YEARS[1]:
            raise SlipError(t("results.bad_time", lang=lang, field=key, value=value))
        times.append(moment)
    if times[1] < times[0]:
        raise SlipError(t("results.finished_before_started", lang=lang))
    tokens = _TOKEN.findall(answers)
    if "".join(tokens) != answers or not tokens:
        raise SlipError(t("results.compact_answers", lang=lang))
    return CompactSlip(paper, int(seed), name, branch, times[0], times[1], tokens)


def _given(qtype: str, token: str) -> tuple[object, bool | None]:
    """The answer a token stands for, shaped as in a slip file, and the learner's own mark (short)."""
    if token == "-":
        return None, None
    if qtype == "short" and token in "+x?":
        return "", {"+": True, "x": False, "?": None}[token]
    if qtype == "judge" and token in ("T", "F"):
        return token == "T", None
    if qtype == "single" and len(token) == 1 and token in "0123456789abcdefghijklmnopqrstuvwxyz":
        return int(token, 36), None
    if qtype in ("multiple", "order") and token.startswith("("):
        return [int(c, 36) for c in token[1:-1]], None
    if qtype == "blank" and token.startswith("["):
        return [_text(part) for part in token[1:-1].split(",")], None
    raise ValueError(token)


def expand_compact(compact: CompactSlip, blueprints: dict[str, Blueprint], banks: dict[str, Bank], lang: str | None = None) -> ResultSlip:
    """A result slip from the compact line, its answers given to the questions of the paper drawn
    again; the browser's marks are taken as the answers' (they are checked by ``mark_slip``)."""
    blueprint = blueprints.get(compact.paper)
    if blueprint is None:
        raise SlipError(t("results.unknown_paper", lang=lang, paper=compact.paper, available="、".join(sorted(blueprints)) or "—"))
    drawn, _ = draw_paper(blueprint, banks, compact.seed)
    questions = [(q, question_points(part, q)) for part in drawn for q in part.questions]
    if len(questions) != len(compact.tokens):
        raise SlipError(t("results.compact_count", lang=lang, paper=compact.paper, seed=compact.seed, given=len(compact.tokens), expected=len(questions)))
    answers = []
    for number, ((question, points), token) in enumerate(zip(questions, compact.tokens), start=1):
        try:
            given, self_mark = _given(question.type, token)
        except ValueError:
            raise SlipError(t("results.compact_token", lang=lang, number=number, id=question.id, token=token)) from None
        correct = self_mark if question.type == "short" else is_right(question, given)
        answers.append(SlipAnswer(question.id, question.type, given, correct, points if correct else 0.0))
    score = sum(a.points for a in answers)
    total = sum(points for _, points in questions)
    return ResultSlip(
        name=compact.name, unit=compact.branch, paper=blueprint.id, paper_title=blueprint.title, seed=compact.seed,
        started=compact.started, finished=compact.finished, score=score, total=total, passed=score >= blueprint.pass_mark,
        answers=answers, branch=compact.branch,
    )
