"""A small project for the browser quiz tests: the real site configuration with content written
here, so every question type, its answers and an exam blueprint (1 minute, tags, several draw
rules) are known to the tests however the real courses grow.

``ANSWERS`` tells the tests how to answer each question right, by what the learner sees.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from conftest import ROOT

COURSE = "ceshi"
PRACTICE_BANK = "geti"
DRAW_BANK = "chouti"
PAPER = "xianshi"
PAPER_SEED = 7
PAPER_MINUTES = 1
LONG_LESSON = f"{COURSE}/zhiweihui"

CITATIONS = {
    "regulation": "《中国共产党支部工作条例（试行）》",
    "short": "《条例》",
    "effective": "2018-10-28",
    "edition": "2018年试行版",
    "read_at": "测试用文本",
    "status": "current",
    "articles": [
        {"key": "tiaoli-11", "article": "第十一条", "summary": "党员大会是党支部的议事决策机构，一般每季度召开1次。", "reliability": "A"},
        {"key": "tiaoli-12", "article": "第十二条", "summary": "支部委员会会议一般每月召开1次。", "reliability": "A"},
    ],
}

# One question of every type, on the long lesson; answers as the learner sees them.
PRACTICE = [
    {"id": "gt-single", "type": "single", "stem": "支部委员会会议一般多久召开一次？", "options": ["每月1次", "每季度1次", "每半年1次", "每年1次", "每两年1次"], "answer": "A", "explanation": "支委会会议一般每月召开1次。", "source": "tiaoli-12"},
    {"id": "gt-multiple", "type": "multiple", "stem": "“三会”包括哪些会议？", "options": ["支部党员大会", "支部委员会会议", "党小组会", "民主生活会"], "answer": "ABC", "explanation": "民主生活会不在“三会”之中。", "source": "tiaoli-12"},
    {"id": "gt-judge", "type": "judge", "stem": "党员大会表决以实到会人数为分母。", "answer": "错误", "explanation": "分母是应到会有表决权的党员。", "source": "tiaoli-11"},
    {"id": "gt-blank", "type": "blank", "stem": "支部委员会会议一般每___召开1次，须有___以上委员到会。", "answer": [["月", "个月"], ["半数", "一半"]], "explanation": "每月1次，半数以上委员到会。", "source": "tiaoli-12"},
    {"id": "gt-order", "type": "order", "stem": "把党员大会表决的步骤按先后排好。", "options": ["确认应到会人数", "确认到会人数过半", "进行表决", "计算赞成票是否过半"], "explanation": "先定分母，再看到会，然后表决，最后计票。", "source": "tiaoli-11"},
    {"id": "gt-short", "type": "short", "stem": "党小组会由谁召集并主持？", "answer": "由党小组组长召集并主持。", "explanation": "党小组会由组长召集主持。", "source": "tiaoli-12"},
]


BRANCHES = ["测试村党支部", "东村党支部", "西村党支部"]

def _draw_pool() -> list[dict]:
    """Enough questions of every type, some tagged, for draws that differ from seed to seed."""
    pool = []
    for n in range(1, 13):
        pool.append({"id": f"ct-s{n:02}", "type": "single", "stem": f"抽题单选第{n}题", "options": [f"单选{n}对", f"单选{n}错甲", f"单选{n}错乙"], "answer": "A", "tags": ["甲" if n % 2 else "乙"]})
    for n in range(1, 7):
        pool.append({"id": f"ct-m{n:02}", "type": "multiple", "stem": f"抽题多选第{n}题", "options": [f"多选{n}对甲", f"多选{n}对乙", f"多选{n}错"], "answer": "AB"})
    for n in range(1, 7):
        pool.append({"id": f"ct-j{n:02}", "type": "judge", "stem": f"抽题判断第{n}题", "answer": "正确" if n % 2 else "错误"})
    for n in range(1, 5):
        pool.append({"id": f"ct-b{n:02}", "type": "blank", "stem": f"抽题填空第{n}题：答案是___。", "answer": [[f"答案{n}"]]})
    for n in range(1, 4):
        pool.append({"id": f"ct-o{n:02}", "type": "order", "stem": f"抽题排序第{n}题", "options": [f"排序{n}第一步", f"排序{n}第二步", f"排序{n}第三步"]})
    for n in range(1, 4):
        pool.append({"id": f"ct-d{n:02}", "type": "short", "stem": f"抽题简答第{n}题", "answer": f"简答{n}参考答案"})
    for q in pool:
        q.update(explanation=f"{q['stem']}的解析。", source="tiaoli-11")
    return pool


DRAW = _draw_pool()

BLUEPRINT = {
    "paper": PAPER,
    "title": "限时小测",
    "time_limit": PAPER_MINUTES,
    "pass_mark": 15,
    "seed": PAPER_SEED,
    "sections": [
        {"type": "single", "points": 2, "draw": [{"bank": DRAW_BANK, "tag": "甲", "count": 2}, {"bank": DRAW_BANK, "count": 2}]},
        {"type": "multiple", "points": 3, "draw": [{"bank": DRAW_BANK, "count": 2}]},
        {"type": "judge", "points": 1, "draw": [{"bank": DRAW_BANK, "count": 2}]},
        {"type": "blank", "points": 2, "draw": [{"bank": DRAW_BANK, "count": 1}]},
        {"type": "order", "points": 2, "draw": [{"bank": DRAW_BANK, "count": 1}]},
        {"type": "short", "points": 5, "draw": [{"bank": DRAW_BANK, "count": 1}]},
    ],
}
POINTS = {s["type"]: s["points"] for s in BLUEPRINT["sections"]}
TOTAL = sum(s["points"] * sum(d["count"] for d in s["draw"]) for s in BLUEPRINT["sections"])


def _letters_to_texts(q: dict) -> list[str]:
    return [q["options"]["ABCDEFGHIJKLMNOPQRSTUVWXYZ".index(letter)] for letter in q["answer"]]


def right_answer(q: dict):
    """What a learner who knows the answer enters, by visible text."""
    if q["type"] in ("single", "multiple"):
        return _letters_to_texts(q)
    if q["type"] == "judge":
        return "正确" if q["answer"] == "正确" else "错误"
    if q["type"] == "blank":
        return [accepted[-1] for accepted in q["answer"]]
    if q["type"] == "order":
        return list(q["options"])
    return q["answer"]


ANSWERS = {q["id"]: right_answer(q) for q in PRACTICE + DRAW}
QUESTIONS = {q["id"]: q for q in PRACTICE + DRAW}


def _lesson(title: str, source: str, paragraphs: int) -> str:
    body = "\n\n".join(f"第{n}段：支部工作要按规定开展，会议要有记录 [@{source}]。" for n in range(1, paragraphs + 1))
    return f"---\ntitle: {title}\nobjectives:\n  - 知道会议多久开一次\nsources: [{source}]\nas_of: 2026-11-26\n---\n\n{body}\n"


def _own_nav(config: str) -> str:
    """The real mkdocs.yml with its nav cut to this project's one hand-written page."""
    match = re.search(r"^nav:\n(?:[ \t#-].*\n|\n)*", config, re.M)
    assert match, "mkdocs.yml has no nav section"
    return config[: match.start()] + "nav:\n  - 首页: index.md\n" + config[match.end() :]


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def make_quiz_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    config = _own_nav((ROOT / "mkdocs.yml").read_text("utf-8"))
    # The trainer's list of branches, offered on the exam's result slip.
    config = config.replace("\n  - coursekit\n", "\n  - coursekit:\n      branches: [" + ", ".join(BRANCHES) + "]\n", 1)
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copy(ROOT / "jieba_userdict.txt", dest / "jieba_userdict.txt")
    # Non-page files of docs/ (theme overrides and the like) belong to the configuration.
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda _dir, names: [n for n in names if n.endswith(".md")])
    (dest / "docs" / "index.md").write_text("# 测试站点\n\n[课程](courses/index.md) · [练习](practice/index.md) · [考试](exams/index.md)\n", "utf-8")
    _dump(dest / "citations" / "tiaoli.yml", CITATIONS)
    course = dest / "courses" / COURSE
    _dump(course / "course.yml", {
        "title": "测试课程", "order": 1, "audience": "党支部书记", "summary": "浏览器测试用的课程。",
        "objectives": ["会做各种题型"],
        "lessons": [{"file": "dahui.md", "minutes": 5}, {"file": "zhiweihui.md", "minutes": 5}],
    })
    (course / "dahui.md").write_text(_lesson("党员大会", "tiaoli-11", 2), "utf-8")
    (course / "zhiweihui.md").write_text(_lesson("支委会", "tiaoli-12", 40), "utf-8")
    practice = [dict(q, lesson=LONG_LESSON) for q in PRACTICE]
    draw = [dict(q, lesson=f"{COURSE}/dahui") for q in DRAW]
    _dump(dest / "quizzes" / f"{PRACTICE_BANK}.yml", {"bank": PRACTICE_BANK, "title": "各种题型", "questions": practice})
    _dump(dest / "quizzes" / f"{DRAW_BANK}.yml", {"bank": DRAW_BANK, "title": "抽题题库", "questions": draw})
    _dump(dest / "quizzes" / "papers" / f"{PAPER}.yml", BLUEPRINT)
    return dest
