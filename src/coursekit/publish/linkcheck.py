"""Link integrity of a built site: every internal link and anchor resolves, nothing loads from outside.

The check reads the output folder only (no MkDocs), so it judges exactly what the web server will
serve. It resolves, the way a browser does:

- relative links against the page's own URL (``courses/a/index.html`` is the URL ``courses/a/``);
- root-relative links (``/assets/...``, only the 404 page has them) against the site's base path;
- a URL that names a folder to that folder's ``index.html``;
- ``#anchor`` against the ids (and ``<a name>``) of the target page, raw HTML included;
- ``href`` values inside the pages' JSON data blocks (relative to the page) and inside
  ``assets/coursekit/*.json`` (relative to the site root), because the quiz script turns those
  into links.

External ``http(s)`` links in ``<a>`` are allowed but listed as warnings; anything that would make
the browser *load* from another origin, and any ``javascript:`` link, is an error.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursekit.messages import t
from coursekit.problems import Problem
from coursekit.site.urls import normalise_base_path
from coursekit.sources.safety import forbidden_scheme

# Attributes that hold a URL, per tag; <a>/<area> are links a person follows, the rest are loads.
FOLLOWED = {("a", "href"), ("area", "href")}
LOADED = {
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
    ("form", "action"),
}
SRCSET = {("img", "srcset"), ("source", "srcset")}
# <link rel> values that name a document instead of loading it.
NON_LOADING_RELS = {"canonical", "alternate", "author", "license", "help", "search"}
IGNORED_SCHEMES = ("mailto:", "tel:", "sms:", "about:")
DATA_JSON_TYPES = {"application/json", "application/ld+json"}
SITE_DATA_DIR = "assets/coursekit"


@dataclass
class LinkReport:
    errors: list[Problem] = field(default_factory=list)
    external: list[Problem] = field(default_factory=list)
    pages: int = 0
    links: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    # (link, followed: a link a person clicks rather than something the browser loads)
    links: list[tuple[str, bool]] = field(default_factory=list)
    data_hrefs: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._json_block: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        rel = set(values.get("rel", "").lower().split())
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in FOLLOWED:
                self.page.links.append((value, True))
            elif (tag, name) in LOADED and not (tag == "link" and rel & NON_LOADING_RELS):
                self.page.links.append((value, False))
            elif (tag, name) in SRCSET:
                self.page.links += [(part.split()[0], False) for part in value.split(",") if part.strip()]
        if tag == "script" and values.get("type", "").lower() in DATA_JSON_TYPES:
            self._json_block = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._json_block = None

    def handle_data(self, data):
        if self._json_block is not None:
            self._json_block.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json_block is not None:
            text, self._json_block = "".join(self._json_block), None
            try:
                self.page.data_hrefs += _hrefs_in(json.loads(text))
            except ValueError:
                pass  # not ours to judge: Material's own config block is JSON we do not read links from


def _hrefs_in(data: object) -> list[str]:
    if isinstance(data, dict):
        found = [v for k, v in data.items() if k == "href" and isinstance(v, str)]
        return found + [h for v in data.values() for h in _hrefs_in(v)]
    if isinstance(data, list):
        return [h for v in data for h in _hrefs_in(v)]
    return []


def _page_url(rel_file: str) -> str:
    """The URL path (relative to the site root) under which a static server shows this file."""
    if rel_file == "index.html":
        return ""
    if rel_file.endswith("/index.html"):
        return rel_file[: -len("index.html")]
    return rel_file


class SiteLinks:
    """One built site, parsed once; ``check()`` returns every broken link and every external one."""

    def __init__(self, site_dir: Path, base_path: str = "/"):
        self.site_dir = Path(site_dir)
        self.base_path = normalise_base_path(base_path)
        self.pages: dict[str, _Page] = {}
        for path in sorted(self.site_dir.rglob("*.html")):
            parser = _PageParser()
            parser.feed(path.read_text("utf-8", errors="replace"))
            parser.close()
            self.pages[path.relative_to(self.site_dir).as_posix()] = parser.page

    def check(self) -> LinkReport:
        report = LinkReport(pages=len(self.pages))
        for rel_file, page in self.pages.items():
            page_url = _page_url(rel_file)
            for link, followed in page.links:
                self._check_link(report, rel_file, page_url, link, followed)
            for href in page.data_hrefs:
                self._check_link(report, rel_file, page_url, href, True)
        data_dir = self.site_dir / SITE_DATA_DIR
        for path in sorted(data_dir.glob("*.json")) if data_dir.is_dir() else []:
            shown = path.relative_to(self.site_dir).as_posix()
            try:
                hrefs = _hrefs_in(json.loads(path.read_text("utf-8")))
            except ValueError as err:
                report.errors.append(Problem(shown, 0, t("links.bad_json", detail=str(err))))
                continue
            for href in hrefs:
                # The browser scripts resolve these against the site root (see site/pages.py site_data).
                self._check_link(report, shown, "", href, True)
        return report

    def _check_link(self, report: LinkReport, page: str, page_url: str, link: str, followed: bool) -> None:
        link = link.strip()
        if not link or link.lower().startswith(IGNORED_SCHEMES):
            return
        scheme = forbidden_scheme(link)
        if scheme == "data:" and not followed:
            return  # an inline image or font: loads nothing from anywhere
        if scheme:
            report.errors.append(Problem(page, 0, t("links.script_url", link=link, scheme=scheme)))
            return
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            if followed:
                report.external.append(Problem(page, 0, t("links.external_link", link=link)))
            else:
                report.errors.append(Problem(page, 0, t("links.external_resource", link=link)))
            return
        report.links += 1
        path = unquote(parts.path)
        if not path:
            target_file = page  # "#anchor" or "?query": this very page
        else:
            if path.startswith("/"):
                if not (path + "/").startswith(self.base_path):
                    report.errors.append(Problem(page, 0, t("links.outside_base", link=link, base=self.base_path)))
                    return
                target = posixpath.normpath("./" + path[len(self.base_path) :])
            else:
                here = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
                target = posixpath.normpath(posixpath.join(here, path))
            if target == ".." or target.startswith("../"):
                report.errors.append(Problem(page, 0, t("links.outside_site", link=link)))
                return
            target_file = self._existing_file(target, as_directory=path.endswith("/"))
            if target_file is None:
                report.errors.append(Problem(page, 0, t("links.broken_page", link=link)))
                return
        anchor = unquote(parts.fragment)
        if anchor and target_file in self.pages and anchor not in self.pages[target_file].ids:
            report.errors.append(Problem(page, 0, t("links.broken_anchor", link=link, anchor=anchor, target=target_file)))

    def _existing_file(self, target: str, as_directory: bool) -> str | None:
        """The site file a static server answers with for this path, or None."""
        target = "" if target == "." else target
        candidates = [] if as_directory else [target]
        candidates.append(posixpath.join(target, "index.html") if target else "index.html")
        for candidate in candidates:
            if (self.site_dir / candidate).is_file():
                return candidate
        return None


def check_site_links(site_dir: Path, base_path: str = "/") -> LinkReport:
    return SiteLinks(site_dir, base_path).check()
