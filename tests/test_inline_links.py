"""Citation links held out of Markdown (site.text.raw_inline_html) come back as real links,
wherever the citation stands, and author text cannot forge the placeholders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit.site.text import fill_inline_html, hold_inline_html, md_text, raw_inline_html

from conftest import run_mkdocs
from minisite import make_mini_project

PRIVATE = "\ue000\ue001\ue002\ue003"


def test_inline_markup_is_held_and_put_back():
    page = "甲" + raw_inline_html('<a href="x">一</a>') + "乙" + raw_inline_html("<b>二</b>") + "丙"
    held, fragments = hold_inline_html(page)
    assert "<" not in held and fragments == ['<a href="x">一</a>', "<b>二</b>"]
    assert fill_inline_html(f"<p>{held}</p>", fragments) == '<p>甲<a href="x">一</a>乙<b>二</b>丙</p>'


def test_author_text_cannot_carry_the_placeholder_characters():
    assert not set(md_text("标题\ue000<b>\ue001\ue0020\ue003")) & set(PRIVATE)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("inline") / "project")
    lesson = project / "courses" / "jichu" / "dahui.md"
    lesson.write_text(
        lesson.read_text("utf-8")
        + "\n## 会期 [@tiaoli-12]\n\n"
        + "表决规则\n--------\n\n"  # a setext heading, then one with a citation
        + "召开时间 [@tiaoli-12]\n=======\n\n"
        + "| 会议 | 频次 |\n|---|---|\n| 党员大会 | 每季度1次 [@tiaoli-11] |\n\n"
        + "伪造的占位符：\ue0020\ue003 与 \ue000<em>强调</em>\ue001。\n",
        "utf-8",
    )
    site = project / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_citations_become_links_in_text_tables_and_headings(site):
    html = (site / "courses/jichu/dahui/index.html").read_text("utf-8")
    assert '<td>每季度1次 <a href="../../../citations/#tiaoli-11">（' in html
    assert '<p>党员大会一般每季度召开1次 <a href="../../../citations/#tiaoli-11">（' in html
    # In headings the link stays a Markdown link: MkDocs resolves it, the TOC gets its text.
    assert html.count('href="../../../citations/#tiaoli-12"') >= 2
    toc = html[html.index('md-nav--secondary') :]
    assert "会期" in toc and "召开时间" in toc
    # The sources list at the bottom links each citation too.
    sources = html[html.index("本课依据") :]
    assert 'href="../../../citations/#tiaoli-11"' in sources


def test_no_placeholder_survives_and_none_can_be_forged(site):
    html = (site / "courses/jichu/dahui/index.html").read_text("utf-8")
    assert "伪造的占位符：\ufffd0\ufffd 与 \ufffd<em>强调</em>\ufffd。" in html
    for path in list(site.rglob("*.html")) + list((site / "search").glob("*.json")):
        assert not set(path.read_text("utf-8")) & set(PRIVATE), path
    # The site's search index (coursekit.search.index): pages are [location, title, ...],
    # sections [page, anchor, heading, text].
    index = json.loads((site / "search" / "coursekit-index.json").read_text("utf-8"))
    pages = {number for number, page in enumerate(index["pages"]) if page[0].startswith("courses/jichu/dahui/")}
    lesson = [section for section in index["sections"] if section[0] in pages]
    # The search index reads the citation's text inside the table (jieba puts zero-width spaces between words).
    assert any("频次" in section[3] and "第十一条" in section[3] for section in lesson)
