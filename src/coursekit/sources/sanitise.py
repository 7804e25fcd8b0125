"""An allow-list sanitiser for the HTML converted from author Markdown (lessons, translated lessons,
hand-written pages), built on ``nh3`` (the Python bindings to Rust's ammonia, whose parser is
html5ever, the HTML5 parsing algorithm that browsers follow).

Scanning the Markdown source could never be complete: whether a ``<`` is markup depends on the
Markdown converter (code spans across paragraphs, indented or unclosed fences, references inside
block quotes) and then on the browser's parser (``<!-- --!>`` ends a comment). So the HTML the
converter produced is read the way a browser reads it, and only what the allow-list names is
kept: no script, no event attribute, no ``javascript:``/``data:`` address, no style but text
alignment, nothing that loads from another site (``srcset``, ``poster``, an image from outside).

``sanitise_html`` returns the clean HTML and what it removed, so that ``coursekit check`` and the
build can name each removal with its file and line (``locate``).

Our own generated markup never passes through here: it is held out of Markdown as placeholder
comments (``coursekit.site.text``), which are kept, and put back afterwards.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from coursekit.messages import t

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
        "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "section", "article", "aside",
        "header", "footer", "center",
    }
)  # fmt: skip
# Removed with everything inside them: their content is code, a document or a drawing, not text.
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "object", "svg", "math", "select"}
)
# Markdown's own output (attr_list ids and classes, toc permalinks, tables, details) and plain
# HTML an author may write; nothing that runs, restyles the page or loads.
# data-search-exclude is Material's way to leave a section out of search; the data-ck-* names are
# the ones our generated Markdown gives the site's own widgets (data-ck-src names a file of the
# site, never one from outside).
GENERIC_ATTRIBUTES = frozenset(
    {"id", "class", "title", "lang", "dir", "data-search-exclude", "data-ck-course", "data-ck-lessons", "data-ck-questions", "data-ck-src"}
)
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "col": {"span"},
    "colgroup": {"span"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Python-Markdown writes table alignment as style="text-align: ..."; nothing else may be styled
# (a position or size could lay a fake page over the real one).
STYLE_PROPERTIES = frozenset({"text-align"})
# Material renders elements of this class with Mermaid, fetched from a CDN.
MERMAID_CLASS = "mermaid"

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")

# Every tag the walker should see in order to report it: the strict pass drops unknown tags
# silently, and a tag unknown to the first pass would be dropped before it could be named.
_KNOWN_TAGS = ALLOWED_TAGS | REMOVED_WITH_CONTENT | {
    "acronym", "address", "applet", "area", "audio", "base", "basefont", "big", "blink", "body", "button",
    "canvas", "data", "datalist", "dialog", "embed", "fieldset", "font", "form", "frame", "frameset", "head",
    "hgroup", "html", "image", "input", "isindex", "keygen", "label", "legend", "link", "main", "map",
    "marquee", "menu", "meta", "meter", "nav", "nobr", "optgroup", "option", "output", "param", "picture",
    "plaintext", "portal", "progress", "search", "slot", "source", "strike", "track", "tt", "video",
    "animate", "animatemotion", "animatetransform", "set", "use", "foreignobject", "image", "a",
    # drawn inside <svg> or <math>, which are removed with all they hold
    "text", "tspan", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "defs", "symbol",
    "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "filter", "desc", "marker",
    "mtext", "mglyph", "mi", "mo", "mn", "ms", "mrow", "mfrac", "msqrt", "mroot", "msub", "msup", "mtable",
    "mtr", "mtd", "semantics", "annotation", "annotation-xml", "malignmark",
}  # fmt: skip


def _url_scheme(value: str) -> str | None:
    match = _SCHEME.match(_BLANKS.sub("", value))
    return match.group(1).lower() if match else None


def _loads_from_outside(value: str) -> bool:
    plain = _BLANKS.sub("", value)
    return _url_scheme(plain) is not None or plain.startswith(("//", "\\\\", "/\\", "\\/"))


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name in ("src", "data-ck-src") and _loads_from_outside(value):
        return None
    if name == "class" and MERMAID_CLASS in value.split():
        return None
    return value


# The first pass parses as the browser would and keeps everything, so that the walker sees the
# browser's view; the second applies the allow-list.
_AS_PARSED = nh3.Cleaner(
    tags=set(_KNOWN_TAGS),
    clean_content_tags=set(),
    attributes={},
    generic_attribute_prefixes=set(string.ascii_lowercase + "_:"),
    strip_comments=False,
    link_rel=None,
    url_schemes=set(URL_SCHEMES) | {"javascript", "vbscript", "livescript", "data", "file", "ftp", "blob", "about", "jar", "mhtml", "ms-its", "intent", "ws", "wss", "sms", "irc", "news", "chrome"},
)
_ALLOWED = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
    attribute_filter=_keep_attribute,
    strip_comments=False,  # our placeholders are comments
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser removed: the message, and text to find it by in the source."""

    message: str
    clue: str
    # Tried when the clue is not in the source as written (an address written with entities).
    fallbacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sanitised:
    html: str
    removed: list[Removal]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "image"}


