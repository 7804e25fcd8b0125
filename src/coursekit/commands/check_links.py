"""``coursekit check-links SITE_DIR``: every internal link and anchor of a built site resolves."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.messages import t
from coursekit.publish.linkcheck import check_site_links


def run(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(t("links.not_a_site", path=site), file=sys.stderr)
        return 1
    report = check_site_links(site, args.base_path)
    if report.external:
        print(t("links.external_count", count=len(report.external)))
        for problem in report.external:
            print(f"  {problem}")
    if report.errors:
        print(t("links.failed", count=len(report.errors)), file=sys.stderr)
        for problem in report.errors:
            print(problem, file=sys.stderr)
        return 1
    print(t("links.ok", pages=report.pages, links=report.links))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("check-links", help=t("links.help"))
    parser.add_argument("site", metavar="SITE_DIR", help=t("links.site_help"))
    parser.add_argument("--base-path", default="/", help=t("links.base_help"))
    parser.set_defaults(func=run)
