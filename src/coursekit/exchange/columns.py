"""The question-bank spreadsheet, shared by the Excel and CSV formats: one row per question.

Columns (the template's first row; order is free, unknown columns are ignored):

    编号 题型 题干 选项A … 选项H 答案 解析 依据 课文 标签 难度 [材料编号 材料标题 材料]

答案 by type: 单选 ``B``; 多选 ``ABD``; 判断 ``正确``/``错误``; 填空 one group per blank separated
by ``；``, accepted answers of a blank by ``|`` (``月|个月；半数``); 排序 empty (options written in the
right order) or the right order as letters (``BADC``); 简答 the reference answer. 依据 and 标签 hold
several values separated by ``、``. The three 材料 columns (only in banks with case studies)
give, on every row of a case's questions, the case's id, title and situation. Every field of a bank survives a round trip through this layout;
the few texts that contain a separator cannot, and the exporter says so instead of losing them.
"""

from __future__ import annotations

import datetime as _dt
import re

from coursekit.exchange.build import TYPE_SHORT_NAMES, normalise
from coursekit.exchange.draft import Draft, Reading, clean_text
from coursekit.messages import t
from coursekit.model import LETTERS, Bank, Question
from coursekit.problems import Problem

ID, TYPE, STEM, ANSWER, EXPLANATION, SOURCE, LESSON, TAGS, DIFFICULTY = (
    "编号", "题型", "题干", "答案", "解析", "依据", "课文", "标签", "难度",
)
CASE_ID, CASE_TITLE, CASE_MATERIAL = "材料编号", "材料标题", "材料"
OPTION = "选项"
TEMPLATE_OPTIONS = 8  # 选项A … 选项H; more columns are added when a bank needs them
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is tolerated

_ALIASES = {
    ID: ("编号", "题目编号", "id"),
    TYPE: ("题型", "类型", "题目类型", "type"),
    STEM: ("题干", "题目", "试题", "题目内容", "stem"),
    ANSWER: ("答案", "正确答案", "参考答案", "标准答案", "answer"),
    EXPLANATION: ("解析", "答案解析", "试题解析", "explanation"),
    SOURCE: ("依据", "出处", "条文", "source"),
    LESSON: ("课文", "lesson"),
    TAGS: ("标签", "tags"),
    DIFFICULTY: ("难度", "difficulty"),
    CASE_ID: ("材料编号", "案例编号", "case"),
    CASE_TITLE: ("材料标题", "案例标题", "casetitle"),
    CASE_MATERIAL: ("材料", "案例材料", "材料内容", "material"),
}
_HEADER_NAMES = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_OPTION_HEADER = re.compile(r"^(?:选项|option)?([a-z])$")
SOURCE_SEPARATORS = re.compile(r"[\s,，、;；]+")
TAG_SEPARATORS = re.compile(r"[,，、;；]+")
BLANK_RESERVED = re.compile(r"[；;|｜]")


def header_row(option_count: int, with_cases: bool = False) -> list[str]:
    options = [f"{OPTION}{letter}" for letter in LETTERS[: max(option_count, TEMPLATE_OPTIONS)]]
    cases = [CASE_ID, CASE_TITLE, CASE_MATERIAL] if with_cases else []
    return [ID, TYPE, STEM, *options, ANSWER, EXPLANATION, SOURCE, LESSON, TAGS, DIFFICULTY, *cases]


# -- writing ----------------------------------------------------------------------------------


def answer_cell(question: Question) -> str:
    # Accepted words of a blank are split by "|" here, so "1/3" survives a round trip; order
    # questions have no answer cell (their options are in the right order).
    if question.type == "blank":
        return "；".join("|".join(words) for words in question.answer)
    if question.type == "order":
        return ""
    return question.answer_text()


def why_not_kept(question: Question) -> str | None:
    """Why this question would not come back unchanged from a spreadsheet, or None."""
    for words in question.answer if question.type == "blank" else []:
        for word in words:
            if BLANK_RESERVED.search(word):
                return t("exchange.cannot_keep_blank", id=question.id, word=word)
    for tag in question.tags:
        if TAG_SEPARATORS.search(tag):
            return t("exchange.cannot_keep_tag", id=question.id, tag=tag)
    for key in question.sources:
        if SOURCE_SEPARATORS.search(key):
            return t("exchange.cannot_keep_source", id=question.id, source=key)
    return None


