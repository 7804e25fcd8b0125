"""GIFT, Moodle's text format for questions: the parts that match our question types.

Out: single and multiple choice (``=`` right, ``~`` wrong; several right answers share 100% by
weights and wrong ones take -100%), true/false, one-blank fill-in as a short answer
(``{=月 =个月}`` where the blank is), and short questions as essays whose general feedback starts
with the reference answer. GIFT has no ordering question and no several-blank question: those are
left out with a message. The id goes in the question title and in ``// [id:…]``, tags and our other
fields in ``// [tag:…]`` (see ``moodletags``). Texts are written as ``[html]`` with HTML escaped, so
a ``<b>`` in a stem is shown as typed.

In: the same, plus GIFT written by hand or by Moodle: blocks separated by blank lines, ``//``
comments, ``::title::``, ``[html]``/``[plain]``/``[moodle]``/``[markdown]`` text formats, backslash
escapes, answer ``#feedback``, ``####general feedback``. Matching and numerical questions and
partial-credit answers have no counterpart here and are reported by the line their block starts on.
"""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.exchange.draft import Draft, Reading, clean_text
from coursekit.exchange.feedback import compose_feedback, split_feedback, stem_with_material
from coursekit.exchange.htmltext import html_to_text, text_to_html
from coursekit.exchange.moodletags import apply_tags, question_tags
from coursekit.exchange.textfile import read_text_file
from coursekit.exchange.written import Written
from coursekit.messages import t
from coursekit.model import LETTERS, Bank, Question
from coursekit.problems import Problem
from coursekit.sources.banks import BLANK_MARK, ID_PATTERN

SPECIAL = "~=#{}:"
# While parsing, escaped characters stand in private-use code points so the structure is found
# only among unescaped ones (Moodle's own reader does the same with placeholders).
_ESCAPES = {"\\\\": "\ue000", "\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004", "\\}": "\ue005", "\\~": "\ue006", "\\n": "\ue007"}
_RESTORE = {"\ue000": "\\", "\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{", "\ue005": "}", "\ue006": "~", "\ue007": "\n"}
_TEXT_FORMAT = re.compile(r"^\[(html|plain|moodle|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_ID_COMMENT = re.compile(r"\[id:((?:\\\]|[^\]])+)\]")
_TAG_COMMENT = re.compile(r"\[tag:((?:\\\]|[^\]])+)\]")
# Moodle accepts only these grades; 100/n is among them for n up to 10.
MAX_RIGHT_ANSWERS = 10


def partial_credit(right: list[tuple[int, float]]) -> tuple[int, float] | None:
    """The first answer that earns partial credit, among (index, percent) of the credited answers.

    Several answers sharing the credit are the right ones of a multiple-answer question, however it
    is split; less than 100% alone or beside a full answer is partial credit, which we do not have."""
    if len(right) == 1 or any(weight == 100 for _, weight in right):
        return next(((i, w) for i, w in right if w != 100), None)
    return None


def category_path(title: str) -> str:
    """The bank's Moodle category. Moodle reads a category line before any escapes are undone, so
    the title goes in as written; only a / inside it is doubled, as Moodle's category paths want."""
    return "$course$/" + title.replace("/", "//")


def category_title(path: str) -> str:
    """``$course$/top/交换格式//测试`` -> ``交换格式/测试``: the last level; Moodle doubles a / in a name."""
    return re.split(r"(?<!/)/(?!/)", path.strip())[-1].replace("//", "/")


