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
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False).replace("\n", " "))


# Generated HTML skips the Markdown converter: its HTML parser re-read every quiz block, the
# largest cost of a build, and a blank line inside author text would have ended the block early.
# Emitters wrap markup with raw_html(); hold_raw_html() swaps each for a placeholder comment,
# which Markdown passes through, and fill_raw_html() puts the markup back after conversion.
_RAW_BEGIN, _RAW_END = "<!--ck-raw-begin-->", "<!--ck-raw-end-->"
_PLACEHOLDER = re.compile(r"<!--ck-fragment:(\d+)-->")


def raw_html(markup: str) -> str:
    """``markup`` as a block of its own in a generated Markdown page, kept out of Markdown."""
    return f"\n\n{_RAW_BEGIN}{markup}{_RAW_END}\n\n"


def hold_raw_html(page: str) -> tuple[str, list[str]]:
    """(``page`` with placeholders, the markup they stand for)."""
    fragments: list[str] = []
    parts: list[str] = []
    position = 0
    while (begin := page.find(_RAW_BEGIN, position)) >= 0:
        end = page.find(_RAW_END, begin)
        if end < 0:
            break
        parts += [page[position:begin], f"<!--ck-fragment:{len(fragments)}-->"]
        fragments.append(page[begin + len(_RAW_BEGIN) : end])
        position = end + len(_RAW_END)
    parts.append(page[position:])
    return "".join(parts), fragments


def fill_raw_html(html: str, fragments: list[str]) -> str:
    """Rendered HTML with each placeholder replaced by its markup."""
    if not fragments:
        return html
    return _PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)


def json_for_script(data: object) -> str:
    """JSON safe inside <script type="application/json">: no ``</script>`` can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
