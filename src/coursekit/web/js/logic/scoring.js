/* Marking: the learner's answer to one question, and an exam's score. Pure: the question
 * widgets (components/question.js) read their inputs and hand the values here.
 *
 * Every scoreX returns a result { empty, right, raw, given, ... }: ``empty`` when nothing was
 * answered, ``raw`` the answer as a result slip records it, ``given`` the answer as text for the
 * learner. Question data is what site/quiz.py's QuizRenderer.data writes.
 */

import { questionPoints } from "./draw.js";
import { LETTERS, normalise, t } from "./strings.js";

/* The right option indexes: judge answers are true/false, shown as options 0 (true) and 1 (false). */
export function correctChoices(q) {
  if (q.type === "judge") return [q.answer ? 0 : 1];
  return q.type === "single" ? [q.answer] : q.answer;
}

export function choiceTexts(q) {
  return q.type === "judge" ? [t("judge_true"), t("judge_false")] : q.options;
}

/* Options by index as the learner saw them: in screen order (``order`` lists the option indexes
   as shown), each with the letter it had on screen ("A. …"); judge options by their text. */
export function describeChoices(q, indexes, order) {
  var texts = choiceTexts(q);
  var shown = indexes.slice().sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
  return shown.map(function (i) {
    return q.type === "judge" ? texts[i] : t("option", { letter: LETTERS[order.indexOf(i)], text: q.options[i] });
  }).join(t("sep"));
}

/* single, multiple, judge: ``picked`` the chosen option indexes (bank order). */
export function scoreChoice(q, picked, order) {
  var sorted = picked.slice().sort(function (a, b) { return a - b; });
  return {
    empty: sorted.length === 0,
    right: sorted.join() === correctChoices(q).join(),
    picked: sorted,
    raw: sorted,
    given: sorted.length ? describeChoices(q, sorted, order) : t("no_answer"),
  };
}

/* blank: ``values`` what was typed in each blank; each blank accepts any of its answers. */
export function scoreBlank(q, values) {
  var typed = values.map(function (value) { return String(value).trim(); });
  var each = typed.map(function (value, k) {
    return value !== "" && q.answer[k].some(function (accepted) {
      return normalise(accepted) === normalise(value);
    });
  });
  return {
    empty: typed.every(function (v) { return v === ""; }),
    right: each.every(Boolean),
    each: each,
    raw: typed,
    given: typed.map(function (v) { return v || t("blank_empty"); }).join(t("sep")),
  };
}

/* order: ``current`` the option indexes in the order the learner left them; an untouched list
   is no answer (it starts scrambled, never right). */
export function scoreOrder(q, current, touched) {
  var each = current.map(function (index, position) { return index === position; });
  return {
    empty: !touched,
    right: each.every(Boolean),
    each: each,
    raw: current.slice(),
    given: current.map(function (i) { return q.options[i]; }).join(t("arrow")),
  };
}

/* short: free text, right only by the learner's own mark against the reference answer
   (``selfMark`` true, false, or null before marking). */
export function scoreShort(q, text, selfMark) {
  var written = String(text).trim();
  return { empty: written === "", right: selfMark === true, raw: written, given: written || t("no_answer") };
}

/* Whether an exam answer counts: short answers by the learner's mark, the others as marked. */
export function countsAsRight(mark) {
  return mark.q.type === "short" ? mark.selfMark === true : mark.res.right;
}

/* An exam's score. ``drawn``: the paper as drawn (logic/draw.js); ``marks``: one per question,
   { q, res, selfMark, section } with ``section`` the index of its section in ``drawn``.
   Returns the per-section rows, score, total, passed and how many short answers await a mark. */
export function examScore(drawn, marks, passMark) {
  var total = 0;
  var score = 0;
  var pending = 0;
  var rows = drawn.map(function (part, sectionIndex) {
    var row = { title: part.section.title, right: 0, count: 0, score: 0, total: 0 };
    marks.forEach(function (mark) {
      if (mark.section !== sectionIndex) return;
      if (mark.q.type === "short" && mark.selfMark === null) pending += 1;
      var points = questionPoints(part, mark.q);
      row.count += 1;
      row.total += points;
      if (countsAsRight(mark)) {
        row.right += 1;
        row.score += points;
      }
    });
    total += row.total;
    score += row.score;
    return row;
  });
  return { rows: rows, score: score, total: total, passed: score >= passMark, pending: pending };
}
