// Read aloud: the device's Chinese voice is chosen, and a lesson is cut into short utterances.
import { test } from "node:test";
import assert from "node:assert/strict";

import { pickVoice, speechChunks } from "../../src/coursekit/web/js/logic/speech.js";

test("a Chinese voice on the device is preferred; none means no button", () => {
  const voices = [
    { name: "English", lang: "en-US", localService: true },
    { name: "Cantonese online", lang: "zh-HK", localService: false },
    { name: "Mandarin online", lang: "zh-CN", localService: false },
    { name: "Mandarin", lang: "zh_CN", localService: true },
  ];
  assert.equal(pickVoice(voices, "zh").name, "Mandarin");
  assert.equal(pickVoice(voices.slice(0, 3), "zh").name, "Mandarin online");
  assert.equal(pickVoice(voices, "en").name, "English");
  assert.equal(pickVoice([{ name: "English", lang: "en-US" }], "zh"), null);
  assert.equal(pickVoice([], "zh"), null);
  assert.equal(pickVoice(undefined, "zh"), null);
});

test("long paragraphs are cut after a sentence, then a comma, never losing a character", () => {
  const sentence = "党员大会是党支部的议事决策机构。"; // 16 characters
  const long = sentence.repeat(15);
  const chunks = speechChunks(["", "  短句  ", long], 100);
  assert.equal(chunks[0], "短句");
  assert.ok(chunks.slice(1).every((c) => c.length <= 100 && c.endsWith("。")));
  assert.equal(chunks.slice(1).join(""), long);
  const commas = "甲，".repeat(80);
  assert.ok(speechChunks([commas], 50).every((c) => c.length <= 50 && c.endsWith("，")));
  const plain = "字".repeat(130);
  assert.deepEqual(speechChunks([plain], 50).map((c) => c.length), [50, 50, 30]);
});
