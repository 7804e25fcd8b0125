// The result slip: what a learner hands in after an exam (read by coursekit/results/slip.py).
import { test } from "node:test";
import assert from "node:assert/strict";

import { resultSlip, slipGiven } from "../../src/coursekit/web/js/logic/slip.js";

const q = (type, id = type) => ({ id, type });

test("answers as the slip records them: option indexes in the bank's order, judge as true/false", () => {
  assert.equal(slipGiven(q("single"), { empty: false, raw: [2] }), 2);
  assert.deepEqual(slipGiven(q("multiple"), { empty: false, raw: [0, 3] }), [0, 3]);
  assert.equal(slipGiven(q("judge"), { empty: false, raw: [0] }), true);
  assert.equal(slipGiven(q("judge"), { empty: false, raw: [1] }), false);
  assert.deepEqual(slipGiven(q("blank"), { empty: false, raw: ["半数", ""] }), ["半数", ""]);
  assert.deepEqual(slipGiven(q("order"), { empty: false, raw: [1, 0, 2] }), [1, 0, 2]);
  assert.equal(slipGiven(q("short"), { empty: false, raw: "组长召集" }), "组长召集");
  for (const type of ["single", "multiple", "judge", "blank", "order", "short"]) {
    assert.equal(slipGiven(q(type), { empty: true, raw: [] }), null, type);
  }
});

test("a slip: who, which paper, when, and every answer with its points", () => {
  const paper = { id: "xianshi", title: "限时小测", passMark: 6 };
  const drawn = [{ section: { type: "single", points: 2 } }, { section: { type: "short", points: 5 } }];
  const marks = [
    { q: q("single", "s1"), section: 0, selfMark: null, res: { empty: false, right: true, raw: [1] } },
    { q: q("single", "s2"), section: 0, selfMark: null, res: { empty: true, right: false, raw: [] } },
    { q: q("short", "d1"), section: 1, selfMark: true, res: { empty: false, right: false, raw: "组长召集" } },
    { q: q("short", "d2"), section: 1, selfMark: null, res: { empty: false, right: false, raw: "不知道" } },
  ];
  const started = Date.UTC(2026, 4, 1, 1, 0, 10);
  const slip = resultSlip({ paper, seed: 7, drawn, started, finished: started + 30000 }, marks, "张三", "测试村党支部");
  assert.deepEqual(
    { ...slip, answers: undefined },
    {
      format: "coursekit-result", version: 1, name: "张三", unit: "测试村党支部", paper: "xianshi", paperTitle: "限时小测", seed: 7,
      started: "2026-05-01T01:00:10.000Z", finished: "2026-05-01T01:00:40.000Z", score: 7, total: 14, passed: true, answers: undefined,
    }
  );
  assert.deepEqual(slip.answers, [
    { id: "s1", type: "single", given: 1, correct: true, points: 2 },
    { id: "s2", type: "single", given: null, correct: false, points: 0 },
    { id: "d1", type: "short", given: "组长召集", correct: true, points: 5 },
    { id: "d2", type: "short", given: "不知道", correct: null, points: 0 }, // not marked yet
  ]);
});

test("the branch chosen or typed goes in the slip's branch; none given, no key", () => {
  const paper = { id: "xianshi", title: "限时小测", passMark: 1 };
  const drawn = [{ section: { type: "single", points: 2 } }];
  const marks = [{ q: q("single", "s1"), section: 0, selfMark: null, res: { empty: false, right: true, raw: [1] } }];
  const exam = { paper, seed: 7, drawn, started: 0, finished: 1000 };
  assert.equal(resultSlip(exam, marks, "张三", "东村党支部", "东村党支部").branch, "东村党支部");
  assert.equal("branch" in resultSlip(exam, marks, "张三", "", ""), false);
});
