"""The project's citation index, as exchange formats need it: labels for feedback going out,
keys for the regulation-and-article texts that come in."""

from __future__ import annotations

from pathlib import Path

from coursekit.model import Citation
from coursekit.problems import display_path
from coursekit.sources.citations import load_citation_file
from coursekit.sources.layout import source_files


def load_citations(root: Path) -> dict[str, Citation]:
    """Every citation under ``root/citations``; an unreadable entry is simply absent here
    (``coursekit check`` is where citation files get judged)."""
    index: dict[str, Citation] = {}
    for path in source_files(Path(root) / "citations"):  # the Chinese files, not x.en.yml
        entries, _ = load_citation_file(path, display_path(path, root))
        for citation in entries:
            if citation.key:
                index.setdefault(citation.key, citation)
    return index


def labels(citations: dict[str, Citation]) -> dict[str, str]:
    """``tiaoli-11`` -> ``《条例》第十一条``."""
    return {key: citation.label for key, citation in citations.items()}


def keys_by_label(citations: dict[str, Citation]) -> dict[str, str]:
    """Ways a trainer writes an article -> its key, for labels that name one article only.

    ``《条例》第十一条``, ``《中国共产党支部工作条例（试行）》第十一条`` and the same without 《》."""
    found: dict[str, set[str]] = {}
    for key, c in citations.items():
        # What our labels show (the topic where the number is unconfirmed), and the number itself
        # where one is written; never the bare name of a regulation.
        places = {place for place in (c.place, c.article) if place}
        for name in {c.short, c.regulation}:
            for place in places:
                for written in (name + place, name.strip("《》") + place):
                    found.setdefault(written.replace(" ", ""), set()).add(key)
    return {written: next(iter(keys)) for written, keys in found.items() if len(keys) == 1}
