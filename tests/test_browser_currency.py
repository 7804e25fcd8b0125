"""The revision notice in a real browser on the real site (issue 23): a lesson of the 发展党员
course opens with it at 375 px without widening the page, its link into the citation index
resolves, and a question resting on the 2014 《细则》 shows it in the practice feedback."""

from __future__ import annotations

from urllib.parse import urljoin

NOTICE = "本课内容依据2014年版《中国共产党发展党员工作细则》编写"
QUESTION_NOTICE = "【修订提示】本题依据2014年版《细则》"


def test_the_notice_fits_a_phone_and_shows_in_feedback(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(urljoin(site_url, "courses/fazhan-dangyuan/yubeiqi/"))
        notice = page.locator(".admonition.warning").first
        assert NOTICE in notice.inner_text()
        box = notice.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        link = notice.locator("a", has_text="版本说明")
        assert link.get_attribute("href").endswith("citations/#reg-xize")

        question = page.locator("[data-ck-qid=fzdy-067]")
        question.locator("input[type=radio]").first.check()
        question.locator("button", has_text="提交答案").click()
        feedback = question.locator(".ck-feedback")
        feedback.wait_for()
        assert QUESTION_NOTICE in feedback.inner_text()

        link.click()
        page.wait_for_url("**/citations/#reg-xize")
        assert page.locator("#reg-xize").count() == 1
        assert "新文本尚未核对" in page.locator("#reg-xize ~ .admonition.warning").first.inner_text()
    finally:
        context.close()
