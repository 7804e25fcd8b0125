"""Case studies (``type: case``, 材料分析): one situation and 3-5 questions about it, used whole
everywhere: loading, the seeded draw, paper variants, Word papers and keys, the print page, the
site's quiz data, and every export (the situation before each question; xlsx keeps the case)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from docx_reader import read_docx
from minisite import CONTENT, MINI

from coursekit.check import check_project
from coursekit.draw import draw_paper
from coursekit.exchange.aiken import write_aiken
from coursekit.exchange.bankfile import bank_yaml
from coursekit.exchange.build import Defaults
from coursekit.exchange.formats import FORMATS
from coursekit.exchange.gift import write_gift
from coursekit.exchange.importing import import_questions
from coursekit.exchange.moodle import write_moodle
from coursekit.exchange.xlsx import write_workbook
from coursekit.model import Blueprint, DrawRule, Section
from coursekit.papers.variants import make_variant
from coursekit.papers.word import write_answer_key_docx, write_paper_docx
from coursekit.site.print_pages import PrintPage
from coursekit.site.quiz import QuizRenderer
from coursekit.sources.banks import load_bank
from coursekit.sources.project import load_project

BANK = Path(__file__).parent / "fixtures" / "cases" / "anli.yml"
CASE_PAPER = """paper: anli-ceshi
title: 材料分析测试卷
time_limit: 20
pass_mark: 12
seed: 11
sections:
  - type: single
    points: 2
    draw:
      - {bank: anli, count: 1}
  - type: judge
    points: 2
    draw:
      - {bank: anli, count: 1}
  - type: case
    points: 8
    draw:
      - {bank: anli, tag: 情景, count: 2}
