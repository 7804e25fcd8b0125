/* An exam page (.ck-exam): the start screen with the rules and the paper number, the banks
 * fetched as the page opens, and "another paper". Sitting the paper is components/exam-paper.js.
 *
 * The paper number (seed) is in the address (?seed=42), so a reload shows the same paper, and the
 * draw is coursekit/draw.py's: paper 42 here is paper 42 printed by the trainer.
 */

import { answeredCount, secondsLeft } from "../logic/attempt.js";
import { drawPaper, randomSeed, seedFromQuery } from "../logic/draw.js";
import { formatClock, formatPoints, t } from "../logic/strings.js";
import { dropAttempt, readAttempt } from "../browser/attempts.js";
import { button, el, fill, readJSON } from "../browser/dom.js";
import { loadState } from "../browser/saved.js";
import { fetchBank } from "../browser/site-data.js";
import { sitPaper } from "./exam-paper.js";

export function mountExam(box) {
  var data = readJSON(box.querySelector("script.ck-exam-data"));
  if (!data || !data.paper) return;
  loadState(); // report a damaged or missing store before the exam, not after it
  var paper = data.paper;
  var pool = null; // bank id -> its questions, from the banks' data files
  var loading = null;
  var waiting = false; // "start" was pressed before the banks arrived
  var startStatus = null;
  var seed = seedFromQuery(location.search);
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
    var start = button(t("exam_start"), function () { startExam(null); }, "ck-btn--primary ck-exam-start");
    var another = button(t("exam_new_paper"), function () {
      newSeed();
      number.textContent = t("exam_new_paper_done", { seed: seed });
    }, "ck-exam-another");
    startStatus = el("p", { class: "ck-hint", role: "status" });
    fill(box, [resumeOffer(), el("div", { class: "ck-exam-intro" }, [rules, number, el("div", { class: "ck-actions" }, [start, another]), startStatus])]);
  }

  /* An attempt left unfinished (a reload, a phone call): continue it with the time it has
     left, or submit it when time ran out meanwhile; or give it up. */
  function resumeOffer() {
    var saved = readAttempt(paper.id);
    if (!saved) return null;
    var left = secondsLeft(saved, Date.now());
    var values = { seed: saved.seed, answered: answeredCount(saved), time: formatClock(left) };
    var go = button(t(left > 0 ? "exam_resume" : "exam_resume_submit"), function () { startExam(saved); }, "ck-btn--primary ck-exam-resume");
    var drop = button(t("exam_resume_drop"), function () {
      dropAttempt(paper.id);
      showStart();
      box.querySelector(".ck-exam-start").focus();
    }, "ck-exam-drop");
    return el("div", { class: "ck-notice ck-exam-unfinished", role: "status" }, [
      el("p", { text: t(left > 0 ? "exam_unfinished" : "exam_unfinished_timeup", values) }),
      el("div", { class: "ck-actions" }, [go, drop]),
    ]);
  }

  function startExam(resumed) {
    if (!pool) {
      if (waiting) return;
      waiting = true;
      startStatus.textContent = t("loading");
      loadPool().then(
        function () { waiting = false; startExam(resumed); },
        function () { waiting = false; startStatus.textContent = t("load_failed"); }
      );
      return;
    }
    resumed = resumed && resumed.paper === paper.id ? resumed : null;
    if (resumed) seed = resumed.seed;
    else dropAttempt(paper.id); // a new start replaces an attempt the learner did not continue
    var exam = { box: box, paper: paper, seed: seed, drawn: drawPaper(paper, pool, seed), branches: data.branches || [] };
    sitPaper(exam, {
      again: function () { startExam(null); },
      another: function () {
        newSeed();
        showStart();
        box.querySelector(".ck-exam-start").focus();
      },
    }, resumed);
  }
}
