"""Where a project's sources live, and which files in those folders are sources.

Shared by the loader (``sources.project``) and the translations (``sources.translations``), which
both need it and so cannot take it from each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coursekit.messages import DEFAULT_LANG, LANGS


@dataclass(frozen=True)
class Layout:
    """Where the sources live, relative to the project root."""

    courses: str = "courses"
    quizzes: str = "quizzes"
    papers: str = "quizzes/papers"
    citations: str = "citations"

    def watch_paths(self, root: Path) -> list[Path]:
        return [root / self.courses, root / self.quizzes, root / self.citations]


def is_translation(path: Path) -> bool:
    """``x.en.yml`` or ``x.en.md``: a translation, not a source of its own."""
    parts = path.name.split(".")
    return len(parts) >= 3 and parts[-2] in LANGS and parts[-2] != DEFAULT_LANG


def source_files(folder: Path) -> list[Path]:
    """The Chinese source files of a folder: ``*.yml`` but not translations such as ``x.en.yml``."""
    return [path for path in sorted(folder.glob("*.yml")) if not is_translation(path)]
