"""Practice questions in a real Chromium: every type answered right and wrong, the feedback a
learner gets, shuffling, nothing given away before answering, and keyboard-only answering."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizdriver import absolute_href, answer_practice, answer_somehow, assert_clean, option_label, order_texts, question, stored_state, ui, wrong_answer
from quizsite import ANSWERS, COURSE, LONG_LESSON, PRACTICE, PRACTICE_BANK, QUESTIONS

pytestmark = pytest.mark.browser

PRACTICE_PAGE = f"practice/{PRACTICE_BANK}/"


def expected_answer_line(q: dict) -> list[str]:
    """Pieces the feedback's answer line must contain."""
    right = ANSWERS[q["id"]]
    if q["type"] == "short":
        return [ui("reference", answer=q["answer"])]
    if q["type"] in ("single", "multiple"):
        return [ui("correct_answer", answer="")] + right
    if q["type"] == "judge":
        return [ui("correct_answer", answer=right)]
    if q["type"] == "blank":
        return [ui("correct_answer", answer="；".join(" / ".join(accepted) for accepted in q["answer"]))]
    return [ui("correct_answer", answer=" → ".join(right))]


def check_feedback(item, q: dict, right: bool, base: str) -> None:
    feedback = item.locator(".ck-feedback")
    expect(feedback.locator(".ck-verdict")).to_have_text(ui("correct" if right else "wrong"))
    expect(feedback).to_have_attribute("role", "status")
    text = feedback.inner_text()
    for piece in expected_answer_line(q):
        assert piece in text, (piece, text)
    assert q["explanation"] in text
    if q["type"] == "multiple":
        line = feedback.locator(".ck-correct").inner_text()
        letters = [part.split(".")[0] for part in line.split("：", 1)[1].split("；")]
        assert letters == sorted(letters), line
    source = feedback.locator("a.ck-source")
    expect(source).to_have_count(1)
    assert absolute_href(source) == base + f"citations/#{q['source']}"
    lesson = feedback.locator("a.ck-lesson-link")
    assert absolute_href(lesson) == base + f"courses/{LONG_LESSON}/"
    expect(lesson).to_contain_text("支委会")


@pytest.mark.parametrize("qid", [q["id"] for q in PRACTICE])
def test_every_type_answered_right_then_wrong(page, quiz_site, qid):
    _, base = quiz_site
    q = QUESTIONS[qid]
    page.goto(base + PRACTICE_PAGE)
    quiz = page.locator(".ck-quiz")
    # Before answering, nothing on the page gives the answer away.
    expect(quiz.locator("details.ck-answer")).to_have_count(0)
    assert q["explanation"] not in quiz.inner_text()

    item = question(page, qid)
    answer_practice(item, q, ANSWERS[qid], right=True)
    check_feedback(item, q, True, base)
    assert stored_state(page)["questions"][qid]["right"] == 1

    item.get_by_role("button", name=ui("retry")).click()
    item = question(page, qid)
    expect(item.locator(".ck-feedback")).to_be_empty()
    answer_practice(item, q, wrong_answer(q, ANSWERS[qid]), right=False)
    check_feedback(item, q, False, base)
    record = stored_state(page)["questions"][qid]
    assert (record["right"], record["wrong"], record["box"]) == (1, 1, 1)
    assert_clean(page, base)


