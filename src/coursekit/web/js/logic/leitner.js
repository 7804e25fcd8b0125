/* Leitner boxes: when a question the learner got wrong comes back for review, and what counts
 * as mastered. Pure: the caller passes the state and the time.
 */

export var BOX_DAYS = [1, 2, 4, 8, 16]; // boxes 1..5: days until the next review

/* Local midnight ``days`` days after ``time``: reviews fall due at the start of a day, so an
   answer at 23:50 and one at 00:10 are reviewed on different days, as a learner counts them. */
export function dayStart(time, days) {
  var d = new Date(time);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

export function newRecord() {
  return { box: 0, due: 0, right: 0, wrong: 0, last: 0 };
}

/* Record an answer to question ``id`` in ``state`` at time ``now``.
   Wrong: box 1, review tomorrow. Right: next box, but only when the review was due (or the
   question is new), so answering again straight away cannot fake a spaced review. */
export function applyAnswer(state, id, right, now) {
  var r = state.questions[id] || newRecord();
  state.questions[id] = r;
  r.last = now;
  if (!right) {
    r.wrong += 1;
    r.box = 1;
  } else {
    r.right += 1;
    if (r.box === 0) r.box = 2;
    else if (now >= r.due) r.box = Math.min(BOX_DAYS.length, r.box + 1);
    else return r;
  }
  r.due = dayStart(now, BOX_DAYS[r.box - 1]);
  return r;
}

export function isMastered(r) {
  return !!r && r.box >= 2;
}

/* In the notebook's review list: a mistake whose review day has come. */
export function isDue(r, now) {
  return r.wrong > 0 && now >= r.due;
}

/* Lessons read and questions mastered out of a course's (or any list's) lessons and questions. */
export function courseStats(lessonIds, questionIds, state) {
  return {
    read: lessonIds.filter(function (id) { return !!state.lessons[id]; }).length,
    lessons: lessonIds.length,
    mastered: questionIds.filter(function (id) { return isMastered(state.questions[id]); }).length,
    questions: questionIds.length,
  };
}
