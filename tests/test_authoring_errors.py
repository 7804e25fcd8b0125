"""An author's mistake stops the build with a Chinese message naming the file and line."""

from __future__ import annotations

import pytest

from conftest import copy_project, run_mkdocs


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def build_fails_with(project, tmp_path, expected: str):
    result = run_mkdocs(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "内容检查未通过，构建已停止" in output
    assert expected in output, output
    assert not (tmp_path / "out" / "index.html").exists()


def test_course_names_a_missing_lesson(project, tmp_path):
    course = project / "courses/sanhui-yike/course.yml"
    course.write_text(course.read_text("utf-8").replace("file: zhiweihui-xiaozu.md", "file: meiyou.md"), "utf-8")
    line = course.read_text("utf-8").splitlines().index("  - file: meiyou.md") + 1
    build_fails_with(project, tmp_path, f"courses/sanhui-yike/course.yml:{line}: 找不到课文文件“meiyou.md”")


def test_lesson_without_title(project, tmp_path):
    lesson = project / "courses/sanhui-yike/dangyuan-dahui.md"
    lesson.write_text(lesson.read_text("utf-8").replace("title: 支部党员大会\n", ""), "utf-8")
    build_fails_with(project, tmp_path, "courses/sanhui-yike/dangyuan-dahui.md:2: 课文缺少标题")


def test_malformed_course_yml(project, tmp_path):
    course = project / "courses/sanhui-yike/course.yml"
    course.write_text(course.read_text("utf-8").replace("title: 三会一课与组织生活实务", "title: [三会一课"), "utf-8")
    build_fails_with(project, tmp_path, "courses/sanhui-yike/course.yml:2: YAML 格式错误")


def test_lesson_cites_unknown_key(project, tmp_path):
    lesson = project / "courses/sanhui-yike/dangyuan-dahui.md"
    text = lesson.read_text("utf-8").replace("[@tiaoli-14]", "[@tiaoli-99]") + "\n见 [@tiaoli-99]。\n"
    lesson.write_text(text, "utf-8")
    line = len(text.splitlines())
    build_fails_with(project, tmp_path, f"courses/sanhui-yike/dangyuan-dahui.md:{line}: 引用了条文索引中没有的键“tiaoli-99”")
