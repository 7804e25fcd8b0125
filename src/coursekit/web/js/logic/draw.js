/* The exam draw: the same generator and steps as coursekit/draw.py, so paper N on a phone is
 * paper N printed by the trainer (tests/js/draw.test.mjs compares the two on the real papers).
 */

import { range } from "./strings.js";

export function mulberry32(seed) {
  var state = seed >>> 0;
  return function () {
    state = (state + 0x6d2b79f5) >>> 0;
    var z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/* Fisher–Yates, from the end, as draw.py does it. */
export function shuffled(items, rng) {
  var result = items.slice();
  for (var i = result.length - 1; i > 0; i--) {
    var j = Math.floor(rng() * (i + 1));
    var keep = result[i];
    result[i] = result[j];
    result[j] = keep;
  }
  return result;
}

/* ``paper``: the exam page's paper (sections with their draw rules); ``pool``: bank id -> its
   questions in the bank's order. Returns [{ section, questions }] per section. */
export function drawPaper(paper, pool, seed) {
  var rng = mulberry32(seed);
  var used = {};
  return paper.sections.map(function (section) {
    var picked = [];
    section.draws.forEach(function (rule) {
      var candidates = (pool[rule.bank] || []).filter(function (q) {
        return q.type === section.type && (!rule.tag || q.tags.indexOf(rule.tag) >= 0) && !used[q.id];
      });
      shuffled(candidates, rng).slice(0, rule.count).forEach(function (q) {
        used[q.id] = true;
        picked.push(q);
      });
    });
    return { section: section, questions: picked };
  });
}

/* The starting order of an order question's n items: never the right order, or it answers itself. */
export function scrambled(n, random) {
  var rng = random || Math.random;
  var order = range(n);
  while (n > 1 && order.every(function (v, i) { return v === i; })) order = shuffled(range(n), rng);
  return order;
}

/* A paper number for "another paper": 1..999999, never the one shown now. */
export function randomSeed(not, random) {
  var rng = random || Math.random;
  var seed;
  do seed = 1 + Math.floor(rng() * 999999);
  while (seed === not);
  return seed;
}

/* The paper number in a query string (?seed=42), or null when absent or not a plain number. */
export function seedFromQuery(search) {
  var value = new URLSearchParams(search).get("seed");
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}
