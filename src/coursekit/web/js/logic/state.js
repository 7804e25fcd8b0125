/* What the learner did, kept in ONE localStorage key and validated on every read.
 *
 * The state is keyed by question id, so a question whose wording is edited keeps its history:
 *   { version: 1,
 *     questions: { id: { box, due, right, wrong, last } },   Leitner record (logic/leitner.js)
 *     lessons:   { id: { readAt } },
 *     exams:     [ { paper, title, seed, score, total, passed, at } ]   oldest first }
 * Pure: its shape, validation, repair and merging. Reading and writing it is logic/store.js.
 */

import { BOX_DAYS } from "./leitner.js";

export var STORE_KEY = "coursekit:v1";
// What the page could not read, kept as it was (newest last) so that it can still be exported.
export var ASIDE_KEY = STORE_KEY + ":aside";
export var MAX_EXAMS = 100; // exam history kept, newest last

export function emptyState() {
  return { version: 1, questions: {}, lessons: {}, exams: [] };
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function isNumber(v) {
  return typeof v === "number" && isFinite(v);
}
function isCount(v) {
  return isNumber(v) && v >= 0 && Math.floor(v) === v;
}
function everyValue(obj, test) {
  return Object.keys(obj).every(function (key) {
    return test(obj[key]);
  });
}
export function validRecord(r) {
  return isObject(r) && isCount(r.box) && r.box >= 1 && r.box <= BOX_DAYS.length && isNumber(r.due) && isCount(r.right) && isCount(r.wrong) && isNumber(r.last);
}
export function validExam(x) {
  return isObject(x) && typeof x.paper === "string" && typeof x.title === "string" && isCount(x.seed) && isNumber(x.score) && isNumber(x.total) && typeof x.passed === "boolean" && isNumber(x.at);
}
function validLesson(l) {
  return isObject(l) && isNumber(l.readAt);
}
export function validState(s) {
  return (
    isObject(s) && s.version === 1 && isObject(s.questions) && isObject(s.lessons) && Array.isArray(s.exams) &&
    everyValue(s.questions, validRecord) &&
    everyValue(s.lessons, validLesson) &&
    s.exams.every(validExam)
  );
}

/* The state in ``text`` (a stored value or an imported backup file), or null when it is not
   valid JSON or not a valid state. */
export function parseState(text) {
  try {
    var value = JSON.parse(text);
    return validState(value) ? value : null;
  } catch (e) {
    return null;
  }
}

/* A version-1 state rebuilt record by record: what is valid is kept, what is not is dropped and
   counted. ``{ state, dropped }``, or null when ``value`` is no version-1 state at all (not an
   object, or another version). Fields this page does not know are kept as they are. */
export function repairState(value) {
  if (!isObject(value) || value.version !== 1) return null;
  var state = {};
  Object.keys(value).forEach(function (key) {
    state[key] = value[key];
  });
  var fresh = emptyState();
  var dropped = 0;
  ["questions", "lessons"].forEach(function (part) {
    state[part] = fresh[part];
    var valid = part === "questions" ? validRecord : validLesson;
    if (isObject(value[part])) {
      Object.keys(value[part]).forEach(function (id) {
        if (valid(value[part][id])) state[part][id] = value[part][id];
        else dropped += 1;
      });
    } else if (value[part] !== undefined) {
      dropped += 1;
    }
  });
  state.exams = [];
  if (Array.isArray(value.exams)) {
    value.exams.forEach(function (x) {
      if (validExam(x)) state.exams.push(x);
      else dropped += 1;
    });
  } else if (value.exams !== undefined) {
    dropped += 1;
  }
  return { state: state, dropped: dropped };
}

/* A backup (a file, or text pasted from a chat) read as stored data is: record by record, so
   one bad record costs only itself. ``{ state, dropped }``, or null when the text is no learning
   record at all. A newer version's backup is read as far as this page understands it. */
export function readBackup(text) {
  var value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (isNewerState(value)) value = Object.assign({}, value, { version: 1 });
  var repaired = repairState(value);
  if (!repaired || !(isObject(value.questions) || isObject(value.lessons) || Array.isArray(value.exams))) return null;
  return repaired;
}

/* A saved state from a newer version of the site (``version`` above 1): read, never written. */
export function isNewerState(value) {
  return isObject(value) && isNumber(value.version) && value.version > 1;
}

/* One question's record from two devices. The counts keep both histories: the larger of each,
   not the sum, because a backup imported twice, or carried back to the device it came from,
   holds the same attempts again. Box, review day and time of the last answer come from the
   record answered last: a later wrong answer puts the question back in box 1, an earlier one
   does not undo later right answers. */
export function mergeRecord(mine, theirs) {
  var later = theirs.last > mine.last ? theirs : mine;
  return { box: later.box, due: later.due, right: Math.max(mine.right, theirs.right), wrong: Math.max(mine.wrong, theirs.wrong), last: later.last };
}

function sameRecord(a, b) {
  return a.box === b.box && a.due === b.due && a.right === b.right && a.wrong === b.wrong && a.last === b.last;
}

/* Add ``other`` (a validated state) into ``state``, question by question (mergeRecord), so no
   device's history is lost. Returns how many questions, lessons and exams changed. */
export function mergeState(state, other) {
  var counts = { questions: 0, lessons: 0, exams: 0 };
  Object.keys(other.questions).forEach(function (id) {
    var mine = state.questions[id];
    var merged = mine ? mergeRecord(mine, other.questions[id]) : other.questions[id];
    if (!mine || !sameRecord(mine, merged)) {
      state.questions[id] = merged;
      counts.questions += 1;
    }
  });
  Object.keys(other.lessons).forEach(function (id) {
    if (!state.lessons[id]) {
      state.lessons[id] = other.lessons[id];
      counts.lessons += 1;
    }
  });
  var seen = {};
  state.exams.forEach(function (x) {
    seen[x.paper + "|" + x.seed + "|" + x.at] = true;
  });
  other.exams.forEach(function (x) {
    if (!seen[x.paper + "|" + x.seed + "|" + x.at]) {
      state.exams.push(x);
      counts.exams += 1;
    }
  });
  state.exams.sort(function (a, b) {
    return a.at - b.at;
  });
  state.exams = state.exams.slice(-MAX_EXAMS);
  return counts;
}
