"""A learner's first visit in a real Chromium: home, a lesson, a Chinese search; nothing leaves the server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from quizdriver import search_site

pytestmark = pytest.mark.browser


def only_local(requests: list[str], site_url: str) -> list[str]:
    origin = urlsplit(site_url).netloc
    return [url for url in requests if not url.startswith("data:") and urlsplit(url).netloc != origin]


def texts(results) -> list[str]:
    # Material shows jieba's zero-width word breaks in result snippets.
    return [text.replace("\u200b", "") for text in results.all_inner_texts()]


def test_home_lesson_and_search_stay_on_the_server(page, site_url):
    page.goto(site_url)
    assert "从哪里开始" in page.content()
    page.get_by_role("link", name="三会一课与组织生活实务", exact=True).click()  # not the home page's "today" line naming it too
    page.wait_for_url("**/courses/sanhui-yike/")
    page.click("text=支部党员大会")
    page.wait_for_url("**/courses/sanhui-yike/dangyuan-dahui/")
    assert page.locator("article h1").inner_text().rstrip("¶") == "支部党员大会"
    results = search_site(page, "表决")
    assert results.count() >= 1
    # Each result names its course above the lesson title.
    assert any(text.startswith("三会一课与组织生活实务\n支部党员大会") and "表决" in text for text in texts(results))
    page.wait_for_load_state("networkidle")
    assert len(page.requests_seen) > 5
    assert only_local(page.requests_seen, site_url) == []
    assert page.console_errors == []


def test_search_finds_a_word_inside_a_sentence(page, site_url):
    page.goto(site_url)
    # "应到会" sits inside longer sentences; without jieba segmentation nothing matches.
    results = search_site(page, "应到会")
    assert any(text.startswith("三会一课与组织生活实务\n支部党员大会") for text in texts(results))


def test_phone_width_lesson_is_readable(page, site_url, tmp_path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "courses/sanhui-yike/dangyuan-dahui/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"页面在手机上横向溢出：{width}px"
    page.screenshot(path=str(tmp_path / "lesson-375.png"), full_page=True)
