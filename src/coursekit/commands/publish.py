"""``coursekit publish TARGET``: check, build, link-check and switch the intranet site atomically;
``coursekit publish --rollback TARGET``: switch back to the previous release."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import t
from coursekit.publish.pipeline import PublishError, publish, rollback


def run(args: argparse.Namespace) -> int:
    try:
        if args.rollback:
            rollback(Path(args.target))
        else:
            publish(Path(args.root), Path(args.target), keep=args.keep, base_path=args.base_path)
    except PublishError as err:
        for line in err.lines:
            print(line, file=sys.stderr)
        return 1
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("publish", help=t("publish.help"))
    parser.add_argument("target", metavar="TARGET", help=t("publish.target_help"))
    parser.add_argument("--rollback", action="store_true", help=t("publish.rollback_help"))
    parser.add_argument("--keep", type=int, default=3, help=t("publish.keep_help"))
    parser.add_argument("--base-path", default="/", help=t("publish.base_help"))
    parser.add_argument("--root", default=".", help=t("publish.root_help"))
    parser.set_defaults(func=run)
