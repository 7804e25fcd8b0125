"""Excel and CSV: banks out and back in without loss, the template, and every rejected row named."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT, copy_project
from exchange_support import ALL_TYPES, fields, load, run, xlsx_rows

from coursekit.exchange.template import template_bank

HEADER = ["编号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "依据", "课文", "标签", "难度"]


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("COURSEKIT_LANG", raising=False)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_round_trip_keeps_every_field(tmp_path, capsys, suffix):
    original, problems = load(ALL_TYPES)
    assert problems == []
    table = tmp_path / f"bank.{suffix}"
    status, output = run(capsys, "export", ALL_TYPES, "-o", table)
    assert status == 0, output
    assert f"已导出 9 道题到 {table.as_posix()}" in output
    back = tmp_path / "jiaohuan.yml"
    status, output = run(capsys, "import", table, "-o", back)
    assert status == 0, output
    imported, problems = load(back)
    assert problems == []
    assert [fields(q) for q in imported.questions] == [fields(q) for q in original.questions]
    assert imported.id == "jiaohuan"
    if suffix == "xlsx":  # the workbook carries the title; a CSV file has nowhere to keep it
        assert imported.title == original.title


def test_workbook_read_without_openpyxl(tmp_path, capsys):
    out = tmp_path / "bank.xlsx"
    assert run(capsys, "export", ALL_TYPES, "-o", out)[0] == 0
    rows = xlsx_rows(out, "题库")
    options = [f"选项{letter}" for letter in "ABCDEFGHIJ"]  # ten options in jh-002: columns grow past H
    assert rows[0] == ["编号", "题型", "题干", *options, "答案", "解析", "依据", "课文", "标签", "难度"]
    by_id = {row[0]: row for row in rows[1:]}
    assert list(by_id) == [f"jh-00{n}" for n in range(1, 10)]
    first = by_id["jh-001"]
    assert first[1:7] == ["单选", "下面哪一项是 <b>加粗</b> 标签的写法？ & 还有 &amp; 呢？", "=SUM(A1:A2)", "+86 电话", "<script>alert(1)</script>", "-1 人"]
    assert first[13:] == ["C", "标签 <b> 在题库里只是文字，不会被执行。", "tiaoli-11", "sanhui-yike/dangyuan-dahui", "安全、易错", "3"]
    assert by_id["jh-002"][3:14] == ["支部党员大会", "民主生活会", "支部委员会会议", "主题党日", "党小组会", "谈心谈话", "党课", "民主评议", "组织生活会", "理论学习中心组", "ACEG"]
    assert by_id["jh-002"][15] == "tiaoli-16、dangzhang-8"
    assert by_id["jh-003"][13] == "正确" and by_id["jh-004"][13] == "错误"
    assert by_id["jh-006"][13] == "半数|1/2|二分之一；应到会有表决权的党员人数"
    assert by_id["jh-007"][1] == "排序" and by_id["jh-007"][13] == ""
    assert by_id["jh-008"][2] == "党小组会由谁召集并主持？\n一般多久开一次？"
    assert by_id["jh-008"][13] == "由党小组组长召集并主持；\n一般每月召开1次。"
    help_rows = xlsx_rows(out, "填写说明")
    assert help_rows[0][0].startswith("题库表格填写说明")


def test_csv_is_excel_utf8_and_guards_formulas(tmp_path, capsys):
    out = tmp_path / "bank.csv"
    assert run(capsys, "export", ALL_TYPES, "-o", out)[0] == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0][:3] == ["编号", "题型", "题干"]
    first = rows[1]
    # Excel would run =, +, - as formulas: the cells carry the usual leading apostrophe.
    assert first[3:7] == ["'=SUM(A1:A2)", "'+86 电话", "<script>alert(1)</script>", "'-1 人"]


def _write_csv(path, rows, encoding):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("gb18030", "GB18030（GBK）"), ("utf-8-sig", "UTF-8（带 BOM）"), ("utf-8", "UTF-8")],
)
def test_csv_encodings_from_excel(tmp_path, capsys, encoding, named):
    rows = [
        HEADER,
        ["", "单选", "党支部党员大会一般多久召开一次？", "每月1次", "每季度1次", "每半年1次", "每年1次", "B", "一般每季度1次。", "tiaoli-11", "sanhui-yike/dangyuan-dahui", "频次", "1"],
        ["", "判断", "党小组会由组长召集并主持。", "", "", "", "", "√", "《条例》第十四条。", "tiaoli-14", "sanhui-yike/zhiweihui-xiaozu", "", ""],
    ]
    source = tmp_path / "党章题库.csv"
    _write_csv(source, rows, encoding)
    out = tmp_path / "dz.yml"
    status, output = run(capsys, "import", source, "-o", out)
    assert status == 0, output
    assert f"按 {named} 编码读取。" in output
    bank, problems = load(out)
    assert problems == []
    assert bank.title == "党章题库"
    assert [(q.id, q.type, q.answer, q.stem) for q in bank.questions] == [
        ("dz-001", "single", 1, "党支部党员大会一般多久召开一次？"),
        ("dz-002", "judge", True, "党小组会由组长召集并主持。"),
    ]


MALFORMED = [
    # (row as Excel numbers it, cells after 编号, expected message or None for a good row)
    (2, ["单选", "好题一", "甲", "乙", "丙", "丁", "A", "解析", "tiaoli-11", "a/b", "", ""], None),
    (3, ["选择", "未知题型", "甲", "乙", "", "", "A", "", "", "", "", ""], "未知题型“选择”；可写：单选、多选、判断、填空、排序、简答（或 single、multiple、judge、blank、order、short）"),
    (4, ["单选", "缺答案", "甲", "乙", "", "", "", "", "", "", "", ""], "缺少答案"),
    (5, ["单选", "答案不在选项中", "甲", "乙", "丙", "丁", "E", "", "", "", "", ""], "答案“E”不在选项中（共 4 个选项，A–D）"),
    (6, ["多选", "重复的选项", "甲", "乙", "甲", "丁", "AB", "", "", "", "", ""], "选项 C 与选项 A 相同（“甲”）"),
    (7, ["判断", "", "", "", "", "", "正确", "", "", "", "", ""], "题干是空的"),
    (8, ["判断", "判断答案不对", "", "", "", "", "可能", "", "", "", "", ""], "判断题的答案应当是 正确/错误（或 对/错、√/×），现在是“可能”"),
    (9, ["单选", "只有一个选项", "甲", "", "", "", "A", "", "", "", "", ""], "单项选择题至少要有 2 个选项，现在有 1 个"),
    (10, ["填空", "两个空___和___", "", "", "", "", "甲", "", "", "", "", ""], "题干有 2 个空，答案却给了 1 个（几个空的答案用“；”隔开）"),
    (12, ["判断", "好题二", "", "", "", "", "错", "解析", "tiaoli-11", "a/b", "", "2"], None),
    (13, ["单选", "选项中间空了", "甲", "", "丙", "", "A", "", "", "", "", ""], "选项 B 是空的，但后面还有选项：选项要从 A 开始连续填写"),
    (14, ["单选", "难度写错", "甲", "乙", "", "", "A", "", "", "", "", "很难"], "难度“很难”应当是 1、2、3（或 易、中、难）"),
    (15, ["多选", "多选只有一个答案", "甲", "乙", "丙", "", "B", "", "", "", "", ""], "多选题至少要有两个正确答案，现在是“B”；只有一个正确答案的请把题型改为单选"),
]


def _malformed_rows(with_ids: bool = False):
    rows = [HEADER]
    for number, cells, _ in MALFORMED:
        while len(rows) < number - 1:
            rows.append([""] * len(HEADER))  # row 11 stays empty: numbers must still match Excel's
        rows.append([f"hao-{number}" if with_ids else ""] + cells)
    return rows


def _assert_malformed_report(output, shown, out):
    for number, _, message in MALFORMED:
        if message:
            assert f"{shown}:{number}: {message}" in output, output
    reported = [line for line in output.splitlines() if line.startswith(f"{shown}:")]
    assert len(reported) == sum(1 for *_, m in MALFORMED if m), output
    assert "有 11 处（行或题）未导入" in output
    bank, problems = load(out)
    assert problems == []
    assert [(q.id, q.stem) for q in bank.questions] == [("bad-001", "好题一"), ("bad-002", "好题二")]


def test_malformed_workbook_rows_are_named_and_good_rows_imported(tmp_path, capsys):
    book = openpyxl.Workbook()
    for row in _malformed_rows():
        book.active.append(row)
    source = tmp_path / "题库.xlsx"
    book.save(source)
    out = tmp_path / "bad.yml"
    status, output = run(capsys, "import", source, "-o", out)
    assert status == 1
    _assert_malformed_report(output, source.as_posix(), out)


def test_malformed_csv_rows_are_named_and_good_rows_imported(tmp_path, capsys):
    source = tmp_path / "题库.csv"
    _write_csv(source, _malformed_rows(), "utf-8-sig")
    out = tmp_path / "bad.yml"
    status, output = run(capsys, "import", source, "-o", out)
    assert status == 1
    _assert_malformed_report(output, source.as_posix(), out)


def test_duplicate_and_malformed_ids(tmp_path, capsys):
    rows = [HEADER,
            ["dz-001", "判断", "第一题", "", "", "", "", "对", "e", "k", "a/b", "", ""],
            ["DZ 2", "判断", "第二题", "", "", "", "", "对", "e", "k", "a/b", "", ""],
            ["dz-001", "判断", "第三题", "", "", "", "", "对", "e", "k", "a/b", "", ""],
            ["", "判断", "第四题", "", "", "", "", "对", "e", "k", "a/b", "", ""]]
    source = tmp_path / "ids.csv"
    _write_csv(source, rows, "utf-8")
    out = tmp_path / "dz.yml"
    status, output = run(capsys, "import", source, "-o", out)
    assert status == 1
    shown = source.as_posix()
    assert f"{shown}:3: 编号“DZ 2”只能用小写字母、数字和连字符" in output
    assert f"{shown}:4: 编号“dz-001”重复（第一次在第 2 行）" in output
    bank, _ = load(out)
    # The generated id skips the one the file already uses.
    assert [q.id for q in bank.questions] == ["dz-001", "dz-002"]


def test_missing_header_and_unreadable_workbook(tmp_path, capsys):
    source = tmp_path / "no-header.csv"
    _write_csv(source, [["序号", "内容"], ["1", "什么"]], "utf-8")
    status, output = run(capsys, "import", source, "-o", tmp_path / "x.yml")
    assert status == 1
    assert f"{source.as_posix()}:1: 找不到表头：前几行中应有一行列名，至少包括 题型、题干" in output
    assert not (tmp_path / "x.yml").exists()
    fake = tmp_path / "fake.xlsx"
    fake.write_text("不是表格", "utf-8")
    status, output = run(capsys, "import", fake, "-o", tmp_path / "y.yml")
    assert status == 1 and f"{fake.as_posix()}: 无法作为 Excel 文件打开" in output


def test_defaults_fill_what_the_file_lacks_and_warn_about_the_rest(tmp_path, capsys):
    rows = [["题干", "题型", "答案", "选项A", "选项B", "备注"],  # columns in any order; 备注 is ignored
            ["有解析的题", "单选", "A", "甲", "乙", "x"],
            ["没有依据的题", "判断", "对", "", "", ""]]
    source = tmp_path / "q.csv"
    _write_csv(source, rows, "utf-8")
    out = tmp_path / "q.yml"
    status, output = run(capsys, "import", source, "-o", out, "--lesson", "sanhui-yike/dangyuan-dahui",
                         "--id-prefix", "cs", "--title", "测试", "--root", ROOT)
    assert status == 0, output
    assert "不认识的列，已忽略：备注。" in output
    shown = source.as_posix()
    assert f"{shown}:2: 提醒：题目 cs-001 缺少解析、依据，请在题库中补全" in output
    assert f"{shown}:3: 提醒：题目 cs-002 缺少解析、依据" in output
    bank, problems = load(out)
    assert bank.title == "测试"
    assert all(q.lesson == "sanhui-yike/dangyuan-dahui" for q in bank.questions)
    # The bank is written in our format with the gaps left visible; the loader names exactly them.
    assert sorted(p.message for p in problems) == ["缺少必填项“explanation”"] * 2 + ["缺少必填项“source”"] * 2
    text = out.read_text("utf-8")
    assert "    explanation:\n    source:\n" in text


def test_existing_bank_is_never_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "jiaohuan.yml"
    out.write_text("别动我\n", "utf-8")
    table = tmp_path / "t.xlsx"
    assert run(capsys, "export", ALL_TYPES, "-o", table)[0] == 0
    status, output = run(capsys, "import", table, "-o", out)
    assert status == 1
    assert f"{out.as_posix()} 已存在，没有改动它；要覆盖请加 --force" in output
    assert out.read_text("utf-8") == "别动我\n"
    before = table.read_bytes()
    status, output = run(capsys, "export", ALL_TYPES, "-o", table)
    assert status == 1 and table.read_bytes() == before
    status, output = run(capsys, "import", table, "-o", out, "--force")
    assert status == 0, output
    assert load(out)[1] == []


def test_shipped_templates_match_the_command_and_import_cleanly(tmp_path, capsys):
    shipped = ROOT / "docs" / "assets" / "templates"
    for suffix in ("xlsx", "csv"):
        made = tmp_path / f"题库模板.{suffix}"
        status, output = run(capsys, "template", "-o", made)
        assert status == 0 and "含 6 道示例题" in output
        if suffix == "csv":
            assert made.read_bytes() == (shipped / made.name).read_bytes()
        else:
            assert xlsx_rows(made, "题库") == xlsx_rows(shipped / made.name, "题库")
        out = tmp_path / f"muban-{suffix}.yml"
        status, output = run(capsys, "import", shipped / made.name, "-o", out, "--bank", "muban")
        assert status == 0, output
        bank, problems = load(out)
        assert problems == []
        assert [fields(q) for q in bank.questions] == [fields(q) for q in template_bank().questions]
    empty = tmp_path / "empty.xlsx"
    assert run(capsys, "template", "-o", empty, "--empty")[0] == 0
    assert xlsx_rows(empty, "题库") == [HEADER[:7] + ["选项E", "选项F", "选项G", "选项H"] + HEADER[7:]]


def test_imported_template_passes_the_project_check(tmp_path):
    """The sample rows cite real articles and lessons: imported into the project, check passes."""
    project = copy_project(tmp_path / "p")
    shutil.copy(ROOT / "docs" / "assets" / "templates" / "题库模板.xlsx", tmp_path / "题库模板.xlsx")
    env_run = lambda *a: subprocess.run([sys.executable, "-m", "coursekit", *map(str, a)], capture_output=True, text=True, cwd=project)  # noqa: E731
    result = env_run("import", tmp_path / "题库模板.xlsx", "-o", "quizzes/muban.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    check = env_run("check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_trainers_guide_links_the_templates():
    guide = (ROOT / "docs" / "guide" / "trainers.md").read_text("utf-8")
    for name in ("题库模板.xlsx", "题库模板.csv"):
        assert f"(../assets/templates/{name})" in guide
        assert (ROOT / "docs" / "assets" / "templates" / name).is_file()
    for column in ("编号", "题型", "题干", "选项A", "答案", "解析", "依据", "课文", "标签", "难度"):
        assert column in guide


def test_cells_are_plain_text_without_control_characters(tmp_path, capsys):
    rows = [HEADER, ["", "单选", "党员\x07大会\x1b[31m<b>一般</b>\u200b多久开一次？", "每月\x001次", "<i>每季度</i>", "", "",
                     "B", "解析\x0b里有控制字符", "tiaoli-11", "sanhui-yike/dangyuan-dahui", "", ""]]
    source = tmp_path / "ctl.csv"
    _write_csv(source, rows, "utf-8")
    out = tmp_path / "ctl.yml"
    status, output = run(capsys, "import", source, "-o", out)
    assert status == 0, output
    bank, problems = load(out)
    assert problems == []
    q = bank.questions[0]
    assert (q.stem, q.options, q.explanation) == ("党员大会[31m<b>一般</b>多久开一次？", ["每月1次", "<i>每季度</i>"], "解析里有控制字符")


def test_title_rows_above_the_header_keep_excel_row_numbers(tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append(["2024年党章知识题库"])
    sheet.append(HEADER)
    sheet.append(["", "判断", "好题", "", "", "", "", True, "解析", "tiaoli-11", "a/b", "", 2.0])  # Excel TRUE, a float 2
    sheet.append(["", "判断", "坏题", "", "", "", "", "也许", "解析", "tiaoli-11", "a/b", "", ""])
    source = tmp_path / "titled.xlsx"
    book.save(source)
    out = tmp_path / "titled.yml"
    status, output = run(capsys, "import", source, "-o", out)
    assert status == 1
    assert f"{source.as_posix()}:4: 判断题的答案应当是 正确/错误（或 对/错、√/×），现在是“也许”" in output
    bank, _ = load(out)
    assert [(q.stem, q.answer, q.difficulty) for q in bank.questions] == [("好题", True, 2)]


def test_sources_are_checked_against_the_citation_index(tmp_path, capsys):
    rows = [HEADER,
            ["", "判断", "写了条文名称", "", "", "", "", "对", "e", "《条例》第十二条", "a/b", "", ""],
            ["", "判断", "写了不存在的键", "", "", "", "", "对", "e", "tiaoli-999", "a/b", "", ""]]
    source = tmp_path / "src.csv"
    _write_csv(source, rows, "utf-8")
    out = tmp_path / "src.yml"
    status, output = run(capsys, "import", source, "-o", out, "--root", ROOT)
    assert status == 0, output
    assert f"{source.as_posix()}:3: 提醒：题目 src-002 的依据“tiaoli-999”不是条文索引中的键名" in output
    assert [q.sources for q in load(out)[0].questions] == [["tiaoli-12"], ["tiaoli-999"]]


def test_export_refuses_a_broken_bank_and_unknown_formats(tmp_path, capsys):
    broken = tmp_path / "broken.yml"
    broken.write_text("bank: b\ntitle: 坏\nquestions:\n  - id: b-1\n    type: single\n    stem: 题\n    options: [甲, 乙]\n"
                      "    answer: C\n    explanation: e\n    source: k\n    lesson: a/b\n", "utf-8")
    status, output = run(capsys, "export", broken, "-o", tmp_path / "b.xlsx")
    assert status == 1
    assert f"{broken.as_posix()}:8: 答案“C”不在选项中" in output
    assert "题库有 1 个问题，请先修改再导出" in output and not (tmp_path / "b.xlsx").exists()
    status, output = run(capsys, "export", ALL_TYPES, "-o", tmp_path / "b.pdf")
    assert status == 1 and "无法从扩展名判断" in output and not (tmp_path / "b.pdf").exists()
    status, output = run(capsys, "import", tmp_path / "b.pdf", "-o", tmp_path / "b.yml")
    assert status == 1 and "找不到文件" in output


def test_nothing_to_export_leaves_no_file(tmp_path, capsys):
    judges = tmp_path / "judges.yml"
    judges.write_text("bank: j\ntitle: 判断\nquestions:\n  - id: j-1\n    type: judge\n    stem: 题\n    answer: 对\n"
                      "    explanation: e\n    source: k\n    lesson: a/b\n", "utf-8")
    status, output = run(capsys, "export", judges, "-o", tmp_path / "j.txt")
    assert status == 1
    assert "没有可导出的题目：Aiken（Moodle，只有单选题） 格式无法表示这个题库里的任何一道题" in output
    assert not (tmp_path / "j.txt").exists()


def test_a_text_a_spreadsheet_cannot_keep_is_named_not_lost(tmp_path, capsys):
    bank = tmp_path / "sep.yml"
    bank.write_text("bank: s\ntitle: 分隔符\nquestions:\n  - id: s-1\n    type: blank\n    stem: 写___\n    answer: [[a|b]]\n"
                    "    explanation: e\n    source: k\n    lesson: a/b\n  - id: s-2\n    type: judge\n    stem: 题\n    answer: 对\n"
                    "    explanation: e\n    source: k\n    lesson: a/b\n", "utf-8")
    out = tmp_path / "sep.csv"
    status, output = run(capsys, "export", bank, "-o", out)
    assert status == 0
    assert f"{bank.as_posix()}:4: 题目 s-1 未导出：填空答案“a|b”含有分隔符 ；或 |，表格中无法原样保存" in output
    assert "已导出 1 道题" in output


def test_messages_in_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COURSEKIT_LANG", "en")
    source = tmp_path / "en.csv"
    _write_csv(source, [HEADER, ["", "单选", "题", "甲", "乙", "", "", "E", "", "", "", "", ""]], "utf-8")
    status, output = run(capsys, "import", source, "-o", tmp_path / "en.yml")
    assert status == 1
    assert f"{source.as_posix()}:2: Answer \"E\" is not among the options (2 options, A–B)" in output
    assert "No question imported: 1 problems, see above." in output


@pytest.mark.parametrize(("name", "hint"), [("旧表格.xls", "请先另存为 .xlsx"), ("试卷.docx", "粘贴到记事本，保存为 .txt 文件后导入")])
def test_office_files_we_do_not_read_get_a_way_forward(tmp_path, capsys, name, hint):
    source = tmp_path / name
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    status, output = run(capsys, "import", source, "-o", tmp_path / "x.yml")
    assert status == 1 and hint in output and source.as_posix() in output
