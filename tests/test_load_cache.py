"""The cache of loaded sources between builds: unchanged files come from it, edited ones never do;
a damaged or foreign cache file costs one line and the time, never a wrong page or a traceback."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys

import pytest

from coursekit import model
from coursekit.sources import cache as cache_module
from coursekit.sources.cache import CACHE_FILE, LoadCache, from_data
from coursekit.sources.courses import load_lesson
from coursekit.sources.project import load_project

from conftest import ROOT, run_mkdocs
from minisite import MINI, make_mini_project

CACHED_FILES = 5  # the mini project's citation file, bank, paper and two lessons


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    for name in ("courses", "quizzes", "citations"):
        shutil.copytree(MINI / name, root / name)
    return root


def load(root, reports=None):
    cache = LoadCache.in_project(root, ".cache", report=(reports.append if reports is not None else print))
    project, problems = load_project(root, cache=cache)
    return project, problems, cache.hits


def stored_entries(root) -> list:
    """The results kept in the cache file, read back."""
    document = json.loads((root / ".cache" / CACHE_FILE).read_text("utf-8"))
    return [from_data(json.loads(entry["text"])) for entry in document["entries"].values()]


def shown_file(result) -> str:
    loaded, _ = result
    return (loaded[0] if isinstance(loaded, list) else loaded).file


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
    assert sorted(shown_file(result) for result in stored_entries(project)) == [
        "citations/tiaoli.yml",
        "courses/jichu/dahui.md",
        "courses/jichu/zhiweihui.md",
        "quizzes/jichu.yml",
    ]


def test_the_previews_cache_kept_in_memory_reads_no_file_and_still_sees_every_edit(project):
    cache = LoadCache.in_project(project, ".cache")
    load_project(project, cache=cache)
    (project / ".cache" / CACHE_FILE).write_text("damaged", "utf-8")  # the next builds must not read it
    bank = project / "quizzes" / "jichu.yml"
    bank.write_text(bank.read_text("utf-8").replace("党员大会一般多久召开一次？", "党员大会通常多久召开一次？"), "utf-8")
    loaded, problems = load_project(project, cache=cache.next_build())
    assert (problems, cache.hits) == ([], CACHED_FILES - 1)
    assert loaded.banks[0].questions[0].stem == "党员大会通常多久召开一次？"
    (project / "quizzes" / "papers" / "ceshi.yml").unlink()
    loaded, problems = load_project(project, cache=cache.next_build())
    assert (problems, cache.hits) == ([], CACHED_FILES - 1)
    # Saved again with what this build used, and only that: the edited bank under its new bytes.
    assert sorted(shown_file(result) for result in stored_entries(project)) == [
        "citations/tiaoli.yml",
        "courses/jichu/dahui.md",
        "courses/jichu/zhiweihui.md",
        "quizzes/jichu.yml",
    ]
    kept_banks = [result[0] for result in stored_entries(project) if shown_file(result) == "quizzes/jichu.yml"]
    assert [kept.questions[0].stem for kept in kept_banks] == ["党员大会通常多久召开一次？"]


def test_the_cache_file_is_json_that_names_no_code(project):
    load(project)
    raw = (project / ".cache" / CACHE_FILE).read_bytes()
    document = json.loads(raw.decode("utf-8"))
    assert len(document["entries"]) == CACHED_FILES
    named = set()

    def classes(data):
        if isinstance(data, dict):
            if "class" in data:
                named.add(data["class"])
            for value in data.values():
                classes(value)
        elif isinstance(data, list):
            for value in data:
                classes(value)

    for entry in document["entries"].values():
        classes(json.loads(entry["text"]))
    model_classes = {name for name, value in vars(model).items() if dataclasses.is_dataclass(value)}
    assert {"Lesson", "Bank", "Question", "Citation"} <= named <= model_classes | {"Problem"}


@pytest.mark.parametrize("content", [b"not json", b"\x80\x04\x95 a pickle", b"{}", b'{"format": "something else", "entries": {}}', b"[1, 2]"])
def test_a_foreign_or_damaged_cache_file_is_dropped_with_one_line_and_replaced(project, content):
    (project / ".cache").mkdir()
    (project / ".cache" / CACHE_FILE).write_bytes(content)
    reports = []
    _, problems, hits = load(project, reports)
    assert (problems, hits) == ([], 0)
    assert len(reports) == 1 and CACHE_FILE in reports[0]
    assert load(project, reports)[2] == CACHED_FILES
    assert len(reports) == 1


def test_every_bit_flip_in_the_cache_file_is_caught_or_harmless(project):
    """A flipped bit anywhere in the file never yields other text: the entry (or the file) is
    dropped with one line of information, and the project is read again from the sources."""
    original, problems, _ = load(project)
    assert problems == []
    path = project / ".cache" / CACHE_FILE
    good = path.read_bytes()
    step = max(1, len(good) // 400)  # some 400 places spread over the file, every bit position among them
    for position in range(0, len(good), step):
        damaged = bytearray(good)
        damaged[position] ^= 1 << (position % 8)
        path.write_bytes(bytes(damaged))
        reports = []
        loaded, problems, _ = load(project, reports)
        assert problems == [], position
        assert (loaded.banks, loaded.citations, loaded.courses, loaded.blueprints) == (original.banks, original.citations, original.courses, original.blueprints), position
        assert len(reports) <= 1, (position, reports)
        path.write_bytes(good)


def test_a_save_while_a_file_is_read_never_stores_the_new_text_under_the_old_key(project):
    """The loader parses the very bytes the key was made from: an author saving between the two
    (here, inside the loader) cannot leave the new text cached under the old file's key."""
    lesson = project / "courses" / "jichu" / "dahui.md"
    before = lesson.read_text("utf-8")
    after = before.replace("title: ", "title: 刚保存的", 1)
    assert after != before
    saving = {"on": True}

    def load_while_saving(path, shown_as, data=None):
        if saving["on"]:
            path.write_text(after, "utf-8")
        return load_lesson(path, shown_as, data)

    cache = LoadCache(project / ".cache")
    first, _ = cache.load(load_while_saving, lesson, "courses/jichu/dahui.md")
    cache.save()
    assert "刚保存的" not in first.title  # what was hashed is what was parsed
    saving["on"] = False
    lesson.write_text(before, "utf-8")  # the old bytes again: the old key
    cache = LoadCache(project / ".cache")
    again, _ = cache.load(load_while_saving, lesson, "courses/jichu/dahui.md")
    assert cache.hits == 1 and again == first


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


def test_what_was_one_object_is_one_object_again_from_the_cache(tmp_path):
    """A case and the questions that name it share one ``Case``: the page shows the situation
    above the first question only, by identity. Read back from the cache, it must still be one."""
    for name in ("courses", "quizzes", "citations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    fresh, problems, _ = load(tmp_path)
    cached, problems_again, hits = load(tmp_path)
    assert problems == problems_again == [] and hits > 0
    for project in (fresh, cached):
        shared = [(q, case) for bank in project.banks for case in bank.cases for q in bank.questions if q.case is not None and q.case.id == case.id]
        assert shared, "the real banks have case questions"
        assert all(q.case is case for q, case in shared)
