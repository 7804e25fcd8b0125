"""``coursekit results``: learners' result slips (JSON), marked again against the banks, merged into one Excel report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import t
from coursekit.problems import Problem, display_path
from coursekit.results.compact import expand_compact
from coursekit.results.marking import mark_slip
from coursekit.results.report import missing_learners, not_on_roster, write_report
from coursekit.results.pasted import read_pasted_slips
from coursekit.results.roster import read_roster
from coursekit.results.slip import SlipError, read_slip
from coursekit.sources.project import load_project


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        print(t("results.no_folder", folder=folder), file=sys.stderr)
        return 1
    roster = read_roster(Path(args.roster)) if args.roster else None
    # Marking needs the banks and papers; a report is still useful when other content has problems.
    project, _ = load_project(Path(args.root))
    blueprints = {b.id: b for b in project.blueprints}
    banks = {bank.id: bank for bank in project.banks}
    marked, problems = [], []
    for path in sorted(folder.rglob("*.json")):
        try:
            slip = read_slip(path)
            marked.append(mark_slip(slip, blueprints, banks))
        except SlipError as err:
            problems.append(Problem(display_path(path), 0, str(err)))
        except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as err:  # what validation missed: this slip only
            problems.append(Problem(display_path(path), 0, t("results.unreadable", detail=str(err) or type(err).__name__)))
    for path in sorted(folder.rglob("*.txt")):  # slips pasted as text (a saved chat may hold many)
        slips, pasted = read_pasted_slips(path, expand=lambda compact: expand_compact(compact, blueprints, banks))
        problems += [Problem(display_path(path), p.line, p.message) for p in pasted]
        for slip in slips:
            try:
                marked.append(mark_slip(slip, blueprints, banks))
            except SlipError as err:
                line = int(slip.file.rsplit(":", 1)[1])
                problems.append(Problem(display_path(path), line, str(err)))
    for problem in problems:
        print(problem, file=sys.stderr)
    if not marked:
        print(t("results.none_valid", folder=folder), file=sys.stderr)
        return 1
    write_report(marked, Path(args.output), roster)
    print(t("results.written", path=args.output, count=len(marked), skipped=len(problems)))
    changed = [m for m in marked if not m.trustworthy]
    if changed:
        print(t("results.changed_summary", count=len(changed), files="、".join(Path(m.slip.file).name for m in changed)))
    if roster is not None:
        print(t("results.missing_summary", count=len(missing_learners(marked, roster))))
        strangers = not_on_roster(marked, roster)
        if strangers:
            print(t("results.not_on_roster", names="、".join(strangers)))
    return 1 if problems else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("results", help=t("results.help"), description=t("results.description"))
    parser.add_argument("folder", metavar="DIR", help=t("results.folder_help"))
    parser.add_argument("-o", "--output", required=True, help=t("results.output_help"))
    parser.add_argument("--roster", metavar="FILE", help=t("results.roster_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.set_defaults(func=run)
