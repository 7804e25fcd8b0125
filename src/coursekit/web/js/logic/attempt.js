/* An exam attempt in progress, saved as each answer is given so that a reload (a phone call,
 * switching to WeChat) loses nothing. One localStorage key per paper, apart from the learner's
 * record (logic/state.js): an attempt is thrown away once submitted.
 *   { version: 1, paper, seed, started, ends (ms), answers: { question id: the widget's snapshot } }
 * The clock runs while the page is away, as it does in an exam hall: ``ends`` is fixed at the start.
 */

export var ATTEMPT_PREFIX = "coursekit:exam:";

export function attemptKey(paperId) {
  return ATTEMPT_PREFIX + paperId;
}

export function newAttempt(paperId, seed, timeLimitMinutes, now) {
  return { version: 1, paper: paperId, seed: seed, started: now, ends: now + timeLimitMinutes * 60000, answers: {} };
}

function isTime(v) {
  return typeof v === "number" && isFinite(v) && v >= 0;
}

/* The attempt saved in ``text`` for ``paperId``, or null when there is none or it is damaged. */
export function parseAttempt(text, paperId) {
  var value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (!value || typeof value !== "object" || value.version !== 1 || value.paper !== paperId) return null;
  if (!isTime(value.seed) || Math.floor(value.seed) !== value.seed || !isTime(value.started) || !isTime(value.ends) || value.ends < value.started) return null;
  if (!value.answers || typeof value.answers !== "object" || Array.isArray(value.answers)) return null;
  return value;
}

/* Whole seconds left at ``now`` (0 once time is up). */
export function secondsLeft(attempt, now) {
  return Math.max(0, Math.ceil((attempt.ends - now) / 1000));
}

/* How many questions have an answer in the attempt. */
export function answeredCount(attempt) {
  return Object.keys(attempt.answers).filter(function (id) {
    return hasAnswer(attempt.answers[id]);
  }).length;
}

function hasAnswer(snapshot) {
  if (snapshot === null || snapshot === undefined) return false;
  if (typeof snapshot === "string") return snapshot.trim() !== "";
  if (Array.isArray(snapshot)) return snapshot.some(function (v) { return typeof v === "number" || (typeof v === "string" && v.trim() !== ""); });
  return !!snapshot.touched; // an order question counts once something was moved
}

/* Is ``order`` a permutation of 0..n-1 (a saved order question's list, checked before use)? */
export function isPermutation(order, n) {
  if (!Array.isArray(order) || order.length !== n) return false;
  var seen = {};
  return order.every(function (v) {
    if (typeof v !== "number" || v < 0 || v >= n || Math.floor(v) !== v || seen[v]) return false;
    seen[v] = true;
    return true;
  });
}
