/* coursekit search engine, loaded by search-worker.js (importScripts) when the learner first opens
   the search box: the query cutter, the index built from search/coursekit-index.json, ranking and
   the results as Material renders them. Kept out of search-worker.js so that a page view, which
   starts the worker, does not compile it. */
"use strict";
var PARAMS = new URL(self.location.href).searchParams;
var PAGE_LANG = PARAMS.get("lang") || "";
var MAX_RESULTS = 50;
var MIN_SHARE = 0.03; // of the best score
var SYNONYM = 0.8; // a word of search_synonyms.txt standing for the word typed
var SNIPPET_BEFORE = 24, SNIPPET_LENGTH = 90;
// Words that carry a question's form, not its topic: they count, but little.
var LIGHT = new Set(("怎么 怎样 如何 什么 多久 多少 哪些 哪个 哪里 哪 几 几个 几种 吗 呢 吧 啊 的 了 是 有 能 能不能 " +
  "可不可以 可以 要 需要 有没有 是不是 会 和 与 及 或 在 对 为 给 谁 啥 多 多长 一次 时候 还是 开 算 " +
  "a an the of to for from how is are can what who whom which when and or in on by be do does with my i").split(" "));
var TRIM = /^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu;
var HAN = /\p{Script=Han}/u;
var PLAIN_HAN = /^[\u3400-\u9fff]+$/;
var HAN_RUNS = /(\p{Script=Han}+)/u;

/* ---- words ---- */

function stem(word) {
  if (!/^[a-z]+$/.test(word) || word.length < 4) return word;
  if (/ies$/.test(word)) return word.slice(0, -3) + "y";
  word = word.replace(/(ing|ed)$/, function (m) { return word.length - m.length >= 3 ? "" : m; });
  word = word.replace(/(es|s)$/, function (m) { return /ss$/.test(word) || word.length - m.length < 3 ? m : ""; });
  if (word.length > 3 && /e$/.test(word)) word = word.slice(0, -1);
  return word;
}

function words(text, separator) {
  var out = [], parts = text.split(separator);
  for (var i = 0; i < parts.length; i++) {
    var raw = parts[i];
    if (!raw) continue;
    if (PLAIN_HAN.test(raw)) { out.push(raw); continue; } // most words: nothing to trim, lower or stem
    var word = raw.toLowerCase().replace(TRIM, "");
    if (word) out.push(HAN.test(word) ? word : stem(word));
  }
  return out;
}

function keep(map, entry) {
  if ((map.get(entry[0]) || 0) < entry[1]) map.set(entry[0], entry[1]);
}

function Index(data) {
  this.separator = new RegExp(data.separator, "u");
  this.dict = data.dict;
  this.logtotal = data.logtotal;
  this.variants = data.variants || {};
  this.synonyms = data.synonyms || {};
  this.maxLength = 1;
  for (var w in this.dict) if (w.length > this.maxLength) this.maxLength = w.length;
  this.pages = data.pages.map(function (p) {
    return { url: p[0], title: p[1].replace(/\u200b/g, ""), course: p[2], kind: p[3], lang: p[4],
      weight: data.weights[p[3]] || 1, inTitle: new Map(), inHead: new Map(), sections: [], length: 0 };
  });
  this.body = new Map(); // word -> Map(page -> weighted count)
  this.df = new Map();
  var self = this, totalLength = 0;
  this.pages.forEach(function (page) {
    self.expand(words(page.title, self.separator)).forEach(function (w) { keep(page.inTitle, w); });
  });
  data.sections.forEach(function (s) {
    var page = self.pages[s[0]];
    var section = { anchor: s[1], heading: s[2].replace(/\u200b/g, ""), text: s[3].replace(/\u200b/g, "") };
    page.sections.push(section);
    self.expand(words(s[2], self.separator)).forEach(function (w) { keep(page.inHead, w); });
    var list = self.expand(words(s[3], self.separator));
    page.length += list.length;
    list.forEach(function (w) {
      var postings = self.body.get(w[0]);
      if (!postings) self.body.set(w[0], postings = new Map());
      postings.set(s[0], (postings.get(s[0]) || 0) + w[1]);
    });
  });
  this.pages.forEach(function (page, i) {
    totalLength += page.length;
    var seen = new Set(page.inTitle.keys());
    page.inHead.forEach(function (_, w) { seen.add(w); });
    seen.forEach(function (w) { self.df.set(w, (self.df.get(w) || 0) + 1); });
  });
  this.body.forEach(function (postings, w) {
    postings.forEach(function (_, page) {
      if (!self.pages[page].inTitle.has(w) && !self.pages[page].inHead.has(w)) self.df.set(w, (self.df.get(w) || 0) + 1);
    });
  });
  this.averageLength = totalLength / Math.max(1, this.pages.length);
  this.vocabulary = Array.from(new Set(Array.from(this.body.keys()).concat(Array.from(this.df.keys())))).sort();
}

