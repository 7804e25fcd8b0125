"""``coursekit review``: the reviewer's checklist of content resting on regulations under revision,
unconfirmed article numbers and lessons due for a look; optionally as an .xlsx to tick off."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from coursekit.commands import fail
from coursekit.currency import parse_date
from coursekit.messages import t
from coursekit.review import build_review, review_lines, write_review_workbook
from coursekit.sources.project import load_checked_project


def run(args: argparse.Namespace) -> int:
    today = dt.date.today()
    if args.today:
        today = parse_date(args.today)
        if today is None:
            return fail(t("currency.review_bad_today", value=args.today))
    project = load_checked_project(Path(args.root))
    review = build_review(project, today)
    for line in review_lines(review):
        print(line)
    if args.output:
        rows = write_review_workbook(review, Path(args.output))
        print(t("currency.review_written", path=args.output, rows=rows))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("review", help=t("currency.review_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.add_argument("-o", "--output", help=t("currency.review_output_help"))
    parser.add_argument("--today", help=t("currency.review_today_help"))
    parser.set_defaults(func=run)
