"""Lesson plans: the ``trainer:`` notes are checked, shown on the trainers' page (never on the
learner's lesson page) and written to a Word lesson plan by ``coursekit plan``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from docx_reader import read_docx
from trainer_fixture import COURSE, TRAINER_ACTIVITY, TRAINER_DISCUSSION, TRAINER_MATERIAL, TRAINER_NOTES, TRAINER_QUESTIONS, TRAINER_STEP, write_fixture_content

from coursekit.sources.project import load_project

LESSON = Path(f"courses/{COURSE}/biaojue.md")


def coursekit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    return write_fixture_content(tmp_path / "project")


def test_plan_document_has_every_lesson_and_its_notes(project):
    result = coursekit("plan", COURSE, "-o", "plan/教案.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "2 篇课文，其中 1 篇有教案" in result.stdout
    word = read_docx(project / "plan/教案.docx")
    assert word.style_font("Normal")["eastAsia"] == "宋体" and word.style_font("Heading1")["eastAsia"] == "黑体"
    paragraphs = word.paragraphs()
    texts = [p.text for p in paragraphs]
    assert texts[0] == "测试课程：党员大会 教案"
    assert "适用对象：测试用的支部书记" in texts and "课时：共 2 课，约 15 分钟" in texts
    assert [p.text for p in paragraphs if p.style == "Heading1"] == ["课程目标", "第一课\u3000党员大会多久开一次", "第二课\u3000表决怎么算"]

    second = texts[texts.index("第二课\u3000表决怎么算") :]
    assert "时长：课文自学约 9 分钟；课堂教学合计 10 分钟" in second
    steps = word.tables()[0].rows
    assert steps[0] == ["序号", "环节", "分钟"]
    assert steps[1] == ["1", TRAINER_STEP, "3"] and steps[2] == ["2", "讲解两道门槛", "7"] and steps[-1] == ["", "合计", "10"]
    assert f"1. {TRAINER_DISCUSSION}" in second
    assert second[second.index("课堂活动") + 1] == TRAINER_ACTIVITY
    assert second[second.index("备课提示") + 1] == TRAINER_NOTES
    assert second[second.index("准备和打印的材料") + 1] == TRAINER_MATERIAL
    used = second[second.index("课上用的练习题") + 1 : second.index("课上用的练习题") + 3]
    assert used[0].startswith("ckt-single-01（单项选择题）单选题1：") and used[0].endswith("答案：单选1乙")
    assert used[1].startswith("ckt-judge-02（判断题）") and used[1].endswith("答案：错误")
    # key points are the lesson's own ## headings, without attribute lists and never from code blocks
    points = second[second.index("要点") + 1 : second.index("依据")]
    assert points == ["到会门槛", "通过门槛"]
    assert second[second.index("依据") + 1 :] == ["《测试用支部工作条例》第二条：测试条文二的要点。", "《测试用支部工作条例》第三条：测试条文三的要点。"]

    first = texts[texts.index("第一课\u3000党员大会多久开一次") : texts.index("第二课\u3000表决怎么算")]
    assert "频次的规定" in first
    # a plan is for trainers: no instruction to authors anywhere in it
    assert not any("trainer:" in text or "编写者指南" in text for text in texts)


def test_plan_for_an_unknown_course_lists_the_courses(project):
    result = coursekit("plan", "meiyou", "-o", "x.docx", cwd=project)
    assert result.returncode == 1
    assert f"meiyou: 没有这门课程（可用：{COURSE}）" in result.stderr
    assert not (project / "x.docx").exists()


def _replace_trainer(project: Path, block: str) -> int:
    """Put ``block`` in place of the lesson's trainer notes; return the line of ``trainer:``."""
    path = project / LESSON
    text = path.read_text("utf-8")
    start = text.index("trainer:")
    end = text.index("---", start)
    path.write_text(text[:start] + block + text[end:], "utf-8")
    return text[:start].count("\n") + 1


def problems_of(project: Path) -> list[str]:
    _, problems = load_project(project)
    return [str(p) for p in problems]


def test_trainer_notes_must_be_a_mapping(project):
    line = _replace_trainer(project, "trainer: 多讲案例\n")
    assert problems_of(project) == [f"{LESSON.as_posix()}:{line}: trainer（教案备注）应当是“键: 值”的形式"]


