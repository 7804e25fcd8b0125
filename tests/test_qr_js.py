"""The browser's QR encoder (web/js/logic/qr-*.js) is compared module by module with segno in
tests/js/qr.test.mjs, through tests/js/fixtures/qr.json; this checks that file is what the pinned
segno makes today, so the comparison cannot go stale."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "js"))

from make_qr_fixture import FIXTURE, fixture  # noqa: E402


def test_the_qr_fixture_is_what_segno_makes():
    stored = json.loads(FIXTURE.read_text("utf-8"))
    assert stored == fixture(), "run: .venv/bin/python tests/js/make_qr_fixture.py"
    versions = {case["version"] for case in stored["fixed"]}
    assert versions == set(range(1, 21)) and {case["mask"] for case in stored["fixed"]} == set(range(8))
