"""``coursekit paper``: print-ready exam papers (A/B variants) and their answer keys as Word files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import LANGS, t
from coursekit.model import Blueprint, Project
from coursekit.papers.variants import make_variant, parse_variant_letters
from coursekit.papers.word import write_answer_key_docx, write_paper_docx
from coursekit.problems import CoursekitError, Problem
from coursekit.sources.project import load_checked_project


def find_blueprint(project: Project, wanted: str) -> Blueprint | None:
    """A blueprint by its paper id or by its file (as given on the command line)."""
    for blueprint in project.blueprints:
        if blueprint.id == wanted:
            return blueprint
    target = Path(wanted).resolve()
    root = Path(project.root)
    return next((b for b in project.blueprints if (root / b.file).resolve() == target), None)


def run(args: argparse.Namespace) -> int:
    letters = parse_variant_letters(args.variants)
    if letters is None:
        print(t("paper.bad_variants", value=args.variants), file=sys.stderr)
        return 2
    project = load_checked_project(Path(args.root))
    blueprint = find_blueprint(project, args.blueprint)
    if blueprint is None:
        available = "、".join(b.file for b in project.blueprints) or "—"
        raise CoursekitError([Problem(args.blueprint, 0, t("paper.not_found", available=available))])
    base_seed = blueprint.seed if args.seed is None else args.seed
    banks = {bank.id: bank for bank in project.banks}
    out = Path(args.output)
    for letter in letters:
        variant, shortages = make_variant(blueprint, banks, base_seed, letter)
        if shortages:
            raise CoursekitError(
                [
                    Problem(blueprint.file, s.rule.line, t("paper.shortage", seed=variant.seed, count=s.rule.count, available=s.available, bank=s.rule.bank))
                    for s in shortages
                ]
            )
        paper_path = out / f"{blueprint.id}-{letter}.docx"
        key_path = out / f"{blueprint.id}-{letter}-{t('paper.key_suffix', lang=args.lang)}.docx"
        write_paper_docx(variant, paper_path, args.lang, project.citations)
        write_answer_key_docx(variant, project.citations, key_path, args.lang)
        print(t("paper.written", variant=letter, seed=variant.seed, paper=paper_path, key=key_path))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("paper", help=t("paper.help"), description=t("paper.description"))
    parser.add_argument("blueprint", metavar="BLUEPRINT", help=t("paper.blueprint_help"))
    parser.add_argument("--variants", default="A", help=t("paper.variants_help"))
    parser.add_argument("--seed", type=int, default=None, help=t("paper.seed_help"))
    parser.add_argument("-o", "--output", default=".", help=t("paper.output_help"))
    parser.add_argument("--lang", choices=LANGS, default="zh", help=t("paper.lang_help"))
    parser.add_argument("--root", default=".", help=t("cli.root_help"))
    parser.set_defaults(func=run)
