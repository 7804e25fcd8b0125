"""Pages lose the theme's indentation and nothing a reader sees: code, form fields and scripts keep
every byte, Chinese and no-break spaces stay, and the built site's pages carry no indented lines."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.site.compact import compact_html

PAGE = (
    "<nav>\n      \n    <ul>\n        <li>\n          <a href=\"x\">\n            首页\n          </a>\n        </li>\n    </ul>\n</nav>\n"
    "<p>甲\u3000乙\n    丙\u00a0丁 <code>a  \n    b</code></p>\n"
    "<pre><code>questions:\n  - id: shyk-001\n    type: single\n</code></pre>\n"
    "<textarea>\n  typed\n    text\n</textarea>\n"
    "<script>\n  var x = 1;\n      if (x) {}\n</script>\n"
    "<style>\n  a { color: red; }\n</style>\n"
)
KEPT = re.compile(r"<(pre|textarea|code|script|style)\b.*?</\1>", re.S)


def rendered_text(html: str) -> str:
    """What white-space: normal shows: each run of collapsible white space is one space."""
    return re.sub(r"[ \t\n\r\f]+", " ", KEPT.sub("", html))


def test_indentation_goes_and_nothing_shown_changes():
    compacted = compact_html(PAGE)
    assert len(compacted) < len(PAGE)
    assert "\n " not in KEPT.sub("", compacted)
    assert KEPT.findall(compacted) == KEPT.findall(PAGE)
    for block in ("<pre><code>questions:\n  - id: shyk-001\n    type: single\n</code></pre>", "<textarea>\n  typed\n    text\n</textarea>", "<script>\n  var x = 1;\n      if (x) {}\n</script>", "<code>a  \n    b</code>"):
        assert block in compacted
    assert rendered_text(compacted) == rendered_text(PAGE)
    assert "甲\u3000乙" in compacted and "丙\u00a0丁" in compacted


def test_built_pages_carry_no_indentation(built_site: Path):
    lesson = (built_site / "courses/sanhui-yike/dangyuan-dahui/index.html").read_text("utf-8")
    assert re.search(r"\n[ \t]+<", KEPT.sub("", lesson)) is None
    # A code block in a guide keeps its YAML indentation.
    authors = (built_site / "guide/authors/index.html").read_text("utf-8")
    code = "".join(re.findall(r"<pre.*?</pre>", authors, re.S))
    assert "\n  - id: shyk-001" in re.sub(r"<[^>]+>", "", code)


def test_search_index_is_rewritten_as_utf8_and_a_broken_one_left_alone(tmp_path: Path):
    import json

    from coursekit.search.index import write_search_index

    search = tmp_path / "search"
    search.mkdir()
    index = search / "search_index.json"
    config = {"separator": "[\\s\\u200b]+", "lang": ["zh"]}
    # As Material writes it: every Chinese character as a \uXXXX escape.
    index.write_text(json.dumps({"config": config, "docs": [{"location": "", "title": "表决", "text": "a\u2028b"}]}), "utf-8")
    assert "\\u8868" in index.read_text("utf-8")
    assert write_search_index(tmp_path, "zh", set()) == search / "coursekit-index.json"
    assert index.read_text("utf-8") == json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))
    ours = (search / "coursekit-index.json").read_text("utf-8")
    assert '"表决"' in ours and "\\u8868" not in ours
    index.write_text('{"docs": [', "utf-8")
    assert write_search_index(tmp_path, "zh", set()) is None
    assert index.read_text("utf-8") == '{"docs": ['
    (search / "coursekit-index.json").unlink()
    index.unlink()
    assert write_search_index(tmp_path, "zh", set()) is None  # nothing to do, no error
    assert not index.exists() and not (search / "coursekit-index.json").exists()
