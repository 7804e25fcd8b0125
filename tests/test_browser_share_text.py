"""Sharing that works in WeChat, whose browser often blocks downloads: a result slip copied as one
line of text, pasted into a chat among other messages and read back by ``coursekit results``'s
reader of pasted slips; a progress backup copied as text on one phone and pasted on another."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from coursekit.results.pasted import read_pasted_slips
from quizdriver import answer_practice, question, sign_slip, stored_state, ui, wrong_answer
from quizsite import ANSWERS, PAPER, PRACTICE_BANK, QUESTIONS

pytestmark = pytest.mark.browser


def test_a_slip_copied_as_text_is_read_from_a_saved_chat(browser, quiz_site, tmp_path):
    _, base = quiz_site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + f"exams/{PAPER}/")
    page.get_by_role("button", name=ui("exam_start")).click()
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()
    slip = page.locator(".ck-slip")
    sign_slip(slip, "slip_copy", "东村党支部", "slip_copied")
    text = slip.get_by_label(ui("slip_text_label")).input_value()
    assert "\n" not in text and text.startswith('{"format":"coursekit-result"')
    assert page.evaluate("navigator.clipboard.readText()") == text
    chat = tmp_path / "微信聊天.txt"
    chat.write_text(f"王芳 10:02\n老师，我的成绩单：\n{text}\n李强 10:05\n收到\n", "utf-8")
    slips, problems = read_pasted_slips(chat)
    assert problems == [] and len(slips) == 1
    assert slips[0].name == "王 芳" and slips[0].paper == PAPER and slips[0].file.endswith(":3")
    context.close()


def test_a_backup_copied_as_text_is_pasted_on_another_phone(browser, quiz_site):
    _, base = quiz_site
    phones = [browser.new_context(permissions=["clipboard-read", "clipboard-write"]) for _ in range(2)]
    old, new = (context.new_page() for context in phones)
    old.goto(base + f"practice/{PRACTICE_BANK}/")
    answer_practice(question(old, "gt-single"), QUESTIONS["gt-single"], wrong_answer(QUESTIONS["gt-single"], ANSWERS["gt-single"]), False)
    answer_practice(question(old, "gt-judge"), QUESTIONS["gt-judge"], ANSWERS["gt-judge"], True)
    old.goto(base + "progress/")
    old.get_by_role("button", name=ui("pg_copy")).click()
    expect(old.locator(".ck-import-status")).to_have_text(ui("pg_copied"))
    text = old.get_by_label(ui("pg_backup_text_label"), exact=True).input_value()
    assert json.loads(text)["questions"].keys() == {"gt-single", "gt-judge"}

    new.goto(base + "progress/")
    box = new.get_by_label(ui("pg_paste_label"))
    box.fill("文件传输助手 09:30\n" + text + "\n")  # pasted with the chat's header line
    new.get_by_role("button", name=ui("pg_paste_import")).click()
    expect(new.locator(".ck-import-status")).to_have_text(ui("import_done", questions=2, lessons=0, exams=0))
    assert stored_state(new)["questions"] == stored_state(old)["questions"]
    box.fill("不是学习记录")
    new.get_by_role("button", name=ui("pg_paste_import")).click()
    expect(new.locator(".ck-import-status")).to_have_text(ui("import_bad"))
    for context in phones:
        context.close()
