"""Which content rests on a regulation under review, and what it says about it.

A regulation is under review when its citation file reports a revision (``status:
revision-reported``). A lesson or question citing one of its entries carries a notice until the
entry is marked ``checked`` against the new text, or the lesson or question is marked
``not_affected`` by that regulation. Every output (lesson pages, quiz feedback, print pages, Word
papers and lesson plans, the citation index, ``coursekit review``) asks here, so they agree.
"""

from __future__ import annotations

import datetime as dt
import re

from coursekit.check import INLINE_CITATION
from coursekit.messages import t
from coursekit.model import Citation, Lesson, Question, Regulation

# A dated lesson older than this is due for a look (``coursekit review``; ``内容截至`` on its page).
STALE_AFTER_DAYS = 365
DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def lesson_keys(lesson: Lesson) -> list[str]:
    """Every citation key a lesson rests on: its ``sources`` and the citations in its text."""
    keys = list(lesson.sources)
    for match in INLINE_CITATION.finditer(lesson.body):
        if match.group(1) not in keys:
            keys.append(match.group(1))
    return keys


def regulations_under_review(keys: list[str], citations: dict[str, Citation], not_affected: list[str] = (), fold: bool = True) -> list[Regulation]:
    """The regulations under review that ``keys`` rest on (each once), less those marked not
    affecting; with ``fold``, less a chart drawn from rules that are in the list themselves."""
    found: list[Regulation] = []
    for key in keys:
        citation = citations.get(key)
        if citation is None or not citation.under_review:
            continue
        document = citation.document
        if document.id not in not_affected and document not in found:
            found.append(document)
    if not fold:
        return found
    # A chart drawn from the rules under review says nothing the rules' own notice does not.
    titles = {document.title for document in found}
    return [d for d in found if not (d.revision and d.revision.subject and d.revision.subject in titles and d.revision.subject != d.title)]


def lesson_notices(lesson: Lesson, citations: dict[str, Citation]) -> list[Regulation]:
    return regulations_under_review(lesson_keys(lesson), citations, lesson.not_affected)


def question_notices(question: Question, citations: dict[str, Citation]) -> list[Regulation]:
    return regulations_under_review(question.sources, citations, question.not_affected)


def date_text(value: str, lang: str) -> str:
    """2026-05-18 as a reader writes it: 2026年5月18日, 18 May 2026."""
    match = DATE.match(value.strip())
    if not match:
        return value
    year, month, day = (int(part) for part in match.groups())
    return t("currency.date", lang=lang, year=year, month=month, day=day, month_name=t(f"currency.month_{month}", lang=lang))


def notice_text(regulation: Regulation, kind: str, lang: str = "zh", **values: str) -> str:
    """The notice of ``kind`` (lesson, question, plan, paper) for content resting on ``regulation``;
    ``values`` fill what the kind needs besides (a paper's question ``numbers``)."""
    revision = regulation.revision
    return t(
        f"currency.notice_{kind}",
        lang=lang,
        edition=regulation.edition,
        title=regulation.title,
        short=regulation.short,
        subject=(revision.subject if revision and revision.subject else regulation.short),
        date=date_text(revision.date if revision else "", lang),
        **values,
    )


def notices_text(regulations: list[Regulation], kind: str, lang: str = "zh") -> str:
    return " ".join(notice_text(regulation, kind, lang) for regulation in regulations)


def regulation_anchor(regulation: Regulation) -> str:
    """The anchor of a regulation's heading on the citation index."""
    return f"reg-{regulation.id}"


def parse_date(value: str) -> dt.date | None:
    match = DATE.match(str(value).strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def is_stale(lesson: Lesson, today: dt.date | None = None) -> bool:
    """A lesson dated ``as_of`` more than twelve months before ``today``."""
    as_of = parse_date(lesson.as_of) if lesson.as_of else None
    return bool(as_of and ((today or dt.date.today()) - as_of).days > STALE_AFTER_DAYS)
