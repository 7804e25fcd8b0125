"""The result slip as a QR code, in a real Chromium: after an exam the learner shows the QR code;
its symbol is the one segno makes of the same compact line, small enough for a phone camera, and
that line pasted into a chat is marked by `coursekit results` like a slip file."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import segno
from openpyxl import load_workbook

from quizdriver import question, sign_slip, ui, wrong_answer
from quizsite import ANSWERS, PAPER, PAPER_SEED, POINTS, TOTAL
from test_browser_slip import answer, bank, by_type, start_paused_exam, submit

pytestmark = pytest.mark.browser


def svg_modules(page) -> list[str]:
    """The dark modules of the drawn QR code, read back from its SVG path (quiet zone removed)."""
    view, path = page.locator(".ck-slip-qr svg").evaluate("svg => [svg.getAttribute('viewBox'), svg.querySelector('path').getAttribute('d')]")
    size = int(view.split()[2]) - 8
    rows = [["0"] * size for _ in range(size)]
    for x, y, run in re.findall(r"M(\d+) (\d+)h(\d+)", path):
        for column in range(int(x) - 4, int(x) - 4 + int(run)):
            rows[int(y) - 4][column] = "1"
    return ["".join(row) for row in rows]


def test_the_slip_qr_code_carries_a_compact_line_that_results_marks(page, quiz_site, tmp_path):
    project, base = quiz_site
    questions = bank(project)
    ids = start_paused_exam(page, base)
    kinds = by_type(ids, questions)
    wrong_single = kinds["single"][0]
    short = kinds["short"][0]
    answer(page, questions, {qid: ANSWERS[qid] for qid in ids if qid not in (wrong_single, kinds["single"][-1])})
    answer(page, questions, {wrong_single: wrong_answer(questions[wrong_single], ANSWERS[wrong_single])})
    submit(page)
    question(page, short).get_by_role("button", name=ui("self_right")).click()
    slip = page.locator(".ck-slip")
    sign_slip(slip, "slip_qr", "东村|党支部", "slip_qr_done")
    figure = slip.locator(".ck-slip-qr")
    text = figure.get_attribute("data-ck-compact")
    assert text == slip.get_by_label(ui("slip_qr_text_label")).input_value()
    assert text.startswith(f"CKR1|{PAPER}|{PAPER_SEED}|王 芳|东村%7C党支部|") and "\n" not in text
    assert len(text.encode("utf-8")) <= 400
    expected = segno.make(text, error="m", boost_error=False, micro=False, mode="byte")
    assert int(figure.get_attribute("data-ck-qr-version")) == expected.version <= 15
    assert svg_modules(page) == ["".join("1" if cell & 1 else "0" for cell in row) for row in expected.matrix]
    assert figure.locator("svg").bounding_box()["width"] >= 200  # big enough to scan from the screen

    chat = tmp_path / "slips" / "群聊.txt"
    chat.parent.mkdir()
    chat.write_text(f"王芳 10:02\n老师，扫码的结果：\n{text}\n收到\n", "utf-8")
    report = tmp_path / "r.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "coursekit", "results", str(chat.parent), "-o", str(report), "--root", str(project)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = list(load_workbook(report)["学员成绩"].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "王 芳" and rows[1][1] == "东村|党支部"
    score = TOTAL - 2 * POINTS["single"]
    assert score in rows[1] and rows[1][-1] == "群聊.txt:3"
