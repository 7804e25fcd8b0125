"""Search as a secretary uses it, in a real Chromium: the site's own words, ranking, readable
results, the index fetched only when search is opened, and the keyboard on a phone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from quizdriver import search_site

pytestmark = pytest.mark.browser

INDEX = "search/coursekit-index.json"


def ask(page, words: str):
    results = search_site(page, words)
    page.wait_for_timeout(200)
    return results


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__item > a:first-child", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    "query, lesson",
    [
        ("党费", "courses/dangzhang-jichu/dangfei-"),  # was searched as 党
        ("转正", "courses/fazhan-dangyuan/zhuanzheng/"),  # was searched as 转
        ("三会一课", "courses/sanhui-yike/sanhui-gailan/"),  # was sixth, behind summaries
        ("流动党员", "courses/jiceng-dangjian/liudong-dangyuan/"),  # was not listed
        ("联合党支部", "courses/jiceng-dangjian/liudong-dangyuan/"),
        ("履职记录", "courses/jiceng-dangjian/zeren/"),
        ("党员大会多久开一次", "courses/sanhui-yike/dangyuan-dahui/"),
        ("黨費怎麼算", "courses/dangzhang-jichu/dangfei-jisuan/"),  # traditional characters
    ],
)
def test_the_sites_own_words_find_their_lesson_first(page, site_url, query, lesson):
    page.goto(site_url + "courses/sanhui-yike/zhibu-shezhi/")
    ask(page, query)
    first = result_links(page)[0]
    assert urlsplit(first).path.startswith(urlsplit(site_url).path + lesson), result_links(page)[:3]
    # The terms searched, as the result link tells the page to highlight them: whole words.
    searched = parse_qs(urlsplit(first).query).get("h", [""])[0].split()
    if len(query) <= 4 and query in ("党费", "转正", "三会一课", "流动党员"):
        assert query in searched, searched


def test_a_summary_result_shows_a_snippet_not_its_whole_table(page, site_url):
    page.goto(site_url)
    results = ask(page, "一页纸小结")
    texts = [text.replace("\u200b", "") for text in results.all_inner_texts()]
    summary = next(text for text in texts if "一页纸小结" in text)
    # course, title and a snippet of about a hundred characters around the match
    assert len(summary) < 260, summary
    first = results.first
    assert first.locator(".ck-search-course").inner_text().strip() != ""


def test_the_index_is_fetched_only_when_search_is_opened(page, site_url):
    page.goto(site_url + "courses/sanhui-yike/dangyuan-dahui/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requests_seen if url.endswith(INDEX)]
    material = [url for url in page.requests_seen if url.endswith("search/search_index.json")]
    assert material, "Material's page script still reads the search config"
    page.locator("input.md-search__input").focus()
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    assert [url for url in page.requests_seen if url.endswith(INDEX)]
    assert page.console_errors == []


def test_search_by_keyboard_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "courses/sanhui-yike/dangyuan-dahui/")
    page.keyboard.press("s")  # Material's shortcut opens search
    box = page.locator("input.md-search__input")
    assert box.is_visible()
    page.keyboard.type("转正")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(200)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/courses/fazhan-dangyuan/zhuanzheng/**")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
