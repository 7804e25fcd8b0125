"""Result slips (format coursekit-result, version 1) and ``coursekit results``, the Excel report."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook

from conftest import ROOT
from trainer_fixture import PAPER, PASS_MARK, SEED, write_fixture_content

from coursekit.draw import draw_paper
from coursekit.model import Question
from coursekit.results.slip import SlipError, parse_slip
from coursekit.sources.project import load_project

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
SHEETS = ["概况", "按支部", "学员成绩", "题目统计"]


def drawn_questions(root: Path, seed: int = SEED) -> list[tuple[Question, float]]:
    """The questions of the fixture paper number ``seed``, with their points, as the exam page draws them."""
    project, _ = load_project(root)
    blueprint = next(b for b in project.blueprints if b.id == PAPER)
    drawn, _ = draw_paper(blueprint, {b.id: b for b in project.banks}, seed)
    return [(q, part.section.points) for part in drawn for q in part.questions]


def right_answer(q: Question) -> object:
    return {"single": q.answer, "multiple": q.answer, "judge": q.answer, "order": list(range(len(q.options)))}.get(
        q.type, [accepted[-1] for accepted in q.answer] if q.type == "blank" else "参考答案"
    )


def wrong_answer(q: Question) -> object:
    if q.type == "single":
        return (q.answer + 1) % len(q.options)
    if q.type == "multiple":
        return [i for i in range(len(q.options)) if i not in q.answer][:1] or [0]
    if q.type == "judge":
        return not q.answer
    if q.type == "order":
        return list(reversed(range(len(q.options))))
    if q.type == "blank":
        return None
    return "不知道"


def make_slip(questions, name: str, wrong: set[str], branch: str = "", honest: bool = True, seed: int = SEED, minutes: int = 8) -> dict:
    """A slip as the browser writes it; ``honest=False`` claims every answer right (an edited slip)."""
    answers = []
    for q, points in questions:
        missed = q.id in wrong
        correct = (not missed) if honest else True
        answers.append({"id": q.id, "type": q.type, "given": wrong_answer(q) if missed else right_answer(q), "correct": correct, "points": points if correct else 0})
    score = sum(a["points"] for a in answers)
    slip = {
        "format": "coursekit-result",
        "version": 1,
        "name": name,
        "unit": f"{name}的单位",
        "paper": PAPER,
        "paperTitle": "测试试卷",
        "seed": seed,
        "started": "2026-05-01T01:00:00.000Z",
        "finished": f"2026-05-01T01:{minutes:02d}:30.000Z",
        "score": score,
        "total": sum(p for _, p in questions),
        "passed": score >= PASS_MARK,
        "answers": answers,
    }
    if branch:
        slip["branch"] = branch
    return slip


def coursekit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], cwd=cwd, capture_output=True, text=True)


def ids_of(questions, qtype: str) -> list[str]:
    return [q.id for q, _ in questions if q.type == qtype]


@pytest.fixture
def project(tmp_path) -> Path:
    return write_fixture_content(tmp_path / "project")


def write_slips(root: Path, slips: dict[str, dict]) -> None:
    for index, (file, slip) in enumerate(slips.items()):
        folder = root / "slips" / ("day2" if index % 2 else "")  # sub-folders are read too
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text(slip if isinstance(slip, str) else json.dumps(slip, ensure_ascii=False), "utf-8")


def class_of(questions) -> dict[str, dict]:
    single, judge, blank = ids_of(questions, "single"), ids_of(questions, "judge"), ids_of(questions, "blank")
    return {
        "1-张三.json": make_slip(questions, "张三", {judge[0]}, branch="东村党支部"),
        "2-李四.json": make_slip(questions, "李四", {single[0], judge[0]}, branch="东村党支部"),
        "3-王五.json": make_slip(questions, "王五", {single[0], judge[0], blank[0], *ids_of(questions, "short")}, branch="西村党支部", minutes=20),
        "4-赵六.json": make_slip(questions, "赵六", set()),  # no branch: counted under the unit typed
    }


def test_report_marks_again_groups_by_branch_and_lists_who_is_missing(project):
    questions = drawn_questions(project)
    single, multiple = ids_of(questions, "single"), ids_of(questions, "multiple")
    slips = class_of(questions)
    # Edited: every answer claimed right, five of them still wrong; the browser never writes this.
    cheat = make_slip(questions, "钱八", set(single[:3] + multiple[:2]), branch="西村党支部", honest=False)
    assert cheat["score"] == cheat["total"] and cheat["passed"]
    slips["5-钱八.json"] = cheat
    other_seed = make_slip(drawn_questions(project, 41), "孙七", set(), branch="西村党支部")
    slips["6-孙七.json"] = dict(other_seed, seed=SEED)  # the questions of paper 41 under number 40
    slips["7-周九.json"] = dict(make_slip(questions, "周九", set()), paper="no-such-paper")
    slips["8-broken.json"] = "{不是 JSON"
    write_slips(project, slips)
    (project / "名册.csv").write_text("姓名,支部\n张三,东村党支部\n李四,东村党支部\n王五,西村党支部\n吴十,西村党支部\n郑十一,东村党支部\n钱八,西村党支部\n", "utf-8")

    result = coursekit("results", "slips", "-o", "report/成绩.xlsx", "--roster", "名册.csv", cwd=project)
    assert result.returncode == 1  # some slips could not be used
    assert "slips/day2/6-孙七.json: 成绩单的题目与试卷 ckt-shijuan 第 40 号卷对不上" in result.stderr
    assert "slips/7-周九.json: 试卷“no-such-paper”不是本站的试卷（本站试卷：ckt-shijuan）" in result.stderr
    assert "slips/day2/8-broken.json: 不是有效的 JSON" in result.stderr
    assert "5 份成绩单，跳过 3 份无效的" in result.stdout
    assert "1 份成绩单自报的对错或分数与复核结果不一致" in result.stdout and "5-钱八.json" in result.stdout
    assert "名册上还有 2 人次没有交成绩单" in result.stdout
    assert "不在花名册上（请核对姓名）：赵六" in result.stdout

    book = load_workbook(project / "report/成绩.xlsx")
    assert book.sheetnames == SHEETS + ["未交名单"]
    learners = list(book["学员成绩"].iter_rows(values_only=True))
    assert learners[0][:9] == ("姓名", "支部", "试卷", "试卷名称", "试卷编号", "得分", "满分", "是否及格", "复核说明")
    rows = {row[0]: row for row in learners[1:]}
    assert set(rows) == {"张三", "李四", "王五", "赵六", "钱八"}
    points = {q.id: p for q, p in questions}
    total = sum(points.values())
    assert rows["赵六"][1] == "赵六的单位" and rows["张三"][1] == "东村党支部"
    assert rows["钱八"][5] == total - sum(points[i] for i in single[:3] + multiple[:2])  # re-marked, not the claimed 100%
    assert rows["钱八"][7] == ("及格" if rows["钱八"][5] >= PASS_MARK else "不及格")
    assert f"成绩单自报 {cheat['score']} 分，复核为 {rows['钱八'][5]:g} 分（5 道题" in rows["钱八"][8]
    assert rows["张三"][8] in ("", None) or "自评" in rows["张三"][8]
    assert "简答题自评" in (rows["张三"][8] or "") and rows["王五"][8] in ("", None)
    assert str(rows["张三"][9]) == "2026-05-01 09:00:00"  # Beijing time
    assert rows["王五"][11] == 20.5

    branches = {(r[0], r[1]): r for r in list(book["按支部"].iter_rows(values_only=True))[1:]}
    assert branches[("东村党支部", PAPER)][2:4] == (2, round((rows["张三"][5] + rows["李四"][5]) / 2, 2))
    assert branches[("东村党支部", PAPER)][6:8] == (3, 1)  # 3 on the list, 郑十一 missing
    assert branches[("西村党支部", PAPER)][6:8] == (3, 1)  # 吴十 missing
    assert branches[("赵六的单位", PAPER)][2] == 1

    missing = sorted(tuple(r) for r in list(book["未交名单"].iter_rows(values_only=True))[1:])
    assert missing == [(PAPER, "吴十", "西村党支部"), (PAPER, "郑十一", "东村党支部")]

    table = list(book["题目统计"].iter_rows(values_only=True))
    assert table[0] == ("试卷", "题目编号", "题干", "题型", "作答人次", "答错人次", "未答人次", "错误率", "题目")
    stats = {r[1]: r for r in table[1:]}
    assert all(r[0] == PAPER for r in table[1:])
    assert stats[single[0]][5] == 3 and stats[ids_of(questions, "judge")[0]][5] == 3  # 李四, 王五, 钱八 / 张三, 李四, 王五
    assert stats[ids_of(questions, "blank")[0]][5:7] == (1, 1)
    assert stats[ids_of(questions, "short")[0]][7] is None  # self-marked: never machine-marked
    first = table[1]
    assert first[8] == first[2][:23] + "…" if len(first[2]) > 24 else first[8] == first[2]

    with zipfile.ZipFile(project / "report/成绩.xlsx") as package:
        chart = ElementTree.fromstring(package.read("xl/charts/chart1.xml"))
    bars = chart.find(f".//{C}barChart")
    assert bars is not None and bars.find(f"{C}barDir").get("val") == "bar"
    formulas = [f.text for f in bars.iter(f"{C}f")]
    shown = sum(1 for r in table[1:] if r[5])
    assert f"'题目统计'!$I$2:$I${shown + 1}" in formulas  # labelled by the questions' text, not their ids
    assert f"'题目统计'!$F$2:$F${shown + 1}" in formulas


def test_roster_from_excel_without_header_and_a_duplicate_slip(project):
    questions = drawn_questions(project)
    slips = class_of(questions)
    slips["9-张三-again.json"] = make_slip(questions, "张 三", set(), branch="东村党支部", minutes=30)
    write_slips(project, slips)
    book = Workbook()
    for name in ("张三", "李四", "王五", "赵六", "冯十二"):
        book.active.append([name])
    book.save(project / "名册.xlsx")
    result = coursekit("results", "slips", "-o", "r.xlsx", "--roster", "名册.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    report = load_workbook(project / "r.xlsx")
    assert [tuple(r) for r in list(report["未交名单"].iter_rows(values_only=True))[1:]] == [(PAPER, "冯十二", None)]
    summary = list(report["概况"].iter_rows(values_only=True))[1]
    assert summary[2] == 4 and summary[8:10] == (5, 1)  # 张三 counted once: the slip handed in last
    notes = [r[8] or "" for r in list(report["学员成绩"].iter_rows(values_only=True))[1:] if r[0] == "张三"]
    assert any("只算最后交的一份" in n for n in notes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "花名册中没有找到姓名"),
        ("姓名,支部\n,\n", "花名册中没有找到姓名"),
    ],
)
def test_a_roster_without_names_is_refused(project, content, message):
    write_slips(project, class_of(drawn_questions(project)))
    (project / "名册.csv").write_text(content, "utf-8")
    result = coursekit("results", "slips", "-o", "r.xlsx", "--roster", "名册.csv", cwd=project)
    assert result.returncode == 1 and f"名册.csv: {message}" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "r.xlsx").exists()


def test_a_gbk_roster_as_excel_saves_it(project):
    write_slips(project, class_of(drawn_questions(project)))
    (project / "名册.csv").write_bytes("姓名\r\n张三\r\n李四\r\n王五\r\n赵六\r\n褚十三\r\n".encode("gbk"))
    result = coursekit("results", "slips", "-o", "r.xlsx", "--roster", "名册.csv", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "名册上还有 1 人次没有交成绩单" in result.stdout


def test_answers_that_do_not_fit_the_bank_are_reported(project):
    questions = drawn_questions(project)
    slip = make_slip(questions, "张三", set())
    single = next(a for a in slip["answers"] if a["type"] == "single")
    single["given"] = 9
    write_slips(project, {"a.json": slip, "b.json": make_slip(questions, "李四", set())})
    result = coursekit("results", "slips", "-o", "r.xlsx", cwd=project)
    assert result.returncode == 1 and f"slips/a.json: 题目 {single['id']} 的作答与题库中的选项或空数对不上" in result.stderr


def test_a_name_that_looks_like_a_formula_stays_text(project):
    questions = drawn_questions(project)
    write_slips(project, {"a.json": make_slip(questions, "=1+1", set(), branch="@支部")})
    result = coursekit("results", "slips", "-o", "r.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    row = list(load_workbook(project / "r.xlsx")["学员成绩"].iter_rows(values_only=True))[1]
    assert row[0] == "=1+1" and row[1] == "@支部"


def test_only_valid_slips_exit_zero(project):
    write_slips(project, class_of(drawn_questions(project)))
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


STATIC = [("ckt-single-01", "single", 1, True, 2), ("ckt-multiple-01", "multiple", [0, 1], True, 3), ("ckt-judge-01", "judge", False, False, 0),
          ("ckt-blank-01", "blank", ["季度", "半数"], True, 2), ("ckt-order-01", "order", [0, 1, 2, 3], True, 3), ("ckt-short-01", "short", "不知道", None, 0)]


def static_slip() -> dict:
    """A slip checked for its form only (parse_slip); its ids need no bank."""
    answers = [{"id": i, "type": k, "given": g, "correct": c, "points": p} for i, k, g, c, p in STATIC]
    return {"format": "coursekit-result", "version": 1, "name": "王五", "unit": "某村党支部", "paper": PAPER, "paperTitle": "测试试卷", "seed": 40,
            "started": "2026-05-01T01:00:00.000Z", "finished": "2026-05-01T01:20:30.000Z", "score": 10, "total": 20, "passed": False, "answers": answers}


def _broken(change) -> dict:
    slip = static_slip()
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
    slip = parse_slip(static_slip())
    assert slip.minutes == 20.5 and slip.answers[5].correct is None and slip.score == 10 and slip.group == "某村党支部"
    assert parse_slip(dict(static_slip(), branch=" 东村党支部 ")).group == "东村党支部"
    guide = (ROOT / "docs/guide/trainers.md").read_text("utf-8")
    example = re.search(r"```json\n(.*?)```", guide, re.S).group(1)
    parsed = parse_slip(json.loads(example))
    assert parsed.name == "张三" and len(parsed.answers) == 3


# -- hostile and broken slips: reported by file, the others still make the report --------------

FORMULA = '=HYPERLINK("http://192.0.2.7/x","点我")'


def hostile_slips(good: dict) -> dict[str, tuple[object, str]]:
    first = good["answers"][0]
    return {
        "control-name.json": (dict(good, name="张\x07三"), "“name”含有控制字符，成绩单可能已损坏或被改动"),
        "control-unit.json": (dict(good, unit="支部\x1b[31m"), "“unit”含有控制字符，成绩单可能已损坏或被改动"),
        "year-9999.json": (dict(good, finished="9999-12-31T23:59:59-12:00"), "“finished”的时间“9999-12-31T23:59:59-12:00”不在 2000–2200 年之间，成绩单可能已损坏"),
        "year-0001.json": (dict(good, started="0001-01-01T00:00:00+14:00"), "“started”的时间“0001-01-01T00:00:00+14:00”不在 2000–2200 年之间，成绩单可能已损坏"),
        "nested.json": ("[" * 100_000 + "]" * 100_000, "JSON 嵌套层数太多，不是考试页面下载的成绩单"),
        "infinity.json": (json.dumps(dict(good, score=float("inf"), total=float("inf"))), "含有 JSON 不允许的数值 Infinity（分数必须是有限的数字）"),
        "nan.json": (json.dumps(dict(good, score=float("nan"))), "含有 JSON 不允许的数值 NaN（分数必须是有限的数字）"),
        "1e999.json": (json.dumps(dict(good, total=123456789)).replace("123456789", "1e999"), "含有 JSON 不允许的数值 1e999"),
        "huge-int.json": (json.dumps(dict(good, total=10**400)), "得分"),
        "huge-points.json": (json.dumps(dict(good, answers=[dict(first, points=10**400)])), "得分 points"),
        "control-id.json": (dict(good, answers=[dict(first, id="a\x00b")]), "第 1 条作答缺少题目编号 id"),
        "too-large.json": (" " * 2_000_001 + "{}", "文件超过 2 MB，不是考试页面下载的成绩单"),
    }


def test_hostile_slips_are_reported_by_file_and_the_rest_reported(project):
    questions = drawn_questions(project)
    class_slips = class_of(questions)
    bad = hostile_slips(make_slip(questions, "某人", set()))
    write_slips(project, {**class_slips, **{file: content for file, (content, _) in bad.items()}})
    result = coursekit("results", "slips", "-o", "report.xlsx", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for file, (_, reason) in bad.items():
        assert re.search(rf"^slips/(day2/)?{re.escape(file)}: .*{re.escape(reason)}", result.stderr, re.M), (file, result.stderr[-2000:])
    assert f"{len(class_slips)} 份成绩单，跳过 {len(bad)} 份无效的" in result.stdout


def test_every_cell_from_a_slip_is_text_never_a_formula(project):
    questions = drawn_questions(project)
    slip = dict(make_slip(questions, FORMULA, set(), branch="=1+1"), unit="-2+3", paperTitle="@SUM(1)")
    write_slips(project, {"formula.json": slip})
    result = coursekit("results", "slips", "-o", "report.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(project / "report.xlsx") as package:
        sheets = [package.read(name).decode("utf-8") for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
    assert all("<f>" not in sheet for sheet in sheets)  # no formula anywhere
    names = [row[0] for row in load_workbook(project / "report.xlsx")["学员成绩"].iter_rows(min_row=2, values_only=True)]
    assert FORMULA in names


def test_slips_pasted_as_text_are_read_from_a_saved_chat(project):
    """A learner pastes the slip's text into the work chat; the trainer saves the chat as .txt."""
    questions = drawn_questions(project)
    single = ids_of(questions, "single")
    first = json.dumps(make_slip(questions, "张三", {single[0]}, branch="东村党支部"), ensure_ascii=False)
    second = json.dumps(make_slip(questions, "李四", set()), ensure_ascii=False, indent=2)  # pretty-printed: lines of its own
    cut = json.dumps(make_slip(questions, "王五", set()), ensure_ascii=False)[:200]  # lost in copying
    other = json.dumps(dict(make_slip(questions, "周九", set()), seed=SEED + 1), ensure_ascii=False)  # questions of paper 40
    chat = f"张三 09:12\n{first}\n李四 09:15\n我的成绩单：\n{second}\n王五 09:20\n{cut}\n周九 09:30\n{other}\n收到，谢谢！\n"
    (project / "slips").mkdir()
    (project / "slips" / "群聊.txt").write_text(chat, "utf-8")
    (project / "slips" / "备注.txt").write_bytes("没有成绩单，只有备注".encode("gbk"))
    result = coursekit("results", "slips", "-o", "r.xlsx", cwd=project)
    assert result.returncode == 1
    lines = chat.split("\n")
    line_of = lambda name: lines.index(name) + 2  # noqa: E731 - the slip starts on the line after the name
    assert f"slips/群聊.txt:{line_of('王五 09:20')}: 这里的成绩单文字不完整" in result.stderr
    assert f"slips/群聊.txt:{line_of('周九 09:30')}: 成绩单的题目与试卷 ckt-shijuan 第 {SEED + 1} 号卷对不上" in result.stderr
    assert "slips/备注.txt: 文件中没有找到成绩单文字" in result.stderr
    assert "2 份成绩单，跳过 3 份无效的" in result.stdout
    rows = {r[0]: r for r in list(load_workbook(project / "r.xlsx")["学员成绩"].iter_rows(values_only=True))[1:]}
    assert set(rows) == {"张三", "李四"} and rows["张三"][1] == "东村党支部"
    assert rows["张三"][12] == f"群聊.txt:{line_of('张三 09:12')}"
