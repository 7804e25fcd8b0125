"""Easy to read for a 55-year-old on a phone, measured in a real Chromium at 375 px on the real
site: no text under 14 px, tap targets of at least 44 px, headings, objectives, text, links and
buttons at WCAG AA contrast (read from computed styles), a larger-text switch that is remembered,
the lesson pager as two large buttons, and nothing floating over an exam's result."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizdriver import ui

pytestmark = pytest.mark.browser

LESSON = "courses/sanhui-yike/dangyuan-dahui/"
PAGES = [LESSON, "", "courses/sanhui-yike/", "practice/sanhui-yike/", "exams/sanhui-yike-ceshi/", "notebook/", "progress/", "offline/", "citations/", "guide/learners/"]

# Visible text smaller than 14 px, and visible controls smaller than 44 px. Left out: Material's
# skip link (off screen until focused), the heading anchors (invisible on a phone), radio and
# check boxes (their whole row, a label, is the target), and the visually hidden file input
# (its label is the button).
MEASURE = """() => {
  const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0' && !e.closest('[hidden], .md-search, .md-sidebar'); };
  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '') + ' "' + e.textContent.trim().slice(0, 20) + '"';
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode; const e = text.parentElement;
    if (!text.textContent.trim() || !visible(e) || e.closest('.md-skip')) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 14) small.push(name(e) + ' ' + size + 'px');
  }
  const tiny = [];
  for (const e of document.querySelectorAll('a[href], button, label, summary, input, select, textarea')) {
    if (!visible(e) || e.matches('.md-skip, .headerlink, .ck-choice input, .ck-import input')) continue;
    const r = e.getBoundingClientRect();
    if (r.width < 44 || r.height < 43.5) tiny.push(name(e) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  return {small, tiny};
}"""

CONTRAST = """(selectors) => {
  const parse = c => { const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(k => top[k] * top[3] + under[k] * (1 - top[3]));
  const background = e => {
    const layers = [];
    for (let n = e; n; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const luminance = rgb => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]); };
  const out = [];
  for (const selector of selectors) {
    const nodes = [...document.querySelectorAll(selector)].filter(e => e.getBoundingClientRect().height > 0);
    if (!nodes.length) { out.push({selector, missing: true}); continue; }
    for (const e of nodes.slice(0, 5)) {
      const s = getComputedStyle(e); const bg = background(e); const fg = over(parse(s.color), bg);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      const size = parseFloat(s.fontSize); const bold = parseInt(s.fontWeight) >= 700;
      out.push({selector, ratio: (a + 0.05) / (b + 0.05), large: size >= 24 || (bold && size >= 18.66), text: e.textContent.trim().slice(0, 20)});
    }
  }
  return out;
}"""


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 375, "height": 800})
    return page


def test_no_small_text_and_no_small_targets_on_a_phone(phone, site_url):
    problems = {}
    for url in PAGES:
        phone.goto(site_url + url)
        phone.wait_for_load_state("networkidle")
        found = phone.evaluate(MEASURE)
        if found["small"] or found["tiny"]:
            problems[url] = found
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_headings_objectives_text_and_buttons_reach_wcag_aa(phone, site_url):
    phone.goto(site_url + LESSON)
    selectors = [
        "article h1", "article h2", ".admonition.abstract .admonition-title", ".admonition.abstract li",
        "article > p", "article p a", ".ck-meta", ".ck-type", ".ck-btn--primary", ".ck-pager a", ".md-copyright", ".md-header__title",
    ]
    results = phone.evaluate(CONTRAST, selectors)
    assert not [r for r in results if r.get("missing")], results
    failing = [r for r in results if r["ratio"] < (3 if r["large"] else 4.5)]
    assert failing == [], failing
    # Headings are dark and bold, not Material's light grey at weight 300.
    assert phone.locator("article h1").evaluate("h => parseInt(getComputedStyle(h).fontWeight)") >= 700


def test_larger_text_is_one_tap_and_remembered(phone, site_url):
    phone.goto(site_url + LESSON)
    text = phone.locator("article > p").nth(1)
    before = text.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    objectives = phone.locator(".admonition.abstract li").first.evaluate("li => parseFloat(getComputedStyle(li).fontSize)")
    switch = phone.get_by_role("button", name=ui("text_large"))
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert text.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") >= before * 1.2
    assert phone.locator(".admonition.abstract li").first.evaluate("li => parseFloat(getComputedStyle(li).fontSize)") >= objectives * 1.2
    # Another page, another day: still large, and the questions too.
    phone.goto(site_url + "practice/sanhui-yike/")
    expect(phone.get_by_role("button", name=ui("text_large"))).to_have_attribute("aria-pressed", "true")
    assert phone.locator(".ck-q legend").first.evaluate("l => parseFloat(getComputedStyle(l).fontSize)") >= 19.5
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"放大后页面横向溢出：{width}px"
    phone.get_by_role("button", name=ui("text_large")).click()
    phone.reload()
    expect(phone.get_by_role("button", name=ui("text_large"))).to_have_attribute("aria-pressed", "false")


def test_lesson_pager_is_two_large_buttons_without_a_stray_arrow(phone, site_url):
    phone.goto(site_url + LESSON)
    prev, nxt, course = (phone.locator(f".ck-pager .{name}") for name in ("ck-prev", "ck-next", "ck-course-link"))
    boxes = [link.bounding_box() for link in (prev, nxt, course)]
    assert all(box["height"] >= 44 for box in boxes)
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 1 and boxes[0]["x"] < boxes[1]["x"], "上一课、下一课并排"
    assert boxes[2]["y"] > boxes[0]["y"] + boxes[0]["height"]
    arrows = phone.locator(".ck-pager a").evaluate_all("links => links.map(a => getComputedStyle(a, '::before').content)")
    assert set(arrows) <= {"none", "normal"}, arrows
    assert "↑" not in phone.locator(".ck-pager").inner_text()


def test_nothing_floats_over_the_exam_result(phone, site_url):
    phone.goto(site_url + "exams/sanhui-yike-ceshi/")
    phone.get_by_role("button", name=ui("exam_start")).click()
    phone.get_by_role("button", name=ui("exam_submit")).click()
    phone.get_by_role("button", name=ui("exam_confirm_yes")).click()
    heading = phone.locator(".ck-exam-result h2").first
    expect(heading).to_be_visible()
    # Scrolling up is what brings Material's back-to-top button out, right over the heading.
    phone.mouse.wheel(0, 1500)
    phone.wait_for_timeout(300)
    phone.mouse.wheel(0, -600)
    phone.wait_for_timeout(500)
    assert phone.locator(".md-top").evaluate("b => getComputedStyle(b).display") == "none"
