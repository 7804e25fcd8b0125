/* The mistake notebook (.ck-notebook): mistakes due for review today, to answer again, and the
 * list of every mistake with its Leitner box and the day it comes back. */

import { dayStart, isDue } from "../logic/leitner.js";
import { formatDate, t } from "../logic/strings.js";
import { el, fill } from "../browser/dom.js";
import { loadState } from "../browser/saved.js";
import { fetchBank, withSiteData } from "../browser/site-data.js";
import { practiceItem } from "./practice.js";

export function mountNotebook(box) {
  withSiteData(box, function (box, site) {
    // The questions come from the banks that hold the learner's mistakes, and only those.
    var state = loadState();
    var banks = site.banks || {};
    var needed = Object.keys(banks).filter(function (id) {
      return banks[id].questions.some(function (qid) {
        return state.questions[qid] && state.questions[qid].wrong > 0;
      });
    });
    Promise.all(needed.map(function (id) { return fetchBank(new URL(banks[id].href, site.root).href); })).then(
      function (lists) {
        site.questions = {};
        lists.forEach(function (list) {
          list.forEach(function (q) { site.questions[q.id] = q; });
        });
        renderNotebook(box, site);
      },
      function () {
        fill(box, [el("p", { class: "ck-notice", role: "status", text: t("load_failed") })]);
      }
    );
  });
}

function inSomeBank(site, id) {
  var banks = site.banks || {};
  return Object.keys(banks).some(function (bank) { return banks[bank].questions.indexOf(id) >= 0; });
}

function renderNotebook(box, site) {
  var state = loadState();
  var now = Date.now();
  var ids = Object.keys(state.questions).filter(function (id) {
    return site.questions[id] && state.questions[id].wrong > 0;
  });
  // A mistake whose question has left the banks (retired ids are never reused) is not shown;
  // say so instead of losing it silently.
  var gone = Object.keys(state.questions).filter(function (id) {
    return state.questions[id].wrong > 0 && !inSomeBank(site, id);
  }).length;
  var goneNote = gone ? el("p", { class: "ck-notice ck-gone", role: "status", text: t("nb_gone", { count: gone }) }) : null;
  var byDue = function (a, b) {
    return state.questions[a].due - state.questions[b].due || (a < b ? -1 : 1);
  };
  ids.sort(byDue);
  if (!ids.length) {
    fill(box, [goneNote, el("p", { class: "ck-empty", text: t("nb_empty") })]);
    return;
  }
  var due = ids.filter(function (id) { return isDue(state.questions[id], now); });
  var dueSection = el("section", { class: "ck-due" }, [el("h2", { text: t("nb_due", { count: due.length }) })]);
  if (due.length) {
    var list = el("ol", { class: "ck-questions ck-live-list" });
    due.forEach(function (id, i) {
      list.appendChild(practiceItem(site.questions[id], i + 1, { retry: false, onAnswered: function () { renderAll(); } }));
    });
    dueSection.appendChild(list);
  } else {
    var next = state.questions[ids[0]].due;
    var count = ids.filter(function (id) { return dayStart(state.questions[id].due, 0) === dayStart(next, 0); }).length;
    dueSection.appendChild(el("p", { class: "ck-empty", text: t("nb_none_due") + t("nb_next_due", { date: formatDate(next), count: count }) }));
  }
  var all = el("section", { class: "ck-all" });
  fill(box, [goneNote, dueSection, all]);
  renderAll();

  function renderAll() {
    var fresh = loadState();
    var today = Date.now();
    var rows = ids.slice().sort(function (a, b) {
      return fresh.questions[a].due - fresh.questions[b].due || (a < b ? -1 : 1);
    });
    fill(all, [
      el("h2", { text: t("nb_all", { count: rows.length }) }),
      el("ul", { class: "ck-mistakes" }, rows.map(function (id) {
        var q = site.questions[id];
        var r = fresh.questions[id];
        var when = isDue(r, today) ? t("nb_due_today") : t("nb_due_on", { date: formatDate(r.due) });
        return el("li", { "data-ck-qid": id }, [
          el("span", { class: "ck-mistake-stem", text: q.case ? t("material") + t("colon") + q.case.title + t("dot") + q.stem : q.stem }),
          el("span", { class: "ck-mistake-meta", text: [q.typeLabel, t("nb_wrong_times", { count: r.wrong }), t("nb_box", { box: r.box }), when].join(t("dot")) }),
          q.lesson ? el("a", { href: q.lesson.href, text: t("back_to_lesson") + t("colon") + q.lesson.title }) : null,
        ]);
      })),
    ]);
  }
}
