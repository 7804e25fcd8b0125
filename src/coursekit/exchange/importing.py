"""One import from start to end, without the command line: read, build, tidy the sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursekit.exchange.build import Defaults, build_questions
from coursekit.exchange.citations import keys_by_label
from coursekit.exchange.formats import Format
from coursekit.messages import t
from coursekit.model import Bank, Citation, Question
from coursekit.problems import Problem


@dataclass
class Imported:
    bank: Bank | None  # None when no question could be imported
    notes: list[str] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)  # rows or blocks left out
    warnings: list[Problem] = field(default_factory=list)  # imported, but to be completed


def _resolve_sources(question: Question, by_label: dict[str, str], citations: dict[str, Citation]) -> list[str]:
    """Replace a written regulation and article by its key; return the sources still unknown."""
    resolved, unknown = [], []
    for source in question.sources:
        key = source if source in citations else by_label.get(source.replace(" ", ""))
        resolved.append(key or source)
        if key is None:
            unknown.append(source)
    question.sources = resolved
    return unknown


def import_questions(path: Path, shown_as: str, fmt: Format, defaults: Defaults,
                     citations: dict[str, Citation], title: str = "") -> Imported:
    reading = fmt.read(path, shown_as)
    built = build_questions(reading.drafts, shown_as, defaults)
    imported = Imported(bank=None, notes=reading.notes, rejected=sorted(reading.problems + built.rejected))
    imported.warnings = list(built.incomplete)
    if citations:
        by_label = keys_by_label(citations)
        for question in built.questions:
            unknown = _resolve_sources(question, by_label, citations)
            if unknown:
                message = t("exchange.unknown_sources", id=question.id, sources=t("exchange.list_separator").join(unknown))
                imported.warnings.append(Problem(shown_as, question.line, message))
    imported.warnings.sort()
    if built.questions:
        cases = list({id(q.case): q.case for q in built.questions if q.case}.values())
        imported.bank = Bank(id=defaults.bank, title=title or reading.title or path.stem, questions=built.questions, cases=cases)
    return imported
