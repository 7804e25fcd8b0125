"""The result slip (成绩单): a JSON file the browser offers after a mock exam.

Format ``coursekit-result``, version 1. Every key below is required; other keys are ignored, so a
later version may add some without breaking this reader::

    {
      "format": "coursekit-result",          # exactly this text
      "version": 1,                          # exactly 1
      "name": "张三",                        # learner's name, not empty
      "unit": "某某村党支部",                 # learner's unit, may be ""
      "branch": "某某村党支部",               # optional: the 支部 chosen from the site's list (or typed)
      "paper": "sanhui-ceshi",               # the blueprint's paper id
      "paperTitle": "三会一课小测",
      "seed": 2026,                          # integer >= 0: the paper drawn (the exam page's ?seed=)
      "started": "2026-05-01T01:00:00.000Z", # ISO 8601 with a time zone (toISOString() gives this)
      "finished": "2026-05-01T01:08:12.000Z",# not before "started"
      "score": 8,                            # number: the sum of the answers' points
      "total": 10,                           # number > 0, not below score
      "passed": true,                        # score >= the paper's pass mark
      "answers": [                           # one per question of the paper, ids distinct
        {"id": "shyk-001", "type": "single", "given": 1, "correct": true, "points": 2}
      ]
    }

``given`` is what the learner answered, or ``null`` when left unanswered, shaped like the
question's ``answer`` in the site's exam data (option indexes count from 0 in the order of the
question bank, whatever order the screen showed):

- single: an option index, e.g. ``1``;  multiple: a list of distinct option indexes, e.g. ``[0, 2]``;
- judge: ``true`` or ``false``;  blank: a list of texts, one per blank;
- order: the option indexes in the order the learner put them, e.g. ``[2, 0, 1, 3]``;
- short: the text written.

``correct`` is ``true`` or ``false`` as marked by the browser, or ``null`` for a short answer
that the learner marks by comparing with the reference answer (``null`` is allowed for short
answers only). ``points`` (number >= 0) is what the answer earned.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from coursekit.messages import t
from coursekit.model import QUESTION_TYPES

FORMAT = "coursekit-result"
VERSION = 1
REQUIRED_KEYS = ("format", "version", "name", "unit", "paper", "paperTitle", "seed", "started", "finished", "score", "total", "passed", "answers")
ANSWER_KEYS = ("id", "type", "given", "correct", "points")
_TOLERANCE = 1e-6
# A slip of a 100-question exam is some 20 KB; anything near this is not a slip.
MAX_SLIP_BYTES = 2_000_000
# Control characters have no place in a name or an id (a workbook cannot even hold most of them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Times outside these years are a corrupted or forged slip (and Excel cannot show them).
YEARS = (2000, 2200)


@dataclass
class SlipAnswer:
    id: str
    type: str
    given: object
    correct: bool | None
    points: float


@dataclass
class ResultSlip:
    name: str
    unit: str
    paper: str
    paper_title: str
    seed: int
    started: dt.datetime
    finished: dt.datetime
    score: float
    total: float
    passed: bool
    answers: list[SlipAnswer]
    file: str = ""
    branch: str = ""  # the 支部 the learner chose; older slips have only ``unit``

    @property
    def group(self) -> str:
        """The branch the report counts this slip under: the chosen 支部, else the unit typed."""
        return self.branch or self.unit

    @property
    def minutes(self) -> float:
        return (self.finished - self.started).total_seconds() / 60


class SlipError(ValueError):
    """A slip that cannot be used; the message (Chinese by default) says why."""


def _is_number(value: object) -> bool:
    """A finite number that a float can hold (JSON allows 1e999 and 10**400)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _given_is_valid(qtype: str, given: object) -> bool:
    if given is None:
        return True
    if qtype == "single":
        return _is_index(given)
    if qtype == "multiple":
        return isinstance(given, list) and all(_is_index(v) for v in given) and len(set(given)) == len(given)
    if qtype == "judge":
        return isinstance(given, bool)
    if qtype == "blank":
        return isinstance(given, list) and all(isinstance(v, str) for v in given)
    if qtype == "order":
        return isinstance(given, list) and all(_is_index(v) for v in given) and sorted(given) == list(range(len(given)))
    return isinstance(given, str)


def _time(data: dict, key: str, lang: str | None) -> dt.datetime:
    value = data[key]
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) and "T" in value else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise SlipError(t("results.bad_time", lang=lang, field=key, value=value))
    try:
        year = moment.astimezone(dt.timezone.utc).year
    except (OverflowError, ValueError):
        year = None
    if year is None or not YEARS[0] <= year <= YEARS[1] or not YEARS[0] <= moment.year <= YEARS[1]:
        raise SlipError(t("results.time_out_of_range", lang=lang, field=key, value=value, first=YEARS[0], last=YEARS[1]))
    return moment


