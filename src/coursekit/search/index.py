"""Write the site's search index (``search/coursekit-index.json``) after the build.

Read from what Material's search plugin wrote (``search/search_index.json``: every page and
section, Chinese already cut by jieba into words joined by U+200B) and written as:

- ``pages``: ``[url, title, course title, kind, language]`` for every page worth finding. The
  English tree's copies of pages not yet translated (same title as the Chinese page) are left
  out: the Chinese page answers the same query.
- ``sections``: ``[page, anchor, heading, text]``, text as plain text with the word cuts kept.
- ``dict``: jieba's frequency of every word the index holds (and of the dictionary words inside
  its long words), and ``total``: jieba's total. The browser cuts the query with these exactly as
  ``jieba.cut(query, HMM=False)`` would cut it with words known to the index; a word jieba found
  by its HMM (not in the dictionary) gets the frequency that keeps it whole (``suggest_freq``).
- ``variants``: traditional characters that stand for a simplified one the index holds.
- ``synonyms``: for each word of ``search_synonyms.txt`` (project root), the words of its group.

``search/search_index.json`` itself is then cut down to its ``config`` (Material's page script
fetches it on every page view, and its highlighter reads the separator from it); the pages and
sections are fetched by our worker only when the learner opens the search box.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from pathlib import Path

INDEX_NAME = "coursekit-index.json"
HAN = re.compile(r"[\u3400-\u9fff]")
TAG = re.compile(r"<[^>]*>")
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|tr|td|th|table|thead|tbody|div|h[1-6]|br|dd|dt|dl|blockquote|pre)\b[^>]*>", re.I)
# The lunr trimmer's word characters: what a token keeps at its ends.
TRIM = re.compile(r"^[^\w\u3400-\u9fff]+|[^\w\u3400-\u9fff]+$")
# One-page summaries (the lesson file ``xiaojie.md`` of every course) and the citation index repeat
# the lessons in brief: they are found, but after the lesson that teaches the topic.
KIND_WEIGHT = {"lesson": 1.0, "course": 0.6, "summary": 0.5, "citations": 0.4, "other": 0.8}
SUMMARY_SLUG = "xiaojie"
MAX_SUBWORD = 4
# The preview (``scripts/serve``) writes the index again after every save, from pages nearly all
# unchanged: what a page's text gives is kept, by its text, for the next build in the same process.
# Pure functions of their arguments, so a clean build and a rebuild give the same bytes.
TEXTS_KEPT = 1 << 16


def _kind(path: str) -> str:
    parts = path.strip("/").split("/")
    if parts[:1] == ["citations"]:
        return "citations"
    if parts[:1] == ["courses"]:
        if len(parts) == 2:
            return "course"
        if len(parts) >= 3:
            return "summary" if parts[2] == SUMMARY_SLUG else "lesson"
    return "other"


def _split_lang(location: str, languages: set[str]) -> tuple[str | None, str]:
    head, _, rest = location.partition("/")
    if head in languages and _:
        return head, rest
    return None, location


@functools.lru_cache(maxsize=TEXTS_KEPT)
def _plain(text: str) -> str:
    text = BLOCK_TAG.sub(" ", text)  # a space between list items and cells, which are shown
    text = TAG.sub("\u200b", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\r\n]+", " ", text)
    text = re.sub(r"\u200b*( [ \u200b]*)", " ", text)  # a space wins over cuts beside it
    return re.sub(r"\u200b+", "\u200b", text).strip(" \u200b")


@functools.lru_cache(maxsize=TEXTS_KEPT)
def _han_words(text: str, separator: re.Pattern) -> frozenset[str]:
    """The words of ``text`` with Chinese characters in them, as the index's separator cuts it:
    each piece lowercased and trimmed at its ends as the lunr trimmer trims (``TRIM``)."""
    # Each distinct piece is looked at once (a text repeats its words), and the test comes before
    # the trimming: trimming never removes a Chinese character.
    return frozenset(TRIM.sub("", raw.lower()) for raw in set(separator.split(text)) if HAN.search(raw))


def _frequencies(words: set[str]) -> tuple[dict[str, int], int]:
    """jieba's frequency of each word and of the dictionary words inside the longer ones."""
    import jieba

    jieba.initialize()
    freq: dict[str, int] = {}
    for word in words:
        if not HAN.search(word):
            continue
        f = jieba.get_FREQ(word) or 0
        if f <= 0 and len(word) > 1:
            f = jieba.suggest_freq(word, tune=False)
        freq[word] = max(int(f), 1)
        # Every character too: the query's route through an unknown word goes through them.
        for ch in word:
            if ch not in freq:
                freq[ch] = max(int(jieba.get_FREQ(ch) or 1), 1)
        if len(word) > 2:
            for size in range(2, min(len(word) - 1, MAX_SUBWORD) + 1):
                for start in range(0, len(word) - size + 1):
                    sub = word[start : start + size]
                    f = jieba.get_FREQ(sub) or 0
                    if f > 0 and sub not in freq:
                        freq[sub] = int(f)
    return freq, int(jieba.dt.total)


