"""The real papers drawn by coursekit/draw.py, for tests/js/draw.test.mjs to check that the
browser's draw (web/js/logic/draw.js) picks the same questions.

The fixture holds the papers as their exam pages carry them, the banks' questions as their data
files list them (id, type, tags, in bank order) and the ids draw.py picks for several paper
numbers. tests/test_browser_logic.py writes it afresh for every run (CK_DRAW_FIXTURE), so a
changed bank or paper is always compared; tests/js/fixtures/draws.json is a copy for running
``node --test tests/js/`` alone (a snapshot: it may lag the banks, and still tests the draw),
refreshed with

    .venv/bin/python tests/draw_fixture.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "js" / "fixtures" / "draws.json"
SEEDS = [1, 7, 42, 4242, 999999, 999999999]  # with each paper's own; 999999999: the largest ?seed= the page accepts


def draw_fixture(root: Path = ROOT) -> dict:
    from coursekit.draw import draw_paper
    from coursekit.sources.project import load_checked_project

    project = load_checked_project(root)
    banks = {bank.id: bank for bank in project.banks}
    papers = []
    for blueprint in project.blueprints:
        # The fields of the paper in site/pages.py's exam_page that the draw reads.
        paper = {
            "id": blueprint.id,
            "sections": [
                {"type": s.type, "draws": [{"bank": r.bank, "tag": r.tag, "count": r.count} for r in s.draws]}
                for s in blueprint.sections
            ],
        }
        draws = {}
        for seed in [blueprint.seed] + SEEDS:
            drawn, _ = draw_paper(blueprint, banks, seed)
            draws[str(seed)] = [[q.id for q in part.questions] for part in drawn]
        papers.append({"paper": paper, "draws": draws})
    pool = {bank.id: [{"id": q.id, "type": q.type, "tags": q.tags} for q in bank.questions] for bank in project.banks}
    return {"banks": pool, "papers": papers}


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
