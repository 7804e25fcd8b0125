"""The citation index: ``citations/*.yml``, one file per regulation, one entry per article.

The head of a file says which edition is taught and its status (``current``, ``revision-reported``
with what was reported, or ``superseded`` by another file); each entry says whether its article
number was read in the text (``number``), and what learners see where it was not (``topic``).
"""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.messages import t
from coursekit.model import (
    NUMBER_CONFIRMED,
    NUMBER_STATUSES,
    STATUS_REVISION_REPORTED,
    STATUS_SUPERSEDED,
    STATUSES,
    Checked,
    Citation,
    Regulation,
    Revision,
)
from coursekit.problems import Problem
from coursekit.sources.fields import FieldReader, require_mapping
from coursekit.sources.yamlfile import MarkedDict, load_yaml_file

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RELIABILITY = ("A", "B")
# How a number's doubt used to be written into the text learners read; it belongs in ``number``.
CAVEAT = re.compile(
    r"(条号|章号)[^，。；）)]*(待核|未核|未标|推定|据)|"
    r"(article|chapter) numbers?\b[^.;)]*(to be checked|inferred|from a single|not (stated|checked|verified))",
    re.IGNORECASE,
)
HEAD_KEYS = {"regulation", "short", "effective", "published", "issuer", "edition", "read_at", "status", "revision", "superseded_by", "articles"}
ENTRY_KEYS = {"key", "article", "number", "topic", "number_note", "summary", "reliability", "facts", "effective", "checked", "superseded_by"}


def caveat_problems(reader: FieldReader, fields: tuple[str, ...]) -> None:
    """A caveat about an article number written into text a learner reads."""
    for name in fields:
        value = reader.data.get(name)
        found = CAVEAT.search(value) if isinstance(value, str) else None
        if found:
            reader.problem(name, t("currency.caveat_in_text", field=name, words=found.group(0)))


def _sub_reader(reader: FieldReader, key: str, allowed: set[str]) -> FieldReader | None:
    value = reader.data.get(key)
    if value is None:
        return None
    if not isinstance(value, MarkedDict):
        reader.problem(key, t("currency.not_mapping", field=key, fields="、".join(sorted(allowed))))
        return None
    sub = FieldReader(value, reader.file, reader.problems)
    sub.unknown_keys(allowed)
    return sub


def _checked(reader: FieldReader) -> Checked | None:
    sub = _sub_reader(reader, "checked", {"date", "source"})
    if sub is None:
        return None
    date, source = sub.text("date"), sub.text("source")
    return Checked(date=date, source=source) if date and source else None


def _regulation(head: FieldReader, path: Path, shown_as: str, title: str, short: str, effective: str) -> Regulation:
    status = head.text("status")
    if status and status not in STATUSES:
        head.problem("status", t("currency.bad_status", value=status))
    revision = None
    sub = _sub_reader(head, "revision", {"date", "source", "known", "subject"})
    if sub is not None:
        revision = Revision(date=sub.text("date"), source=sub.text("source"), known=sub.text("known"), subject=sub.text("subject", required=False))
    if status == STATUS_REVISION_REPORTED and revision is None:
        head.problem("status", t("currency.revision_missing"))
    superseded_by = head.text("superseded_by", required=False)
    if status == STATUS_SUPERSEDED and not superseded_by:
        head.problem("status", t("currency.superseded_by_missing"))
    return Regulation(
        id=path.name.removesuffix(".yml"),
        title=title,
        short=short,
        issuer=head.text("issuer", required=False),
        effective=effective,
        edition=head.text("edition"),
        read_at=head.text("read_at"),
        status=status,
        revision=revision,
        superseded_by=superseded_by,
        file=shown_as,
        line=head.data.line,
    )


def load_citation_file(path: Path, shown_as: str, data: bytes | None = None) -> tuple[list[Citation], list[Problem]]:
    problems: list[Problem] = []
    data, yaml_problems = load_yaml_file(path, shown_as, data, "citations")
    problems += yaml_problems
    top = require_mapping(data, shown_as, problems, t("what.citations")) if not yaml_problems else None
    if top is None:
        return [], problems
    head = FieldReader(top, shown_as, problems)
    head.unknown_keys(HEAD_KEYS)
    regulation = head.text("regulation")
    short = head.text("short", required=False, default=regulation)
    # Where the effective-date clause was never read, the file gives the publication date
    # instead, and pages label it as such: a publication date shown as 施行日期 is a wrong fact.
    published = head.text("published", required=False)
    if published and "effective" in top:
        head.problem("published", t("citation.published_and_effective"))
    date_kind = "published" if published else "effective"
    effective = published or head.text("effective")
    document = _regulation(head, path, shown_as, regulation, short, effective)
    document.date_kind = date_kind
    citations = []
    for item in head.mapping_list("articles"):
        row = FieldReader(item, shown_as, problems)
        row.unknown_keys(ENTRY_KEYS)
        key = row.text("key")
        if key and not KEY_PATTERN.match(key):
            row.problem("key", t("citation.bad_key", key=key))
        reliability = row.text("reliability")
        if reliability and reliability not in RELIABILITY:
            row.problem("reliability", t("citation.bad_reliability", value=reliability))
        number = row.text("number", required=False, default=NUMBER_CONFIRMED)
        if number not in NUMBER_STATUSES:
            row.problem("number", t("currency.bad_number", value=number))
        topic = row.text("topic", required=False)
        confirmed = number == NUMBER_CONFIRMED
        if number in NUMBER_STATUSES and not confirmed and not topic:
            row.problem("number", t("currency.topic_missing", number=number))
        article = row.text("article", required=confirmed)
        caveat_problems(row, ("article", "topic", "summary"))
        citations.append(
            Citation(
                key=key,
                regulation=regulation,
                short=short,
                article=article,
                effective=row.text("effective", required=False, default=effective),
                date_kind="effective" if "effective" in item else date_kind,
                summary=row.text("summary"),
                reliability=reliability,
                facts=row.text_list("facts"),
                file=shown_as,
                line=item.line,
                number=number,
                topic=topic,
                number_note=row.text("number_note", required=False),
                document=document,
                checked=_checked(row),
                superseded_by=row.text("superseded_by", required=False),
            )
        )
    return citations, problems

