"""``coursekit plan``: a course's lesson plan (教案) as a Word file, from the lessons' trainer notes."""

from __future__ import annotations

import argparse
from pathlib import Path

from coursekit.messages import LANGS, t
from coursekit.plans.word import write_plan_docx
from coursekit.problems import CoursekitError, Problem
from coursekit.sources.project import load_checked_project


def run(args: argparse.Namespace) -> int:
    project = load_checked_project(Path(args.root))
    course = next((c for c in project.courses if c.id == args.course), None)
    if course is None:
        available = "、".join(c.id for c in project.courses) or "—"
        raise CoursekitError([Problem(args.course, 0, t("plan.course_not_found", available=available))])
    output = Path(args.output)
    write_plan_docx(project, course, output, args.lang)
    with_notes = sum(1 for lesson in course.lessons if lesson.trainer_notes)
    print(t("plan.written", path=output, lessons=len(course.lessons), with_notes=with_notes))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("plan", help=t("plan.help"), description=t("plan.description"))
    parser.add_argument("course", metavar="COURSE", help=t("plan.course_help"))
    parser.add_argument("-o", "--output", required=True, help=t("plan.output_help"))
    parser.add_argument("--lang", choices=LANGS, default="zh", help=t("paper.lang_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.set_defaults(func=run)