/* A long word is found by the dictionary words inside it too (jieba's search-engine mode), at half weight. */
Index.prototype.expand = function (list) {
  var out = [];
  for (var i = 0; i < list.length; i++) {
    var word = list[i];
    out.push([word, 1]);
    if (word.length > 2 && HAN.test(word)) {
      for (var size = 2; size < word.length && size <= 4; size++)
        for (var start = 0; start + size <= word.length; start++) {
          var sub = word.slice(start, start + size);
          if (this.dict[sub]) out.push([sub, 0.5]);
        }
    }
  }
  return out;
};

/* jieba.cut(text, HMM=False) over the index's dictionary: the route of highest probability, each
   word scored log(freq) - log(total), an unknown character as frequency 1; ties go to the longer word. */
Index.prototype.cut = function (text) {
  var n = text.length, route = new Array(n + 1);
  route[n] = [0, n];
  for (var i = n - 1; i >= 0; i--) {
    var best = -Infinity, end = i + 1;
    for (var j = i + 1; j <= Math.min(n, i + this.maxLength); j++) {
      var f = this.dict[text.slice(i, j)];
      if (f === undefined && j > i + 1) continue;
      var score = Math.log(f || 1) - this.logtotal + route[j][0];
      if (score >= best) { best = score; end = j; }
    }
    route[i] = [best, end];
  }
  var out = [];
  for (var k = 0; k < n; k = route[k][1]) out.push(text.slice(k, route[k][1]));
  return out;
};

Index.prototype.normalise = function (query) {
  var variants = this.variants;
  return Array.from(query.normalize("NFKC").toLowerCase()).map(function (ch) { return variants[ch] || ch; }).join("");
};

Index.prototype.terms = function (query) {
  var self = this, out = [];
  words(query, this.separator).forEach(function (piece) {
    piece.split(HAN_RUNS).forEach(function (part) {
      if (!part) return;
      if (HAN.test(part)) self.cut(part).forEach(function (w) { out.push(w); });
      else words(part, /[^\p{L}\p{N}_]+/u).forEach(function (w) { out.push(w); });
    });
  });
  return Array.from(new Set(out));
};

Index.prototype.known = function (word) {
  return this.body.has(word) || this.df.has(word);
};

/* Words of the index that begin with a word the index does not hold (a word still being typed). */
Index.prototype.completions = function (word) {
  var list = this.vocabulary, lo = 0, hi = list.length, out = [];
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < word) lo = mid + 1; else hi = mid; }
  for (var i = lo; i < list.length && out.length < 20 && list[i].indexOf(word) === 0; i++) out.push(list[i]);
  return out;
};

Index.prototype.idf = function (word) {
  var df = this.df.get(word) || 0, n = this.pages.length;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
};

