"""The citation index: ``citations/*.yml``, one file per regulation, one entry per article."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.messages import t
from coursekit.model import Citation
from coursekit.problems import Problem
from coursekit.sources.fields import FieldReader, require_mapping
from coursekit.sources.yamlfile import load_yaml_file

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RELIABILITY = ("A", "B")


def load_citation_file(path: Path, shown_as: str) -> tuple[list[Citation], list[Problem]]:
    problems: list[Problem] = []
    data, yaml_problems = load_yaml_file(path, shown_as, "citations")
    problems += yaml_problems
    top = require_mapping(data, shown_as, problems, t("what.citations")) if not yaml_problems else None
    if top is None:
        return [], problems
    head = FieldReader(top, shown_as, problems)
    head.unknown_keys({"regulation", "short", "effective", "issuer", "articles"})
    regulation = head.text("regulation")
    short = head.text("short", required=False, default=regulation)
    effective = head.text("effective")
    citations = []
    for item in head.mapping_list("articles"):
        row = FieldReader(item, shown_as, problems)
        row.unknown_keys({"key", "article", "summary", "reliability", "facts", "effective"})
        key = row.text("key")
        if key and not KEY_PATTERN.match(key):
            row.problem("key", t("citation.bad_key", key=key))
        reliability = row.text("reliability")
        if reliability and reliability not in RELIABILITY:
            row.problem("reliability", t("citation.bad_reliability", value=reliability))
        citations.append(
            Citation(
                key=key,
                regulation=regulation,
                short=short,
                article=row.text("article"),
                effective=row.text("effective", required=False, default=effective),
                summary=row.text("summary"),
                reliability=reliability,
                facts=row.text_list("facts"),
                file=shown_as,
                line=item.line,
            )
        )
    return citations, problems
