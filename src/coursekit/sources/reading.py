"""Reading a source file, bounded: only from inside the project, only up to a size per kind, only
UTF-8 (a byte-order mark, Notepad's default, is accepted), never with a control character in it.

A lesson that is a symlink to /etc/passwd would be put on the site and in its search index; a
5 MB lesson made a 22 MB index. The limits sit far above real content (the longest lesson is some
15 KB, the largest bank some 100 KB; the 10,000-question bench bank some 5 MB).
"""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.messages import t
from coursekit.problems import Problem

KB, MB = 1_000, 1_000_000
LIMITS = {"lesson": 500 * KB, "bank": 50 * MB, "citations": 5 * MB, "course": 1 * MB, "blueprint": 1 * MB}
DEFAULT_LIMIT = 5 * MB
BOM = "\ufeff"
# Tabs, line and page breaks are text; the other control characters (a NUL byte, an escape) are
# not, and break the XML and Excel exports further on.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def outside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink and ``..`` followed, lies outside ``root``."""
    try:
        return not Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return True


def read_source(path: Path, shown_as: str, kind: str, root: Path | None = None, data: bytes | None = None) -> tuple[str | None, list[Problem]]:
    """The text of a source file (``data``: its bytes, already read), or None and the problems
    that say why not."""
    if root is not None and outside(path, root):
        return None, [Problem(shown_as, 0, t("file.outside_project"))]
    limit = LIMITS.get(kind, DEFAULT_LIMIT)
    try:
        size = len(data) if data is not None else Path(path).stat().st_size
        if size > limit:
            what = t(f"what.{kind}") if kind in LIMITS else t("what.file")
            return None, [Problem(shown_as, 0, t("file.too_large", size=_size(size), limit=_size(limit), what=what))]
        data = Path(path).read_bytes() if data is None else data
    except OSError as err:
        return None, [Problem(shown_as, 0, t("file.unreadable", detail=err.strerror or str(err)))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(shown_as, data.count(b"\n", 0, err.start) + 1, t("file.not_utf8"))]
    text = text.removeprefix(BOM)
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        return None, [Problem(shown_as, line, t("file.control_character", code=f"U+{ord(control.group()):04X}"))]
    return text, []


def _size(count: int) -> str:
    return f"{count / MB:g} MB" if count >= MB else f"{count / KB:g} KB"
