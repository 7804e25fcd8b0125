"""A synthetic project of N lessons and M questions, in realistic Chinese, for measuring builds."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

# Sentences in the register of our lessons; shuffled into paragraphs so jieba has real work.
PHRASES = [
    "党支部党员大会是党支部的议事决策机构",
    "支部委员会会议一般每月召开一次",
    "党小组会组织党员参加政治学习和谈心谈话",
    "表决时赞成人数超过应到会有表决权党员的半数为通过",
    "组织生活会一般安排在第四季度召开",
    "民主评议党员按照个人自评党员互评民主测评的程序进行",
    "入党申请人向工作所在单位党组织提出申请",
    "党组织收到入党申请书后一个月内派人谈话",
    "入党积极分子经过一年以上培养教育和考察",
    "发展对象应当有两名正式党员作入党介绍人",
    "预备党员的预备期为一年",
    "村和社区的重要事项必须经过党员大会讨论",
    "党员应当按月交纳党费",
    "主题党日每月相对固定一天开展",
    "谈心谈话每年一般不少于一次",
]
# Sentences of the same register without the benchmark's search words (党员大会, 表决, 党费...).
# Most sentences come from here, so that a search word is found in a share of the sections like
# on the real site (4-9 %), not in nearly all of them: the browser's search time grows with the
# number of hits.
FILLER = [
    "基层党组织要把学习教育同本地实际结合起来",
    "村党组织书记带头联系服务群众",
    "社区党组织定期听取居民意见和建议",
    "乡镇党委加强对村级组织的指导",
    "学习笔记要记清时间地点和主要内容",
    "会议材料应当及时归档妥善保管",
    "开展活动前要制定计划明确责任人",
    "流动党员所在地组织要主动做好对接",
    "困难群众的诉求要及时登记逐项办理",
    "农村集体经济发展要坚持民主决策",
    "网格员走访入户了解群众实际困难",
    "培训结束后组织学员交流学习体会",
    "宣传栏内容要定期更新保持整洁",
    "年终总结要写明成绩问题和改进措施",
    "志愿服务活动要记录参与人员和时长",
    "村务公开栏按规定时间公布有关事项",
]
KEY_SHARE = 0.06  # of sentences taken from PHRASES
CITATION_KEYS = [f"bench-{i}" for i in range(1, 21)]
LESSONS_PER_COURSE = 25


def _sentence(rng: random.Random) -> str:
    return rng.choice(PHRASES if rng.random() < KEY_SHARE else FILLER)


def _paragraph(rng: random.Random, sentences: int) -> str:
    return "，".join(_sentence(rng) for _ in range(sentences)) + "。"


def _cited(rng: random.Random, sentences: int) -> str:
    """A paragraph whose sentences each end with an inline citation, as in our lessons."""
    return "".join(f"{_sentence(rng)} [@{rng.choice(CITATION_KEYS)}]。" for _ in range(sentences))


def _lesson_body(rng: random.Random, number: int) -> str:
    """A lesson shaped like the real site's (medians over its 44 lessons): about 1,750
    characters in four sections, a six-item list, a table of nine rows, two admonitions and
    eighteen inline citations. (Until 2026-12 it was 700 characters with three citations: too
    little text, and too few of the citation links that turned out to be our dearest Markdown.)"""
    parts = [f"**{_sentence(rng)}**，" + _cited(rng, 2) + _paragraph(rng, 2) + "\n"]
    for section in range(1, 5):
        parts.append(f"## 第{section}部分 要点{number}-{section}\n")
        parts.append(_cited(rng, 3 if section <= 2 else 2) + _paragraph(rng, 4) + "\n")
        parts.append(_paragraph(rng, 4) + "\n")
        if section == 2:
            parts.append("\n".join(f"- **{_sentence(rng)[:6]}**：{_sentence(rng)} [@{rng.choice(CITATION_KEYS)}]；" for _ in range(6)) + "\n")
        if section == 3:
            rows = [f"| {_sentence(rng)[:8]} | {_sentence(rng)[-10:]} |" for _ in range(8)]
            parts.append("\n".join(["| 事项 | 要求 |", "|---|---|"] + rows) + "\n")
    parts.append('!!! warning "常见错误"\n    ' + _paragraph(rng, 3) + "\n")
    parts.append('!!! tip "记一记"\n    ' + _paragraph(rng, 1) + "\n")
    return "\n".join(parts)


def _question(rng: random.Random, qid: str, lesson: str, kind: str) -> dict:
    base = {
        "id": qid,
        "type": kind,
        "explanation": _paragraph(rng, 2),
        "source": rng.choice(CITATION_KEYS),
        "lesson": lesson,
        "tags": ["频次"],
        "difficulty": 1,
    }
    stem = rng.choice(PHRASES)
    if kind == "single":
        base |= {"stem": stem + "？", "options": [f"选项{i}：{rng.choice(PHRASES)}" for i in range(4)], "answer": "ABCD"[rng.randrange(4)]}
    elif kind == "multiple":
        base |= {"stem": stem + "（多选）", "options": [f"选项{i}：{rng.choice(PHRASES)}" for i in range(4)], "answer": "AC"}
    elif kind == "judge":
        base |= {"stem": stem + "。", "answer": rng.choice(["正确", "错误"])}
    else:
        base |= {"stem": stem + "，一般每___召开一次。", "answer": [["月", "个月"]], "type": "blank"}
    return base


def write_corpus(root: Path, lessons: int, questions: int, seed: int = 1, with_plugin: bool = True) -> Path:
    """Write a project at ``root``; lessons and questions are spread over courses and banks.

    With ``with_plugin=False`` the same lesson texts become plain pages under ``docs/`` and the
    config drops our plugin: the baseline "plain Material" build of the same lessons.
    """
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 基准测试\n\n" + _paragraph(rng, 4) + "\n", "utf-8")
    courses = max(1, -(-lessons // LESSONS_PER_COURSE))
    lesson_ids: list[str] = []
    for c in range(courses):
        course_id = f"course-{c + 1:03d}"
        count = min(LESSONS_PER_COURSE, lessons - c * LESSONS_PER_COURSE)
        files = []
        for n in range(count):
            slug = f"lesson-{n + 1:03d}"
            body = _lesson_body(rng, n)
            front = {
                "title": f"课程{c + 1}第{n + 1}课",
                "objectives": [_paragraph(rng, 1) for _ in range(3)],
                "sources": rng.sample(CITATION_KEYS, 7),
                "as_of": "2026-11-26",
            }
            if with_plugin:
                folder = root / "courses" / course_id
                folder.mkdir(parents=True, exist_ok=True)
                text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + body
                (folder / f"{slug}.md").write_text(text, "utf-8")
            else:
                folder = root / "docs" / "courses" / course_id
                folder.mkdir(parents=True, exist_ok=True)
                # The citation as a reader sees it on our site, "（《基准》第3条）", only not a link.
                plain = re.sub(r"\[@bench-(\d+)\]", lambda m: f"（《基准》第{m.group(1)}条）", body)
                (folder / f"{slug}.md").write_text(f"# {front['title']}\n\n{plain}", "utf-8")
            files.append({"file": f"{slug}.md", "minutes": 10})
            lesson_ids.append(f"{course_id}/{slug}")
        if with_plugin:
            course = {"title": f"基准课程{c + 1}", "order": c + 1, "audience": "支部书记", "objectives": ["基准"], "lessons": files}
            (root / "courses" / course_id / "course.yml").write_text(yaml.safe_dump(course, allow_unicode=True), "utf-8")
    if with_plugin:
        write_questions(root, lesson_ids, questions, rng)
        (root / "citations").mkdir(exist_ok=True)
        citations = {
            "regulation": "《基准测试条例》",
            "short": "《基准》",
            "effective": "2026-01-01",
            "edition": "2018年试行版",
            "read_at": "测试用文本",
            "status": "current",
            "articles": [{"key": k, "article": f"第{i + 1}条", "summary": _paragraph(rng, 1), "reliability": "A"} for i, k in enumerate(CITATION_KEYS)],
        }
        (root / "citations" / "bench.yml").write_text(yaml.safe_dump(citations, allow_unicode=True), "utf-8")
    return root


def edit_a_lesson(root: Path, round_number: int) -> Path:
    """Add a sentence to the project's first lesson, as an author does between rebuilds."""
    lesson = min((root / "courses").glob("*/lesson-*.md"), default=None) or min((root / "docs" / "courses").glob("*/lesson-*.md"))
    with lesson.open("a", encoding="utf-8") as out:
        out.write(f"\n第{round_number}次修改时补充的一句话。\n")
    return lesson


