"""Writes tests/js/fixtures/qr.json: QR symbols made by segno, which tests/js/qr.test.mjs compares
module by module with logic/qr-matrix.js. Run from the repository root after changing the cases:
``.venv/bin/python tests/js/make_qr_fixture.py``; tests/test_qr_js.py checks the file is current."""

from __future__ import annotations

import json
from pathlib import Path

import segno

FIXTURE = Path(__file__).parent / "fixtures" / "qr.json"
# Byte capacity at level M of versions 1-20 (byte mode): each version gets a text that needs it.
CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666]
SAMPLES = [
    "CKR1|sanhui-yike-ceshi|2026|王 芳|东村党支部",
    "https://intranet.example/coursekit/exams/sanhui-yike-ceshi/?seed=2026",
    "三会一课：支部党员大会、支部委员会、党小组会，按时上好党课。",
    "0",
    "CKR1|sanhui-yike-ceshi|2026|欧阳秀兰|城关镇东风村党支部|1777597200|1777599300|10(013)T10(013)T10(013)T10(013)T10(013)T10(013)T1",
    "CKR1|lilun-xuexi-ceshi|7|李强||1777597200|1777599300|" + "2[两个维护,四个意识]T(02)+" * 12,
    "CKR1|dangzhang-jichu-ceshi|40|张|三%7C|东村|1777597200|1777597260|" + "-" * 41,
    "发展党员：入党申请人、入党积极分子、发展对象、预备党员、正式党员。" * 3,
    "a" * 100,
    "1011101" * 20,
    "支部委员会一般每月召开一次，党小组会一般每月召开一次，党课一般每季度至少一次。",
    "https://intranet.example/coursekit/lessons/sanhui-yike/dangyuan-dahui/",
]


# More texts for the choice of mask: compact slip lines of growing length, answers varied.
SAMPLES += [
    f"CKR1|paper-{n}|{n * 37}|学员{n}|第{n}党支部|1777597200|{1777597200 + n * 61}|" + "".join("0123TF-(01)"[(n * k) % 11] for k in range(5 + 7 * n))
    for n in range(1, 25)
]


def cases() -> list[dict]:
    out = []
    for version, capacity in enumerate(CAPACITY_M, start=1):
        text = ("党支部书记学习" * 100).encode("utf-8")[: capacity - 2].decode("utf-8", "ignore")
        text += "x" * (capacity - len(text.encode("utf-8")))
        out.append({"text": text, "version": version, "mask": version % 8})
    for mask in range(8):
        out.append({"text": SAMPLES[mask % 4], "version": 6 + mask, "mask": mask})
    return out


def symbol(text: str, version: int, mask: int | None) -> dict:
    qr = segno.make(text, version=version, error="m", mask=mask, boost_error=False, micro=False, mode="byte", encoding="utf-8")
    rows = ["".join("1" if cell & 1 else "0" for cell in row) for row in qr.matrix]
    return {"version": qr.version, "mask": qr.mask, "rows": rows}


def fixture() -> dict:
    fixed = [dict(case, **symbol(case["text"], case["version"], case["mask"])) for case in cases()]
    chosen = [dict({"text": text}, **symbol(text, None, None)) for text in SAMPLES]
    return {"fixed": fixed, "chosen": chosen}


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(fixture(), ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(FIXTURE)
