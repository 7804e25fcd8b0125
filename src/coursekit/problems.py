"""Authoring problems: what is wrong, in which file, on which line (or spreadsheet row)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One authoring mistake. ``line`` is 0 when the file has no useful line (e.g. a missing file)."""

    file: str
    line: int
    message: str
    # "行" for text files; importers of spreadsheets report "row" positions with the same field.
    def __str__(self) -> str:
        # One problem, one line: a value quoted in the message may hold a line break or a control character.
        message = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], self.message)
        return f"{self.file}:{self.line}: {message}" if self.line else f"{self.file}: {message}"


class CoursekitError(Exception):
    """Raised when sources contain problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str, root: Path | None = None) -> str:
    """Paths in messages are relative to the project root, as authors see them in their editor."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
        try:  # a symlink that leads out of the project is named where it lies
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
    return path.as_posix()