def _answer(item: object, index: int, lang: str | None) -> SlipAnswer:
    number = index + 1
    if not isinstance(item, dict) or any(key not in item for key in ANSWER_KEYS):
        raise SlipError(t("results.bad_answer", lang=lang, number=number, keys="、".join(ANSWER_KEYS)))
    qid, qtype, given, correct, points = (item[key] for key in ANSWER_KEYS)
    if not isinstance(qid, str) or not qid or _CONTROL.search(qid):
        raise SlipError(t("results.answer_id", lang=lang, number=number))
    if qtype not in QUESTION_TYPES:
        raise SlipError(t("results.answer_type", lang=lang, id=qid, value=qtype, types="、".join(QUESTION_TYPES)))
    if not _given_is_valid(qtype, given):
        raise SlipError(t("results.answer_given", lang=lang, id=qid, type=qtype, value=json.dumps(given, ensure_ascii=False)))
    if not (isinstance(correct, bool) or (correct is None and qtype == "short")):
        raise SlipError(t("results.answer_correct", lang=lang, id=qid, value=json.dumps(correct, ensure_ascii=False)))
    if not _is_number(points) or points < 0:
        raise SlipError(t("results.answer_points", lang=lang, id=qid, value=points))
    return SlipAnswer(qid, qtype, given, correct, float(points))


def parse_slip(data: object, lang: str | None = None) -> ResultSlip:
    """A valid slip from decoded JSON, or ``SlipError`` naming the first thing wrong."""
    if not isinstance(data, dict):
        raise SlipError(t("results.not_object", lang=lang))
    if data.get("format") != FORMAT:
        raise SlipError(t("results.bad_format", lang=lang, value=data.get("format")))
    if data.get("version") != VERSION or isinstance(data.get("version"), bool):
        raise SlipError(t("results.bad_version", lang=lang, value=data.get("version")))
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise SlipError(t("results.missing", lang=lang, keys="、".join(missing)))
    for key in ("name", "unit", "paper", "paperTitle"):
        if not isinstance(data[key], str) or (key in ("name", "paper") and not data[key].strip()):
            raise SlipError(t("results.bad_text", lang=lang, field=key))
        if _CONTROL.search(data[key]):
            raise SlipError(t("results.control_character", lang=lang, field=key))
    if not _is_index(data["seed"]):
        raise SlipError(t("results.bad_seed", lang=lang, value=data["seed"]))
    started, finished = _time(data, "started", lang), _time(data, "finished", lang)
    if finished < started:
        raise SlipError(t("results.finished_before_started", lang=lang))
    score, total = data["score"], data["total"]
    if not _is_number(score) or not _is_number(total) or total <= 0 or not 0 <= score <= total + _TOLERANCE:
        raise SlipError(t("results.bad_score", lang=lang, score=score, total=total))
    if not isinstance(data["passed"], bool):
        raise SlipError(t("results.bad_passed", lang=lang))
    if not isinstance(data["answers"], list) or not data["answers"]:
        raise SlipError(t("results.no_answers", lang=lang))
    answers = [_answer(item, index, lang) for index, item in enumerate(data["answers"])]
    seen: set[str] = set()
    for answer in answers:
        if answer.id in seen:
            raise SlipError(t("results.duplicate_answer", lang=lang, id=answer.id))
        seen.add(answer.id)
    earned = sum(answer.points for answer in answers)
    if abs(earned - score) > _TOLERANCE:
        raise SlipError(t("results.score_mismatch", lang=lang, score=score, earned=_plain(earned)))
    return ResultSlip(
        name=data["name"].strip(),
        unit=data["unit"].strip(),
        paper=data["paper"],
        paper_title=data["paperTitle"],
        seed=data["seed"],
        started=started,
        finished=finished,
        score=float(score),
        total=float(total),
        passed=data["passed"],
        answers=answers,
        branch=data["branch"].strip() if isinstance(data.get("branch"), str) else "",
    )


def read_slip(path: Path, lang: str | None = None) -> ResultSlip:
    """Read and validate one slip file; ``SlipError`` says why it cannot be used."""
    try:
        if Path(path).stat().st_size > MAX_SLIP_BYTES:
            raise SlipError(t("results.too_large", lang=lang, limit=MAX_SLIP_BYTES // 1_000_000))
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SlipError(t("file.not_utf8", lang=lang)) from None
    except OSError as err:
        raise SlipError(t("file.unreadable", lang=lang, detail=err.strerror or str(err))) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as err:
        raise SlipError(t("results.not_json", lang=lang, line=err.lineno, column=err.colno)) from None
    except _NotFinite as err:
        raise SlipError(t("results.not_finite", lang=lang, value=str(err))) from None
    except RecursionError:
        raise SlipError(t("results.too_deep", lang=lang)) from None
    slip = parse_slip(data, lang)
    slip.file = str(path)
    return slip


def decode_json(text: str, start: int = 0) -> tuple[object, int]:
    """The JSON value at ``start`` of ``text`` and where it ends, read as strictly as a slip file
    (no NaN, Infinity or 1e999). Raises ``json.JSONDecodeError``, ``SlipError`` (not finite, too deep)."""
    decoder = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)
    try:
        return decoder.raw_decode(text, start)
    except _NotFinite as err:
        raise SlipError(t("results.not_finite", value=str(err))) from None
    except RecursionError:
        raise SlipError(t("results.too_deep")) from None


class _NotFinite(ValueError):
    pass


def _refuse_constant(name: str) -> object:
    # JSON has no NaN or Infinity; Python's reader accepts them unless told otherwise.
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999
        raise _NotFinite(text)
    return value


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
