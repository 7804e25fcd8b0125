"""Relative links between generated pages: they must work from any page and from a sub-path."""

from __future__ import annotations

import itertools
import posixpath

from coursekit.site import urls


def test_links_between_generated_pages():
    lesson = urls.lesson_page("sanhui-yike/dangyuan-dahui")
    assert urls.relative(lesson, urls.CITATIONS, anchor="tiaoli-11") == "../../../citations/#tiaoli-11"
    assert urls.relative(urls.course_page("sanhui-yike"), lesson) == "dangyuan-dahui/"
    assert urls.relative(lesson, urls.course_page("sanhui-yike")) == "../"
    assert urls.relative(lesson, lesson) == "./"
    assert urls.relative("index.md", urls.DATA) == "assets/coursekit/site-data.json"
    assert urls.relative(lesson, urls.CITATIONS, directory_urls=False) == "../../citations.html"
    assert urls.md_link(lesson, urls.CITATIONS, "tiaoli-11") == "../../citations.md#tiaoli-11"


def test_the_fast_relative_path_agrees_with_posixpath_everywhere():
    # Every pair of paths built from a few names, with "." and trailing or doubled slashes.
    names = ["a", "b", "index", "x.md", "", "."]
    paths = {"/".join(p) or "." for n in range(4) for p in itertools.product(names, repeat=n)}
    paths = {p for p in paths if not p.startswith("/")}
    for path, start in itertools.product(paths, repeat=2):
        assert urls._relpath(path, start) == posixpath.relpath(path, start), (path, start)
