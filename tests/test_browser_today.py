"""A reason to come back each day, on the real site's home page in Chromium: reviews due (今天要复习
N 题), the next lesson where the learner left off, 每日一练 of five questions answered right there,
and the streak, all from this browser's record."""

from __future__ import annotations

import datetime
import json

import pytest
from playwright.sync_api import expect

from quizdriver import STORE_KEY, answer_somehow, stored_state, ui

pytestmark = pytest.mark.browser

MONDAY = datetime.datetime(2026, 3, 2, 10, 0, 0)
DAY_MS = 86_400_000


def ms(day: datetime.datetime) -> int:
    return int(day.timestamp() * 1000)


def test_a_new_learner_is_shown_where_to_start(page, site_url, built_site):
    site = json.loads((built_site / "assets/coursekit/site-data.json").read_text("utf-8"))
    first = site["courses"][0]
    page.goto(site_url)
    today = page.locator(".ck-today")
    expect(today.locator(".ck-today-due")).to_have_text(ui("today_none_due"))
    expect(today.locator(".ck-today-next a")).to_have_text(ui("today_start", title=first["lessons"][0]["title"], course=first["title"]))
    expect(today.locator(".ck-today-streak")).to_have_text(ui("today_streak_zero"))
    expect(today.locator(".ck-daily h3")).to_have_text(ui("today_daily_plain"))
    expect(today.locator(".ck-daily .ck-empty")).to_have_text(ui("today_daily_none"))
    today.locator(".ck-today-next a").click()
    page.wait_for_url("**/" + first["lessons"][0]["href"])
    assert page.console_errors == []


def test_reviews_next_lesson_daily_five_and_streak(page, site_url, built_site):
    site = json.loads((built_site / "assets/coursekit/site-data.json").read_text("utf-8"))
    course = site["courses"][0]
    read, unread = course["lessons"][0], course["lessons"][1]
    mistake = read["questions"][0]
    # Yesterday and the day before were study days; one mistake is due today; one lesson was read.
    state = {
        "version": 1,
        "questions": {mistake: {"box": 1, "due": ms(MONDAY.replace(hour=0)), "right": 0, "wrong": 1, "last": ms(MONDAY) - DAY_MS}},
        "lessons": {read["id"]: {"readAt": ms(MONDAY) - DAY_MS}},
        "exams": [],
        "days": ["2026-02-28", "2026-03-01"],
    }
    page.clock.install(time=MONDAY)
    page.goto(site_url + "progress/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE_KEY, json.dumps(state)])
    page.goto(site_url)
    today = page.locator(".ck-today")
    expect(today.locator("h2")).to_have_text(ui("today_title", date=ui("date", y=2026, m=3, d=2)))
    expect(today.locator(".ck-today-due a")).to_have_text(ui("today_due", count=1))
    expect(today.locator(".ck-today-next a")).to_have_text(ui("today_next", title=unread["title"], course=course["title"]))
    expect(today.locator(".ck-today-streak")).to_have_text(ui("today_streak", days=2))
    daily = today.locator(".ck-daily li.ck-question")
    expected = min(5, len(read["questions"]))
    expect(today.locator(".ck-daily h3")).to_have_text(ui("today_daily", count=expected))
    expect(daily).to_have_count(expected)
    assert daily.first.get_attribute("data-ck-qid") == mistake  # the due review first
    assert daily.evaluate_all("items => items.map(li => li.dataset.ckQid)") == read["questions"][:expected]
    answer_somehow(daily.nth(1))
    expect(daily.nth(1).locator(".ck-verdict")).to_be_visible()
    expect(today.locator(".ck-today-streak")).to_have_text(ui("today_streak", days=3))
    assert stored_state(page)["days"] == ["2026-02-28", "2026-03-01", "2026-03-02"]
    today.locator(".ck-today-due a").click()
    page.wait_for_url("**/notebook/")
    assert page.console_errors == []
