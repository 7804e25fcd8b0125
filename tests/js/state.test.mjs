// The saved state: what counts as valid, what garbage is refused (and the store starts again),
// how a backup merges in, and the store over a storage that may be missing, full or damaged.
import { test } from "node:test";
import assert from "node:assert/strict";

import { ASIDE_KEY, emptyState, MAX_EXAMS, mergeRecord, mergeState, parseState, readBackup, repairState, STORE_KEY, validState } from "../../src/coursekit/web/js/logic/state.js";
import { createStore } from "../../src/coursekit/web/js/logic/store.js";

const record = (over = {}) => ({ box: 2, due: 1_700_000_000_000, right: 1, wrong: 1, last: 1_699_000_000_000, ...over });
const exam = (over = {}) => ({ paper: "sanhui-yike-ceshi", title: "测试", seed: 2026, score: 62, total: 100, passed: true, at: 1_699_000_000_000, ...over });
const state = (over = {}) => ({ version: 1, questions: { "shyk-001": record() }, lessons: { "sanhui-yike/dangyuan-dahui": { readAt: 1 } }, exams: [exam()], ...over });

test("a valid state, and an empty one, are accepted as they are", () => {
  assert.ok(validState(emptyState()));
  assert.deepEqual(parseState(JSON.stringify(state())), state());
  const extra = state({ note: "kept" });
  assert.deepEqual(parseState(JSON.stringify(extra)), extra);
});

const GARBAGE = {
  "not JSON": ["", "{", "coursekit", "undefined", "{'version': 1}"],
  "JSON but no state": ["null", "42", '"state"', "[]", "true", "{}"],
  "another version": [state({ version: 2 }), state({ version: "1" }), state({ version: undefined })],
  "questions not a map": [state({ questions: [] }), state({ questions: null }), state({ questions: "shyk-001" })],
  "a damaged Leitner record": [
    ...[0, 6, 1.5, -1, "2", null].map((box) => state({ questions: { q: record({ box }) } })),
    ...[null, "soon", undefined].map((due) => state({ questions: { q: record({ due }) } })),
    ...[-1, 1.5, "3", null].map((right) => state({ questions: { q: record({ right }) } })),
    ...[-1, 0.5, "1"].map((wrong) => state({ questions: { q: record({ wrong }) } })),
    state({ questions: { q: record({ last: "yesterday" }) } }),
    state({ questions: { q: null } }),
    state({ questions: { q: [2, 0, 1, 0, 0] } }),
  ],
  "a damaged lesson": [state({ lessons: { l: {} } }), state({ lessons: { l: { readAt: "today" } } }), state({ lessons: { l: true } }), state({ lessons: [] })],
  "a damaged exam history": [
    state({ exams: {} }),
    state({ exams: [null] }),
    state({ exams: [exam({ paper: 7 })] }),
    state({ exams: [exam({ title: undefined })] }),
    state({ exams: [exam({ seed: -1 })] }),
    state({ exams: [exam({ seed: 1.5 })] }),
    state({ exams: [exam({ score: "62" })] }),
    state({ exams: [exam({ total: null })] }),
    state({ exams: [exam({ passed: "yes" })] }),
    state({ exams: [exam({ at: undefined })] }),
  ],
};

for (const [kind, values] of Object.entries(GARBAGE)) {
  test(`refused: ${kind}`, () => {
    for (const value of values) {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      assert.equal(parseState(text), null, text);
    }
  });
}

test("merging a backup: each question keeps both devices' history, lessons read stay read", () => {
  const mine = state({ questions: { a: record({ last: 10 }), b: record({ last: 30, box: 4 }) }, lessons: { l1: { readAt: 5 } }, exams: [] });
  const other = state({ questions: { a: record({ last: 20, box: 1 }), b: record({ last: 25 }), c: record() }, lessons: { l1: { readAt: 99 }, l2: { readAt: 7 } }, exams: [] });
  const counts = mergeState(mine, other);
  assert.deepEqual(counts, { questions: 2, lessons: 1, exams: 0 });
  assert.equal(mine.questions.a.box, 1);
  assert.equal(mine.questions.b.box, 4);
  assert.ok(mine.questions.c);
  assert.deepEqual(mine.lessons, { l1: { readAt: 5 }, l2: { readAt: 7 } });
});

