// Marking every question type, and an exam's score. Questions are shaped as the site's data
// files carry them (site/quiz.py, QuizRenderer.data).
import { test } from "node:test";
import assert from "node:assert/strict";

import { correctChoices, describeChoices, examScore, scoreBlank, scoreChoice, scoreOrder, scoreShort } from "../../src/coursekit/web/js/logic/scoring.js";
import { useStrings } from "./catalogue.mjs";

useStrings("zh");

const single = { id: "s", type: "single", options: ["每月1次", "每季度1次", "每半年1次"], answer: 1 };
const multiple = { id: "m", type: "multiple", options: ["甲", "乙", "丙", "丁"], answer: [0, 2] };
const judgeTrue = { id: "j", type: "judge", options: [], answer: true };
const judgeFalse = { id: "k", type: "judge", options: [], answer: false };
const blank = { id: "b", type: "blank", answer: [["半数", "二分之一"], ["18", "十八"]], answerText: "半数；18" };
const order = { id: "o", type: "order", options: ["申请", "培养", "发展", "预备"], answerText: "申请 → 培养 → 发展 → 预备" };
const short = { id: "d", type: "short", answerText: "由党小组组长召集。" };

test("single: the one right option", () => {
  const order = [2, 0, 1]; // shown as A: 每半年1次, B: 每月1次, C: 每季度1次
  assert.deepEqual(correctChoices(single), [1]);
  const right = scoreChoice(single, [1], order);
  assert.deepEqual([right.empty, right.right, right.raw, right.given], [false, true, [1], "C. 每季度1次"]);
  const wrong = scoreChoice(single, [0], order);
  assert.deepEqual([wrong.right, wrong.given], [false, "B. 每月1次"]);
  const none = scoreChoice(single, [], order);
  assert.deepEqual([none.empty, none.right, none.given], [true, false, "未作答"]);
});

test("multiple: every right option and no other", () => {
  const shown = [0, 1, 2, 3];
  assert.ok(scoreChoice(multiple, [2, 0], shown).right, "the order of ticking does not matter");
  assert.deepEqual(scoreChoice(multiple, [2, 0], shown).raw, [0, 2]);
  assert.ok(!scoreChoice(multiple, [0], shown).right, "one of two is wrong");
  assert.ok(!scoreChoice(multiple, [0, 2, 3], shown).right, "one too many is wrong");
  assert.equal(scoreChoice(multiple, [2, 0], [3, 2, 1, 0]).given, "B. 丙、D. 甲");
  assert.equal(describeChoices(multiple, correctChoices(multiple), [3, 2, 1, 0]), "B. 丙、D. 甲");
});

test("judge: true is option 0, false option 1, named by their text", () => {
  assert.deepEqual(correctChoices(judgeTrue), [0]);
  assert.deepEqual(correctChoices(judgeFalse), [1]);
  const shown = [0, 1];
  assert.deepEqual([scoreChoice(judgeTrue, [0], shown).right, scoreChoice(judgeTrue, [0], shown).given], [true, "正确"]);
  assert.deepEqual([scoreChoice(judgeFalse, [0], shown).right, scoreChoice(judgeFalse, [1], shown).given], [false, "错误"]);
  assert.ok(scoreChoice(judgeTrue, [], shown).empty);
});

test("blank: each blank takes any of its answers, spaces, case and full-width forms aside", () => {
  const res = scoreBlank(blank, [" 半 数", "１８"]);
  assert.deepEqual([res.empty, res.right, res.each, res.raw], [false, true, [true, true], ["半 数", "１８"]]);
  assert.ok(scoreBlank(blank, ["二分之一", "十八"]).right);
  const half = scoreBlank(blank, ["半数", "19"]);
  assert.deepEqual([half.right, half.each, half.given], [false, [true, false], "半数、19"]);
  const one = scoreBlank(blank, ["", "18"]);
  assert.deepEqual([one.empty, one.right, one.each, one.given], [false, false, [false, true], "（空）、18"]);
  const none = scoreBlank(blank, ["  ", ""]);
  assert.deepEqual([none.empty, none.right], [true, false]);
});

test("order: right only in the right order; an untouched list is no answer", () => {
  const right = scoreOrder(order, [0, 1, 2, 3], true);
  assert.deepEqual([right.empty, right.right, right.each], [false, true, [true, true, true, true]]);
  const wrong = scoreOrder(order, [1, 0, 2, 3], true);
  assert.deepEqual([wrong.right, wrong.each, wrong.given, wrong.raw], [false, [false, false, true, true], "培养 → 申请 → 发展 → 预备", [1, 0, 2, 3]]);
  assert.ok(scoreOrder(order, [3, 2, 1, 0], false).empty);
  const current = [1, 0, 2, 3];
  const res = scoreOrder(order, current, true);
  current.reverse();
  assert.deepEqual(res.raw, [1, 0, 2, 3], "the result keeps the order at marking time");
});

test("short: right only when the learner marks it right against the reference", () => {
  assert.deepEqual(scoreShort(short, "  ", null), { empty: true, right: false, raw: "", given: "未作答" });
  assert.deepEqual(scoreShort(short, " 组长召集 ", null), { empty: false, right: false, raw: "组长召集", given: "组长召集" });
  assert.ok(scoreShort(short, "组长召集", true).right);
  assert.ok(!scoreShort(short, "组长召集", false).right);
});

const section = (type, points, title = type) => ({ section: { type, points, title } });
const mark = (q, section, right, selfMark = null) => ({ q, section, selfMark, res: { right, empty: false } });

test("an exam's score: points per section, passed at the pass mark", () => {
  const drawn = [section("single", 2, "单选"), section("short", 5, "简答")];
  const marks = [mark(single, 0, true), mark(single, 0, false), mark(short, 1, false, true), mark(short, 1, false, null)];
  const outcome = examScore(drawn, marks, 7);
  assert.deepEqual(outcome.rows, [
    { title: "单选", right: 1, count: 2, score: 2, total: 4 },
    { title: "简答", right: 1, count: 2, score: 5, total: 10 },
  ]);
  assert.deepEqual([outcome.score, outcome.total, outcome.passed, outcome.pending], [7, 14, true, 1]);
  assert.equal(examScore(drawn, marks, 7.5).passed, false);
});

test("an exam's score: a short answer counts by the learner's mark, not by its first result", () => {
  const drawn = [section("short", 5)];
  assert.equal(examScore(drawn, [mark(short, 0, true, null)], 0).score, 0);
  assert.equal(examScore(drawn, [mark(short, 0, false, true)], 0).score, 5);
  assert.equal(examScore(drawn, [mark(short, 0, false, false)], 0).pending, 0);
});

test("an exam with fractional points adds them up as they are", () => {
  const drawn = [section("judge", 0.5)];
  const outcome = examScore(drawn, [mark(judgeTrue, 0, true), mark(judgeTrue, 0, true), mark(judgeTrue, 0, false)], 1);
  assert.deepEqual([outcome.score, outcome.total, outcome.passed], [1, 1.5, true]);
});
