"""听课文 in Chromium with a stub speech engine standing in for the phone's voices: the button reads
the lesson (title, objectives, text; not the practice or sources) with the Chinese voice, in short
pieces, and stops; on a device with no Chinese voice there is no button."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizdriver import ui

pytestmark = pytest.mark.browser

LESSON = "courses/sanhui-yike/dangyuan-dahui/"

# A speech engine that records what it is asked to say; ckFinish() ends the last piece as if said.
STUB = """
(() => {
  const VOICES = %s;
  window.ckSpoken = [];
  window.ckCancelled = 0;
  window.ckFinish = () => window.ckLast && window.ckLast.onend && window.ckLast.onend({});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  const listeners = {};
  const engine = {
    getVoices: () => VOICES,
    speak(u) { window.ckSpoken.push({ text: u.text, voice: u.voice && u.voice.name, lang: u.lang }); window.ckLast = u; },
    cancel() { window.ckCancelled += 1; },
    addEventListener(kind, fn) { (listeners[kind] = listeners[kind] || []).push(fn); },
  };
  // window.speechSynthesis is a read-only getter: replaced, not assigned.
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
})();
"""


def with_voices(browser, voices: str):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    context.add_init_script(STUB % voices)
    return context, context.new_page()


def test_the_lesson_is_read_with_the_chinese_voice(browser, site_url):
    context, page = with_voices(browser, '[{ name: "English", lang: "en-US", localService: true }, { name: "普通话", lang: "zh-CN", localService: true }]')
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + LESSON)
    button = page.get_by_role("button", name=ui("read_aloud"))
    expect(button).to_be_visible()
    assert button.bounding_box()["height"] >= 44
    button.click()
    spoken = page.evaluate("window.ckSpoken")
    texts = [piece["text"] for piece in spoken]
    assert texts[0] == "支部党员大会"
    assert any("议事决策机构" in text for text in texts)
    assert any("记住党员大会一般每季度召开1次" in text for text in texts)  # the objectives
    assert not any("¶" in text for text in texts)
    practice = page.locator("h2#本课练习").inner_text().rstrip("¶")
    assert practice not in texts and not any(text.startswith("A.") for text in texts)
    assert all(piece["voice"] == "普通话" and piece["lang"] == "zh-CN" and len(piece["text"]) <= 160 for piece in spoken)
    # Reading: the button stops it.
    stop = page.get_by_role("button", name=ui("read_aloud_stop"))
    expect(stop).to_have_attribute("aria-pressed", "true")
    stop.click()
    assert page.evaluate("window.ckCancelled") >= 2  # once before reading, once to stop
    expect(page.get_by_role("button", name=ui("read_aloud"))).to_have_attribute("aria-pressed", "false")
    # Read to the end: the button is ready to read again.
    page.get_by_role("button", name=ui("read_aloud")).click()
    expect(page.get_by_role("button", name=ui("read_aloud_stop"))).to_be_visible()
    page.evaluate("window.ckFinish()")
    expect(page.get_by_role("button", name=ui("read_aloud"))).to_have_attribute("aria-pressed", "false")
    assert errors == []
    context.close()


def test_no_chinese_voice_no_button(browser, site_url):
    context, page = with_voices(browser, '[{ name: "English", lang: "en-US", localService: true }]')
    page.goto(site_url + LESSON)
    expect(page.locator(".ck-meta")).to_be_visible()
    expect(page.locator(".ck-read-aloud")).to_be_hidden()
    context.close()
