"""A small course, bank, blueprint and citation file for the trainer tools' tests.

Written into an empty folder (an engine-only project) or next to the real content in a copy of
the project (for site builds), so the tests control every count they assert on. All ids start
with ``ckt`` so they never clash with the real content.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

COURSE = "ckt-kecheng"
BANK = "ckt-tiku"
PAPER = "ckt-shijuan"
SEED = 40
# (type, how many in the bank, how many the paper draws, points each)
PLAN = [("single", 12, 5, 2), ("multiple", 6, 3, 3), ("judge", 8, 4, 1), ("blank", 4, 2, 2), ("order", 3, 2, 3), ("short", 3, 1, 5)]
PASS_MARK = 24

TRAINER_STEP = "导入：请学员说出本支部上一次党员大会的日期"
TRAINER_DISCUSSION = "应到会人数怎样确定？请结合本支部情况讨论"
TRAINER_ACTIVITY = "分组计算三个表决案例，每组派一人讲解"
TRAINER_NOTES = "提醒学员：分母是应到会人数，不是实到人数"
TRAINER_MATERIAL = "表决案例卡（每组一套）"
TRAINER_QUESTIONS = ["ckt-single-01", "ckt-judge-02"]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def _question(qtype: str, number: int) -> str:
    qid = f"ckt-{qtype}-{number:02d}"
    head = f"  - id: {qid}\n    type: {qtype}\n"
    tail = f"    explanation: 第{number}题的解析（{qtype}）。\n    source: ckt-tiaoli-{1 + number % 3}\n    lesson: {COURSE}/biaojue\n"
    if qtype == "single":
        # distinct option texts per question, so a test can find the right one by its text
        body = f"    stem: 单选题{number}：哪一项是第{number}题的正确说法？\n    options: [单选{number}甲, 单选{number}乙, 单选{number}丙, 单选{number}丁]\n    answer: {'ABCD'[number % 4]}\n"
    elif qtype == "multiple":
        answer = ["AB", "ACD", "BD", "ABCD", "CD", "AC"][number % 6]
        body = f"    stem: 多选题{number}：哪些是第{number}题的正确说法？\n    options: [多选{number}甲, 多选{number}乙, 多选{number}丙, 多选{number}丁]\n    answer: {answer}\n"
    elif qtype == "judge":
        body = f"    stem: 判断题{number}：这是第{number}个说法。\n    answer: {'正确' if number % 2 else '错误'}\n"
    elif qtype == "blank":
        body = f"    stem: 填空题{number}：党员大会一般每___召开1次，须有___以上党员到会。\n    answer: [[季度, 个季度], [半数, 一半]]\n"
    elif qtype == "order":
        body = f"    stem: 排序题{number}：把下列步骤按先后排好。\n    options: [排序{number}第一步, 排序{number}第二步, 排序{number}第三步, 排序{number}第四步]\n"
    else:
        body = f"    stem: 简答题{number}：简述第{number}题的要求。\n    answer: 第{number}题的参考答案。\n"
    return head + body + tail


def write_fixture_content(root: Path) -> Path:
    """Write the fixture's sources under ``root``; return ``root``."""
    _write(
        root / "citations/ckt-tiaoli.yml",
        """
        regulation: 《测试用支部工作条例》
        short: 《测试条例》
        effective: 2018-10-28
        edition: 2018年试行版
        read_at: 测试用文本
        status: current
        articles:
          - {key: ckt-tiaoli-1, article: 第一条, summary: 测试条文一的要点。, reliability: A}
          - {key: ckt-tiaoli-2, article: 第二条, summary: 测试条文二的要点。, reliability: A}
          - {key: ckt-tiaoli-3, article: 第三条, summary: 测试条文三的要点。, reliability: A}
        """,
    )
    _write(
        root / f"courses/{COURSE}/course.yml",
        """
        title: 测试课程：党员大会
        order: 900
        audience: 测试用的支部书记
        summary: 只供测试。
        objectives:
          - 记住党员大会的频次
          - 会计算表决结果
        lessons:
          - file: pinci.md
            minutes: 6
          - file: biaojue.md
            minutes: 9
        """,
    )
    _write(
        root / f"courses/{COURSE}/pinci.md",
        """
        ---
        title: 党员大会多久开一次
        objectives: [记住党员大会一般每季度召开1次]
        sources: [ckt-tiaoli-1]
        as_of: 2026-01-01
        ---

        党员大会一般每季度召开1次 [@ckt-tiaoli-1]。

        ## 频次的规定

        一般每季度1次。
        """,
    )
    _write(
        root / f"courses/{COURSE}/biaojue.md",
        f"""
        ---
        title: 表决怎么算
        objectives: [会用应到会人数作分母]
        sources: [ckt-tiaoli-2, ckt-tiaoli-3]
        as_of: 2026-01-01
        trainer:
          steps:
            - {{step: "{TRAINER_STEP}", minutes: 3}}
            - {{step: 讲解两道门槛, minutes: 7}}
          discussion:
            - {TRAINER_DISCUSSION}
          activity: {TRAINER_ACTIVITY}
          materials: [{TRAINER_MATERIAL}]
          questions: [{", ".join(TRAINER_QUESTIONS)}]
          notes: {TRAINER_NOTES}
        ---

        表决有两道门槛 [@ckt-tiaoli-2]。

        ## 到会门槛

        半数以上有表决权的党员到会。

        ```text
        ## 这不是标题
        ```

        ## 通过门槛 {{#tongguo}}

        赞成人数超过应到会有表决权党员的半数 [@ckt-tiaoli-3]。
        """,
    )
    questions = "".join(_question(qtype, n) for qtype, count, _, _ in PLAN for n in range(1, count + 1))
    _write(root / f"quizzes/{BANK}.yml", f"bank: {BANK}\ntitle: 测试题库\ndescription: 只供测试。\nquestions:\n{questions}")
    sections = "".join(f"  - type: {qtype}\n    points: {points}\n    draw:\n      - {{bank: {BANK}, count: {draw}}}\n" for qtype, _, draw, points in PLAN)
    _write(
        root / f"quizzes/papers/{PAPER}.yml",
        f"paper: {PAPER}\ntitle: 测试试卷\ntime_limit: 30\npass_mark: {PASS_MARK}\nseed: {SEED}\nsections:\n{sections}",
    )
    return root


def total_points() -> int:
    return sum(draw * points for _, _, draw, points in PLAN)


def question_count() -> int:
    return sum(draw for _, _, draw, _ in PLAN)
