"""Regulation editions (issue 23): citation files say which edition is taught and its status; a
regulation under review shows a notice wherever it is used, until its keys are checked; article
numbers are data; ``coursekit review`` lists what to check."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from coursekit.cli import main
from coursekit.currency import lesson_notices, question_notices
from coursekit.model import Project
from coursekit.papers.word import write_answer_key_docx, write_paper_docx
from coursekit.plans.word import write_plan_docx
from coursekit.review import build_review, review_lines
from coursekit.site.pages import PageBuilder
from coursekit.site.print_pages import PrintPage, print_variant
from coursekit.site.quiz import QuizRenderer
from coursekit.sources.project import load_project
from conftest import ROOT
from docx_reader import read_docx
from minisite import CONTENT, MINI

REVISED = """status: revision-reported
revision:
  date: 2026-05-18
  source: 《人民日报》2026-05-19第4版
  known: 条文尚未读到。
"""
NOTICE = "本课内容依据测试版《中国共产党支部工作条例（试行）》编写。《条例》的修订版已于2026年5月18日印发"
QUESTION_NOTICE = "【修订提示】本题依据测试版《条例》；《条例》的修订版已于2026年5月18日印发"


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("COURSEKIT_LANG", raising=False)


def mini(dest: Path) -> Path:
    for name in CONTENT:
        shutil.copytree(MINI / name, dest / name)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def under_review(tmp_path: Path) -> Path:
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "status: current\n", REVISED)
    return root


def loaded(root: Path) -> Project:
    project, problems = load_project(root)
    assert problems == []
    return project


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_project(root)[1]]


# -- check ----------------------------------------------------------------------------------


def test_an_unknown_status_is_rejected_with_file_and_line(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "status: current", "status: 有效")
    assert problems_of(root) == [
        "citations/tiaoli.yml:6: 版本状态“有效”无效：可用 current（现行有效）、revision-reported（已有修订的报道，新文本尚未核对）、superseded（已被另一份法规取代）"
    ]


def test_a_revision_without_its_report_and_a_file_without_edition_are_rejected(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "edition: 测试版\nread_at: 测试用文本\nstatus: current", "status: revision-reported")
    assert problems_of(root) == [
        "citations/tiaoli.yml:1: 缺少必填项“edition”",
        "citations/tiaoli.yml:1: 缺少必填项“read_at”",
        "citations/tiaoli.yml:4: status 为 revision-reported 时要写 revision:，包括修订日期 date、消息来源 source 和已知情况 known",
    ]


def test_a_superseded_key_still_cited_is_rejected_where_it_is_cited(tmp_path):
    root = mini(tmp_path / "p")
    (root / "citations/jiu.yml").write_text(
        "regulation: 《旧条例》\neffective: 2010-01-01\nedition: 2010年版\nread_at: 测试\nstatus: superseded\nsuperseded_by: tiaoli\n"
        "articles:\n  - key: jiu-1\n    article: 第一条\n    summary: 旧规定。\n    reliability: A\n",
        "utf-8",
    )
    edit(root / "quizzes/jichu.yml", "    source: tiaoli-12\n", "    source: [tiaoli-12, jiu-1]\n")
    edit(root / "courses/jichu/dahui.md", "党员大会一般每季度召开1次 [@tiaoli-11]。", "党员大会一般每季度召开1次 [@tiaoli-11] [@jiu-1]。")
    expected = "引用了已被取代的条文“jiu-1”（《旧条例》已由《中国共产党支部工作条例（试行）》取代），请改引现行条文"
    assert problems_of(root) == [f"courses/jichu/dahui.md:9: {expected}", f"quizzes/jichu.yml:20: {expected}"]


def test_superseded_by_must_name_a_known_regulation(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "status: current", "status: superseded\nsuperseded_by: xin-tiaoli")
    assert "citations/tiaoli.yml:1: superseded_by 指向的“xin-tiaoli”在条文索引中不存在" in problems_of(root)


def test_number_caveats_belong_in_data_not_in_the_text_learners_read(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "    article: 第十二条\n", "    article: （支委会会议的规定，条号待核）\n")
    edit(root / "citations/tiaoli.yml", "一般每季度召开1次。", "一般每季度召开1次。（条号据前后条文推定）")
    assert problems_of(root) == [
        "citations/tiaoli.yml:10: summary 中不要写“条号据前后条文推定”这类核实说明：学员会看到它。条号是否核实写在 number:（confirmed/inferred/unknown），理由写在 number_note:",
        "citations/tiaoli.yml:13: article 中不要写“条号待核”这类核实说明：学员会看到它。条号是否核实写在 number:（confirmed/inferred/unknown），理由写在 number_note:",
    ]


def test_an_unconfirmed_number_needs_a_topic_and_a_known_status(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "    article: 第十二条\n", "    article: 第十二条\n    number: guessed\n")
    edit(root / "citations/tiaoli.yml", "    article: 第十一条\n", "    article: 第十一条\n    number: inferred\n")
    assert problems_of(root) == [
        "citations/tiaoli.yml:10: 条号没有核实（number: inferred）时要写 topic:，学员看到的是“法规名称 + topic”，例如 关于培养联系人的规定",
        "citations/tiaoli.yml:15: 条号核实情况“guessed”无效：可用 confirmed（已在原文读到）、inferred（推定，待核对原文）、unknown（条号不明）",
    ]


def test_not_affected_must_name_a_regulation(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "courses/jichu/dahui.md", "as_of: 2026-11-26\n", "as_of: 2026-11-26\nnot_affected: [xize]\n")
    assert problems_of(root) == ["courses/jichu/dahui.md:1: not_affected 中的“xize”不是条文索引里的法规文件名（可用：tiaoli）"]


# -- what learners see ------------------------------------------------------------------------


def test_an_unconfirmed_number_shows_the_topic_never_the_number(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "citations/tiaoli.yml", "    article: 第十二条\n", "    article: 第十二条\n    number: inferred\n    topic: 关于支委会会议的规定\n    number_note: 只见于一个转载页\n")
    project = loaded(root)
    builder = PageBuilder(project)
    lesson = builder.lesson_page(project.courses[0], 1)
    assert "《条例》关于支委会会议的规定" in lesson and "第十二条" not in lesson
    index = builder.citations_page()
    assert "### 关于支委会会议的规定 {#tiaoli-12}" in index
    assert "条号：第十二条（推定，尚未在原文中核对：只见于一个转载页）" in index
    question = next(q for q in project.questions() if q.sources == ["tiaoli-12"])
    assert QuizRenderer(project, "practice/jichu.md").sources(question)[0]["label"] == "《条例》关于支委会会议的规定"


def test_a_regulation_under_review_shows_on_lessons_quizzes_and_the_index(tmp_path):
    project = loaded(under_review(tmp_path))
    builder = PageBuilder(project)
    course = project.courses[0]
    for index in range(len(course.lessons)):
        page = builder.lesson_page(course, index)
        assert '<div class="admonition warning ck-revision-notice" role="note"><p class="admonition-title">依据的规定已修订，正在核对</p>' in page
        assert NOTICE in page and 'href="../../../citations/#reg-tiaoli"' in page
    assert "本课程的部分课文依据测试版《中国共产党支部工作条例（试行）》编写" in builder.course_page(course)
    renderer = QuizRenderer(project, "practice/jichu.md")
    for question in project.questions():
        assert QUESTION_NOTICE in renderer.data(question)["explanation"]  # feedback and exam review show it
        assert '<p class="ck-notice">' + QUESTION_NOTICE in renderer.question_html(question, 1)
    index = builder.citations_page()
    assert "## 《中国共产党支部工作条例（试行）》 {#reg-tiaoli}" in index
    assert '!!! warning "状态：已有修订版（2026年5月18日），新文本尚未核对"' in index
    assert "**所讲版本**：测试版" in index and "**尚未对照修订版核对**" in index


def test_a_checked_key_or_a_not_affected_mark_takes_the_notice_away(tmp_path):
    root = under_review(tmp_path)
    edit(root / "citations/tiaoli.yml", "    article: 第十二条\n", "    article: 第十二条\n    checked: {date: 2026-06-01, source: 共产党员网全文}\n")
    edit(root / "courses/jichu/dahui.md", "as_of: 2026-11-26\n", "as_of: 2026-11-26\nnot_affected: [tiaoli]\n")
    project = loaded(root)
    lessons = project.lesson_index()
    assert lesson_notices(lessons["jichu/dahui"], project.citations) == []  # marked not affected
    assert lesson_notices(lessons["jichu/zhiweihui"], project.citations) == []  # cites the checked key only
    by_source = {tuple(q.sources): q for q in project.questions()}
    assert question_notices(by_source[("tiaoli-12",)], project.citations) == []
    assert [r.id for r in question_notices(by_source[("tiaoli-11",)], project.citations)] == ["tiaoli"]
    index = PageBuilder(project).citations_page()
    assert "已对照修订版核对：2026\\-06\\-01，共产党员网全文" in index


def test_print_pages_word_keys_and_lesson_plans_carry_the_notice(tmp_path):
    project = loaded(under_review(tmp_path))
    blueprint = project.blueprints[0]
    page = PrintPage(project, blueprint).markdown()
    variant = print_variant(project, blueprint)
    assert "依据测试版《中国共产党支部工作条例（试行）》；《条例》的修订版已于2026年5月18日印发" in page
    assert page.count(QUESTION_NOTICE) == len(variant.items())
    key = tmp_path / "key.docx"
    write_answer_key_docx(print_variant(project, blueprint), project.citations, key)
    text = "\n".join(p.text for p in read_docx(key).paragraphs()).replace("\u200b", "")  # break opportunities after 、
    # the key: the notice in full at the top, naming the questions; a mark under each of them
    assert "第 1、2 题依据测试版" in text and text.count("【修订提示】见本答案开头") == len(variant.items())
    # the learner's paper names the same questions, in words for the learner, not the marker
    paper = tmp_path / "paper.docx"
    write_paper_docx(print_variant(project, blueprint), paper, citations=project.citations)
    text = "\n".join(p.text for p in read_docx(paper).paragraphs()).replace("\u200b", "")
    assert "第 1、2 题依据测试版《条例》出题，其修订版已于2026年5月18日印发，正在核对。" in text
    assert "评分" not in text
    plan = tmp_path / "plan.docx"
    write_plan_docx(project, project.courses[0], plan)
    assert sum("本课内容依据测试版《中国共产党支部工作条例（试行）》；《条例》的修订版" in p.text for p in read_docx(plan).paragraphs()) == 2


def test_the_english_notice_is_translated(tmp_path):
    project = loaded(under_review(tmp_path))
    page = PageBuilder(project, lang="en").lesson_page(project.courses[0], 0)
    assert "A revised edition of the 《条例》 was issued on 18 May 2026" in page
    assert "follow your Party committee's current instructions" in page


def test_a_lesson_more_than_a_year_old_says_so_prominently(tmp_path):
    root = mini(tmp_path / "p")
    edit(root / "courses/jichu/dahui.md", "as_of: 2026-11-26", "as_of: 2024-01-31")
    project = loaded(root)
    page = PageBuilder(project).lesson_page(project.courses[0], 0)
    assert '!!! note "内容截至 2024年1月31日"' in page
    review = build_review(project, dt.date(2026, 12, 6))
    assert [(lesson.id, line) for lesson, line in review.stale] == [("jichu/dahui", 6)]
    assert "  courses/jichu/dahui.md:6  党员大会（内容截至 2024-01-31）" in review_lines(review)


# -- coursekit review -------------------------------------------------------------------------


def test_review_lists_what_rests_on_a_regulation_under_review_and_writes_a_checklist(tmp_path, capsys):
    root = under_review(tmp_path)
    out = tmp_path / "review.xlsx"
    assert main(["review", "--root", str(root), "-o", str(out), "--today", "2026-12-06"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "《中国共产党支部工作条例（试行）》（测试版）：已有修订版（2026年5月18日），新文本尚未核对" in lines
    assert "  courses/jichu/dahui.md:9  党员大会（tiaoli-11）" in lines
    assert "  courses/jichu/zhiweihui.md:6  支部委员会会议（tiaoli-12）" in lines
    assert any(line.startswith("  quizzes/jichu.yml:4  jc-001 党员大会一般多久召开一次？") for line in lines)
    assert any(line.startswith("  quizzes/papers/ceshi.yml:") and "可能抽到" in line for line in lines)
    project = loaded(root)
    assert lines[-2] == f"依据修订中法规、尚未核对的：2 篇课文、{len(project.questions())} 道题、1 份试卷蓝图；条文 2 条尚未对照修订版核对。"
    book = openpyxl.load_workbook(out)
    sheet = book["修订核对"]
    assert [c.value for c in sheet[1]][:4] == ["已核对（打√）", "法规", "类别", "位置（文件:行）"]
    assert sheet.max_row == 1 + 2 + len(project.questions()) + 1
    assert {sheet.cell(row=r, column=3).value for r in range(2, sheet.max_row + 1)} == {"课文", "题目", "试卷蓝图"}


def test_review_cells_from_the_sources_are_text_never_formulas(tmp_path):
    root = under_review(tmp_path)
    edit(root / "quizzes/jichu.yml", "    stem: 党员大会一般多久召开一次？", '    stem: "=HYPERLINK(\\"http://x\\")党员大会一般多久召开一次？"')
    out = tmp_path / "review.xlsx"
    assert main(["review", "--root", str(root), "-o", str(out)]) == 0
    cells = [c for row in openpyxl.load_workbook(out)["修订核对"].iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_review_rejects_a_bad_date(tmp_path, capsys):
    assert main(["review", "--root", str(under_review(tmp_path)), "--today", "yesterday"]) == 1
    assert "日期“yesterday”无效，请写成 YYYY-MM-DD" in capsys.readouterr().err


# -- the real content -------------------------------------------------------------------------


def test_the_real_xize_entry_is_under_review_and_flags_its_lessons():
    project, problems = load_project(ROOT)
    assert problems == []
    xize = project.citations["xize-7"].document
    assert xize.status == "revision-reported" and xize.revision.date == "2026-05-18"
    assert "人民日报" in xize.revision.source and "2026-05-19第4版" in xize.revision.source
    assert "2014年版第三条已有，不是2026年新增" in xize.revision.known  # XZ-03
    flagged = [lesson.id for lesson in project.lessons() if lesson_notices(lesson, project.citations)]
    assert {lesson.id for lesson in project.courses[[c.id for c in project.courses].index("fazhan-dangyuan")].lessons} <= set(flagged)
    assert len(flagged) >= 20


def test_no_caveat_about_article_numbers_reaches_learners():
    caveat = re.compile(r"条号(待核|未核|未标|据)|章号待核|[Aa]rticle number (inferred|to be checked|not checked|from)")
    for folder in ("courses", "quizzes", "citations"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".md", ".yml"):
                body = "\n".join(line for line in path.read_text("utf-8").splitlines() if not line.lstrip().startswith("#"))
                assert not caveat.search(body), path


def test_the_2024_measures_have_their_own_entry_from_a_and_b_rows_only():
    project, problems = load_project(ROOT)
    assert problems == []
    entries = [c for c in project.citations.values() if c.document and c.document.id == "chuzhi"]
    document = entries[0].document
    assert document.issuer == "中共中央办公厅" and document.effective == "2024-08-29" and document.status == "current"
    assert document.edition and document.read_at
    facts = {fact for c in entries for fact in c.facts}
    assert facts and all(f.startswith("CZ-") for f in facts)
    assert not facts & {"CZ-15", "CZ-20"}  # the C rows
    # an article number nobody has read is never shown as one
    assert all(c.confirmed == (c.key in {"chuzhi-yinfa", "chuzhi-neirong", "chuzhi-3", "chuzhi-4", "chuzhi-5", "chuzhi-6"}) for c in entries)


def test_the_party_constitution_course_teaches_organisational_handling_in_both_languages():
    project, _ = load_project(ROOT)
    lessons = project.lesson_index()
    for lesson_id in ("dangzhang-jichu/chudang", "dangzhang-jichu/dangji"):
        zh = lessons[lesson_id].body
        en = (ROOT / "courses" / f"{lesson_id}.en.md").read_text("utf-8")
        keys = set(re.findall(r"\[@(chuzhi-[a-z0-9-]+)\]", zh))
        assert keys and keys == set(re.findall(r"\[@(chuzhi-[a-z0-9-]+)\]", en))
    chudang = lessons["dangzhang-jichu/chudang"].body
    for words in ("限期改正、劝其退党、除名", "一般为6个月，最长不超过1年", "不因同一问题再进行组织处置", "中共中央办公厅", "中央政治局常委会会议", "事前报基层党委备案"):
        assert words in chudang


def test_the_new_questions_are_one_block_with_new_ids_and_english_twins():
    project, _ = load_project(ROOT)
    text = (ROOT / "quizzes/dangzhang-jichu.yml").read_text("utf-8")
    block = text[text.index("# ── 不合格党员组织处置（issue 23）──"):]
    ids = re.findall(r"^  - id: (\S+)", block, re.M)
    assert len(ids) >= 10 and all(i.startswith("dzjc-cz-") for i in ids)
    every_id = [q.id for q in project.questions()]
    assert all(every_id.count(i) == 1 for i in ids)
    questions = {q.id: q for q in project.questions()}
    assert sum("情景" in questions[i].tags for i in ids) >= 4
    assert all(questions[i].explanation and questions[i].sources and questions[i].lesson.startswith("dangzhang-jichu/") for i in ids)
    english = (ROOT / "quizzes/dangzhang-jichu.en.yml").read_text("utf-8")
    assert all(f"  - id: {i}\n" in english for i in ids)


def test_imported_citations_map_topics_back_to_keys_and_never_a_bare_regulation():
    from coursekit.exchange.citations import keys_by_label, labels, load_citations

    citations = load_citations(ROOT)
    written = keys_by_label(citations)
    assert labels(citations)["xize-peiyang-lianxiren"] == "《细则》关于培养联系人的规定"
    assert written["《细则》关于培养联系人的规定"] == "xize-peiyang-lianxiren"
    assert written["《细则》第十一条"] == "xize-11"  # a trainer may still write the probable number
    assert "《条例》" not in written and "《细则》" not in written


def test_review_counts_each_lesson_and_question_once_across_regulations():
    project, _ = load_project(ROOT)
    review = build_review(project, dt.date(2026, 12, 6))
    assert {r.regulation.id for r in review.regulations} == {"xize", "liucheng"}
    flagged_lessons = {lesson.file for lesson in project.lessons() if lesson_notices(lesson, project.citations)}
    flagged_questions = {q.id for q in project.questions() if question_notices(q, project.citations)}
    remaining = review.remaining()
    assert remaining["lessons"] == len(flagged_lessons) >= 20
    assert remaining["questions"] == len(flagged_questions) >= 100
    chart = next(r for r in review.regulations if r.regulation.id == "liucheng")
    assert chart.lessons  # listed for the reviewer even where the page shows only the rules' notice


def test_a_regulation_known_only_by_its_publication_date_says_so(tmp_path):
    """Where the effective-date clause was never read, the file gives `published:` and pages
    label that date 发布日期: a publication date shown as 施行日期 would teach a wrong fact."""
    root = mini(tmp_path / "p")
    text = (root / "citations/tiaoli.yml").read_text("utf-8")
    effective = re.search(r"^effective: (.+)$", text, re.M).group(1)
    edit(root / "citations/tiaoli.yml", f"effective: {effective}", f"published: {effective}")
    index = PageBuilder(loaded(root)).citations_page()
    assert f"发布日期：{effective}".replace("-", "\\-") in index and "施行日期：" not in index
    edit(root / "citations/tiaoli.yml", f"published: {effective}", f"published: {effective}\neffective: {effective}")
    assert [p for p in problems_of(root) if "published" in p] == [
        "citations/tiaoli.yml:3: 只能写 effective（施行日期）或 published（发布日期，没有读到施行日期时用）其中一个"
    ]


def test_the_organisational_handling_rules_show_their_publication_date_not_an_effective_one():
    index = PageBuilder(loaded(ROOT)).citations_page()
    section = index[index.index("## 《中国共产党不合格党员组织处置办法》") :]
    section = section[: section.index("\n## ", 1)] if "\n## " in section[1:] else section
    assert "发布日期：2024\\-08\\-29" in section and "施行日期：" not in section
