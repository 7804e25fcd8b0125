"""Exams that survive the phone, in a real Chromium: answers and the time are saved as they are
given; reloading mid-exam (a phone call, switching to WeChat) asks first, then offers to carry on
with the same paper, the same answers and the time it had left; an attempt whose time ran out
meanwhile is submitted from the offer; a fresh start discards it."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from quizdriver import assert_clean, enter, stored_state, ui
from quizsite import ANSWERS, PAPER, QUESTIONS

pytestmark = pytest.mark.browser

EXAM_PAGE = f"exams/{PAPER}/"
ATTEMPT_KEY = f"coursekit:exam:{PAPER}"


def paper_items(page):
    return page.locator(".ck-exam-paper li.ck-question")


def drawn_ids(page) -> list[str]:
    return paper_items(page).evaluate_all("items => items.map(li => li.dataset.ckQid)")


def answer_first(page, count: int) -> list[str]:
    """Answer the first ``count`` questions of the paper rightly (short answers written); their ids."""
    ids = drawn_ids(page)[:count]
    for qid in ids:
        enter(page.locator(f'.ck-exam-paper li.ck-question[data-ck-qid="{qid}"]'), QUESTIONS[qid], ANSWERS[qid])
    return ids


def option_orders(page) -> dict[str, list[str]]:
    """Each choice question's options as the paper shows them (original indexes, top to bottom)."""
    return paper_items(page).evaluate_all(
        "items => Object.fromEntries(items.map(li => [li.dataset.ckQid, Array.from(li.querySelectorAll('.ck-choice input')).map(i => i.value)]))"
    )


def saved_attempt(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(ATTEMPT_KEY)})")
    return None if raw is None else json.loads(raw)


def test_reload_mid_exam_asks_first_then_carries_on(page, quiz_site):
    _, base = quiz_site
    page.goto(base + EXAM_PAGE)
    page.get_by_role("button", name=ui("exam_start")).click()
    ids = drawn_ids(page)
    orders = option_orders(page)
    # Options are mixed by the paper number: the banks write most right answers first, and an
    # exam in the banks' order would give them away.
    assert any(order != sorted(order, key=int) for order in orders.values() if order), orders
    answered = answer_first(page, 3)
    page.wait_for_timeout(200)  # saved after each event's own handler has run
    attempt = saved_attempt(page)
    assert attempt and attempt["seed"] and set(answered) <= set(attempt["answers"])
    snapshot = {qid: attempt["answers"][qid] for qid in answered}

    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    page.reload()
    assert dialogs == ["beforeunload"], "答题中离开页面应当先询问"
    offer = page.locator(".ck-exam-unfinished")
    expect(offer).to_be_visible()
    text = offer.inner_text()
    match = re.search(r"剩余时间 (\d\d):(\d\d)", text)
    assert match and 0 < int(match.group(1)) * 60 + int(match.group(2)) <= 60, text
    assert f"已答 {len(answered)} 题" in text, text

    page.get_by_role("button", name=ui("exam_resume")).click()
    assert drawn_ids(page) == ids  # the same paper
    assert option_orders(page) == orders  # in the same order
    after = saved_attempt(page)
    assert {qid: after["answers"][qid] for qid in answered} == snapshot  # the same answers, restored into the widgets
    for qid in answered:
        q = QUESTIONS[qid]
        item = page.locator(f'.ck-exam-paper li.ck-question[data-ck-qid="{qid}"]')
        if q["type"] in ("single", "multiple", "judge"):
            assert item.locator("input:checked").count() >= 1, qid
        elif q["type"] == "blank":
            assert item.locator("input[type=text]").first.input_value() != "", qid
        elif q["type"] == "short":
            assert item.locator("textarea").input_value() != "", qid
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()
    expect(page.locator(".ck-exam-result")).to_be_visible()
    assert saved_attempt(page) is None  # submitted: nothing left to resume
    assert len(stored_state(page)["exams"]) == 1
    page.reload()
    assert dialogs == ["beforeunload"]  # a finished exam does not ask
    expect(page.locator(".ck-exam-unfinished")).to_have_count(0)
    assert_clean(page, base)


def test_time_ran_out_while_away_submit_from_the_offer(page, quiz_site):
    _, base = quiz_site
    page.goto(base + EXAM_PAGE)
    page.get_by_role("button", name=ui("exam_start")).click()
    answer_first(page, 2)
    page.wait_for_timeout(200)
    # The phone was away longer than the paper's time: move the attempt's end into the past.
    page.evaluate(
        """key => { const a = JSON.parse(localStorage.getItem(key)); a.started = 1000; a.ends = 2000;
                    localStorage.setItem(key, JSON.stringify(a)); }""",
        ATTEMPT_KEY,
    )
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    offer = page.locator(".ck-exam-unfinished")
    expect(offer).to_contain_text("时间已经到了")
    page.get_by_role("button", name=ui("exam_resume_submit")).click()
    expect(page.locator(".ck-exam-result")).to_be_visible()
    expect(page.locator(".ck-exam-result")).to_contain_text(ui("exam_time_up"))
    assert saved_attempt(page) is None


def test_a_fresh_start_discards_the_unfinished_attempt(page, quiz_site):
    _, base = quiz_site
    page.goto(base + EXAM_PAGE)
    page.get_by_role("button", name=ui("exam_start")).click()
    answer_first(page, 1)
    page.wait_for_timeout(200)
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.get_by_role("button", name=ui("exam_resume_drop")).click()
    expect(page.locator(".ck-exam-unfinished")).to_have_count(0)
    assert saved_attempt(page) is None
    page.get_by_role("button", name=ui("exam_start")).click()
    expect(paper_items(page).first).to_be_visible()
    assert all(a in ([], "", None) or (isinstance(a, list) and all(v == "" for v in a)) or (isinstance(a, dict) and not a["touched"]) for a in saved_attempt(page)["answers"].values())
