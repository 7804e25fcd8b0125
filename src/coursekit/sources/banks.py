"""Question banks: ``quizzes/*.yml``. Structure and answers are checked here, per file;
rules that span files (unique ids, citations, lessons) are in ``coursekit.check``."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.messages import t
from coursekit.model import CASE_QUESTIONS, CASE_TYPE, LETTERS, OPTION_TYPES, QUESTION_TYPES, Bank, Case, Question
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
CASE_KEYS = {"id", "type", "title", "material", "source", "lesson", "tags", "difficulty", "questions"}
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


def _answer_texts(raw: object) -> list[str]:
    if isinstance(raw, list):
        return [text for item in raw for text in _answer_texts(item)]
    return [raw] if isinstance(raw, str) else []


def _read_answer(q: FieldReader, qtype: str, options: list[str], stem: str) -> object:
    raw = q.data.get("answer")
    if qtype == "order":
        if raw is not None:
            q.problem("answer", t("question.order_has_answer"))
        return list(range(len(options)))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        q.problem(None, t("question.answer_missing"))
        return None
    for text in _answer_texts(raw):  # kept as written, so not read through FieldReader.text
        problem = text_problem(text, "answer")
        if problem:
            q.problem("answer", problem)
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


def load_question(item: MarkedDict, bank_id: str, shown_as: str, problems: list[Problem], case: Case | None = None, shared: dict | None = None) -> Question | None:
    """``shared``: what a case's questions take from the case unless they say otherwise
    (``source``, ``lesson``, ``difficulty``; the case's ``tags`` are added to the question's own)."""
    before = len(problems)
    q = FieldReader(item, shown_as, problems)
    if item.get("type") == CASE_TYPE and case is not None:
        q.problem("type", t("case.nested"))
        return None
    q.unknown_keys(QUESTION_KEYS)
    qid = q.text("id")
    if qid and not ID_PATTERN.match(qid):
        q.problem("id", t("question.bad_id", id=qid))
    qtype = q.text("type")
    if qtype and qtype not in QUESTION_TYPES:
        types = QUESTION_TYPES if case is not None else QUESTION_TYPES + (CASE_TYPE,)
        q.problem("type", t("question.unknown_type", type=qtype, types="、".join(types)))
        return None
    if not qtype:
        return None
    shared = shared or {}
    stem = q.text("stem")
    options = _read_options(q, qtype)
    answer = _read_answer(q, qtype, options, stem)
    sources = q.text_list("source", required=not shared.get("source")) or list(shared.get("source", []))
    difficulty = q.integer("difficulty", required=False, default=shared.get("difficulty", 1), minimum=1)
    if difficulty > 3:
        q.problem("difficulty", t("question.difficulty_range", value=difficulty))
    tags = q.text_list("tags")
    tags += [tag for tag in shared.get("tags", []) if tag not in tags]
    question = Question(
        id=qid,
        bank=bank_id,
        type=qtype,
        stem=stem,
        options=options,
        answer=answer,
        explanation=q.text("explanation"),
        sources=sources,
        lesson=q.text("lesson", required=not shared.get("lesson")) or shared.get("lesson", ""),
        tags=tags,
        difficulty=difficulty,
        file=shown_as,
        line=item.line,
        not_affected=q.text_list("not_affected"),
        case=case,
    )
    return question if len(problems) == before else None


def load_case(item: MarkedDict, bank_id: str, shown_as: str, problems: list[Problem]) -> list[Question]:
    """A case and its questions, or nothing if any part of it is wrong: a case is used whole."""
    before = len(problems)
    c = FieldReader(item, shown_as, problems)
    c.unknown_keys(CASE_KEYS)
    case_id = c.text("id")
    if case_id and not ID_PATTERN.match(case_id):
        c.problem("id", t("question.bad_id", id=case_id))
    case = Case(id=case_id, bank=bank_id, title=c.text("title"), material=c.text("material"), file=shown_as, line=item.line)
    shared = {
        "source": c.text_list("source"),
        "lesson": c.text("lesson", required=False),
        "tags": c.text_list("tags"),
        "difficulty": min(c.integer("difficulty", required=False, default=1, minimum=1), 3),
    }
    raw = item.get("questions")
    items = c.mapping_list("questions")
    low, high = CASE_QUESTIONS
    if isinstance(raw, MarkedList) and not low <= len(raw) <= high:
        c.problem("questions", t("case.question_count", count=len(raw), low=low, high=high))
    questions = [q for q in (load_question(sub, bank_id, shown_as, problems, case, shared) for sub in items) if q]
    case.question_ids = [q.id for q in questions]
    # What a case section may draw it by: the tags all its questions share.
    case.tags = [tag for tag in questions[0].tags if all(tag in q.tags for q in questions)] if questions else []
    return questions if len(problems) == before else []


def load_bank(path: Path, shown_as: str, data: bytes | None = None) -> tuple[Bank | None, list[Problem]]:
    problems: list[Problem] = []
    data, yaml_problems = load_yaml_file(path, shown_as, data, "bank")
    problems += yaml_problems
    top = require_mapping(data, shown_as, problems, t("what.bank")) if not yaml_problems else None
    if top is None:
        return None, problems
    head = FieldReader(top, shown_as, problems)
    head.unknown_keys({"bank", "title", "description", "questions", "retired"})
    bank_id = head.text("bank")
    if bank_id and not ID_PATTERN.match(bank_id):
        head.problem("bank", t("bank.bad_id", id=bank_id))
    raw_questions = top.get("questions")
    if raw_questions is None or (isinstance(raw_questions, list) and not raw_questions):
        head.problem("questions" if raw_questions is not None else None, t("bank.empty"))
        items = []
    else:
        items = head.mapping_list("questions")
    questions: list[Question] = []
    for item in items:
        if item.get("type") == CASE_TYPE:
            questions += load_case(item, bank_id, shown_as, problems)
        else:
            question = load_question(item, bank_id, shown_as, problems)
            if question:
                questions.append(question)
    cases = list({id(q.case): q.case for q in questions if q.case}.values())
    retired = _retired(head, problems)
    bank = Bank(
        id=bank_id,
        title=head.text("title"),
        description=head.text("description", required=False),
        questions=questions,
        file=shown_as,
        line=top.line,
        cases=cases,
        retired=retired,
        retired_line=top.line_of("retired") if "retired" in top else 0,
    )
    return bank, problems


def _retired(head: FieldReader, problems: list[Problem]) -> list[str]:
    """``retired:``: ids of questions taken out of the bank. They stay listed so that no new
    question takes one over (a learner's saved answers and mistakes name questions by id)."""
    retired = head.text_list("retired")
    raw = head.data.get("retired")
    seen: set[str] = set()
    for index, rid in enumerate(retired):
        line = raw.line_of(index) if isinstance(raw, MarkedList) else head.line("retired")
        if not ID_PATTERN.match(rid):
            problems.append(Problem(head.file, line, t("question.bad_id", id=rid)))
        elif rid in seen:
            problems.append(Problem(head.file, line, t("bank.retired_twice", id=rid)))
        seen.add(rid)
    return retired
