"""Small readers for fields of a YAML mapping, each reporting a problem at the field's line."""

from __future__ import annotations

from coursekit.messages import t
from coursekit.problems import Problem
from coursekit.sources.yamlfile import MarkedDict, MarkedList


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
        return str(value).strip()

    def integer(self, key: str, required: bool = True, default: int = 0, minimum: int | None = None) -> int:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, t("field.missing", field=key))
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            self.problem(key, t("field.not_integer", field=key, value=value))
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
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.problem(key, t("field.not_number", field=key, value=value))
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
        return [str(v).strip() for v in value]

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
