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

/* The case studies (材料分析) among a bank's questions, in the bank's order: { id, tags,
   questions }. A case's tags are those all its questions share (what a paper draws it by). */
export function casesOf(questions) {
  var cases = [];
  var byId = {};
  questions.forEach(function (q) {
    if (!q.case) return;
    var c = byId[q.case.id];
    if (!c) {
      c = byId[q.case.id] = { id: q.case.id, questions: [] };
      cases.push(c);
    }
    c.questions.push(q);
  });
  cases.forEach(function (c) {
    c.tags = c.questions[0].tags.filter(function (tag) {
      return c.questions.every(function (q) { return q.tags.indexOf(tag) >= 0; });
    });
  });
  return cases;
}

/* ``paper``: the exam page's paper (sections with their draw rules); ``pool``: bank id -> its
   questions in the bank's order. Returns [{ section, questions }] per section. A section of type
   "case" draws whole cases (``count`` counts cases), their questions in order; no other section
   takes a case's question. */
export function drawPaper(paper, pool, seed) {
  var rng = mulberry32(seed);
  var used = {};
  return paper.sections.map(function (section) {
    var picked = [];
    section.draws.forEach(function (rule) {
      var bank = pool[rule.bank] || [];
      var candidates = section.type === "case"
        ? casesOf(bank).filter(function (c) {
            return (!rule.tag || c.tags.indexOf(rule.tag) >= 0) && !used[c.id];
          })
        : bank.filter(function (q) {
            return !q.case && q.type === section.type && (!rule.tag || q.tags.indexOf(rule.tag) >= 0) && !used[q.id];
          });
      shuffled(candidates, rng).slice(0, rule.count).forEach(function (item) {
        used[item.id] = true;
        if (section.type === "case") item.questions.forEach(function (q) { picked.push(q); });
        else picked.push(item);
      });
    });
    return { section: section, questions: picked };
  });
}

/* What one drawn question is worth: its section's points, or in a case section the case's
   points shared evenly by its questions (coursekit/draw.py question_points does the same). */
export function questionPoints(part, q) {
  if (part.section.type !== "case" || !q.case) return part.section.points;
  var size = part.questions.filter(function (x) { return x.case && x.case.id === q.case.id; }).length;
  return part.section.points / size;
}

/* How many things a section's points are per: questions, or cases in a case section. */
export function sectionCount(part) {
  return part.section.type === "case" ? casesOf(part.questions).length : part.questions.length;
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
