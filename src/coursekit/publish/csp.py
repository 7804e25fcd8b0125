"""The Content-Security-Policy a built site needs: no origin but its own, and inline scripts by hash.

Material for MkDocs writes two small inline scripts into every page (the storage scope, whose text
changes with the page's depth, and the tab anchor helper). Allowing them by their sha256 keeps
``'unsafe-inline'`` out of ``script-src``: an injected inline script would not match any hash and
would not run, even if it slipped past ``coursekit check``. The hashes depend only on Material's
version and the depth of pages, so they change when the pinned Material changes or a deeper page
appears; ``coursekit csp SITE`` prints the header again and the hosting test fails until the nginx
configuration in docs/assets/nginx/ carries the current list.

``<script type="application/json">`` blocks (Material's config, our quiz data) are data, not
script: the browser never runs them, so CSP does not apply to them and they need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Everything but scripts: our own origin only. Material's CSS draws its icons as data: SVG
# masks, hence img-src data:. Material sets some element styles from its script, which needs no
# 'unsafe-inline' (that is the CSSOM, not markup).
POLICY_WITHOUT_SCRIPTS = [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",  # Material's search worker, and our service worker (sw.js)
    "manifest-src 'self'",  # the web app manifest that makes the site installable
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
]


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: (value or "") for name, value in attrs}
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in EXECUTABLE_TYPES:
            self._inside = []

    def handle_data(self, data):
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None


def inline_scripts(html_text: str) -> list[str]:
    """The text of each inline script the browser would execute, exactly as the hash covers it."""
    parser = _InlineScripts()
    parser.feed(html_text)
    parser.close()
    return parser.scripts


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def site_script_hashes(site_dir: Path) -> list[str]:
    """Every distinct inline-script hash in the built site, sorted."""
    hashes = set()
    for path in Path(site_dir).rglob("*.html"):
        hashes.update(script_hash(s) for s in inline_scripts(path.read_text("utf-8")))
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    script_src = " ".join(["script-src 'self'"] + site_script_hashes(site_dir))
    return "; ".join([POLICY_WITHOUT_SCRIPTS[0], script_src] + POLICY_WITHOUT_SCRIPTS[1:])


# A policy in a <meta> element cannot carry frame-ancestors (browsers ignore it there, with a
# console error), report-uri or sandbox; the rest travels in every page.
META_POLICY = [rule for rule in POLICY_WITHOUT_SCRIPTS if not rule.startswith("frame-ancestors")]
# `mkdocs serve` adds an inline live-reload script to every page it serves, different each time:
# `scripts/serve` sets this so that preview pages carry no policy that would block it.
PREVIEW_ENV = "COURSEKIT_PREVIEW"
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)


def _page_script_hashes(page: str) -> list[str]:
    hashes = []
    for match in _SCRIPT.finditer(page):
        attributes = match.group(1)
        kind = _TYPE.search(attributes)
        kind = next(g for g in kind.groups() if g is not None).strip().lower() if kind else ""
        if _SRC.search(attributes) is None and kind in EXECUTABLE_TYPES:
            hashes.append(script_hash(match.group(2)))
    return sorted(set(hashes))


def with_meta_policy(page: str) -> str:
    """``page`` with its Content-Security-Policy as the first thing its <head> holds (after the
    charset), so that a server sending no policy (Apache, IIS, ``python -m http.server``) still
    blocks any script but the page's own. Inline scripts are allowed by the hashes of this page's."""
    head = _HEAD_START.search(page)
    if head is None:
        return page
    script_src = " ".join(["script-src 'self'"] + _page_script_hashes(page))
    policy = "; ".join([META_POLICY[0], script_src] + META_POLICY[1:])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page[: head.end()] + meta + page[head.end() :]
