"""The search index's entries, made beside the page templates and kept between builds.

Material's search plugin indexes each page in its ``on_page_context``: it parses the page's HTML
into sections and segments their Chinese with jieba. That is about 5 ms a page, a third of a
first build with the bench's 500 lessons, and it happens one page at a time between the
templates, on one core. ``SearchEntries.attach`` (from ``on_env``, once every page is converted)
puts a stand-in in front of the plugin's index:

- The pages are indexed ahead, in a forked child (``coursekit.parallel``), while this process
  renders the templates. Where no child can help, nothing is done ahead.
- The index's ``add_entry_from_context`` then only notes what it was given. The entries are put
  together when the plugin writes the index (``generate_search_index``) or something reads
  ``entries`` (mkdocs-static-i18n, to merge the languages): from the cache, else from the child,
  else made there and then. Every page's entries come in the order the plugin asked, so the index
  is the one the plugin alone would have written.
- Entries are kept in ``.cache/coursekit/search-entries.pickle``, so a rebuild indexes only the
  pages that changed.

An entry's key is everything indexing reads, taken when the plugin asks, not when the child
starts: the page's HTML, table of contents (anchors and links), URL and title, its ``title``,
``tags`` and ``search`` settings, the plugin's options, jieba's dictionaries (files and the
loaded word count) and the versions of Material and jieba (a change to coursekit's code or to
Python drops every entry: the store's fingerprint). What the child made of other inputs (a plugin
that changed a page in between) is not used. Only Material's own index class is stood in for; any
other is left alone.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from coursekit.cachefile import MISSING, KeptEntries, code_fingerprint, package_version
from coursekit.parallel import Ahead, can_fork

CACHE_FILE = "search-entries.pickle"
FORK_FROM = 16  # fewer pages to index than this are quicker done here than in a child
_PAGE_META = ("title", "tags", "search")


def _search_plugin(config):
    """Material's search plugin with Material's own index, enabled; else None."""
    try:
        from material.plugins.search.plugin import SearchIndex, SearchPlugin
    except ImportError:
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            # Its on_config makes a new index for every build (and every language's).
            return plugin if type(getattr(plugin, "search_index", None)) is SearchIndex else None
    return None


def _file_digest(path) -> str:
    if not path:
        return "-"
    try:
        return hashlib.sha256(Path(os.path.normpath(path)).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def settings_key(plugin) -> str:
    """What indexing reads besides the page: the plugin's options, jieba's state, the versions."""
    try:
        import jieba
    except ImportError:
        words = "no jieba"
    else:
        jieba.dt.check_initialized()  # the plugin's first page would load the dictionary anyway
        words = f"{jieba.dt.dictionary} {jieba.dt.total} {len(jieba.dt.FREQ)}"
    options = plugin.config
    return "\n".join(
        [
            f"{package_version('mkdocs-material')}, {package_version('jieba')}",
            repr(sorted((name, repr(value)) for name, value in plugin.search_index.config.items())),
            f"dictionary {_file_digest(options.jieba_dict)} user {_file_digest(options.jieba_dict_user)} {words}",
        ]
    )


def _toc_key(items) -> list:
    return [(item.id, item.url, _toc_key(item.children)) for item in items]


class _PageView:
    """What indexing reads of a page, as it was when taken (the plugin changes the HTML next)."""

    __slots__ = ("content", "toc", "url", "title", "meta")

    def __init__(self, page):
        self.content = page.content or ""
        self.toc = page.toc
        self.url = page.url
        self.title = page.title
        self.meta = {name: page.meta[name] for name in _PAGE_META if name in page.meta}

    def key(self, settings: str) -> str:
        digest = hashlib.sha256(settings.encode())
        described = repr((self.url, self.title, _toc_key(self.toc), sorted((name, repr(value)) for name, value in self.meta.items())))
        digest.update(described.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(self.content.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


def _index(index_class, options: dict, view: _PageView) -> list[dict]:
    index = index_class(**options)
    index.add_entry_from_context(view)
    return index.entries


def _index_all(index_class, options: dict, views: dict[str, _PageView]) -> dict[str, list[dict]]:
    return {key: _index(index_class, options, view) for key, view in views.items()}


class _Deferred:
    """Stands in for the search plugin's index during one build (one language)."""

    def __init__(self, inner, settings: str, kept: KeptEntries, ahead: Ahead | None):
        self.inner = inner
        self._settings = settings
        self._kept = kept
        self._ahead = ahead
        self._asked: list[tuple[str, _PageView]] = []

    def add_entry_from_context(self, page) -> None:
        view = _PageView(page)
        self._asked.append((view.key(self._settings), view))

    @property
    def entries(self) -> list[dict]:
        self._put_together()
        return self.inner.entries

    def generate_search_index(self, prev) -> str:
        self._put_together()
        return self.inner.generate_search_index(prev)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def _put_together(self) -> None:
        if not self._asked:
            return
        made = self._ahead.result() if self._ahead is not None else {}
        self._ahead = None
        options = self.inner.config
        for key, view in self._asked:
            entries = self._kept.get(key)
            if entries is MISSING:
                entries = made.get(key)
                if entries is None:
                    entries = _index(type(self.inner), options, view)
                self._kept.keep(key, entries)
            self.inner.entries.extend(dict(entry) for entry in entries)
        self._asked = []


class SearchEntries:
    """Search entries kept in ``folder`` (None: kept for this build only)."""

    def __init__(self, folder: Path | None):
        self._kept = KeptEntries(Path(folder) / CACHE_FILE if folder is not None else None, code_fingerprint())

    def attach(self, config, pages) -> None:
        """Stand in for the search plugin's index for this build of ``pages``; start indexing the
        pages not kept in a child. Nothing is done without Material's search plugin."""
        plugin = _search_plugin(config)
        if plugin is None:
            return
        settings = settings_key(plugin)
        ahead = None
        if can_fork():
            missing = {}
            for page in pages:
                view = _PageView(page)
                key = view.key(settings)
                if key not in self._kept:  # not counted as used: the page may change before it is indexed
                    missing[key] = view
            if len(missing) >= FORK_FROM:
                ahead = Ahead(_index_all, type(plugin.search_index), plugin.search_index.config, missing)
        plugin.search_index = _Deferred(plugin.search_index, settings, self._kept, ahead)

    def save(self) -> None:
        self._kept.save()
