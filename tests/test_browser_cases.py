"""Case studies (材料分析) in a real Chromium: practice shows a case's situation once above its
first question and marks its questions like any other; a wrong one comes back in the notebook
with its situation; the exam draws a case whole, as coursekit.draw does, and scores it by the
case; a mistake whose question has left the banks drops out of the notebook with a note."""

from __future__ import annotations

import json
import shutil

import pytest
from playwright.sync_api import expect

from conftest import built_and_served
from minisite import make_mini_project
from quizdriver import STORE_KEY, option_label, question, ui

from coursekit.draw import draw_paper
from coursekit.sources.project import load_project

pytestmark = pytest.mark.browser

CASES = __import__("pathlib").Path(__file__).parent / "fixtures" / "cases"
PAPER = """paper: anli-ceshi
title: 材料分析测试卷
time_limit: 20
pass_mark: 6
seed: 11
sections:
  - type: single
    points: 2
    draw:
      - {bank: anli, count: 1}
  - type: case
    points: 8
    draw:
      - {bank: anli, count: 1}
"""


@pytest.fixture(scope="module")
def case_site(tmp_path_factory):
    project = make_mini_project(tmp_path_factory.mktemp("cases") / "project")
    shutil.copy(CASES / "anli.yml", project / "quizzes" / "anli.yml")
    (project / "quizzes" / "papers" / "anli-ceshi.yml").write_text(PAPER, "utf-8")
    with built_and_served(project) as url:
        yield project, url


def check(item) -> None:
    item.get_by_role("button", name=ui("check")).click()


def test_practice_shows_the_situation_once_and_a_wrong_answer_returns_with_it_in_the_notebook(page, case_site):
    _, base = case_site
    page.goto(base + "practice/anli/")
    first, second = question(page, "al-101"), question(page, "al-102")
    expect(first.locator(".ck-case")).to_contain_text("村支部的党员大会")
    expect(first.locator(".ck-case-material")).to_contain_text("到会正式党员12名")
    expect(second.locator(".ck-case")).to_have_count(0)  # shown once, above the case's first question
    expect(question(page, "al-201").locator(".ck-case")).to_contain_text("社区支部的支委会")

    option_label(second, "11票").click()
    check(second)
    expect(second.locator(".ck-verdict")).to_have_text(ui("correct"))
    option_label(second, "11票")  # still there after marking
    third = question(page, "al-103")
    third.get_by_label(ui("blank_label", n=1)).fill("通过")
    check(third)
    expect(third.locator(".ck-verdict")).to_have_text(ui("wrong"))
    expect(third.locator(".ck-feedback")).to_contain_text("10票没有超过20的半数")

    page.goto(base + "notebook/")
    expect(page.locator(".ck-mistakes li[data-ck-qid='al-103']")).to_contain_text("材料：村支部的党员大会")
    state = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))
    state["questions"]["al-103"]["due"] = 0  # due today: it is asked again, with its situation
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(json.dumps(state))})")
    page.reload()
    item = question(page, "al-103")
    expect(item.locator(".ck-case")).to_contain_text("村支部的党员大会")  # reviewed with its situation
    expect(item.locator(".ck-case-material")).to_contain_text("表决时赞成10票")
    expect(page.locator(".ck-mistakes li[data-ck-qid='al-103']")).to_contain_text("材料：村支部的党员大会")
    expect(page.locator(".ck-gone")).to_have_count(0)
    assert page.console_errors == []


def test_a_mistake_whose_question_is_gone_leaves_the_notebook_with_a_note(page, case_site):
    _, base = case_site
    page.goto(base + "practice/anli/")
    third = question(page, "al-103")
    third.get_by_label(ui("blank_label", n=1)).fill("通过")
    check(third)
    state = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))
    state["questions"]["al-900"] = dict(state["questions"]["al-103"])  # a retired id, as an old device may hold
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(json.dumps(state))})")
    page.goto(base + "notebook/")
    expect(page.locator(".ck-gone")).to_have_text(ui("nb_gone", count=1))
    expect(page.locator(".ck-mistakes li")).to_have_count(1)
    expect(page.locator(".ck-mistakes li[data-ck-qid='al-103']")).to_have_count(1)
    assert page.console_errors == []


def test_the_exam_draws_a_case_whole_as_python_does_and_scores_it_by_the_case(page, case_site):
    project_dir, base = case_site
    project, problems = load_project(project_dir)
    assert problems == []
    blueprint = next(b for b in project.blueprints if b.id == "anli-ceshi")
    for seed in (11, 12, 13, 14):
        drawn, _ = draw_paper(blueprint, {b.id: b for b in project.banks}, seed)
        expected = [q.id for part in drawn for q in part.questions]
        page.goto(base + f"exams/anli-ceshi/?seed={seed}")
        page.get_by_role("button", name=ui("exam_start")).click()
        items = page.locator(".ck-exam-paper li.ck-question")
        expect(items.first).to_be_visible()
        assert items.evaluate_all("items => items.map(li => li.dataset.ckQid)") == expected
    headings = page.locator(".ck-exam-paper h2.ck-section-title").all_inner_texts()
    case = drawn[1].questions[0].case
    size = len(drawn[1].questions)
    assert headings[1] == ui("section_heading_case", number=2, title="材料分析题", count=1, points="8")
    expect(page.locator(".ck-exam-paper .ck-case")).to_have_count(1)
    expect(page.locator(f".ck-exam-paper li.ck-question[data-ck-qid='{case.question_ids[0]}'] .ck-case")).to_contain_text(case.title)

    # Answer the case's first question right (a judge question in both cases) and nothing else.
    first = page.locator(f".ck-exam-paper li.ck-question[data-ck-qid='{case.question_ids[0]}']")
    right = next(q for q in drawn[1].questions if q.id == case.question_ids[0])
    assert right.type == "judge"
    option_label(first, "正确" if right.answer else "错误").click()
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()
    share = round(8 / size, 1)
    expect(page.locator(".ck-exam-result .ck-score")).to_have_text(ui("exam_score", score=f"{share:g}", total="10"))
    assert page.console_errors == []
