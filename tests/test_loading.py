"""Loading banks, courses and blueprints into the model; the seeded draw; `coursekit check`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coursekit.draw import draw_paper, mulberry32, shuffled
from coursekit.messages import catalogue
from coursekit.sources.banks import load_bank
from coursekit.sources.project import load_project

from conftest import ROOT, copy_project


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


def bank_of(tmp_path, questions: str):
    path = write(tmp_path / "b.yml", "bank: b\ntitle: 测试\nquestions:\n" + textwrap.indent(textwrap.dedent(questions).strip("\n"), "  ") + "\n")
    return load_bank(path, "b.yml")


def test_answers_are_normalised_by_type(tmp_path):
    bank, problems = bank_of(
        tmp_path,
        """
        - {id: q1, type: single, stem: s, options: [a, b, c], answer: c, explanation: e, source: k, lesson: c/l}
        - {id: q2, type: multiple, stem: s, options: [a, b, c, d], answer: "D、a", explanation: e, source: k, lesson: c/l}
        - {id: q3, type: judge, stem: s, answer: √, explanation: e, source: [k, k2], lesson: c/l}
        - {id: q4, type: judge, stem: s, answer: false, explanation: e, source: k, lesson: c/l}
        - {id: q5, type: blank, stem: 每___一次, answer: 月, explanation: e, source: k, lesson: c/l}
        - {id: q6, type: order, stem: s, options: [一, 二, 三], explanation: e, source: k, lesson: c/l}
        - {id: q7, type: short, stem: s, answer: 参考, explanation: e, source: k, lesson: c/l}
        """,
    )
    assert problems == []
    answers = {q.id: q.answer for q in bank.questions}
    assert answers == {"q1": 2, "q2": [0, 3], "q3": True, "q4": False, "q5": [["月"]], "q6": [0, 1, 2], "q7": "参考"}
    assert bank.questions[2].sources == ["k", "k2"]
    assert [q.line for q in bank.questions] == [4, 5, 6, 7, 8, 9, 10]


@pytest.mark.parametrize(
    "question, line, message",
    [
        ("{id: q1, type: essay, stem: s, answer: a, explanation: e, source: k, lesson: c/l}", 4, "未知题型“essay”"),
        ("{id: q1, type: single, stem: s, options: [a, b], explanation: e, source: k, lesson: c/l}", 4, "缺少答案（answer）"),
        ("{id: q1, type: single, stem: s, options: [a, b], answer: C, explanation: e, source: k, lesson: c/l}", 4, "答案“C”不在选项中（共 2 个选项，A–B）"),
        ("id: q1\ntype: single\nstem: s\noptions:\n  - 甲\n  - 乙\n  - 甲\nanswer: A\nexplanation: e\nsource: k\nlesson: c/l", 10, "选项“甲”重复（第一次在第 8 行）"),
        ("{id: q1, type: multiple, stem: s, options: [a, b], answer: A, explanation: e, source: k, lesson: c/l}", 4, "多选题至少要有两个正确答案"),
        ("{id: q1, type: judge, stem: s, answer: 也许, explanation: e, source: k, lesson: c/l}", 4, "判断题的答案应当是"),
        ("{id: q1, type: blank, stem: ___和___, answer: [a], explanation: e, source: k, lesson: c/l}", 4, "题干有 2 个空，答案却给了 1 组"),
        ("{id: q1, type: order, stem: s, options: [a, b], answer: AB, explanation: e, source: k, lesson: c/l}", 4, "排序题按正确顺序书写 options"),
        ("{id: Q_1, type: short, stem: s, answer: a, explanation: e, source: k, lesson: c/l}", 4, "题目编号“Q_1”只能用小写字母"),
        ("{id: q1, type: short, stem: s, answer: a, explaination: e, source: k, lesson: c/l}", 4, "不认识的项“explaination”"),
    ],
)
def test_bank_problems_name_the_line(tmp_path, question, line, message):
    body = question if question.startswith("{") else "\n".join(("- " if i == 0 else "  ") + l for i, l in enumerate(question.splitlines()))
    if question.startswith("{"):
        body = "- " + question
    _, problems = bank_of(tmp_path, body)
    assert any(p.file == "b.yml" and p.line == line and message in p.message for p in problems), problems


def test_answers_stay_as_written(tmp_path):
    bank, problems = bank_of(
        tmp_path,
        """
        - {id: q1, type: blank, stem: 每月交___元, answer: [[50.00, 50]], explanation: e, source: k, lesson: c/l}
        - {id: q2, type: blank, stem: 开关___, answer: off, explanation: e, source: k, lesson: c/l}
        - {id: q3, type: judge, stem: s, answer: True, explanation: e, source: k, lesson: c/l}
        """,
    )
    assert problems == []
    assert [q.answer for q in bank.questions] == [[["50.00", "50"]], [["off"]], True]


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path / "b.yml", "bank: b\ntitle: t\nquestions:\n  - id: q1\n    stem: [未闭合\n")
    _, problems = load_bank(path, "b.yml")
    assert len(problems) == 1 and problems[0].line in (5, 6) and "YAML 格式错误" in problems[0].message


def test_empty_bank(tmp_path):
    path = write(tmp_path / "b.yml", "bank: b\ntitle: t\nquestions: []\n")
    _, problems = load_bank(path, "b.yml")
    assert [(p.line, p.message) for p in problems] == [(3, "题库没有题目")]


@pytest.mark.parametrize(
    "seed, expected",
    [
        # Printed by the JavaScript reference implementation (node), the one the browser runs.
        (1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]),
        (42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]),
        (4294967295, [0.8964226141106337, 0.189478256739676, 0.7156526781618595]),
    ],
)
def test_mulberry32_matches_javascript(seed, expected):
    rng = mulberry32(seed)
    assert [rng() for _ in range(3)] == expected


def test_shuffle_is_a_permutation_and_seeded():
    items = list(range(20))
    a = shuffled(items, mulberry32(7))
    assert sorted(a) == items and a != items
    assert a == shuffled(items, mulberry32(7))
    assert a != shuffled(items, mulberry32(8))


def test_draw_is_reproducible_and_reports_shortage():
    project, problems = load_project(ROOT)
    assert problems == []
    banks = {b.id: b for b in project.banks}
    paper = project.blueprints[0]
    first, short = draw_paper(paper, banks, 42)
    again, _ = draw_paper(paper, banks, 42)
    assert short == []
    assert [q.id for s in first for q in s.questions] == [q.id for s in again for q in s.questions]
    for drawn in first:
        wanted = sum(r.count for r in drawn.section.draws)
        if drawn.section.type == "case":  # whole cases: count counts cases
            cases = list(dict.fromkeys(q.case.id for q in drawn.questions))
            assert len(cases) == wanted and all(q.case for q in drawn.questions)
            assert [q.id for q in drawn.questions] == [qid for c in cases for qid in next(x for b in banks.values() for x in b.cases if x.id == c).question_ids]
        else:
            assert all(q.type == drawn.section.type and q.case is None for q in drawn.questions)
            assert len(drawn.questions) == wanted
    paper.sections[0].draws[0].count = 10_000
    _, short = draw_paper(paper, banks, 42)
    assert short and short[0].rule.count == 10_000


def test_check_command_reports_and_exits_1(tmp_path):
    project = copy_project(tmp_path / "p")
    bank = next((project / "quizzes").glob("*.yml"))
    text = bank.read_text("utf-8")
    first_id = text.split("- id: ", 1)[1].split("\n", 1)[0]
    bank.write_text(text + f"  - id: {first_id}\n    type: judge\n    stem: 重复\n    answer: 对\n    explanation: e\n    source: tiaoli-11\n    lesson: sanhui-yike/dangyuan-dahui\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(project)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"题目编号“{first_id}”重复（已在 quizzes/{bank.name}:" in result.stdout
    ok = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(ROOT)], capture_output=True, text=True)
    assert ok.returncode == 0 and "检查通过" in ok.stdout


def test_catalogues_have_the_same_keys_and_placeholders():
    import string

    zh, en = catalogue("zh"), catalogue("en")
    assert set(zh) == set(en)
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    assert {k for k in zh if fields(zh[k]) != fields(en[k])} == set()
