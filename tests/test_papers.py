"""``coursekit paper``: Word papers and answer keys, read back without python-docx; and the
site's print-ready page of the same paper."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, serve_directory
from docx_reader import read_docx
from trainer_fixture import PAPER, PASS_MARK, PLAN, SEED, question_count, total_points, write_fixture_content

from coursekit.draw import draw_paper
from coursekit.model import Bank, Blueprint, DrawRule, Question, Section
from coursekit.papers.variants import make_variant
from coursekit.papers.word import KEY_INLINE, text_width
from coursekit.sources.project import load_checked_project

SECTION_NUMERALS = "一二三四五六"
OBJECTIVE = ("single", "multiple", "judge", "order")


def coursekit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return write_fixture_content(tmp_path_factory.mktemp("papers") / "project")


@pytest.fixture(scope="module")
def papers(project) -> Path:
    result = coursekit("paper", f"quizzes/papers/{PAPER}.yml", "--variants", "A,B", "-o", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "A 卷（试卷编号 40）" in result.stdout and "B 卷（试卷编号 41）" in result.stdout
    return project / "out"


def drawn_ids(project: Path, seed: int) -> list[list[str]]:
    """The question ids per section as the site's draw gives them for ``seed`` (no shuffling of ours)."""
    loaded = load_checked_project(project)
    blueprint = next(b for b in loaded.blueprints if b.id == PAPER)
    drawn, shortages = draw_paper(blueprint, {b.id: b for b in loaded.banks}, seed)
    assert not shortages
    return [[q.id for q in part.questions] for part in drawn]


def paper_questions(path: Path) -> list[dict]:
    """Numbered questions of a paper (before its answer sheet), with section, printed options and
    how many lines the options take (several share a line at tab stops when they are short)."""
    questions, section = [], 0
    for paragraph in read_docx(path).paragraphs():
        if paragraph.text == "答题卡":
            break
        if paragraph.style == "Heading1":
            section += 1
        elif (match := re.match(r"^(\d+)\. (.*)$", paragraph.text)) and paragraph.style == "Normal":
            questions.append({"number": int(match.group(1)), "stem": match.group(2).removesuffix("（\u3000\u3000）"), "section": section, "options": [], "lines": 0, "underlined": paragraph.underlined})
        elif re.match(r"^[A-Z]\. ", paragraph.text) and questions:
            questions[-1]["lines"] += 1
            for option in paragraph.text.split("\t"):
                match = re.match(r"^([A-Z])\. (.*)$", option)
                assert match and match.group(1) == "ABCDEFGH"[len(questions[-1]["options"])], paragraph.text
                questions[-1]["options"].append(match.group(2))
    return questions


def key_entries(path: Path) -> list[dict]:
    """Each question of an answer key: number, 答案 and 分值 (from the table, or the list below it
    when the table says 见表下), 解析, 依据 and 题目编号 (from the explanations)."""
    word = read_docx(path)
    table = word.tables()[0]
    assert table.rows[0] == ["题号", "答案", "分值"] * 2
    entries: dict[int, dict] = {}
    for row in table.rows[1:]:
        for side in (0, 3):
            if row[side]:
                entries[int(row[side])] = {"number": int(row[side]), "答案": row[side + 1], "分值": row[side + 2]}
    part = None
    for paragraph in word.paragraphs():
        if paragraph.style == "Heading1":
            part = paragraph.text
            continue
        match = re.match(r"^(\d+)\. (.*)$", paragraph.text)
        if not match:
            continue
        entry = entries[int(match.group(1))]
        if part == "填空题的各种写法与简答题参考答案":
            assert entry["答案"] == "见表下"
            blanks = re.findall(r"第 \d+ 空：([^；]*)", match.group(2))
            entry["答案"] = "；".join(blanks) if blanks else re.sub(r"^（\d+ 分）", "", match.group(2))
        elif part == "逐题解析":
            explained = re.match(r"^(.*)（依据：(.*)；题目 ([a-z0-9-]+)）(?:【修订提示】见本答案开头)?$", match.group(2))
            entry.update(解析=explained.group(1), 依据=explained.group(2), 题目编号=explained.group(3))
    return [entries[n] for n in sorted(entries)]


