// The result slip: what a learner hands in after an exam (read by coursekit/results/slip.py).
import { test } from "node:test";
import assert from "node:assert/strict";

import { compactSlip, resultSlip, slipGiven } from "../../src/coursekit/web/js/logic/slip.js";
import { qrMatrix } from "../../src/coursekit/web/js/logic/qr-matrix.js";

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

test("the compact slip for the QR code: one token per answer in draw order, texts escaped", () => {
  const paper = { id: "xianshi", title: "限时小测", passMark: 6 };
  const res = (raw, empty = false) => ({ empty, right: false, raw });
  const marks = [
    { q: q("single"), res: res([11]) },
    { q: q("single"), res: res([], true) },
    { q: q("judge"), res: res([0]) },
    { q: q("judge"), res: res([1]) },
    { q: q("multiple"), res: res([0, 3]) },
    { q: q("order"), res: res([2, 0, 1]) },
    { q: q("blank"), res: res(["半数,以上", "a]b|%"]) },
    { q: q("short"), res: res("组长召集"), selfMark: true },
    { q: q("short"), res: res("不知道"), selfMark: false },
    { q: q("short"), res: res("没对照"), selfMark: null },
    { q: q("short"), res: res("", true), selfMark: null },
  ];
  const started = Date.UTC(2026, 4, 1, 1, 0, 10);
  const text = compactSlip({ paper, seed: 7, started, finished: started + 30500 }, marks, "王|芳", "东村\n党支部");
  assert.equal(text, "CKR1|xianshi|7|王%7C芳|东村%0A党支部|1777597210|1777597240|b-TF(03)(201)[半数%2C以上,a%5Db%7C%25]+x?-");
});

test("a 41-question paper's compact slip is small enough for a QR code of version 15 or less", () => {
  const paper = { id: "sanhui-yike-ceshi", title: "三会一课测试", passMark: 60 };
  const marks = [];
  for (let i = 0; i < 41; i++) {
    const type = ["single", "multiple", "judge"][i % 3];
    marks.push({ q: q(type), res: { empty: false, right: true, raw: type === "multiple" ? [0, 1, 3] : [i % 4 === 0 ? 1 : 0] } });
  }
  const started = Date.UTC(2026, 4, 1, 1, 0, 0);
  const text = compactSlip({ paper, seed: 2026, started, finished: started + 35 * 60000 }, marks, "欧阳秀兰", "城关镇东风村党支部第二党小组", "");
  const bytes = Buffer.byteLength(text, "utf-8");
  assert.ok(bytes <= 400, `${bytes} bytes`);
  assert.ok(qrMatrix(text).version <= 15);
});
