"""GIFT and Aiken (Moodle's text formats): what they carry comes back unchanged, what they cannot
carry is named on export, and every block an importer cannot use is reported by its first line."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from exchange_support import ALL_TYPES, fields, load, load_completed, run

GIFT_CARRIES = ["jh-001", "jh-002", "jh-003", "jh-004", "jh-005", "jh-008", "jh-009"]


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("COURSEKIT_LANG", raising=False)


def _line_of(bank, qid):
    return next(q.line for q in bank.questions if q.id == qid)


def test_gift_round_trip_and_what_it_leaves_out(tmp_path, capsys):
    original, _ = load(ALL_TYPES)
    out = tmp_path / "bank.gift"
    status, output = run(capsys, "export", ALL_TYPES, "-o", out, "--root", ROOT)
    assert status == 0, output
    shown = ALL_TYPES.as_posix()
    assert f"{shown}:{_line_of(original, 'jh-006')}: 题目 jh-006（2 个空的填空题）未导出：GIFT 只能表示一个空" in output
    assert f"{shown}:{_line_of(original, 'jh-007')}: 题目 jh-007（排序题）未导出：GIFT 格式没有排序题" in output
    assert "已导出 7 道题" in output and "有 2 道题 GIFT（Moodle） 格式无法表示" in output

    text = out.read_text("utf-8")
    assert "$CATEGORY: $course$/交换格式//测试题库: 全部{题型}\n" in text  # a / inside a category name is doubled
    assert "::jh-001::[html]下面哪一项是 &lt;b&gt;加粗&lt;/b&gt; 标签的写法？ &amp; 还有 &amp;amp; 呢？{" in text
    assert "\t=&lt;script&gt;alert(1)&lt;/script&gt;\n" in text and "\t~\\=SUM(A1\\:A2)\n" in text
    # Four right answers of ten share 100%, each wrong one takes it all away.
    assert text.count("~%25%") == 4 and text.count("~%-100%") == 6
    assert "// [id:jh-002] [tag:概念] [tag:source:tiaoli-16] [tag:source:dangzhang-8] [tag:lesson:sanhui-yike/sanhui-gailan] [tag:difficulty:2]" in text
    assert "\tTRUE\n" in text and "\tFALSE\n" in text
    assert "党员大会一般每{\n\t=季度 =个季度 =3个月\n" in text
    assert "####参考答案：由党小组组长召集并主持；<br>一般每月召开1次。<br>解析：见《条例》第十三条、第十四条。<br>依据：《条例》第十三条；《条例》第十四条" in text
    assert "\t=j\\\\k\n" in text  # a backslash is written doubled

    back = tmp_path / "jiaohuan.yml"
    status, output = run(capsys, "import", out, "-o", back)
    assert status == 0, output
    imported, problems = load(back)
    assert problems == []
    assert imported.title == "交换格式/测试题库: 全部{题型}"
    expected = [fields(q) for q in original.questions if q.id in GIFT_CARRIES]
    assert [fields(q) for q in imported.questions] == expected


HAND_WRITTEN = """// 从 Moodle 导出的题目，外加几段它没法表示的。
$CATEGORY: $course$/top/党章学习

::Q1:: 党的最高领导机关是党的全国代表大会和它所产生的{
  =中央委员会#对
  ~中央纪律检查委员会#不对
  ~中央军事委员会
}。

// [id:dz-100] [tag:党章] [tag:source:dangzhang-10]
::党员权利::[plain]党员享有哪些权利？（多选）{
  ~%50%参加党的有关会议
  ~%50%在党的会议上参加讨论
  ~%-100%担任任何职务
  ####党章第四条规定了党员的权利。
}

