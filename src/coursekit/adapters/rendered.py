"""Pages converted from Markdown, kept between builds: a rebuild converts only what changed.

An author rebuilds after editing one lesson; MkDocs converts all 500 again, and that conversion
was the largest part of a rebuild that is ours to save (about 1.8 s of 8.8 s with the bench's
500 lessons). ``RenderedPages.wrap(page)`` replaces the page's ``render`` with one that looks the
result up first. What MkDocs's ``Page.render`` leaves on the page is what is kept: the HTML, the
table of contents, the title found in the text, the anchors present and the links to other
pages' anchors (which MkDocs checks after every page is converted).

The key is what the conversion reads: the Markdown after every plugin's ``on_page_markdown``,
the page's place (source path, output path, URL, whether it is excluded), the Markdown extensions
and their options, the ``validation`` settings, whether MkDocs logs at DEBUG (it then records no
links to anchors) and the versions of MkDocs, Python-Markdown, PyMdown Extensions and Material.
The other files a conversion reads are those its links name: MkDocs looks each one up among the
site's files (``Files.get_file_from_path``). Those lookups are recorded with the entry, with what
they found (URL and inclusion, or nothing), and an entry is used only where every one finds the
same today. So adding a lesson converts again the pages that link to it, not the whole site.

A conversion that logged anything (a broken link, say) is not kept, so its message comes again on
every build, and ``strict`` still fails on it. An entry made while MkDocs showed only warnings
(``-q``) is not used by a build that shows information messages too: it may have had one.

A build that finds fewer pages kept than it has (the first, say) converts the second half of
its pages in a forked child (``coursekit.parallel``) while this process converts the first half:
the child reads each page and runs every plugin's ``on_pre_page`` and ``on_page_markdown`` as
MkDocs does, and its entries are taken into the cache before this process comes to those pages.
They are used under the same key, so a page whose Markdown came out otherwise here is converted
here. The child's messages go nowhere; a page that logged is not kept, so it is converted and
logged here.

The cache is off when an extension could read something the key does not cover: one outside
Python-Markdown, PyMdown Extensions, Material and MkDocs, a setting naming code from elsewhere,
``pymdownx.snippets`` and ``pymdownx.b64``, which read other files, and emoji with the project's
own icons (``custom_icons``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
from importlib import metadata
from pathlib import Path

from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from coursekit.cachefile import MISSING, KeptEntries, code_fingerprint, package_version
from coursekit.parallel import Ahead, can_fork

CACHE_FILE = "rendered-pages.pickle"
TRUSTED_PACKAGES = ("markdown", "pymdownx", "material", "mkdocs")
READS_FILES = ("pymdownx.snippets", "pymdownx.b64")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
CONVERT_AHEAD_FROM = 16  # fewer pages are quicker converted here than in a child


class Untrusted(Exception):
    """An extension or option whose effect the key cannot cover."""


def _module_trusted(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in TRUSTED_PACKAGES


def _describe(value) -> str:
    """A text for ``value`` (an extension option) that is the same in every run, or Untrusted."""
    if isinstance(value, functools.partial):
        return f"partial({_describe(value.func)}, {_describe(list(value.args))}, {_describe(value.keywords)})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_describe(k)}: {_describe(v)}" for k, v in sorted(value.items(), key=lambda item: str(item[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_describe(item) for item in value) + "]"
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    if callable(value):
        module = getattr(value, "__module__", None)
        if not _module_trusted(module):
            raise Untrusted(f"{module}.{getattr(value, '__qualname__', value)}")
        return f"{module}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    raise Untrusted(type(value).__qualname__)


def _extension_module(extension: str) -> str:
    """The module an extension named in mkdocs.yml comes from."""
    if "." in extension:
        return extension.split(":")[0]
    # A bare name ("toc") is an entry point, Python-Markdown's own or another package's.
    for entry in metadata.entry_points(group="markdown.extensions", name=extension):
        return entry.value.split(":")[0]
    return ""


def settings_key(config) -> str | None:
    """What of ``config`` a conversion reads, as text; None when an extension is not trusted."""
    extensions = config["markdown_extensions"]
    if not all(isinstance(extension, str) for extension in extensions):
        return None  # an extension object: its settings are its own
    modules = [_extension_module(extension) for extension in extensions]
    if not all(_module_trusted(module) and not module.startswith(READS_FILES) for module in modules):
        return None
    try:
        options = _describe(dict(config["mdx_configs"] or {}))
    except Untrusted:
        return None
    if "'custom_icons'" in options:  # Material's emoji reads the project's own icon files
        return None
    # Pygments colours code for codehilite and pymdownx.highlight.
    versions = [package_version(package) for package in ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "pygments")]
    validation = _ADDRESS.sub("", repr(config["validation"]))
    # coursekit's own code is not in it: KeptEntries drops every entry when that changes.
    return "\n".join([*versions, *extensions, options, validation, str(config["use_directory_urls"])])


def _found(file) -> tuple[str, str] | None:
    """What a link to ``file`` (None: no such file) turns into: its URL, and whether it is built."""
    return None if file is None else (file.url, file.inclusion.name)


class _LookupsRecorded:
    """While in use, every ``files.get_file_from_path`` call and what it found, in ``found``."""

    def __init__(self, files):
        self.files = files
        self.found: dict[str, tuple[str, str] | None] = {}

    def __enter__(self):
        lookup = self.files.get_file_from_path

        def recorded(path):
            file = lookup(path)
            self.found[path] = _found(file)
            return file

        self._own = vars(self.files).get("get_file_from_path")
        self.files.get_file_from_path = recorded
        return self

    def __exit__(self, *_):
        if self._own is None:
            del self.files.get_file_from_path
        else:
            self.files.get_file_from_path = self._own


class _Logged(logging.Handler):
    """Counts the records of INFO and above that reach it."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.records: set[int] = set()

    def emit(self, record):
        self.records.add(id(record))


