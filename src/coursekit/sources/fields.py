"""Small readers for fields of a YAML mapping, each reporting a problem at the field's line."""

from __future__ import annotations

import math
import re

from coursekit.messages import t
from coursekit.problems import Problem
from coursekit.sources.yamlfile import MarkedDict, MarkedList


# Far above real content (the longest stem is some 150 characters, a citation summary some 100),
# low enough that one pasted file cannot make a page, an index or a build balloon.
TEXT_LIMITS = {"stem": 2_000, "summary": 2_000, "explanation": 5_000, "title": 1_000, "answer": 2_000}
DEFAULT_TEXT_LIMIT = 5_000
# Control characters cannot be typed, break XML and Excel exports, and hide text; tabs and line
# breaks are allowed.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
# Zero-width characters alone look like nothing at all: a "stem" of them is an empty stem.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]")


def text_problem(value: str, key: str) -> str | None:
    """What is wrong with an author's text, in the author's terms; None when nothing is."""
    control = CONTROL.search(value)
    if control:
        return t("field.control_character", field=key, code=f"U+{ord(control.group()):04X}")
    limit = TEXT_LIMITS.get(key, DEFAULT_TEXT_LIMIT)
    if len(value) > limit:
        return t("field.too_long", field=key, length=len(value), limit=limit)
    return None


def finite(value: object) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


# Minutes, order, difficulty, counts, points and time limits: no real value comes near.
MAX_INTEGER = 1_000_000


class FieldReader:
    """Reads typed fields from one mapping, collecting problems against ``file``."""

    def __init__(self, data: MarkedDict, file: str, problems: list[Problem]):
        self.data = data
        self.file = file
        self.problems = problems

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def problem(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, self.line(key) if key else self.data.line, message))

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(None, t("field.missing", field=key))
            return default
        if isinstance(value, (dict, list)):
            self.problem(key, t("field.not_text", field=key))
            return default
        if isinstance(value, bool):
            return "true" if value else "false"
        text = str(value).strip()
        if not INVISIBLE.sub("", text).strip():
            self.problem(key, t("field.invisible", field=key))
            return default
        problem = text_problem(text, key)
        if problem:
            self.problem(key, problem)
            return default
        return text

    def integer(self, key: str, required: bool = True, default: int = 0, minimum: int | None = None) -> int:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, t("field.missing", field=key))
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not finite(value) or int(value) != value:
            self.problem(key, t("field.not_integer", field=key, value=value))
            return default
        if abs(value) > MAX_INTEGER:
            self.problem(key, t("field.too_large", field=key, maximum=MAX_INTEGER))
            return default
        if minimum is not None and value < minimum:
            self.problem(key, t("field.too_small", field=key, minimum=minimum))
            return default
        return int(value)

    def number(self, key: str, required: bool = True, default: float = 0) -> float:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, t("field.missing", field=key))
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not finite(value) or value < 0:
            self.problem(key, t("field.not_number", field=key, value=value))
            return default
        if value > MAX_INTEGER:
            self.problem(key, t("field.too_large", field=key, maximum=MAX_INTEGER))
            return default
        return value

    def text_list(self, key: str, required: bool = False) -> list[str]:
        """A list of short texts; a single text is accepted as a one-item list."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, t("field.missing", field=key))
            return []
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return [str(value).strip()]
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) or v is None for v in value):
            self.problem(key, t("field.not_text_list", field=key))
            return []
        if required and not value:
            self.problem(key, t("field.empty_list", field=key))
        texts = [str(v).strip() for v in value]
        for index, text in enumerate(texts):
            problem = text_problem(text, key)
            if problem:
                self.problems.append(Problem(self.file, value.line_of(index) if isinstance(value, MarkedList) else self.line(key), problem))
                return []
        return texts

    def mapping_list(self, key: str, required: bool = True) -> list[MarkedDict]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, t("field.missing", field=key))
            return []
        if not isinstance(value, MarkedList):
            self.problem(key, t("field.not_list", field=key))
            return []
        good = []
        for index, item in enumerate(value):
            if isinstance(item, MarkedDict):
                good.append(item)
            else:
                self.problems.append(Problem(self.file, value.line_of(index), t("field.item_not_mapping", field=key)))
        return good

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(key, t("field.unknown", field=key, allowed="、".join(sorted(allowed))))


def require_mapping(data: object, file: str, problems: list[Problem], what: str) -> MarkedDict | None:
    """The top of a source file must be a mapping; say so in the author's terms when it is not."""
    if isinstance(data, MarkedDict):
        return data
    if data is None:
        problems.append(Problem(file, 1, t("file.empty", what=what)))
    else:
        problems.append(Problem(file, getattr(data, "line", 1) or 1, t("file.not_mapping", what=what)))
    return None