def _variants(chars: set[str]) -> dict[str, str]:
    """Traditional form -> simplified, for the simplified characters the index holds."""
    out: dict[str, str] = {}
    for ch in sorted(chars):
        trad = _traditional(ch)
        if len(trad) == 1 and trad != ch and trad not in chars:
            out[trad] = ch
    return out


@functools.lru_cache(maxsize=None)
def _to_traditional():
    try:
        from opencc_purepy import OpenCC
    except ImportError:
        return None
    return OpenCC("s2t")


@functools.lru_cache(maxsize=TEXTS_KEPT)
def _traditional(ch: str) -> str:
    """The traditional form of the character ``ch`` (``ch`` itself without OpenCC)."""
    converter = _to_traditional()
    return converter.convert(ch) if converter is not None else ch


SYNONYMS = "search_synonyms.txt"


def read_synonyms(path: Path | None) -> list[list[str]]:
    """Groups of words that mean the same (``search_synonyms.txt``: one group a line, ``#`` comments)."""
    if path is None or not path.is_file():
        return []
    groups = []
    for line in path.read_text("utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) > 1:
            groups.append([word.lower() for word in words])
    return groups


def build_index(data: dict, default_lang: str, languages: set[str], synonyms: list[list[str]] | None = None) -> dict:
    config = data.get("config", {})
    separator = re.compile(config.get("separator") or r"[\s\u200b\-]+")
    docs = data.get("docs", [])
    titles: dict[tuple[str | None, str], str] = {}
    for doc in docs:
        location = doc.get("location", "")
        if "#" not in location:
            titles[_split_lang(location, languages)] = _plain(doc.get("title", ""))

    pages: list[list] = []
    page_of: dict[str, int] = {}
    sections: list[list] = []
    words: set[str] = set()
    for doc in docs:
        location = doc.get("location", "")
        url, _, anchor = location.partition("#")
        lang, path = _split_lang(url, languages)
        if lang is not None and lang != default_lang and titles.get((None, path)) == titles.get((lang, path)):
            continue  # an untranslated page's copy in another language's tree
        if url not in page_of:
            kind = _kind(path)
            course = ""
            if kind in ("lesson", "summary"):
                course_path = "/".join(path.strip("/").split("/")[:2]) + "/"
                course = titles.get((lang, course_path), "").replace("\u200b", "")
            title = titles.get((lang, path), _plain(doc.get("title", "")))
            page_of[url] = len(pages)
            pages.append([url, title, course, kind, lang or default_lang])
        heading = _plain(doc.get("title", "")) if anchor else ""
        text = _plain(doc.get("text", ""))
        sections.append([page_of[url], anchor, heading, text])
        for part in (heading, text, pages[page_of[url]][1]):
            words.update(_han_words(part, separator))
    for group in synonyms or []:
        words.update(w for w in group if HAN.search(w))
    freq, total = _frequencies(words)
    chars = {ch for word in freq for ch in word}
    return {
        "version": 1,
        "separator": separator.pattern,
        "weights": KIND_WEIGHT,
        "pages": pages,
        "sections": sections,
        "total": total,
        "logtotal": math.log(total),
        # Sorted: the words come from sets, whose order changes from one process to the next, and
        # the same sources must give the same bytes (an incremental build is checked against a clean one).
        "dict": dict(sorted(freq.items())),
        "variants": dict(sorted(_variants(chars).items())),
        "synonyms": {word: [other for other in group if other != word] for group in synonyms or [] for word in group},
    }


def write_search_index(site: Path, default_lang: str, languages: set[str], project: Path | None = None, data: dict | None = None) -> Path | None:
    """Write ``search/coursekit-index.json`` from Material's index and cut that one to its config,
    written as UTF-8: Material writes every Chinese character as a six-byte ``\\uXXXX``. An index
    that is not JSON is left as it is. ``data``: the index already read (the preview's, merged)."""
    source = site / "search" / "search_index.json"
    if not source.is_file():
        return None
    if data is None:
        try:
            data = json.loads(source.read_text("utf-8"))
        except ValueError:
            return None  # not ours to repair: the build that wrote it has failed
    if not data.get("docs") and (site / "search" / INDEX_NAME).is_file():
        return site / "search" / INDEX_NAME  # already written by this build
    index = build_index(data, default_lang, languages, read_synonyms(project / SYNONYMS if project else None))
    target = site / "search" / INDEX_NAME
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    source.write_text(json.dumps({"config": data.get("config", {}), "docs": []}, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return target
