/* A lesson page (.ck-meta[data-ck-lesson]): the lesson counts as read once its end (the pager
 * under the lesson) has been on screen, and says so in its meta line; 听课文 reads it aloud
 * (components/read-aloud.js). */

import { t } from "../logic/strings.js";
import { el } from "../browser/dom.js";
import { loadState, updateState } from "../browser/saved.js";
import { mountReadAloud } from "./read-aloud.js";

export function mountLesson(meta) {
  var id = meta.getAttribute("data-ck-lesson");
  mountReadAloud(meta);
  function showRead() {
    if (!meta.querySelector(".ck-read-mark")) meta.appendChild(el("span", { class: "ck-read-mark", text: t("dot") + t("lesson_read") }));
  }
  function markRead() {
    updateState(function (s) {
      if (!s.lessons[id]) s.lessons[id] = { readAt: Date.now() };
    });
    showRead();
  }
  if (loadState().lessons[id]) return showRead();
  var end = document.querySelector(".ck-pager") || (document.querySelector("article") || document.body).lastElementChild;
  if (!("IntersectionObserver" in window) || !end) return markRead();
  var watcher = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) {
      watcher.disconnect();
      markRead();
    }
  });
  watcher.observe(end);
}
