"""Plain text in and out of the HTML that Moodle stores.

Our texts are plain text: a ``<b>`` a trainer typed is two characters and a letter, never markup.
Going out, the text is escaped (so Moodle shows it literally) and line breaks become ``<br>``;
coming in, Moodle's markup is reduced to the text a reader sees.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK_EDGE = "\x00"  # control characters never survive clean_text, so this cannot be text
BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


def text_to_html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append(_BLOCK_EDGE)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append(_BLOCK_EDGE)

    def handle_data(self, data):
        # Line breaks in HTML source are layout, not text.
        self.parts.append(re.sub(r"\s*\n\s*", " ", data))


def html_to_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    # Paragraph edges are one line break however many meet; <br> breaks are kept as written.
    text = re.sub(f"[ \t]*(?:{_BLOCK_EDGE}[ \t]*)+", "\n", "".join(collector.parts))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))