def bank_table(bank: Bank) -> tuple[list[str], list[list[object]], list[Problem]]:
    """(header, one row per question, questions left out with the reason)."""
    option_count = max([len(q.options) for q in bank.questions] + [TEMPLATE_OPTIONS])
    with_cases = any(q.case for q in bank.questions)
    rows, skipped = [], []
    # A case is kept or left out whole: one question that cannot make the trip holds back its case.
    held_back = {id(q.case) for q in bank.questions if q.case and why_not_kept(q)}
    for q in bank.questions:
        reason = why_not_kept(q) or (t("exchange.case_held_back", id=q.id, case=q.case.id) if q.case and id(q.case) in held_back else None)
        if reason:
            skipped.append(Problem(bank.file, q.line, reason))
            continue
        options = q.options + [""] * (option_count - len(q.options))
        case = [q.case.id, q.case.title, q.case.material] if q.case else ["", "", ""]
        rows.append([
            q.id, TYPE_SHORT_NAMES[q.type], q.stem, *options, answer_cell(q), q.explanation,
            "、".join(q.sources), q.lesson, "、".join(q.tags), q.difficulty, *(case if with_cases else []),
        ])
    return header_row(option_count, with_cases), rows, skipped


# -- reading ----------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as text. Excel turns typed words into numbers, dates and TRUE/FALSE; turn them back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "正确" if value else "错误"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return clean_text(value)


def _header_key(text: str) -> str:
    return re.sub(r"[\s*＊]", "", normalise(text)).lower()


class _Layout:
    """Which column holds which field, read from the header row."""

    def __init__(self, header: list[str]):
        self.fields: dict[str, int] = {}
        self.options: dict[int, int] = {}  # option index -> column
        self.duplicates: list[str] = []
        self.ignored: list[str] = []
        for column, text in enumerate(header):
            key = _header_key(text)
            if not key:
                continue
            name = _HEADER_NAMES.get(key)
            option = _OPTION_HEADER.match(key)
            if name is not None:
                target, slot = self.fields, name
            elif option:
                target, slot = self.options, LETTERS.index(option.group(1).upper())
            else:
                self.ignored.append(text)
                continue
            if slot in target:
                self.duplicates.append(text)
            else:
                target[slot] = column

    def looks_like_header(self) -> bool:
        return TYPE in self.fields and STEM in self.fields

    def draft(self, line: int, values: list[str]) -> Draft:
        def get(name: str) -> str:
            column = self.fields.get(name)
            return values[column] if column is not None and column < len(values) else ""

        last = max(self.options, default=-1)
        options = [values[self.options[i]] if i in self.options and self.options[i] < len(values) else "" for i in range(last + 1)]
        return Draft(
            line=line,
            id=get(ID),
            type=get(TYPE),
            stem=get(STEM),
            options=options,
            answer=get(ANSWER),
            explanation=get(EXPLANATION),
            sources=[s for s in SOURCE_SEPARATORS.split(get(SOURCE)) if s],
            lesson=get(LESSON),
            tags=[s.strip() for s in TAG_SEPARATORS.split(get(TAGS)) if s.strip()],
            difficulty=get(DIFFICULTY),
            case_id=get(CASE_ID),
            case_title=get(CASE_TITLE),
            case_material=get(CASE_MATERIAL),
        )


def read_table(rows: list[tuple[int, list[str]]], file: str) -> Reading:
    """Rows as (row number as the spreadsheet shows it, cell texts) -> drafts."""
    reading = Reading()
    for position, (line, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        layout = _Layout(values)
        if layout.looks_like_header():
            break
    else:
        first = rows[0][0] if rows else 1
        reading.problems.append(Problem(file, first, t("exchange.no_header", columns=f"{TYPE}、{STEM}")))
        return reading
    for name in layout.duplicates:
        reading.problems.append(Problem(file, line, t("exchange.duplicate_column", column=name)))
    if layout.ignored:
        reading.notes.append(t("exchange.ignored_columns", columns=t("exchange.list_separator").join(layout.ignored)))
    if not layout.options:
        reading.notes.append(t("exchange.no_option_columns"))
    for row_line, values in rows[position + 1:]:
        if any(values):
            reading.drafts.append(layout.draft(row_line, values))
    return reading