test("merging a backup: 'right twice, box 2' survives a device that got the question wrong once", () => {
  const DAY = 86_400_000;
  const oldPhone = { box: 2, due: 5 * DAY, right: 2, wrong: 0, last: 3 * DAY };
  // The other phone's wrong answer came first: the later right answers decide box and review day.
  const earlier = { box: 1, due: 2 * DAY, right: 0, wrong: 1, last: 1 * DAY };
  const mine = state({ questions: { q: { ...oldPhone } }, exams: [] });
  assert.deepEqual(mergeState(mine, state({ questions: { q: earlier }, exams: [] })), { questions: 1, lessons: 0, exams: 0 });
  assert.deepEqual(mine.questions.q, { box: 2, due: 5 * DAY, right: 2, wrong: 1, last: 3 * DAY });
  // The other phone's wrong answer came last: both rights are still counted, and the mistake is due again.
  const later = { box: 1, due: 5 * DAY, right: 0, wrong: 1, last: 4 * DAY };
  assert.deepEqual(mergeRecord(oldPhone, later), { box: 1, due: 5 * DAY, right: 2, wrong: 1, last: 4 * DAY });
  // Importing the same backup again, or a device's own backup, changes nothing.
  const again = JSON.parse(JSON.stringify(mine));
  assert.deepEqual(mergeState(again, state({ questions: { q: earlier }, exams: [] })).questions, 0);
  assert.deepEqual(again, mine);
  assert.deepEqual(mergeState(again, JSON.parse(JSON.stringify(mine))), { questions: 0, lessons: 0, exams: 0 });
});

test("repairing a state keeps every valid record and counts the others", () => {
  const damaged = state({
    questions: { good: record(), box7: record({ box: 7 }), half: record({ right: 1.5 }), fine: record({ box: 5 }) },
    lessons: { read: { readAt: 1 }, bad: { readAt: "today" } },
    exams: [exam(), exam({ score: "80" }), exam({ at: 5 })],
    note: "kept",
  });
  const { state: repaired, dropped } = repairState(damaged);
  assert.equal(dropped, 4);
  assert.deepEqual(Object.keys(repaired.questions).sort(), ["fine", "good"]);
  assert.deepEqual(Object.keys(repaired.lessons), ["read"]);
  assert.deepEqual(repaired.exams.map((x) => x.at), [exam().at, 5]);
  assert.equal(repaired.note, "kept");
  assert.ok(validState(repaired));
  assert.deepEqual(repairState(state({ questions: [] })).dropped, 1);
  for (const value of [null, [], "x", 7, state({ version: 2 }), {}]) assert.equal(repairState(value), null, JSON.stringify(value));
});

test("merging a backup: exams counted once, in time order, the newest kept", () => {
  const mine = state({ exams: [exam({ at: 30 }), exam({ at: 10 })] });
  const other = state({ exams: [exam({ at: 10 }), exam({ at: 20 }), exam({ at: 10, seed: 5 })] });
  assert.equal(mergeState(mine, other).exams, 2);
  assert.deepEqual(mine.exams.map((x) => [x.at, x.seed]), [[10, 2026], [10, 5], [20, 2026], [30, 2026]]);
  const many = state({ exams: Array.from({ length: MAX_EXAMS }, (_, i) => exam({ at: 1000 + i })) });
  const older = state({ exams: [exam({ at: 1 })] });
  mergeState(many, older);
  assert.equal(many.exams.length, MAX_EXAMS);
  assert.equal(many.exams[0].at, 1000);
});

/* A localStorage stand-in; ``refuse`` makes setItem throw as a full or disabled storage does. */
function fakeStorage(items = {}, refuse = () => false) {
  return {
    items,
    getItem: (key) => (key in items ? items[key] : null),
    setItem(key, value) {
      if (refuse(key)) throw new Error("QuotaExceededError");
      items[key] = String(value);
    },
    removeItem: (key) => delete items[key],
  };
}

