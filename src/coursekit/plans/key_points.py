"""What a lesson plan lists besides the trainer's notes: the lesson's key points (its own section
headings) and the practice questions the plan names, with their answers."""

from __future__ import annotations

import re

from coursekit.check import INLINE_CITATION
from coursekit.messages import t
from coursekit.model import Lesson, Project

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


def plan_questions(project: Project, ids: list[str], lang: str = "zh") -> list[str]:
    """Each practice question of a plan as a trainer reads it: id, stem and answer."""
    questions = {q.id: q for q in project.questions()}
    lines = []
    for qid in ids:
        q = questions.get(qid)
        if q is None:
            continue  # `coursekit check` stops on it; a plan is never written with it
        answer = _answer_words(q, lang)
        lines.append(t("plan.question_line", lang=lang, id=qid, type=t(f"type.{q.type}", lang=lang), stem=q.stem, answer=answer))
    return lines


def _answer_words(q, lang: str) -> str:
    """The answer in words, not letters: the plan lists no options to read a letter against."""
    if q.type == "single":
        return q.options[q.answer]
    if q.type == "multiple":
        return "；".join(q.options[i] for i in q.answer)
    if q.type == "order":
        return " → ".join(q.options)
    if q.type == "short":
        return t("plan.see_reference", lang=lang)
    return q.answer_text()
