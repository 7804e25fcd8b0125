// Leitner boxes: when a question comes back, counted in the learner's days (local midnight),
// across day boundaries and daylight-saving changes.
import { test } from "node:test";
import assert from "node:assert/strict";

import { applyAnswer, BOX_DAYS, courseStats, dayStart, isDue, isMastered } from "../../src/coursekit/web/js/logic/leitner.js";
import { emptyState } from "../../src/coursekit/web/js/logic/state.js";

/* Run ``body`` with the process in time zone ``zone`` (Node reads TZ again when it is set). */
function inZone(zone, body) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const at = (y, m, d, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

test("the box days: 1, 2, 4, 8 and 16", () => {
  assert.deepEqual(BOX_DAYS, [1, 2, 4, 8, 16]);
});

test("a wrong answer late in the evening is due at the next midnight, not 24 hours later", () => {
  inZone("Asia/Shanghai", () => {
    const s = emptyState();
    const r = applyAnswer(s, "q", false, at(2026, 3, 7, 23, 50));
    assert.deepEqual([r.box, r.wrong, r.right], [1, 1, 0]);
    assert.equal(r.due, at(2026, 3, 8));
    assert.equal(r.due - r.last, 10 * 60 * 1000);
    assert.ok(!isDue(r, at(2026, 3, 7, 23, 59)));
    assert.ok(isDue(r, at(2026, 3, 8, 0, 0)));
  });
});

test("an answer just after midnight waits the whole day", () => {
  inZone("Asia/Shanghai", () => {
    const r = applyAnswer(emptyState(), "q", false, at(2026, 3, 8, 0, 10));
    assert.equal(r.due, at(2026, 3, 9));
  });
});

test("a new question answered right goes to box 2 (mastered), due in two days", () => {
  inZone("Asia/Shanghai", () => {
    const s = emptyState();
    const r = applyAnswer(s, "q", true, at(2026, 3, 7, 9));
    assert.deepEqual([r.box, r.right, r.wrong], [2, 1, 0]);
    assert.equal(r.due, at(2026, 3, 9));
    assert.ok(isMastered(r));
    assert.ok(!isDue(r, at(2027, 1, 1)), "never wrong: not in the review list");
    assert.strictEqual(s.questions.q, r);
  });
});

test("answering right again before the review is due moves nothing", () => {
  inZone("Asia/Shanghai", () => {
    const s = emptyState();
    applyAnswer(s, "q", false, at(2026, 3, 7, 9));
    const r = applyAnswer(s, "q", true, at(2026, 3, 7, 9, 1));
    assert.deepEqual([r.box, r.right, r.wrong, r.due, r.last], [1, 1, 1, at(2026, 3, 8), at(2026, 3, 7, 9, 1)]);
  });
});

test("right on each due day climbs the boxes 1, 2, 4, 8, 16 days apart, and stays in box 5", () => {
  inZone("Asia/Shanghai", () => {
    const s = emptyState();
    let r = applyAnswer(s, "q", false, at(2026, 3, 7, 20));
    const seen = [];
    for (let i = 0; i < 6; i++) {
      const now = r.due + 8 * 3600 * 1000; // 08:00 on the due day
      const before = new Date(now);
      r = applyAnswer(s, "q", true, now);
      seen.push([r.box, Math.round((r.due - dayStart(before.getTime(), 0)) / 86400000)]);
    }
    assert.deepEqual(seen, [[2, 2], [3, 4], [4, 8], [5, 16], [5, 16], [5, 16]]);
  });
});

test("a wrong answer from a high box sends the question back to box 1", () => {
  inZone("Asia/Shanghai", () => {
    const s = { ...emptyState(), questions: { q: { box: 4, due: at(2026, 3, 1), right: 3, wrong: 1, last: at(2026, 2, 20) } } };
    const r = applyAnswer(s, "q", false, at(2026, 3, 10, 12));
    assert.deepEqual([r.box, r.wrong, r.due], [1, 2, at(2026, 3, 11)]);
    assert.ok(!isMastered(r));
  });
});

test("over a daylight-saving change the review still falls at local midnight", () => {
  inZone("Europe/Berlin", () => {
    // Clocks go forward in the night to 29 March 2026: that day has 23 hours.
    const s = emptyState();
    const r = applyAnswer(s, "q", true, at(2026, 3, 28, 12));
    assert.equal(r.due, at(2026, 3, 30));
    assert.equal(new Date(r.due).getHours(), 0);
    assert.equal(r.due - at(2026, 3, 28), 47 * 3600 * 1000);
  });
});

test("course progress counts lessons read and questions mastered", () => {
  const s = emptyState();
  s.lessons.a = { readAt: 1 };
  s.questions.q1 = { box: 2, due: 0, right: 1, wrong: 0, last: 0 };
  s.questions.q2 = { box: 1, due: 0, right: 0, wrong: 1, last: 0 };
  assert.deepEqual(courseStats(["a", "b"], ["q1", "q2", "q3"], s), { read: 1, lessons: 2, mastered: 1, questions: 3 });
  assert.ok(!isMastered(undefined));
});
