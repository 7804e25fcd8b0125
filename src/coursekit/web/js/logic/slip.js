/* The result slip (成绩单): the file a learner downloads after an exam and hands to the trainer,
 * read by `coursekit results` (coursekit/results/slip.py defines the format; keep them in step).
 */

import { questionPoints } from "./draw.js";

/* The answer as a result slip records it: option indexes in the bank's order (the inputs'
   values), whatever order the screen showed; null when not answered. */
export function slipGiven(q, res) {
  if (res.empty) return null;
  if (q.type === "single") return res.raw[0];
  if (q.type === "judge") return res.raw[0] === 0; // judge options: 0 true, 1 false
  return res.raw;
}

/* ``exam``: { paper, seed, drawn, started, finished } (times in ms); ``marks`` as for
   scoring.examScore. A short answer not yet marked is recorded as correct: null, no points.
   ``branch`` (支部, may be empty) goes in the slip's optional ``branch``; the report groups by it. */
export function resultSlip(exam, marks, who, where, branch) {
  var score = 0;
  var total = 0;
  var answers = marks.map(function (mark) {
    var points = questionPoints(exam.drawn[mark.section], mark.q);
    var right = mark.q.type === "short" ? mark.selfMark : mark.res.right;
    total += points;
    if (right) score += points;
    return { id: mark.q.id, type: mark.q.type, given: slipGiven(mark.q, mark.res), correct: right, points: right ? points : 0 };
  });
  var slip = {
    format: "coursekit-result", version: 1, name: who, unit: where, paper: exam.paper.id, paperTitle: exam.paper.title, seed: exam.seed,
    started: new Date(exam.started).toISOString(), finished: new Date(exam.finished).toISOString(),
    score: score, total: total, passed: score >= exam.paper.passMark, answers: answers,
  };
  if (branch) slip.branch = branch;
  return slip;
}

/* The compact slip: one line for a QR code a phone camera reads well (a 41-question paper is
   some 150 bytes), read by `coursekit results` (coursekit/results/compact.py; keep in step):
     CKR1|paper|seed|name|branch|started|finished|answers
   times in whole seconds since 1970 (UTC); in texts % | and line breaks are %-escaped. No ids
   and no marks: the trainer draws the paper again from id and seed and marks the answers, one
   token each in draw order: - not answered; single: the option index in base 36; judge: T or F;
   multiple, order: (indexes in base 36); blank: [texts, comma-separated, also escaping , and ]];
   short: + or x as the learner marked it, ? when not marked (the text itself stays on the phone). */
export var COMPACT_PREFIX = "CKR1";

function escapeText(text, extra) {
  return String(text).replace(new RegExp("[%|\\r\\n" + (extra || "") + "]", "g"), function (c) {
    return "%" + ("0" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-2);
  });
}

function compactAnswer(mark) {
  var q = mark.q;
  if (q.type === "short") {
    if (mark.res.empty) return "-";
    return mark.selfMark === true ? "+" : mark.selfMark === false ? "x" : "?";
  }
  var given = slipGiven(q, mark.res);
  if (given === null) return "-";
  if (q.type === "judge") return given ? "T" : "F";
  if (q.type === "single") return given.toString(36);
  if (q.type === "blank") return "[" + given.map(function (text) { return escapeText(text, ",\\]"); }).join(",") + "]";
  return "(" + given.map(function (i) { return i.toString(36); }).join("") + ")";
}

export function compactSlip(exam, marks, who, branch) {
  return [
    COMPACT_PREFIX, escapeText(exam.paper.id), exam.seed, escapeText(who), escapeText(branch || ""),
    Math.floor(exam.started / 1000), Math.floor(exam.finished / 1000), marks.map(compactAnswer).join(""),
  ].join("|");
}