class _Walker(HTMLParser):
    """Names, in document order, what the allow-list will remove from HTML as a browser parsed it.
    Inside a removed element only the element itself is named."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[Removal] = []
        self._inside_removed: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, void=tag in _VOID)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, void=True)

    def handle_endtag(self, tag):
        if self._inside_removed and self._inside_removed[-1] == tag:
            self._inside_removed.pop()

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        if self._inside_removed:
            if not void and tag == self._inside_removed[0]:
                self._inside_removed.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            events = [name for name, _ in attrs if name.startswith("on")]
            if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
                self.removed.append(Removal(t("safety.meta_http_equiv"), "http-equiv"))
            elif events:  # the attribute is what runs: name it rather than the tag
                self.removed += [Removal(t("safety.event_attribute", name=name, tag=tag), name) for name in events]
            else:
                self.removed.append(Removal(t("safety.forbidden_tag", tag=tag), f"<{tag}"))
            if not void:
                self._inside_removed.append(tag)
            return
        allowed = GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.removed.append(Removal(t("safety.event_attribute", name=name, tag=tag), name))
            elif name not in allowed:
                self.removed.append(Removal(t("safety.attribute_removed", name=name, tag=tag), name))
            elif name in URL_ATTRIBUTES or name == "data-ck-src":
                scheme = _url_scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    rest = value.strip().split(":", 1)[-1]
                    self.removed.append(Removal(t("safety.forbidden_url", url=_shown(value.strip()), scheme=scheme + ":"), value.strip(), (":" + rest, rest)))
                elif name in ("src", "data-ck-src") and _loads_from_outside(value):
                    self.removed.append(Removal(t("safety.external_load", url=_shown(value.strip()), tag=tag), value.strip()))
            elif name == "style":
                for prop in _style_properties(value):
                    if prop not in STYLE_PROPERTIES:
                        self.removed.append(Removal(t("safety.style_removed", property=prop, tag=tag), prop))
            elif name == "class" and MERMAID_CLASS in value.split():
                self.removed.append(Removal(t("safety.mermaid"), MERMAID_CLASS))


def _style_properties(style: str) -> list[str]:
    return [part.split(":", 1)[0].strip().lower() for part in style.split(";") if part.strip()]


SHOWN_URL_LENGTH = 40


def _shown(url: str) -> str:
    return url if len(url) <= SHOWN_URL_LENGTH else url[: SHOWN_URL_LENGTH - 1] + "…"


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)")


def sanitise_html(html: str) -> Sanitised:
    """``html`` with everything outside the allow-list removed, and what was removed."""
    as_parsed = _AS_PARSED.clean(html)
    clean = _ALLOWED.clean(as_parsed)
    # Tags no browser knows (an author's "<date>") vanish in the first pass; name them too.
    unknown = sorted({name.lower() for name in _TAG_NAME.findall(_COMMENT.sub("", html))} - _KNOWN_TAGS)
    removed = [Removal(t("safety.unknown_tag", tag=name), f"<{name}") for name in unknown]
    if clean == as_parsed:  # nothing removed (almost every page): no need to say what
        return Sanitised(clean, removed)
    walker = _Walker()
    walker.feed(as_parsed)
    walker.close()
    return Sanitised(clean, walker.removed + removed)


def locate(source: str, removed: list[Removal]) -> list[tuple[int, Removal]]:
    """Each removal with the offset in ``source`` (the Markdown it came from) where its clue is,
    found in order; 0 when the clue is not there as written."""
    found: list[tuple[int, Removal]] = []
    lowered = source.lower()
    cursor = 0
    for removal in removed:
        clues = [clue.lower() for clue in (removal.clue, *removal.fallbacks) if clue]
        tries = [lowered.find(clue, cursor) for clue in clues] + [lowered.find(clue) for clue in clues]
        at = next((at for at in tries if at >= 0), -1)
        if at < 0:
            found.append((0, removal))
            continue
        found.append((at, removal))
        cursor = at + 1
    return found


def sanitise_page(html: str, markdown: str, shown_as: str) -> tuple[str, list[str]]:
    """A converted page's HTML made safe, and a "file:line: message" for each removal, the line
    found in the page's Markdown (for the build's log; ``coursekit check`` names lesson lines)."""
    result = sanitise_html(html)
    messages = [f"{shown_as}:{markdown.count(chr(10), 0, offset) + 1}: {removal.message}" for offset, removal in locate(markdown, result.removed)]
    return result.html, messages
