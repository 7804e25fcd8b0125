"""Courses: ``courses/<id>/course.yml`` plus one Markdown file per lesson."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from coursekit.messages import t
from coursekit.model import Course, Lesson
from coursekit.problems import Problem
from coursekit.sources.cache import LoadCache
from coursekit.sources.fields import FieldReader, require_mapping
from coursekit.sources.reading import outside, read_source
from coursekit.sources.safety import lesson_markup_problems
from coursekit.sources.trainer_notes import read_trainer_notes
from coursekit.sources.yamlfile import MarkedDict, load_yaml_file, parse_yaml

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
OPENING_LINE = re.compile(r"\A---[ \t]*\r?\n")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def split_front_matter(text: str, shown_as: str) -> tuple[MarkedDict | None, str, int, list[Problem]]:
    """Return (front matter, body, body's first line, problems)."""
    match = FRONT_MATTER.match(text)
    if not match:
        if OPENING_LINE.match(text):
            return None, text, 1, [Problem(shown_as, 1, t("lesson.front_matter_unclosed"))]
        return None, text, 1, []
    data, problems = parse_yaml(match.group(1), shown_as, line_offset=1)
    body_line = text[: match.end()].count("\n") + 1
    if data is not None and not isinstance(data, MarkedDict):
        problems.append(Problem(shown_as, 2, t("lesson.front_matter_not_mapping")))
        data = None
    return data, text[match.end():], body_line, problems


def load_lesson(path: Path, shown_as: str, data: bytes | None = None) -> tuple[Lesson | None, list[Problem]]:
    """One lesson file, its markup checked for danger (``sources.safety``). Everything read comes
    from the file itself (the course is its folder), so a cache can key it on the file's bytes;
    the course sets ``minutes``."""
    text, problems = read_source(path, shown_as, "lesson", None, data)
    if text is None:
        return None, problems
    front, body, body_line, front_problems = split_front_matter(text, shown_as)
    problems += front_problems
    if front_problems:
        return None, problems
    if front is None:
        problems.append(Problem(shown_as, 1, t("lesson.no_title")))
        return None, problems
    fields = FieldReader(front, shown_as, problems)
    fields.unknown_keys({"title", "objectives", "sources", "as_of", "trainer", "summary", "not_affected"})
    title = fields.text("title", required=False)
    if not title:
        problems.append(Problem(shown_as, front.line, t("lesson.no_title")))
    trainer = read_trainer_notes(front, shown_as, problems)
    lesson = Lesson(
        course_id=path.parent.name,
        slug=path.stem,
        title=title,
        minutes=0,
        body=body,
        objectives=fields.text_list("objectives"),
        sources=fields.text_list("sources"),
        as_of=fields.text("as_of", required=False),
        trainer_notes=trainer,
        not_affected=fields.text_list("not_affected"),
        file=shown_as,
        body_line=body_line,
    )
    problems += lesson_markup_problems(lesson)
    return lesson, problems


def load_course(course_dir: Path, shown_dir: str, cache: LoadCache | None = None, root: Path | None = None) -> tuple[Course | None, list[Problem]]:
    """``course.yml`` and its lessons; with a ``cache``, unchanged lesson files are not read again.
    With ``root``, a file that lies outside it (a symlink out of the project) is refused."""
    problems: list[Problem] = []
    cache = cache or LoadCache(None)
    shown_as = f"{shown_dir}/course.yml"
    course_id = course_dir.name
    if not SLUG_PATTERN.match(course_id):
        problems.append(Problem(shown_as, 0, t("course.bad_folder", name=course_id)))
    data, yaml_problems = load_yaml_file(course_dir / "course.yml", shown_as, None, "course", root)
    problems += yaml_problems
    top = require_mapping(data, shown_as, problems, t("what.course")) if not yaml_problems else None
    if top is None:
        return None, problems
    fields = FieldReader(top, shown_as, problems)
    fields.unknown_keys({"title", "order", "audience", "summary", "objectives", "lessons"})
    lessons: list[Lesson] = []
    seen: dict[str, int] = {}
    for entry in fields.mapping_list("lessons"):
        row = FieldReader(entry, shown_as, problems)
        row.unknown_keys({"file", "minutes"})
        file_name = row.text("file")
        minutes = row.integer("minutes", minimum=1)
        if not file_name:
            continue
        if file_name in seen:
            row.problem("file", t("course.duplicate_lesson", file=file_name, first=seen[file_name]))
            continue
        seen[file_name] = entry.line_of("file")
        lesson_path = course_dir / file_name
        if not file_name.endswith(".md") or "/" in file_name or not SLUG_PATTERN.match(Path(file_name).stem):
            row.problem("file", t("course.bad_lesson_name", file=file_name))
            continue
        if not lesson_path.is_file():
            row.problem("file", t("course.lesson_missing", file=file_name))
            continue
        if root is not None and outside(lesson_path, root):
            problems.append(Problem(f"{shown_dir}/{file_name}", 0, t("file.outside_project")))
            continue
        lesson, lesson_problems = cache.load(load_lesson, lesson_path, f"{shown_dir}/{file_name}")
        problems += lesson_problems
        if lesson:
            lessons.append(replace(lesson, minutes=minutes))  # a copy: the cached one stays as read
    if "lessons" in top and not seen and not any(p.file == shown_as for p in problems):
        fields.problem("lessons", t("course.no_lessons"))
    course = Course(
        id=course_id,
        title=fields.text("title"),
        audience=fields.text("audience"),
        summary=fields.text("summary", required=False),
        objectives=fields.text_list("objectives", required=True),
        lessons=lessons,
        order=fields.integer("order", required=False, default=999),
        file=shown_as,
    )
    return course, problems
