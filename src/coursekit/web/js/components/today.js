/* The home page's "today" (.ck-today): reviews due (今天要复习 N 题), the next lesson where the
 * learner left off, 每日一练 of five questions answered right there, and the streak. All from
 * this browser's record; nothing is sent anywhere.
 *
 * The block is hand-written in docs/index.md, where the HTML sanitiser keeps no data- attributes:
 * it holds a link to the progress page instead, which also serves readers without JavaScript,
 * and the site's root (and so site-data.json, per language) is found from that link.
 */

import { formatDate, isoDay, t } from "../logic/strings.js";
import { DAILY_COUNT, dailyPick, dueIds, nextLesson, streak } from "../logic/today.js";
import { el, fill } from "../browser/dom.js";
import { loadState } from "../browser/saved.js";
import { fetchBank, fetchSiteData } from "../browser/site-data.js";
import { practiceItem } from "./practice.js";

export function mountToday(box) {
  var link = box.querySelector("a[href]");
  if (!link) return;
  var root = new URL("../", link.href); // the link goes to <root>/progress/
  fetchSiteData(new URL("assets/coursekit/site-data.json", root).href).then(function (site) {
    renderToday(box, site, root);
  }, function () { /* keep the link: the page works without the block */ });
}

function renderToday(box, site, root) {
  var state = loadState();
  var now = Date.now();
  var due = dueIds(state, now);
  var next = nextLesson(site.courses, state);
  var days = streak(state.days, isoDay(now));
  var pick = dailyPick(site.courses, state, now, DAILY_COUNT);
  var page = function (href) { return new URL(href, root).href; };

  var lines = el("ul", { class: "ck-today-lines" }, [
    el("li", { class: "ck-today-due" }, due.length
      ? [el("a", { href: page("notebook/"), text: t("today_due", { count: due.length }) })]
      : [t("today_none_due")]),
    el("li", { class: "ck-today-next" }, next
      ? [el("a", { href: page(next.lesson.href), text: t(next.started ? "today_next" : "today_start", { title: next.lesson.title, course: next.course.title }) })]
      : [t("today_all_read")]),
    el("li", { class: "ck-today-streak", text: days ? t("today_streak", { days: days }) : t("today_streak_zero") }),
  ]);
  var daily = el("section", { class: "ck-daily" }, [el("h3", { text: pick.length ? t("today_daily", { count: pick.length }) : t("today_daily_plain") })]);
  fill(box, [el("h2", { text: t("today_title", { date: formatDate(now) }) }), lines, daily]);
  if (!pick.length) {
    daily.appendChild(el("p", { class: "ck-empty", text: t("today_daily_none") }));
    return;
  }
  var banks = site.banks || {};
  var needed = Object.keys(banks).filter(function (id) {
    return banks[id].questions.some(function (qid) { return pick.indexOf(qid) >= 0; });
  });
  Promise.all(needed.map(function (id) { return fetchBank(new URL(banks[id].href, root).href); })).then(function (lists) {
    var byId = {};
    lists.forEach(function (list) { list.forEach(function (q) { byId[q.id] = q; }); });
    var list = el("ol", { class: "ck-questions ck-live-list" });
    pick.filter(function (id) { return byId[id]; }).forEach(function (id, i) {
      list.appendChild(practiceItem(byId[id], i + 1, { retry: false, onAnswered: function () { refreshLines(); } }));
    });
    daily.appendChild(list);
  }, function () {
    daily.appendChild(el("p", { class: "ck-notice", role: "status", text: t("load_failed") }));
  });

  /* After an answer: the count of reviews and the streak change, the questions stay. */
  function refreshLines() {
    var fresh = loadState();
    var stillDue = dueIds(fresh, Date.now());
    fill(lines.querySelector(".ck-today-due"), stillDue.length ? [el("a", { href: page("notebook/"), text: t("today_due", { count: stillDue.length }) })] : [t("today_none_due")]);
    lines.querySelector(".ck-today-streak").textContent = t("today_streak", { days: streak(fresh.days, isoDay(Date.now())) });
  }
}
