"""The undocumented names of MkDocs, Material and mkdocs-static-i18n that coursekit relies on are
listed at the top of coursekit.adapters.mkdocs_plugin, are used nowhere else, and are still there
in the installed versions: an upgrade that renames or drops one fails here, not in a build."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import mkdocs.commands.build
import mkdocs_static_i18n
from material.plugins.search.plugin import SearchPlugin
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from conftest import ROOT
from coursekit.adapters import mkdocs_plugin

ADAPTERS = Path(mkdocs_plugin.__file__).parent
I18N_PLUGIN = ("current_language", "default_language", "build_languages", "building")
I18N_FILE = ("locale", "locale_alternate_of", "localization", "norm_src_uri", "alternates")


def i18n_source() -> str:
    folder = Path(mkdocs_static_i18n.__file__).parent
    return "\n".join(path.read_text("utf-8") for path in sorted(folder.rglob("*.py")))


def test_every_name_is_listed_in_the_adapters_opening_comment():
    listed = mkdocs_plugin.__doc__.split("MkDocs events used")[0]
    for name in (*I18N_PLUGIN, *I18N_FILE, "is_dirty", "DIRTY_WARNING", "config.extra.alternate", "observer"):
        assert f"``{name}``" in listed, name


def test_the_i18n_plugin_still_has_the_attributes_read():
    config = load_config(str(ROOT / "mkdocs.yml"))
    i18n = config.plugins["i18n"]
    for name in I18N_PLUGIN:
        assert hasattr(i18n, name), name
    assert i18n.default_language == "zh" and list(i18n.build_languages) == ["zh", "en"]


def test_the_i18n_language_switcher_still_reads_the_file_attributes_set():
    source = i18n_source()
    for name in I18N_FILE:
        assert re.search(rf"\.{name}\b", source), name
    # config.extra.alternate, with its "lang" and "link"
    assert "extra.alternate" in source or "alternate" in source
    assert '"lang"' in source and '"link"' in source


def test_material_search_still_keeps_its_last_index_under_is_dirty():
    assert hasattr(SearchPlugin(), "is_dirty")
    assert "self.is_dirty" in inspect.getsource(SearchPlugin.on_post_build)


def test_mkdocs_still_warns_on_dirty_builds_with_the_text_filtered():
    assert mkdocs_plugin.DIRTY_WARNING in inspect.getsource(mkdocs.commands.build)


def test_the_preview_still_gets_a_watcher_that_looks_more_often(tmp_path):
    """MkDocs's live-reload server keeps its watchdog observer as ``observer``, and ``unwatch``
    raises for a path not watched: the preview moves what MkDocs watched to a faster observer."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert isinstance(server.observer, BaseObserver)
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    server.watch(config.docs_dir)  # watched twice: moved twice
    old = server.observer
    mkdocs_plugin._watch_often(server, config)
    assert server.observer is not old and not old.emitters
    assert isinstance(server.observer, PollingObserver) and server.observer.timeout == mkdocs_plugin.WATCH_SECONDS < 0.5
    assert len(server.observer.emitters) == 2
    server.unwatch(config.docs_dir)
    assert len(server.observer.emitters) == 2  # still watched once
    server.unwatch(config.docs_dir)
    assert len(server.observer.emitters) == 1
    server.server_close()


def test_the_preview_keeps_mkdocss_watcher_when_it_watches_something_else(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(str(tmp_path))  # not a path MkDocs watches today
    old = server.observer
    mkdocs_plugin._watch_often(server, config)
    assert server.observer is old and len(old.emitters) == 2
    server.server_close()


# python-docx's paragraph element (Word files, nothing to do with building the site).
NOT_SITE_GENERATOR = {"office/word.py: paragraph._p"}


def test_no_module_reaches_into_a_private_attribute_of_another_object():
    """``something._name`` in coursekit's code is its own object's (``self._name``): nothing of
    MkDocs, Material, mkdocs-static-i18n or jieba."""
    package = ADAPTERS.parent
    found = []
    for path in sorted(package.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for match in re.finditer(r"\b(\w+)\._[a-z]\w*", line):
                if match.group(1) not in ("self", "cls") and not line.lstrip().startswith("#"):
                    found.append(f"{path.relative_to(package).as_posix()}: {match.group(0)}")
    assert set(found) <= NOT_SITE_GENERATOR, found


def test_only_the_adapter_names_the_undocumented_attributes():
    package = ADAPTERS.parent
    names = re.compile(r"\.(is_dirty|building|current_language|locale_alternate_of|norm_src_uri|alternates|observer)\b")
    users = {path.relative_to(package).as_posix() for path in package.rglob("*.py") if names.search(path.read_text("utf-8"))}
    assert users <= {"adapters/mkdocs_plugin.py"}, users
