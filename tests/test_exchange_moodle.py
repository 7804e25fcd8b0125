"""Moodle XML: valid XML with the structure Moodle imports (read here with lxml, not our parser),
every question type mapped, HTML-looking text kept as text, and a lossless way back in."""

from __future__ import annotations

import lxml.etree
import lxml.html
import pytest

from conftest import ROOT
from exchange_support import ALL_TYPES, fields, load, run


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("COURSEKIT_LANG", raising=False)


@pytest.fixture
def exported(tmp_path, capsys):
    out = tmp_path / "bank.xml"
    status, output = run(capsys, "export", ALL_TYPES, "-o", out, "--root", ROOT)
    assert status == 0, output
    assert "已导出 9 道题" in output
    return out


def _questions(path):
    root = lxml.etree.parse(str(path)).getroot()
    assert root.tag == "quiz"
    return root.findall("question")


def _html_text(markup: str) -> str:
    """What a browser shows for Moodle's HTML; fails if the HTML holds any element but <br>."""
    fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert {el.tag for el in fragment.iter()} <= {"div", "br"}, markup
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return fragment.text_content()


def test_structure_types_and_fractions(exported):
    assert exported.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    questions = _questions(exported)
    category = questions[0]
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/交换格式//测试题库: 全部{题型}"
    by_id = {q.findtext("idnumber"): q for q in questions[1:]}
    assert {qid: q.get("type") for qid, q in by_id.items()} == {
        "jh-001": "multichoice", "jh-002": "multichoice", "jh-003": "truefalse", "jh-004": "truefalse",
        "jh-005": "shortanswer", "jh-006": "cloze", "jh-007": "ordering", "jh-008": "essay", "jh-009": "multichoice",
    }
    for qid, q in by_id.items():
        assert q.findtext("name/text") == qid

    single = by_id["jh-001"]
    assert single.findtext("single") == "true"
    assert [a.get("fraction") for a in single.findall("answer")] == ["0", "0", "100", "0"]
    several = by_id["jh-002"]
    assert several.findtext("single") == "false"
    fractions = [float(a.get("fraction")) for a in several.findall("answer")]
    assert [f for f in fractions if f > 0] == [25.0] * 4 and sum(f for f in fractions if f > 0) == 100
    assert [i for i, f in enumerate(fractions) if f > 0] == [0, 2, 4, 6]
    assert [f for f in fractions if f <= 0] == [-100.0] * 6

    def truth(q):
        return {a.findtext("text"): a.get("fraction") for a in q.findall("answer")}

    assert truth(by_id["jh-003"]) == {"true": "100", "false": "0"}
    assert truth(by_id["jh-004"]) == {"true": "0", "false": "100"}
    short = by_id["jh-005"]
    assert [(a.findtext("text"), a.get("fraction")) for a in short.findall("answer")] == [("季度", "100"), ("个季度", "100"), ("3个月", "100")]
    cloze = by_id["jh-006"].findtext("questiontext/text")
    assert "{1:SHORTANSWER:=半数~=1\\/2~=二分之一}" in cloze and "{1:SHORTANSWER:=应到会有表决权的党员人数}" in cloze
    ordering = by_id["jh-007"]
    assert ordering.findtext("gradingtype") == "ALL_OR_NOTHING" and ordering.findtext("selecttype") == "ALL"
    assert [(a.get("fraction"), _html_text(a.findtext("text"))) for a in ordering.findall("answer")] == [
        ("1", "确认应到会有表决权的党员人数"), ("2", "确认到会人数超过应到会人数的半数"), ("3", "进行表决"), ("4", "赞成人数超过应到会人数的半数即为通过")]
    essay = by_id["jh-008"]
    assert _html_text(essay.findtext("graderinfo/text")) == "由党小组组长召集并主持；\n一般每月召开1次。"
    assert essay.findtext("responseformat") == "editor"


def test_feedback_tags_and_html_kept_as_text(exported):
    original, _ = load(ALL_TYPES)
    by_id = {q.findtext("idnumber"): q for q in _questions(exported)[1:]}
    first = by_id["jh-001"]
    assert first.find("questiontext").get("format") == "html"
    assert _html_text(first.findtext("questiontext/text")) == original.questions[0].stem
    assert [_html_text(a.findtext("text")) for a in first.findall("answer")] == original.questions[0].options
    assert _html_text(first.findtext("generalfeedback/text")) == "标签 <b> 在题库里只是文字，不会被执行。\n依据：《条例》第十一条"
    assert [t.findtext("text") for t in first.findall("tags/tag")] == [
        "安全", "易错", "source:tiaoli-11", "lesson:sanhui-yike/dangyuan-dahui", "difficulty:3"]
    # The raw file escapes the markup twice: once for HTML, once for XML.
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in exported.read_text("utf-8")
    several = by_id["jh-002"]
    assert _html_text(several.findtext("generalfeedback/text")).endswith("依据：《条例》第十六条；党章第八条")


def test_round_trip_every_type(exported, tmp_path, capsys):
    original, _ = load(ALL_TYPES)
    back = tmp_path / "jiaohuan.yml"
    status, output = run(capsys, "import", exported, "-o", back)
    assert status == 0, output
    imported, problems = load(back)
    assert problems == []
    assert imported.title == original.title
    assert [fields(q) for q in imported.questions] == [fields(q) for q in original.questions]


BROKEN_QUIZ = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>dz-1</text></name>
    <questiontext format="html"><text><![CDATA[<p>党员必须履行党章规定的义务。</p>]]></text></questiontext>
    <generalfeedback format="html"><text>见党章。</text></generalfeedback>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>配对</text></name>
    <questiontext format="html"><text>配对题</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>部分得分</text></name>
    <questiontext format="html"><text>哪个对？</text></questiontext>
    <answer fraction="100"><text>甲</text></answer>
    <answer fraction="50"><text>乙</text></answer>
  </question>
</quiz>
"""


def test_moodle_questions_we_cannot_take_are_named_by_line(tmp_path, capsys):
    source = tmp_path / "moodle.xml"
    source.write_text(BROKEN_QUIZ, "utf-8")
    out = tmp_path / "dz.yml"
    status, output = run(capsys, "import", source, "-o", out, "--source", "dangzhang-3", "--lesson", "dangzhang-jichu/yiwu")
    assert status == 1
    shown = source.as_posix()
    assert f"{shown}:10: Moodle 题型“matching”没有对应的题型，未导入" in output
    assert f"{shown}:14: 答案“乙”只得部分分（50%）：本站的题目只分对错，未导入" in output
    bank, problems = load(out)
    assert problems == []
    assert [(q.id, q.type, q.stem, q.answer, q.explanation) for q in bank.questions] == [
        ("dz-1", "judge", "党员必须履行党章规定的义务。", True, "见党章。")]  # a name that is a valid id is kept


def test_malformed_xml_names_the_line(tmp_path, capsys):
    source = tmp_path / "bad.xml"
    source.write_text("<quiz>\n  <question type='essay'>\n  </quiz>\n", "utf-8")
    status, output = run(capsys, "import", source, "-o", tmp_path / "x.yml")
    assert status == 1
    assert f"{source.as_posix()}:3: XML 格式错误：mismatched tag" in output
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?>\n<html><body/></html>\n", "utf-8")
    status, output = run(capsys, "import", other, "-o", tmp_path / "y.yml")
    assert status == 1
    assert f"{other.as_posix()}:2: 不是 Moodle XML 题目文件：最外层应当是 <quiz>，现在是 <html>" in output
