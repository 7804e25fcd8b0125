/* Sitting an exam: the drawn paper as questions, the timer, submitting (with a confirmation
 * that counts unanswered questions) and time running out. The result is
 * components/exam-result.js.
 *
 * Every answer is saved as it is given (logic/attempt.js), so a reload or a phone call loses
 * nothing: the exam page offers to continue (components/exam.js). Leaving mid-exam asks first. */

import { formatClock, formatPoints, t } from "../logic/strings.js";
import { button, el, fill } from "../browser/dom.js";
import { newAttempt, secondsLeft } from "../logic/attempt.js";
import { dropAttempt, writeAttempt } from "../browser/attempts.js";
import { recordAnswer } from "../browser/saved.js";
import { showResult } from "./exam-result.js";
import { materialNode, opensCase, questionWidget } from "./question.js";
import { mulberry32, sectionCount } from "../logic/draw.js";

var OPTION_SALT = 0x9e3779b9;

/* ``exam``: { box, paper, seed, drawn }; ``actions``: { again, another } for the result's buttons;
   ``resumed``: the saved attempt being continued, if any. */
export function sitPaper(exam, actions, resumed) {
  var box = exam.box;
  var paper = exam.paper;
  var items = []; // { q, w (its widget), li, section (index in exam.drawn) }
  var counter = 0;
  // Options in an order fixed by the paper number, so a reload or a resumed attempt looks the same.
  var optionOrder = mulberry32((exam.seed ^ OPTION_SALT) >>> 0);
  var view = el("div", { class: "ck-exam-paper" });
  exam.drawn.forEach(function (part, sectionIndex) {
    var s = part.section;
    var heading = s.type === "case" ? "section_heading_case" : "section_heading";
    view.appendChild(el("h2", { class: "ck-section-title", tabindex: "-1", text: t(heading, { number: sectionIndex + 1, title: s.title, count: sectionCount(part), points: formatPoints(s.points) }) }));
    var list = el("ol", { class: "ck-questions ck-live-list" });
    part.questions.forEach(function (q, index) {
      counter += 1;
      var w = questionWidget(q, counter, optionOrder);
      var li = el("li", { class: "ck-question", "data-ck-qid": q.id, "data-ck-type": q.type }, [opensCase(part.questions, index) ? materialNode(q) : null, w.fieldset]);
      items.push({ q: q, w: w, li: li, section: sectionIndex });
      list.appendChild(li);
    });
    view.appendChild(list);
  });

  var timer = el("span", { class: "ck-timer", role: "timer" });
  var warning = el("span", { class: "ck-sr", role: "status" });
  var controls = el("span", { class: "ck-exam-controls" });
  var bar = el("div", { class: "ck-exam-bar" }, [timer, warning, controls]);
  var attempt = resumed || newAttempt(paper.id, exam.seed, paper.timeLimit, Date.now());
  exam.started = attempt.started;
  var ends = attempt.ends;
  var finished = false;
  var warned = false;
  items.forEach(function (it) {
    if (resumed && it.q.id in resumed.answers) it.w.restore(resumed.answers[it.q.id]);
  });
  function save() {
    if (finished) return;
    items.forEach(function (it) {
      attempt.answers[it.q.id] = it.w.snapshot();
    });
    writeAttempt(attempt);
  }
  // After the widget has handled the event (an order question redraws on click).
  ["input", "change", "click"].forEach(function (kind) {
    view.addEventListener(kind, function () { setTimeout(save, 0); });
  });
  save();
  function askBeforeLeaving(event) {
    event.preventDefault();
    event.returnValue = ""; // older browsers show the dialog only when this is set
    return "";
  }
  window.addEventListener("beforeunload", askBeforeLeaving);

  function showSubmit() {
    fill(controls, [button(t("exam_submit"), confirmSubmit, "ck-btn--primary ck-exam-submit")]);
  }
  function confirmSubmit() {
    var open = items.filter(function (it) { return it.w.result().empty; }).length;
    var yes = button(t("exam_confirm_yes"), function () { finish(false); }, "ck-btn--primary ck-exam-confirm");
    fill(controls, [el("span", { class: "ck-confirm-text", text: open ? t("exam_confirm_open", { count: open }) : t("exam_confirm") }), yes, button(t("exam_confirm_no"), function () { showSubmit(); controls.querySelector("button").focus(); })]);
    yes.focus();
  }
  function tick() {
    if (finished) return;
    var left = secondsLeft(attempt, Date.now());
    timer.textContent = t("exam_time_left", { time: formatClock(left) });
    if (left <= 60 && !warned) {
      warned = true;
      timer.classList.add("ck-low");
      warning.textContent = t("exam_one_minute");
    }
    if (left <= 0) finish(true);
  }
  var interval = setInterval(tick, 500);
  showSubmit();
  fill(box, [view, bar]);
  tick(); // after the paper is on the page: an attempt resumed after its time ran out is submitted here
  var firstHeading = view.querySelector("h2");
  if (firstHeading) firstHeading.focus();

  function finish(timedOut) {
    if (finished) return;
    finished = true;
    clearInterval(interval);
    window.removeEventListener("beforeunload", askBeforeLeaving);
    dropAttempt(paper.id);
    var used = Math.min(paper.timeLimit * 60, Math.round((Math.min(Date.now(), ends) - exam.started) / 1000));
    items.forEach(function (it) {
      it.res = it.w.result();
      it.w.lock();
      if (it.q.type !== "short") {
        it.w.mark(it.res);
        if (!it.res.empty) recordAnswer(it.q.id, it.res.right); // unanswered: not reached, not a mistake
      }
    });
    box.removeChild(bar);
    showResult(exam, items, view, { timedOut: timedOut, used: used }, actions);
  }
}
