"""The cache of loaded sources between builds: unchanged files come from it, edited ones never do."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys

import pytest

from coursekit.sources import cache as cache_module
from coursekit.sources.cache import CACHE_FILE, LoadCache
from coursekit.sources.project import load_project

from conftest import run_mkdocs
from minisite import MINI, make_mini_project

CACHED_FILES = 5  # the mini project's citation file, bank, paper and two lessons


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    for name in ("courses", "quizzes", "citations"):
        shutil.copytree(MINI / name, root / name)
    return root


def load(root):
    cache = LoadCache.in_project(root, ".cache")
    project, problems = load_project(root, cache=cache)
    return project, problems, cache.hits


def test_a_second_load_takes_unchanged_files_from_the_cache_and_gets_the_same_project(project):
    first, problems, hits = load(project)
    assert (problems, hits) == ([], 0)
    assert (project / ".cache" / CACHE_FILE).is_file()
    second, problems, hits = load(project)
    assert (problems, hits) == ([], CACHED_FILES)
    assert second.banks == first.banks and second.citations == first.citations and second.blueprints == first.blueprints
    assert second.courses == first.courses
    assert [lesson.minutes for lesson in second.lessons()] == [lesson.minutes for lesson in first.lessons()] != [0, 0]


def test_a_lesson_with_dangerous_markup_is_reported_from_the_cache_too(project):
    load(project)
    lesson = project / "courses" / "jichu" / "dahui.md"
    lesson.write_text(lesson.read_text("utf-8") + '\n<img src="x" onerror="alert(1)">\n', "utf-8")
    reports = []
    for expected_hits in (CACHED_FILES - 1, CACHED_FILES):  # read, then from the cache: same problem
        _, problems, hits = load(project)
        assert hits == expected_hits
        reports.append([(p.file, p.line) for p in problems])
    assert reports[0] == reports[1] and reports[0] and all(file == "courses/jichu/dahui.md" for file, _ in reports[0])


def test_minutes_come_from_course_yml_even_when_the_lesson_comes_from_the_cache(project):
    load(project)
    course = project / "courses" / "jichu" / "course.yml"
    text = course.read_text("utf-8")
    assert "minutes: 5" in text
    course.write_text(text.replace("minutes: 5", "minutes: 17", 1), "utf-8")
    loaded, problems, hits = load(project)
    assert (problems, hits) == ([], CACHED_FILES)
    assert 17 in [lesson.minutes for lesson in loaded.lessons()]


def test_an_edited_bank_is_read_again(project):
    load(project)
    bank = project / "quizzes" / "jichu.yml"
    bank.write_text(bank.read_text("utf-8").replace("党员大会一般多久召开一次？", "党员大会通常多久召开一次？"), "utf-8")
    loaded, problems, hits = load(project)
    assert (problems, hits) == ([], CACHED_FILES - 1)
    assert loaded.banks[0].questions[0].stem == "党员大会通常多久召开一次？"


def test_a_bank_broken_after_a_good_build_is_reported_with_its_line_every_time(project):
    load(project)
    bank = project / "quizzes" / "jichu.yml"
    bank.write_text(bank.read_text("utf-8").replace("    answer: B\n", "    answer: Z\n", 1), "utf-8")
    for expected_hits in (CACHED_FILES - 1, CACHED_FILES):  # read, then from the cache: same problem
        _, problems, hits = load(project)
        assert hits == expected_hits
        in_bank = [p for p in problems if p.file == "quizzes/jichu.yml"]
        assert [p.line for p in in_bank] == [8] and "Z" in in_bank[0].message


def test_only_the_entries_a_build_used_are_kept(project):
    load(project)
    (project / "quizzes" / "papers" / "ceshi.yml").unlink()
    load(project)
    with (project / ".cache" / CACHE_FILE).open("rb") as handle:
        _, entries = pickle.load(handle)
    assert sorted(key[2] for key in entries) == ["citations/tiaoli.yml", "courses/jichu/dahui.md", "courses/jichu/zhiweihui.md", "quizzes/jichu.yml"]


def test_a_damaged_cache_is_ignored_and_replaced(project):
    (project / ".cache").mkdir()
    (project / ".cache" / CACHE_FILE).write_bytes(b"not a pickle")
    _, problems, hits = load(project)
    assert (problems, hits) == ([], 0)
    assert load(project)[2] == CACHED_FILES


def test_a_change_to_coursekit_itself_drops_every_entry(project, monkeypatch):
    load(project)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    assert load(project)[2] == 0


def test_an_unwritable_cache_folder_costs_only_the_time(project):
    (project / ".cache").write_text("a file where the folder should be", "utf-8")
    for _ in range(2):
        loaded, problems, hits = load(project)
        assert (problems, hits) == ([], 0)
        assert loaded.banks[0].questions


def test_mkdocs_rebuild_shows_an_edit_to_a_bank_and_a_config_can_turn_the_cache_off(tmp_path):
    root = make_mini_project(tmp_path / "site-project")
    page = lambda site: (site / "practice" / "jichu" / "index.html").read_text("utf-8")  # noqa: E731
    result = run_mkdocs(root, tmp_path / "one")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "党员大会一般多久召开一次？" in page(tmp_path / "one")
    assert (root / ".cache" / "coursekit" / CACHE_FILE).is_file()

    bank = root / "quizzes" / "jichu.yml"
    bank.write_text(bank.read_text("utf-8").replace("党员大会一般多久召开一次？", "党员大会通常多久召开一次？"), "utf-8")
    result = run_mkdocs(root, tmp_path / "two")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "党员大会通常多久召开一次？" in page(tmp_path / "two")
    assert "党员大会一般多久召开一次？" not in page(tmp_path / "two")

    shutil.rmtree(root / ".cache")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - coursekit\n", '  - coursekit:\n      cache_dir: ""\n'), "utf-8")
    result = run_mkdocs(root, tmp_path / "three")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / ".cache" / "coursekit").exists()


def test_coursekit_check_leaves_the_build_its_files_loaded(project):
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    cache = LoadCache.in_project(project)
    load_project(project, cache=cache)
    assert cache.hits == CACHED_FILES
