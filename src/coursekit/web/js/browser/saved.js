/* The learner's saved state on this page: logic/state.js's store over window.localStorage, with
 * its problems shown as notices, and answers recorded in Leitner boxes.
 */

import { applyAnswer } from "../logic/leitner.js";
import { isoDay } from "../logic/strings.js";
import { addDay } from "../logic/today.js";
import { createStore } from "../logic/store.js";
import { notice } from "./dom.js";

var pageStore = createStore(function () { return window.localStorage; }, notice);

export function loadState() {
  return pageStore.load();
}

/* The backup a learner exports: the state and whatever the page could not read (see createStore). */
export function exportedState() {
  return pageStore.exported();
}

export function updateState(change) {
  return pageStore.update(change);
}

export function recordAnswer(id, right) {
  updateState(function (s) {
    var now = Date.now();
    applyAnswer(s, id, right, now);
    s.days = addDay(s.days, isoDay(now)); // the home page's streak
  });
}
