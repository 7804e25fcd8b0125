"""``coursekit export BANK.yml -o FILE``: a bank as Excel, CSV, GIFT, Aiken (.txt) or Moodle XML.

Only a bank that loads without problems is exported. Questions a format cannot carry (an ordering
question in GIFT, anything but single choice in Aiken) are named and left out; the rest is written."""

from __future__ import annotations

import argparse
from pathlib import Path

from coursekit.exchange.citations import labels, load_citations
from coursekit.exchange.formats import EXPORT_NAMES, export_format
from coursekit.commands import fail
from coursekit.messages import t
from coursekit.problems import display_path
from coursekit.sources.banks import load_bank


def run(args: argparse.Namespace) -> int:
    bank_path, output = Path(args.bank), Path(args.output)
    shown_bank, shown_out = display_path(bank_path), display_path(output)
    if output.exists() and not args.force:
        return fail(t("exchange.output_exists", file=shown_out))
    fmt = export_format(output, args.format)
    if fmt is None:
        return fail(t("exchange.unknown_export_format", file=shown_out, formats=t("exchange.list_separator").join(EXPORT_NAMES)))
    if not bank_path.is_file():
        return fail(t("exchange.input_missing", file=shown_bank))
    bank, problems = load_bank(bank_path, shown_bank)
    if problems or bank is None:
        for problem in problems:
            print(problem)
        return fail(t("exchange.export_bank_invalid", count=len(problems)))
    output.parent.mkdir(parents=True, exist_ok=True)
    written = fmt.write(bank, output, labels(load_citations(Path(args.root))))
    for problem in written.skipped:
        print(problem)
    for note in written.notes:
        print(note)
    if written.count == 0:
        output.unlink(missing_ok=True)
        return fail(t("exchange.nothing_exported", format=fmt.label))
    print(t("exchange.exported", count=written.count, file=shown_out, format=fmt.label))
    if written.skipped:
        print(t("exchange.export_skipped", count=len(written.skipped), format=fmt.label))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help=t("exchange.cli.export_help"), description=t("exchange.cli.export_help"))
    parser.add_argument("bank", metavar="BANK.yml", help=t("exchange.cli.export_bank_help"))
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help=t("exchange.cli.export_output_help"))
    parser.add_argument("--format", choices=EXPORT_NAMES, help=t("exchange.cli.export_format_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.add_argument("--force", action="store_true", help=t("exchange.cli.force_help"))
    parser.set_defaults(func=run)
