"""Result slips (成绩单) in a real Chromium: after a mock exam the learner types a name and a unit and
downloads a JSON file that coursekit.results.slip accepts and `coursekit results` merges into the
trainer's workbook. Option indexes in the slip count in the question bank's order."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
import yaml
from openpyxl import load_workbook
from playwright.sync_api import expect

from coursekit.messages import t
from coursekit.results.slip import parse_slip, read_slip
from quizdriver import assert_clean, enter, question, ui, wrong_answer
from quizsite import ANSWERS, BRANCHES, DRAW_BANK, PAPER, PAPER_SEED, POINTS, TOTAL

pytestmark = pytest.mark.browser

EXAM_PAGE = f"exams/{PAPER}/"
PASS_MARK = 15
T0 = dt.datetime(2026, 5, 1, 1, 0, 0, tzinfo=dt.timezone.utc)
STARTED = T0 + dt.timedelta(seconds=10)
ANSWERING = dt.timedelta(seconds=30)
UNSAFE_NAME = '张/三:李*?"<>|\\ 四'  # every character a file name on Windows or Linux may not hold
SAFE_NAME = "张_三_李_四"


def bank(project) -> dict[str, dict]:
    data = yaml.safe_load((project / "quizzes" / f"{DRAW_BANK}.yml").read_text("utf-8"))
    return {q["id"]: q for q in data["questions"]}


def drawn_ids(page) -> list[str]:
    return page.locator(".ck-exam-paper li.ck-question").evaluate_all("items => items.map(li => li.dataset.ckQid)")


def by_type(ids: list[str], questions: dict) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for qid in ids:
        groups.setdefault(questions[qid]["type"], []).append(qid)
    return groups


def start_paused_exam(page, base: str) -> list[str]:
    """Open the exam with the page's clock stopped at STARTED, so start and finish times are exact."""
    page.clock.install(time=T0)
    page.goto(base + EXAM_PAGE)
    page.clock.pause_at(STARTED)
    page.get_by_role("button", name=ui("exam_start")).click()
    expect(page.locator(".ck-exam-paper li.ck-question").first).to_be_visible()
    return drawn_ids(page)


def submit(page) -> None:
    page.clock.run_for(int(ANSWERING.total_seconds() * 1000))
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()
    expect(page.locator(".ck-exam-result .ck-score")).to_be_visible()


def answer(page, questions: dict, plan: dict[str, object]) -> None:
    for qid, value in plan.items():
        enter(question(page, qid), questions[qid], value)


def download_slip(page, name: str, unit: str, folder):
    slip = page.locator(".ck-slip")
    slip.get_by_label(ui("slip_name")).fill(name)
    slip.get_by_label(ui("slip_unit")).fill(unit)
    with page.expect_download() as info:
        slip.get_by_role("button", name=ui("slip_download")).click()
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    expect(slip.locator(".ck-slip-status")).to_have_text(ui("slip_done", file=download.suggested_filename))
    return download.suggested_filename, path


