"""The search's word cutter and `coursekit check`'s warning about lesson titles it breaks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coursekit.search.index import build_index
from coursekit.search.vocabulary import broken_terms, key_terms

ROOT = Path(__file__).resolve().parents[1]


def test_key_terms_are_the_titles_runs_between_function_words():
    assert key_terms("党费怎么算：基数和比例") == ["党费", "基数", "比例"]
    assert key_terms("进城和外出党员：组织怎么设、关系怎么转") == ["进城", "外出党员", "组织", "关系"]


def test_a_term_cut_into_single_characters_is_reported_until_the_user_dictionary_has_it(tmp_path):
    broken = broken_terms("两学一做怎么开展", None)
    assert [b.term for b in broken] == ["两学一做"] and all(len(p) == 1 for p in broken[0].pieces)
    userdict = tmp_path / "jieba_userdict.txt"
    userdict.write_text("两学一做\n", "utf-8")
    assert broken_terms("两学一做怎么开展", userdict) == []


def test_check_warns_but_passes(tmp_path):
    for name in ("courses", "quizzes", "citations"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(tmp_path / name)], check=True)
    (tmp_path / "jieba_userdict.txt").write_text("党员大会\n", "utf-8")  # without 三会一课
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "courses/sanhui-yike/sanhui-gailan.md:2: 警告" in result.stdout and "“三会一课”" in result.stdout
    assert "Building prefix dict" not in result.stderr
    # the project's own dictionary covers every lesson title
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0 and "警告" not in result.stdout, result.stdout


def test_the_index_leaves_out_untranslated_copies_and_knows_summaries():
    data = {
        "config": {"separator": "[\\s\\u200b]+"},
        "docs": [
            {"location": "courses/a/", "title": "课程\u200b甲", "text": ""},
            {"location": "courses/a/dangfei/", "title": "党费\u200b怎么\u200b算", "text": "<p>党费\u200b按\u200b月\u200b交纳</p>"},
            {"location": "courses/a/dangfei/#x", "title": "第一步", "text": "<p>定\u200b基数</p>"},
            {"location": "courses/a/xiaojie/", "title": "一页纸\u200b小结", "text": "<p>党费</p>"},
            {"location": "en/courses/a/dangfei/", "title": "党费\u200b怎么\u200b算", "text": "<p>党费</p>"},
            {"location": "en/courses/a/quanli/", "title": "Rights", "text": "<p>The eight rights</p>"},
        ],
    }
    index = build_index(data, "zh", {"zh", "en"})
    urls = [page[0] for page in index["pages"]]
    assert "en/courses/a/dangfei/" not in urls and "en/courses/a/quanli/" in urls
    kinds = {page[0]: page[3] for page in index["pages"]}
    assert kinds["courses/a/dangfei/"] == "lesson" and kinds["courses/a/xiaojie/"] == "summary"
    lesson = next(page for page in index["pages"] if page[0] == "courses/a/dangfei/")
    assert lesson[2] == "课程甲" and lesson[4] == "zh"
    assert index["dict"]["党费"] > 0 and json.dumps(index, ensure_ascii=False)


def test_the_browser_cuts_titles_and_headings_as_jieba_cut_them_into_the_index(built_site):
    """The same segmentation on both sides: the query cutter, given a title or heading of the
    site, finds the words jieba cut from it at build time. Known gap: jieba's HMM joins a run of
    single characters into a word it does not know (哪天, 没人); the browser has no HMM."""
    engine = ROOT / "src/coursekit/web/search-engine.js"
    script = ROOT / "tests/js/search_cut_agreement.cjs"
    result = subprocess.run(["node", str(script), str(engine), str(built_site / "search/coursekit-index.json")], capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    assert figures["total"] > 300
    assert figures["agree"] / figures["total"] >= 0.99, figures["differ"]
    # the words of the issue, whole
    for differ in figures["differ"]:
        assert not any(word in differ for word in ("党费", "转正", "三会一课", "流动党员", "联合党支部", "履职记录")), differ
