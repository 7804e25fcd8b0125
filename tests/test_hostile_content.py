"""Hostile text in any author field is shown as text, never run; hostile markup in a lesson body is
refused by the check. The built pages are parsed (no foreign script, no on* attribute, no
javascript: link) and opened in a real Chromium with alert and every dialog watched."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import run_mkdocs
from coursekit.messages import t
from coursekit.publish.csp import inline_scripts
from coursekit.sources.project import load_project
from minisite import make_mini_project

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[x](javascript:alert(1))",
    "</script><script>alert(1)</script>",
    "</title></textarea><script>alert(1)</script>",
    "'-alert(1)-'",
    "{{ 7*7 }}",
    "{% if true %}模板{% endif %}",
]
HOSTILE = " ".join(PAYLOADS)
# Template syntax must reach the page as typed: "{{ 7*7 }}" never turns into 49.
LITERAL_MARKERS = ["{{ 7*7 }}", "{% if true %}模板{% endif %}"]


def hostile(text: str) -> str:
    return f"{text} {HOSTILE}"


def rewrite_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def poison(project: Path) -> None:
    """Put the payloads into every plain-text field the authors (or an importer) can fill."""

    def course(data):
        for key in ("title", "audience", "summary"):
            data[key] = hostile(data[key])
        data["objectives"] = [hostile(o) for o in data["objectives"]]

    rewrite_yaml(project / "courses/jichu/course.yml", course)

    def citations(data):
        data["regulation"] = hostile(data["regulation"])
        data["short"] = hostile("《条例》")
        for article in data["articles"]:
            article["article"] = hostile(article["article"])
            article["summary"] = hostile(article["summary"])

    rewrite_yaml(project / "citations/tiaoli.yml", citations)

    def bank(data):
        data["title"] = hostile(data["title"])
        data["description"] = hostile("说明")
        for q in data["questions"]:
            q["stem"] = q["stem"].replace("___", "___ " + HOSTILE + " ") if q["type"] == "blank" else hostile(q["stem"])
            q["explanation"] = hostile(q["explanation"])
            q["tags"] = [hostile("标签")]
            if "options" in q:
                q["options"] = [hostile(o) for o in q["options"]]
            if q["type"] == "short":
                q["answer"] = hostile(q["answer"])
            if q["type"] == "blank":
                q["answer"] = [[a for a in accepted] + [HOSTILE] for accepted in q["answer"]]

    rewrite_yaml(project / "quizzes/jichu.yml", bank)

    def paper(data):
        data["title"] = hostile(data["title"])
        data["description"] = hostile("说明")
        for section in data["sections"]:
            section["title"] = hostile("题型")

    rewrite_yaml(project / "quizzes/papers/ceshi.yml", paper)

    import_spreadsheet(project)

    lesson = project / "courses/jichu/dahui.md"
    front = {"title": hostile("党员大会"), "objectives": [hostile("目标")], "sources": ["tiaoli-11"], "as_of": hostile("2026")}
    body = lesson.read_text("utf-8").split("---\n", 2)[2]
    lesson.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body, "utf-8")


def import_spreadsheet(project: Path) -> None:
    """A trainer's Excel file with the payloads in its cells, through `coursekit import`."""
    import openpyxl

    from coursekit.cli import main

    book = openpyxl.Workbook()
    book.active.append(["编号", "题型", "题干", "选项A", "选项B", "答案", "解析", "依据", "课文", "标签"])
    book.active.append(["imp-001", "单选", hostile("表格题干"), hostile("甲"), hostile("乙"), "A", hostile("表格解析"), "tiaoli-11", "jichu/dahui", hostile("标签")])
    book.active.append(["imp-002", "判断", hostile("表格判断"), None, None, "正确", hostile("表格解析"), "tiaoli-12", "jichu/zhiweihui", None])
    source = project.parent / "hostile.xlsx"
    book.save(source)
    output = project / "quizzes/imported.yml"
    assert main(["import", str(source), "-o", str(output), "--root", str(project)]) == 0
    assert output.read_text("utf-8").count("表格题干") == 1


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("clean-site")
    project = make_mini_project(tmp_path_factory.mktemp("clean") / "project")
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("hostile") / "project")
    poison(project)
    _, problems = load_project(project)
    assert problems == [], "hostile text in plain-text fields is content like any other"
    site = tmp_path_factory.mktemp("hostile-site")
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.script_srcs: list[str] = []
        self.event_attributes: list[str] = []
        self.script_urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.event_attributes.append(f"<{tag} {name}>")
            if value and re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "vbscript:")):
                self.script_urls.append(f"<{tag} {name}={value}>")
        if tag == "script" and dict(attrs).get("src"):
            self.script_srcs.append(dict(attrs)["src"])