def test_paper_is_a4_with_chinese_fonts_and_every_part(papers):
    word = read_docx(papers / f"{PAPER}-A.docx")
    assert word.style_font("Normal")["eastAsia"] == "宋体"
    assert word.style_font("Heading1")["eastAsia"] == "黑体"
    assert word.style_font("CKTitle")["eastAsia"] == "黑体"
    assert "eastAsiaTheme" not in word.style_font("Heading1")  # a theme font would win over 黑体
    width, height = word.page_size_mm()
    assert abs(width - 210) < 0.5 and abs(height - 297) < 0.5
    assert all(15 <= m <= 30 for m in word.margins_mm().values())

    paragraphs = word.paragraphs()
    assert paragraphs[0].style == "CKTitle" and paragraphs[0].text == "测试试卷（A 卷）"
    assert paragraphs[1].text == f"考试时间 30 分钟　满分 {total_points()} 分　{PASS_MARK} 分及格　试卷编号 {SEED}"
    header = word.tables()[0].rows[0]
    assert [header[0], header[2], header[4]] == ["姓名", "单位", "得分"]

    headings = [p.text for p in paragraphs if p.style == "Heading1"]
    assert len(headings) == len(PLAN)
    for numeral, heading, (qtype, _, draw, points) in zip(SECTION_NUMERALS, headings, PLAN):
        assert heading.startswith(f"{numeral}、") and f"共 {draw} 题，每题 {points} 分" in heading

    questions = paper_questions(papers / f"{PAPER}-A.docx")
    assert [q["number"] for q in questions] == list(range(1, question_count() + 1))
    types = [qtype for qtype, _, draw, _ in PLAN for _ in range(draw)]
    for question, qtype in zip(questions, types):
        assert len(question["options"]) == (4 if qtype in ("single", "multiple", "order") else 0)
        assert len(question["underlined"]) == (2 if qtype == "blank" else 0)  # a blank is an underlined gap
        assert "___" not in question["stem"]

    # no answer anywhere on the learner's paper
    text = " ".join(p.text for p in paragraphs)
    assert "解析" not in text and "参考答案" not in text

    # the answer sheet: its own page, a cell for every objective question
    sheet_title = next(p for p in paragraphs if p.text == "答题卡")
    assert sheet_title.page_break_before
    grid_numbers = [cell for table in word.tables()[1:] for row in table.rows if row[0] == "题号" for cell in row[1:] if cell]
    objective = [q["number"] for q, qtype in zip(questions, types) if qtype in OBJECTIVE]
    assert grid_numbers == [str(n) for n in objective]


def test_answer_key_matches_the_draw_and_the_printed_letters(project, papers):
    bank = {q.id: q for b in load_checked_project(project).banks for q in b.questions}
    printed = {q["number"]: q for q in paper_questions(papers / f"{PAPER}-A.docx")}
    entries = key_entries(papers / f"{PAPER}-A-答案.docx")
    assert len(entries) == question_count()

    # the key's questions, section by section, are the site's draw for the same seed
    ids_by_section = [[e["题目编号"] for e in entries if printed[e["number"]]["section"] == s] for s in range(1, len(PLAN) + 1)]
    assert [sorted(ids) for ids in ids_by_section] == [sorted(ids) for ids in drawn_ids(project, SEED)]

    points = {qtype: p for qtype, _, _, p in PLAN}
    for entry in entries:
        question = bank[entry["题目编号"]]
        paper = printed[entry["number"]]
        assert entry["分值"] == str(points[question.type])
        if question.type == "blank":  # the paper leaves an underlined gap
            assert paper["stem"] == question.stem.replace("___", "\u3000" * 6)
        else:
            assert paper["stem"] == question.stem
        letters = entry["答案"]
        if question.type == "single":
            assert paper["options"]["ABCD".index(letters)] == question.options[question.answer]
        elif question.type == "multiple":
            assert sorted(paper["options"]["ABCD".index(c)] for c in letters) == sorted(question.options[i] for i in question.answer)
        elif question.type == "order":
            assert [paper["options"]["ABCD".index(c)] for c in letters] == question.options  # bank lists the right order
            assert paper["options"] != question.options  # never printed in the right order
        elif question.type == "judge":
            assert letters.startswith("√" if question.answer else "×")
        elif question.type == "blank":
            assert letters == "；".join(" / ".join(words) for words in question.answer)
        else:
            assert letters == question.answer
        assert entry["解析"] == question.explanation
        article = "第一条 第二条 第三条".split()[int(question.sources[0][-1]) - 1]
        assert entry["依据"] == f"《测试条例》{article}"


