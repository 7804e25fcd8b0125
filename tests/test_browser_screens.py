"""Phone and desktop widths: a practice page with feedback, an exam result and the notebook fit the
screen (no sideways scrolling), controls are at least 44 px tall, and screenshots are saved
(to $CK_SCREENSHOTS when set) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizdriver import answer_practice, assert_clean, enter, question, ui, wrong_answer
from quizsite import ANSWERS, PAPER, PRACTICE_BANK, QUESTIONS

pytestmark = pytest.mark.browser

CONTROLS = ".ck-question .ck-btn:visible, .ck-question .ck-move:visible, .ck-question label.ck-choice:visible, .ck-question input[type=text]:visible, .ck-exam-live .ck-btn:visible"


def fits(page, width: int, what: str) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{what}在 {width}px 宽时横向溢出：{scroll}px"
    small = page.locator(CONTROLS).evaluate_all("nodes => nodes.filter(n => n.getBoundingClientRect().height < 44).map(n => n.outerHTML.slice(0, 80))")
    assert small == [], f"{what}中有低于 44px 的触控目标：{small}"


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_and_screenshots(browser, quiz_site, tmp_path, width):
    _, base = quiz_site
    shots = Path(os.environ.get("CK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.requests_seen, page.console_errors = [], []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))

    page.goto(base + f"practice/{PRACTICE_BANK}/")
    single = QUESTIONS["gt-single"]
    answer_practice(question(page, "gt-single"), single, wrong_answer(single, ANSWERS["gt-single"]), right=False)
    answer_practice(question(page, "gt-blank"), QUESTIONS["gt-blank"], ANSWERS["gt-blank"], right=True)
    fits(page, width, "练习页")
    page.screenshot(path=str(shots / f"practice-{width}.png"), full_page=True)

    page.goto(base + f"exams/{PAPER}/")
    fits(page, width, "考试开始页")
    page.get_by_role("button", name=ui("exam_start")).click()
    ids = page.locator(".ck-exam-paper li.ck-question").evaluate_all("items => items.map(li => li.dataset.ckQid)")
    for qid in ids[:5]:
        enter(question(page, qid), QUESTIONS[qid], ANSWERS[qid])
    fits(page, width, "答题中的试卷")
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()
    expect(page.locator(".ck-exam-result .ck-score")).to_be_visible()
    fits(page, width, "考试成绩页")
    page.screenshot(path=str(shots / f"exam-result-{width}.png"), full_page=True)

    page.goto(base + "notebook/")
    expect(page.locator(".ck-mistakes > li").first).to_be_visible()
    fits(page, width, "错题本")
    page.screenshot(path=str(shots / f"notebook-{width}.png"), full_page=True)

    page.goto(base + "progress/")
    expect(page.locator(".ck-course").first).to_be_visible()
    fits(page, width, "学习进度页")
    page.screenshot(path=str(shots / f"progress-{width}.png"), full_page=True)
    assert_clean(page, base)
    context.close()