def markup(path: Path) -> _Markup:
    parser = _Markup()
    parser.feed(path.read_text("utf-8"))
    return parser


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_scanner_sees_what_it_should():
    parser = _Markup()
    parser.feed('<p><img src=x onerror=alert(1)><a href=" javascript:alert(1)">x</a><script src="evil.js"></script></p>')
    assert parser.event_attributes == ["<img onerror>"]
    assert parser.script_urls == ['<a href= javascript:alert(1)>']
    assert parser.script_srcs == ["evil.js"]


def counterpart(clean_site: Path, page: str) -> Path:
    """The clean build's page to compare with: the same page, or for the imported bank's
    practice page, the mini bank's."""
    if page.endswith("practice/imported/index.html"):
        return clean_site / page.replace("practice/imported/", "practice/jichu/")
    return clean_site / page


def test_built_pages_carry_no_injected_markup(clean_site, hostile_site):
    # the imported bank's practice page, in each language tree
    assert set(pages(hostile_site)) - set(pages(clean_site)) == {"practice/imported/index.html", "en/practice/imported/index.html"}
    for page in pages(hostile_site):
        found, clean = markup(hostile_site / page), markup(counterpart(clean_site, page))
        assert found.event_attributes == [], page
        assert found.script_urls == [], page
        assert found.script_srcs == clean.script_srcs, page
        # The same executable inline scripts as the clean build: Material's own, nothing added.
        assert inline_scripts((hostile_site / page).read_text("utf-8")) == inline_scripts(counterpart(clean_site, page).read_text("utf-8")), page
        assert found.tags.count("svg") == clean.tags.count("svg"), page
        assert found.tags.count("img") == clean.tags.count("img"), page


def test_spreadsheet_cells_reach_the_site_as_text(hostile_site):
    practice = [p for p in hostile_site.rglob("*.html") if "表格题干" in p.read_text("utf-8")]
    assert practice, "the imported questions are on the site"
    text = practice[0].read_text("utf-8")
    assert "表格题干 &lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_payloads_are_shown_as_typed(hostile_site):
    lesson = (hostile_site / "courses/jichu/dahui/index.html").read_text("utf-8")
    for marker in LITERAL_MARKERS:
        assert marker in lesson
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in lesson
    assert "49" not in re.sub(r"<[^>]+>", "", lesson.split("<article", 1)[1])


ALERT_WATCH = """
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => window.ckReportDialog(name + ':' + args.join(','));
}
"""

BROWSED = [
    "",
    "courses/",
    "courses/jichu/",
    "courses/jichu/dahui/",
    "courses/jichu/zhiweihui/",
    "citations/",
    "practice/",
    "exams/",
    "notebook/",
    "progress/",
]


def answer_everything(page) -> int:
    """Answer and submit every question the quiz script rendered; how many were submitted."""
    return page.evaluate(
        """() => {
        document.querySelectorAll('.ck-quiz input[type=radio], .ck-quiz input[type=checkbox], .ck-exam input[type=radio], .ck-exam input[type=checkbox]').forEach(i => i.click());
        document.querySelectorAll('.ck-quiz input[type=text], .ck-quiz textarea, .ck-exam input[type=text], .ck-exam textarea').forEach(i => { i.value = 'x'; });
        const submits = document.querySelectorAll('.ck-quiz .ck-submit');
        submits.forEach(b => b.click());
        return submits.length;
    }"""
    )


