"""Our fields that Moodle has no place for travel as Moodle question tags.

``source:tiaoli-11``, ``lesson:sanhui-yike/dangyuan-dahui`` and ``difficulty:2`` sit beside the
question's own tags, in GIFT (``// [tag:…]``) and Moodle XML (``<tags>``) alike; trainers can filter
by them in Moodle's question bank, and importing the file back restores the fields.
"""

from __future__ import annotations

from coursekit.exchange.draft import Draft
from coursekit.model import Question

SOURCE, LESSON, DIFFICULTY = "source:", "lesson:", "difficulty:"


def question_tags(question: Question) -> list[str]:
    tags = list(question.tags)
    tags += [SOURCE + key for key in question.sources]
    if question.lesson:
        tags.append(LESSON + question.lesson)
    tags.append(f"{DIFFICULTY}{question.difficulty}")
    return tags


def apply_tags(draft: Draft, tags: list[str]) -> None:
    for tag in tags:
        if tag.startswith(SOURCE):
            draft.sources.append(tag[len(SOURCE):])
        elif tag.startswith(LESSON):
            draft.lesson = tag[len(LESSON):]
        elif tag.startswith(DIFFICULTY):
            draft.difficulty = tag[len(DIFFICULTY):]
        elif tag:
            draft.tags.append(tag)
