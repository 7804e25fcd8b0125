"""Lesson bodies are author Markdown and may carry HTML; what the site's sanitiser would remove
from the converted page (``coursekit.sources.sanitise``) is reported here, with the file and line, so
that ``coursekit check`` stops the build before anything is written.

The body is converted with the Markdown extensions the site uses and the HTML is read as a browser
reads it; scanning the Markdown source instead missed what the converter or the browser turned
into markup (a code span across paragraphs, a reference inside a block quote, an unclosed fence,
``<!-- --!>``). Everything else an author writes (titles, objectives, stems, options,
explanations, course and citation fields) is plain text that the page generators escape.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

from coursekit.messages import current_lang, t
from coursekit.model import Lesson
from coursekit.problems import Problem
from coursekit.sources.sanitise import MERMAID_CLASS, locate, sanitise_html

# Those of mkdocs.yml's markdown_extensions that change which tags and attributes a body becomes
# (toc only adds ids and permalinks, which the allow-list keeps).
SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences"]
# Only these make Markdown write a tag or attribute the allow-list may remove: raw HTML and
# autolinks (<), links and images (](, reference definitions ]:) and attribute lists ({). The
# one class it removes, mermaid, an admonition or details block may also take from its type
# (``!!! Mermaid``, lowercased), so that word is looked for in any case. A body without any of
# them converts to allowed markup only, so its conversion is skipped: most lessons, whose
# admonitions (``!!! tip``) and tables give only allowed tags, classes and alignments.
MARKUP_MARKS = ("<", "](", "]:", "{")
# A link with one of these schemes runs script (javascript:, vbscript:) or carries a whole
# document that the browser may render as HTML (data:).
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")


def lesson_markup_problems(lesson: Lesson) -> list[Problem]:
    """Every piece of markup in ``lesson.body`` the sanitiser removes, one problem per finding."""
    failure, findings = _markup_findings(lesson.body, current_lang())
    if failure is not None:
        return [Problem(lesson.file, lesson.body_line, failure)]
    return sorted({Problem(lesson.file, lesson.line_at(offset), message) for offset, message in findings})


# Kept by body text: the preview (scripts/serve) checks every translated lesson again after each
# save, and converting them was a tenth of its rebuild. (Lessons in the original language are
# loaded through coursekit.sources.cache.)
@lru_cache(maxsize=4096)
def _markup_findings(body: str, lang: str) -> tuple[str | None, tuple[tuple[int, str], ...]]:
    """What the sanitiser would remove from ``body``, as (offset, message), messages in ``lang``;
    or, first, the converter's failure."""
    findings: list[tuple[int, str]] = [(offset, t("safety.mermaid", lang=lang)) for offset in _mermaid_fences(body)]
    if not any(mark in body for mark in MARKUP_MARKS) and MERMAID_CLASS not in body.lower():
        return None, tuple(findings)
    converter = _converter()
    try:
        converted = converter.reset().convert(body)
    except Exception as err:  # noqa: BLE001 - a converter failure is the author's input, reported
        return t("safety.conversion_failed", lang=lang, detail=str(err) or type(err).__name__), ()
    removed = sanitise_html(converted).removed
    if findings:  # the fence itself is reported; its class is not reported twice
        removed = [r for r in removed if r.message != t("safety.mermaid", lang=lang)]
    findings += [(offset, removal.message) for offset, removal in locate(body, removed)]
    return None, tuple(findings)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # One converter, reset between lessons: building one with its extensions took longer than
    # converting a lesson.
    return markdown.Markdown(extensions=SITE_EXTENSIONS)


def forbidden_scheme(url: str) -> str | None:
    """The forbidden scheme a URL uses, seen as the browser sees it (entities decoded, blanks dropped)."""
    plain = "".join(ch for ch in html.unescape(url) if ord(ch) > 0x20).lower()
    return next((scheme for scheme in FORBIDDEN_SCHEMES if plain.startswith(scheme)), None)


def _mermaid_fences(body: str) -> list[int]:
    """Offsets of ```mermaid fences, which Material would render by fetching Mermaid from a CDN."""
    offsets: list[int] = []
    offset = 0
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if fence is None:
            match = FENCE_OPEN.match(stripped)
            if match and not (match.group("fence")[0] == "`" and "`" in match.group("info")):
                fence = match.group("fence")
                info = match.group("info").strip().lstrip("{").lstrip(".").lower()
                if info.startswith("mermaid"):
                    offsets.append(offset + len(match.group("indent")))
        else:
            closing = stripped.strip()
            if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
                fence = None
        offset += len(line)
    return offsets
