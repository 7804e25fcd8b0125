/* coursekit.js: practice, exams, the mistake notebook and progress, in the learner's browser.
 *
 * Plain script, no framework, no network call except the site's own data files (site-data.json
 * and the banks' files, for practice sets and exam draws).
 * Every text a learner sees comes from window.CK_STRINGS (the `ui:` keys of locales/*.yml).
 * What the learner did lives in ONE localStorage key, keyed by question id, so a question whose
 * wording is edited keeps its history. The exam draw mirrors coursekit/draw.py step for step:
 * paper N on a phone is paper N printed by the trainer.
 */
(function () {
  "use strict";

  var STORE_KEY = "coursekit:v1";
  var BOX_DAYS = [1, 2, 4, 8, 16]; // Leitner boxes 1..5: days until the next review
  var MAX_EXAMS = 100; // exam history kept, newest last
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var LANG = /^en/i.test(document.documentElement.lang || "") ? "en" : "zh";

  /* ---- text and DOM helpers ------------------------------------------------------------- */

  function t(key, values) {
    var all = window.CK_STRINGS || {};
    var text = (all[LANG] && all[LANG][key]) || (all.zh && all.zh[key]) || key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  function el(tag, attrs, kids) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (kids || []).forEach(function (kid) {
      if (kid !== null && kid !== undefined) node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function button(label, onclick, extra) {
    return el("button", { type: "button", class: "ck-btn" + (extra ? " " + extra : ""), text: label, onclick: onclick });
  }

  function labelled(label, value) {
    return el("p", null, [el("strong", { text: label }), t("colon"), value]);
  }

  var serial = 0;
  function nextId(prefix) {
    serial += 1;
    return "ck-" + prefix + "-" + serial;
  }

  function range(n) {
    var list = [];
    for (var i = 0; i < n; i++) list.push(i);
    return list;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function formatDate(time) {
    var d = new Date(time);
    return t("date", { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
  }

  function formatClock(seconds) {
    return pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
  }

  function formatPoints(value) {
    return String(Math.round(value * 10) / 10);
  }

  function readJSON(script) {
    try {
      return script ? JSON.parse(script.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  function samePage(href) {
    var target = new URL(href, location.href);
    return target.pathname === location.pathname;
  }

  var shownNotices = {};
  /* A visible, announced notice at the top of the page, once per page and kind. */
  function notice(key) {
    if (shownNotices[key]) return;
    shownNotices[key] = true;
    var host = document.querySelector("article") || document.body;
    var heading = host.querySelector("h1");
    host.insertBefore(el("div", { class: "ck-notice", role: "status", text: t(key) }), heading ? heading.nextSibling : host.firstChild);
  }

  /* ---- state: one localStorage key, validated on every read ----------------------------- */

  function emptyState() {
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
  function validRecord(r) {
    return isObject(r) && isCount(r.box) && r.box >= 1 && r.box <= BOX_DAYS.length && isNumber(r.due) && isCount(r.right) && isCount(r.wrong) && isNumber(r.last);
  }
  function validExam(x) {
    return isObject(x) && typeof x.paper === "string" && typeof x.title === "string" && isCount(x.seed) && isNumber(x.score) && isNumber(x.total) && typeof x.passed === "boolean" && isNumber(x.at);
  }
  function validState(s) {
    return (
      isObject(s) && s.version === 1 && isObject(s.questions) && isObject(s.lessons) && Array.isArray(s.exams) &&
      everyValue(s.questions, validRecord) &&
      everyValue(s.lessons, function (l) {
        return isObject(l) && isNumber(l.readAt);
      }) &&
      s.exams.every(validExam)
    );
  }
  function parseState(text) {
    try {
      var value = JSON.parse(text);
      return validState(value) ? value : null;
    } catch (e) {
      return null;
    }
  }

  var storage = null; // window.localStorage when usable; probed once, lazily
  var memoryState = null; // stands in for localStorage when it is not usable
  function usableStorage() {
    if (storage === null) {
      try {
        var probe = STORE_KEY + ":probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        storage = window.localStorage;
      } catch (e) {
        storage = false;
      }
    }
    return storage;
  }

  function loadState() {
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
    saveState(state);
    return state;
  }

  function saveState(state) {
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
  function updateState(change) {
    var state = loadState();
    change(state);
    saveState(state);
    return state;
  }

  /* Add ``other`` (a validated state) into ``state``; the later answer of a question wins. */
  function mergeState(state, other) {
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

  /* ---- Leitner boxes ------------------------------------------------------------------- */

  function dayStart(time, days) {
    var d = new Date(time);
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() + days);
    return d.getTime();
  }

  /* Wrong: box 1, review tomorrow. Right: next box, but only when the review was due (or the
     question is new), so answering again straight away cannot fake a spaced review. */
  function recordAnswer(id, right) {
    updateState(function (s) {
      var now = Date.now();
      var r = s.questions[id] || { box: 0, due: 0, right: 0, wrong: 0, last: 0 };
      s.questions[id] = r;
      r.last = now;
      if (!right) {
        r.wrong += 1;
        r.box = 1;
      } else {
        r.right += 1;
        if (r.box === 0) r.box = 2;
        else if (now >= r.due) r.box = Math.min(BOX_DAYS.length, r.box + 1);
        else return;
      }
      r.due = dayStart(now, BOX_DAYS[r.box - 1]);
    });
  }

  function isMastered(r) {
    return !!r && r.box >= 2;
  }

  function isDue(r, now) {
    return r.wrong > 0 && now >= r.due;
  }

  /* ---- the exam draw: the same generator and steps as coursekit/draw.py ---------------- */

  function mulberry32(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var z = state;
      z = Math.imul(z ^ (z >>> 15), z | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(items, rng) {
    var result = items.slice();
    for (var i = result.length - 1; i > 0; i--) {
      var j = Math.floor(rng() * (i + 1));
      var keep = result[i];
      result[i] = result[j];
      result[j] = keep;
    }
    return result;
  }

  function drawPaper(paper, pool, seed) {
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

  /* An order question must never start in the right order, or it answers itself. */
  function scrambled(n) {
    var order = range(n);
    while (n > 1 && order.every(function (v, i) { return v === i; })) order = shuffled(range(n), Math.random);
    return order;
  }

  /* ---- one question: inputs, reading the learner's answer, marking ---------------------- */

  /* Blanks compare without spaces (half- or full-width) and with full-width letters and digits
     folded, so "半 数" and "半数", "１" and "1" are the same answer. */
  function normalise(text) {
    return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  }

  function stemNode(q) {
    if (q.type !== "blank") return el("span", { class: "ck-stem-text", text: q.stem });
    var parts = q.stem.split(/_{3,}/);
    var kids = [];
    parts.forEach(function (part, i) {
      kids.push(part);
      if (i < parts.length - 1) kids.push(el("span", { class: "ck-blank", text: t("blank_mark", { n: i + 1 }) }));
    });
    return el("span", { class: "ck-stem-text" }, kids);
  }

  /* The widget for ``q``. ``shuffle`` shuffles choice options (practice: yes, per attempt;
     exams: no, so a paper looks the same everywhere). */
  function questionWidget(q, number, shuffle) {
    var name = nextId("q");
    var fieldset = el("fieldset", { class: "ck-q" }, [
      el("legend", null, [el("span", { class: "ck-num", text: t("number", { n: number }) }), " ", el("span", { class: "ck-type", text: q.typeLabel }), " ", stemNode(q)]),
    ]);
    var body = el("div", { class: "ck-body" });
    fieldset.appendChild(body);
    var widget = { q: q, fieldset: fieldset, body: body, selfMark: null };
    (BUILDERS[q.type] || BUILDERS.short)(widget, name, shuffle);
    widget.lock = function () {
      widget.locked = true;
      Array.prototype.forEach.call(body.querySelectorAll("input, textarea, button"), function (node) {
        node.disabled = true;
      });
      if (widget.afterLock) widget.afterLock();
    };
    return widget;
  }

  function letterOf(widget, index) {
    return LETTERS[widget.order.indexOf(index)];
  }

  function optionText(widget, index) {
    return t("option", { letter: letterOf(widget, index), text: widget.q.options[index] });
  }

  var BUILDERS = {
    single: choiceBuilder,
    multiple: choiceBuilder,
    judge: choiceBuilder,
    blank: function (w) {
      w.inputs = w.q.answer.map(function (accepted, k) {
        var input = el("input", { type: "text", autocomplete: "off", autocapitalize: "off", spellcheck: "false" });
        w.body.appendChild(el("label", { class: "ck-blank-field" }, [el("span", { text: t("blank_label", { n: k + 1 }) }), input]));
        return input;
      });
      w.result = function () {
        var values = w.inputs.map(function (input) {
          return input.value.trim();
        });
        var each = values.map(function (value, k) {
          return value !== "" && w.q.answer[k].some(function (accepted) {
            return normalise(accepted) === normalise(value);
          });
        });
        return {
          empty: values.every(function (v) { return v === ""; }),
          right: each.every(Boolean),
          each: each,
          raw: values,
          given: values.map(function (v) { return v || t("blank_empty"); }).join(t("sep")),
        };
      };
      w.correctText = function () {
        return w.q.answerText;
      };
      w.mark = function (res) {
        w.inputs.forEach(function (input, k) {
          input.classList.add(res.each[k] ? "ck-is-right" : "ck-is-wrong");
          if (!res.each[k]) input.setAttribute("aria-invalid", "true");
        });
      };
    },
    order: orderBuilder,
    short: function (w) {
      var input = el("textarea", { rows: "3" });
      w.body.appendChild(el("label", { class: "ck-short" }, [el("span", { text: t("short_label") }), input]));
      w.result = function () {
        var text = input.value.trim();
        return { empty: text === "", right: w.selfMark === true, raw: text, given: text || t("no_answer") };
      };
      w.correctText = function () {
        return w.q.answerText;
      };
      w.mark = function () {};
      w.input = input;
    },
  };

  function choiceBuilder(w, name, shuffle) {
    var q = w.q;
    var judge = q.type === "judge";
    var texts = judge ? [t("judge_true"), t("judge_false")] : q.options;
    w.order = shuffle && !judge ? shuffled(range(texts.length), Math.random) : range(texts.length);
    w.labels = [];
    w.inputs = w.order.map(function (index, position) {
      var input = el("input", { type: q.type === "multiple" ? "checkbox" : "radio", name: name, value: String(index) });
      var label = el("label", { class: "ck-choice" }, [input, judge ? null : el("span", { class: "ck-letter", text: LETTERS[position] }), el("span", { class: "ck-option-text", text: texts[index] })]);
      w.labels[index] = label;
      w.body.appendChild(label);
      return input;
    });
    function chosen() {
      return w.inputs
        .filter(function (input) { return input.checked; })
        .map(function (input) { return Number(input.value); })
        .sort(function (a, b) { return a - b; });
    }
    function correct() {
      if (judge) return [q.answer ? 0 : 1];
      return q.type === "single" ? [q.answer] : q.answer;
    }
    function describe(indexes) {
      var shown = indexes.slice().sort(function (a, b) { return w.order.indexOf(a) - w.order.indexOf(b); }); // A, B, C as on screen
      return shown.map(function (i) {
        return judge ? texts[i] : optionText(w, i);
      }).join(t("sep"));
    }
    w.result = function () {
      var picked = chosen();
      return { empty: picked.length === 0, right: picked.join() === correct().join(), picked: picked, raw: picked, given: picked.length ? describe(picked) : t("no_answer") };
    };
    w.correctText = function () {
      return describe(correct());
    };
    w.mark = function (res) {
      var good = correct();
      w.labels.forEach(function (label, i) {
        if (good.indexOf(i) >= 0) label.classList.add("ck-is-right");
        else if (res.picked.indexOf(i) >= 0) label.classList.add("ck-is-wrong");
      });
    };
  }

  /* Order: a list with move-up / move-down buttons (keyboard and touch; no dragging needed). */
  function orderBuilder(w) {
    var q = w.q;
    var hintId = nextId("hint");
    var list = el("ol", { class: "ck-order", "aria-describedby": hintId });
    var said = el("p", { class: "ck-sr", "aria-live": "polite" });
    w.body.appendChild(el("p", { class: "ck-hint", id: hintId, text: t("order_hint") }));
    w.body.appendChild(list);
    w.body.appendChild(said);
    w.current = scrambled(q.options.length);
    w.touched = false;
    function draw(focusIndex, direction) {
      clear(list);
      w.current.forEach(function (index, position) {
        var item = q.options[index];
        var up = el("button", { type: "button", class: "ck-move ck-up", "aria-label": t("move_up", { item: item }), disabled: position === 0 || w.locked });
        var down = el("button", { type: "button", class: "ck-move ck-down", "aria-label": t("move_down", { item: item }), disabled: position === w.current.length - 1 || w.locked });
        up.addEventListener("click", function () { move(position, -1); });
        down.addEventListener("click", function () { move(position, 1); });
        list.appendChild(el("li", { class: "ck-order-item", "data-ck-index": String(index) }, [el("span", { class: "ck-order-pos", text: String(position + 1) }), el("span", { class: "ck-order-text", text: item }), el("span", { class: "ck-order-moves" }, [up, down])]));
        if (index === focusIndex) {
          var target = direction < 0 ? (up.disabled ? down : up) : (down.disabled ? up : down);
          setTimeout(function () { target.focus(); }, 0);
        }
      });
    }
    function move(position, delta) {
      var index = w.current[position];
      w.current[position] = w.current[position + delta];
      w.current[position + delta] = index;
      w.touched = true;
      draw(index, delta);
      said.textContent = t("moved", { item: q.options[index], position: position + delta + 1 });
    }
    draw(-1, 0);
    w.result = function () {
      var each = w.current.map(function (index, position) { return index === position; });
      return {
        empty: !w.touched,
        right: each.every(Boolean),
        each: each,
        raw: w.current.slice(),
        given: w.current.map(function (i) { return q.options[i]; }).join(t("arrow")),
      };
    };
    w.correctText = function () {
      return q.answerText;
    };
    w.mark = function (res) {
      Array.prototype.forEach.call(list.children, function (li, position) {
        li.classList.add(res.each[position] ? "ck-is-right" : "ck-is-wrong");
      });
    };
    w.afterLock = function () {
      draw(-1, 0); // redraw so the move buttons come back disabled
    };
  }

  /* Explanation, cited articles (links into the citation index) and the way back to the lesson. */
  function explanationNodes(q) {
    var nodes = [labelled(t("explanation"), q.explanation)];
    if (q.sources && q.sources.length) {
      var links = el("span");
      q.sources.forEach(function (s, i) {
        if (i) links.appendChild(document.createTextNode(t("list_sep")));
        links.appendChild(el("a", { class: "ck-source", href: s.href, text: s.label }));
      });
      nodes.push(labelled(t("source"), links));
    }
    if (q.lesson && !samePage(q.lesson.href)) {
      nodes.push(el("p", null, [el("a", { class: "ck-lesson-link", href: q.lesson.href, text: t("back_to_lesson") + t("colon") + q.lesson.title })]));
    }
    return nodes;
  }

  function fill(node, kids) {
    clear(node);
    kids.forEach(function (kid) {
      if (kid) node.appendChild(kid);
    });
    return node;
  }

  /* ---- practice: lesson ends, practice pages and the notebook's due list ---------------- */

  /* One practice question as a list item. ``options.retry`` offers "再做一次";
     ``options.onAnswered`` runs after the answer is recorded. */
  function practiceItem(q, number, options) {
    var w = questionWidget(q, number, true);
    var li = el("li", { class: "ck-question", "data-ck-qid": q.id, "data-ck-type": q.type }, [w.fieldset]);
    var actions = el("div", { class: "ck-actions" });
    var feedback = el("div", { class: "ck-feedback", role: "status", "aria-live": "polite" });
    w.fieldset.appendChild(actions);
    w.fieldset.appendChild(feedback);
    var submit = button(q.type === "short" ? t("show_reference") : t("check"), onSubmit, "ck-btn--primary ck-submit");
    actions.appendChild(submit);

    function onSubmit() {
      var res = w.result();
      if (res.empty && q.type !== "short") {
        fill(feedback, [el("p", { class: "ck-hint", text: t(q.type === "order" ? "need_order" : "need_answer") })]);
        return;
      }
      w.lock();
      actions.removeChild(submit);
      if (q.type === "short") return askSelfMark();
      done(res);
    }

    function askSelfMark() {
      var yes = button(t("self_right"), function () { w.selfMark = true; done(w.result()); }, "ck-self-right");
      var no = button(t("self_wrong"), function () { w.selfMark = false; done(w.result()); }, "ck-self-wrong");
      feedback.className = "ck-feedback";
      fill(feedback, [el("p", { class: "ck-correct", text: t("reference", { answer: q.answerText }) })].concat(explanationNodes(q), [el("p", { class: "ck-hint", text: t("self_mark_prompt") }), el("div", { class: "ck-actions" }, [yes, no])]));
      yes.focus();
    }

    function done(res) {
      recordAnswer(q.id, res.right);
      w.mark(res);
      feedback.className = "ck-feedback " + (res.right ? "ck-ok" : "ck-bad");
      var again = options.retry ? button(t("retry"), retry, "ck-retry") : null;
      fill(feedback, [el("p", { class: "ck-verdict", text: t(res.right ? "correct" : "wrong") }), el("p", { class: "ck-correct", text: t(q.type === "short" ? "reference" : "correct_answer", { answer: w.correctText() }) })].concat(explanationNodes(q), [again && el("div", { class: "ck-actions" }, [again])]));
      if (again) again.focus();
      else {
        feedback.setAttribute("tabindex", "-1");
        feedback.focus();
      }
      if (options.onAnswered) options.onAnswered(q, res.right);
    }

    function retry() {
      var fresh = practiceItem(q, number, options);
      li.parentNode.replaceChild(fresh, li);
      var first = fresh.querySelector("input, textarea, button");
      if (first) first.focus();
    }
    return li;
  }

  function initQuiz(block) {
    var data = readJSON(block.querySelector("script.ck-data"));
    var list = block.querySelector("ol.ck-questions");
    if (!data || !list) return;
    loadState(); // a damaged or missing store is reported now, not at the first answer
    clear(list).classList.add("ck-live-list"); // the static copy holds the answers: gone
    var count = Number(block.getAttribute("data-ck-count")) || data.questions.length;
    if (count > data.questions.length) practiceSets(block, data.questions, list, count);
    else showQuestions(list, data.questions, 0);
  }

  function showQuestions(list, questions, offset) {
    clear(list);
    questions.forEach(function (q, i) {
      list.appendChild(practiceItem(q, offset + i + 1, { retry: true }));
    });
  }

  /* A bank's practice page: set 1 is in the page, the other sets come from the bank's data file
     (fetched once, on the first request). The set is in the address (?set=3), so a reload or a
     bookmark returns to it. */
  function practiceSets(block, firstSet, list, count) {
    var size = Number(block.getAttribute("data-ck-set-size")) || firstSet.length;
    var sets = Math.ceil(count / size);
    var bank = null;
    var note = block.querySelector(".ck-needs-js");
    if (note) note.parentNode.removeChild(note);
    var chooser = el("nav", { class: "ck-sets", "aria-label": t("practice_sets") });
    var status = el("p", { class: "ck-set-status", role: "status" });
    var after = el("div", { class: "ck-actions ck-next-set" });
    block.insertBefore(chooser, list);
    block.insertBefore(status, list);
    block.insertBefore(after, list.nextSibling);

    function label(n) {
      return t("practice_set", { number: n, first: (n - 1) * size + 1, last: Math.min(n * size, count) });
    }
    function questionsOf(n) {
      if (n === 1) return Promise.resolve(firstSet);
      if (!bank) {
        bank = fetchBank(block.getAttribute("data-ck-src"));
        bank.catch(function () { bank = null; }); // a failed fetch is tried again on the next click
      }
      return bank.then(function (all) { return all.slice((n - 1) * size, n * size); });
    }
    function show(n, moved) {
      fill(chooser, range(sets).map(function (i) {
        var b = button(t("practice_set_short", { number: i + 1 }), function () { choose(i + 1); }, "ck-set");
        b.setAttribute("aria-label", label(i + 1));
        if (i + 1 === n) b.setAttribute("aria-current", "true");
        return b;
      }));
      clear(after);
      status.textContent = t("loading");
      questionsOf(n).then(
        function (questions) {
          status.textContent = label(n);
          showQuestions(list, questions, (n - 1) * size);
          if (n < sets) after.appendChild(button(t("practice_next_set", { label: label(n + 1) }), function () { choose(n + 1); }));
          if (moved) {
            status.setAttribute("tabindex", "-1");
            status.scrollIntoView({ block: "center" });
            status.focus({ preventScroll: true });
          }
        },
        function () {
          clear(list);
          status.textContent = t("load_failed");
        }
      );
    }
    function choose(n) {
      var url = new URL(location.href);
      if (n === 1) url.searchParams.delete("set");
      else url.searchParams.set("set", String(n));
      history.replaceState(history.state, "", url.href);
      show(n, true);
    }
    var wanted = Number(new URLSearchParams(location.search).get("set"));
    show(wanted >= 1 && wanted <= sets && Math.floor(wanted) === wanted ? wanted : 1, false);
  }

  /* ---- exams ------------------------------------------------------------------------- */

  function seedFromUrl() {
    var value = new URLSearchParams(location.search).get("seed");
    return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
  }

  function randomSeed(not) {
    var seed;
    do seed = 1 + Math.floor(Math.random() * 999999);
    while (seed === not);
    return seed;
  }

  function initExam(box) {
    var data = readJSON(box.querySelector("script.ck-exam-data"));
    if (!data || !data.paper) return;
    loadState(); // report a damaged or missing store before the exam, not after it
    var paper = data.paper;
    var pool = null; // bank id -> its questions, from the banks' data files
    var loading = null;
    var waiting = false; // "start" was pressed before the banks arrived
    var startStatus = null;
    var seed = seedFromUrl();
    if (seed === null) seed = paper.seed;
    box.classList.add("ck-exam-live");
    loadPool(); // as the page opens, so that the paper is ready when the learner starts
    showStart();

    /* The banks the paper draws from, fetched once; a failed fetch is tried again at "start". */
    function loadPool() {
      if (!loading) {
        var banks = paper.banks || {};
        var filled = {};
        loading = Promise.all(Object.keys(banks).map(function (id) {
          return fetchBank(banks[id]).then(function (questions) {
            filled[id] = questions;
          });
        })).then(function () {
          pool = filled;
        });
        loading.catch(function () { loading = null; });
      }
      return loading;
    }

    /* A new random paper; its number goes into the address, so a reload shows the same paper. */
    function newSeed() {
      seed = randomSeed(seed);
      var url = new URL(location.href);
      url.searchParams.set("seed", String(seed));
      history.replaceState(history.state, "", url.href);
    }

    function showStart() {
      var hasShort = paper.sections.some(function (s) { return s.type === "short"; });
      var number = el("p", { class: "ck-paper-no", "aria-live": "polite", text: t("exam_paper_no", { seed: seed }) });
      var rules = el("ul", { class: "ck-exam-rules" }, [
        el("li", { text: t("exam_rule_time", { minutes: paper.timeLimit, total: formatPoints(paper.total), pass_mark: formatPoints(paper.passMark) }) }),
        el("li", { text: t("exam_rule_scoring") }),
        hasShort ? el("li", { text: t("exam_rule_short") }) : null,
        el("li", { text: t("exam_rule_timeout") }),
        el("li", { text: t("exam_rule_seed") }),
      ]);
      var start = button(t("exam_start"), startExam, "ck-btn--primary ck-exam-start");
      var another = button(t("exam_new_paper"), function () {
        newSeed();
        number.textContent = t("exam_new_paper_done", { seed: seed });
      }, "ck-exam-another");
      startStatus = el("p", { class: "ck-hint", role: "status" });
      fill(box, [el("div", { class: "ck-exam-intro" }, [rules, number, el("div", { class: "ck-actions" }, [start, another]), startStatus])]);
    }

    function startExam() {
      if (!pool) {
        if (waiting) return;
        waiting = true;
        startStatus.textContent = t("loading");
        loadPool().then(
          function () { waiting = false; startExam(); },
          function () { waiting = false; startStatus.textContent = t("load_failed"); }
        );
        return;
      }
      var drawn = drawPaper(paper, pool, seed);
      var items = [];
      var counter = 0;
      var view = el("div", { class: "ck-exam-paper" });
      drawn.forEach(function (part, sectionIndex) {
        var s = part.section;
        view.appendChild(el("h2", { class: "ck-section-title", tabindex: "-1", text: t("section_heading", { number: sectionIndex + 1, title: s.title, count: part.questions.length, points: formatPoints(s.points) }) }));
        var list = el("ol", { class: "ck-questions ck-live-list" });
        part.questions.forEach(function (q) {
          counter += 1;
          var w = questionWidget(q, counter, false);
          var li = el("li", { class: "ck-question", "data-ck-qid": q.id, "data-ck-type": q.type }, [w.fieldset]);
          items.push({ q: q, w: w, li: li, section: sectionIndex });
          list.appendChild(li);
        });
        view.appendChild(list);
      });

      var timer = el("span", { class: "ck-timer", role: "timer" });
      var warning = el("span", { class: "ck-sr", role: "status" });
      var controls = el("span", { class: "ck-exam-controls" });
      var bar = el("div", { class: "ck-exam-bar" }, [timer, warning, controls]);
      var started = Date.now();
      var ends = started + paper.timeLimit * 60000;
      var finished = false;
      var warned = false;

      function showSubmit() {
        fill(controls, [button(t("exam_submit"), confirmSubmit, "ck-btn--primary ck-exam-submit")]);
      }
      function confirmSubmit() {
        var open = items.filter(function (it) { return it.w.result().empty; }).length;
        var yes = button(t("exam_confirm_yes"), function () { finish(false); }, "ck-btn--primary ck-exam-confirm");
        fill(controls, [el("span", { class: "ck-confirm-text", text: open ? t("exam_confirm_open", { count: open }) : t("exam_confirm") }), yes, button(t("exam_confirm_no"), function () { showSubmit(); controls.querySelector("button").focus(); })]);
        yes.focus();
      }
      function tick() {
        if (finished) return;
        var left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
        timer.textContent = t("exam_time_left", { time: formatClock(left) });
        if (left <= 60 && !warned) {
          warned = true;
          timer.classList.add("ck-low");
          warning.textContent = t("exam_one_minute");
        }
        if (left <= 0) finish(true);
      }
      var interval = setInterval(tick, 500);
      showSubmit();
      tick();
      fill(box, [view, bar]);
      var firstHeading = view.querySelector("h2");
      if (firstHeading) firstHeading.focus();

      function finish(timedOut) {
        if (finished) return;
        finished = true;
        clearInterval(interval);
        var used = Math.min(paper.timeLimit * 60, Math.round((Date.now() - started) / 1000));
        var record = { paper: paper.id, title: paper.title, seed: seed, score: 0, total: 0, passed: false, at: Date.now() };
        items.forEach(function (it) {
          it.res = it.w.result();
          it.w.lock();
          if (it.q.type !== "short") {
            it.w.mark(it.res);
            if (!it.res.empty) recordAnswer(it.q.id, it.res.right); // unanswered: not reached, not a mistake
          }
        });
        var summary = el("section", { class: "ck-exam-result" });
        box.removeChild(bar);
        box.insertBefore(summary, view);
        items.forEach(function (it) {
          it.li.appendChild(reviewBox(it, rescore));
        });
        updateState(function (s) {
          s.exams.push(record);
          s.exams = s.exams.slice(-MAX_EXAMS);
        });
        rescore();
        box.insertBefore(slipSection(), view); // outside the summary: rescore() must not clear what was typed
        var heading = summary.querySelector("h2");
        heading.focus();
        heading.scrollIntoView();

        /* Score, pass/fail and the per-section table; again after each self-marked short answer. */
        function rescore() {
          var total = 0;
          var score = 0;
          var pending = 0;
          var rows = drawn.map(function (part, sectionIndex) {
            var row = { title: part.section.title, right: 0, count: 0, score: 0, total: 0 };
            items.forEach(function (it) {
              if (it.section !== sectionIndex) return;
              var right = it.q.type === "short" ? it.w.selfMark === true : it.res.right;
              if (it.q.type === "short" && it.w.selfMark === null) pending += 1;
              row.count += 1;
              row.total += part.section.points;
              if (right) {
                row.right += 1;
                row.score += part.section.points;
              }
            });
            total += row.total;
            score += row.score;
            return row;
          });
          var passed = score >= paper.passMark;
          record.score = Math.round(score * 10) / 10;
          record.total = Math.round(total * 10) / 10;
          record.passed = passed;
          updateState(function (s) {
            s.exams.forEach(function (x, i) {
              if (x.at === record.at && x.paper === record.paper) s.exams[i] = record;
            });
          });
          var table = el("table", null, [
            el("thead", null, [el("tr", null, [el("th", { text: t("exam_col_section") }), el("th", { text: t("exam_col_right") }), el("th", { text: t("exam_col_points") })])]),
            el("tbody", null, rows.map(function (row) {
              return el("tr", null, [el("td", { text: row.title }), el("td", { text: t("exam_right_of", { right: row.right, count: row.count }) }), el("td", { text: t("exam_points_of", { score: formatPoints(row.score), total: formatPoints(row.total) }) })]);
            })),
          ]);
          fill(summary, [
            el("h2", { tabindex: "-1", text: t("exam_result_title", { seed: seed }) }),
            timedOut ? el("p", { class: "ck-notice", role: "status", text: t("exam_time_up") }) : null,
            el("p", { class: "ck-score", text: t("exam_score", { score: formatPoints(score), total: formatPoints(total) }) }),
            el("p", { class: "ck-verdict " + (passed ? "ck-pass" : "ck-fail"), text: t(passed ? "exam_passed" : "exam_failed", { pass_mark: formatPoints(paper.passMark) }) }),
            el("p", { text: t("exam_used", { time: formatClock(used) }) }),
            pending ? el("p", { class: "ck-hint", text: t("exam_pending_short", { count: pending }) }) : null,
            el("h3", { text: t("exam_breakdown") }),
            table,
            el("p", { class: "ck-hint", text: t("exam_review_below") }),
            el("div", { class: "ck-actions" }, [
              button(t("exam_again"), function () { startExam(); }, "ck-exam-again"),
              button(t("exam_another"), function () {
                newSeed();
                showStart();
                box.querySelector(".ck-exam-start").focus();
              }, "ck-exam-another"),
            ]),
          ]);
        }

        /* 成绩单: name and unit typed here; the file follows coursekit/results/slip.py. */
        function slipSection() {
          var statusId = nextId("slip");
          var status = el("p", { id: statusId, class: "ck-slip-status", "aria-live": "polite" });
          var name = el("input", { type: "text", class: "ck-slip-name", autocomplete: "name", "aria-required": "true", "aria-describedby": statusId });
          var unit = el("input", { type: "text", class: "ck-slip-unit", autocomplete: "organization" });
          function save() {
            var who = name.value.trim();
            status.className = "ck-slip-status " + (who ? "ck-ok" : "ck-bad");
            if (!who) {
              name.setAttribute("aria-invalid", "true");
              status.textContent = t("slip_need_name");
              return name.focus();
            }
            name.removeAttribute("aria-invalid");
            var file = t("slip_file", { paper: paper.id, seed: seed, name: safeName(who) });
            download(file, resultSlip(who, unit.value.trim()));
            status.textContent = t("slip_done", { file: file });
          }
          return el("section", { class: "ck-slip" }, [
            el("h3", { text: t("slip_title") }),
            el("p", { class: "ck-hint", text: t("slip_intro") }),
            el("label", { class: "ck-field" }, [el("span", { text: t("slip_name") }), name]),
            el("label", { class: "ck-field" }, [el("span", { text: t("slip_unit") }), unit]),
            status,
            el("div", { class: "ck-actions" }, [button(t("slip_download"), save, "ck-btn--primary ck-slip-download")]),
          ]);
        }

        function resultSlip(who, where) {
          var score = 0;
          var total = 0;
          var answers = items.map(function (it) {
            var points = drawn[it.section].section.points;
            var right = it.q.type === "short" ? it.w.selfMark : it.res.right;
            total += points;
            if (right) score += points;
            return { id: it.q.id, type: it.q.type, given: slipGiven(it.q, it.res), correct: right, points: right ? points : 0 };
          });
          return {
            format: "coursekit-result", version: 1, name: who, unit: where, paper: paper.id, paperTitle: paper.title, seed: seed,
            started: new Date(started).toISOString(), finished: new Date(record.at).toISOString(),
            score: score, total: total, passed: score >= paper.passMark, answers: answers,
          };
        }
      }
    }
  }

  /* The answer as a result slip records it: option indexes in the bank's order (the inputs'
     values), whatever order the screen showed; null when not answered. */
  function slipGiven(q, res) {
    if (res.empty) return null;
    if (q.type === "single") return res.raw[0];
    if (q.type === "judge") return res.raw[0] === 0; // judge options: 0 true, 1 false
    return res.raw;
  }

  /* A name fit for a file name on any system: no path, wildcard, control characters or spaces. */
  function safeName(text) {
    return text.replace(/[\\/:*?"<>|\x00-\x1f\x7f\s]+/g, "_").replace(/^[._]+|[._]+$/g, "").slice(0, 40).replace(/[\ud800-\udbff]$/, "") || "_";
  }

  /* Under each exam question after submission: verdict, the learner's and the right answer. */
  function reviewBox(it, rescore) {
    var q = it.q;
    var res = it.res;
    var box = el("div", { class: "ck-feedback ck-review" });
    function verdictKey() {
      if (q.type === "short") return it.w.selfMark === null ? "mark_pending" : it.w.selfMark ? "mark_right" : "mark_wrong";
      return res.empty ? "mark_unanswered" : res.right ? "mark_right" : "mark_wrong";
    }
    function render() {
      var key = verdictKey();
      box.className = "ck-feedback ck-review " + (key === "mark_right" ? "ck-ok" : key === "mark_pending" ? "" : "ck-bad");
      var selfMark = null;
      if (q.type === "short" && it.w.selfMark === null) {
        selfMark = el("div", { class: "ck-actions" }, [
          el("span", { class: "ck-hint", text: t("self_mark_prompt") }),
          button(t("self_right"), function () { mark(true); }, "ck-self-right"),
          button(t("self_wrong"), function () { mark(false); }, "ck-self-wrong"),
        ]);
      }
      fill(box, [
        el("p", { class: "ck-verdict", text: t(key) }),
        el("p", { class: "ck-given", text: t("your_answer", { answer: res.given }) }),
        el("p", { class: "ck-correct", text: t(q.type === "short" ? "reference" : "correct_answer", { answer: it.w.correctText() }) }),
      ].concat(explanationNodes(q), [selfMark]));
    }
    function mark(right) {
      it.w.selfMark = right;
      recordAnswer(q.id, right);
      render();
      rescore();
      box.setAttribute("tabindex", "-1");
      box.focus();
    }
    render();
    return box;
  }

  /* ---- site data for the notebook and progress pages ------------------------------------ */

  function fetchSiteData(src) {
    var url = new URL(src, location.href);
    var root = new URL("../../", url); // our data files sit in assets/coursekit/
    return fetch(url.href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        data.root = root;
        return data;
      });
  }

  /* A bank's questions from its data file, their links made right for this page. */
  function fetchBank(src) {
    return fetchSiteData(src).then(function (data) {
      data.questions.forEach(function (q) { rebase(q, data.root); });
      return data.questions;
    });
  }

  /* Links in our data files are relative to the site root; make them absolute. The questions were
     just parsed from the file, so they are changed in place (no copy). */
  function rebase(q, root) {
    q.sources.forEach(function (s) {
      s.href = new URL(s.href, root).href;
    });
    if (q.lesson) q.lesson.href = new URL(q.lesson.href, root).href;
  }

  function withSiteData(box, render) {
    var src = box.getAttribute("data-ck-src");
    fill(box, [el("p", { class: "ck-hint", text: t("loading") })]);
    fetchSiteData(src).then(
      function (site) {
        render(box, site);
      },
      function () {
        fill(box, [el("p", { class: "ck-notice", role: "status", text: t("load_failed") })]);
      }
    );
  }

  /* ---- the mistake notebook ------------------------------------------------------------ */

  function initNotebook(box) {
    withSiteData(box, function (box, site) {
      // The questions come from the banks that hold the learner's mistakes, and only those.
      var state = loadState();
      var banks = site.banks || {};
      var needed = Object.keys(banks).filter(function (id) {
        return banks[id].questions.some(function (qid) {
          return state.questions[qid] && state.questions[qid].wrong > 0;
        });
      });
      Promise.all(needed.map(function (id) { return fetchBank(new URL(banks[id].href, site.root).href); })).then(
        function (lists) {
          site.questions = {};
          lists.forEach(function (list) {
            list.forEach(function (q) { site.questions[q.id] = q; });
          });
          renderNotebook(box, site);
        },
        function () {
          fill(box, [el("p", { class: "ck-notice", role: "status", text: t("load_failed") })]);
        }
      );
    });
  }

  function renderNotebook(box, site) {
    var state = loadState();
    var now = Date.now();
    var ids = Object.keys(state.questions).filter(function (id) {
      return site.questions[id] && state.questions[id].wrong > 0;
    });
    var byDue = function (a, b) {
      return state.questions[a].due - state.questions[b].due || (a < b ? -1 : 1);
    };
    ids.sort(byDue);
    if (!ids.length) {
      fill(box, [el("p", { class: "ck-empty", text: t("nb_empty") })]);
      return;
    }
    var due = ids.filter(function (id) { return isDue(state.questions[id], now); });
    var dueSection = el("section", { class: "ck-due" }, [el("h2", { text: t("nb_due", { count: due.length }) })]);
    if (due.length) {
      var list = el("ol", { class: "ck-questions ck-live-list" });
      due.forEach(function (id, i) {
        list.appendChild(practiceItem(site.questions[id], i + 1, { retry: false, onAnswered: function () { renderAll(); } }));
      });
      dueSection.appendChild(list);
    } else {
      var next = state.questions[ids[0]].due;
      var count = ids.filter(function (id) { return dayStart(state.questions[id].due, 0) === dayStart(next, 0); }).length;
      dueSection.appendChild(el("p", { class: "ck-empty", text: t("nb_none_due") + t("nb_next_due", { date: formatDate(next), count: count }) }));
    }
    var all = el("section", { class: "ck-all" });
    fill(box, [dueSection, all]);
    renderAll();

    function renderAll() {
      var fresh = loadState();
      var today = Date.now();
      var rows = ids.slice().sort(function (a, b) {
        return fresh.questions[a].due - fresh.questions[b].due || (a < b ? -1 : 1);
      });
      fill(all, [
        el("h2", { text: t("nb_all", { count: rows.length }) }),
        el("ul", { class: "ck-mistakes" }, rows.map(function (id) {
          var q = site.questions[id];
          var r = fresh.questions[id];
          var when = isDue(r, today) ? t("nb_due_today") : t("nb_due_on", { date: formatDate(r.due) });
          return el("li", { "data-ck-qid": id }, [
            el("span", { class: "ck-mistake-stem", text: q.stem }),
            el("span", { class: "ck-mistake-meta", text: [q.typeLabel, t("nb_wrong_times", { count: r.wrong }), t("nb_box", { box: r.box }), when].join(t("dot")) }),
            q.lesson ? el("a", { href: q.lesson.href, text: t("back_to_lesson") + t("colon") + q.lesson.title }) : null,
          ]);
        })),
      ]);
    }
  }

  /* ---- progress: per course, exam history, export and import --------------------------- */

  function courseStats(lessonIds, questionIds, state) {
    return {
      read: lessonIds.filter(function (id) { return !!state.lessons[id]; }).length,
      lessons: lessonIds.length,
      mastered: questionIds.filter(function (id) { return isMastered(state.questions[id]); }).length,
      questions: questionIds.length,
    };
  }

  function bar(value, max, label) {
    return el("progress", { value: String(value), max: String(Math.max(max, 1)), "aria-label": label });
  }

  function initProgress(box) {
    withSiteData(box, renderProgress);
  }

  function renderProgress(box, site) {
    var overview = el("div", { class: "ck-overview" });
    var status = el("p", { class: "ck-import-status", role: "status" });
    var file = el("input", { type: "file", accept: ".json,application/json", class: "ck-import-file" });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader(); // not Blob.text(): older phone browsers lack it
      reader.onload = function () {
        var other = parseState(String(reader.result));
        if (!other) {
          status.className = "ck-import-status ck-bad";
          status.textContent = t("import_bad");
        } else {
          var counts;
          updateState(function (s) { counts = mergeState(s, other); });
          status.className = "ck-import-status ck-ok";
          status.textContent = t("import_done", counts);
          drawOverview();
        }
        file.value = "";
      };
      reader.readAsText(chosen, "utf-8");
    });
    fill(box, [
      el("p", { class: "ck-hint", text: t("pg_definitions") }),
      overview,
      el("section", { class: "ck-backup" }, [
        el("h2", { text: t("pg_backup") }),
        el("p", { text: t("pg_backup_intro") }),
        el("div", { class: "ck-actions" }, [button(t("pg_export"), exportState, "ck-btn--primary ck-export")]),
        el("label", { class: "ck-btn ck-import" }, [el("span", { text: t("pg_import") }), file]),
        status,
      ]),
    ]);
    drawOverview();

    function drawOverview() {
      var state = loadState();
      var courses = site.courses.map(function (course) {
        var lessonIds = course.lessons.map(function (l) { return l.id; });
        var questionIds = [].concat.apply([], course.lessons.map(function (l) { return l.questions; }));
        var stats = courseStats(lessonIds, questionIds, state);
        return el("section", { class: "ck-course", "data-ck-course": course.id }, [
          el("h2", null, [el("a", { href: new URL(course.href, site.root).href, text: course.title })]),
          el("p", { class: "ck-course-line", text: t("course_line", stats) }),
          el("div", { class: "ck-bars" }, [bar(stats.read, stats.lessons, t("pg_bar_read")), bar(stats.mastered, stats.questions, t("pg_bar_mastered"))]),
          el("ul", { class: "ck-lessons" }, course.lessons.map(function (lesson) {
            var read = !!state.lessons[lesson.id];
            var mastered = lesson.questions.filter(function (id) { return isMastered(state.questions[id]); }).length;
            return el("li", { "data-ck-lesson": lesson.id, class: read ? "ck-read" : "" }, [
              el("a", { href: new URL(lesson.href, site.root).href, text: lesson.title }),
              el("span", { class: "ck-lesson-state", text: [t(read ? "pg_read" : "pg_unread")].concat(lesson.questions.length ? [t("pg_lesson_mastered", { mastered: mastered, questions: lesson.questions.length })] : []).join(t("dot")) }),
            ]);
          })),
        ]);
      });
      var exams = state.exams.slice().reverse();
      fill(overview, courses.concat([
        el("section", { class: "ck-exams" }, [
          el("h2", { text: t("pg_exams") }),
          exams.length
            ? el("ul", null, exams.map(function (x) {
                return el("li", { text: t("pg_exam_row", { date: formatDate(x.at), title: x.title, seed: x.seed, score: formatPoints(x.score), total: formatPoints(x.total), result: t(x.passed ? "pg_passed" : "pg_failed") }) });
              }))
            : el("p", { class: "ck-empty", text: t("pg_exams_none") }),
        ]),
      ]));
    }
  }

  function exportState() {
    var d = new Date();
    download(t("export_file", { date: d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) }), loadState());
  }

  /* Save ``data`` as a JSON file: a Blob and a link, nothing leaves the browser. */
  function download(name, data) {
    var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* ---- small per-page hooks ------------------------------------------------------------ */

  function words(node, name) {
    return (node.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  }

  function initCourseProgress(node) {
    var stats = courseStats(words(node, "data-ck-lessons"), words(node, "data-ck-questions"), loadState());
    fill(node, [el("p", { class: "ck-course-line", text: t("course_progress", stats) })]);
  }

  /* A lesson counts as read once its end (the pager under the lesson) has been on screen. */
  function initLesson(meta) {
    var id = meta.getAttribute("data-ck-lesson");
    function showRead() {
      if (!meta.querySelector(".ck-read-mark")) meta.appendChild(el("span", { class: "ck-read-mark", text: t("dot") + t("lesson_read") }));
    }
    function markRead() {
      updateState(function (s) {
        if (!s.lessons[id]) s.lessons[id] = { readAt: Date.now() };
      });
      showRead();
    }
    if (loadState().lessons[id]) return showRead();
    var end = document.querySelector(".ck-pager") || (document.querySelector("article") || document.body).lastElementChild;
    if (!("IntersectionObserver" in window) || !end) return markRead();
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        watcher.disconnect();
        markRead();
      }
    });
    watcher.observe(end);
  }

  /* ---- start: once per element, whether Material's document$ or DOMContentLoaded calls ---- */

  var HOOKS = [
    [".ck-quiz", initQuiz],
    [".ck-exam", initExam],
    [".ck-notebook", initNotebook],
    [".ck-progress", initProgress],
    [".ck-course-progress", initCourseProgress],
    [".ck-meta[data-ck-lesson]", initLesson],
  ];

  function boot() {
    HOOKS.forEach(function (hook) {
      Array.prototype.forEach.call(document.querySelectorAll(hook[0]), function (node) {
        if (node.hasAttribute("data-ck-ready")) return;
        node.setAttribute("data-ck-ready", "");
        try {
          hook[1](node);
        } catch (error) {
          // One broken block must not stop the others; still report it.
          setTimeout(function () { throw error; }, 0);
        }
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
