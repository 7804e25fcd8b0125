"""The unit tests of the browser code's pure logic (tests/js/, Node's own runner), run as part of
the suite so that a failing one fails scripts/test and CI. The draw is compared with
coursekit/draw.py on the real papers as they are now: the fixture is written afresh for the run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from draw_fixture import ROOT, fixture_text

TESTS = ROOT / "tests" / "js"


def test_the_pure_browser_logic_passes_its_node_tests(tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed for tests/js/ (scripts/test installs it: apt-get install nodejs)"
    fixture = tmp_path / "draws.json"
    fixture.write_text(fixture_text(ROOT), "utf-8")
    files = sorted(str(path.relative_to(ROOT)) for path in TESTS.glob("*.test.mjs"))
    assert len(files) >= 5, files
    result = subprocess.run(
        [node, "--test", *files],
        cwd=ROOT,
        env={**os.environ, "CK_DRAW_FIXTURE": str(fixture)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    failed = re.findall(r"^not ok \d+ - (.*)$", result.stdout, re.M)
    assert result.returncode == 0, "node --test failed: " + "; ".join(failed) + "\n" + report[-6000:]
    passed = int(re.search(r"^# pass (\d+)$", result.stdout, re.M).group(1))
    assert passed >= 50 and "# fail 0" in result.stdout, report[-3000:]

