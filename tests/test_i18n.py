"""Two languages: Chinese at the root, English under /en/, untranslated pages marked, search by language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.sources.project import load_project
from coursekit.sources.translations import translate_project

from conftest import ROOT, copy_project

TRANSLATED = "courses/dangzhang-jichu/dangfei-jisuan"
UNTRANSLATED = "courses/sanhui-yike/dangyuan-dahui"


def html_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def switcher(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html))


def test_english_tree_and_language_of_pages(built_site):
    assert '<html lang="zh"' in html_of(built_site, ".")
    home = html_of(built_site, "en")
    assert '<html lang="en"' in home
    assert "Party Branch Secretary Training" in home


@pytest.mark.parametrize("path", [TRANSLATED, UNTRANSLATED, "guide/learners"])
def test_switcher_leads_to_the_same_page_in_the_other_language(built_site, path):
    zh, en = html_of(built_site, path), html_of(built_site, "en/" + path)
    assert switcher(zh)["en"].endswith(f"en/{path}/") and switcher(zh)["zh"] == "./"
    target = (built_site / path / switcher(zh)["en"] / "index.html").resolve()
    assert target == (built_site / "en" / path / "index.html").resolve()
    back = (built_site / "en" / path / switcher(en)["zh"] / "index.html").resolve()
    assert back == (built_site / path / "index.html").resolve()


def test_untranslated_pages_say_so_and_translated_ones_do_not(built_site):
    assert "Not yet translated" in html_of(built_site, "en/" + UNTRANSLATED)
    stub = html_of(built_site, "en/" + UNTRANSLATED)
    assert "支部党员大会" in stub  # its Chinese title, and one click to the Chinese original
    href = re.search(r'class="ck-original"><a href="([^"]+)"', stub).group(1)
    assert (built_site / "en" / UNTRANSLATED / href / "index.html").resolve() == (built_site / UNTRANSLATED / "index.html").resolve()
    assert "表决怎么算" not in stub  # not a copy: the copies doubled the build
    translated = html_of(built_site, "en/" + TRANSLATED)
    assert "Not yet translated" not in translated
    article = translated[translated.index("<article") :]
    assert "Party dues" in article
    assert "(Party Dues Provisions Article" in article or "Article 2" in article
    assert "尚未翻译" not in html_of(built_site, UNTRANSLATED)


def test_english_pages_use_english_fixed_texts(built_site):
    lesson = html_of(built_site, "en/" + TRANSLATED)
    assert "Objectives" in lesson and "Sources for this lesson" in lesson
    assert "学习目标" not in lesson[lesson.index("<article") :]


def test_course_3_is_translated_whole():
    project, problems = load_project(ROOT)
    assert problems == []
    translation, problems = translate_project(project, ROOT, "en")
    assert problems == []
    course = [f for f in translation.fallback if "dangzhang-jichu" in f or f.startswith("question:dzjc-")]
    assert course == []
    assert any(f.startswith("lesson:sanhui-yike/") for f in translation.fallback)


def test_translation_mistakes_name_file_and_line(tmp_path):
    root = copy_project(tmp_path / "p")
    bank = root / "quizzes" / "dangzhang-jichu.en.yml"
    text = bank.read_text("utf-8")
    text = text.replace("- id: dzjc-001", "- id: dzjc-999", 1)
    bank.write_text(text, "utf-8")
    line = text.splitlines().index("  - id: dzjc-999") + 1
    project, _ = load_project(root)
    _, problems = translate_project(project, root, "en")
    assert [(p.file, p.line) for p in problems if "dzjc-999" in p.message] == [("quizzes/dangzhang-jichu.en.yml", line)]


def test_dangerous_markup_in_a_translated_lesson_is_refused_at_its_line(tmp_path):
    # A translation is published as written, so it gets the same markup check as the original.
    root = copy_project(tmp_path / "p")
    lesson = root / "courses" / "dangzhang-jichu" / "dangfei-jisuan.en.md"
    text = lesson.read_text("utf-8") + "\n<img src=x onerror=alert(1)>\n"
    lesson.write_text(text, "utf-8")
    line = text.splitlines().index("<img src=x onerror=alert(1)>") + 1
    project, problems = load_project(root)
    assert problems == []
    _, problems = translate_project(project, root, "en")
    assert [(p.file, p.line) for p in problems] == [("courses/dangzhang-jichu/dangfei-jisuan.en.md", line)]
    assert "onerror" in problems[0].message
    # `coursekit check` reads the translations as the build does.
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"courses/dangzhang-jichu/dangfei-jisuan.en.md:{line}:" in result.stdout and "onerror" in result.stdout


@pytest.mark.browser
@pytest.mark.parametrize(
    "start, query, first_in_english",
    [("", "党费", False), ("en/", "Party dues", True), ("en/", "党费", True)],
)
def test_search_puts_the_pages_language_first(page, site_url, start, query, first_in_english):
    browser_page = page
    browser_page.goto(site_url + start + "courses/dangzhang-jichu/")
    box = browser_page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    browser_page.wait_for_selector(".md-search-result__item a", timeout=10000)
    browser_page.wait_for_timeout(300)
    hrefs = browser_page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert len(hrefs) >= 2
    assert ("/en/" in hrefs[0]) is first_in_english, hrefs[:3]
    languages = ["/en/" in href for href in hrefs]
    assert languages == sorted(languages, reverse=first_in_english), "results of the page's language come first"


def test_each_language_loads_only_its_own_texts(built_site):
    """A page fetches its own language's texts, before the script that shows them; English texts
    not yet translated are filled in Chinese, as the browser's t() would show them."""
    import json

    for path, lang in (("courses/dangzhang-jichu/index.html", "zh"), ("en/courses/dangzhang-jichu/index.html", "en"), ("404.html", "zh"), ("en/404.html", "en")):
        scripts = re.findall(r'<script src="([^"]+)"', (built_site / path).read_text("utf-8"))
        texts = [src for src in scripts if "/strings" in src or src.startswith("assets/coursekit/strings")]
        assert [src.rsplit("/", 1)[1] for src in texts] == [f"strings.{lang}.js"], (path, scripts)
        assert scripts.index(texts[0]) < next(i for i, src in enumerate(scripts) if re.search(r"coursekit/coursekit(-lessons)?\.js$", src)), (path, scripts)
    assert not (built_site / "assets" / "coursekit" / "strings.js").exists()
    for lang in ("zh", "en"):
        text = (built_site / "assets" / "coursekit" / f"strings.{lang}.js").read_text("utf-8")
        strings = json.loads(text.removeprefix("window.CK_STRINGS=").rstrip().removesuffix(";"))
        assert list(strings) == [lang]
    zh = json.loads((built_site / "assets" / "coursekit" / "strings.zh.js").read_text("utf-8").removeprefix("window.CK_STRINGS=").rstrip().removesuffix(";"))["zh"]
    assert set(zh) <= set(strings["en"])


def test_the_root_404_page_stays_in_the_default_language(built_site):
    # every language build renders the theme's 404 page to the same root file
    assert '<html lang="zh"' in (built_site / "404.html").read_text("utf-8")
    assert '<html lang="en"' in (built_site / "en" / "404.html").read_text("utf-8")
