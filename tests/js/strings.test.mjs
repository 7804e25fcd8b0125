import { test } from "node:test";
import assert from "node:assert/strict";

import { formatClock, formatDate, formatPoints, isoDay, normalise, safeName, t } from "../../src/coursekit/web/js/logic/strings.js";
import { useStrings } from "./catalogue.mjs";

test("t fills named values and leaves unknown ones as written", () => {
  useStrings("zh");
  assert.equal(t("greeting", { name: "老李" }), "你好，老李");
  assert.equal(t("greeting"), "你好，{name}");
  assert.equal(t("greeting", { other: 1 }), "你好，{name}");
});

test("t falls back from English to Chinese, and to the key when neither has it", () => {
  useStrings("en");
  assert.equal(t("judge_true"), "True");
  assert.equal(t("judge_false"), "错误");
  assert.equal(t("no_such_key"), "no_such_key");
  useStrings("zh-CN");
  assert.equal(t("judge_true"), "正确");
});

test("t works before the strings arrive and outside a page", () => {
  globalThis.window = undefined;
  globalThis.document = undefined;
  assert.equal(t("sep"), "sep");
});

test("numbers and times as the learner reads them", () => {
  useStrings("zh");
  assert.equal(formatPoints(2), "2");
  assert.equal(formatPoints(2.25), "2.3");
  assert.equal(formatPoints(1 / 3), "0.3");
  assert.equal(formatClock(0), "00:00");
  assert.equal(formatClock(61), "01:01");
  assert.equal(formatClock(35 * 60), "35:00");
  const march7 = new Date(2026, 2, 7, 23, 59).getTime();
  assert.equal(formatDate(march7), "2026年3月7日");
  assert.equal(isoDay(march7), "2026-03-07");
});

test("blanks compare without spaces, case or full-width forms", () => {
  assert.equal(normalise(" 半 数 "), "半数");
  assert.equal(normalise("半\u3000数"), "半数");
  assert.equal(normalise("１８"), "18");
  assert.equal(normalise("ＡＢｃ"), "abc");
  assert.equal(normalise(3), "3");
});

test("a learner's name becomes a file name any system accepts", () => {
  assert.equal(safeName("张/三:李*?\"<>|\\ 四"), "张_三_李_四");
  assert.equal(safeName("..隐藏.."), "隐藏");
  assert.equal(safeName("a\tb\nc"), "a_b_c");
  assert.equal(safeName("///"), "_");
  assert.equal(safeName("名".repeat(50)).length, 40);
  // Cut at 40 UTF-16 units, never inside a surrogate pair.
  const cut = safeName("a" + "😀".repeat(30));
  assert.ok(!/[\ud800-\udbff]$/.test(cut), cut);
});
