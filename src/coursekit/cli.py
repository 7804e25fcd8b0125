"""The ``coursekit`` command: wires the subcommands of ``coursekit.commands`` together."""

from __future__ import annotations

import argparse
import importlib
import sys

from coursekit.commands import COMMANDS
from coursekit.messages import t
from coursekit.problems import CoursekitError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coursekit", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"coursekit.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Chinese on any terminal: never die on an encoding the console does not know.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CoursekitError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