def fraction_text(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


# -- writing ----------------------------------------------------------------------------------


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _html(text: str) -> str:
    return escape(text_to_html(text))


def _tag(text: str) -> str:
    return re.sub(r"[<>`\x00-\x1f]", "", text).replace("]", "\\]")


def _answers(question: Question, labels: dict[str, str]) -> str:
    feedback = "####" + _html(compose_feedback(question, labels, with_answer=question.type == "short"))
    if question.type == "single":
        lines = [("=" if i == question.answer else "~") + _html(o) for i, o in enumerate(question.options)]
    elif question.type == "multiple":
        share = fraction_text(100 / len(question.answer))
        lines = [f"~%{share if i in question.answer else '-100'}%" + _html(o) for i, o in enumerate(question.options)]
    elif question.type == "judge":
        lines = ["TRUE" if question.answer else "FALSE"]
    elif question.type == "blank":
        lines = [" ".join("=" + escape(word) for word in question.answer[0])]
    else:  # short: an essay
        lines = []
    return "{\n" + "".join(f"\t{line}\n" for line in lines) + f"\t{feedback}\n}}"


def _skip_reason(question: Question) -> str | None:
    if question.type == "order":
        return t("exchange.gift_no_order", id=question.id)
    if question.type == "blank" and question.blank_count > 1:
        return t("exchange.gift_one_blank", id=question.id, count=question.blank_count)
    if question.type == "multiple" and len(question.answer) > MAX_RIGHT_ANSWERS:
        return t("exchange.too_many_right", id=question.id, count=len(question.answer), most=MAX_RIGHT_ANSWERS)
    return None


def question_gift(question: Question, labels: dict[str, str]) -> str:
    comment = " ".join([f"[id:{_tag(question.id)}]", *(f"[tag:{_tag(tag)}]" for tag in question_tags(question))])
    answers = _answers(question, labels)
    head = f"::{escape(question.id)}::[html]"
    if question.type == "blank":
        before, after = BLANK_MARK.split(stem_with_material(question), maxsplit=1)
        return f"// {comment}\n{head}{_html(before)}{answers}{_html(after)}\n"
    return f"// {comment}\n{head}{_html(stem_with_material(question))}{answers}\n"


def write_gift(bank: Bank, path: Path, labels: dict[str, str] | None = None) -> Written:
    labels = labels or {}
    blocks = [f"// {line}" for line in t("exchange.gift_header", title=bank.title, bank=bank.id).splitlines()]
    blocks = ["\n".join(blocks) + "\n", f"$CATEGORY: {category_path(bank.title)}\n"]
    skipped: list[Problem] = []
    for question in bank.questions:
        reason = _skip_reason(question)
        if reason:
            skipped.append(Problem(bank.file, question.line, reason))
        else:
            blocks.append(question_gift(question, labels))
    path.write_text("\n".join(blocks), encoding="utf-8")
    return Written(count=len(bank.questions) - len(skipped), skipped=skipped)


# -- reading ----------------------------------------------------------------------------------


def _protect(text: str) -> str:
    for escaped, stand_in in _ESCAPES.items():
        text = text.replace(escaped, stand_in)
    return text


def _restore(text: str) -> str:
    for stand_in, char in _RESTORE.items():
        text = text.replace(stand_in, char)
    return text


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blocks of lines separated by blank lines, each with the number of its first line."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


class _Text:
    """A GIFT text in its format; ``plain()`` is what a reader sees."""

    def __init__(self, raw: str, html: bool):
        self.raw, self.html = raw, html

    def plain(self) -> str:
        if self.html:
            return clean_text(html_to_text(_restore(self.raw.strip())))
        # Indentation inside a hand-written answer block is layout, not text.
        return clean_text(_restore("\n".join(line.strip() for line in self.raw.strip().split("\n"))))


def _split_answers(answer_text: str) -> list[str]:
    # Each answer starts at an unescaped = or ~ (Moodle: replace = with ~= and split on ~).
    parts = re.split(r"(?=[=~])", answer_text)
    return [p.strip() for p in parts if p.strip()]


def _choice(body: str) -> tuple[str, float | None, str]:
    """'=text#feedback' / '~%50%text' -> (text, weight in percent, feedback); weight None for a plain ~."""
    mark, rest = body[0], body[1:].strip()
    weight: float | None = 100.0 if mark == "=" else None
    found = _WEIGHT.match(rest)
    if found:
        weight, rest = float(found.group(1)), rest[found.end():]
    text, _, feedback = rest.partition("#")
    return text, weight, feedback.strip()


def _answer_feedback(pieces: list[tuple[str, str]], plain) -> str:
    """Per-answer feedback (``=甲#因为…``, ``{FALSE#因为…}``) as one explanation: GIFT files from
    other systems often carry their explanation there and nowhere else. Each piece is (label, text)."""
    kept = [(label, plain(text)) for label, text in pieces if text.strip()]
    if len(kept) == 1 or len({text for _, text in kept}) == 1:
        return kept[0][1] if kept else ""
    return "；".join(f"{label}：{text}" if label else text for label, text in kept)


class _BlockReader:
    def __init__(self, line: int, lines: list[str], file: str):
        self.line, self.file = line, file
        self.comments = [l.strip()[2:] for l in lines if l.strip().startswith("//")]
        self.text = _protect("\n".join(l for l in lines if not l.strip().startswith("//")).strip())

    def problem(self, key: str, **values) -> Problem:
        return Problem(self.file, self.line, t(key, **values))

    def read(self) -> Draft | Problem | str | None:
        """A draft, a problem, a category name (str), or None for a block of comments only."""
        text = self.text
        if not text:
            return None
        if text.startswith("$CATEGORY:"):
            return _restore(text[len("$CATEGORY:"):]).strip()
        draft = Draft(line=self.line)
        comments = "\n".join(self.comments)
        found = _ID_COMMENT.search(comments)
        if found:
            draft.id = found.group(1).replace("\\]", "]").strip()
        apply_tags(draft, [m.replace("\\]", "]").strip() for m in _TAG_COMMENT.findall(comments)])
        if text.startswith("::"):
            title, separator, rest = text[2:].partition("::")
            if separator:
                text = rest.strip()
                if not draft.id and ID_PATTERN.match(_restore(title).strip()):
                    draft.id = _restore(title).strip()
        start, end = text.find("{"), text.find("}")
        if start < 0 and end < 0:
            return self.problem("exchange.gift_no_answers", open="{", close="}")
        if start < 0 or end < start:
            return self.problem("exchange.gift_braces", open="{", close="}")
        before, answer_text, after = text[:start], text[start + 1:end].strip(), text[end + 1:].strip()
        text_format = _TEXT_FORMAT.match(before.strip())
        is_html = bool(text_format) and text_format.group(1).lower() == "html"
        if text_format:
            before = before.strip()[text_format.end():]
        feedback = ""
        if "####" in answer_text:
            answer_text, feedback = answer_text.rsplit("####", 1)
            answer_text = answer_text.strip()
        reference, draft.explanation = split_feedback(_Text(feedback, is_html).plain())
        plain = lambda raw: _Text(raw, is_html).plain()  # noqa: E731 - one-line helper
        # Missing-word format: text after the answers means the answers stand where the blank is.
        draft.stem = plain(before) + ("___" + plain(after) if after else "")
        if not answer_text:
            draft.type, draft.answer = "short", reference
            return draft
        if answer_text.startswith("#"):
            return self.problem("exchange.gift_numerical")
        if "~" in answer_text:
            return self._choices(draft, answer_text, plain)
        if "=" in answer_text and "->" in answer_text:
            return self.problem("exchange.gift_matching")
        truth, *judge_feedback = answer_text.split("#")
        truth = truth.strip().upper()
        if truth in ("T", "TRUE", "F", "FALSE"):
            draft.type, draft.answer = "judge", truth.startswith("T")
            if not draft.explanation:  # {T#if answered wrong#if answered right}
                labels = [t("exchange.gift_feedback_wrong"), t("exchange.gift_feedback_right")]
                draft.explanation = _answer_feedback(list(zip(labels, judge_feedback)), plain)
            return draft
        words, pieces = [], []
        for body in _split_answers(answer_text):
            word, weight, feedback = _choice(body)
            if weight is not None and weight != 100:
                return self.problem("exchange.gift_partial", option=_restore(word).strip(), weight=fraction_text(weight))
            words.append(_restore(word).strip())
            pieces.append((words[-1], feedback))
        if not draft.explanation:
            draft.explanation = _answer_feedback(pieces, plain)
        draft.type, draft.answer = "blank", [words]
        if not after:
            draft.stem += "___"  # question-then-answer: the blank is at the end
        return draft

    def _choices(self, draft: Draft, answer_text: str, plain) -> Draft | Problem:
        right, options, pieces = [], [], []
        for index, body in enumerate(_split_answers(answer_text)):
            option, weight, feedback = _choice(body)
            options.append(plain(option))
            pieces.append((LETTERS[index % len(LETTERS)], feedback))
            if weight is not None and weight > 0:
                right.append((index, weight))
        if not draft.explanation:
            draft.explanation = _answer_feedback(pieces, plain)
        partial = partial_credit(right)
        if partial:
            return self.problem("exchange.gift_partial", option=options[partial[0]], weight=fraction_text(partial[1]))
        draft.type = "single" if len(right) == 1 else "multiple"
        draft.options = options
        draft.answer = "".join(LETTERS[i] for i, _ in right if i < len(LETTERS))
        return draft


def read_gift(path: Path, shown_as: str) -> Reading:
    text, note, problems = read_text_file(path, shown_as)
    if text is None:
        return Reading(problems=problems)
    reading = Reading(notes=[note])
    for line, lines in _blocks(text):
        found = _BlockReader(line, lines, shown_as).read()
        if isinstance(found, Draft):
            reading.drafts.append(found)
        elif isinstance(found, Problem):
            reading.problems.append(found)
        elif isinstance(found, str) and not reading.title:
            reading.title = category_title(found)
    return reading
