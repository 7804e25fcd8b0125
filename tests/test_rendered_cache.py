"""Converted Markdown kept between builds (coursekit.adapters.rendered): a rebuild takes a page from
the cache only when nothing it was made from changed, and a page whose conversion warned is
converted (and warns) every time."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import run_mkdocs
from coursekit.adapters.rendered import CACHE_FILE, CONVERT_AHEAD_FROM, settings_key
from minisite import make_mini_project
from patched_build import build_patched

LESSON = Path("courses") / "jichu" / "dahui" / "index.html"
MARK = "<p>（取自缓存的标记）</p>"


def cache_file(root: Path) -> Path:
    return root / ".cache" / "coursekit" / CACHE_FILE


def mark_every_entry(root: Path) -> int:
    """Put MARK in every kept page, as a stale entry would show; returns how many there are."""
    path = cache_file(root)
    with path.open("rb") as handle:
        fingerprint, entries = pickle.load(handle)
    for key, (level, lookups, kept) in entries.items():
        page = pickle.loads(kept)
        page["content"] = MARK + page["content"]
        entries[key] = (level, lookups, pickle.dumps(page))
    with path.open("wb") as handle:
        pickle.dump((fingerprint, entries), handle)
    return len(entries)


def build(root: Path, site: Path) -> Path:
    result = run_mkdocs(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def build_loose(root: Path, site: Path) -> subprocess.CompletedProcess:
    """A build that finishes despite warnings (mkdocs.yml says ``strict: false``)."""
    result = run_mkdocs(root, site, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_rebuild_takes_unchanged_pages_from_the_cache_and_converts_what_changed(tmp_path):
    root = make_mini_project(tmp_path / "project")
    first = build(root, tmp_path / "first")
    second = build(root, tmp_path / "second")
    assert site_files(second) == site_files(first)

    # The entries are what the rebuild shows: a marked entry comes out on the page.
    assert mark_every_entry(root) >= 10  # both languages' lessons, course pages and guides
    marked = build(root, tmp_path / "marked")
    assert MARK in (marked / LESSON).read_text("utf-8")
    assert MARK in (marked / "en" / LESSON).read_text("utf-8")

    # An edited lesson is converted again; the lesson beside it still comes from the cache.
    lesson = root / "courses" / "jichu" / "dahui.md"
    lesson.write_text(lesson.read_text("utf-8").replace("分母是应到会的有表决权党员。", "分母是应到会的有表决权的正式党员。"), "utf-8")
    edited = build(root, tmp_path / "edited")
    page = (edited / LESSON).read_text("utf-8")
    assert "分母是应到会的有表决权的正式党员。" in page and MARK not in page
    assert MARK in (edited / "courses" / "jichu" / "zhiweihui" / "index.html").read_text("utf-8")


def test_another_setting_converts_every_page_again(tmp_path):
    root = make_mini_project(tmp_path / "project")
    build(root, tmp_path / "first")
    mark_every_entry(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      permalink: true\n", "      permalink: false\n"), "utf-8")
    reconfigured = build(root, tmp_path / "reconfigured")
    assert not [name for name, data in site_files(reconfigured).items() if MARK.encode() in data]
    assert "headerlink" not in (reconfigured / LESSON).read_text("utf-8")


def test_a_new_file_converts_again_the_pages_whose_links_name_it_and_only_those(tmp_path):
    # A link to a missing file, with that check set to "ignore" so the page is kept: MkDocs
    # leaves the link as written. Once the file exists the link must lead to its page.
    root = make_mini_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("strict: true\n", "strict: false\n")
    config.write_text(text.replace("  links:\n    not_found: warn\n", "  links:\n    not_found: ignore\n"), "utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n另见 [学习说明](notes.md)。\n", "utf-8")
    first = tmp_path / "first"
    build_loose(root, first)
    assert 'href="notes.md"' in (first / "index.html").read_text("utf-8")

    mark_every_entry(root)
    (root / "docs" / "other.md").write_text("# 其他\n\n与首页无关。\n", "utf-8")
    unrelated = tmp_path / "unrelated"
    build_loose(root, unrelated)
    assert MARK in (unrelated / "index.html").read_text("utf-8")  # nothing it links to changed
    assert MARK in (unrelated / LESSON).read_text("utf-8")

    (root / "docs" / "notes.md").write_text("# 学习说明\n\n先读课文，再做练习。\n", "utf-8")
    named = tmp_path / "named"
    build_loose(root, named)
    home = (named / "index.html").read_text("utf-8")
    assert MARK not in home and 'href="notes/"' in home
    assert MARK in (named / LESSON).read_text("utf-8")


def test_a_page_whose_conversion_warned_warns_again_on_every_build(tmp_path):
    # Not strict, so that the first build finishes and keeps what it converted: a strict build
    # stops on the warning anyway, and the warning must not go quiet in one that does not.
    root = make_mini_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("strict: true\n", "strict: false\n"), "utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n另见 [旧版说明](old-notes.md)。\n", "utf-8")
    for site in ("first", "second"):
        result = build_loose(root, tmp_path / site)
        assert "'old-notes.md'" in result.stderr, site
        assert cache_file(root).is_file()  # the other pages were kept


def test_pages_kept_by_a_quiet_build_are_not_used_by_one_that_shows_more(tmp_path):
    # A conversion under -q logs no information messages, so it could have had one.
    root = make_mini_project(tmp_path / "project")
    build(root, tmp_path / "normal")
    mark_every_entry(root)
    quiet = run_mkdocs(root, tmp_path / "quiet", "-q")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert MARK in (tmp_path / "quiet" / LESSON).read_text("utf-8")  # kept at INFO: good for -q

    (root / ".cache").joinpath("coursekit", CACHE_FILE).unlink()
    assert run_mkdocs(root, tmp_path / "quiet-again", "-q").returncode == 0
    mark_every_entry(root)
    assert MARK not in (build(root, tmp_path / "normal-again") / LESSON).read_text("utf-8")


def test_without_a_cache_folder_nothing_is_kept(tmp_path):
    root = make_mini_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - coursekit\n", '  - coursekit:\n      cache_dir: ""\n'), "utf-8")
    build(root, tmp_path / "site")
    assert not cache_file(root).exists()
    assert not (root / ".cache").exists()  # nor loaded sources, nor search entries


def config_with(tmp_path: Path, extensions: str) -> object:
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: t\nmarkdown_extensions:\n{extensions}", "utf-8")
    return load_config(str(path))


def test_the_settings_key_is_the_same_in_every_run_and_changes_with_an_option(tmp_path):
    slugify = "  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n  - admonition\n"
    key = settings_key(config_with(tmp_path, slugify))
    assert key is not None and "0x" not in key
    assert settings_key(config_with(tmp_path, slugify)) == key
    assert settings_key(config_with(tmp_path, slugify.replace("lower", "lower-ascii"))) != key


@pytest.mark.parametrize(
    "extensions",
    [
        "  - pymdownx.snippets\n",  # reads other files into the page
        "  - pymdownx.b64\n",  # reads images into the page
        "  - toc:\n      slugify: !!python/name:os.path.basename\n",  # code from elsewhere
        "  - house_style\n",  # a project's own extension: its code is not in the key
        "  - pymdownx.emoji:\n      options:\n        custom_icons: [overrides/.icons]\n",  # reads the project's icons
    ],
)
def test_no_cache_where_a_conversion_could_read_what_the_key_does_not_cover(tmp_path, monkeypatch, extensions):
    (tmp_path / "house_style.py").write_text(
        "from markdown.extensions import Extension\n\nclass HouseStyle(Extension):\n    def extendMarkdown(self, md):\n        pass\n\ndef makeExtension(**kwargs):\n    return HouseStyle(**kwargs)\n",
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert settings_key(config_with(tmp_path, extensions)) is None


def add_notes(root: Path, count: int) -> None:
    """Hand-written pages, each with a link to a missing page: enough of them that the second
    half of the pages, converted in a child on a first build, holds some."""
    for number in range(count):
        (root / "docs" / "notes").mkdir(exist_ok=True)
        (root / "docs" / "notes" / f"note-{number:02d}.md").write_text(f"# 笔记{number}\n\n另见 [缺的页](missing-{number:02d}.md)。\n", "utf-8")


def warnings(result: subprocess.CompletedProcess) -> list[str]:
    return sorted(line for line in result.stderr.splitlines() if line.startswith("WARNING"))


# Every page kept gets the id of the process that converted it, where the build shows it.
TAG_KEPT = """
from coursekit.adapters import rendered
taken = rendered._taken
rendered._taken = lambda page: dict(taken(page), content=f"<!--converted by {os.getpid()}-->" + taken(page)["content"])
"""


def test_a_first_build_converts_half_the_pages_in_a_child_with_the_same_site_and_messages(tmp_path):
    root = make_mini_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    add_notes(root, 2 * CONVERT_AHEAD_FROM)
    config.write_text(config.read_text("utf-8").replace("strict: true\n", "strict: false\n"), "utf-8")
    uncached = make_mini_project(tmp_path / "uncached")
    add_notes(uncached, 2 * CONVERT_AHEAD_FROM)
    (uncached / "mkdocs.yml").write_text(
        config.read_text("utf-8").replace("  - coursekit\n", '  - coursekit:\n      cache_dir: ""\n'), "utf-8"
    )

    alone = build_loose(uncached, tmp_path / "alone")  # no cache, so no child
    first = build_loose(root, tmp_path / "first")
    assert site_files(tmp_path / "first") == site_files(tmp_path / "alone")
    # Each broken link warns once per language, as without the child: not twice, not never.
    assert warnings(first) == warnings(alone)
    assert sum("missing-05.md" in line for line in warnings(first)) == 2

    shutil.rmtree(root / ".cache")
    pid, tagged = build_patched(TAG_KEPT, root, tmp_path / "tagged", strict=False)
    assert tagged.returncode == 0, tagged.stderr
    converters = {
        name: set(re.findall(r"<!--converted by (\d+)-->", data.decode("utf-8")))
        for name, data in site_files(tmp_path / "tagged").items()
        if name.endswith(".html")
    }
    from_children = [name for name, found in converters.items() if found and str(pid) not in found]
    assert len(from_children) >= CONVERT_AHEAD_FROM, from_children
    assert not [name for name, found in converters.items() if str(pid) in found]  # this process's own are shown as made