"""


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("COURSEKIT_LANG", raising=False)


@pytest.fixture()
def project(tmp_path):
    for name in CONTENT:
        shutil.copytree(MINI / name, tmp_path / name)
    shutil.copy(BANK, tmp_path / "quizzes" / "anli.yml")
    (tmp_path / "quizzes" / "papers" / "anli-ceshi.yml").write_text(CASE_PAPER, "utf-8")
    loaded, problems = load_project(tmp_path)
    assert problems == [] and check_project(loaded) == []
    return loaded


def bank_of(project, bank_id="anli"):
    return next(b for b in project.banks if b.id == bank_id)


def paper(project):
    return next(b for b in project.blueprints if b.id == "anli-ceshi")


def test_a_case_loads_as_its_questions_in_order_sharing_source_lesson_and_tags(project):
    bank = bank_of(project)
    assert [q.id for q in bank.questions] == ["al-001", "al-101", "al-102", "al-103", "al-002", "al-201", "al-202", "al-203", "al-204"]
    assert [c.id for c in bank.cases] == ["al-case-1", "al-case-2"]
    first = bank.cases[0]
    assert first.question_ids == ["al-101", "al-102", "al-103"] and first.title == "村支部的党员大会"
    assert first.material.startswith("某村党支部有正式党员20名") and "\n表决时" in first.material
    q102 = next(q for q in bank.questions if q.id == "al-102")
    assert q102.case is first and q102.sources == ["tiaoli-11"] and q102.lesson == "jichu/dahui"
    assert q102.tags == ["计算", "情景"]  # its own tag first, then the case's
    assert first.tags == ["情景"]  # what all its questions share: what a paper draws it by
    assert bank.retired == ["al-900"]


def test_a_case_section_draws_whole_cases_and_other_sections_never_take_their_questions(project):
    banks = {b.id: b for b in project.banks}
    for seed in range(30):
        drawn, shortages = draw_paper(paper(project), banks, seed)
        assert shortages == []
        single, judge, cases = drawn
        assert [q.id for q in single.questions] == ["al-001"]
        assert [q.id for q in judge.questions] == ["al-002"]
        ids = [q.id for q in cases.questions]
        assert sorted(ids) == sorted(["al-101", "al-102", "al-103", "al-201", "al-202", "al-203", "al-204"])
        # each case whole, its questions together and in the author's order
        assert "".join(ids).find("al-101al-102al-103") >= 0 and "".join(ids).find("al-201al-202al-203al-204") >= 0


def test_a_case_section_asking_for_more_cases_than_the_bank_has_is_reported_with_its_line(project):
    blueprint = paper(project)
    blueprint.sections[2].draws[0].count = 3
    problems = check_project(project)
    assert len(problems) == 1
    assert problems[0].line == blueprint.sections[2].draws[0].line
    assert "材料分析题" in problems[0].message and "3" in problems[0].message and "2" in problems[0].message


def test_variants_shuffle_cases_not_their_questions_and_share_a_cases_points(project):
    banks = {b.id: b for b in project.banks}
    orders = set()
    for letter in "ABCDEFGH":
        variant, _ = make_variant(paper(project), banks, 11, letter)
        part = variant.sections[2]
        ids = [i.question.id for i in part.items]
        orders.add(ids[0])
        assert ids in (
            ["al-101", "al-102", "al-103", "al-201", "al-202", "al-203", "al-204"],
            ["al-201", "al-202", "al-203", "al-204", "al-101", "al-102", "al-103"],
        )
        assert part.count == 2 and part.points == 16
        assert [part.item_points(i) for i in part.items if i.question.case.id == "al-case-1"] == [2.67] * 3
        assert [part.item_points(i) for i in part.items if i.question.case.id == "al-case-2"] == [2.0] * 4
        assert [part.starts_case(i) for i in part.items] == [True, False, False, True, False, False, False] if ids[0] == "al-101" else [True, False, False, False, True, False, False]
        assert variant.blueprint.total_points == 2 + 2 + 16
    assert orders == {"al-101", "al-201"}  # both case orders occur over eight variants


def test_word_paper_and_key_print_each_situation_once_above_its_first_question(project, tmp_path):
    variant, _ = make_variant(paper(project), {b.id: b for b in project.banks}, 11, "A")
    write_paper_docx(variant, tmp_path / "paper.docx")
    write_answer_key_docx(variant, project.citations, tmp_path / "key.docx")
    for name in ("paper.docx", "key.docx"):
        texts = [p.text for p in read_docx(tmp_path / name).paragraphs()]
        headings = [i for i, text in enumerate(texts) if re.match(r"^材料[一二]　", text)]
        assert len(headings) == 2, name
        for index in headings:
            case = next(c for c in bank_of(project).cases if texts[index].endswith(c.title))
            assert texts[index + 1] == case.material.replace("\n", "")  # a line break inside the paragraph
            first = next(q for q in bank_of(project).questions if q.id == case.question_ids[0])
            # the paper: the case's first question; the key: that question's explanation
            assert texts[index + 2].split(". ", 1)[1].startswith(first.stem if name == "paper.docx" else first.explanation)
    heading = next(p.text for p in read_docx(tmp_path / "paper.docx").paragraphs() if "材料分析题" in p.text)
    assert "共 2 则材料，每则 8 分，共 16 分" in heading


def test_print_page_shows_each_situation_once_on_the_paper_and_on_the_key(project):
    markdown = PrintPage(project, paper(project)).markdown()
    for case in bank_of(project).cases:
        assert markdown.count(case.title) == 2  # the paper and the key
    paper_part = markdown.split('class="ck-print-sheet"')[0]
    first = paper_part.index("ck-print-material")
    assert paper_part.index(">到会人数达到了可以表决的要求。" if "村支部" in paper_part[first:first + 300] else ">这次会议可以照常开。") > first


def test_the_site_gives_every_case_question_its_situation_and_shows_it_once_in_a_list(project):
    renderer = QuizRenderer(project, "index.md")
    questions = bank_of(project).questions
    data = [renderer.data(q) for q in questions]
    assert data[2]["case"] == {"id": "al-case-1", "title": "村支部的党员大会", "material": bank_of(project).cases[0].material}
    assert "case" not in data[0]
    block = renderer.quiz_block(questions, "practice", "anli")
    assert block.count('class="ck-case"') == 2


@pytest.mark.parametrize("writer,suffix", [(write_gift, "gift.txt"), (write_aiken, "aiken.txt"), (write_moodle, "moodle.xml")])
def test_exports_put_the_situation_before_each_case_question(project, tmp_path, writer, suffix):
    out = tmp_path / suffix
    writer(bank_of(project), out, {})
    text = out.read_text("utf-8")
    plain = text.replace("\\n", "\n").replace("<br>", "\n").replace("&lt;", "<").replace("\\", "")
    for case in bank_of(project).cases:
        kept = {write_aiken: ("single",), write_gift: ("single", "multiple", "judge", "blank", "short")}.get(writer)
        exported = [q for q in bank_of(project).questions if q.case is case and (kept is None or q.type in kept)]
        opening = case.material.split("\n")[0]
        assert plain.count("材料：" + case.title) >= len(exported) and plain.count(opening) >= len(exported), suffix
    if writer is write_aiken:
        assert re.search(r"^材料：村支部的党员大会 某村党支部有正式党员20名.*这项决定至少要多少票赞成才能通过？$", text, re.M)


def test_a_spreadsheet_round_trip_keeps_cases_and_every_field(project, tmp_path):
    bank = bank_of(project)
    workbook = tmp_path / "anli.xlsx"
    written = write_workbook(bank, workbook, {})
    assert written.count == len(bank.questions) and written.skipped == []
    imported = import_questions(workbook, "anli.xlsx", FORMATS["xlsx"], Defaults(bank="anli"), project.citations)
    assert imported.rejected == []
    back = tmp_path / "back.yml"
    imported.bank.title = bank.title
    back.write_text(bank_yaml(imported.bank), "utf-8")
    again, problems = load_bank(back, "back.yml")
    assert problems == []
    fields = ("id", "type", "stem", "options", "answer", "explanation", "sources", "lesson", "tags", "difficulty")
    assert [[getattr(q, f) for f in fields] for q in again.questions] == [[getattr(q, f) for f in fields] for q in bank.questions]
    assert [(c.id, c.title, c.material, c.question_ids, c.tags) for c in again.cases] == [(c.id, c.title, c.material, c.question_ids, c.tags) for c in bank.cases]


def test_a_spreadsheet_case_with_a_bad_row_is_rejected_whole_with_row_numbers(project, tmp_path):
    import openpyxl

    workbook = tmp_path / "anli.xlsx"
    write_workbook(bank_of(project), workbook, {})
    book = openpyxl.load_workbook(workbook)
    sheet = book["题库"]
    header = [c.value for c in sheet[1]]
    answer = header.index("答案") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "al-102")
    sheet.cell(row, answer).value = "Z"
    book.save(workbook)
    imported = import_questions(workbook, "anli.xlsx", FORMATS["xlsx"], Defaults(bank="anli"), project.citations)
    ids = [q.id for q in imported.bank.questions]
    assert "al-101" not in ids and "al-103" not in ids and "al-201" in ids
    lines = sorted({p.line for p in imported.rejected})
    assert lines == [row - 1, row, row + 1]
    assert any("材料分析题 al-case-1" in p.message for p in imported.rejected)


def test_a_translation_gives_a_case_its_title_and_material_and_names_an_unknown_case(project, tmp_path):
    from coursekit.sources.translations import translate_project

    english = tmp_path / "quizzes" / "anli.en.yml"  # beside the project the fixture wrote
    english.write_text(
        "bank: anli\ntitle: Case bank\ncases:\n"
        "  - {id: al-case-1, title: A village meeting, material: The branch has 20 full members.}\n"
        "  - {id: al-case-9, title: Nowhere, material: No such case.}\n"
        "questions:\n  - {id: al-101, stem: Enough members attended., explanation: 12 is over half of 20.}\n",
        "utf-8",
    )
    loaded, problems = load_project(tmp_path)
    assert problems == []
    translation, problems = translate_project(loaded, tmp_path, "en")
    assert [p.line for p in problems] == [5] and "al-case-9" in problems[0].message
    bank = next(b for b in translation.project.banks if b.id == "anli")
    q101 = next(q for q in bank.questions if q.id == "al-101")
    assert q101.case.title == "A village meeting" and q101.case.material == "The branch has 20 full members."
    assert bank.cases[0] is q101.case
    assert "case:al-case-2" in translation.fallback and "case:al-case-1" not in translation.fallback


def test_coursekit_results_marks_a_case_by_its_share_of_the_case_points(project):
    import datetime as dt

    from coursekit.results.marking import mark_slip
    from coursekit.results.slip import ResultSlip, SlipAnswer

    blueprint = paper(project)
    banks = {b.id: b for b in project.banks}
    drawn, _ = draw_paper(blueprint, banks, 11)
    answers = []
    for part in drawn:
        for q in part.questions:
            right = q.type == "judge"  # judge questions answered right, the rest left blank
            answers.append(SlipAnswer(q.id, q.type, q.answer if right else None, right, 0))
    now = dt.datetime(2026, 12, 6, 10, 0)
    slip = ResultSlip("张三", "某村", blueprint.id, blueprint.title, 11, now, now, 0, 0, False, answers)
    marked = mark_slip(slip, {blueprint.id: blueprint}, banks)
    assert round(marked.total, 6) == blueprint.total_points == 20
    # al-002 (judge section, 2 points); al-101 (1 of 3 in case 1: 8/3) and al-201 (1 of 4 in case 2: 2)
    assert round(marked.score, 6) == round(2 + 8 / 3 + 2, 6)