def write_questions(root: Path, lesson_ids: list[str], questions: int, rng: random.Random, per_bank: int = 100) -> None:
    kinds = ["single", "multiple", "judge", "blank"]
    (root / "quizzes" / "papers").mkdir(parents=True, exist_ok=True)
    banks = max(1, -(-questions // per_bank))
    for b in range(banks):
        count = min(per_bank, questions - b * per_bank)
        items = [
            _question(rng, f"bench-{b:03d}-{i:04d}", lesson_ids[(b * per_bank + i) % len(lesson_ids)], kinds[i % 4])
            for i in range(count)
        ]
        bank = {"bank": f"bank-{b + 1:03d}", "title": f"基准题库{b + 1}", "questions": items}
        (root / "quizzes" / f"bank-{b + 1:03d}.yml").write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
    paper = {
        "paper": "bench-paper",
        "title": "基准试卷",
        "time_limit": 30,
        "pass_mark": 60,
        "seed": 1,
        "sections": [{"type": k, "points": 5, "draw": [{"bank": "bank-001", "count": 5}]} for k in kinds],
    }
    (root / "quizzes" / "papers" / "bench-paper.yml").write_text(yaml.safe_dump(paper, allow_unicode=True), "utf-8")


def without_plugin(config: str, name: str) -> str:
    """``config`` (mkdocs.yml text) less the entry ``- name`` of its plugins list and its options."""
    lines, out, skipping = config.splitlines(keepends=True), [], False
    for line in lines:
        stripped = line.strip()
        if stripped in (f"- {name}", f"- {name}:"):
            skipping, indent = True, len(line) - len(line.lstrip())
            continue
        if skipping and stripped and (len(line) - len(line.lstrip()) <= indent):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def write_config(root: Path, template: Path, with_plugin: bool, languages: bool = False) -> Path:
    """The project's own mkdocs.yml with the nav cut to the home page; without our plugin for the
    baseline, and without mkdocs-static-i18n unless ``languages``."""
    text = template.read_text("utf-8")
    if not languages:
        text = without_plugin(text, "i18n")
    head, _, _ = text.partition("\nnav:")
    config = head + "\nnav:\n  - 首页: index.md\n"
    if not with_plugin:
        # Plain Material: no plugin, and MkDocs' own nav of every page (ours lists every lesson too).
        config = without_plugin(head, "coursekit") + "\n"
    (root / "mkdocs.yml").write_text(config, "utf-8")
    userdict = template.parent / "jieba_userdict.txt"
    if userdict.exists():
        shutil.copy(userdict, root / "jieba_userdict.txt")
    overrides = template.parent / "docs" / "overrides"
    if overrides.exists():
        shutil.copytree(overrides, root / "docs" / "overrides", dirs_exist_ok=True)
    return root / "mkdocs.yml"
