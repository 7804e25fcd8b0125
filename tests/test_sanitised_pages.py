"""Hostile lesson bodies that a scan of the Markdown source missed: the HTML converted from author
Markdown passes an allow-list sanitiser (``coursekit.sources.sanitise``, nh3), ``coursekit check``
names each removal with file and line, and every page carries its Content-Security-Policy as a
``<meta>``. In a real Chromium served WITHOUT the server's policy (a plain static server): no
dialog, no side effect, no request to another site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from unittest import mock

import pytest

from conftest import recorded, run_mkdocs, serve_directory
from coursekit.messages import t
from coursekit.model import Lesson
from coursekit.publish.csp import PREVIEW_ENV
from coursekit.sources.sanitise import sanitise_html
from coursekit.sources.project import load_project
from coursekit.sources.safety import lesson_markup_problems
from minisite import make_mini_project

OUTSIDE = "http://192.0.2.7:8209"  # TEST-NET: never answers; any request to it is recorded

# (vector, the message key of the first problem check reports, the 1-based line of the body it names)
VECTORS = [
    ("这里有一个 ` 反引号\n\n<img src=x onerror=alert(1)>", "safety.event_attribute", 3),
    ("> [r]: javascript:alert(1)\n\n[点这里][r]", "safety.forbidden_url", 1),
    ("<!-- --!> <img src=x onerror=alert(1)> -->", "safety.event_attribute", 1),
    ("    ```\n\n<img src=x onerror=alert(1)>\n\n    ```", "safety.event_attribute", 3),
    ("```\n<img src=x onerror=alert(1)>", "safety.event_attribute", 2),
    ("<svg><a><set attributeName=href to=javascript:alert(1) /><text y=20>点</text></a></svg>", "safety.forbidden_tag", 1),
    (f'<img srcset="{OUTSIDE}/a.png 1x" alt="">', "safety.attribute_removed", 1),
    ('<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#c00;z-index:9">假页面</div>', "safety.attribute_removed", 1),
    (f'<video poster="{OUTSIDE}/p.png" src="{OUTSIDE}/v.mp4"></video>', "safety.forbidden_tag", 1),
    ('<a href="&#106;avascript:alert(1)">x</a>', "safety.forbidden_url", 1),
    ('<a href="java&#9;script:alert(1)">x</a>', "safety.forbidden_url", 1),
    ('<a href="javascript&colon;alert(1)">x</a>', "safety.forbidden_url", 1),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "safety.forbidden_tag", 1),
    ('<object data="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></object>', "safety.forbidden_tag", 1),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "safety.forbidden_tag", 1),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "safety.forbidden_tag", 1),
    ("<details open ontoggle=alert(1)><summary>点开</summary>内容</details>", "safety.event_attribute", 1),
    ('<button formaction="javascript:alert(1)">提交</button>', "safety.forbidden_tag", 1),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "safety.meta_http_equiv", 1),
    (f'<base href="{OUTSIDE}/">', "safety.forbidden_tag", 1),
    (f'<link rel="stylesheet" href="{OUTSIDE}/x.css">', "safety.forbidden_tag", 1),
    ("<input autofocus onfocus=alert(1)>", "safety.event_attribute", 1),
    (f"![外部图片]({OUTSIDE}/x.png)", "safety.external_load", 1),
    ('## 小标题 {: style="position:fixed;inset:0" }', "safety.attribute_removed", 1),
    (f'<p style="background:url({OUTSIDE}/bg.png)">背景</p>', "safety.attribute_removed", 1),
    ("<svg><animate onbegin=alert(1) attributeName=x dur=1s /></svg>", "safety.forbidden_tag", 1),
    ('<img\nsrc="x"\nonerror="alert(1)">', "safety.event_attribute", 3),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "safety.forbidden_url", 1),
    (f"<style>@import url({OUTSIDE}/x.css);</style>", "safety.forbidden_tag", 1),
    ("<a href=\"x\" onmouseover='alert(1)'>悬停</a>", "safety.event_attribute", 1),
]
IDS = [v[0][:28] for v in VECTORS]


def lesson_with(body: str) -> Lesson:
    return Lesson(course_id="jichu", slug="dahui", title="t", minutes=5, body=body, objectives=[], sources=[], file="courses/jichu/dahui.md", body_line=10)


@pytest.mark.parametrize("vector, key, line", VECTORS, ids=IDS)
def test_check_names_what_the_sanitiser_removes(vector, key, line):
    problems = lesson_markup_problems(lesson_with("正文第一段。\n\n" + vector + "\n\n正文最后一段。\n"))
    assert problems, vector
    first = problems[0]
    assert first.file == "courses/jichu/dahui.md"
    assert first.line == 10 + 2 + line - 1, [str(p) for p in problems]
    prefix = t(key, tag="\x00", name="\x00", url="\x00", scheme="\x00", property="\x00").split("\x00")[0]
    assert first.message.startswith(prefix), [str(p) for p in problems]


def test_what_the_site_itself_writes_survives():
    kept = (
        '<div class="admonition note"><p class="admonition-title">注意</p><p>x</p></div>'
        '<details class="tip" open=""><summary>s</summary><p>x</p></details>'
        '<h2 data-search-exclude="" id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
        '<table><thead><tr><th style="text-align:right">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
        '<p class="ck-note"><a href="../x/#y" hreflang="zh">站内</a> <a href="https://www.12371.cn/">外部链接</a> '
        '<img alt="" src="../x.png"> <a href="mailto:a@b.cn">邮件</a></p>'
        '<div class="highlight"><pre><span></span><code><span class="p">&lt;script&gt;</span></code></pre></div>'
        "<!--ck-fragment:0-->\ue0023\ue003"
    )
    result = sanitise_html(kept)
    assert result.removed == []
    assert result.html == kept.replace("<table><thead>", "<table><thead>")


def test_a_translated_lesson_is_checked_the_same_way(tmp_path):
    project = make_mini_project(tmp_path / "project")
    source = project / "courses/jichu/dahui.md"
    translated = project / "courses/jichu/dahui.en.md"
    translated.write_text("---\ntitle: Meeting\n---\n\nText.\n\n> [r]: javascript:alert(1)\n\n[click][r]\n", "utf-8")
    assert source.is_file()
    from coursekit.sources.translations import translate_project

    loaded, problems = load_project(project)
    assert problems == []
    _, problems = translate_project(loaded, project, "en")
    assert [str(p) for p in problems] == [
        "courses/jichu/dahui.en.md:7: " + t("safety.forbidden_url", url="javascript:alert(1)", scheme="javascript:")
    ]


# -- in a real browser, served without the server's policy -------------------------------------

ALERT_WATCH = """
window.ckSideEffects = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => window.ckSideEffects.push(name);
}
"""


@pytest.fixture(scope="module")
def vector_site(tmp_path_factory) -> tuple[Path, str]:
    """Every vector in a hand-written page (not checked by `coursekit check`, so only the build's
    sanitiser stands between it and the reader), in both languages. Built without --strict: each
    removal is a warning, which --strict would stop at (tested below)."""
    project = make_mini_project(tmp_path_factory.mktemp("vectors") / "project")
    body = "\n\n".join(f"## 向量 {i}\n\n{vector}\n\n后文 {i}。" for i, (vector, _, _) in enumerate(VECTORS) if not vector.startswith("```"))
    body += "\n\n## 未闭合\n\n```\n<img src=x onerror=alert(1)>\n"
    (project / "docs/vectors.md").write_text("# 向量\n\n" + body, "utf-8")
    (project / "docs/vectors.en.md").write_text("# Vectors\n\n" + body, "utf-8")
    (project / "docs/vector").mkdir()
    for i, (vector, _, _) in enumerate(VECTORS):  # and each alone: one cannot hide another
        (project / f"docs/vector/{i:02d}.md").write_text(f"# 向量 {i}\n\n前文 {i}。\n\n{vector}\n", "utf-8")
    config = project / "mkdocs.yml"
    settings = config.read_text("utf-8").replace("  - 首页: index.md\n", "  - 首页: index.md\n  - 向量: vectors.md\n")
    config.write_text(settings.replace("strict: true", "strict: false"), "utf-8")
    site = tmp_path_factory.mktemp("vectors-site")
    result = run_mkdocs(project, site, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # The same pages without their <meta> policy: the sanitiser alone must hold.
    with mock.patch.dict(os.environ, {PREVIEW_ENV: "1"}):
        bare = run_mkdocs(project, tmp_path_factory.mktemp("vectors-without-meta") / "site", strict=False)
    assert bare.returncode == 0, bare.stderr
    config.write_text(settings, "utf-8")
    strict = run_mkdocs(project, tmp_path_factory.mktemp("vectors-strict"))
    return site, result.stderr + "\n----\n" + strict.stderr + f"\nstrict exit {strict.returncode}"


@pytest.fixture(scope="module")
def site_without_meta(vector_site) -> Path:
    site = vector_site[0].parent / "vectors-without-meta0" / "site"
    assert site.is_dir() and "Content-Security-Policy" not in (site / "vector/00/index.html").read_text("utf-8")
    return site


def test_the_build_warns_of_each_removal_and_strict_stops(vector_site):
    _, log = vector_site
    assert "vectors.md:" in log and t("safety.event_attribute", name="onerror", tag="img") in log
    assert "strict exit 1" in log


def test_every_page_carries_its_policy(vector_site):
    site, _ = vector_site
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'' in text, page
        assert text.index("Content-Security-Policy") < text.index("<script"), page


def browse_harmlessly(context, base: str, paths: list[str], wait_ms: int = 1500) -> dict:
    """Open every path of ``paths``, each in a tab of its own, then in each: hover, tab, open every
    <details>; ``wait_ms`` later, nothing may have run (no dialog, no alert), loaded from outside,
    navigated away or lain over the page. Returns the tabs by path, for their text. The tabs load
    side by side (Playwright keeps every tab focused, so autofocus and focus handlers fire as in
    a tab alone): one after another, each waiting for its network to go idle, took a minute."""
    context.add_init_script(ALERT_WATCH)
    tabs = {}
    for path in paths:
        tab = recorded(context.new_page())
        tab.dialogs = []
        tab.on("dialog", lambda dialog, tab=tab: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(base + path, wait_until="commit")
        tabs[path] = tab
    for tab in tabs.values():
        tab.wait_for_load_state("networkidle")
        tab.mouse.move(300, 300)
        tab.keyboard.press("Tab")
        for summary in tab.locator("article summary").all():
            summary.click()
    next(iter(tabs.values())).wait_for_timeout(wait_ms)  # animations (begin=0, dur=1s) and refreshes have had their time
    for path, tab in tabs.items():
        assert tab.evaluate("window.ckSideEffects") == [], path
        assert tab.dialogs == [], path
        assert tab.url == base + path
        assert [url for url in tab.requests_seen if not url.startswith(base)] == [], path
        covering = tab.evaluate(
            """() => [...document.querySelectorAll('article *')].filter(e => ['fixed', 'absolute'].includes(getComputedStyle(e).position)).map(e => e.outerHTML.slice(0, 80))"""
        )
        assert covering == [], path
        assert tab.evaluate("document.querySelectorAll('article [onerror], article [onload], article svg, article iframe, article object, article base, article video').length") == 0, path
    return tabs


ALONE = [f"vector/{i:02d}/" for i in range(len(VECTORS))]  # each vector alone: one cannot hide another


@pytest.mark.browser
def test_no_vector_runs_loads_or_covers_the_page(page, vector_site):
    site, _ = vector_site
    server = serve_directory(site)  # a plain static server: no Content-Security-Policy header
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        tabs = browse_harmlessly(page.context, base, ["vectors/", "en/vectors/", *ALONE])  # all together, in both languages, and each alone
        for path in ("vectors/", "en/vectors/"):
            assert "后文 0" in tabs[path].locator("article").inner_text()  # (the unclosed <math> vector swallows what follows it, in the browser too)
        for i, path in enumerate(ALONE):
            assert f"前文 {i}" in tabs[path].locator("article").inner_text()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_the_sanitiser_alone_holds_without_any_policy(page, site_without_meta):
    server = serve_directory(site_without_meta)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        tabs = browse_harmlessly(page.context, base, ["vectors/", *ALONE])
        for i, path in enumerate(ALONE):
            assert f"前文 {i}" in tabs[path].locator("article").inner_text()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_the_meta_policy_alone_blocks_an_injected_script(page, vector_site, tmp_path):
    """Should something slip past the sanitiser, the page's own policy still stops it."""
    site, _ = vector_site
    copy = Path(shutil.copytree(site, tmp_path / "site"))
    index = copy / "index.html"
    text = index.read_text("utf-8")
    index.write_text(text.replace("</article>", "<script>alert('injected')</script><img src=x onerror=\"alert('attr')\"></article>", 1), "utf-8")
    server = serve_directory(copy)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        page.wait_for_load_state("networkidle")
        assert dialogs == []
        assert any("Content Security Policy" in error for error in page.console_errors)
        # Material's own inline scripts ran (allowed by hash): the search box works.
        assert page.evaluate("typeof __md_scope") == "object"
    finally:
        server.shutdown()


def test_quiet_never_lets_a_warning_through_strict(tmp_path):
    """MkDocs's -q hid the warnings --strict counts: `scripts/build -q` passed a broken anchor."""
    project = make_mini_project(tmp_path / "project")
    index = project / "docs/index.md"
    index.write_text(index.read_text("utf-8") + "\n[坏锚点](#no-such-anchor)\n", "utf-8")
    result = run_mkdocs(project, tmp_path / "site", "-q")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no-such-anchor" in result.stderr
