"""``coursekit template -o 题库模板.xlsx``: the spreadsheet template for ``coursekit import``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.exchange.template import TEMPLATE_WRITERS, write_template
from coursekit.messages import t
from coursekit.problems import display_path


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    shown = display_path(output)
    if output.suffix.lower() not in TEMPLATE_WRITERS:
        print(t("exchange.template_suffix", file=shown), file=sys.stderr)
        return 1
    if output.exists() and not args.force:
        print(t("exchange.output_exists", file=shown), file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    count = write_template(output, empty=args.empty)
    print(t("exchange.template_written", file=shown, count=count))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("template", help=t("exchange.cli.template_help"), description=t("exchange.cli.template_help"))
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help=t("exchange.cli.template_output_help"))
    parser.add_argument("--empty", action="store_true", help=t("exchange.cli.template_empty_help"))
    parser.add_argument("--force", action="store_true", help=t("exchange.cli.force_help"))
    parser.set_defaults(func=run)
