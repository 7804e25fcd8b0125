"""QR codes that open a page on a phone: inline SVG made at build time (segno), no network.

A code needs the page's absolute address, which only the site's configured base address
(MkDocs ``site_url``) can give; without one, pages carry no code at all rather than a wrong one.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import segno

from coursekit.messages import t
from coursekit.site import urls
from coursekit.site.text import html_text, raw_html


def page_address(site_url: str, src: str, directory_urls: bool = True) -> str:
    """The absolute URL of the page built from ``src`` when the site is served at ``site_url``."""
    path = quote(urls.page_url(src, directory_urls), safe="/")
    return site_url.rstrip("/") + "/" + path


@lru_cache(maxsize=4096)  # the preview generates every page again on each build
def qr_svg(address: str) -> str:
    """The QR code of ``address`` as an SVG element for inline use (no size: CSS scales it)."""
    # Level M survives a smudged projector screen or a crease in a printout; micro codes are
    # not read by every phone's camera app.
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(omitsize=True, svgclass="ck-qr-svg", lineclass=None)


def qr_block(address: str, lang: str = "zh") -> str:
    """A collapsed block with the code (large, for a projector) and the address written out."""
    return (
        '<details class="ck-qr" data-search-exclude>'
        f"<summary>{html_text(t('plan.qr_open', lang=lang))}</summary>"
        f'<div class="ck-qr-code">{qr_svg(address)}</div>'
        f'<p class="ck-qr-address">{html_text(address)}</p>'
        "</details>"
    )


def with_qr_block(page: str, block: str) -> str:
    """``page`` (Markdown) with ``block`` right under its ``# title`` line, or first if it has none."""
    lines = page.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + [raw_html(block)] + lines[at:])
