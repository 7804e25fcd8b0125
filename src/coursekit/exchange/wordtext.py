"""Questions pasted from a Word document as plain text, the way Chinese test papers are laid out.

    一、单项选择题（每题2分）
    1．党支部党员大会一般多久召开一次？（ ）
    A．每月1次  B．每季度1次  C．每半年1次  D．每年1次
    答案：B
    解析：……

- Section headings (一、单项选择题 / 二、多项选择题 / 三、判断题 / 四、填空题 / 简答题 …) set the type
  of the questions after them; without one the type is inferred from options and answer.
- Questions start with a number: ``1.`` ``1．`` ``1、`` ``（1）`` ``1）``. Lines after it continue the stem.
- Options ``A.`` ``A．`` ``A、`` ``A:`` ``A）``, one per line or several on a line (also on the stem's line).
- ``答案：B`` / ``正确答案：A、B、D`` / ``答案：ABD``; judge ``正确 错误 对 错 √ ×``; blanks
  ``答案：季度；半数`` (several blanks by ；, or by ， when that gives the right count; accepted
  alternatives by / or |). Without an answer line, an answer in the stem's brackets is taken:
  ``（B）``, ``（√）``, and in 填空题 ``每（季度）召开``.
- Optional ``解析：`` (may run over several lines), ``依据：`` (citation keys), ``课文：`` ``标签：`` ``难度：`` ``编号：``.

Lines before the first question (the paper's title and instructions) are set aside with a note. A
line that fits nowhere is reported by its line number, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.exchange.build import BLANK, EMPTY_BRACKETS, judge_value, normalise
from coursekit.exchange.draft import Draft, Reading, clean_text
from coursekit.exchange.textfile import read_text_file
from coursekit.messages import t
from coursekit.model import LETTERS
from coursekit.problems import Problem
from coursekit.sources.banks import BLANK_MARK, parse_letters

_CN_NUMBER = "一二三四五六七八九十"
_KINDS = {
    "单项选择题": "single", "单选题": "single", "单项选择": "single", "单选": "single",
    "多项选择题": "multiple", "多选题": "multiple", "多项选择": "multiple", "多选": "multiple",
    "不定项选择题": "choice", "选择题": "choice",
    "判断题": "judge", "是非题": "judge", "判断正误题": "judge", "判断": "judge",
    "填空题": "blank", "填空": "blank",
    "排序题": "order",
    "简答题": "short", "问答题": "short", "论述题": "short", "简答": "short",
}
_KIND_WORDS = "|".join(sorted(_KINDS, key=len, reverse=True))
HEADING = re.compile(
    rf"^(?:[{_CN_NUMBER}]+\s*[、.．]\s*|第[{_CN_NUMBER}\d]+(?:部分|大题)\s*[、.．:：]?\s*|[(（][{_CN_NUMBER}]+[)）]\s*)?"
    rf"({_KIND_WORDS})\s*(?:[（(][^）)]*[）)])?\s*(?:[:：。].*)?$"
)
_DIGITS = "0-9０-９"
NUMBERED = (
    ("dot", re.compile(rf"^(?:第\s*)?([{_DIGITS}]+)\s*题?\s*[.．、]\s*(?![{_DIGITS}])(.*)$")),
    ("paren", re.compile(rf"^[（(]\s*([{_DIGITS}]+)\s*[）)]\s*(.*)$")),
    ("half", re.compile(rf"^([{_DIGITS}]+)\s*[)）]\s*(.*)$")),
)
_LETTER = "A-HＡ-Ｈ"
_OPTION_MARK = rf"([{_LETTER}])\s*[.．、:：)）]"
OPTION_LINE = re.compile(rf"^{_OPTION_MARK}\s*(.*)$")
# An option mark inside a line follows a space or, for the first one after a stem, its punctuation.
OPTION_IN_TEXT = re.compile(rf"(?:^|(?<=[\s\u3000？?。：:）)]))[{_LETTER}]\s*[.．、:：)）]")
# 答案：B  【答案】B  [答案] B  答案:B — a label ends with a bracket, a colon or both.
_LABEL_END = r"(?:\s*[】\]]\s*[:：]?|\s*[:：])\s*"
ANSWER_LINE = re.compile(rf"^[【\[]?\s*(?:正确答案|参考答案|标准答案|答案)(?:{_LABEL_END}|\s+)(.*)$")
EXPLANATION_LINE = re.compile(rf"^[【\[]?\s*(?:答案解析|试题解析|解析){_LABEL_END}(.*)$")
SOURCE_LINE = re.compile(rf"^[【\[]?\s*(?:依据|出处){_LABEL_END}(.*)$")
META_LINE = re.compile(rf"^[【\[]?\s*(课文|标签|难度|编号){_LABEL_END}(.*)$")
EXPLANATION_IN_ANSWER = re.compile(rf"[【\[]?\s*(?:答案解析|解析){_LABEL_END}")
# Answers printed in the stem's brackets: （B） （ABD） （√） （正确）.
BRACKETED = re.compile(r"[（(]\s*([^（）()]*?)\s*[）)]")
TRAILING_PUNCTUATION = re.compile(r"[。.；;，,\s]+$")
BLANK_SPLIT_STRICT = re.compile(r"[；;]")
BLANK_SPLIT_LOOSE = re.compile(r"[；;，,、\s]+")
ALTERNATIVES = re.compile(r"[/／|｜]")
SOURCE_SPLIT = re.compile(r"[\s,，、;；]+")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _number(text: str) -> int:
    return int(normalise(text))


def split_options(text: str, embedded: bool = False, first: int = 0) -> tuple[str, list[str]]:
    """'A.甲 B.乙' -> ('', [甲, 乙]); with ``embedded`` the text before A (a stem) is returned first.

    Only letters in sequence from option ``first`` count, so a stray 'B.' inside an option stays text."""
    marks = []
    for found in OPTION_IN_TEXT.finditer(text):
        letter = normalise(found.group(0).strip()[0])
        if first + len(marks) < len(LETTERS) and letter == LETTERS[first + len(marks)]:
            marks.append(found)
    if embedded and len(marks) < 2:
        return text, []
    if not marks:
        return text, []
    head = text[: marks[0].start()].strip()
    options = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        options.append(text[mark.end(): end].strip())
    return head, options


@dataclass
class _Question:
    line: int
    kind: str | None  # from the section heading
    stem: list[str]
    options: list[str] = field(default_factory=list)
    answer: list[str] | None = None
    explanation: list[str] | None = None
    sources: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    mode: str = "stem"  # stem | options | answer | explanation | done


class _Parser:
    def __init__(self, file: str):
        self.file = file
        self.reading = Reading()
        self.current: _Question | None = None
        self.kind: str | None = None
        self.style: str | None = None
        self.expected = 1
        self.aside: list[int] = []  # titles and instructions: above the first question, under a heading
        self.after_heading = False
        self.list_number = 0  # the last item of a numbered list inside the current text
        self.stray: list[tuple[int, str]] = []  # consecutive lines that fit nowhere

    # -- line kinds -------------------------------------------------------------------------------

    def _numbered(self, line: str) -> tuple[str, int, str] | None:
        for style, pattern in NUMBERED:
            found = pattern.match(line)
            if found:
                return style, _number(found.group(1)), found.group(2).strip()
        return None

    def _starts_question(self, numbered: tuple[str, int, str]) -> bool:
        """Whether a numbered line begins a question or is a numbered item inside the current one
        (（1）（2） in a stem, a reference answer or an explanation)."""
        style, number, _ = numbered
        q = self.current
        if q is None or self.style is None:
            return True
        continuing = q.mode == "stem" or q.mode == "explanation" or (q.mode == "answer" and self._answer_may_continue(q))
        if not continuing:
            return True
        if style != self.style:
            return False
        # Same style: a list in the text restarts at 1 and counts on; the next question's number
        # is the one expected and does not continue that list.
        return number != self.list_number + 1 and number >= self.expected

    # -- events ---------------------------------------------------------------------------------

    def feed(self, number: int, raw: str) -> None:
        line = clean_text(raw).strip()
        if not line:
            return
        heading = HEADING.match(line)
        if heading:
            self._finish()
            self.kind, self.style, self.after_heading = _KINDS[heading.group(1)], None, True
            return
        numbered = self._numbered(line)
        if numbered and self._starts_question(numbered):
            self._finish()
            style, value, text = numbered
            self.style, self.expected, self.after_heading, self.list_number = style, value + 1, False, 0
            self.current = _Question(line=number, kind=self.kind, stem=[])
            self._stem_text(text)
            return
        q = self.current
        if q is None:
            self._outside(number, line)
            return
        if numbered and numbered[0] == self.style:
            self.list_number = numbered[1]
        self._inside(q, number, line)

    def _stem_text(self, text: str) -> None:
        q = self.current
        stem, options = split_options(text, embedded=True)
        if stem:
            q.stem.append(stem)
        if options:
            q.options += options
            q.mode = "options"

    def _outside(self, number: int, line: str) -> None:
        if self.after_heading or not (self.reading.drafts or self.stray):
            self.aside.append(number)
        else:
            self.stray.append((number, line))

    def _answer_may_continue(self, q: _Question) -> bool:
        """A reference answer may run over several lines; a letter or 正确/错误 answer may not."""
        if q.kind == "short":
            return True
        if q.kind is not None or q.options:
            return False
        first = TRAILING_PUNCTUATION.sub("", q.answer[0]) if q.answer else ""
        stem = "\n".join(q.stem)
        return judge_value(first) is None and not (BLANK_MARK.search(stem) or EMPTY_BRACKETS.search(stem))

    def _inside(self, q: _Question, number: int, line: str) -> None:
        for pattern, handler in (
            (EXPLANATION_LINE, self._explanation),
            (ANSWER_LINE, self._answer),
            (SOURCE_LINE, self._source),
            (META_LINE, self._meta),
        ):
            found = pattern.match(line)
            if found:
                handler(q, found)
                return
        option = OPTION_LINE.match(line)
        if option and q.mode in ("stem", "options"):
            _, options = split_options(line, first=len(q.options))
            if options:
                q.options += options
                q.mode = "options"
                return
        if q.mode == "stem":
            q.stem.append(line)
        elif q.mode == "answer" and self._answer_may_continue(q):
            q.answer.append(line)
        elif q.mode == "explanation":
            q.explanation.append(line)
        elif q.mode == "options":
            q.problems.append(t("exchange.text_stray_in_question", line=number, text=_excerpt(line)))
        else:
            self._finish()
            self.stray.append((number, line))

    def _answer(self, q: _Question, found: re.Match) -> None:
        text = found.group(1).strip()
        explanation = EXPLANATION_IN_ANSWER.search(text)
        q.answer = [text[: explanation.start()].strip() if explanation else text]
        q.mode = "answer"
        if explanation:
            q.explanation = [text[explanation.end():].strip()]
            q.mode = "explanation"

    def _explanation(self, q: _Question, found: re.Match) -> None:
        q.explanation = [found.group(1).strip()]
        q.mode = "explanation"

    def _source(self, q: _Question, found: re.Match) -> None:
        text = found.group(1).strip()
        pieces = [p for p in SOURCE_SPLIT.split(text) if p]
        # Citation keys, or (kept whole, for the trainer to replace) a regulation and article.
        q.sources += pieces if pieces and all(KEY.match(p) for p in pieces) else [text]
        q.mode = "done"

    def _meta(self, q: _Question, found: re.Match) -> None:
        q.meta[found.group(1)] = found.group(2).strip()
        q.mode = "done"

    # -- results --------------------------------------------------------------------------------

    def _report_stray(self) -> None:
        if self.stray:
            number, line = self.stray[0]
            self.reading.problems.append(Problem(self.file, number, t("exchange.text_stray", text=_excerpt(line))))
            self.stray = []

    def _finish(self) -> None:
        self._report_stray()
        if self.current is not None:
            self.reading.drafts.append(_draft(self.current))
            self.current = None

    def close(self) -> Reading:
        self._finish()
        if self.aside:
            self.reading.notes.append(t("exchange.text_set_aside", lines=t("exchange.list_separator").join(map(str, self.aside))))
        return self.reading


def _excerpt(line: str) -> str:
    return line if len(line) <= 30 else line[:30] + "…"


def _inline_answer(q: _Question, stem: str) -> tuple[str, str | list[list[str]] | None]:
    """An answer printed in the stem's brackets, and the stem with the brackets emptied."""
    if q.options and q.kind not in ("judge", "blank", "short"):
        for found in BRACKETED.finditer(stem):
            if parse_letters(normalise(found.group(1))):
                return stem[: found.start()] + "（ ）" + stem[found.end():], found.group(1)
    if q.kind in ("judge", None) and not q.options:
        found = list(BRACKETED.finditer(stem))
        if found and judge_value(found[-1].group(1)) is not None and not stem[found[-1].end():].strip("。.？?！! "):
            return stem[: found[-1].start()].rstrip(), found[-1].group(1)
    if q.kind == "blank":
        # Brackets inside a title such as 《…条例（试行）》 are part of the title, not an answer.
        filled = [m for m in BRACKETED.finditer(stem) if m.group(1) and not _in_title(stem, m.start())]
        if filled:
            answers = [[w.strip() for w in ALTERNATIVES.split(m.group(1)) if w.strip()] for m in filled]
            for found in reversed(filled):
                stem = stem[: found.start()] + BLANK + stem[found.end():]
            return stem, answers
    return stem, None