// Notices the older tests compare as bare keys.
const NOTICE_ONLY = new Set(["storage_unavailable", "storage_failed"]);

function storeOver(storage) {
  const notices = [];
  const store = createStore(() => {
    if (storage instanceof Error) throw storage;
    return storage;
  }, (key, values) => notices.push(values === undefined && NOTICE_ONLY.has(key) ? key : [key, values]));
  return { store, notices };
}

test("no saved state yet: an empty state, nothing written, no notice", () => {
  const storage = fakeStorage();
  const { store, notices } = storeOver(storage);
  assert.deepEqual(store.load(), emptyState());
  assert.deepEqual(storage.items, {});
  assert.deepEqual(notices, []);
});

test("a saved state is read back as saved", () => {
  const storage = fakeStorage({ [STORE_KEY]: JSON.stringify(state()) });
  const { store, notices } = storeOver(storage);
  assert.deepEqual(store.load(), state());
  assert.deepEqual(notices, []);
});

test("a saved state with bad records: the good ones are kept, the learner told how many, the original set aside", () => {
  const raw = JSON.stringify(state({ questions: { good: record(), bad: record({ box: 7 }), worse: record({ right: 1.5 }) }, exams: [exam(), exam({ score: "80" })] }));
  const storage = fakeStorage({ [STORE_KEY]: raw });
  const { store, notices } = storeOver(storage);
  const loaded = store.load();
  assert.deepEqual(Object.keys(loaded.questions), ["good"]);
  assert.equal(loaded.exams.length, 1);
  assert.deepEqual(notices, [["storage_repaired", { count: 3 }]]);
  assert.deepEqual(JSON.parse(storage.items[STORE_KEY]), loaded);
  assert.deepEqual(JSON.parse(storage.items[ASIDE_KEY]).map((entry) => entry.text), [raw]);
  assert.deepEqual(store.exported().set_aside, [raw]);
  // Read again: repaired, so no notice any more.
  const again = storeOver(storage);
  assert.deepEqual(again.store.load(), loaded);
  assert.deepEqual(again.notices, []);
});

test("a saved state that cannot be read at all is set aside as it was, not wiped", () => {
  for (const raw of ["{", "null", "[1,2]", JSON.stringify({ theme: "dark" })]) {
    const storage = fakeStorage({ [STORE_KEY]: raw });
    const { store, notices } = storeOver(storage);
    assert.deepEqual(store.load(), emptyState(), raw);
    assert.deepEqual(notices, [["storage_set_aside", undefined]], raw);
    assert.deepEqual(JSON.parse(storage.items[ASIDE_KEY]).map((entry) => entry.text), [raw]);
    assert.deepEqual(store.exported().set_aside, [raw]);
  }
});

test("a state saved by a newer version is read but never written over", () => {
  const raw = JSON.stringify({ ...state({ questions: { q: record(), odd: { box: 1, newField: true } } }), version: 2 });
  const storage = fakeStorage({ [STORE_KEY]: raw });
  const { store, notices } = storeOver(storage);
  const loaded = store.load();
  assert.deepEqual(Object.keys(loaded.questions), ["q"]);
  store.update((s) => { s.lessons.here = { readAt: 9 }; });
  assert.deepEqual(store.load().lessons.here, { readAt: 9 }); // for this page
  assert.equal(storage.items[STORE_KEY], raw); // the newer state untouched
  assert.deepEqual(notices, [["storage_newer", undefined]]);
  assert.deepEqual(store.exported().set_aside, [raw]);
});

test("when even the copy does not fit, the stored text is left alone", () => {
  const raw = JSON.stringify(state({ questions: { bad: record({ box: 9 }) } }));
  const storage = fakeStorage({ [STORE_KEY]: raw }, (key) => key === ASIDE_KEY);
  const { store, notices } = storeOver(storage);
  store.update((s) => { s.lessons.x = { readAt: 1 }; });
  assert.equal(storage.items[STORE_KEY], raw);
  assert.deepEqual(notices, ["storage_failed"]);
});