def test_same_seed_gives_byte_identical_files(project, papers):
    time.sleep(1.1)  # zip entries carry times to the second: a second run must not differ by them
    result = coursekit("paper", PAPER, "--variants", "A,B", "-o", "again", cwd=project)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in papers.glob("*.docx"))
    assert names == sorted(p.name for p in (project / "again").glob("*.docx")) and len(names) == 4
    for name in names:
        assert (papers / name).read_bytes() == (project / "again" / name).read_bytes(), name


def test_variants_differ_and_b_is_the_next_seed(project, papers):
    a = paper_questions(papers / f"{PAPER}-A.docx")
    b = paper_questions(papers / f"{PAPER}-B.docx")
    assert [(q["stem"], q["options"]) for q in a] != [(q["stem"], q["options"]) for q in b]
    assert read_docx(papers / f"{PAPER}-B.docx").paragraphs()[1].text.endswith(f"试卷编号 {SEED + 1}")
    b_ids = [e["题目编号"] for e in key_entries(papers / f"{PAPER}-B-答案.docx")]
    assert sorted(b_ids) == sorted(i for ids in drawn_ids(project, SEED + 1) for i in ids)


def test_seed_option_sets_variant_a_and_b_follows(project):
    result = coursekit("paper", PAPER, "--variants", "B", "--seed", "7", "-o", "seven", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / "seven" / f"{PAPER}-A.docx").exists()
    key = project / "seven" / f"{PAPER}-B-答案.docx"
    assert read_docx(key).paragraphs()[1].text.endswith("试卷编号 8")
    assert sorted(e["题目编号"] for e in key_entries(key)) == sorted(i for ids in drawn_ids(project, 8) for i in ids)


def test_paper_command_explains_bad_input_in_chinese(project):
    bad = coursekit("paper", PAPER, "--variants", "A,1", cwd=project)
    assert bad.returncode == 2 and "卷别“A,1”无效" in bad.stderr
    missing = coursekit("paper", "quizzes/papers/meiyou.yml", cwd=project)
    assert missing.returncode == 1 and "quizzes/papers/meiyou.yml: 找不到这份试卷蓝图（可用：quizzes/papers/ckt-shijuan.yml）" in missing.stderr


def _question(qid: str, qtype: str, options: list[str], answer) -> Question:
    return Question(id=qid, bank="b", type=qtype, stem=qid, answer=answer, explanation="", sources=["s"], lesson="c/l", options=options)


def test_an_option_about_the_others_keeps_its_place_and_letters_follow_options():
    questions = [_question(f"q{i}", "single", ["甲", "乙", "丙", "以上都不对"], 3 if i % 2 else 1) for i in range(30)]
    bank = Bank(id="b", title="b", questions=questions)
    blueprint = Blueprint(id="p", title="p", time_limit=1, pass_mark=1, seed=1, sections=[Section("single", "单选", 1, [DrawRule("b", 30)])])
    orders = set()
    for seed in range(5):
        variant, _ = make_variant(blueprint, {"b": bank}, seed, "A")
        for item in variant.items():
            assert item.options[3] == "以上都不对"
            assert item.options[item.key[0]] == item.question.options[item.question.answer]
            orders.add(tuple(item.options))
    assert len(orders) > 1  # the other options are shuffled


