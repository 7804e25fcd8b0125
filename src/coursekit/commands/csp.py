"""``coursekit csp SITE_DIR``: print the Content-Security-Policy header value a built site needs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import t
from coursekit.publish.csp import content_security_policy


def run(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(t("links.not_a_site", path=site), file=sys.stderr)
        return 1
    print(content_security_policy(site))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("csp", help=t("publish.csp_help"))
    parser.add_argument("site", metavar="SITE_DIR", help=t("links.site_help"))
    parser.set_defaults(func=run)
