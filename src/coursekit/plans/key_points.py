"""A lesson's key points, as a trainer lists them in a plan: the lesson's own section headings."""

from __future__ import annotations

import re

from coursekit.check import INLINE_CITATION
from coursekit.model import Lesson

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def key_points(lesson: Lesson) -> list[str]:
    """The level-2 headings of the lesson body, as plain text (code blocks skipped)."""
    points = []
    in_code = False
    for line in lesson.body.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        match = None if in_code else _HEADING.match(line)
        if match:
            text = _EMPHASIS.sub("", _ATTRIBUTES.sub("", INLINE_CITATION.sub("", match.group(1)))).strip()
            if text:
                points.append(text)
    return points
