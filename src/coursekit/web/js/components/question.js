/* One question as a form: its inputs, reading the learner's answer, showing right and wrong.
 *
 * questionWidget(q, number, shuffle) returns a widget { q, fieldset, body, selfMark,
 * result(), correctText(), mark(result), lock() }; practice (components/practice.js) and the
 * exam (components/exam-paper.js) put it on the page. Marking itself is logic/scoring.js.
 * A question type missing here falls back to the short answer's text box.
 */

import { correctChoices, describeChoices, choiceTexts, scoreBlank, scoreChoice, scoreShort } from "../logic/scoring.js";
import { shuffled } from "../logic/draw.js";
import { LETTERS, range, t } from "../logic/strings.js";
import { el, labelled, nextId, samePage } from "../browser/dom.js";
import { orderBuilder } from "./order-question.js";

function stemNode(q) {
  if (q.type !== "blank") return el("span", { class: "ck-stem-text", text: q.stem });
  var parts = q.stem.split(/_{3,}/);
  var kids = [];
  parts.forEach(function (part, i) {
    kids.push(part);
    if (i < parts.length - 1) kids.push(el("span", { class: "ck-blank", text: t("blank_mark", { n: i + 1 }) }));
  });
  return el("span", { class: "ck-stem-text" }, kids);
}

/* The widget for ``q``. ``shuffle`` shuffles choice options: ``true`` anew each time (practice),
   or a seeded generator (exams: the same paper number shows the same order after a reload, and
   the key's letters are not all A, as the banks happen to write most of their answers). */
export function questionWidget(q, number, shuffle) {
  var name = nextId("q");
  var fieldset = el("fieldset", { class: "ck-q" }, [
    el("legend", null, [el("span", { class: "ck-num", text: t("number", { n: number }) }), " ", el("span", { class: "ck-type", text: q.typeLabel }), " ", stemNode(q)]),
  ]);
  var body = el("div", { class: "ck-body" });
  fieldset.appendChild(body);
  var widget = { q: q, fieldset: fieldset, body: body, selfMark: null };
  (BUILDERS[q.type] || BUILDERS.short)(widget, name, shuffle);
  widget.lock = function () {
    widget.locked = true;
    Array.prototype.forEach.call(body.querySelectorAll("input, textarea, button"), function (node) {
      node.disabled = true;
    });
    if (widget.afterLock) widget.afterLock();
  };
  return widget;
}

/* One builder per question type: it adds the inputs to ``w.body`` and sets w.result,
   w.correctText and w.mark. */
var BUILDERS = {
  single: choiceBuilder,
  multiple: choiceBuilder,
  judge: choiceBuilder,
  blank: blankBuilder,
  order: orderBuilder,
  short: shortBuilder,
};

/* Whether ``text`` mentions one of the first ``count`` option letters as a word of its own:
   a capital A, B, C... with no other Latin letter or digit beside it. */
export function namesOptionsByLetter(text, count) {
  var letters = LETTERS.slice(0, count);
  return new RegExp("(^|[^A-Za-z0-9])[" + letters + "](?![A-Za-z0-9])").test(text || "");
}

function choiceBuilder(w, name, shuffle) {
  var q = w.q;
  var judge = q.type === "judge";
  var texts = choiceTexts(q);
  // An explanation that names options by letter ("B是半个月") reads wrong once they are shuffled.
  var keepOrder = judge || namesOptionsByLetter(q.explanation, texts.length);
  var random = typeof shuffle === "function" ? shuffle : Math.random;
  w.order = shuffle && !keepOrder ? shuffled(range(texts.length), random) : range(texts.length);
  w.labels = [];
  w.inputs = w.order.map(function (index, position) {
    var input = el("input", { type: q.type === "multiple" ? "checkbox" : "radio", name: name, value: String(index) });
    var label = el("label", { class: "ck-choice" }, [input, judge ? null : el("span", { class: "ck-letter", text: LETTERS[position] }), el("span", { class: "ck-option-text", text: texts[index] })]);
    w.labels[index] = label;
    w.body.appendChild(label);
    return input;
  });
  function chosen() {
    return w.inputs
      .filter(function (input) { return input.checked; })
      .map(function (input) { return Number(input.value); });
  }
  w.result = function () {
    return scoreChoice(q, chosen(), w.order);
  };
  // What an exam saves as the learner answers (logic/attempt.js), and puts back after a reload.
  w.snapshot = chosen;
  w.restore = function (picked) {
    if (!Array.isArray(picked)) return;
    w.inputs.forEach(function (input) {
      input.checked = picked.indexOf(Number(input.value)) >= 0;
    });
  };
  w.correctText = function () {
    return describeChoices(q, correctChoices(q), w.order);
  };
  w.mark = function (res) {
    var good = correctChoices(q);
    w.labels.forEach(function (label, i) {
      if (good.indexOf(i) >= 0) label.classList.add("ck-is-right");
      else if (res.picked.indexOf(i) >= 0) label.classList.add("ck-is-wrong");
    });
  };
}

