"""``coursekit bench``: measure build speed, page weight and search latency against the budgets."""

from __future__ import annotations

import argparse
from pathlib import Path

from coursekit.messages import t


def run(args: argparse.Namespace) -> int:
    from coursekit.bench.run import growth, run_bench, run_search_bench

    template = Path(args.config).resolve()
    if args.search:
        ok = run_search_bench(template, workdir=Path(args.workdir) if args.workdir else None, lessons=args.search_lessons)
        return 0 if ok or not args.strict else 1
    if args.growth:
        growth([int(n) for n in args.growth.split(",")], template)
        return 0
    lessons, questions = (60, 600) if args.quick else (args.lessons, args.questions)
    # Quick: each build once, so that four projects and the browser fit in a minute.
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    # Quick: the preview saved three times, not five; its median is then a check that it works.
    saves = 3 if args.quick else 5
    ok = run_bench(lessons, questions, template, workdir=Path(args.workdir) if args.workdir else None, browser=not args.no_browser, repeat=repeat, search_lessons=0 if args.quick else args.search_lessons, preview_saves=saves)
    return 0 if ok or not args.strict else 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("bench", help=t("bench.help"))
    parser.add_argument("--lessons", type=int, default=500, help=t("bench.lessons_help"))
    parser.add_argument("--questions", type=int, default=5000, help=t("bench.questions_help"))
    parser.add_argument("--quick", action="store_true", help=t("bench.quick_help"))
    parser.add_argument("--no-browser", action="store_true", help=t("bench.no_browser_help"))
    parser.add_argument("--growth", metavar="N,N,…", help=t("bench.growth_help"))
    parser.add_argument("--repeat", type=int, default=None, help=t("bench.repeat_help"))
    parser.add_argument("--search", action="store_true", help=t("bench.search_help"))
    parser.add_argument("--search-lessons", type=int, default=2000, help=t("bench.search_lessons_help"))
    parser.add_argument("--strict", action="store_true", help=t("bench.strict_help"))
    parser.add_argument("--workdir", help=t("bench.workdir_help"))
    parser.add_argument("--config", default="mkdocs.yml", help=t("bench.config_help"))
    parser.set_defaults(func=run)
