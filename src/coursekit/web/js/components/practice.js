/* Practice: the questions at a lesson's end, a bank's practice page in sets, and (through
 * practiceItem) the notebook's review list. Feedback comes at once, with the reason and the
 * article; every answer goes into the Leitner boxes. */

import { range, t } from "../logic/strings.js";
import { button, clear, el, fill, readJSON } from "../browser/dom.js";
import { loadState, recordAnswer } from "../browser/saved.js";
import { fetchBank } from "../browser/site-data.js";
import { explanationNodes, materialNode, opensCase, questionWidget } from "./question.js";

/* One practice question as a list item. ``options.retry`` offers "再做一次";
   ``options.onAnswered`` runs after the answer is recorded; ``options.material: false`` leaves
   out a case's situation (shown above an earlier question of the same case). */
export function practiceItem(q, number, options) {
  var w = questionWidget(q, number, true);
  var li = el("li", { class: "ck-question", "data-ck-qid": q.id, "data-ck-type": q.type }, [options.material === false ? null : materialNode(q), w.fieldset]);
  var actions = el("div", { class: "ck-actions" });
  var feedback = el("div", { class: "ck-feedback", role: "status", "aria-live": "polite" });
  w.fieldset.appendChild(actions);
  w.fieldset.appendChild(feedback);
  var submit = button(q.type === "short" ? t("show_reference") : t("check"), onSubmit, "ck-btn--primary ck-submit");
  actions.appendChild(submit);

  function onSubmit() {
    var res = w.result();
    if (res.empty && q.type !== "short") {
      fill(feedback, [el("p", { class: "ck-hint", text: t(q.type === "order" ? "need_order" : "need_answer") })]);
      return;
    }
    w.lock();
    actions.removeChild(submit);
    if (q.type === "short") return askSelfMark();
    done(res);
  }

  function askSelfMark() {
    var yes = button(t("self_right"), function () { w.selfMark = true; done(w.result()); }, "ck-self-right");
    var no = button(t("self_wrong"), function () { w.selfMark = false; done(w.result()); }, "ck-self-wrong");
    feedback.className = "ck-feedback";
    fill(feedback, [el("p", { class: "ck-correct", text: t("reference", { answer: q.answerText }) })].concat(explanationNodes(q), [el("p", { class: "ck-hint", text: t("self_mark_prompt") }), el("div", { class: "ck-actions" }, [yes, no])]));
    yes.focus();
  }

  function done(res) {
    recordAnswer(q.id, res.right);
    w.mark(res);
    feedback.className = "ck-feedback " + (res.right ? "ck-ok" : "ck-bad");
    var again = options.retry ? button(t("retry"), retry, "ck-retry") : null;
    fill(feedback, [el("p", { class: "ck-verdict", text: t(res.right ? "correct" : "wrong") }), el("p", { class: "ck-correct", text: t(q.type === "short" ? "reference" : "correct_answer", { answer: w.correctText() }) })].concat(explanationNodes(q), [again && el("div", { class: "ck-actions" }, [again])]));
    if (again) again.focus();
    else {
      feedback.setAttribute("tabindex", "-1");
      feedback.focus();
    }
    if (options.onAnswered) options.onAnswered(q, res.right);
  }

  function retry() {
    var fresh = practiceItem(q, number, options);
    li.parentNode.replaceChild(fresh, li);
    var first = fresh.querySelector("input, textarea, button");
    if (first) first.focus();
  }
  return li;
}

/* A quiz block (.ck-quiz): its static copy, which shows the answers, becomes live questions. */
export function mountQuiz(block) {
  var data = readJSON(block.querySelector("script.ck-data"));
  var list = block.querySelector("ol.ck-questions");
  if (!data || !list) return;
  loadState(); // a damaged or missing store is reported now, not at the first answer
  clear(list).classList.add("ck-live-list"); // the static copy holds the answers: gone
  var count = Number(block.getAttribute("data-ck-count")) || data.questions.length;
  if (count > data.questions.length) practiceSets(block, data.questions, list, count);
  else showQuestions(list, data.questions, 0);
}

function showQuestions(list, questions, offset) {
  clear(list);
  questions.forEach(function (q, i) {
    list.appendChild(practiceItem(q, offset + i + 1, { retry: true, material: opensCase(questions, i) }));
  });
}

/* A bank's practice page: set 1 is in the page, the other sets come from the bank's data file
   (fetched once, on the first request). The set is in the address (?set=3), so a reload or a
   bookmark returns to it. */
function practiceSets(block, firstSet, list, count) {
  var size = Number(block.getAttribute("data-ck-set-size")) || firstSet.length;
  var sets = Math.ceil(count / size);
  var bank = null;
  var note = block.querySelector(".ck-needs-js");
  if (note) note.parentNode.removeChild(note);
  var chooser = el("nav", { class: "ck-sets", "aria-label": t("practice_sets") });
  var status = el("p", { class: "ck-set-status", role: "status" });
  var after = el("div", { class: "ck-actions ck-next-set" });
  block.insertBefore(chooser, list);
  block.insertBefore(status, list);
  block.insertBefore(after, list.nextSibling);

  function label(n) {
    return t("practice_set", { number: n, first: (n - 1) * size + 1, last: Math.min(n * size, count) });
  }
  function questionsOf(n) {
    if (n === 1) return Promise.resolve(firstSet);
    if (!bank) {
      bank = fetchBank(block.getAttribute("data-ck-src"));
      bank.catch(function () { bank = null; }); // a failed fetch is tried again on the next click
    }
    return bank.then(function (all) { return all.slice((n - 1) * size, n * size); });
  }
  function show(n, moved) {
    fill(chooser, range(sets).map(function (i) {
      var b = button(t("practice_set_short", { number: i + 1 }), function () { choose(i + 1); }, "ck-set");
      b.setAttribute("aria-label", label(i + 1));
      if (i + 1 === n) b.setAttribute("aria-current", "true");
      return b;
    }));
    clear(after);
    status.textContent = t("loading");
    questionsOf(n).then(
      function (questions) {
        status.textContent = label(n);
        showQuestions(list, questions, (n - 1) * size);
        if (n < sets) after.appendChild(button(t("practice_next_set", { label: label(n + 1) }), function () { choose(n + 1); }));
        if (moved) {
          status.setAttribute("tabindex", "-1");
          status.scrollIntoView({ block: "center" });
          status.focus({ preventScroll: true });
        }
      },
      function () {
        clear(list);
        status.textContent = t("load_failed");
      }
    );
  }
  function choose(n) {
    var url = new URL(location.href);
    if (n === 1) url.searchParams.delete("set");
    else url.searchParams.set("set", String(n));
    history.replaceState(history.state, "", url.href);
    show(n, true);
  }
  var wanted = Number(new URLSearchParams(location.search).get("set"));
  show(wanted >= 1 && wanted <= sets && Math.floor(wanted) === wanted ? wanted : 1, false);
}
