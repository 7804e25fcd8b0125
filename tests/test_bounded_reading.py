"""Sources are read bounded (``coursekit.sources.reading``): from inside the project only, up to a
size per kind, UTF-8 with or without a byte-order mark, and YAML aliases may not expand far beyond
the file (an alias bomb)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coursekit.messages import t
from coursekit.sources import reading
from coursekit.sources.project import load_project
from coursekit.sources.yamlfile import ALIAS_EXPANSION_SLACK, parse_yaml
from minisite import make_mini_project


@pytest.fixture(scope="module")
def mini_source(tmp_path_factory) -> Path:
    return make_mini_project(tmp_path_factory.mktemp("bounded") / "project")


@pytest.fixture
def project(mini_source, tmp_path) -> Path:
    return Path(shutil.copytree(mini_source, tmp_path / "project", symlinks=True))


def problems(project: Path) -> list[str]:
    return [str(p) for p in load_project(project)[1]]


def test_a_lesson_far_larger_than_any_real_one_is_refused(project):
    lesson = project / "courses/jichu/dahui.md"
    lesson.write_text(lesson.read_text("utf-8") + "\n" + "党员大会。" * 40_000 + "\n", "utf-8")
    size = lesson.stat().st_size
    assert size > reading.LIMITS["lesson"]
    expected = "courses/jichu/dahui.md: " + t("file.too_large", size=f"{size / 1000:g} KB", limit="500 KB", what=t("what.lesson"))
    found = problems(project)
    assert found[0] == expected
    assert all("courses/jichu/dahui.md" not in p for p in found[1:])  # the rest follow from it (questions of that lesson)


def test_every_real_source_is_far_below_its_limit():
    from conftest import ROOT

    for folder, kind in (("courses", "lesson"), ("quizzes", "bank"), ("citations", "citations")):
        pattern = "*/*.md" if kind == "lesson" else "*.yml"
        largest = max(path.stat().st_size for path in (ROOT / folder).glob(pattern))
        assert largest * 10 < reading.LIMITS[kind], (folder, largest)


def test_a_bank_over_its_limit_is_refused(project, monkeypatch):
    monkeypatch.setitem(reading.LIMITS, "bank", 500)
    bank = project / "quizzes/jichu.yml"
    size = bank.stat().st_size
    expected = "quizzes/jichu.yml: " + t("file.too_large", size=f"{size / 1000:g} KB", limit="0.5 KB", what=t("what.bank"))
    assert [p for p in problems(project) if p.startswith("quizzes/jichu.yml")] == [expected]


def test_a_byte_order_mark_is_accepted(project):
    for name in ("courses/jichu/dahui.md", "quizzes/jichu.yml", "courses/jichu/course.yml", "citations/tiaoli.yml"):
        path = project / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded, found = load_project(project)
    assert found == []
    assert loaded.courses[0].lessons[0].title == "党员大会"


def test_a_course_folder_linked_from_outside_is_not_read(project, tmp_path):
    outside = Path(shutil.copytree(project / "courses/jichu", tmp_path / "elsewhere"))
    os.symlink(outside, project / "courses/waibu")
    assert problems(project) == ["courses/waibu: " + t("file.outside_project")]


def test_a_link_inside_the_project_is_fine(project):
    lesson = project / "courses/jichu/zhiweihui.md"
    (project / "shared").mkdir()
    shutil.move(lesson, project / "shared/zhiweihui.md")
    os.symlink("../../shared/zhiweihui.md", lesson)
    assert problems(project) == []


def test_an_alias_bomb_is_refused_at_its_line_and_ordinary_aliases_work():
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    data, found = parse_yaml(bomb, "quizzes/bomb.yml")
    assert data is None
    assert [str(p) for p in found] == ["quizzes/bomb.yml:5: " + t("yaml.alias_bomb", limit=ALIAS_EXPANSION_SLACK)]
    ordinary = "base: &base {points: 2, draw: [{bank: jichu, count: 1}]}\none: *base\ntwo: *base\n"
    data, found = parse_yaml(ordinary, "quizzes/papers/x.yml")
    assert found == [] and data["two"]["draw"][0]["count"] == 1


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
) + """]>
<quiz><question type="truefalse"><name><text>x</text></name><questiontext format="html"><text>&lol9;</text></questiontext></question></quiz>
"""


def test_imports_are_bounded_too(tmp_path, monkeypatch):
    from coursekit.cli import main
    from coursekit.exchange import textfile

    laughs = tmp_path / "laughs.xml"
    laughs.write_text(BILLION_LAUGHS, "utf-8")
    assert main(["import", str(laughs), "-o", str(tmp_path / "x.yml"), "--bank", "x"]) == 1  # expat refuses the amplification
    monkeypatch.setattr(textfile, "MAX_IMPORT_BYTES", 100)
    big = tmp_path / "big.gift"
    big.write_text("::a:: 题干 {T}\n" * 20, "utf-8")
    assert main(["import", str(big), "-o", str(tmp_path / "y.yml"), "--bank", "y"]) == 1
    assert not (tmp_path / "y.yml").exists()
