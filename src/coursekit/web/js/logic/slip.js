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