def test_word_files_open_and_render_in_libreoffice(papers, tmp_path):
    """An independent office suite opens both files and lays them out on A4."""
    soffice, pdfinfo, pdftotext = shutil.which("soffice"), shutil.which("pdfinfo"), shutil.which("pdftotext")
    assert soffice and pdfinfo and pdftotext, "需要 LibreOffice 和 poppler-utils：scripts/test 会自动安装（需要 root），或 apt-get install libreoffice-writer-nogui poppler-utils"
    files = [papers / f"{PAPER}-A.docx", papers / f"{PAPER}-A-答案.docx"]
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    result = subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    for source in files:
        pdf = tmp_path / (source.stem + ".pdf")
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True).stdout
        assert "(A4)" in info
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "测试试卷（A 卷）" in text
        if source.stem.endswith("答案"):
            assert "答案速查" in text and "ckt-" in text
        else:
            assert "答题卡" in text and "姓名" in text and "ckt-" not in text


# -- printed as a trainer prints it: the real 41-question papers through LibreOffice -----------

REAL_PAPERS = ["dangzhang-jichu-ceshi", "sanhui-yike-ceshi"]  # 41 questions each; the second has short answers


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The real project's A papers and keys, converted to PDF by LibreOffice."""
    out = tmp_path_factory.mktemp("printed")
    for paper in REAL_PAPERS:
        result = coursekit("paper", paper, "--root", str(ROOT), "-o", str(out), cwd=ROOT)
        assert result.returncode == 0, result.stderr
    soffice = shutil.which("soffice")
    assert soffice and shutil.which("pdfinfo"), "需要 LibreOffice 和 poppler-utils（scripts/test 会安装）"
    files = sorted(str(f) for f in out.glob("*.docx"))
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--convert-to", "pdf", "--outdir", str(out), *files], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.mark.parametrize("paper", REAL_PAPERS)
def test_a_41_question_paper_prints_on_5_pages_and_its_key_on_3(printed, paper):
    questions = paper_questions(printed / f"{paper}-A.docx")
    assert len(questions) == 41
    # A third of the questions tell a situation first and a case study adds its material: 5 pages
    # still, with single line spacing, 16/18 mm margins and options three or two to a line.
    assert pdf_pages(printed / f"{paper}-A.pdf") <= 5
    assert pdf_pages(printed / f"{paper}-A-答案.pdf") <= 3
    # short options share a line: never a line per option for a question whose options are all short
    for q in questions:
        if q["options"] and max(len(o) for o in q["options"]) <= 6:
            assert q["lines"] <= 2, q
    # Scenario questions' options are often whole sentences, one per line; short ones still pair up.
    assert sum(q["lines"] for q in questions) < sum(len(q["options"]) for q in questions) * 0.85


@pytest.mark.parametrize("paper", REAL_PAPERS)
def test_key_is_a_table_with_long_answers_below_it(printed, paper):
    entries = key_entries(printed / f"{paper}-A-答案.docx")
    assert [e["number"] for e in entries] == list(range(1, 42))
    table = read_docx(printed / f"{paper}-A-答案.docx").tables()[0]
    for row in table.rows[1:]:
        for side in (0, 3):
            assert text_width(row[side + 1]) <= KEY_INLINE, row  # no answer crammed into a narrow cell
    assert all(e.get("解析") and e.get("题目编号") for e in entries)


def test_headings_hints_and_stems_keep_with_what_follows(printed):
    document = read_docx(printed / "sanhui-yike-ceshi-A.docx").document_xml
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = list(document.iter(f"{W}p"))
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
    keep = [p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs]
    headings = [i for i, text in enumerate(texts) if re.match(r"^[一二三四五六]、.*（共", text)]
    assert len(headings) == 6
    for i in headings:
        assert keep[i] and keep[i + 1], texts[i]  # the heading and its hint go with the first question


def test_no_stem_refers_to_the_lesson_or_the_web_page():
    from coursekit.check import PAGE_REFERENCE
    from coursekit.sources.project import load_project

    project, _ = load_project(ROOT)
    assert [q.id for q in project.questions() if PAGE_REFERENCE.search(q.stem)] == []


# -- the site's print-ready page --------------------------------------------------------------