Index.prototype.search = function (raw) {
  var query = this.normalise(raw).trim();
  if (!query) return { items: [] };
  var self = this, terms = this.terms(query);
  var wanted = []; // [word shown, [[index word, factor]], weight]
  terms.forEach(function (term) {
    var forms = self.known(term) ? [[term, 1]] : [];
    (self.synonyms[term] || []).forEach(function (w) { if (self.known(w)) forms.push([w, SYNONYM]); });
    if (!forms.length && (term.length > 1 || !HAN.test(term)))
      self.completions(term).forEach(function (w) { forms.push([w, 0.7]); });
    var weight = (LIGHT.has(term) ? 0.2 : 1) * Math.max.apply(null, [0.1].concat(forms.map(function (f) { return self.idf(f[0]); })));
    wanted.push([term, forms, weight]);
  });
  var totalWeight = wanted.reduce(function (sum, w) { return sum + w[2]; }, 0) || 1;
  var phrase = query.replace(/[\s\u200b]+/g, "");
  var scores = new Map();
  wanted.forEach(function (entry, t) {
    entry[1].forEach(function (form) {
      var word = form[0], factor = form[1], postings = self.body.get(word);
      var candidates = new Set(postings ? postings.keys() : []);
      self.pages.forEach(function (page, i) { if (page.inTitle.has(word) || page.inHead.has(word)) candidates.add(i); });
      candidates.forEach(function (i) {
        var page = self.pages[i];
        var tf = postings ? postings.get(i) || 0 : 0;
        var norm = 1.2 * (0.7 + 0.3 * page.length / self.averageLength);
        var s = 3 * (page.inTitle.get(word) || 0) + 1.5 * (page.inHead.get(word) || 0) + tf / (tf + norm);
        var entryScore = scores.get(i) || { score: 0, matched: new Map() };
        var prior = entryScore.matched.get(t) || 0;
        var value = entry[2] * s * factor;
        if (value > prior) {
          entryScore.score += value - prior;
          entryScore.matched.set(t, value);
        }
        scores.set(i, entryScore);
      });
    });
  });
  var ranked = [];
  scores.forEach(function (entry, i) {
    var page = self.pages[i], covered = 0;
    entry.matched.forEach(function (_, t) { covered += wanted[t][2]; });
    var coverage = covered / totalWeight;
    var score = entry.score * coverage * coverage * page.weight;
    if (phrase.length > 1) {
      if (page.title.toLowerCase().indexOf(phrase) >= 0) score *= 2;
      else if (page.sections.some(function (s) { return s.heading.toLowerCase().indexOf(phrase) >= 0; })) score *= 1.5;
    }
    if (PAGE_LANG && page.lang === PAGE_LANG) score *= 1000; // the page's language first
    ranked.push([score, i, entry]);
  });
  ranked.sort(function (a, b) { return b[0] - a[0]; });
  // Pages far below the best (a passing mention of one word of several) only lengthen the list.
  var floor = ranked.length ? ranked[0][0] * MIN_SHARE : 0;
  ranked = ranked.filter(function (r) { return r[0] >= floor; });
  return {
    items: ranked.slice(0, MAX_RESULTS).map(function (r) { return self.result(r[1], r[0], r[2], wanted); })
  };
};

/* ---- results as Material renders them ---- */

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
}

function mark(text, needles) {
  var lower = text.toLowerCase(), spans = [];
  needles.forEach(function (needle) {
    if (!needle) return;
    for (var at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) spans.push([at, at + needle.length]);
  });
  spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var out = "", pos = 0;
  spans.forEach(function (span) {
    if (span[0] < pos) return;
    out += escapeHTML(text.slice(pos, span[0])) + "<mark>" + escapeHTML(text.slice(span[0], span[1])) + "</mark>";
    pos = span[1];
  });
  return out + escapeHTML(text.slice(pos));
}

Index.prototype.result = function (i, score, entry, wanted) {
  var page = this.pages[i];
  var needles = [], terms = {}, weightOf = {};
  wanted.forEach(function (w, t) {
    var found = entry.matched.has(t);
    if (found && !LIGHT.has(w[0])) w[1].forEach(function (f) { needles.push(f[0]); weightOf[f[0]] = w[2] * f[1]; });
    if (found || !LIGHT.has(w[0])) terms[w[0]] = found;
  });
  needles.sort(function (a, b) { return b.length - a.length; });
  // The snippet starts near the rarest word of the query found in the section, not the first.
  var byWeight = needles.slice().sort(function (a, b) { return weightOf[b] - weightOf[a]; });
  // The section that holds most of the words, and where in it the first of them stands.
  var best = null, bestHits = -1;
  page.sections.forEach(function (section, n) {
    var lower = (section.heading + " " + section.text).toLowerCase(), hits = 0;
    needles.forEach(function (needle) { if (lower.indexOf(needle) >= 0) hits += needle.length; });
    if (hits > bestHits) { best = section; bestHits = hits; }
  });
  var snippet = "";
  if (best) {
    var lowerText = best.text.toLowerCase(), at = -1;
    for (var k = 0; k < byWeight.length && at < 0; k++) at = lowerText.indexOf(byWeight[k]);
    var start = Math.max(0, (at < 0 ? 0 : at) - SNIPPET_BEFORE);
    var piece = best.text.slice(start, start + SNIPPET_LENGTH);
    snippet = (start > 0 ? "…" : "") + mark(piece, needles) + (start + SNIPPET_LENGTH < best.text.length ? "…" : "");
  }
  var title = (page.course ? '<span class="ck-search-course">' + escapeHTML(page.course) + "</span>" : "") + mark(page.title, needles);
  var article = { location: page.url, title: title, text: "", score: score, terms: terms };
  if (best && best.anchor) {
    var section = { location: page.url + "#" + best.anchor, title: mark(best.heading, needles), text: "<p>" + snippet + "</p>", score: score, terms: terms };
    return [article, section];
  }
  article.text = "<p>" + snippet + "</p>";
  return [article];
};

self.coursekitSearchIndex = function (data) {
  return new Index(data);
};
