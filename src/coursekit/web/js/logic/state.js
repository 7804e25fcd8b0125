/* What the learner did, kept in ONE localStorage key and validated on every read.
 *
 * The state is keyed by question id, so a question whose wording is edited keeps its history:
 *   { version: 1,
 *     questions: { id: { box, due, right, wrong, last } },   Leitner record (logic/leitner.js)
 *     lessons:   { id: { readAt } },
 *     exams:     [ { paper, title, seed, score, total, passed, at } ]   oldest first }
 * Pure apart from the storage object handed to createStore, so `node --test` can run it with a
 * stand-in for localStorage.
 */

import { BOX_DAYS } from "./leitner.js";

export var STORE_KEY = "coursekit:v1";
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
export function validState(s) {
  return (
    isObject(s) && s.version === 1 && isObject(s.questions) && isObject(s.lessons) && Array.isArray(s.exams) &&
    everyValue(s.questions, validRecord) &&
    everyValue(s.lessons, function (l) {
      return isObject(l) && isNumber(l.readAt);
    }) &&
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

/* Add ``other`` (a validated state) into ``state``; the later answer of a question wins.
   Returns how many questions, lessons and exams came from ``other``. */
export function mergeState(state, other) {
  var counts = { questions: 0, lessons: 0, exams: 0 };
  Object.keys(other.questions).forEach(function (id) {
    var mine = state.questions[id];
    if (!mine || other.questions[id].last > mine.last) {
      state.questions[id] = other.questions[id];
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

/* Reading and writing the state. ``openStorage()`` returns the storage (window.localStorage in
   the browser); it may throw, or the storage may refuse writes (private mode, a disabled
   store), and then the state lives in memory for this page. ``notice(key)`` tells the learner
   (keys: storage_unavailable, storage_reset, storage_failed). */
export function createStore(openStorage, notice) {
  var storage = null; // the storage when usable, false when not; probed once, lazily
  var memoryState = null; // stands in for the storage when it is not usable

  function usableStorage() {
    if (storage === null) {
      try {
        var candidate = openStorage();
        var probe = STORE_KEY + ":probe";
        candidate.setItem(probe, "1");
        candidate.removeItem(probe);
        storage = candidate;
      } catch (e) {
        storage = false;
      }
    }
    return storage;
  }

  function load() {
    var store = usableStorage();
    if (!store) {
      notice("storage_unavailable");
      return memoryState || (memoryState = emptyState());
    }
    var raw = store.getItem(STORE_KEY);
    if (raw === null) return emptyState();
    var state = parseState(raw);
    if (state) return state;
    // Damaged, foreign or from another version: start again rather than break the page.
    notice("storage_reset");
    state = emptyState();
    save(state);
    return state;
  }

  function save(state) {
    var store = usableStorage();
    if (!store) {
      memoryState = state;
      return;
    }
    try {
      store.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) {
      notice("storage_failed");
    }
  }

  /* Read, change, write: re-reading first keeps what another tab saved meanwhile. */
  function update(change) {
    var state = load();
    change(state);
    save(state);
    return state;
  }

  return { load: load, save: save, update: update };
}