def _in_title(text: str, position: int) -> bool:
    return text.count("《", 0, position) > text.count("》", 0, position)


def _blank_answers(text: str, marks: int) -> list[list[str]]:
    parts = [p for p in BLANK_SPLIT_STRICT.split(text) if p.strip()]
    if len(parts) != marks:
        loose = [p for p in BLANK_SPLIT_LOOSE.split(text) if p.strip()]
        if len(loose) == marks:
            parts = loose
    return [[w.strip() for w in ALTERNATIVES.split(part) if w.strip()] for part in parts]


def _infer(q: _Question, answer: object) -> str:
    letters = parse_letters(normalise(str(answer))) if isinstance(answer, str) else None
    if q.options and q.kind in (None, "choice"):
        if q.options and len(q.options) == 2 and all(judge_value(o) is not None for o in q.options) and q.kind is None:
            return "judge"
        return "multiple" if letters and len(letters) > 1 else "single"
    if q.kind not in (None, "choice"):
        return q.kind
    if isinstance(answer, str) and judge_value(answer) is not None:
        return "judge"
    if isinstance(answer, list):
        return "blank"
    return "short"


def _draft(q: _Question) -> Draft:
    stem = "\n".join(q.stem).strip()
    answer: object = "\n".join(q.answer).strip() if q.answer is not None else None
    if answer is None:
        stem, answer = _inline_answer(q, stem)
    kind = q.kind
    if kind is None and isinstance(answer, str) and not q.options and (BLANK_MARK.search(stem) or EMPTY_BRACKETS.search(stem)):
        if judge_value(TRAILING_PUNCTUATION.sub("", answer)) is None:
            kind = "blank"
    q.kind = kind
    # "答案：B。" means B; a reference answer keeps its full stop.
    trimmed = TRAILING_PUNCTUATION.sub("", answer) if isinstance(answer, str) else answer
    qtype = _infer(q, trimmed)
    if qtype != "short":
        answer = trimmed
    if qtype == "blank" and isinstance(answer, str):
        marked = stem if BLANK_MARK.search(stem) else EMPTY_BRACKETS.sub(BLANK, stem)
        answer = _blank_answers(answer, len(BLANK_MARK.findall(marked)))
    return Draft(
        line=q.line,
        type=qtype,
        stem=stem,
        options=q.options,
        answer=answer if answer is not None else "",
        id=q.meta.get("编号", ""),
        explanation="\n".join(q.explanation or []).strip(),
        sources=q.sources,
        lesson=q.meta.get("课文", ""),
        tags=[s for s in re.split(r"[,，、;；]+", q.meta.get("标签", "")) if s.strip()],
        difficulty=q.meta.get("难度", ""),
        problems=q.problems,
    )


def parse_pasted_text(text: str, shown_as: str) -> Reading:
    parser = _Parser(shown_as)
    for number, line in enumerate(text.split("\n"), start=1):
        parser.feed(number, line)
    return parser.close()


def read_pasted_text(path: Path, shown_as: str) -> Reading:
    text, note, problems = read_text_file(path, shown_as)
    if text is None:
        return Reading(problems=problems)
    reading = parse_pasted_text(text, shown_as)
    reading.notes.insert(0, note)
    return reading
