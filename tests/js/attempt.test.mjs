// An exam attempt saved as it is answered: what is read back, what is refused, how time is counted.
import { test } from "node:test";
import assert from "node:assert/strict";

import { answeredCount, attemptKey, isPermutation, newAttempt, parseAttempt, secondsLeft } from "../../src/coursekit/web/js/logic/attempt.js";

test("a new attempt ends after the time limit; the clock runs while the page is away", () => {
  const a = newAttempt("sanhui-yike-ceshi", 2026, 35, 1_000_000);
  assert.equal(attemptKey("sanhui-yike-ceshi"), "coursekit:exam:sanhui-yike-ceshi");
  assert.equal(secondsLeft(a, 1_000_000), 35 * 60);
  assert.equal(secondsLeft(a, 1_000_000 + 10 * 60_000 + 400), 25 * 60); // rounded up: 24:59.6 shows 25:00
  assert.equal(secondsLeft(a, 1_000_000 + 36 * 60_000), 0);
});

test("a saved attempt is read back for its own paper only, and damaged ones are refused", () => {
  const a = newAttempt("p", 7, 10, 5);
  a.answers = { q1: [2], q2: ["甲", ""], q3: "写了几句", q4: { current: [1, 0, 2], touched: true } };
  assert.deepEqual(parseAttempt(JSON.stringify(a), "p"), a);
  assert.equal(parseAttempt(JSON.stringify(a), "other"), null);
  for (const bad of ["", "{", "null", "[]", JSON.stringify({ ...a, version: 2 }), JSON.stringify({ ...a, seed: -1 }), JSON.stringify({ ...a, seed: 1.5 }),
    JSON.stringify({ ...a, ends: 1 }), JSON.stringify({ ...a, answers: [] }), JSON.stringify({ ...a, started: "now" })]) {
    assert.equal(parseAttempt(bad, "p"), null, bad);
  }
});

test("answered questions are counted as a learner would count them", () => {
  const a = newAttempt("p", 7, 10, 5);
  a.answers = { choice: [0], none: [], blank: ["", " "], blankOne: ["", "x"], short: "  ", shortDone: "答", still: { current: [0, 1], touched: false }, moved: { current: [1, 0], touched: true } };
  assert.equal(answeredCount(a), 4); // choice, blankOne, shortDone, moved
});

test("a saved order is used only when it is a permutation of the items", () => {
  assert.ok(isPermutation([2, 0, 1], 3));
  for (const bad of [[0, 1], [0, 0, 1], [0, 1, 3], [0, 1, 1.5], "012", null]) assert.equal(isPermutation(bad, 3), false, String(bad));
});
