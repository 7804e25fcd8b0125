"""Mock exams in a real Chromium: the browser draws the very papers coursekit.draw does, the timer
submits when time runs out (driven by Playwright's clock, no real waiting), and the result shows
score, pass/fail, a per-section breakdown and a review of every question."""

from __future__ import annotations

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from coursekit.draw import draw_paper
from coursekit.sources.project import load_project
from conftest import ROOT
from quizdriver import answer_practice, assert_clean, enter, failing_until_released, question, stored_state, ui, wrong_answer
from quizsite import ANSWERS, PAPER, PAPER_SEED, POINTS, QUESTIONS, TOTAL

pytestmark = pytest.mark.browser

EXAM_PAGE = f"exams/{PAPER}/"


def python_draw(project_dir, paper_id: str, seed: int) -> list[str]:
    project, problems = load_project(project_dir)
    assert problems == []
    blueprint = next(b for b in project.blueprints if b.id == paper_id)
    drawn, _ = draw_paper(blueprint, {bank.id: bank for bank in project.banks}, seed)
    return [q.id for part in drawn for q in part.questions]


def start(page):
    page.get_by_role("button", name=ui("exam_start")).click()
    expect(page.locator(".ck-exam-paper li.ck-question").first).to_be_visible()


def drawn_ids(page) -> list[str]:
    return page.locator(".ck-exam-paper li.ck-question").evaluate_all("items => items.map(li => li.dataset.ckQid)")


def test_browser_draws_the_same_papers_as_python(page, quiz_site):
    project, base = quiz_site
    page.goto(base + EXAM_PAGE)
    expect(page.locator(".ck-paper-no")).to_have_text(ui("exam_paper_no", seed=PAPER_SEED))
    start(page)
    assert drawn_ids(page) == python_draw(project, PAPER, PAPER_SEED)
    papers = set()
    for seed in (0, 1, 2026, 31337, 987654321):
        page.goto(base + EXAM_PAGE + f"?seed={seed}")
        expect(page.locator(".ck-paper-no")).to_have_text(ui("exam_paper_no", seed=seed))
        start(page)
        ids = drawn_ids(page)
        assert ids == python_draw(project, PAPER, seed), seed
        papers.add(tuple(ids))
    assert len(papers) > 1, "不同编号抽出的试卷应当不同"
    assert_clean(page, base)


def test_the_pool_comes_from_the_bank_files_and_a_failed_fetch_is_said(page, quiz_site):
    """The exam page carries the paper's rules, not its banks' pools: the script fetches the bank
    data files as the page opens; if that fails, "start" says so and tries again."""
    project, base = quiz_site
    blocked = failing_until_released(page, "**/assets/coursekit/bank-*.json")
    served = page.request.get(base + EXAM_PAGE).text()
    data = re.search(r'<script type="application/json" class="ck-exam-data">(.*?)</script>', served, re.S).group(1)
    assert '"banks"' in data and '"pool"' not in data and QUESTIONS[next(iter(QUESTIONS))]["stem"] not in data
    page.goto(base + EXAM_PAGE)
    page.get_by_role("button", name=ui("exam_start")).click()
    expect(page.locator(".ck-exam-intro [role=status]")).to_have_text(ui("load_failed"))
    expect(page.locator(".ck-exam-paper")).to_have_count(0)
    blocked["on"] = False
    start(page)
    assert drawn_ids(page) == python_draw(project, PAPER, PAPER_SEED)


def test_another_paper_gets_a_new_seed_in_the_address(page, quiz_site):
    project, base = quiz_site
    page.goto(base + EXAM_PAGE)
    page.get_by_role("button", name=ui("exam_new_paper")).click()
    seed = int(parse_qs(urlsplit(page.url).query)["seed"][0])
    assert seed != PAPER_SEED
    expect(page.locator(".ck-paper-no")).to_have_text(ui("exam_new_paper_done", seed=seed))
    start(page)
    ids = drawn_ids(page)
    assert ids == python_draw(project, PAPER, seed)
    page.reload()  # the address reproduces the paper
    start(page)
    assert drawn_ids(page) == ids


def test_real_site_papers_match_python(page, site_url):
    project, problems = load_project(ROOT)
    assert problems == []
    assert project.blueprints, "真实内容里没有试卷蓝图"
    for blueprint in project.blueprints:
        for seed in (blueprint.seed, 5):
            page.goto(site_url + f"exams/{blueprint.id}/?seed={seed}")
            start(page)
            assert drawn_ids(page) == python_draw(ROOT, blueprint.id, seed), (blueprint.id, seed)
    assert_clean(page, site_url)


def table_rows(page) -> list[list[str]]:
    return [row.locator("td").all_inner_texts() for row in page.locator(".ck-exam-result tbody tr").all()]


