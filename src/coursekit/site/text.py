"""Escaping author text for the two places it lands: Markdown and HTML.

Question and front-matter text is plain text: whatever it contains (tags, scripts, Markdown
link syntax), it is shown as typed and never executed.
"""

from __future__ import annotations

import html
import json
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!-])")


def html_text(value: str) -> str:
    return html.escape(value, quote=True)


def md_text(value: str) -> str:
    """Plain text safe inside a Markdown paragraph, heading or list item."""
    return _MD_SPECIAL.sub(r"\\\1", plain_author_text(html.escape(value, quote=False)).replace("\n", " "))


# Generated HTML skips the Markdown converter: its HTML parser re-read every quiz block, the
# largest cost of a build, and a blank line inside author text would have ended the block early.
# Emitters wrap markup with raw_html(); hold_raw_html() swaps each for a placeholder comment,
# which Markdown passes through, and fill_raw_html() puts the markup back after conversion.
_RAW_BEGIN, _RAW_END = "<!--ck-raw-begin-->", "<!--ck-raw-end-->"
_PLACEHOLDER = re.compile(r"<!--ck-fragment:(\d+)-->")

# Markup inside a line (a citation link in a sentence or a table cell) is held the same way, by a
# placeholder of two private-use characters around a number: Markdown sees plain text instead of a
# link to parse and MkDocs to resolve (a lesson has many, and resolving them was a large part of
# its conversion). fill_inline_html() puts the markup back in the converted HTML before anything reads
# it (the search index included). Author text never carries these four characters:
# plain_author_text() replaces them.
_INLINE_BEGIN, _INLINE_END = "\ue000", "\ue001"
_INLINE_PLACEHOLDER = re.compile("\ue002(\\d+)\ue003")
_PRIVATE_MARKS = re.compile("[\ue000-\ue003]")


def raw_html(markup: str) -> str:
    """``markup`` as a block of its own in a generated Markdown page, kept out of Markdown."""
    return f"\n\n{_RAW_BEGIN}{markup}{_RAW_END}\n\n"


def raw_inline_html(markup: str) -> str:
    """``markup`` inside a line of a generated Markdown page (not a heading), kept out of Markdown."""
    return f"{_INLINE_BEGIN}{markup}{_INLINE_END}"


def plain_author_text(text: str) -> str:
    """Author text with the inline placeholders' private-use characters made harmless."""
    return _PRIVATE_MARKS.sub("\ufffd", text)  # not str.translate: slower, on every text of every page


def _hold(page: str, begin_mark: str, end_mark: str, placeholder: str) -> tuple[str, list[str]]:
    fragments: list[str] = []
    parts: list[str] = []
    position = 0
    while (begin := page.find(begin_mark, position)) >= 0:
        end = page.find(end_mark, begin)
        if end < 0:
            break
        parts += [page[position:begin], placeholder.format(len(fragments))]
        fragments.append(page[begin + len(begin_mark) : end])
        position = end + len(end_mark)
    parts.append(page[position:])
    return "".join(parts), fragments


def hold_raw_html(page: str) -> tuple[str, list[str]]:
    """(``page`` with placeholders, the markup they stand for)."""
    return _hold(page, _RAW_BEGIN, _RAW_END, "<!--ck-fragment:{}-->")


def hold_inline_html(page: str) -> tuple[str, list[str]]:
    """(``page`` with inline placeholders, the markup they stand for)."""
    return _hold(page, _INLINE_BEGIN, _INLINE_END, "\ue002{}\ue003")


def fill_raw_html(html: str, fragments: list[str]) -> str:
    """Rendered HTML with each placeholder replaced by its markup."""
    if not fragments:
        return html
    return _PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)


def fill_inline_html(html: str, fragments: list[str]) -> str:
    """Converted HTML with each inline placeholder replaced by its markup."""
    if not fragments:
        return html
    return _INLINE_PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)


def json_for_script(data: object) -> str:
    """JSON safe inside <script type="application/json">: no ``</script>`` can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
