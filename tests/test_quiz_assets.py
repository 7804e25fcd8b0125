"""The browser assets themselves: every text they show exists in both catalogues, they stay
within the size budget, and they hold no way to reach another server."""

from __future__ import annotations

import gzip
import re
from importlib import resources

from coursekit.messages import ui_strings
from coursekit.site.browser_code import joined_script

WEB = resources.files("coursekit").joinpath("web")
BUDGET_GZIPPED = 30 * 1024  # our JS + CSS, gzipped, together


def script() -> str:
    """assets/coursekit/coursekit.js as the site ships it: web/js/ joined."""
    return joined_script()


def test_every_key_the_script_uses_is_in_both_catalogues():
    keys = set(re.findall(r"\bt\(\s*\"([a-z_]+)\"", script()))
    # Keys chosen by a condition, t(cond ? "a" : "b"), the notices and the review verdicts.
    for a, b in re.findall(r"t\([^()]*\?\s*\"([a-z_]+)\"\s*:\s*\"([a-z_]+)\"", script()):
        keys |= {a, b}
    keys |= set(re.findall(r"notice\(\"([a-z_]+)\"\)", script()))
    keys |= set(re.findall(r"\"(mark_[a-z]+)\"", script()))
    assert len(keys) > 60, sorted(keys)
    for lang in ("zh", "en"):
        missing = sorted(keys - set(ui_strings(lang)))
        assert missing == [], f"{lang}.yml 的 ui: 中缺少：{missing}"


def test_script_and_styles_fit_the_budget():
    size = len(gzip.compress(script().encode("utf-8"), 9)) + len(gzip.compress(WEB.joinpath("coursekit.css").read_bytes(), 9))
    assert size <= BUDGET_GZIPPED, f"JS + CSS gzip 后 {size} 字节，超过 {BUDGET_GZIPPED}"


# Names, not addresses: the browser never fetches an XML namespace.
NAMESPACES = ('"http://www.w3.org/2000/svg"',)


def test_script_reaches_no_other_server():
    text = script()
    for namespace in NAMESPACES:
        text = text.replace(namespace, '""')
    for forbidden in ("http://", "https://", "XMLHttpRequest", "WebSocket", "sendBeacon", "import(", "eval(", "new Function"):
        assert forbidden not in text, forbidden
    # The one fetch is of our own data files (site-data.json, the banks' files), named by the page.
    assert text.count("fetch(") == 1
