"""Driving coursekit's quiz widgets in a real page as a learner does: by what is on screen."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from coursekit.messages import t

STORE_KEY = "coursekit:v1"


def ui(key: str, **values) -> str:
    """A browser string as the learner sees it (Chinese)."""
    return t(f"ui.{key}", lang="zh", **values)


def question(page, qid: str):
    return page.locator(f'li.ck-question[data-ck-qid="{qid}"]')


def option_label(item, text: str):
    return item.locator("label.ck-choice", has=item.page.get_by_text(text, exact=True))


def order_texts(item) -> list[str]:
    return item.locator(".ck-order-text").all_inner_texts()


def put_in_order(item, wanted: list[str]) -> None:
    """Move items with the up buttons until the list reads ``wanted``. The widget takes an answer
    only once something was moved; when the shuffle already reads ``wanted`` (a wrong answer can:
    the shuffle only avoids the right order), move the first item down and back, as a learner must."""
    moved = False
    for target, text in enumerate(wanted):
        while order_texts(item).index(text) != target:
            item.get_by_role("button", name=ui("move_up", item=text)).click()
            moved = True
    if not moved:
        item.get_by_role("button", name=ui("move_down", item=wanted[0])).click()
        item.get_by_role("button", name=ui("move_up", item=wanted[0])).click()
    assert order_texts(item) == wanted


def enter(item, q: dict, value) -> None:
    """Fill in ``value`` (as given by quizsite.right_answer or wrong_answer) for question ``q``."""
    kind = q["type"]
    if kind in ("single", "multiple"):
        for text in value:
            option_label(item, text).click()
    elif kind == "judge":
        option_label(item, value).click()
    elif kind == "blank":
        for k, text in enumerate(value):
            item.get_by_label(ui("blank_label", n=k + 1)).fill(text)
    elif kind == "order":
        put_in_order(item, value)
    else:
        item.locator("textarea").fill(value)


def wrong_answer(q: dict, right):
    kind = q["type"]
    if kind == "single":
        return [next(o for o in q["options"] if o not in right)]
    if kind == "multiple":
        return right[:1]  # one right option is not enough
    if kind == "judge":
        return "正确" if right == "错误" else "错误"
    if kind == "blank":
        return ["不对" for _ in right]
    if kind == "order":
        return list(reversed(right))
    return "我不知道"


def answer_practice(item, q: dict, value, right: bool) -> None:
    """Answer and submit one practice question; a short question is then self-marked."""
    enter(item, q, value)
    if q["type"] == "short":
        item.get_by_role("button", name=ui("show_reference")).click()
        item.get_by_role("button", name=ui("self_right" if right else "self_wrong")).click()
    else:
        item.get_by_role("button", name=ui("check")).click()


def answer_somehow(item) -> None:
    """Give any answer to a question whose content the test does not know (real content), submit it,
    and self-mark a short answer as wrong: enough to get its feedback."""
    kind = item.get_attribute("data-ck-type")
    if kind in ("single", "multiple", "judge"):
        item.locator("label.ck-choice").first.click()
    elif kind == "blank":
        item.locator("input[type=text]").first.fill("x")
    elif kind == "order":
        item.locator(".ck-down").first.click()
    item.locator(".ck-submit").click()
    if kind == "short":
        item.get_by_role("button", name=ui("self_wrong")).click()


def failing_until_released(page, pattern: str) -> dict:
    """Make requests matching ``pattern`` fail until the returned switch's ``"on"`` is set False."""
    blocked = {"on": True}

    def maybe_fail(route):
        if blocked["on"]:
            route.abort()
        else:
            route.continue_()

    page.route(pattern, maybe_fail)
    return blocked


def stored_state(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(STORE_KEY)})")
    return None if raw is None else json.loads(raw)


def absolute_href(link) -> str:
    return link.evaluate("a => a.href")


def foreign_requests(page, base: str) -> list[str]:
    """Requests that did not go to our own server (data: and our own blob: URLs stay in the page)."""
    return [url for url in page.requests_seen if not (url.startswith(base) or url.startswith("data:") or url.startswith("blob:" + base.rstrip("/")))]


def assert_clean(page, base: str) -> None:
    assert page.console_errors == [], page.console_errors
    assert foreign_requests(page, base) == []


def url(base: str, path: str) -> str:
    return urljoin(base, path)


def search_site(page, words: str):
    """Type ``words`` into the site's search box as a learner does; the result items."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phone width: the search opens from a header button
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.fill(words)
    box.press("End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return page.locator(".md-search-result__item")


def sign_slip(slip, button: str, unit: str, done: str) -> None:
    """Ask the result slip for its copy (the ``button`` named by that ui text): refused without a
    name, then given the name 王 芳 and ``unit``, shown (status ``done``)."""
    from playwright.sync_api import expect

    ask = slip.get_by_role("button", name=ui(button))
    ask.click()
    expect(slip.locator(".ck-slip-status")).to_have_text(ui("slip_need_name"))  # no name, no slip
    slip.get_by_label(ui("slip_name")).fill("王 芳")
    slip.get_by_label(ui("slip_unit")).fill(unit)
    ask.click()
    expect(slip.locator(".ck-slip-status")).to_have_text(ui(done))
