"""The compact slip behind the exam result's QR code (``CKR1|...``, web/js/logic/slip.js) read by
``coursekit results`` from pasted text: the paper drawn again from id and seed, the answers given
to its questions in draw order and marked against the bank."""

from __future__ import annotations

from openpyxl import load_workbook

from test_results import coursekit, drawn_questions, ids_of, project, right_answer, wrong_answer  # noqa: F401 - project is a fixture
from trainer_fixture import PAPER, SEED

from coursekit.results.compact import parse_compact
from coursekit.results.slip import SlipError

STARTED = 1_777_597_200  # 2026-05-01T01:00:00Z


def token(q, given, self_mark=None) -> str:
    """One answer as compactSlip writes it."""
    if q.type == "short":
        return {True: "+", False: "x", None: "?"}[self_mark]
    if given is None:
        return "-"
    if q.type == "judge":
        return "T" if given else "F"
    if q.type == "single":
        return "0123456789abcdefghijklmnopqrstuvwxyz"[given]
    if q.type == "blank":
        return "[" + ",".join(text.replace("%", "%25").replace(",", "%2C") for text in given) + "]"
    return "(" + "".join("0123456789abcdefghijklmnopqrstuvwxyz"[i] for i in given) + ")"


def compact_line(questions, name: str, branch: str, wrong: set[str], seed: int = SEED) -> str:
    answers = "".join(token(q, wrong_answer(q) if q.id in wrong else right_answer(q), q.id not in wrong) for q, _ in questions)
    return f"CKR1|{PAPER}|{seed}|{name.replace('|', '%7C')}|{branch}|{STARTED}|{STARTED + 600}|{answers}"


def test_compact_slips_in_a_saved_chat_are_marked_against_the_bank(project):  # noqa: F811
    questions = drawn_questions(project)
    single = ids_of(questions, "single")
    good = compact_line(questions, "张|三", "东村党支部", {single[0]})
    perfect = compact_line(questions, "李四", "", set())
    short_count = compact_line(questions[:-1], "王五", "", set())  # an answer lost in copying
    other_paper = compact_line(questions, "周九", "", set()).replace(f"|{PAPER}|", "|no-such-paper|")
    chat = f"张三 09:12\n{good}\n李四 09:15\n扫出来的：{perfect}\n王五 09:20\n{short_count}\n周九\n{other_paper}\n"
    (project / "slips").mkdir()
    (project / "slips" / "群聊.txt").write_text(chat, "utf-8")
    result = coursekit("results", "slips", "-o", "r.xlsx", cwd=project)
    assert "slips/群聊.txt:6: 二维码成绩单有" in result.stderr
    assert "slips/群聊.txt:8: 试卷“no-such-paper”不是本站的试卷" in result.stderr
    assert "2 份成绩单，跳过 2 份无效的" in result.stdout
    rows = {r[0]: r for r in list(load_workbook(project / "r.xlsx")["学员成绩"].iter_rows(values_only=True))[1:]}
    assert set(rows) == {"张|三", "李四"} and rows["张|三"][1] == "东村党支部"
    total = sum(points for _, points in questions)
    scores = {name: row for name, row in rows.items()}
    assert total in scores["李四"] and total - dict((q.id, p) for q, p in questions)[single[0]] in scores["张|三"]


def test_a_damaged_compact_line_says_what_is_wrong():
    base = f"CKR1|{PAPER}|{SEED}|张三||{STARTED}|{STARTED + 60}|0T(01)"
    assert parse_compact(base).tokens == ["0", "T", "(01)"]
    for line, message in [
        (base.replace("|张三|", "|"), "不完整或被改动过"),
        (base.replace("|张三|", "||"), "不完整或被改动过"),
        (base.replace(f"|{SEED}|", "|x|"), "seed"),
        (base.replace(f"|{STARTED + 60}|", f"|{STARTED - 60}|"), ""),
        (base.replace(f"|{STARTED}|", "|99999999999|"), "started"),
        (base + "(0", "作答部分无法读取"),
        (base[: -len("0T(01)")], "作答部分无法读取"),
    ]:
        try:
            parse_compact(line)
        except SlipError as err:
            assert message in str(err), (line, str(err))
        else:
            raise AssertionError(line)