class RenderedPages:
    """Converted pages kept in ``folder`` (None: converted every time)."""

    def __init__(self, folder: Path | None):
        self._entries = KeptEntries(Path(folder) / CACHE_FILE if folder is not None else None, code_fingerprint())
        self._build: tuple[object, str | None] | None = None  # (the files of this build or language, its key)
        self._ahead: Ahead | None = None  # the second half of the pages, converted in a child
        self._ahead_pages: set[str] = set()

    def wrap(self, page: Page, config, files) -> None:
        """Make ``page.render`` use the cache, where the config allows one."""
        if not self._entries.enabled:
            return
        if self._build is None or self._build[0] is not files:  # a new build, or the next language's
            settings = settings_key(config)
            debug = _PAGES_LOG.getEffectiveLevel() <= logging.DEBUG
            self._build = (files, None if settings is None else f"{settings}\n{debug}")
            self._ahead, self._ahead_pages = None, set()
            if self._build[1] is not None:
                self._convert_ahead(config, files)
        build = self._build[1]
        if build is not None:
            page.render = functools.partial(self._render, page, build)

    def _convert_ahead(self, config, files) -> None:
        """On a build that finds few pages kept (the first, say), convert the second half of the
        pages in a child while this process converts the first; what the child made is found in
        the cache when this process comes to them."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        theirs = pages[len(pages) // 2 :]
        if len(theirs) < CONVERT_AHEAD_FROM or len(self._entries) >= len(pages) or not can_fork():
            return
        self._ahead_pages = {file.src_uri for file in theirs}
        self._ahead = Ahead(self._converted, config, files, theirs, otherwise={})

    def _converted(self, config, files, theirs) -> dict:
        """In the child: read and convert ``theirs`` as MkDocs would, through every plugin's
        ``on_pre_page`` and ``on_page_markdown``; the entries made. Its messages go nowhere:
        a page that logged is not kept, and this process converts it again and logs."""
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        earlier = self._entries.made().keys()  # an earlier language's, which this process has
        try:
            for file in theirs:
                page = file.page if file.page is not None else Page(None, file, config)
                config._current_page = page
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                page.render(config, files)
        except Exception:
            pass  # what was made so far still helps; the rest is converted in the build
        return {key: entry for key, entry in self._entries.made().items() if key not in earlier}

    def save(self) -> None:
        self._entries.save()

    @staticmethod
    def _key(page: Page, build: str) -> str:
        file = page.file
        digest = hashlib.sha256(f"{build}\n{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion.name}\n".encode())
        digest.update(page.markdown.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _render(self, page: Page, build: str, config, files) -> None:
        if page.markdown is None:
            return Page.render(page, config, files)  # MkDocs's own error
        if self._ahead is not None and page.file.src_uri in self._ahead_pages:
            self._entries.take_in(self._ahead.result())
            self._ahead = None
        key = self._key(page, build)
        level = _PAGES_LOG.getEffectiveLevel()
        kept = self._entries.get(key)
        # Used if made where every message this build shows would have shown, and if every file
        # its links named is found as it was then.
        if kept is not MISSING and kept[0] <= level and all(_found(files.get_file_from_path(path)) == found for path, found in kept[1]):
            _restore(page, pickle.loads(kept[2]), files)
            return None
        logged = _Logged()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
        for logger in loggers:
            logger.addHandler(logged)
        try:
            with _LookupsRecorded(files) as lookups:
                Page.render(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(logged)
        if not logged.records:
            # Pickled now: plugins change the table of contents after this.
            taken = pickle.dumps(_taken(page), protocol=pickle.HIGHEST_PROTOCOL)
            self._entries.keep(key, (level, tuple(sorted(lookups.found.items())), taken))
        return None


def _taken(page: Page) -> dict:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": page.toc,
        "title": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
    }


def _restore(page: Page, kept: dict, files) -> None:
    page.content = kept["content"]
    page.toc = kept["toc"]
    page._title_from_render = kept["title"]
    page.present_anchor_ids = kept["anchors"]
    if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
        links = kept["links"] or {}
        page.links_to_anchors = {files.get_file_from_path(src_uri): found for src_uri, found in links.items()}
