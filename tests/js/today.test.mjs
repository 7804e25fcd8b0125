// The home page's "today": reviews due, the next lesson, five questions for the day, the streak.
import { test } from "node:test";
import assert from "node:assert/strict";

import { addDay, dailyPick, dueIds, nextLesson, streak } from "../../src/coursekit/web/js/logic/today.js";

const lesson = (id, questions = []) => ({ id, title: id, href: `courses/${id}/`, questions });
const COURSES = [
  { id: "a", title: "A", href: "courses/a/", lessons: [lesson("a/1", ["q1", "q2"]), lesson("a/2", ["q3"]), lesson("a/3", ["q4", "q5", "q6"])] },
  { id: "b", title: "B", href: "courses/b/", lessons: [lesson("b/1", ["q7", "q8", "q9"])] },
];
const rec = (over) => ({ box: 1, due: 0, right: 0, wrong: 1, last: 0, ...over });
const empty = () => ({ version: 1, questions: {}, lessons: {}, exams: [] });

test("reviews due: mistakes whose day has come, the longest waiting first", () => {
  const s = empty();
  s.questions = { q1: rec({ due: 50 }), q2: rec({ due: 10 }), q3: rec({ due: 500 }), q4: { box: 3, due: 5, right: 2, wrong: 0, last: 1 } };
  assert.deepEqual(dueIds(s, 100), ["q2", "q1"]);
});

test("the next lesson: the first when nothing is read, then where the learner left off", () => {
  const s = empty();
  assert.deepEqual(nextLesson(COURSES, s), { course: COURSES[0], lesson: COURSES[0].lessons[0], started: false });
  s.lessons = { "a/1": { readAt: 1 }, "b/1": { readAt: 2 } };
  assert.equal(nextLesson(COURSES, s).lesson.id, "a/2"); // course b is done: back to a
  s.lessons = { "a/2": { readAt: 5 }, "a/1": { readAt: 1 } };
  assert.equal(nextLesson(COURSES, s).lesson.id, "a/3");
  s.lessons = { "a/3": { readAt: 9 } };
  assert.equal(nextLesson(COURSES, s).lesson.id, "a/1"); // the course's unread lessons before moving on
  s.lessons = { "a/1": { readAt: 1 }, "a/2": { readAt: 1 }, "a/3": { readAt: 1 }, "b/1": { readAt: 1 } };
  assert.equal(nextLesson(COURSES, s), null);
});

test("five a day: due reviews first, then new questions of lessons read, never a retired id", () => {
  const s = empty();
  assert.deepEqual(dailyPick(COURSES, s, 100), []); // nothing read, nothing due
  s.lessons = { "a/1": { readAt: 1 }, "a/3": { readAt: 2 } };
  s.questions = { q5: rec({ due: 20 }), gone: rec({ due: 1 }), q1: { box: 2, due: 900, right: 1, wrong: 0, last: 1 } };
  assert.deepEqual(dailyPick(COURSES, s, 100), ["q5", "q2", "q4", "q6"]);
  assert.deepEqual(dailyPick(COURSES, s, 100, 2), ["q5", "q2"]);
});

test("the streak counts days in a row up to today, or up to yesterday until today is studied", () => {
  let days = [];
  for (const d of ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-01", "2026-03-02"]) days = addDay(days, d);
  assert.deepEqual(days, ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  assert.equal(streak(days, "2026-03-02"), 4); // across the end of February
  assert.equal(streak(days, "2026-03-03"), 4); // not yet studied today: still alive
  assert.equal(streak(days, "2026-03-04"), 0);
  assert.equal(streak(addDay(days, "2026-03-04"), "2026-03-04"), 1);
  assert.equal(streak(undefined, "2026-03-04"), 0);
});
