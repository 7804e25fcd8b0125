/* The entry module of the course and lesson pages (courses/): joined into
 * assets/coursekit/coursekit-lessons.js, which those pages load instead of coursekit.js. It mounts
 * only what they hold: a lesson's reading progress and reading aloud, its practice questions, and
 * a course's progress: about half the bytes of coursekit.js, on the pages a phone opens most. Every
 * other page loads main.js, which mounts these and the rest. */

import { mountOnPage } from "./browser/mount.js";
import { mountCourseProgress } from "./components/course-progress.js";
import { mountLesson } from "./components/lesson.js";
import { mountQuiz } from "./components/practice.js";

mountOnPage([
  [".ck-quiz", mountQuiz],
  [".ck-course-progress", mountCourseProgress],
  [".ck-meta[data-ck-lesson]", mountLesson],
]);
