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
// What the page could not read, kept as it was (newest last) so that it can still be exported.
export var ASIDE_KEY = STORE_KEY + ":aside";
var MAX_ASIDE = 5;
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

function isQuotaError(e) {
  return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
}

/* Reading and writing the state. ``openStorage()`` returns the storage (window.localStorage in
   the browser); it may throw, or the storage may refuse writes (private mode, a disabled
   store), and then the state lives in memory for this page. ``notice(key, values)`` tells the
   learner (keys: storage_unavailable, storage_repaired, storage_set_aside, storage_newer,
   storage_failed).

   Nothing the learner saved is ever lost to a damaged record: a state with bad records keeps
   the good ones (repairState), and whatever the page cannot read is first copied, as it was,
   under ASIDE_KEY, where the export picks it up. A state written by a newer version of the site
   (after a rollback, say) is read as far as this page understands it and never written over:
   answers on this page then live in memory only, and the learner is told. */
export function createStore(openStorage, notice) {
  var storage = null; // the storage when usable, false when not; probed once, lazily
  var memoryState = null; // stands in for the storage when it is not usable or must not be written
  var readOnly = false; // the stored state is one this page must not overwrite

  function usableStorage() {
    if (storage === null) {
      var candidate = null;
      try {
        candidate = openStorage();
        var probe = STORE_KEY + ":probe";
        candidate.setItem(probe, "1");
        candidate.removeItem(probe);
        storage = candidate;
      } catch (e) {
        storage = false;
        // Full, not blocked: what is saved can still be read; saving says the space is full.
        if (candidate && isQuotaError(e)) {
          try {
            candidate.getItem(STORE_KEY);
            storage = candidate;
          } catch (ignored) {
            storage = false;
          }
        }
      }
    }
    return storage;
  }

  function readAside(store) {
    try {
      var list = JSON.parse(store.getItem(ASIDE_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  /* Copy ``raw`` under ASIDE_KEY; false when that cannot be written. */
  function setAside(store, raw) {
    var list = readAside(store);
    if (list.some(function (entry) { return entry && entry.text === raw; })) return true;
    list.push({ at: Date.now(), text: raw });
    try {
      store.setItem(ASIDE_KEY, JSON.stringify(list.slice(-MAX_ASIDE)));
      return true;
    } catch (e) {
      return false;
    }
  }

  function load() {
    var store = usableStorage();
    if (!store) {
      notice("storage_unavailable");
      return memoryState || (memoryState = emptyState());
    }
    if (readOnly) return memoryState;
    var raw = store.getItem(STORE_KEY);
    if (raw === null) return emptyState();
    var value;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      value = undefined;
    }
    if (validState(value)) return value;
    if (isNewerState(value)) {
      readOnly = true;
      notice("storage_newer");
      var readable = repairState(Object.assign({}, value, { version: 1 }));
      memoryState = readable ? readable.state : emptyState();
      memoryState.version = 1;
      return memoryState;
    }
    var repaired = repairState(value);
    if (!setAside(store, raw)) {
      // Not even a copy fits: leave the stored text alone and work in memory.
      readOnly = true;
      notice("storage_failed");
      memoryState = repaired ? repaired.state : emptyState();
      return memoryState;
    }
    var state = repaired ? repaired.state : emptyState();
    if (repaired) notice("storage_repaired", { count: repaired.dropped });
    else notice("storage_set_aside");
    save(state);
    return state;
  }

  function save(state) {
    var store = usableStorage();
    if (!store || readOnly) {
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

  /* What a backup holds: the state, and, as they were, whatever this page could not read (the
     texts set aside, and a newer version's state). */
  function exported() {
    var data = JSON.parse(JSON.stringify(load()));
    var store = usableStorage();
    if (store) {
      var kept = readAside(store).map(function (entry) { return entry.text; });
      if (readOnly) {
        var raw = store.getItem(STORE_KEY);
        if (raw !== null) kept.push(raw);
      }
      if (kept.length) data.set_aside = kept;
    }
    return data;
  }

  return { load: load, save: save, update: update, exported: exported };
}