test("no storage at all (blocked, or private mode refusing writes): kept in memory for the page", () => {
  for (const storage of [new Error("SecurityError"), fakeStorage({}, () => true), null]) {
    const { store, notices } = storeOver(storage);
    const s = store.load();
    assert.deepEqual(s, emptyState());
    s.lessons.l = { readAt: 1 };
    store.save(s);
    assert.deepEqual(store.load().lessons, { l: { readAt: 1 } });
    store.update((st) => { st.lessons.m = { readAt: 2 }; });
    assert.deepEqual(Object.keys(store.load().lessons), ["l", "m"]);
    assert.ok(notices.length >= 1 && notices.every((key) => key === "storage_unavailable"), String(storage));
  }
});

test("a full storage: the learner is told the answer was not saved", () => {
  let full = false;
  const storage = fakeStorage({}, (key) => full && key === STORE_KEY);
  const { store, notices } = storeOver(storage);
  store.save(state());
  full = true;
  store.update((s) => { s.lessons.new = { readAt: 3 }; });
  assert.deepEqual(notices, ["storage_failed"]);
  assert.deepEqual(JSON.parse(storage.items[STORE_KEY]), state());
});

test("update reads first, so what another tab saved meanwhile is kept", () => {
  const storage = fakeStorage();
  const { store } = storeOver(storage);
  store.update((s) => { s.lessons.here = { readAt: 1 }; });
  const elsewhere = JSON.parse(storage.items[STORE_KEY]);
  elsewhere.lessons.there = { readAt: 2 };
  storage.items[STORE_KEY] = JSON.stringify(elsewhere); // the other tab
  store.update((s) => { s.lessons.again = { readAt: 3 }; });
  assert.deepEqual(Object.keys(JSON.parse(storage.items[STORE_KEY]).lessons).sort(), ["again", "here", "there"]);
});

test("the probe key is removed again", () => {
  const storage = fakeStorage();
  storeOver(storage).store.save(emptyState());
  assert.deepEqual(Object.keys(storage.items), [STORE_KEY]);
});

test("a full storage at the first visit: what is saved is still read, and saving says the space is full", () => {
  const full = Object.assign(new Error("full"), { name: "QuotaExceededError" });
  const saved = JSON.stringify(state());
  const storage = fakeStorage({ [STORE_KEY]: saved });
  storage.setItem = () => { throw full; };
  const { store, notices } = storeOver(storage);
  assert.deepEqual(store.load(), state());
  store.update((s) => { s.lessons.more = { readAt: 4 }; });
  assert.deepEqual(notices, ["storage_failed"]);
  assert.equal(storage.items[STORE_KEY], saved);
});

test("an imported backup is repaired record by record, like stored data", () => {
  const good = record({ box: 2, right: 2 });
  const text = JSON.stringify(state({ questions: { a: good, b: record({ box: 7 }), c: record({ right: 1.5 }) }, lessons: { l1: { readAt: 5 }, l2: {} }, exams: [exam(), exam({ score: "80" })] }));
  const backup = readBackup(text);
  assert.equal(backup.dropped, 4);
  assert.deepEqual(backup.state.questions, { a: good });
  assert.deepEqual(backup.state.lessons, { l1: { readAt: 5 } });
  assert.deepEqual(backup.state.exams, [exam()]);
  // A whole, valid backup drops nothing and reads as it was.
  assert.deepEqual(readBackup(JSON.stringify(state())), { state: state(), dropped: 0 });
  // A newer version's backup is read as far as this page understands it.
  const newer = readBackup(JSON.stringify({ version: 2, questions: { a: good }, lessons: {}, exams: [], extra: true }));
  assert.equal(newer.dropped, 0);
  assert.deepEqual(newer.state.questions, { a: good });
});

test("an imported text that is no learning record is refused", () => {
  for (const text of ["{not json", "[1, 2]", "null", '"x"', JSON.stringify({ theme: "dark" }), JSON.stringify({ version: 1 }), JSON.stringify({ version: "1", questions: {} })]) {
    assert.equal(readBackup(text), null, text);
  }
});