def test_submit_scores_breakdown_and_review(page, quiz_site):
    _, base = quiz_site
    page.goto(base + EXAM_PAGE)
    start(page)
    items = page.locator(".ck-exam-paper li.ck-question")
    expect(page.get_by_role("timer")).to_have_text(re.compile(ui("exam_time_left", time="") + r"0[01]:\d\d"))
    ids = drawn_ids(page)
    by_type: dict[str, list[str]] = {}
    for qid in ids:
        by_type.setdefault(QUESTIONS[qid]["type"], []).append(qid)
    skipped = by_type["multiple"][1]
    wrong = set(by_type["judge"])
    # In an exam nothing is marked while answering.
    for qid in ids:
        q = QUESTIONS[qid]
        if qid == skipped:
            continue
        enter(question(page, qid), q, wrong_answer(q, ANSWERS[qid]) if qid in wrong else ANSWERS[qid])
    expect(page.locator(".ck-exam-paper .ck-verdict")).to_have_count(0)

    page.get_by_role("button", name=ui("exam_submit")).click()
    expect(page.locator(".ck-exam-bar")).to_contain_text(ui("exam_confirm_open", count=1))
    page.get_by_role("button", name=ui("exam_confirm_no")).click()
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()

    result = page.locator(".ck-exam-result")
    short_points = POINTS["short"]
    score = TOTAL - POINTS["judge"] * len(wrong) - POINTS["multiple"] - short_points
    expect(result.locator(".ck-score")).to_have_text(ui("exam_score", score=score, total=TOTAL))
    expect(result.locator(".ck-verdict")).to_have_text(ui("exam_passed" if score >= 15 else "exam_failed", pass_mark=15))
    expect(result).to_contain_text(ui("exam_pending_short", count=1))
    assert table_rows(page) == [
        ["单项选择题", ui("exam_right_of", right=4, count=4), ui("exam_points_of", score=8, total=8)],
        ["多项选择题", ui("exam_right_of", right=1, count=2), ui("exam_points_of", score=3, total=6)],
        ["判断题", ui("exam_right_of", right=0, count=2), ui("exam_points_of", score=0, total=2)],
        ["填空题", ui("exam_right_of", right=1, count=1), ui("exam_points_of", score=2, total=2)],
        ["排序题", ui("exam_right_of", right=1, count=1), ui("exam_points_of", score=2, total=2)],
        ["简答题", ui("exam_right_of", right=0, count=1), ui("exam_points_of", score=0, total=5)],
    ]
    # Review: every question shows its verdict, the learner's and the right answer, and why.
    expect(page.locator(".ck-review")).to_have_count(len(ids))
    review = question(page, skipped).locator(".ck-review")
    expect(review.locator(".ck-verdict")).to_have_text(ui("mark_unanswered"))
    judge_id = sorted(wrong)[0]
    review = question(page, judge_id).locator(".ck-review")
    expect(review.locator(".ck-verdict")).to_have_text(ui("mark_wrong"))
    expect(review).to_contain_text(ui("your_answer", answer=wrong_answer(QUESTIONS[judge_id], ANSWERS[judge_id])))
    expect(review).to_contain_text(ui("correct_answer", answer=ANSWERS[judge_id]))
    expect(review).to_contain_text(QUESTIONS[judge_id]["explanation"])
    expect(review.locator("a.ck-source")).to_have_count(1)
    expect(items.locator("input:enabled, textarea:enabled")).to_have_count(0)

    # Self-marking the short answer updates the score and the stored record.
    question(page, by_type["short"][0]).get_by_role("button", name=ui("self_right")).click()
    expect(result.locator(".ck-score")).to_have_text(ui("exam_score", score=score + short_points, total=TOTAL))
    expect(result).not_to_contain_text(ui("exam_pending_short", count=1))
    state = stored_state(page)
    assert [(x["paper"], x["seed"], x["score"], x["total"], x["passed"]) for x in state["exams"]] == [(PAPER, PAPER_SEED, score + short_points, TOTAL, True)]
    # Wrong answers went to the notebook; the unanswered one did not.
    for qid in wrong:
        assert state["questions"][qid]["wrong"] == 1
    assert skipped not in state["questions"]
    # "Another paper" from the result: back to the start screen with a new number in the address.
    page.get_by_role("button", name=ui("exam_another")).click()
    seed = int(parse_qs(urlsplit(page.url).query)["seed"][0])
    assert seed != PAPER_SEED
    expect(page.locator(".ck-paper-no")).to_have_text(ui("exam_paper_no", seed=seed))
    expect(page.get_by_role("button", name=ui("exam_start"))).to_be_focused()
    assert_clean(page, base)


def test_time_runs_out_and_the_paper_is_submitted(page, quiz_site):
    _, base = quiz_site
    page.clock.install(time=datetime.datetime(2026, 3, 2, 9, 0, 0))
    page.goto(base + EXAM_PAGE)
    start(page)
    timer = page.get_by_role("timer")
    expect(timer).to_have_text(ui("exam_time_left", time="01:00"))
    first_single = drawn_ids(page)[0]
    enter(question(page, first_single), QUESTIONS[first_single], ANSWERS[first_single])
    page.clock.run_for(30_000)
    expect(timer).to_have_text(ui("exam_time_left", time="00:30"))
    expect(page.locator(".ck-exam-result")).to_have_count(0)
    page.clock.run_for(31_000)
    result = page.locator(".ck-exam-result")
    expect(result.get_by_role("status")).to_have_text(ui("exam_time_up"))
    expect(result.locator(".ck-score")).to_have_text(ui("exam_score", score=POINTS["single"], total=TOTAL))
    expect(result.locator(".ck-verdict")).to_have_text(ui("exam_failed", pass_mark=15))
    expect(result).to_contain_text(ui("exam_used", time="01:00"))
    expect(page.locator(".ck-exam-bar")).to_have_count(0)
    # "Same paper again" starts the same questions with a fresh timer.
    ids = drawn_ids(page)
    page.get_by_role("button", name=ui("exam_again")).click()
    expect(page.get_by_role("timer")).to_have_text(ui("exam_time_left", time="01:00"))
    assert drawn_ids(page) == ids
    assert_clean(page, base)

