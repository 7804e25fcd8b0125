"""``coursekit import FILE -o BANK.yml``: questions from Excel, CSV, GIFT, Aiken, Word-pasted text or
Moodle XML into a bank. Good rows are written even when others are rejected; the exit status is 1
whenever anything was rejected, so a script notices. An existing bank is kept unless ``--force``."""

from __future__ import annotations

import argparse
from pathlib import Path

from coursekit.exchange.bankfile import bank_yaml
from coursekit.exchange.build import Defaults
from coursekit.exchange.citations import load_citations
from coursekit.exchange.formats import IMPORT_NAMES, import_format
from coursekit.exchange.importing import import_questions
from coursekit.commands import fail
from coursekit.messages import t
from coursekit.problems import display_path
from coursekit.sources.banks import ID_PATTERN


OFFICE_HINTS = {
    ".xls": "exchange.old_workbook", ".et": "exchange.old_workbook",
    ".docx": "exchange.word_document", ".doc": "exchange.word_document", ".wps": "exchange.word_document",
}


def run(args: argparse.Namespace) -> int:
    source, output = Path(args.file), Path(args.output)
    shown_in, shown_out = display_path(source), display_path(output)
    if output.exists() and not args.force:
        return fail(t("exchange.output_exists", file=shown_out))
    if not source.is_file():
        return fail(t("exchange.input_missing", file=shown_in))
    fmt, sniffed = import_format(source, args.format)
    if fmt is None:
        # Old Excel and Word files are common on trainers' desks: say how to turn them into ours.
        hint = OFFICE_HINTS.get(source.suffix.lower())
        if hint:
            return fail(t(hint, file=shown_in))
        return fail(t("exchange.unknown_import_format", file=shown_in, formats=t("exchange.list_separator").join(IMPORT_NAMES)))
    bank_id = args.bank or output.stem
    if not ID_PATTERN.match(bank_id):
        return fail(t("exchange.bad_bank_id", id=bank_id))
    prefix = args.id_prefix or bank_id
    if not ID_PATTERN.match(prefix):
        return fail(t("exchange.bad_id_prefix", prefix=prefix))

    print(t("exchange.reading_as_sniffed" if sniffed else "exchange.reading_as", file=shown_in, format=fmt.label))
    defaults = Defaults(bank=bank_id, lesson=args.lesson or "", sources=args.source or [], id_prefix=prefix)
    imported = import_questions(source, shown_in, fmt, defaults, load_citations(Path(args.root)), args.title or "")
    for note in imported.notes:
        print(note)
    for problem in imported.rejected:
        print(problem)
    if imported.bank is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(bank_yaml(imported.bank, header=t("exchange.bank_header", file=source.name)), encoding="utf-8")
        print(t("exchange.imported", count=len(imported.bank.questions), file=shown_out))
    for warning in imported.warnings:
        print(warning)
    if imported.warnings:
        print(t("exchange.complete_them", count=len({w.line for w in imported.warnings}), file=shown_out))
    if imported.rejected:
        rows = len({p.line for p in imported.rejected})
        return fail(t("exchange.rejected_summary", count=rows) if imported.bank else t("exchange.nothing_imported", count=rows))
    if imported.bank is None:
        return fail(t("exchange.no_questions", file=shown_in))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help=t("exchange.cli.import_help"), description=t("exchange.cli.import_help"))
    parser.add_argument("file", metavar="FILE", help=t("exchange.cli.import_file_help"))
    parser.add_argument("-o", "--output", required=True, metavar="BANK.yml", help=t("exchange.cli.import_output_help"))
    parser.add_argument("--format", choices=IMPORT_NAMES, help=t("exchange.cli.import_format_help"))
    parser.add_argument("--bank", help=t("exchange.cli.import_bank_help"))
    parser.add_argument("--title", help=t("exchange.cli.import_title_help"))
    parser.add_argument("--lesson", help=t("exchange.cli.import_lesson_help"))
    parser.add_argument("--source", action="append", metavar="KEY", help=t("exchange.cli.import_source_help"))
    parser.add_argument("--id-prefix", dest="id_prefix", help=t("exchange.cli.import_prefix_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.add_argument("--force", action="store_true", help=t("exchange.cli.force_help"))
    parser.set_defaults(func=run)
