"""The author's preview: `scripts/serve` (``mkdocs serve --dirty``) builds again only the pages
that changed, the way MkDocs's own ``--dirty`` does for hand-written pages.

MkDocs builds a page in a dirty build when its file says it is modified (``File.is_modified``):
for a file in ``docs/`` when it is newer than its output. Our pages are generated in memory, so
they are handed to MkDocs as ``GeneratedPage`` files that are modified when their generated text
(Markdown and the markup held out of it) differs from the last good build's. Everything a page's
HTML takes from other pages (the navigation and its titles, the footer's previous and next
links, and the anchors their links lead to, which MkDocs checks only on the pages it builds) must
then be as it was, so a dirty build is used only when lesson bodies alone changed, their headings
and ids did not, and the navigation came out the same; after any other change (``course.yml``, a bank, a citation
file, a paper, a translation, a page or template in ``docs/``, ``mkdocs.yml``), after a build that
failed, and on the first build, the site folder is emptied and everything is built again.

In a dirty build MkDocs does not read the pages it skips, so their titles would be missing from
the navigation of the page it builds: ``titles`` keeps every page's title from the last build
and gives it back to the pages not built. Material's search plugin keeps the index of the
pages not built only for one page at a time, and with mkdocs-static-i18n its entries pile up,
so in the preview it indexes only the pages built (``CoursekitPlugin.on_startup``), and ``search_index`` puts those entries in place
of the same pages' in the last build's index. MkDocs warns about dirty builds, which fails
every build of a strict site; the plugin filters that one warning out, in the preview only.

Only public parts of MkDocs are used: ``File`` and its ``is_modified``, ``Page.title``, the
``on_startup`` event (which keeps this plugin, and so this state, across the preview's builds)
and ``mkdocs.utils.clean_directory``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.structure.files import File

class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once for the whole preview. MkDocs makes a new template
    environment for every build and language, and compiling Material's templates again was a
    third of a dirty build. Kept in memory only, as Python code objects; Jinja gives each
    template's source checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self._compiled.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = (bucket.checksum, bucket.code)


class GeneratedPage(File):
    """A page generated in memory; ``changed``: whether a dirty build must build it again."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def page_digest(markdown: str, held: list[str], inline: list[str]) -> str:
    digest = hashlib.sha256(markdown.encode("utf-8", "surrogatepass"))
    for part in (*held, "\0", *inline):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def anchor_lines(path: str) -> str:
    """A digest of the lines of a lesson that can make anchors other pages link to: headings
    (``#`` and underlined), attribute lists (``{#id}``) and HTML ids. Other pages are not built
    again after a dirty build, so their links to this page are not checked again either."""
    try:
        lines = Path(path).read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    kept = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if line.lstrip().startswith("#") or "{" in line or "id=" in line or SETEXT_UNDERLINE.match(following):
            kept.append(line)
    return hashlib.sha256("\n".join(kept).encode("utf-8", "surrogatepass")).hexdigest()


