"""A rebuild after an edit, with the cache of loaded sources, is byte for byte the build of the
same sources from nothing; a build told to keep nothing leaves no cache behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_mkdocs
from minisite import make_mini_project

EDITS = {
    "lesson": ("courses/jichu/dahui.md", "分母是应到会的有表决权党员。", "分母是应到会的有表决权的正式党员。"),
    "bank": ("quizzes/jichu.yml", "党员大会一般多久召开一次？", "党员大会通常多久召开一次？"),
    "citation": ("citations/tiaoli.yml", "一般每季度召开1次。", "一般每季度召开一次。"),
    "course": ("courses/jichu/course.yml", "summary: 用于测试的最小课程。", "summary: 用于测试的最小课程（改过）。"),
}


def build(root: Path, site: Path) -> dict[str, bytes]:
    result = run_mkdocs(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def edit(root: Path, name: str) -> None:
    path, old, new = EDITS[name]
    text = (root / path).read_text("utf-8")
    assert old in text, (path, old)
    (root / path).write_text(text.replace(old, new, 1), "utf-8")


def test_rebuilds_after_each_kind_of_edit_and_after_the_reverts_equal_clean_builds(tmp_path):
    root = make_mini_project(tmp_path / "project")
    build(root, tmp_path / "warm")
    assert (root / ".cache" / "coursekit").is_dir()
    originals = {path: (root / path).read_text("utf-8") for path, _, _ in EDITS.values()}
    for step in [*EDITS, "reverted"]:
        if step == "reverted":
            for path, text in originals.items():
                (root / path).write_text(text, "utf-8")
        else:
            edit(root, step)
        rebuilt = build(root, tmp_path / f"rebuilt-{step}")
        clean = tmp_path / f"clean-{step}"
        shutil.copytree(root, clean, ignore=shutil.ignore_patterns(".cache"))
        assert rebuilt == build(clean, tmp_path / f"clean-site-{step}"), step
        if step != "reverted":
            shown = EDITS[step][2].split(": ")[-1]
            assert any(shown.encode() in data for data in rebuilt.values()), step


@pytest.mark.parametrize("config", ['  - coursekit:\n      cache_dir: ""\n'])
def test_without_a_cache_folder_nothing_is_kept(tmp_path, config):
    root = make_mini_project(tmp_path / "project")
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text("utf-8").replace("  - coursekit\n", config), "utf-8")
    build(root, tmp_path / "site")
    assert not (root / ".cache").exists()
