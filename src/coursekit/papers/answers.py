"""How a printed question's answer and sources read on an answer key (Word or web)."""

from __future__ import annotations

from coursekit.currency import notice_text, notices_text, question_notices
from coursekit.messages import t
from coursekit.model import Citation
from coursekit.papers.variants import PaperItem
from coursekit.sources.banks import BLANK_MARK


def answer_text(item: PaperItem, lang: str = "zh") -> str:
    question = item.question
    if question.type in ("single", "multiple", "order"):
        return item.key_letters
    if question.type == "judge":
        return t("paper.judge_true" if question.answer else "paper.judge_false", lang=lang)
    if question.type == "blank":
        return "；".join(" / ".join(accepted) for accepted in question.answer)
    return str(question.answer)


def short_answer_text(item: PaperItem, lang: str = "zh") -> str:
    """The answer in the quick-reference grid: as short as it can be; short answers point to the key below."""
    question = item.question
    if question.type == "short":
        return t("paper.see_explanation", lang=lang)
    if question.type == "judge":
        return t("paper.mark_true" if question.answer else "paper.mark_false", lang=lang)
    return answer_text(item, lang)


def source_label(item: PaperItem, citations: dict[str, Citation], short: bool = False) -> str:
    """Regulation and article of every source, e.g. 《中国共产党支部工作条例（试行）》第十一条;
    ``short``: as lessons name them, e.g. 《条例》第十一条."""
    labels = []
    for key in item.question.sources:
        citation = citations.get(key)
        labels.append((citation.label if short else citation.full_label) if citation else key)
    return "；".join(labels)


def revision_notice(item: PaperItem, citations: dict[str, Citation], lang: str = "zh") -> str:
    """The notice for a question resting on a regulation under review, or "" (``coursekit.currency``)."""
    return notices_text(question_notices(item.question, citations), "question", lang)


def paper_notices(items: list[PaperItem], citations: dict[str, Citation], lang: str = "zh", kind: str = "paper") -> list[str]:
    """One line per regulation under review: which numbered questions of the paper rest on it
    (``kind`` paper for the marker's key, paper_learner for the paper itself)."""
    numbers: dict[str, list[str]] = {}
    regulations = {}
    for item in items:
        for regulation in question_notices(item.question, citations):
            regulations[regulation.id] = regulation
            numbers.setdefault(regulation.id, []).append(str(item.number))
    separator = t("page.list_separator", lang=lang)
    return [notice_text(regulations[rid], kind, lang, numbers=separator.join(found)) for rid, found in numbers.items()]


def stem_parts(stem: str) -> list[str]:
    """The stem split at its blanks (``___``): text, blank, text, …, text (blanks between parts)."""
    return BLANK_MARK.split(stem)


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
