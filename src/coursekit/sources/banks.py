"""Question banks: ``quizzes/*.yml``. Structure and answers are checked here, per file;
rules that span files (unique ids, citations, lessons) are in ``coursekit.check``."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.messages import t
from coursekit.model import LETTERS, OPTION_TYPES, QUESTION_TYPES, Bank, Question
from coursekit.problems import Problem
from coursekit.sources.fields import FieldReader, require_mapping, text_problem
from coursekit.sources.yamlfile import MarkedDict, MarkedList, load_yaml_file

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BLANK_MARK = re.compile(r"_{3,}")
JUDGE_WORDS = {
    "正确": True, "对": True, "√": True, "是": True, "true": True,
    "错误": False, "错": False, "×": False, "否": False, "false": False,
}
QUESTION_KEYS = {"id", "type", "stem", "options", "answer", "explanation", "source", "lesson", "tags", "difficulty", "not_affected"}
MAX_OPTIONS = 26


def parse_letters(value: object) -> list[str] | None:
    """``"ABD"``, ``"A,B,D"``, ``"A、B、D"`` or ``[A, B, D]`` -> ["A", "B", "D"]; None if not letters."""
    if isinstance(value, list):
        parts = [str(v).strip().upper() for v in value]
    elif isinstance(value, str):
        parts = [c for c in re.sub(r"[\s,，、;；]", "", value).upper()]
    else:
        return None
    if not parts or any(len(p) != 1 or p not in LETTERS for p in parts):
        return None
    return parts


def _read_options(q: FieldReader, qtype: str) -> list[str]:
    raw = q.data.get("options")
    if qtype not in OPTION_TYPES:
        if raw is not None:
            q.problem("options", t("question.options_not_allowed", type=qtype))
        return []
    if not isinstance(raw, MarkedList) or any(isinstance(v, (dict, list)) or v is None for v in raw):
        q.problem("options" if raw is not None else None, t("question.options_required", type=qtype))
        return []
    options = [str(v).strip() for v in raw]
    if len(options) < 2 or len(options) > MAX_OPTIONS:
        q.problem("options", t("question.options_count", count=len(options)))
    for index, option in enumerate(options):
        problem = text_problem(option, "options")
        if problem:
            q.problems.append(Problem(q.file, raw.line_of(index), problem))
            return []
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        if not option:
            q.problems.append(Problem(q.file, raw.line_of(index), t("question.option_empty", letter=LETTERS[index % 26])))
        elif option in seen:
            q.problems.append(
                Problem(q.file, raw.line_of(index), t("question.option_duplicate", option=option, first=raw.line_of(seen[option])))
            )
        else:
            seen[option] = index
    return options


def _read_answer(q: FieldReader, qtype: str, options: list[str], stem: str) -> object:
    raw = q.data.get("answer")
    if qtype == "order":
        if raw is not None:
            q.problem("answer", t("question.order_has_answer"))
        return list(range(len(options)))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        q.problem(None, t("question.answer_missing"))
        return None
    if qtype in ("single", "multiple"):
        letters = parse_letters(raw)
        if letters is None:
            q.problem("answer", t("question.answer_not_letters", value=raw))
            return None
        last = LETTERS[min(len(options), len(LETTERS)) - 1] if options else "A"
        outside = [letter for letter in letters if LETTERS.index(letter) >= len(options)]
        if outside:
            q.problem("answer", t("question.answer_not_option", value="".join(outside), count=len(options), last=last))
            return None
        if len(set(letters)) != len(letters):
            q.problem("answer", t("question.answer_repeated", value=raw))
            return None
        indexes = sorted(LETTERS.index(letter) for letter in letters)
        if qtype == "single":
            if len(indexes) != 1:
                q.problem("answer", t("question.single_one_answer", value=raw))
                return None
            return indexes[0]
        if len(indexes) < 2:
            q.problem("answer", t("question.multiple_two_answers"))
            return None
        return indexes
    if qtype == "judge":
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip()
        word = word.lower() if word.isascii() else word
        if word in JUDGE_WORDS:
            return JUDGE_WORDS[word]
        q.problem("answer", t("question.judge_answer", value=raw))
        return None
    if qtype == "blank":
        entries = raw if isinstance(raw, list) else [raw]
        accepted: list[list[str]] = []
        for entry in entries:
            words = entry if isinstance(entry, list) else [entry]
            words = [str(w).strip() for w in words if w is not None and str(w).strip()]
            if not words or any(isinstance(w, dict) for w in (entry if isinstance(entry, list) else [entry])):
                q.problem("answer", t("question.blank_empty"))
                return None
            accepted.append(words)
        marks = len(BLANK_MARK.findall(stem))
        if marks == 0:
            q.problem("stem", t("question.blank_no_marks"))
        elif marks != len(accepted):
            q.problem("answer", t("question.blank_count", marks=marks, answers=len(accepted)))
        return accepted
    if isinstance(raw, (dict, list)):
        q.problem("answer", t("question.short_answer_text"))
        return None
    return str(raw).strip()


def load_question(item: MarkedDict, bank_id: str, shown_as: str, problems: list[Problem]) -> Question | None:
    before = len(problems)
    q = FieldReader(item, shown_as, problems)
    q.unknown_keys(QUESTION_KEYS)
    qid = q.text("id")
    if qid and not ID_PATTERN.match(qid):
        q.problem("id", t("question.bad_id", id=qid))
    qtype = q.text("type")
    if qtype and qtype not in QUESTION_TYPES:
        q.problem("type", t("question.unknown_type", type=qtype, types="、".join(QUESTION_TYPES)))
        return None
    if not qtype:
        return None
    stem = q.text("stem")
    options = _read_options(q, qtype)
    answer = _read_answer(q, qtype, options, stem)
    sources = q.text_list("source", required=True)
    difficulty = q.integer("difficulty", required=False, default=1, minimum=1)
    if difficulty > 3:
        q.problem("difficulty", t("question.difficulty_range", value=difficulty))
    question = Question(
        id=qid,
        bank=bank_id,
        type=qtype,
        stem=stem,
        options=options,
        answer=answer,
        explanation=q.text("explanation"),
        sources=sources,
        lesson=q.text("lesson"),
        tags=q.text_list("tags"),
        difficulty=difficulty,
        file=shown_as,
        line=item.line,
        not_affected=q.text_list("not_affected"),
    )
    return question if len(problems) == before else None


def load_bank(path: Path, shown_as: str, data: bytes | None = None) -> tuple[Bank | None, list[Problem]]:
    problems: list[Problem] = []
    data, yaml_problems = load_yaml_file(path, shown_as, data, "bank")
    problems += yaml_problems
    top = require_mapping(data, shown_as, problems, t("what.bank")) if not yaml_problems else None
    if top is None:
        return None, problems
    head = FieldReader(top, shown_as, problems)
    head.unknown_keys({"bank", "title", "description", "questions"})
    bank_id = head.text("bank")
    if bank_id and not ID_PATTERN.match(bank_id):
        head.problem("bank", t("bank.bad_id", id=bank_id))
    raw_questions = top.get("questions")
    if raw_questions is None or (isinstance(raw_questions, list) and not raw_questions):
        head.problem("questions" if raw_questions is not None else None, t("bank.empty"))
        items = []
    else:
        items = head.mapping_list("questions")
    questions = [q for q in (load_question(item, bank_id, shown_as, problems) for item in items) if q]
    bank = Bank(
        id=bank_id,
        title=head.text("title"),
        description=head.text("description", required=False),
        questions=questions,
        file=shown_as,
        line=top.line,
    )
    return bank, problems