@pytest.mark.browser
def test_no_payload_runs_in_a_real_browser(page, hostile_site):
    from conftest import serve_directory

    server = serve_directory(hostile_site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.expose_function("ckReportDialog", lambda text: dialogs.append(text))
    page.add_init_script(ALERT_WATCH)
    try:
        # The Chinese tree; the English one carries the same data through the same code.
        practice = [p for p in pages(hostile_site) if p.startswith("practice/") and p != "practice/index.html"]
        exams = [p for p in pages(hostile_site) if not p.startswith("en/") and 'class="ck-exam"' in (hostile_site / p).read_text("utf-8")]
        practice_urls = {p[: -len("index.html")] for p in practice}
        for path in BROWSED + [p[: -len("index.html")] for p in practice + exams]:
            page.goto(base + path)  # waits for "load": the quiz script has rendered by then
            submitted = answer_everything(page)
            if path in practice_urls:
                assert submitted > 0, f"{path}: the quiz script rendered no question"
        # An exam, start to finish: start, answer, hand in, confirm.
        page.goto(base + exams[0][: -len("index.html")])
        page.get_by_role("button", name=t("ui.exam_start", lang="zh")).click()
        answer_everything(page)
        page.get_by_role("button", name=t("ui.exam_submit", lang="zh")).first.click()
        confirm = page.get_by_role("button", name=t("ui.exam_confirm_yes", lang="zh"))
        if confirm.count():
            confirm.first.click()
        page.wait_for_timeout(300)
        # The notebook and progress pages render the mistakes just made from site-data.json.
        for path in ("notebook/", "progress/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(200)
        # Search renders titles and snippets of the poisoned pages.
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("alert")
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.evaluate("document.querySelectorAll('[onerror], [onload]').length") == 0
        assert page.console_errors == []
    finally:
        server.shutdown()


# -- lesson bodies: HTML is allowed, dangerous HTML is refused --------------------------------

BODY_CASES = [
    ("<script>alert(1)</script>", "safety.forbidden_tag", {"tag": "script"}),
    ("<img src=x onerror=alert(1)>", "safety.event_attribute", {"name": "onerror", "tag": "img"}),
    ('"><svg onload=alert(1)>', "safety.event_attribute", {"name": "onload", "tag": "svg"}),
    ("[x](javascript:alert(1))", "safety.forbidden_url", {"url": "javascript:alert(1)", "scheme": "javascript:"}),
    ("[x]( JaVa&#115;cript:alert(1))", "safety.forbidden_url", {"url": "JaVascript:alert(1)", "scheme": "javascript:"}),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "safety.forbidden_url", {"url": "data:text/html,<script>alert(1)</script>", "scheme": "data:"}),
    ("<iframe src=x></iframe>", "safety.forbidden_tag", {"tag": "iframe"}),
    ("<object data=x></object>", "safety.forbidden_tag", {"tag": "object"}),
    ("<embed src=x>", "safety.forbidden_tag", {"tag": "embed"}),
    ("<style>body{display:none}</style>", "safety.forbidden_tag", {"tag": "style"}),
    ('<form action="/x"><button>提交</button></form>', "safety.forbidden_tag", {"tag": "form"}),
    ('<meta http-equiv="refresh" content="0;url=http://example.com">', "safety.meta_http_equiv", {}),
    ("## 标题 {: onclick=\"alert(1)\" }", "safety.event_attribute", {"name": "onclick", "tag": "h2"}),
    ("[x]: vbscript:msgbox(1)\n\n见[上文][x]。", "safety.forbidden_url", {"url": "vbscript:msgbox(1)", "scheme": "vbscript:"}),
    ("```mermaid\ngraph TD; A-->B\n```", "safety.mermaid", {}),
    ('<div class="mermaid">graph TD; A-->B</div>', "safety.mermaid", {}),
    # An admonition's or details block's type becomes its class, lowercased.
    ('!!! Mermaid "流程"\n    graph TD; A-->B', "safety.mermaid", {}),
    ("??? MERMAID\n    graph TD; A-->B", "safety.mermaid", {}),
]


@pytest.fixture(scope="module")
def mini_source(tmp_path_factory) -> Path:
    return make_mini_project(tmp_path_factory.mktemp("mini-source") / "project")


@pytest.mark.parametrize("snippet, key, values", BODY_CASES, ids=[c[0][:30] for c in BODY_CASES])
def test_dangerous_markup_in_a_lesson_body_is_refused(mini_source, tmp_path, snippet, key, values):
    project = Path(shutil.copytree(mini_source, tmp_path / "project"))
    lesson = project / "courses/jichu/dahui.md"
    text = lesson.read_text("utf-8") + "\n" + snippet + "\n"
    lesson.write_text(text, "utf-8")
    line = text.splitlines().index(snippet.splitlines()[0]) + 1
    _, problems = load_project(project)
    assert [str(p) for p in problems] == [f"courses/jichu/dahui.md:{line}: {t(key, **values)}"]


def test_harmless_html_and_code_examples_pass(mini_source, tmp_path):
    project = Path(shutil.copytree(mini_source, tmp_path / "project"))
    lesson = project / "courses/jichu/dahui.md"
    lesson.write_text(
        lesson.read_text("utf-8")
        + '\n<div class="ck-note" markdown>**注意** <a href="https://www.12371.cn/">共产党员网</a> <img src="../x.png" alt=""></div>\n'
        + "\n写法示例：`<script>` 不会执行。\n\n```html\n<script>alert(1)</script>\n```\n\n[上一课](dahui.md#表决怎么算) [邮件](mailto:a@b.cn)\n",
        "utf-8",
    )
    _, problems = load_project(project)
    assert problems == []