def file_states(folders: list[Path], files: list[Path]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``folders`` and of ``files``."""
    states = {}
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        states[str(path)] = (stat.st_size, stat.st_mtime_ns)
    for folder in folders:
        for base, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(base, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                states[path] = (stat.st_size, stat.st_mtime_ns)
    return states


def _page_of(entry: dict) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


def merged_entries(last: list[dict], new: list[dict], built: set[str]) -> list[dict]:
    """The search index's entries: ``last``'s, those of the ``built`` pages replaced, in place,
    by ``new``'s."""
    new_by_page: dict[str, list[dict]] = {}
    for entry in new:
        new_by_page.setdefault(_page_of(entry), []).append(entry)
    merged, placed = [], set()
    for entry in last:
        page = _page_of(entry)
        if page not in built and page not in new_by_page:
            merged.append(entry)
        elif page not in placed:
            merged.extend(new_by_page.get(page, []))
            placed.add(page)
    for page, entries in new_by_page.items():
        if page not in placed:  # a page without entries in the last index
            merged.extend(entries)
    return merged


@dataclass
class Build:
    """What the last good build of the preview was made from."""

    sources: dict[str, tuple[int, int]]  # every watched file: size, modification time
    anchors: dict[str, str] = field(default_factory=dict)  # lesson file: its anchor lines (anchor_lines)
    navs: dict[str, str] = field(default_factory=dict)  # language: its navigation, as text
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # language: generated page: digest
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # language: page: its title
    built: set[str] = field(default_factory=set)  # the URLs of the pages built
    search_docs: list[dict] = field(default_factory=list)  # the search index's entries


class Preview:
    """The state of ``mkdocs serve --dirty`` between its builds."""

    def __init__(self) -> None:
        self.last: Build | None = None  # the last good build
        self.current: Build | None = None
        self.full = True
        self.unsure = False
        self.templates = CompiledTemplates()

    def start(self, sources: dict[str, tuple[int, int]], is_lesson) -> None:
        """A new build (not a further language of one): decide whether it may be dirty; ``is_lesson``
        tells a lesson's body file (whose change alone allows one) from every other file."""
        last, self.last = self.last, None  # a build that fails leaves the next one full
        self.current = Build(sources)
        self.unsure = False
        if last is None:
            self.full = True
            self.current.anchors = {path: anchor_lines(path) for path in sources if is_lesson(path)}
            return
        changed = {path for path in sources.keys() | last.sources.keys() if sources.get(path) != last.sources.get(path)}
        self.current.anchors = dict(last.anchors)
        self.current.anchors.update({path: anchor_lines(path) for path in changed if path in sources and is_lesson(path)})
        self.full = not all(
            path in sources and path in last.sources and is_lesson(path) and self.current.anchors[path] == last.anchors.get(path) for path in changed
        )
        self._previous = last

    def language(self, lang: str, nav: str, pages: dict[str, str]) -> None:
        """The navigation and generated pages of ``lang`` in this build; any change to a
        navigation makes the build full."""
        first = not self.current.navs
        self.current.navs[lang] = nav
        self.current.pages[lang] = pages
        if not self.full and self._previous.navs.get(lang) != nav:
            # Decided after the first language was built dirty: the next build will be full.
            self.unsure = not first
            self.full = True

    def changed(self, lang: str, src_uri: str) -> bool:
        """Whether a dirty build must build the generated page ``src_uri`` again."""
        if self.full:
            return True
        return self._previous.pages.get(lang, {}).get(src_uri) != self.current.pages[lang][src_uri]

    def empty_site(self, site_dir: str) -> None:
        """Before a full build: nothing kept from earlier builds."""
        if self.full:
            utils.clean_directory(site_dir)

    def title(self, lang: str, src_uri: str) -> str | None:
        """The title ``src_uri`` had in the last build, for a page a dirty build does not read."""
        if self.full:
            return None
        return self._previous.titles.get(lang, {}).get(src_uri)

    def seen(self, lang: str, src_uri: str, url: str, title: str | None) -> None:
        """A page built in this build."""
        self.current.built.add(url)
        if title is not None:
            self.current.titles.setdefault(lang, {})[src_uri] = title

    def search_index(self, path: Path) -> dict | None:
        """Material's search index at ``path``, read; after a dirty build, which indexed the pages
        built and no others, put together with the last build's entries of the pages not built.
        None when there is none or it is not one we know (the next build is then full). The file
        is left as it is: the caller writes what it makes of the index (``search.index``)."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            self.unsure = True
            return None
        if not self.full:
            data["docs"] = merged_entries(self._previous.search_docs, data["docs"], self.current.built)
        self.current.search_docs = data["docs"]
        return data

    def finished(self) -> None:
        """The build went through: the next one compares with it."""
        if not self.full:
            # Pages not built kept their titles from the build before.
            for lang, titles in self._previous.titles.items():
                for src_uri, title in titles.items():
                    self.current.titles.setdefault(lang, {}).setdefault(src_uri, title)
        self.last, self.current = (None if self.unsure else self.current), None