党员必须履行党章规定的义务。{T#回答错误#回答正确}

预备党员的预备期为{=一年 =1年 =12个月}。

党的组织原则是民主集中制\\{不是别的\\}，对吗？{TRUE}

When was Grant born?{#1822:5}

这一段只是说明文字，没有答案。

匹配题{=甲 -> 一 =乙 -> 二}

部分得分{=全对 ~%50%一半 ~错}

没有闭合的花括号{=甲

::论述::简述党支部的基本任务。{
  ####参考答案：宣传和执行党的路线方针政策……
  解析：见《条例》第十条。
}

::没答案的论述::谈谈你的体会。{}
"""


def test_hand_written_gift(tmp_path, capsys):
    source = tmp_path / "moodle-export.txt"  # Moodle saves GIFT as .txt: the content decides
    source.write_text(HAND_WRITTEN, "utf-8")
    out = tmp_path / "dangzhang.yml"
    status, output = run(capsys, "import", source, "-o", out, "--lesson", "dangzhang-jichu/yiwu")
    assert status == 1
    assert "根据内容判断为 GIFT（Moodle）" in output
    shown = source.as_posix()
    reported = [line for line in output.splitlines() if line.startswith(f"{shown}:")]
    assert reported == [
        f"{shown}:24: GIFT 数值题没有对应的题型，未导入",
        f"{shown}:26: 这一段没有 {{…}} 答案部分（GIFT 的说明文字），未导入",
        f"{shown}:28: GIFT 配对题没有对应的题型，未导入",
        f"{shown}:30: 答案“一半”只得部分分（50%）：本站的题目只分对错，未导入",
        f"{shown}:32: 花括号不成对：答案要写在 {{ 和 }} 之间",
        f"{shown}:39: 缺少答案",
        f"{shown}:4: 提醒：题目 dangzhang-001 缺少依据，请在题库中补全（coursekit check 会检查）",
        f"{shown}:18: 提醒：题目 dangzhang-002 缺少依据，请在题库中补全（coursekit check 会检查）",
        f"{shown}:20: 提醒：题目 dangzhang-003 缺少解析、依据，请在题库中补全（coursekit check 会检查）",
        f"{shown}:22: 提醒：题目 dangzhang-004 缺少解析、依据，请在题库中补全（coursekit check 会检查）",
        f"{shown}:34: 提醒：题目 dangzhang-005 缺少依据，请在题库中补全（coursekit check 会检查）",
    ]
    bank = load_completed(out)
    assert bank.title == "党章学习"
    got = {q.id: q for q in bank.questions}
    assert list(got) == ["dangzhang-001", "dz-100", "dangzhang-002", "dangzhang-003", "dangzhang-004", "dangzhang-005"]
    first = got["dangzhang-001"]
    assert (first.type, first.stem, first.options, first.answer) == (
        "single", "党的最高领导机关是党的全国代表大会和它所产生的___。", ["中央委员会", "中央纪律检查委员会", "中央军事委员会"], 0)
    rights = got["dz-100"]
    assert (rights.type, rights.answer, rights.sources, rights.tags) == ("multiple", [0, 1], ["dangzhang-10"], ["党章"])
    # Per-answer feedback is the explanation when there is no general feedback.
    assert (first.explanation, first.sources, rights.lesson) == ("A：对；B：不对", ["待补"], "dangzhang-jichu/yiwu")
    assert rights.explanation == "党章第四条规定了党员的权利。"
    assert (got["dangzhang-002"].type, got["dangzhang-002"].answer) == ("judge", True)
    assert got["dangzhang-002"].explanation == "答错时：回答错误；答对时：回答正确"
    assert (got["dangzhang-003"].stem, got["dangzhang-003"].answer) == ("预备党员的预备期为___。", [["一年", "1年", "12个月"]])
    assert (got["dangzhang-004"].stem, got["dangzhang-004"].answer) == ("党的组织原则是民主集中制{不是别的}，对吗？", True)
    essay = got["dangzhang-005"]
    assert (essay.type, essay.answer, essay.explanation) == ("short", "宣传和执行党的路线方针政策……", "见《条例》第十条。")


def test_aiken_round_trip_single_choice_only(tmp_path, capsys):
    original, _ = load(ALL_TYPES)
    out = tmp_path / "bank.txt"
    status, output = run(capsys, "export", ALL_TYPES, "-o", out)
    assert status == 0, output
    shown = ALL_TYPES.as_posix()
    assert f"{shown}:{_line_of(original, 'jh-002')}: 题目 jh-002（多项选择题）未导出：Aiken 格式只有单选题" in output
    assert f"{shown}:{_line_of(original, 'jh-008')}: 题目 jh-008（简答题）未导出：Aiken 格式只有单选题" in output
    assert "题目 jh-009 的换行在 Aiken 格式中改成了空格。" in output
    assert "已导出 2 道题" in output
    assert out.read_text("utf-8").startswith(
        "下面哪一项是 <b>加粗</b> 标签的写法？ & 还有 &amp; 呢？\nA. =SUM(A1:A2)\nB. +86 电话\nC. <script>alert(1)</script>\nD. -1 人\nANSWER: C\n\n")

    back = tmp_path / "aiken.yml"
    status, output = run(capsys, "import", out, "-o", back, "--source", "tiaoli-11", "--lesson", "sanhui-yike/dangyuan-dahui")
    assert "根据内容判断为 Aiken（Moodle，只有单选题）" in output
    assert status == 0, output
    # Aiken has no explanation: the loader asks for exactly that and nothing else.
    assert {p.message for p in load(back)[1]} == {"缺少必填项“explanation”"}
    written = yaml.safe_load(back.read_text("utf-8"))["questions"]
    got = [(q["type"], q["stem"], q["options"], q["answer"], q["source"], q["lesson"], q["explanation"]) for q in written]
    singles = [q for q in original.questions if q.type == "single"]
    assert got == [
        ("single", q.stem.replace("\n", " "), q.options, "ABCD"[q.answer], "tiaoli-11", "sanhui-yike/dangyuan-dahui", None)
        for q in singles
    ]


AIKEN_BROKEN = """党支部党员大会一般多久召开一次？
A. 每月1次
B. 每季度1次
ANSWER: B

答案不在选项里的题
A. 甲
B. 乙
ANSWER: D

选项字母跳了
A. 甲
C. 乙
ANSWER: A

选项后面有杂行
A. 甲
B. 乙
这一行不该在这里
ANSWER: A
ANSWER: B

最后一题没有答案行
A. 甲
B. 乙
"""


def test_malformed_aiken_blocks(tmp_path, capsys):
    source = tmp_path / "aiken.txt"
    source.write_text(AIKEN_BROKEN, "utf-8")
    out = tmp_path / "ak.yml"
    status, output = run(capsys, "import", source, "-o", out, "--format", "aiken")
    assert status == 1
    shown = source.as_posix()
    assert [line for line in output.splitlines() if line.startswith(f"{shown}:") and "提醒" not in line] == [
        f"{shown}:6: 答案“D”不在选项中（共 2 个选项，A–B）",
        f"{shown}:11: 选项字母“C”不对，这里应当是 B",
        f"{shown}:16: 第 19 行“这一行不该在这里”在选项之后，但既不是选项，也不是 ANSWER: 行",
        f"{shown}:21: ANSWER: 行前面没有题目",
        f"{shown}:23: 这道题缺少 ANSWER: 行（Aiken 格式每题以“ANSWER: 字母”结束）",
    ]
    written = yaml.safe_load(out.read_text("utf-8"))["questions"]
    assert [(q["stem"], q["answer"]) for q in written] == [("党支部党员大会一般多久召开一次？", "B")]


def test_gift_per_answer_feedback_becomes_the_explanation(tmp_path, capsys):
    source = tmp_path / "feedback.gift"
    source.write_text(
        "::j1:: 党员大会一般每月召开1次。{FALSE#一般每季度召开1次，见《条例》第十一条。}\n\n"
        "::s1:: 支委会会议多久开一次？{=每月1次#支委会会议一般每月召开1次。 ~每年1次}\n\n"
        "::b1:: 预备期为{=一年#预备期为一年。}。\n",
        "utf-8",
    )
    out = tmp_path / "feedback.yml"
    run(capsys, "import", source, "-o", out, "--lesson", "dangzhang-jichu/yiwu")
    got = {q.id: q for q in load_completed(out).questions}
    assert got["j1"].explanation == "一般每季度召开1次，见《条例》第十一条。"
    assert got["s1"].explanation == "支委会会议一般每月召开1次。"
    assert got["b1"].explanation == "预备期为一年。"
