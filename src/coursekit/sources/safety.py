"""Lesson bodies are author Markdown and may carry HTML; markup that would run code, send a form,
redirect the page or fetch from the internet is refused here, with the file and line.

Everything else an author writes (titles, objectives, stems, options, explanations, course and
citation fields) is plain text that the page generators escape; only a lesson body reaches the
page as markup, so only a lesson body is scanned. The scan works on the Markdown source: fenced
code and inline code are blanked first, because there a tag is shown, never parsed.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from coursekit.messages import t
from coursekit.model import Lesson
from coursekit.problems import Problem

# Tags that run code (script), embed other documents or plug-ins (iframe, frame, object, embed,
# applet), restyle or reload the whole page (style, link, base) or send data away (form).
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "base", "form"}
# Attributes that hold an address the browser follows or loads.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "srcset", "ping"}
# A link with one of these schemes runs script (javascript:, vbscript:) or carries a whole
# document that the browser may render as HTML (data:).
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# Markdown link and image targets: [text](target), ![alt](target), [id]: target, <scheme:...>
MD_INLINE_TARGET = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")  # one level of (parentheses), as Markdown allows
MD_REFERENCE_TARGET = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+)", re.M)
MD_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
# attr_list blocks such as {: onclick="..." } or {#id .cls href=...} set attributes on Markdown elements.
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")
ATTR_LIST_ITEM = re.compile(r"""([A-Za-z_:][\w:.\-]*)[ \t]*=[ \t]*("[^"]*"|'[^']*'|[^\s}]+)""")
SHOWN_URL_LENGTH = 40


def lesson_markup_problems(lesson: Lesson) -> list[Problem]:
    """Every piece of dangerous markup in ``lesson.body``, one problem per finding."""
    findings: list[tuple[int, str]] = []
    text, mermaid_offsets = _blank_code(lesson.body)
    findings += [(offset, t("safety.mermaid")) for offset in mermaid_offsets]
    findings += _html_findings(text)
    findings += _markdown_link_findings(text)
    findings += _attr_list_findings(text)
    return sorted({Problem(lesson.file, lesson.line_at(offset), message) for offset, message in findings})


def forbidden_scheme(url: str) -> str | None:
    """The forbidden scheme a URL uses, seen as the browser sees it (entities decoded, blanks dropped)."""
    plain = "".join(ch for ch in html.unescape(url) if ord(ch) > 0x20).lower()
    return next((scheme for scheme in FORBIDDEN_SCHEMES if plain.startswith(scheme)), None)


def _shown(url: str) -> str:
    return url if len(url) <= SHOWN_URL_LENGTH else url[: SHOWN_URL_LENGTH - 1] + "…"


def _blank_code(body: str) -> tuple[str, list[int]]:
    """The body with fenced and inline code replaced by spaces (offsets and lines kept), and the
    offsets of ```mermaid fences, which Material would render by fetching Mermaid from a CDN."""
    chars = list(body)
    mermaid: list[int] = []
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
                    mermaid.append(offset + len(match.group("indent")))
        else:
            closing = stripped.strip()
            if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
                fence = None
            else:
                for i in range(offset, offset + len(stripped)):
                    chars[i] = " "
        offset += len(line)
    text = "".join(chars)
    text = INLINE_CODE.sub(lambda m: "".join(c if c == "\n" else " " for c in m.group(0)), text)
    return text, mermaid


class _MarkupScanner(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[int, str]] = []
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset = self._offset()
        if tag in FORBIDDEN_TAGS:
            self.findings.append((offset, t("safety.forbidden_tag", tag=tag)))
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.findings.append((offset, t("safety.meta_http_equiv")))
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append((offset, t("safety.event_attribute", name=name, tag=tag)))
            elif name in URL_ATTRIBUTES and value:
                scheme = forbidden_scheme(value)
                if scheme:
                    self.findings.append((offset, t("safety.forbidden_url", url=_shown(value.strip()), scheme=scheme)))
            elif name == "class" and value and "mermaid" in value.split():
                self.findings.append((offset, t("safety.mermaid")))


def _html_findings(text: str) -> list[tuple[int, str]]:
    scanner = _MarkupScanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def _markdown_link_findings(text: str) -> list[tuple[int, str]]:
    findings = []
    for pattern in (MD_INLINE_TARGET, MD_REFERENCE_TARGET, MD_AUTOLINK):
        for match in pattern.finditer(text):
            scheme = forbidden_scheme(match.group(1))
            if scheme:
                findings.append((match.start(1), t("safety.forbidden_url", url=_shown(match.group(1)), scheme=scheme)))
    return findings


def _attr_list_findings(text: str) -> list[tuple[int, str]]:
    findings = []
    for block in ATTR_LIST.finditer(text):
        for item in ATTR_LIST_ITEM.finditer(block.group(1)):
            name, value = item.group(1).lower(), item.group(2).strip("\"'")
            offset = block.start(1) + item.start()
            if name.startswith("on"):
                findings.append((offset, t("safety.event_attribute", name=name, tag="{ }")))
            elif name in URL_ATTRIBUTES and forbidden_scheme(value):
                findings.append((offset, t("safety.forbidden_url", url=_shown(value), scheme=forbidden_scheme(value))))
    return findings
