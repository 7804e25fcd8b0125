"""The English tree in a real Chromium, on the real site: a translated lesson's practice answers in
English (the en catalogue and the English bank), its citation links stay in /en/, and the English
mistake notebook lists the mistake."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from coursekit.messages import t
from conftest import ROOT
from quizdriver import assert_clean, option_label, question

pytestmark = pytest.mark.browser

LESSON = "en/courses/dangzhang-jichu/dangfei-jisuan/"
RIGHT, WRONG = "dzjc-068", "dzjc-069"  # two single-choice questions at the end of the lesson


def en(key: str, **values) -> str:
    return t(f"ui.{key}", lang="en", **values)


def questions(name: str) -> dict[str, dict]:
    data = yaml.safe_load((ROOT / "quizzes" / name).read_text("utf-8"))
    return {q["id"]: q for q in data["questions"]}


def test_english_lesson_practice_citation_and_notebook(page, site_url):
    chinese, english = questions("dangzhang-jichu.yml"), questions("dangzhang-jichu.en.yml")

    def option(qid: str, right: bool) -> str:
        index = "ABCDEFGH".index(chinese[qid]["answer"])  # letters live in the Chinese bank
        texts = english[qid]["options"]
        return texts[index] if right else texts[(index + 1) % len(texts)]

    page.goto(site_url + LESSON)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for qid, right in ((RIGHT, True), (WRONG, False)):
        item = question(page, qid)
        expect(item.locator(".ck-stem-text")).to_have_text(english[qid]["stem"])
        option_label(item, option(qid, right)).click()
        item.get_by_role("button", name=en("check")).click()
        feedback = item.locator(".ck-feedback")
        expect(feedback.locator(".ck-verdict")).to_have_text(en("correct" if right else "wrong"))
        expect(feedback.locator(".ck-correct")).to_contain_text(en("correct_answer", answer="").strip())
        expect(feedback.locator(".ck-correct")).to_contain_text(option(qid, True))
        expect(feedback.get_by_text(en("explanation") + en("colon") + english[qid]["explanation"], exact=True)).to_be_visible()
        expect(feedback).not_to_contain_text(chinese[qid]["explanation"])
        expect(feedback).to_contain_text(en("source") + en("colon"))

    # The wrong answer's citation leads to the English citation index, to an entry that exists.
    key = chinese[WRONG]["source"]
    link = question(page, WRONG).locator("a.ck-source")
    expect(link).to_have_count(1)
    assert link.evaluate("a => a.href") == site_url + f"en/citations/#{key}"
    link.click()
    expect(page).to_have_url(site_url + f"en/citations/#{key}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(f'[id="{key}"]')).to_have_count(1)
    expect(page.locator(f'[id="{key}"]')).to_be_in_viewport()

    # The English notebook: the one mistake, in English, not due before tomorrow.
    page.goto(site_url + "en/notebook/")
    notebook = page.locator(".ck-notebook")
    expect(notebook.get_by_role("heading", name=en("nb_all", count=1))).to_be_visible()
    expect(notebook.get_by_role("heading", name=en("nb_due", count=0))).to_be_visible()
    mistakes = notebook.locator(".ck-mistakes > li")
    expect(mistakes).to_have_count(1)
    expect(mistakes.first).to_have_attribute("data-ck-qid", WRONG)
    expect(mistakes.first.locator(".ck-mistake-stem")).to_have_text(english[WRONG]["stem"])
    expect(mistakes.first.locator(".ck-mistake-meta")).to_contain_text(en("nb_wrong_times", count=1))
    lesson_link = mistakes.first.locator("a")
    assert lesson_link.evaluate("a => a.href") == site_url + LESSON
    assert_clean(page, site_url)
