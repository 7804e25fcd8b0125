"""The real site builds with --strict and carries what a learner needs, loading nothing from outside."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT

# Attributes through which a page makes the browser load something (not <a href>: that is a link).
LOADING_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)


class _LoadFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value and ((tag, name) in LOADING_ATTRS or (tag == "link" and name == "href" and values.get("rel") != "canonical")):
                self.loads.append(value)
        style = values.get("style") or ""
        self.loads += re.findall(r"url\(\s*['\"]?([^'\")]+)", style)


def external_loads_in_html(text: str) -> list[str]:
    finder = _LoadFinder()
    finder.feed(text)
    return [url for url in finder.loads if EXTERNAL.match(url)]


def external_loads_in_css(text: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
    return [url for url in urls if EXTERNAL.match(url)]


def test_scanner_finds_what_it_should():
    # The scanner itself must be able to fail.
    assert external_loads_in_html('<script src="https://cdn.example/x.js"></script>') == ["https://cdn.example/x.js"]
    assert external_loads_in_html('<link rel="stylesheet" href="//fonts.example/css">') == ["//fonts.example/css"]
    assert external_loads_in_html('<a href="https://example.org">x</a><svg xmlns="http://www.w3.org/2000/svg"></svg>') == []
    assert external_loads_in_css("a{background:url(https://x.example/a.png)}") == ["https://x.example/a.png"]


def test_no_external_resource_loads(built_site: Path):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            offenders += [(path, url) for url in external_loads_in_html(path.read_text("utf-8"))]
        elif path.suffix == ".css":
            offenders += [(path, url) for url in external_loads_in_css(path.read_text("utf-8"))]
    # The SVG namespace (the result slip's QR code is drawn with createElementNS) is a name, never fetched.
    namespaces = {"http://www.w3.org/2000/svg"}
    for path in (built_site / "assets" / "coursekit").glob("*.js"):
        text = path.read_text("utf-8")
        offenders += [(path, url) for url in re.findall(r"https?://[^\s'\"`]+", text) if url not in namespaces]
    assert offenders == []


def test_course_and_lesson_pages(built_site: Path):
    course = (built_site / "courses/sanhui-yike/index.html").read_text("utf-8")
    assert "三会一课与组织生活实务" in course
    assert "适用对象" in course and "学习目标" in course
    assert "约 12 分钟" in course  # minutes per lesson
    lesson = (built_site / "courses/sanhui-yike/dangyuan-dahui/index.html").read_text("utf-8")
    # objectives at the top, sources at the bottom, prev/next within the course
    article = lesson[lesson.index("<article"):]
    assert article.index("学习目标") < article.index("表决怎么算") < article.index("本课依据")
    assert 'class="ck-prev"' in lesson and 'class="ck-next"' in lesson
    assert "《中国共产党支部工作条例（试行）》第十一条" in lesson
    assert 'href="../../../citations/#tiaoli-11"' in lesson


# What only the full script (coursekit.js) mounts: a page loading the smaller one must hold none.
FULL_SCRIPT_ONLY = re.compile(r'class="(ck-exam|ck-notebook|ck-progress|ck-today)[" ]')


def test_course_and_lesson_pages_load_the_smaller_script_and_every_other_page_the_full_one(built_site: Path):
    loads = {}
    for path in sorted(built_site.rglob("*.html")):
        scripts = re.findall(r'<script src="[^"]*assets/coursekit/(coursekit[\w-]*\.js)"', path.read_text("utf-8"))
        loads[path.relative_to(built_site).as_posix()] = scripts
    for page in ("courses/index.html", "courses/sanhui-yike/index.html", "courses/sanhui-yike/dangyuan-dahui/index.html", "en/courses/sanhui-yike/dangyuan-dahui/index.html"):
        assert loads[page] == ["coursekit-lessons.js"], (page, loads[page])
    for page in ("index.html", "practice/sanhui-yike/index.html", "exams/sanhui-yike-ceshi/index.html", "notebook/index.html", "progress/index.html", "404.html", "en/index.html"):
        assert loads[page] == ["coursekit.js"], (page, loads[page])
    smaller = [page for page, scripts in loads.items() if scripts == ["coursekit-lessons.js"]]
    assert len(smaller) > 40
    for page in smaller:
        assert not FULL_SCRIPT_ONLY.search((built_site / page).read_text("utf-8")), page
    assert all(len(scripts) == 1 for page, scripts in loads.items() if not page.startswith(("overrides/", "dev/"))), loads
    assert (built_site / "assets/coursekit/coursekit-lessons.js").stat().st_size < (built_site / "assets/coursekit/coursekit.js").stat().st_size * 0.7


def test_chinese_headings_get_real_anchors(built_site: Path):
    lesson = (built_site / "courses/sanhui-yike/dangyuan-dahui/index.html").read_text("utf-8")
    assert 'id="表决怎么算"' in lesson


def test_generated_pages_never_land_in_docs():
    assert not (ROOT / "docs" / "courses").exists()
    assert not (ROOT / "docs" / "practice").exists()


def test_search_index_is_segmented_by_jieba(built_site: Path):
    import json

    # Material's index keeps only its config (its page script fetches it on every page view);
    # the pages are in ours (coursekit.search.index), fetched when a learner opens search.
    material = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    assert "\\u200b" in material["config"]["separator"] and material["docs"] == []
    raw = (built_site / "search/coursekit-index.json").read_text("utf-8")
    index = json.loads(raw)
    # written as UTF-8, not as ASCII escapes, which doubled its size
    assert "表决" in raw and "\\u8868" not in raw
    text = " ".join(section[3] for section in index["sections"])
    assert "\u200b表决\u200b" in text
    # A lesson's practice and sources sections are not indexed (the questions restate the lesson,
    # the summaries are on the citation index); its own sections are.
    titles = {section[2].replace("\u200b", "") for section in index["sections"]}
    assert "本课依据" not in titles and "本课练习" not in titles
    assert "表决怎么算" in titles
    # The browser cuts queries with jieba's frequencies of the index's own words.
    assert index["dict"]["党费"] > 0 and index["dict"]["三会一课"] > 0 and index["total"] > 0
    lesson = (built_site / "courses/sanhui-yike/dangyuan-dahui/index.html").read_text("utf-8")
    assert 'href="#本课依据"' in lesson  # still in the page's table of contents


def test_theme_has_no_google_fonts_and_prunes_nav(built_site: Path):
    home = (built_site / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    lesson = (built_site / "courses/sanhui-yike/dangyuan-dahui/index.html").read_text("utf-8")
    # pruned nav: a lesson page does not carry the pages inside other sections
    assert "practice/sanhui-yike/" not in lesson and "guide/trainers/" not in lesson
    assert "../sanhui-gailan/" in lesson  # but does carry its own course's lessons


def test_practice_page_holds_the_first_set_and_the_bank_its_data_file(built_site: Path):
    import json

    import yaml

    items = yaml.safe_load((ROOT / "quizzes/sanhui-yike.yml").read_text("utf-8"))["questions"]
    ids = [sub["id"] for q in items for sub in (q["questions"] if q["type"] == "case" else [q])]  # a case: its questions
    page = (built_site / "practice/sanhui-yike/index.html").read_text("utf-8")
    # Without JavaScript: the first 20 questions, answers collapsed, and a note on the other sets.
    assert re.findall(r'class="ck-question" id="q-([^"]+)"', page) == ids[:20]
    assert 'class="ck-needs-js"' in page
    src = re.search(r'data-ck-src="([^"]+)"', page).group(1)
    assert src == "../../assets/coursekit/bank-sanhui-yike.json"
    data = json.loads((built_site / "practice/sanhui-yike" / src).resolve().read_text("utf-8"))
    assert [q["id"] for q in data["questions"]] == ids
    assert data["questions"][0]["sources"][0]["href"].startswith("citations/#")  # relative to the site root
    # one page per bank
    assert not list((built_site / "practice/sanhui-yike").glob("*/index.html"))