def test_trainer_step_problems_name_file_and_line(project):
    line = _replace_trainer(project, "trainer:\n  steps:\n    - {step: 导入}\n    - {step: 讲解, minutes: 0}\n    - 讨论\n  activty: 分组\n")
    assert problems_of(project) == [
        f"{LESSON.as_posix()}:{line + 2}: 教学环节缺少 minutes（这一步用几分钟）",
        f"{LESSON.as_posix()}:{line + 3}: 教学环节的 minutes（分钟数）应当是不小于 1 的整数，现在是“0”",
        f"{LESSON.as_posix()}:{line + 4}: 教学环节的每一项应当写成 - {{step: 做什么, minutes: 几分钟}}",
        f"{LESSON.as_posix()}:{line + 5}: 不认识的项“activty”（可用：activity、discussion、materials、notes、questions、steps）。是不是拼错了？",
    ]


def test_empty_trainer_notes_are_reported(project):
    line = _replace_trainer(project, "trainer: {}\n")
    assert problems_of(project) == [f"{LESSON.as_posix()}:{line}: trainer（教案）至少要写 steps、discussion、activity、materials、questions、notes 中的一项"]


def test_trainers_page_shows_the_notes_and_learner_pages_do_not(trainer_site):
    _, site = trainer_site
    plans = (site / "trainers/plans/index.html").read_text("utf-8")
    article = plans[plans.index("<article") :]
    for text in (TRAINER_STEP, TRAINER_DISCUSSION, TRAINER_ACTIVITY, TRAINER_NOTES, TRAINER_MATERIAL, *TRAINER_QUESTIONS, "合计"):
        assert text in article
    assert 'href="../../courses/ckt-kecheng/biaojue/"' in article
    assert re.search(r"以下课文暂无教案.*党员大会多久开一次", article, re.S)
    assert "trainer:" not in article and "编写者指南" not in article

    for lesson in (site / f"courses/{COURSE}").glob("*/index.html"):
        html = lesson.read_text("utf-8")
        for text in (TRAINER_STEP, TRAINER_DISCUSSION, TRAINER_ACTIVITY, TRAINER_NOTES):
            assert text not in html, lesson
    assert "表决有两道门槛" in (site / f"courses/{COURSE}/biaojue/index.html").read_text("utf-8")
    search = (site / "search/search_index.json").read_text("utf-8")
    assert TRAINER_ACTIVITY not in search and TRAINER_NOTES not in search
    guide = (site / "guide/trainers/index.html").read_text("utf-8")
    assert 'href="../../trainers/plans/"' in guide


def test_a_plan_naming_a_question_no_bank_has_stops_check_with_its_line(project):
    line = _replace_trainer(project, "trainer:\n  activity: 分组\n  questions:\n    - ckt-single-01\n    - ckt-meiyou-99\n")
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    assert f"{LESSON.as_posix()}:{line + 4}: 教案（trainer: questions）列出的练习题“ckt-meiyou-99”在题库中不存在" in result.stdout


def test_check_advises_on_lessons_without_a_plan_and_short_outlines(project):
    result = coursekit("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"courses/{COURSE}/pinci.md:1: 课文 {COURSE}/pinci 还没有教案" in result.stdout
    assert f"{LESSON.as_posix()}:" in result.stdout and "教案的教学环节合计 10 分钟，一次学习宜为 30—45 分钟（提示）" in result.stdout
    assert "另有 2 条提示" in result.stdout


def test_every_lesson_of_the_real_courses_has_a_full_plan():
    """44 lessons now, and every new one: a 30–45 minute outline, two or three discussion
    questions, an activity, materials and three to six practice questions of that lesson."""
    from conftest import ROOT

    project, problems = load_project(ROOT)
    assert not [p for p in problems if "trainer" in p.message or "教案" in p.message]
    questions = {q.id: q for q in project.questions()}
    lessons = project.lessons()
    assert len(lessons) >= 44
    for lesson in lessons:
        notes = lesson.trainer_notes
        assert notes is not None, lesson.id
        assert 30 <= notes.minutes <= 45 and 4 <= len(notes.steps) <= 6, lesson.id
        assert 2 <= len(notes.discussion) <= 3 and notes.activity and notes.materials, lesson.id
        assert 3 <= len(notes.questions) <= 6, lesson.id
        for qid in notes.questions:
            assert qid in questions and questions[qid].lesson == lesson.id, (lesson.id, qid)


def test_the_real_lesson_plan_reads_as_a_plan_for_trainers(tmp_path):
    from conftest import ROOT

    result = coursekit("plan", "fazhan-dangyuan", "--root", str(ROOT), "-o", str(tmp_path / "plan.docx"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "8 篇课文，其中 8 篇有教案" in result.stdout
    text = "\n".join(p.text for p in read_docx(tmp_path / "plan.docx").paragraphs())
    assert "trainer:" not in text and "编写者指南" not in text
    assert text.count("课上用的练习题") == 8 and text.count("准备和打印的材料") == 8 and "25个步骤卡片" in text