def test_print_page_is_paper_a_with_the_default_seed(trainer_site, tmp_path):
    project, site = trainer_site
    result = coursekit("paper", PAPER, "-o", str(tmp_path), cwd=project)
    assert result.returncode == 0, result.stderr
    word_ids = [e["题目编号"] for e in key_entries(tmp_path / f"{PAPER}-A-答案.docx")]

    page = (site / f"exams/{PAPER}-print/index.html").read_text("utf-8")
    paper_part = page[page.index('class="ck-print-paper"') : page.index('class="ck-print-sheet"')]
    key_part = page[page.index('class="ck-print-key"') :]
    assert re.findall(r'data-ck-qid="([^"]+)"', paper_part) == word_ids
    assert re.findall(r'data-ck-qid="([^"]+)"', key_part) == word_ids
    assert "解析" not in paper_part and "解析" in key_part
    assert "姓名" in paper_part and "答题卡" in page
    assert page.count('class="ck-print-blank"') >= 4  # blanks drawn as lines, not underscores

    # linked from the trainers' list of papers only: not from the learner's exam page, not from
    # the navigation every page shows, and out of the learners' search
    exam = (site / f"exams/{PAPER}/index.html").read_text("utf-8")
    assert f"{PAPER}-print/" not in exam
    home = (site / "index.html").read_text("utf-8")
    assert "-print/" not in home
    assert f'href="../../exams/{PAPER}-print/"' in (site / "trainers/papers/index.html").read_text("utf-8")
    search = (site / "search/search_index.json").read_text("utf-8")
    assert f"exams/{PAPER}-print/" not in search and "trainers/plans/" not in search


def test_print_stylesheet_sets_a4_and_hides_the_site_chrome(trainer_site):
    _, site = trainer_site
    css = (site / "assets/coursekit/trainer.css").read_text("utf-8")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    print_rules = css[css.index("@media print") :]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".ck-print-key"):
        assert selector in print_rules
    assert "trainer.css" in (site / f"exams/{PAPER}-print/index.html").read_text("utf-8")


@pytest.mark.browser
def test_print_layout_in_chromium(trainer_site, page, tmp_path):
    """Printed by a real browser: A4 pages, no site header, the key on a page of its own."""
    _, site = trainer_site
    server = serve_directory(site)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/exams/{PAPER}-print/")
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
        assert page.evaluate("getComputedStyle(document.querySelector('.ck-print-key')).breakBefore") == "page"
        assert page.evaluate("getComputedStyle(document.querySelector('.ck-print-toggle')).display") == "none"
        pdf = tmp_path / "print.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "(A4)" in info and int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3
        # the trainer prints for learners: ticking the box leaves the key out
        page.emulate_media(media="screen")
        page.check("#ck-print-hide-key")
        assert page.evaluate("getComputedStyle(document.querySelector('.ck-print-key')).display") == "none"
        assert page.console_errors == []
    finally:
        server.shutdown()


@pytest.mark.browser
def test_exam_page_with_the_variant_seed_draws_the_papers_questions(trainer_site, page, tmp_path):
    """What the trainers' guide promises: exams/<paper>/?seed=<seed of variant B> shows B's questions."""
    project, site = trainer_site
    result = coursekit("paper", PAPER, "--variants", "B", "-o", str(tmp_path), cwd=project)
    assert result.returncode == 0, result.stderr
    printed = {q["number"]: q["section"] for q in paper_questions(tmp_path / f"{PAPER}-B.docx")}
    by_section: dict[int, list[str]] = {}
    for entry in key_entries(tmp_path / f"{PAPER}-B-答案.docx"):
        by_section.setdefault(printed[entry["number"]], []).append(entry["题目编号"])
    server = serve_directory(site)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/exams/{PAPER}/?seed={SEED + 1}")
        page.click(".ck-exam-start")
        on_screen = page.eval_on_selector_all(
            ".ck-exam-paper ol.ck-questions", "lists => lists.map(l => [...l.querySelectorAll(':scope > li')].map(li => li.dataset.ckQid))"
        )
        assert [sorted(ids) for ids in on_screen] == [sorted(by_section[s]) for s in range(1, len(PLAN) + 1)]
        assert page.console_errors == []
    finally:
        server.shutdown()
