/* A course page's progress line (.ck-course-progress): lessons read and questions mastered. */

import { courseStats } from "../logic/leitner.js";
import { t } from "../logic/strings.js";
import { el, fill, words } from "../browser/dom.js";
import { loadState } from "../browser/saved.js";

export function mountCourseProgress(node) {
  var stats = courseStats(words(node, "data-ck-lessons"), words(node, "data-ck-questions"), loadState());
  fill(node, [el("p", { class: "ck-course-line", text: t("course_progress", stats) })]);
}
