"""The search index's entries made in a child beside the templates and kept between builds
(coursekit.adapters.search_entries): the index is the one Material's search plugin writes alone,
the work really leaves the build process, and a rebuild indexes only what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, run_mkdocs
from coursekit.adapters.search_entries import FORK_FROM
from coursekit.bench import corpus
from minisite import make_mini_project
from patched_build import build_patched

INDEX = Path("search") / "search_index.json"

# What each build changes before it runs:
PATCHES = {
    # the stand-in is never attached, so Material's plugin indexes every page itself
    "alone": "from coursekit.adapters import search_entries\nsearch_entries.SearchEntries.attach = lambda self, config, pages: None",
    # every page indexed gets the indexing process's id in its entries
    "tagged": (
        "from coursekit.adapters import search_entries\n"
        "index = search_entries._index\n"
        "search_entries._index = lambda *args: [dict(entry, indexed_by=os.getpid()) for entry in index(*args)]"
    ),
    "plain": "",
}


# Material's index as Material wrote it: coursekit.search.index cuts it down to its config after
# writing the site's own index from it.
KEEP_MATERIALS_INDEX = "from coursekit.adapters import mkdocs_plugin\nmkdocs_plugin.write_search_index = lambda *args: None\n"


def build(mode: str, root: Path, site: Path) -> tuple[int, list[dict]]:
    """The build process's id and the written index's entries."""
    pid, result = build_patched(KEEP_MATERIALS_INDEX + PATCHES[mode], root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return pid, json.loads((site / INDEX).read_text("utf-8"))["docs"]


def test_the_index_is_the_one_material_writes_alone_first_time_and_from_the_cache(tmp_path):
    root = make_mini_project(tmp_path / "project")
    _, alone = build("alone", root, tmp_path / "alone")
    _, first = build("plain", root, tmp_path / "first")
    _, again = build("plain", root, tmp_path / "again")
    assert len(alone) > FORK_FROM
    assert first == alone
    assert again == alone
    # Chinese and English pages alike, segmented by jieba as Material does.
    assert any(entry["location"].startswith("en/") for entry in alone)
    assert any("\u200b" in entry["text"] for entry in alone)


def test_pages_are_indexed_in_a_child_and_a_rebuild_indexes_only_the_edited_page(tmp_path):
    # Enough pages in each language for a child to be worth it (the mini project has fewer).
    root = corpus.write_corpus(tmp_path / "project", lessons=2 * FORK_FROM, questions=40)
    corpus.write_config(root, ROOT / "mkdocs.yml", with_plugin=True, languages=True)
    first_pid, first = build("tagged", root, tmp_path / "first")
    indexers = {entry["indexed_by"] for entry in first}
    assert first_pid not in indexers, "pages were indexed by the build process, not beside it"
    assert len(indexers) == 2, indexers  # one child for each language's build
    assert any(page_of(entry).startswith("en/") for entry in first)

    lesson = corpus.edit_a_lesson(root, 1)
    url = f"courses/{lesson.parent.name}/{lesson.stem}/"
    second_pid, second = build("tagged", root, tmp_path / "second")
    redone = {page_of(entry) for entry in second if entry["indexed_by"] == second_pid}
    # (Its English twin is indexed again too, but it is the Chinese text, which
    # mkdocs-static-i18n leaves out of the index as a duplicate.)
    assert url in redone, redone
    assert len(redone) < FORK_FROM, redone  # a few pages: indexed here, not worth a child
    assert {entry["indexed_by"] for entry in second} <= indexers | {second_pid}  # the rest kept
    edited = [entry for entry in second if page_of(entry) == url]
    assert any("第1次修改时补充的一句话" in entry["text"].replace("\u200b", "") for entry in edited)


def page_of(entry: dict) -> str:
    return entry["location"].split("#")[0]


HOOK = """
from mkdocs.plugins import event_priority

@event_priority(100)
def on_page_context(context, page, config, nav):
    page.content = (page.content or "") + "<p>模板阶段前补上的段落</p>"
    return context
"""


def test_a_page_changed_after_the_child_started_is_indexed_as_the_plugin_sees_it(tmp_path):
    """A plugin that changes pages just before the search plugin reads them: what the child made
    from the earlier HTML must not be used, first time or from the cache."""
    root = corpus.write_corpus(tmp_path / "project", lessons=2 * FORK_FROM, questions=40)
    corpus.write_config(root, ROOT / "mkdocs.yml", with_plugin=True)
    (root / "hooks.py").write_text(HOOK, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - hooks.py\n", "utf-8")
    _, alone = build("alone", root, tmp_path / "alone")
    assert any("模板阶段前补上的段落" in entry["text"].replace("\u200b", "") for entry in alone)
    for name in ("first", "again"):
        _, entries = build("plain", root, tmp_path / name)
        assert entries == alone, name
    shutil.rmtree(root / ".cache")
    pid, tagged = build("tagged", root, tmp_path / "tagged")
    # Every page made again here: what the child made of the earlier HTML was refused.
    assert {entry["indexed_by"] for entry in tagged} == {pid}


def test_without_search_the_build_goes_on(tmp_path):
    root = make_mini_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    # (mkdocs-static-i18n cannot build without a search index: one language here.)
    text = corpus.without_plugin(config.read_text("utf-8"), "i18n")
    assert "  - search:\n" in text
    config.write_text(text.replace("  - search:\n", "  - search:\n      enabled: false\n", 1), "utf-8")
    build_result = run_mkdocs(root, tmp_path / "site")
    assert build_result.returncode == 0, build_result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / INDEX).exists()