def test_slips_validate_and_merge_into_the_report(page, quiz_site, tmp_path):
    project, base = quiz_site
    questions = bank(project)
    folder = tmp_path / "成绩单"
    folder.mkdir()

    # First run: some right, some wrong, one single left open, the short answer self-marked right.
    ids = start_paused_exam(page, base)
    kinds = by_type(ids, questions)
    (s0, s1, s2, s3), (m0, m1), (j0, j1), (b0,), (o0,), (d0,) = (kinds[k] for k in ("single", "multiple", "judge", "blank", "order", "short"))
    last_option = questions[s1]["options"][-1]  # wrong, and not where the right answer is
    answer(page, questions, {
        s0: ANSWERS[s0], s1: [last_option], s2: ANSWERS[s2],
        m0: ANSWERS[m0], m1: wrong_answer(questions[m1], ANSWERS[m1]),
        j0: ANSWERS[j0], j1: wrong_answer(questions[j1], ANSWERS[j1]),
        b0: ANSWERS[b0], o0: ANSWERS[o0], d0: "由党小组组长召集。",
    })
    submit(page)
    question(page, d0).get_by_role("button", name=ui("self_right")).click()
    score1 = 2 * POINTS["single"] + POINTS["multiple"] + POINTS["judge"] + POINTS["blank"] + POINTS["order"] + POINTS["short"]
    expect(page.locator(".ck-exam-result .ck-score")).to_have_text(ui("exam_score", score=score1, total=TOTAL))
    name1, path1 = download_slip(page, UNSAFE_NAME, " 测试村党支部 ", folder)
    assert name1 == f"成绩单-{PAPER}-{PAPER_SEED}-{SAFE_NAME}.json"

    data = json.loads(path1.read_text("utf-8"))
    slip = parse_slip(data)  # the contract's own validator
    assert (data["format"], data["version"]) == ("coursekit-result", 1)
    assert (data["name"], data["unit"], data["paper"], data["paperTitle"], data["seed"]) == (UNSAFE_NAME.strip(), "测试村党支部", PAPER, "限时小测", PAPER_SEED)
    assert (data["started"], data["finished"]) == ("2026-05-01T01:00:10.000Z", "2026-05-01T01:00:40.000Z")
    assert (data["score"], data["total"], data["passed"]) == (score1, TOTAL, True)
    assert [a["id"] for a in data["answers"]] == ids
    got = {a["id"]: (a["given"], a["correct"], a["points"]) for a in data["answers"]}
    options = lambda qid: questions[qid]["options"]  # noqa: E731 - bank order, as written in the YAML
    letter = lambda qid: "ABCDEFGH".index(questions[qid]["answer"][0])  # noqa: E731
    assert got[s0] == (letter(s0), True, POINTS["single"]) == (options(s0).index(ANSWERS[s0][0]), True, POINTS["single"])
    assert got[s1] == (options(s1).index(last_option), False, 0) == (len(options(s1)) - 1, False, 0)
    assert got[s3] == (None, False, 0)
    assert got[m0] == (sorted(options(m0).index(text) for text in ANSWERS[m0]), True, POINTS["multiple"]) == ([0, 1], True, POINTS["multiple"])
    assert got[m1] == ([options(m1).index(ANSWERS[m1][0])], False, 0)
    assert got[j0] == (questions[j0]["answer"] == "正确", True, POINTS["judge"])
    assert got[j1] == (questions[j1]["answer"] != "正确", False, 0)
    assert got[b0] == (list(ANSWERS[b0]), True, POINTS["blank"])
    assert got[o0] == (list(range(len(options(o0)))), True, POINTS["order"])
    assert got[d0] == ("由党小组组长召集。", True, POINTS["short"])
    assert read_slip(path1).name == UNSAFE_NAME

    # Second run of the same paper: the short answer left unmarked (null), the order untouched.
    page.get_by_role("button", name=ui("exam_again")).click()
    assert drawn_ids(page) == ids
    answer(page, questions, {
        **{qid: ANSWERS[qid] for qid in (s0, s1, s2, s3)},
        m0: wrong_answer(questions[m0], ANSWERS[m0]), m1: wrong_answer(questions[m1], ANSWERS[m1]),
        j0: wrong_answer(questions[j0], ANSWERS[j0]), j1: wrong_answer(questions[j1], ANSWERS[j1]),
        b0: wrong_answer(questions[b0], ANSWERS[b0]), d0: "不记得了",
    })
    submit(page)
    name2, path2 = download_slip(page, "王五", "", folder)
    assert name2 == f"成绩单-{PAPER}-{PAPER_SEED}-王五.json"
    second = read_slip(path2)
    assert (second.score, second.passed, second.unit) == (4 * POINTS["single"], False, "")
    answers2 = {a.id: a for a in second.answers}
    assert (answers2[d0].given, answers2[d0].correct) == ("不记得了", None)
    assert (answers2[o0].given, answers2[o0].correct) == (None, False)
    assert_clean(page, base)

    # The trainer's report from both slips.
    report = tmp_path / "report.xlsx"
    env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_LANG"}
    run = subprocess.run([sys.executable, "-m", "coursekit", "results", str(folder), "-o", str(report), "--root", str(project)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert t("results.written", lang="zh", path=report, count=2, skipped=0) in run.stdout
    workbook = load_workbook(report)
    learners = [row for row in workbook[t("results.sheet_learners", lang="zh")].iter_rows(min_row=2, values_only=True)]
    beijing = (STARTED + dt.timedelta(hours=8)).replace(tzinfo=None)
    # Scores are marked again against the bank (the slips' own marks agree here); the short
    # answer the learner marked herself is flagged for the trainer to look at.
    self_marked = t("results.note_self_marked", lang="zh", points=POINTS["short"])
    assert sorted(learners, key=lambda row: row[5], reverse=True) == [
        (UNSAFE_NAME, "测试村党支部", PAPER, "限时小测", PAPER_SEED, score1, TOTAL, "及格", self_marked, beijing, beijing + ANSWERING, 0.5, name1),
        ("王五", None, PAPER, "限时小测", PAPER_SEED, 4 * POINTS["single"], TOTAL, "不及格", None, beijing + ANSWERING, beijing + 2 * ANSWERING, 0.5, name2),
    ]
    wrong = {s0: 0, s1: 1, s2: 0, s3: 1, m0: 1, m1: 2, j0: 1, j1: 2, b0: 1, o0: 1, d0: 0}  # a null short answer is not a mistake
    stats = {row[1]: row for row in workbook[t("results.sheet_questions", lang="zh")].iter_rows(min_row=2, values_only=True)}
    assert set(stats) == set(ids)
    for qid in ids:
        paper, _, stem, kind, answered, missed, unanswered, rate, label = stats[qid]
        assert (paper, stem, kind, answered, missed) == (PAPER, questions[qid]["stem"], t(f"type.{questions[qid]['type']}", lang="zh"), 2, wrong[qid]), qid
    assert stats[o0][6] == 1  # left unanswered on the second slip
    assert stats[m1][7] == 1
    first = next(workbook[t("results.sheet_questions", lang="zh")].iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[5] == 2  # the most missed first


def test_no_name_no_download_and_the_form_fits_a_phone(page, quiz_site, tmp_path):
    _, base = quiz_site
    page.set_viewport_size({"width": 375, "height": 740})
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(base + EXAM_PAGE)
    page.get_by_role("button", name=ui("exam_start")).click()
    page.get_by_role("button", name=ui("exam_submit")).click()
    page.get_by_role("button", name=ui("exam_confirm_yes")).click()
    slip = page.locator(".ck-slip")
    expect(slip.get_by_role("heading", name=ui("slip_title"))).to_be_visible()
    name = slip.get_by_label(ui("slip_name"))
    status = slip.locator(".ck-slip-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(name).to_have_attribute("aria-describedby", status.get_attribute("id"))

    for typed in ("", "   "):
        name.fill(typed)
        slip.get_by_label(ui("slip_unit")).fill("某村党支部")
        slip.get_by_role("button", name=ui("slip_download")).click()
        expect(status).to_have_text(ui("slip_need_name"))
        expect(name).to_have_attribute("aria-invalid", "true")
        expect(name).to_be_focused()
    page.wait_for_timeout(300)  # a download would have started by now
    assert downloads == []

    # Nothing is wider than the phone, and the fields and button are big enough to hit.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for target in (name, slip.get_by_label(ui("slip_unit")), slip.get_by_role("button", name=ui("slip_download"))):
        box = target.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 375, box

    # With a name it downloads, and the error is gone.
    with page.expect_download() as info:
        name.fill("李四")
        slip.get_by_role("button", name=ui("slip_download")).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    expect(status).to_have_text(ui("slip_done", file=path.name))
    expect(name).not_to_have_attribute("aria-invalid", "true")
    data = read_slip(path)
    assert (data.name, data.unit, data.score, data.passed) == ("李四", "某村党支部", 0, False)
    assert all(a.given is None and a.points == 0 for a in data.answers)
    assert len(downloads) == 1
    assert_clean(page, base)


def test_the_branch_is_chosen_from_the_trainers_list_or_typed(page, quiz_site, tmp_path):
    """mkdocs.yml lists the branches (plugin option ``branches``); the slip's 支部 field offers them
    and takes any other typed; the report groups by it."""
    project, base = quiz_site
    page.set_viewport_size({"width": 375, "height": 740})
    start_paused_exam(page, base)
    submit(page)
    slip = page.locator(".ck-slip")
    field = slip.get_by_label(ui("slip_unit"))
    listed = page.locator(f"datalist#{field.get_attribute('list')} option").evaluate_all("options => options.map(o => o.value)")
    assert listed == BRANCHES
    expect(slip.get_by_text(ui("slip_branch_hint"))).to_be_visible()
    page.screenshot(path=str(tmp_path / "slip-branch-375.png"), full_page=False)
    folder = tmp_path / "slips"
    folder.mkdir()
    _, chosen = download_slip(page, "赵六", BRANCHES[1], folder)
    _, typed = download_slip(page, "钱七", "北村党支部", folder)
    assert json.loads(chosen.read_text("utf-8"))["branch"] == BRANCHES[1]
    assert (read_slip(typed).branch, read_slip(typed).group) == ("北村党支部", "北村党支部")
    report = tmp_path / "report.xlsx"
    run = subprocess.run([sys.executable, "-m", "coursekit", "results", str(folder), "-o", str(report), "--root", str(project)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    branches = {row[0] for row in load_workbook(report)[t("results.sheet_branches", lang="zh")].iter_rows(min_row=2, values_only=True)}
    assert branches == {BRANCHES[1], "北村党支部"}
