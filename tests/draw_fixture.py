"""The real papers drawn by coursekit/draw.py, for tests/js/draw.test.mjs to check that the
browser's draw (web/js/logic/draw.js) picks the same questions.

The fixture holds the papers as their exam pages carry them, the banks' questions as their data
files list them (in bank order, without the texts a learner reads) and the ids draw.py picks for several paper
numbers. tests/test_browser_logic.py writes it afresh for every run (CK_DRAW_FIXTURE), so a
changed bank or paper is always compared; tests/js/fixtures/draws.json is a copy for running
``node --test tests/js/`` alone (a snapshot: it may lag the banks, and still tests the draw),
refreshed with

    .venv/bin/python tests/draw_fixture.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "js" / "fixtures" / "draws.json"
SEEDS = [1, 7, 42, 4242, 999999, 999999999]  # with each paper's own; 999999999: the largest ?seed= the page accepts


def draw_fixture(root: Path = ROOT) -> dict:
    """What the browser gets (each exam page's paper, each bank's data file, as the site generates
    them) and what draw.py draws from the same project."""
    from coursekit.draw import draw_paper
    from coursekit.site import urls
    from coursekit.site.pages import build_site_files
    from coursekit.sources.project import load_checked_project

    project = load_checked_project(root)
    site = build_site_files(project)
    banks = {bank.id: bank for bank in project.banks}
    papers = []
    for blueprint in project.blueprints:
        paper = _page_paper(site, urls.exam_page(blueprint.id))
        paper.pop("banks", None)  # where the bank files are; the fixture carries the questions
        draws = {}
        for seed in [blueprint.seed] + SEEDS:
            drawn, _ = draw_paper(blueprint, banks, seed)
            draws[str(seed)] = [[q.id for q in part.questions] for part in drawn]
        papers.append({"paper": paper, "draws": draws})
    pool = {bank.id: [_without_texts(q) for q in json.loads(site.files[urls.bank_data(bank.id)])["questions"]] for bank in project.banks}
    return {"banks": pool, "papers": papers}


def _page_paper(site, src: str) -> dict:
    """The paper in an exam page's ``<script class="ck-exam-data">`` (held out of its Markdown)."""
    for fragment in site.fragments.get(src, []) + [site.files[src]]:
        found = re.search(r'<script type="application/json" class="ck-exam-data">(.*?)</script>', fragment, re.S)
        if found:
            return json.loads(found.group(1))["paper"]
    raise AssertionError(f"{src}: no exam data")


# What a learner reads, not what a draw looks at: left out to keep the fixture small.
_TEXTS = ("stem", "options", "answer", "answerText", "explanation", "sources", "lesson", "typeLabel", "material", "title")


def _without_texts(question: dict) -> dict:
    return {key: (_without_texts(value) if isinstance(value, dict) else value) for key, value in question.items() if key not in _TEXTS}


def fixture_text(root: Path = ROOT) -> str:
    """JSON with one question or paper per line, so that a change reads well in a diff."""
    data = draw_fixture(root)

    def line(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    banks = ",\n".join(f"{line(bank)}:[\n" + ",\n".join(line(q) for q in questions) + "\n]" for bank, questions in data["banks"].items())
    papers = ",\n".join(line(paper) for paper in data["papers"])
    return '{"banks":{\n' + banks + '\n},\n"papers":[\n' + papers + "\n]}\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(fixture_text(), "utf-8")
    print(f"{FIXTURE.relative_to(ROOT)}: {FIXTURE.stat().st_size} bytes")
