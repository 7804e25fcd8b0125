/* An exam's result: score, pass or fail and the per-section table above the paper, and under
 * each question the verdict, the learner's answer and the right one. Short answers are marked by
 * the learner here, and the score follows each mark. The result slip is components/result-slip.js.
 */

import { examScore } from "../logic/scoring.js";
import { MAX_EXAMS } from "../logic/state.js";
import { formatClock, formatPoints, t } from "../logic/strings.js";
import { button, el, fill } from "../browser/dom.js";
import { recordAnswer, updateState } from "../browser/saved.js";
import { explanationNodes } from "./question.js";
import { slipSection } from "./result-slip.js";

/* What logic/scoring.js and logic/slip.js read of each exam item, as it is now. */
export function marksOf(items) {
  return items.map(function (it) {
    return { q: it.q, res: it.res, selfMark: it.w.selfMark, section: it.section };
  });
}

/* ``items``: the marked items of components/exam-paper.js; ``view`` the paper under the result;
   ``sitting``: { timedOut, used (seconds) }; ``actions``: { again, another }. */
export function showResult(exam, items, view, sitting, actions) {
  var box = exam.box;
  var paper = exam.paper;
  var record = { paper: paper.id, title: paper.title, seed: exam.seed, score: 0, total: 0, passed: false, at: Date.now() };
  exam.finished = record.at;
  var summary = el("section", { class: "ck-exam-result" });
  box.insertBefore(summary, view);
  items.forEach(function (it) {
    it.li.appendChild(reviewBox(it, rescore));
  });
  updateState(function (s) {
    s.exams.push(record);
    s.exams = s.exams.slice(-MAX_EXAMS);
  });
  rescore();
  box.insertBefore(slipSection(exam, function () { return marksOf(items); }), view); // outside the summary: rescore() must not clear what was typed
  var heading = summary.querySelector("h2");
  heading.focus();
  heading.scrollIntoView();

  /* Score, pass/fail and the per-section table; again after each self-marked short answer. */
  function rescore() {
    var outcome = examScore(exam.drawn, marksOf(items), paper.passMark);
    record.score = Math.round(outcome.score * 10) / 10;
    record.total = Math.round(outcome.total * 10) / 10;
    record.passed = outcome.passed;
    updateState(function (s) {
      s.exams.forEach(function (x, i) {
        if (x.at === record.at && x.paper === record.paper) s.exams[i] = record;
      });
    });
    var table = el("table", null, [
      el("thead", null, [el("tr", null, [el("th", { text: t("exam_col_section") }), el("th", { text: t("exam_col_right") }), el("th", { text: t("exam_col_points") })])]),
      el("tbody", null, outcome.rows.map(function (row) {
        return el("tr", null, [el("td", { text: row.title }), el("td", { text: t("exam_right_of", { right: row.right, count: row.count }) }), el("td", { text: t("exam_points_of", { score: formatPoints(row.score), total: formatPoints(row.total) }) })]);
      })),
    ]);
    fill(summary, [
      el("h2", { tabindex: "-1", text: t("exam_result_title", { seed: exam.seed }) }),
      sitting.timedOut ? el("p", { class: "ck-notice", role: "status", text: t("exam_time_up") }) : null,
      el("p", { class: "ck-score", text: t("exam_score", { score: formatPoints(outcome.score), total: formatPoints(outcome.total) }) }),
      el("p", { class: "ck-verdict " + (outcome.passed ? "ck-pass" : "ck-fail"), text: t(outcome.passed ? "exam_passed" : "exam_failed", { pass_mark: formatPoints(paper.passMark) }) }),
      el("p", { text: t("exam_used", { time: formatClock(sitting.used) }) }),
      outcome.pending ? el("p", { class: "ck-hint", text: t("exam_pending_short", { count: outcome.pending }) }) : null,
      el("h3", { text: t("exam_breakdown") }),
      table,
      el("p", { class: "ck-hint", text: t("exam_review_below") }),
      el("div", { class: "ck-actions" }, [
        button(t("exam_again"), function () { actions.again(); }, "ck-exam-again"),
        button(t("exam_another"), function () { actions.another(); }, "ck-exam-another"),
      ]),
    ]);
  }
}

/* Under each exam question after submission: verdict, the learner's and the right answer. */
function reviewBox(it, rescore) {
  var q = it.q;
  var res = it.res;
  var box = el("div", { class: "ck-feedback ck-review" });
  function verdictKey() {
    if (q.type === "short") return it.w.selfMark === null ? "mark_pending" : it.w.selfMark ? "mark_right" : "mark_wrong";
    return res.empty ? "mark_unanswered" : res.right ? "mark_right" : "mark_wrong";
  }
  function render() {
    var key = verdictKey();
    box.className = "ck-feedback ck-review " + (key === "mark_right" ? "ck-ok" : key === "mark_pending" ? "" : "ck-bad");
    var selfMark = null;
    if (q.type === "short" && it.w.selfMark === null) {
      selfMark = el("div", { class: "ck-actions" }, [
        el("span", { class: "ck-hint", text: t("self_mark_prompt") }),
        button(t("self_right"), function () { mark(true); }, "ck-self-right"),
        button(t("self_wrong"), function () { mark(false); }, "ck-self-wrong"),
      ]);
    }
    fill(box, [
      el("p", { class: "ck-verdict", text: t(key) }),
      el("p", { class: "ck-given", text: t("your_answer", { answer: res.given }) }),
      el("p", { class: "ck-correct", text: t(q.type === "short" ? "reference" : "correct_answer", { answer: it.w.correctText() }) }),
    ].concat(explanationNodes(q), [selfMark]));
  }
  function mark(right) {
    it.w.selfMark = right;
    recordAnswer(q.id, right);
    render();
    rescore();
    box.setAttribute("tabindex", "-1");
    box.focus();
  }
  render();
  return box;
}
