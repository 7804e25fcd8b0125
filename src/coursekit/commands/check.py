"""``coursekit check``: validate every course, bank, blueprint and citation; print file:line: message."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.check import check_advice
from coursekit.messages import t
from coursekit.sources.cache import LoadCache
from coursekit.sources.project import load_project
from coursekit.sources.translations import translate_project, translated_languages


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    project, problems = load_project(root, cache=LoadCache.in_project(root))
    for lang in translated_languages(root):  # the build reads them too: a mistake there stops it
        problems = sorted(set(problems + translate_project(project, root, lang)[1]))
    for problem in problems:
        print(problem)
    for warning in split_title_terms(project, root):
        print(warning)
    advice = check_advice(project)
    for item in advice:
        print(t("cli.advice_line", problem=item))
    if advice:
        print(t("cli.advice_count", count=len(advice)))
    if problems:
        print(t("cli.check_failed", count=len(problems)), file=sys.stderr)
        return 1
    print(
        t(
            "cli.check_ok",
            courses=len(project.courses),
            lessons=len(project.lessons()),
            banks=len(project.banks),
            questions=len(project.questions()),
            papers=len(project.blueprints),
            citations=len(project.citations),
        )
    )
    return 0


def split_title_terms(project, root: Path) -> list[str]:
    """Warnings (not problems: the build goes on) for lesson titles whose key terms search breaks
    into single characters (coursekit.search.vocabulary)."""
    from coursekit.search.vocabulary import USERDICT, broken_terms

    userdict = root / USERDICT
    warnings = []
    for lesson in project.lessons():
        for broken in broken_terms(lesson.title, userdict):
            where = lesson.file or lesson.id
            line = _title_line(root / where) if lesson.file else 0
            message = t("cli.check_split_term", term=broken.term, pieces=" + ".join(broken.pieces), userdict=USERDICT)
            warnings.append(f"{where}:{line}: {message}" if line else f"{where}: {message}")
    return warnings


def _title_line(path: Path) -> int:
    try:
        for number, text in enumerate(path.read_text("utf-8").splitlines(), 1):
            if text.startswith("title:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help=t("cli.check_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.set_defaults(func=run)
