"""The real courses and banks: complete, cited, and never resting on an unverified (C) fact."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from coursekit.check import INLINE_CITATION
from coursekit.model import QUESTION_TYPES
from coursekit.sources.project import load_project

from conftest import ROOT

FACT_SHEETS = [ROOT.parent / "shared" / "facts" / "regulations.md", ROOT.parent / "shared" / "facts" / "theory.md"]
CORE_COURSES = ["sanhui-yike", "fazhan-dangyuan", "dangzhang-jichu", "lilun-xuexi"]


@pytest.fixture(scope="module")
def project():
    project, problems = load_project(ROOT)
    assert problems == []
    return project


def c_only_rows() -> set[str]:
    """Fact-sheet rows whose whole tag is C (rows tagged "A（…C）" keep their A part)."""
    rows = set()
    for sheet in FACT_SHEETS:
        if not sheet.exists():
            pytest.fail(f"fact sheet missing: {sheet}")
        for line in sheet.read_text("utf-8").splitlines():
            match = re.match(r"\|\s*([A-Z]{2}-\d+)\s*\|", line)
            if not match:
                continue
            tags = re.findall(r"\*\*\[([ABC])\]\*\*|\|\s*([ABC])(?:（[^）]*）)?\s*\|\s*$", line)
            flat = {a or b for a, b in tags}
            if flat == {"C"}:
                rows.add(match.group(1))
    return rows


def test_fact_sheet_parser_finds_the_known_c_rows():
    assert {"SH-18", "SH-19", "FZ-29", "DF-10", "GX-07", "TH-18"} <= c_only_rows()


def test_no_citation_rests_on_a_c_row(project):
    c_rows = c_only_rows()
    offenders = {key: set(c.facts) & c_rows for key, c in project.citations.items() if set(c.facts) & c_rows}
    assert offenders == {}
    assert {c.reliability for c in project.citations.values()} <= {"A", "B"}


def test_every_lesson_and_question_cites_a_source(project):
    for lesson in project.lessons():
        assert lesson.sources, lesson.id
        assert INLINE_CITATION.search(lesson.body), f"{lesson.id}: no [@key] citation in the text"
    for question in project.questions():
        assert question.sources and all(key in project.citations for key in question.sources), question.id
        assert question.explanation.strip(), question.id


def test_course_sizes_and_types(project):
    per_course = Counter(q.lesson.split("/")[0] for q in project.questions())
    assert sum(per_course.values()) >= 300
    for course in CORE_COURSES:
        assert per_course[course] >= 60, course
    assert set(q.type for q in project.questions()) == set(QUESTION_TYPES)
    for course in CORE_COURSES:
        types = {q.type for q in project.questions() if q.lesson.startswith(course + "/")}
        assert types == set(QUESTION_TYPES), (course, types)


def test_every_lesson_has_its_own_questions_and_the_course_a_summary(project):
    by_lesson = project.questions_by_lesson()
    for course in project.courses:
        assert course.lessons[-1].slug == "xiaojie", f"{course.id} should end with 一页纸小结"
        for lesson in course.lessons:
            assert len(by_lesson.get(lesson.id, [])) >= 3, lesson.id
            assert "常见错误" in lesson.body or lesson.slug == "xiaojie", lesson.id


def test_membership_procedure_has_order_questions(project):
    fazhan = [q for q in project.questions() if q.lesson.startswith("fazhan-dangyuan/") and q.type == "order"]
    texts = " ".join(" ".join(q.options) for q in fazhan)
    assert "递交入党申请书" in texts and "材料归档" in texts  # the 25 steps, first and last
    assert any("转正" in q.stem for q in fazhan)


def test_known_circulating_errors_are_not_taught(project):
    text = "\n".join(l.body for l in project.lessons()) + "\n".join(q.stem + q.explanation + q.answer_text() for q in project.questions())
    # the quarterly 党课 and the "29 steps" only ever appear next to their correction
    corrections = {"29个环节": ("25个步骤", "错"), "29环节": ("25个步骤", "错"), "每季度至少1次党课": ("没有", "错")}
    for wrong, words in corrections.items():
        for match in re.finditer(wrong, text):
            window = text[max(0, match.start() - 200) : match.end() + 200]
            assert any(word in window for word in words), window
    assert "全面贯彻习近平新时代中国特色社会主义思想，弘扬伟大建党精神" not in text.replace("错误", "")


def test_every_bank_trains_decisions_with_scenarios_and_case_studies(project):
    """Issue 24: at least 35 % of each bank's questions put the learner in a situation (tag 情景,
    case questions included), and each bank has at least three case studies of 3-5 questions."""
    for bank in project.banks:
        scenario = [q for q in bank.questions if "情景" in q.tags]
        assert len(scenario) >= 0.35 * len(bank.questions), (bank.id, len(scenario), len(bank.questions))
        assert len(bank.cases) >= 3, bank.id
        for case in bank.cases:
            questions = bank.case_questions(case)
            assert 3 <= len(questions) <= 5 and all("情景" in q.tags for q in questions), case.id
            assert len(case.material) >= 40, f"{case.id}: a situation is told in a few sentences"


def test_no_order_question_gives_its_order_away(project):
    """Options that begin 会前/会上/会后 (or 首先/其次/最后) can be put in order without knowing anything."""
    giveaways = [("会前", "会上", "会后"), ("首先", "其次", "最后"), ("第一", "第二", "第三")]
    for q in project.questions():
        if q.type == "order":
            for words in giveaways:
                assert not all(any(o.startswith(w) for o in q.options) for w in words), q.id


def test_retired_ids_stay_out_of_use(project):
    live = {q.id for q in project.questions()} | {c.id for b in project.banks for c in b.cases}
    retired = [rid for b in project.banks for rid in b.retired]
    assert len(retired) == len(set(retired)) and not set(retired) & live
    assert len(retired) >= 30  # issue 24's audit; the list only ever grows
