/* The learner's day on the home page: reviews due, where they left off, five questions for
 * today, and how many days in a row they have studied. Pure: state, site data and time come in.
 * ``courses`` is site-data.json's list: [{ id, title, href, lessons: [{ id, title, href, questions }] }].
 */

import { isDue } from "./leitner.js";

export var DAILY_COUNT = 5;
var MAX_DAYS = 400; // days of study kept for the streak: more than a year

/* Ids of the mistakes due for review at ``now``, the longest waiting first. */
export function dueIds(state, now) {
  return Object.keys(state.questions)
    .filter(function (id) { return isDue(state.questions[id], now); })
    .sort(function (a, b) { return state.questions[a].due - state.questions[b].due || (a < b ? -1 : 1); });
}

/* The lesson to read next: after the lesson read last, the next unread one of its course (else
   any unread one of that course, else of the other courses); the first lesson when nothing is
   read; null when everything is. ``{ course, lesson, started }``. */
export function nextLesson(courses, state) {
  var lastCourse = -1;
  var lastLesson = -1;
  var lastTime = -Infinity;
  courses.forEach(function (course, c) {
    course.lessons.forEach(function (lesson, l) {
      var read = state.lessons[lesson.id];
      if (read && read.readAt > lastTime) {
        lastTime = read.readAt;
        lastCourse = c;
        lastLesson = l;
      }
    });
  });
  if (lastCourse < 0) {
    var first = courses.filter(function (course) { return course.lessons.length; })[0];
    return first ? { course: first, lesson: first.lessons[0], started: false } : null;
  }
  var order = [];
  var course = courses[lastCourse];
  course.lessons.slice(lastLesson + 1).concat(course.lessons.slice(0, lastLesson)).forEach(function (lesson) { order.push([course, lesson]); });
  courses.forEach(function (other, c) {
    if (c !== lastCourse) other.lessons.forEach(function (lesson) { order.push([other, lesson]); });
  });
  var next = order.filter(function (pair) { return !state.lessons[pair[1].id]; })[0];
  return next ? { course: next[0], lesson: next[1], started: true } : null;
}

/* Today's practice: due reviews first, then questions never answered from lessons already read,
   in the order of the courses; at most ``count``. Only ids the site still has. */
export function dailyPick(courses, state, now, count) {
  var known = {};
  var fresh = [];
  courses.forEach(function (course) {
    course.lessons.forEach(function (lesson) {
      lesson.questions.forEach(function (id) {
        known[id] = true;
        if (state.lessons[lesson.id] && !state.questions[id]) fresh.push(id);
      });
    });
  });
  var due = dueIds(state, now).filter(function (id) { return known[id]; });
  var picked = due.concat(fresh.filter(function (id) { return due.indexOf(id) < 0; }));
  return picked.slice(0, count === undefined ? DAILY_COUNT : count);
}

/* ``days`` (ISO dates, oldest first) with ``day`` added once. */
export function addDay(days, day) {
  var list = Array.isArray(days) ? days.filter(function (d) { return typeof d === "string"; }) : [];
  if (list.indexOf(day) < 0) list.push(day);
  list.sort();
  return list.slice(-MAX_DAYS);
}

function previousDay(day) {
  var parts = day.split("-").map(Number);
  var d = new Date(parts[0], parts[1] - 1, parts[2] - 1);
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

/* Days in a row with study, ending today, or yesterday when today has none yet (the streak is
   still alive until the day is over). */
export function streak(days, today) {
  var set = {};
  (Array.isArray(days) ? days : []).forEach(function (d) { set[d] = true; });
  var day = set[today] ? today : previousDay(today);
  var count = 0;
  while (set[day]) {
    count += 1;
    day = previousDay(day);
  }
  return count;
}
