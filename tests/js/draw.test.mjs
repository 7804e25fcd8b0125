// The browser's draw against coursekit/draw.py on the real papers: the fixture holds what
// draw.py picks (tests/draw_fixture.py; tests/test_browser_logic.py passes a fresh one in
// CK_DRAW_FIXTURE).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { casesOf, drawPaper, mulberry32, questionPoints, randomSeed, scrambled, sectionCount, seedFromQuery, shuffled } from "../../src/coursekit/web/js/logic/draw.js";

const fixture = JSON.parse(readFileSync(process.env.CK_DRAW_FIXTURE || new URL("./fixtures/draws.json", import.meta.url), "utf-8"));

test("the fixture holds the real papers and banks", () => {
  assert.ok(fixture.papers.length >= 5, fixture.papers.length);
  assert.ok(Object.keys(fixture.banks).length >= 5);
});

for (const { paper, draws } of fixture.papers) {
  test(`paper ${paper.id}: every paper number draws the questions draw.py draws`, () => {
    assert.ok(Object.keys(draws).length >= 5);
    for (const [seed, expected] of Object.entries(draws)) {
      const drawn = drawPaper(paper, fixture.banks, Number(seed));
      assert.deepEqual(drawn.map((part) => part.questions.map((q) => q.id)), expected, `${paper.id}, paper ${seed}`);
      assert.ok(expected.flat().length > 0);
      assert.equal(new Set(expected.flat()).size, expected.flat().length, "a question drawn twice");
    }
  });
}

test("a rule for a missing bank or tag draws nothing and the paper goes on", () => {
  const pool = { b: [{ id: "1", type: "single", tags: ["x"] }, { id: "2", type: "single", tags: [] }] };
  const paper = { sections: [{ type: "single", draws: [{ bank: "gone", count: 2 }, { bank: "b", tag: "nope", count: 1 }, { bank: "b", tag: "", count: 5 }] }] };
  assert.deepEqual(drawPaper(paper, pool, 1)[0].questions.map((q) => q.id).sort(), ["1", "2"]);
});

test("the generator is mulberry32, as in draw.py", () => {
  const rng = mulberry32(42);
  const values = [rng(), rng(), rng()];
  assert.ok(values.every((v) => v >= 0 && v < 1));
  assert.deepEqual(values, (() => { const again = mulberry32(42); return [again(), again(), again()]; })());
  assert.deepEqual(shuffled([1, 2, 3, 4, 5], mulberry32(7)), shuffled([1, 2, 3, 4, 5], mulberry32(7)));
  assert.notEqual(mulberry32(1)(), mulberry32(2)());
});

test("an order question never starts in the right order", () => {
  for (let n = 2; n <= 6; n++) {
    for (let seed = 1; seed <= 200; seed++) {
      const order = scrambled(n, mulberry32(seed));
      assert.deepEqual([...order].sort(), [...Array(n).keys()]);
      assert.ok(order.some((v, i) => v !== i), `${n} items, seed ${seed}`);
    }
  }
  assert.deepEqual(scrambled(1), [0]);
  assert.deepEqual(scrambled(0), []);
});

test("another paper is a number from 1 to 999999 and never the one shown", () => {
  const values = [0.5, 0.5, 0.1];
  const rng = () => values.shift();
  const first = randomSeed(0, () => 0.5);
  assert.equal(first, 500000);
  assert.equal(randomSeed(500000, rng), 100000);
  assert.equal(randomSeed(7, () => 0), 1);
  assert.equal(randomSeed(7, () => 0.9999999999), 999999);
});

test("the paper number in the address: digits only, up to nine", () => {
  assert.equal(seedFromQuery("?seed=42"), 42);
  assert.equal(seedFromQuery("?set=2&seed=007"), 7);
  assert.equal(seedFromQuery("?seed=999999999"), 999999999);
  for (const bad of ["", "?seed=", "?seed=-1", "?seed=1e3", "?seed=4.2", "?seed=abc", "?seed=1234567890", "?seed=%2042"]) {
    assert.equal(seedFromQuery(bad), null, bad);
  }
});

test("a case section draws whole cases, in their order, and no other section takes a case's question", () => {
  const single = (id, tags = []) => ({ id, type: "single", tags });
  const ofCase = (id, c, tags = ["情景"]) => ({ id, type: "single", tags, case: { id: c } });
  const pool = {
    b: [single("s1"), ofCase("c1-1", "c1"), ofCase("c1-2", "c1"), ofCase("c1-3", "c1"), single("s2"),
      ofCase("c2-1", "c2"), ofCase("c2-2", "c2", ["情景", "计算"]), ofCase("c2-3", "c2"), ofCase("c3-1", "c3", []), ofCase("c3-2", "c3", []), ofCase("c3-3", "c3", [])],
  };
  const paper = { sections: [
    { type: "single", points: 2, draws: [{ bank: "b", tag: "", count: 9 }] },
    { type: "case", points: 9, draws: [{ bank: "b", tag: "情景", count: 5 }] },
  ] };
  for (let seed = 1; seed <= 50; seed++) {
    const [singles, cases] = drawPaper(paper, pool, seed);
    assert.deepEqual(singles.questions.map((q) => q.id).sort(), ["s1", "s2"]);
    const ids = cases.questions.map((q) => q.id).join(" ");
    // c3 lacks the tag on its questions; c1 and c2 come whole, each in the author's order
    assert.ok(ids === "c1-1 c1-2 c1-3 c2-1 c2-2 c2-3" || ids === "c2-1 c2-2 c2-3 c1-1 c1-2 c1-3", ids);
    assert.equal(sectionCount(cases), 2);
    assert.deepEqual(cases.questions.map((q) => questionPoints(cases, q)), [3, 3, 3, 3, 3, 3]);
    assert.equal(questionPoints(singles, singles.questions[0]), 2);
  }
  assert.deepEqual(casesOf(pool.b).map((c) => [c.id, c.tags]), [["c1", ["情景"]], ["c2", ["情景"]], ["c3", []]]);
});
