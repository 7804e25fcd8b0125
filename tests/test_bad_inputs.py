"""The bad-input corpus: each folder of tests/bad_inputs holds source files that are laid over the
mini project (same paths) and an ``expected.txt`` with the exact ``file:line: message`` lines the
authors must see. One test per folder checks the result as ``coursekit check`` does (the sources,
then every translation). A symlink in a case stays a symlink (a lesson that leads out of the
project)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.sources.project import load_project
from coursekit.sources.translations import translate_project, translated_languages
from minisite import CONTENT, MINI

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
NOT_SOURCES = {"expected.txt"}


def project_with(case: Path, dest: Path) -> Path:
    for name in CONTENT:
        shutil.copytree(MINI / name, dest / name)
    for path in sorted(case.rglob("*")):
        if (path.is_file() or path.is_symlink()) and path.name not in NOT_SOURCES:
            target = dest / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            shutil.copy(path, target, follow_symlinks=False)
    return dest


def problems_of(project: Path) -> list[str]:
    loaded, problems = load_project(project)
    for lang in translated_languages(project):
        problems = sorted(set(problems + translate_project(loaded, project, lang)[1]))
    return [str(p) for p in problems]


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("COURSEKIT_LANG", raising=False)


def test_the_corpus_is_large_and_the_base_project_is_clean(tmp_path):
    assert len(CASES) >= 30
    assert all((case / "expected.txt").is_file() for case in CASES)
    assert problems_of(project_with(CORPUS / "does-not-exist", tmp_path / "p")) == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_the_expected_messages(case, tmp_path):
    expected = (case / "expected.txt").read_text("utf-8").splitlines()
    assert expected, "expected.txt must list at least one problem"
    assert problems_of(project_with(case, tmp_path / "project")) == expected


# Where the build once crashed after the check passed (a KeyError, a UnicodeDecodeError, a paper
# of "满分 nan 分"), or published a file from outside the project: the build stops with the
# check's own messages.
BUILT = ["translation-unknown-inline-citation", "translation-unknown-source", "translation-gbk", "blueprint-points-nan", "lesson-symlink-outside"]


@pytest.mark.parametrize("name", BUILT)
def test_the_build_stops_with_the_same_messages(name, tmp_path):
    from conftest import run_mkdocs
    from minisite import make_mini_project

    project = make_mini_project(tmp_path / "project", with_content=False)
    project_with(CORPUS / name, project)
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in (CORPUS / name / "expected.txt").read_text("utf-8").splitlines():
        assert line in result.stderr, result.stderr[-2000:]
    assert not (tmp_path / "site" / "index.html").exists()
