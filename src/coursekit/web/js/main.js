/* coursekit's browser code: practice, exams, the mistake notebook and progress, in the
 * learner's browser. This is the entry module; coursekit.site.browser_code joins it and every
 * module it imports into one assets/coursekit/coursekit.js (see docs/dev/architecture.md). The
 * pages of courses/ load main-lessons.js instead, joined into coursekit-lessons.js: the same
 * components less those only other pages hold.
 *
 * Plain script, no framework, no network call except the site's own data files (site-data.json
 * and the banks' files, for practice sets and exam draws). Every text a learner sees comes from
 * window.CK_STRINGS (the `ui:` keys of locales/*.yml).
 *
 *   logic/       pure: saved state, Leitner boxes, the seeded draw, scoring, result slips,
 *                strings; no DOM, loaded by `node --test tests/js/`
 *   browser/     the page: DOM helpers, the saved state over localStorage, the site's data files
 *   components/  one mount function per kind of block on a page, and the widgets they use
 */

import { mountOnPage } from "./browser/mount.js";
import { mountCourseProgress } from "./components/course-progress.js";
import { mountExam } from "./components/exam.js";
import { mountLesson } from "./components/lesson.js";
import { mountNotebook } from "./components/notebook.js";
import { mountProgress } from "./components/progress.js";
import { mountQuiz } from "./components/practice.js";
import { mountToday } from "./components/today.js";

/* Which component mounts on which element. */
var COMPONENTS = [
  [".ck-quiz", mountQuiz],
  [".ck-exam", mountExam],
  [".ck-notebook", mountNotebook],
  [".ck-progress", mountProgress],
  [".ck-course-progress", mountCourseProgress],
  [".ck-meta[data-ck-lesson]", mountLesson],
  [".ck-today", mountToday],
];

mountOnPage(COMPONENTS);
