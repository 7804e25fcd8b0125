"""``coursekit results``: merge learners' result slips (JSON) into one Excel report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import t
from coursekit.problems import Problem, display_path
from coursekit.results.report import write_report
from coursekit.results.slip import SlipError, read_slip
from coursekit.sources.project import load_project


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        print(t("results.no_folder", folder=folder), file=sys.stderr)
        return 1
    slips, problems = [], []
    for path in sorted(folder.rglob("*.json")):
        try:
            slips.append(read_slip(path))
        except SlipError as err:
            problems.append(Problem(display_path(path), 0, str(err)))
        except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as err:  # what validation missed: this slip only
            problems.append(Problem(display_path(path), 0, t("results.unreadable", detail=str(err) or type(err).__name__)))
    for problem in problems:
        print(problem, file=sys.stderr)
    if not slips:
        print(t("results.none_valid", folder=folder), file=sys.stderr)
        return 1
    # Stems come from the question banks; a report is still useful when the content has problems.
    project, _ = load_project(Path(args.root))
    questions = {q.id: q for q in project.questions()}
    write_report(slips, questions, Path(args.output))
    print(t("results.written", path=args.output, count=len(slips), skipped=len(problems)))
    return 1 if problems else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("results", help=t("results.help"), description=t("results.description"))
    parser.add_argument("folder", metavar="DIR", help=t("results.folder_help"))
    parser.add_argument("-o", "--output", required=True, help=t("results.output_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.set_defaults(func=run)
