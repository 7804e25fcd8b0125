// The QR encoder against symbols made by the Python library segno (fixtures/qr.json, written by
// make_qr_fixture.py): every module identical for versions 1-20 at level M and each mask, and the
// same mask chosen by the penalty rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { fittingVersion, reedSolomon, utf8Bytes } from "../../src/coursekit/web/js/logic/qr-codewords.js";
import { qrMatrix } from "../../src/coursekit/web/js/logic/qr-matrix.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/qr.json", import.meta.url), "utf-8"));
const rows = (symbol) => symbol.modules.map((row) => row.join(""));

for (const c of fixture.fixed) {
  test(`version ${c.version}, mask ${c.mask}: the same modules as segno (${utf8Bytes(c.text).length} bytes)`, () => {
    const symbol = qrMatrix(c.text, { version: c.version, mask: c.mask });
    assert.equal(symbol.version, c.version);
    assert.deepEqual(rows(symbol), c.rows);
  });
}

test("the mask with the lowest penalty is segno's, and the smallest version that fits", () => {
  for (const c of fixture.chosen) {
    const symbol = qrMatrix(c.text);
    assert.equal(symbol.version, c.version, c.text);
    assert.equal(symbol.mask, c.mask, c.text);
    assert.deepEqual(rows(symbol), c.rows, c.text);
  }
});

test("text beyond version 20 does not fit; a forced version too small is refused", () => {
  assert.equal(qrMatrix("x".repeat(667)), null);
  assert.equal(qrMatrix("x".repeat(20), { version: 1 }), null);
  assert.equal(fittingVersion(666), 20);
  assert.equal(fittingVersion(14), 1);
  assert.equal(fittingVersion(15), 2);
});

test("Reed-Solomon: the standard's worked example (version 1-M, HELLO WORLD)", () => {
  const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
  assert.deepEqual(reedSolomon(data, 10), [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
});

test("UTF-8 bytes of Chinese text", () => {
  assert.deepEqual(utf8Bytes("党a"), [0xe5, 0x85, 0x9a, 0x61]);
});
