"""Result slips (format coursekit-result, version 1) and ``coursekit results``, the Excel report."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from trainer_fixture import write_fixture_content

from coursekit.results.slip import SlipError, parse_slip

POINTS = {"single": 2, "multiple": 3, "judge": 1, "blank": 2, "order": 3, "short": 5}
RIGHT = {"single": 1, "multiple": [0, 1], "judge": True, "blank": ["季度", "半数"], "order": [0, 1, 2, 3], "short": "参考答案"}
WRONG = {"single": 0, "multiple": [2], "judge": False, "blank": None, "order": [3, 2, 1, 0], "short": "不知道"}
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
PAPER_QUESTIONS = ["ckt-single-01", "ckt-multiple-01", "ckt-judge-01", "ckt-blank-01", "ckt-order-01", "ckt-short-01"]


def qtype(qid: str) -> str:
    return qid.split("-")[1] if qid.startswith("ckt-") else "single"


def make_slip(name: str, wrong: set[str], questions=PAPER_QUESTIONS, paper: str = "ckt-shijuan", minutes: int = 8) -> dict:
    answers = []
    for qid in questions:
        kind = qtype(qid)
        missed = qid in wrong
        correct = None if kind == "short" else not missed
        answers.append({"id": qid, "type": kind, "given": (WRONG if missed else RIGHT)[kind], "correct": correct, "points": 0 if missed else POINTS[kind]})
    score = sum(a["points"] for a in answers)
    total = sum(POINTS[qtype(q)] for q in questions)
    return {
        "format": "coursekit-result",
        "version": 1,
        "name": name,
        "unit": f"{name}所在党支部",
        "paper": paper,
        "paperTitle": "测试试卷",
        "seed": 40,
        "started": "2026-05-01T01:00:00.000Z",
        "finished": f"2026-05-01T01:{minutes:02d}:30.000Z",
        "score": score,
        "total": total,
        "passed": score >= 0.6 * total,
        "answers": answers,
    }


LEARNERS = {
    "张三": make_slip("张三", {"ckt-judge-01"}),
    "李四": make_slip("李四", {"ckt-single-01", "ckt-judge-01"}),
    "王五": make_slip("王五", {"ckt-single-01", "ckt-judge-01", "ckt-blank-01", "ckt-short-01"}, minutes=20),
    "赵六": make_slip("赵六", set()),
    "孙七": make_slip("孙七", {"ckt-single-02"}, questions=["ckt-single-02", "gone-001"], paper="lingyi-shijuan"),
}
INVALID = {
    "broken.json": ("{不是 JSON", "不是有效的 JSON（第 1 行第 2 列出错），请确认是考试页面下载的成绩单"),
    "other-format.json": (dict(LEARNERS["张三"], format="quiz-export"), "不是 coursekit 成绩单（format 应为 coursekit-result，现在是“quiz-export”）"),
    "mismatch.json": (dict(LEARNERS["张三"], score=1), f"总分 score=1 与各题得分之和 {LEARNERS['张三']['score']} 不一致"),
    "naive-time.json": (dict(LEARNERS["张三"], started="2026-05-01 09:00"), "“started”应当是带时区的 ISO 8601 时间"),
}


def coursekit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    root = write_fixture_content(tmp_path / "project")
    slips = root / "slips"
    for index, (name, slip) in enumerate(LEARNERS.items()):
        folder = slips / ("day2" if index % 2 else "")  # sub-folders are read too
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index}-{name}.json").write_text(json.dumps(slip, ensure_ascii=False), "utf-8")
    return root


def test_report_aggregates_learners_and_questions(project):
    for file, (content, _) in INVALID.items():
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        (project / "slips" / file).write_text(text, "utf-8")
    result = coursekit("results", "slips", "-o", "report/成绩.xlsx", cwd=project)
    assert result.returncode == 1  # some slips were skipped
    for file, (_, reason) in INVALID.items():
        assert f"slips/{file}: {reason}" in result.stderr
    assert "5 份成绩单，跳过 4 份无效的" in result.stdout

    book = load_workbook(project / "report/成绩.xlsx")
    assert book.sheetnames == ["概况", "学员成绩", "题目统计"]

    learners = list(book["学员成绩"].iter_rows(values_only=True))
    assert learners[0][:8] == ("姓名", "单位", "试卷", "试卷名称", "试卷编号", "得分", "满分", "是否及格")
    rows = {row[0]: row for row in learners[1:]}
    assert set(rows) == set(LEARNERS)
    for name, slip in LEARNERS.items():
        row = rows[name]
        assert (row[1], row[2], row[4], row[5], row[6]) == (slip["unit"], slip["paper"], 40, slip["score"], slip["total"])
        assert row[7] == ("及格" if slip["passed"] else "不及格")
        assert str(row[8]) == "2026-05-01 09:00:00"  # Beijing time
    assert rows["王五"][10] == 20.5 and rows["张三"][10] == 8.5

    questions = list(book["题目统计"].iter_rows(values_only=True))
    assert questions[0] == ("题目编号", "题干", "题型", "作答人次", "答错人次", "错误率")
    table = [(r[0], r[3], r[4], r[5]) for r in questions[1:]]
    assert table == [
        ("ckt-judge-01", 4, 3, 0.75),
        ("ckt-single-01", 4, 2, 0.5),
        ("ckt-single-02", 1, 1, 1.0),
        ("ckt-blank-01", 4, 1, 0.25),
        ("ckt-multiple-01", 4, 0, 0.0),
        ("ckt-order-01", 4, 0, 0.0),
        ("gone-001", 1, 0, 0.0),
        ("ckt-short-01", 4, 0, None),  # self-marked: answered, never machine-marked
    ]
    stems = {r[0]: r[1] for r in questions[1:]}
    assert stems["ckt-judge-01"] == "判断题1：这是第1个说法。" and stems["gone-001"] == "（题库中已没有这道题）"

    summary = list(book["概况"].iter_rows(values_only=True))
    by_paper = {row[0]: row for row in summary[1:]}
    scores = [s["score"] for s in LEARNERS.values() if s["paper"] == "ckt-shijuan"]
    assert by_paper["ckt-shijuan"][2:7] == (4, round(sum(scores) / 4, 2), max(scores), min(scores), sum(s["passed"] for s in LEARNERS.values() if s["paper"] == "ckt-shijuan"))

    with zipfile.ZipFile(project / "report/成绩.xlsx") as package:
        chart = ElementTree.fromstring(package.read("xl/charts/chart1.xml"))
        assert "xl/charts/chart1.xml" in package.namelist() and "xl/charts/chart2.xml" not in package.namelist()
    bars = chart.find(f".//{C}barChart")
    assert bars is not None and bars.find(f"{C}barDir").get("val") == "bar"
    formulas = [f.text for f in bars.iter(f"{C}f")]
    assert "'题目统计'!$E$2:$E$5" in formulas and "'题目统计'!$A$2:$A$5" in formulas  # the 4 questions missed at all
    assert "答错最多的 4 道题" in "".join(chart.find(f".//{C}title").itertext())


def test_only_valid_slips_exit_zero(project):
    result = coursekit("results", "slips", "-o", "ok.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_no_valid_slip_writes_nothing(project, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.json").write_text("[]", "utf-8")
    result = coursekit("results", str(empty), "-o", "none.xlsx", cwd=project)
    assert result.returncode == 1 and "成绩单的内容应当是一个 JSON 对象" in result.stderr and "没有有效的成绩单" in result.stderr
    assert not (project / "none.xlsx").exists()


def _broken(change) -> dict:
    slip = copy.deepcopy(LEARNERS["张三"])
    change(slip)
    return slip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(version=2), "成绩单版本“2”不受支持"),
        (lambda s: s.pop("unit"), "缺少 unit"),
        (lambda s: s.update(name=" "), "“name”应当是文字"),
        (lambda s: s.update(seed=-1), "seed 应当是不小于 0 的整数"),
        (lambda s: s.update(finished="2026-05-01T00:59:00Z"), "交卷时间 finished 早于开始时间 started"),
        (lambda s: s.update(total=0), "满分 0 无效"),
        (lambda s: s.update(passed="yes"), "passed（是否及格）应当是 true 或 false"),
        (lambda s: s.update(answers=[]), "answers（各题作答）应当是非空列表"),
        (lambda s: s["answers"][0].pop("points"), "第 1 条作答应当是含 id、type、given、correct、points 的对象"),
        (lambda s: s["answers"][0].update(given="B"), "题目 ckt-single-01（single）的作答 given 格式不对：\"B\""),
        (lambda s: s["answers"][1].update(given=[0, 0]), "题目 ckt-multiple-01（multiple）的作答 given 格式不对"),
        (lambda s: s["answers"][4].update(given=[0, 1, 1, 3]), "题目 ckt-order-01（order）的作答 given 格式不对"),
        (lambda s: s["answers"][0].update(correct=None), "题目 ckt-single-01 的 correct 应当是 true 或 false（只有简答题可以是 null）"),
        (lambda s: s["answers"][1].update(id="ckt-single-01"), "题目 ckt-single-01 出现了两次"),
        (lambda s: s["answers"][2].update(type="essay"), "题目 ckt-judge-01 的题型“essay”无效"),
    ],
)
def test_validator_names_what_is_wrong(change, message):
    with pytest.raises(SlipError) as caught:
        parse_slip(_broken(change))
    assert message in str(caught.value)


def test_valid_slip_parses_and_the_guide_example_is_valid():
    slip = parse_slip(LEARNERS["王五"])
    assert slip.minutes == 20.5 and slip.answers[5].correct is None and slip.score == LEARNERS["王五"]["score"]
    guide = (ROOT / "docs/guide/trainers.md").read_text("utf-8")
    example = re.search(r"```json\n(.*?)```", guide, re.S).group(1)
    parsed = parse_slip(json.loads(example))
    assert parsed.name == "张三" and len(parsed.answers) == 3


# -- hostile and broken slips: reported by file, the others still make the report --------------

FORMULA = '=HYPERLINK("http://192.0.2.7/x","点我")'
HOSTILE_SLIPS = {
    "control-name.json": (dict(LEARNERS["张三"], name="张\x07三"), "“name”含有控制字符，成绩单可能已损坏或被改动"),
    "control-unit.json": (dict(LEARNERS["张三"], unit="支部\x1b[31m"), "“unit”含有控制字符，成绩单可能已损坏或被改动"),
    "year-9999.json": (dict(LEARNERS["张三"], finished="9999-12-31T23:59:59-12:00"), "“finished”的时间“9999-12-31T23:59:59-12:00”不在 2000–2200 年之间，成绩单可能已损坏"),
    "year-0001.json": (dict(LEARNERS["张三"], started="0001-01-01T00:00:00+14:00"), "“started”的时间“0001-01-01T00:00:00+14:00”不在 2000–2200 年之间，成绩单可能已损坏"),
    "nested.json": ("[" * 100_000 + "]" * 100_000, "JSON 嵌套层数太多，不是考试页面下载的成绩单"),
    "infinity.json": (json.dumps(dict(LEARNERS["张三"], score=float("inf"), total=float("inf"))), "含有 JSON 不允许的数值 Infinity（分数必须是有限的数字）"),
    "nan.json": (json.dumps(dict(LEARNERS["张三"], score=float("nan"))), "含有 JSON 不允许的数值 NaN（分数必须是有限的数字）"),
    "1e999.json": (json.dumps(dict(LEARNERS["张三"], total=123456789)).replace("123456789", "1e999"), "含有 JSON 不允许的数值 1e999"),
    "huge-int.json": (json.dumps(dict(LEARNERS["张三"], total=10**400)), "得分"),
    "huge-points.json": (json.dumps(dict(LEARNERS["张三"], answers=[dict(LEARNERS["张三"]["answers"][0], points=10**400)])), "得分 points"),
    "control-id.json": (dict(LEARNERS["张三"], answers=[dict(LEARNERS["张三"]["answers"][0], id="a\x00b")]), "第 1 条作答缺少题目编号 id"),
    "too-large.json": (" " * 2_000_001 + "{}", "文件超过 2 MB，不是考试页面下载的成绩单"),
}


def test_hostile_slips_are_reported_by_file_and_the_rest_reported(project):
    for file, (content, _) in HOSTILE_SLIPS.items():
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        (project / "slips" / file).write_text(text, "utf-8")
    result = coursekit("results", "slips", "-o", "report.xlsx", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for file, (_, reason) in HOSTILE_SLIPS.items():
        assert re.search(rf"^slips/{re.escape(file)}: .*{re.escape(reason)}", result.stderr, re.M), (file, result.stderr[-2000:])
    assert f"5 份成绩单，跳过 {len(HOSTILE_SLIPS)} 份无效的" in result.stdout


def test_every_cell_from_a_slip_is_text_never_a_formula(project):
    slip = dict(LEARNERS["张三"], name=FORMULA, unit="=1+1", paper="=cmd|' /C calc'!A0", paperTitle="@SUM(1)")
    slip["answers"] = [dict(a, id="=" + a["id"]) for a in slip["answers"]]
    (project / "slips" / "formula.json").write_text(json.dumps(slip, ensure_ascii=False), "utf-8")
    result = coursekit("results", "slips", "-o", "report.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(project / "report.xlsx") as package:
        sheets = [package.read(name).decode("utf-8") for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
    assert all("<f>" not in sheet for sheet in sheets)  # no formula anywhere
    book = load_workbook(project / "report.xlsx")
    names = [row[0] for row in book["学员成绩"].iter_rows(min_row=2, values_only=True)]
    assert FORMULA in names
    assert "=ckt-judge-01" in [row[0] for row in book["题目统计"].iter_rows(min_row=2, values_only=True)]