function blankBuilder(w) {
  w.inputs = w.q.answer.map(function (accepted, k) {
    var input = el("input", { type: "text", autocomplete: "off", autocapitalize: "off", spellcheck: "false" });
    w.body.appendChild(el("label", { class: "ck-blank-field" }, [el("span", { text: t("blank_label", { n: k + 1 }) }), input]));
    return input;
  });
  w.result = function () {
    return scoreBlank(w.q, w.inputs.map(function (input) { return input.value; }));
  };
  w.snapshot = function () {
    return w.inputs.map(function (input) { return input.value; });
  };
  w.restore = function (values) {
    if (!Array.isArray(values)) return;
    w.inputs.forEach(function (input, k) {
      if (typeof values[k] === "string") input.value = values[k];
    });
  };
  w.correctText = function () {
    return w.q.answerText;
  };
  w.mark = function (res) {
    w.inputs.forEach(function (input, k) {
      input.classList.add(res.each[k] ? "ck-is-right" : "ck-is-wrong");
      if (!res.each[k]) input.setAttribute("aria-invalid", "true");
    });
  };
}

function shortBuilder(w) {
  var input = el("textarea", { rows: "3" });
  w.body.appendChild(el("label", { class: "ck-short" }, [el("span", { text: t("short_label") }), input]));
  w.result = function () {
    return scoreShort(w.q, input.value, w.selfMark);
  };
  w.snapshot = function () {
    return input.value;
  };
  w.restore = function (text) {
    if (typeof text === "string") input.value = text;
  };
  w.correctText = function () {
    return w.q.answerText;
  };
  w.mark = function () {};
  w.input = input;
}

/* A case study's situation (材料), shown above a question of the case: above the first of a run
   in a list, above every one where a question stands alone (the notebook). */
export function materialNode(q) {
  if (!q.case) return null;
  return el("div", { class: "ck-case", "data-ck-case": q.case.id }, [
    el("p", { class: "ck-case-title" }, [el("strong", { text: t("material") + t("colon") }), q.case.title]),
    el("p", { class: "ck-case-material", text: q.case.material }),
  ]);
}

/* Whether ``q`` opens a run of its case in ``list`` at ``index`` (where its material goes). */
export function opensCase(list, index) {
  var q = list[index];
  return Boolean(q.case) && (index === 0 || !list[index - 1].case || list[index - 1].case.id !== q.case.id);
}

/* Explanation, cited articles (links into the citation index) and the way back to the lesson. */
export function explanationNodes(q) {
  var nodes = [labelled(t("explanation"), q.explanation)];
  if (q.sources && q.sources.length) {
    var links = el("span");
    q.sources.forEach(function (s, i) {
      if (i) links.appendChild(document.createTextNode(t("list_sep")));
      links.appendChild(el("a", { class: "ck-source", href: s.href, text: s.label }));
    });
    nodes.push(labelled(t("source"), links));
  }
  if (q.lesson && !samePage(q.lesson.href)) {
    nodes.push(el("p", null, [el("a", { class: "ck-lesson-link", href: q.lesson.href, text: t("back_to_lesson") + t("colon") + q.lesson.title })]));
  }
  return nodes;
}