def test_blank_ignores_spaces_and_full_width_characters(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    item = question(page, "gt-blank")
    item.get_by_label(ui("blank_label", n=1)).fill("  个　月 ")  # ideographic space inside
    item.get_by_label(ui("blank_label", n=2)).fill("半 数")
    item.get_by_role("button", name=ui("check")).click()
    expect(item.locator(".ck-verdict")).to_have_text(ui("correct"))


def test_one_wrong_blank_is_marked(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    item = question(page, "gt-blank")
    item.get_by_label(ui("blank_label", n=1)).fill("月")
    item.get_by_label(ui("blank_label", n=2)).fill("三分之一")
    item.get_by_role("button", name=ui("check")).click()
    expect(item.locator(".ck-verdict")).to_have_text(ui("wrong"))
    expect(item.get_by_label(ui("blank_label", n=2))).to_have_attribute("aria-invalid", "true")
    expect(item.get_by_label(ui("blank_label", n=1))).not_to_have_attribute("aria-invalid", "true")


def test_empty_answer_is_not_marked(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    item = question(page, "gt-single")
    item.get_by_role("button", name=ui("check")).click()
    expect(item.locator(".ck-feedback")).to_have_text(ui("need_answer"))
    assert stored_state(page) is None
    option_label(item, "每月1次").click()
    item.get_by_role("button", name=ui("check")).click()
    expect(item.locator(".ck-verdict")).to_have_text(ui("correct"))


def test_options_shuffle_per_attempt_and_order_never_starts_solved(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    single, order = QUESTIONS["gt-single"], QUESTIONS["gt-order"]
    seen = set()
    for _ in range(10):
        item = question(page, "gt-single")
        seen.add(tuple(item.locator(".ck-option-text").all_inner_texts()))
        answer_practice(item, single, ANSWERS["gt-single"], right=True)
        item.get_by_role("button", name=ui("retry")).click()

        item = question(page, "gt-order")
        assert order_texts(item) != order["options"]
        answer_practice(item, order, ANSWERS["gt-order"], right=True)
        item.get_by_role("button", name=ui("retry")).click()
    assert len(seen) > 1, "单选题的选项每次都是同一顺序"
    # Letters follow the shown order, so the feedback's letter names the shown option.
    item = question(page, "gt-single")
    letters = item.locator(".ck-letter").all_inner_texts()
    assert letters == ["A", "B", "C", "D", "E"]


def test_order_question_by_keyboard_and_announced(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    item = question(page, "gt-order")
    # The list as first shown is never the answer (it never starts solved): checking it untouched
    # says to move the items, and nothing is marked.
    item.get_by_role("button", name=ui("check")).click()
    expect(item.locator(".ck-feedback")).to_have_text(ui("need_order"))
    assert stored_state(page) is None
    first = order_texts(item)[1]
    up = item.get_by_role("button", name=ui("move_up", item=first))
    up.focus()
    page.keyboard.press("Enter")
    assert order_texts(item)[0] == first
    # Focus stays with the moved item (its up button is now disabled, so on its down button). The
    # script moves it once the list is redrawn (setTimeout 0): wait for it, as a reader would.
    expect(item.get_by_role("button", name=ui("move_down", item=first))).to_be_focused()
    expect(item.locator(".ck-sr")).to_have_text(ui("moved", item=first, position=1))


def test_keyboard_only_single_choice(page, quiz_site):
    _, base = quiz_site
    page.goto(base + PRACTICE_PAGE)
    item = question(page, "gt-single")
    # Tab from the top of the page until a radio button of the first question has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'radio' && !!document.activeElement.closest('[data-ck-qid=\"gt-single\"]')"):
            break
    else:
        pytest.fail("Tab 键到不了第一道单选题")
    # Visible focus: the option row around the radio button is outlined.
    outline = page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Space")
    for _ in range(6):
        text = page.evaluate("document.activeElement.closest('label').querySelector('.ck-option-text').textContent")
        if text == "每月1次":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.checked")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == ui("check")
    page.keyboard.press("Enter")
    expect(item.locator(".ck-verdict")).to_have_text(ui("correct"))
    # Focus moves to "再做一次", the next thing to do, not back to the top of the page.
    assert page.evaluate("document.activeElement.textContent") == ui("retry")
    assert_clean(page, base)


def test_lesson_end_quiz_and_citation_target(page, quiz_site):
    _, base = quiz_site
    page.goto(base + f"courses/{LONG_LESSON}/")
    item = question(page, "gt-judge")
    answer_practice(item, QUESTIONS["gt-judge"], "错误", right=True)
    feedback = item.locator(".ck-feedback")
    expect(feedback.locator(".ck-verdict")).to_have_text(ui("correct"))
    # On the lesson's own page there is no link back to it.
    expect(feedback.locator("a.ck-lesson-link")).to_have_count(0)
    feedback.locator("a.ck-source").click()
    page.wait_for_url(f"**/citations/#{QUESTIONS['gt-judge']['source']}")
    expect(page.locator(f"#{QUESTIONS['gt-judge']['source']}")).to_be_visible()
    assert_clean(page, base)


def test_without_javascript_the_answers_stay_folded(browser, quiz_site):
    _, base = quiz_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + PRACTICE_PAGE)
    details = page.locator("details.ck-answer")
    expect(details).to_have_count(len(PRACTICE))
    expect(details.first).not_to_have_attribute("open", "")
    expect(page.locator("li.ck-question").first).to_contain_text(PRACTICE[0]["stem"])
    context.close()


def test_real_site_practice_and_course_page(page, site_url):
    """The real content: the first practice page works and a course page shows its progress line."""
    page.goto(site_url + "practice/")
    page.locator("article li a[href]").first.click()
    page.wait_for_selector("li.ck-question fieldset")
    item = page.locator("li.ck-question").first
    answer_somehow(item)
    expect(item.locator(".ck-verdict")).to_have_count(1)
    expect(item.locator(".ck-feedback a.ck-source").first).to_be_visible()
    page.goto(site_url + "courses/")
    page.locator("article li a[href]").first.click()
    expect(page.locator(".ck-course-progress .ck-course-line")).to_contain_text("0 /")
    assert_clean(page, site_url)


def test_course_page_counts_progress(page, quiz_site):
    _, base = quiz_site
    page.goto(base + "practice/geti/")
    answer_practice(question(page, "gt-single"), QUESTIONS["gt-single"], ANSWERS["gt-single"], right=True)
    page.goto(base + f"courses/{COURSE}/")
    expect(page.locator(".ck-course-progress")).to_have_text(ui("course_progress", read=0, lessons=2, mastered=1, questions=len(QUESTIONS)))
