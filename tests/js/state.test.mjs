// The saved state: what counts as valid, what garbage is refused (and the store starts again),
// how a backup merges in, and the store over a storage that may be missing, full or damaged.
import { test } from "node:test";
import assert from "node:assert/strict";

import { createStore, emptyState, MAX_EXAMS, mergeState, parseState, STORE_KEY, validState } from "../../src/coursekit/web/js/logic/state.js";

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

test("merging a backup: the later answer of a question wins, lessons read stay read", () => {
  const mine = state({ questions: { a: record({ last: 10 }), b: record({ last: 30, box: 4 }) }, lessons: { l1: { readAt: 5 } }, exams: [] });
  const other = state({ questions: { a: record({ last: 20, box: 1 }), b: record({ last: 25 }), c: record() }, lessons: { l1: { readAt: 99 }, l2: { readAt: 7 } }, exams: [] });
  const counts = mergeState(mine, other);
  assert.deepEqual(counts, { questions: 2, lessons: 1, exams: 0 });
  assert.equal(mine.questions.a.box, 1);
  assert.equal(mine.questions.b.box, 4);
  assert.ok(mine.questions.c);
  assert.deepEqual(mine.lessons, { l1: { readAt: 5 }, l2: { readAt: 7 } });
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

function storeOver(storage) {
  const notices = [];
  const store = createStore(() => {
    if (storage instanceof Error) throw storage;
    return storage;
  }, (key) => notices.push(key));
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

test("a damaged saved state: the learner is told, and the store starts again", () => {
  for (const raw of ["{", "null", JSON.stringify(state({ version: 2 })), JSON.stringify(state({ exams: [null] }))]) {
    const storage = fakeStorage({ [STORE_KEY]: raw });
    const { store, notices } = storeOver(storage);
    assert.deepEqual(store.load(), emptyState(), raw);
    assert.deepEqual(notices, ["storage_reset"]);
    assert.deepEqual(JSON.parse(storage.items[STORE_KEY]), emptyState());
  }
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
