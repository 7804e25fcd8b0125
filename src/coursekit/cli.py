"""The ``coursekit`` command. Each subcommand lives in its own module; this file only wires them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import t
from coursekit.sources.project import load_project


def _cmd_check(args: argparse.Namespace) -> int:
    project, problems = load_project(Path(args.root))
    for problem in problems:
        print(problem)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coursekit", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help=t("cli.check_help"))
    check.add_argument("--root", default=".", help=t("cli.root_help"))
    check.set_defaults(func=_cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Chinese on any terminal: never die on an encoding the console does not know.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    return args.func(args)
