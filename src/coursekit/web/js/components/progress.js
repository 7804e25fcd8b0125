/* The progress page (.ck-progress): per course, lessons read and questions mastered; the exam
 * history; and the backup: export the saved state as a file, import one (merged, not replaced). */

import { courseStats, isMastered } from "../logic/leitner.js";
import { mergeState, readBackup } from "../logic/state.js";
import { formatDate, formatPoints, isoDay, t } from "../logic/strings.js";
import { button, copyText, download, el, fill, textBox } from "../browser/dom.js";
import { exportedState, loadState, updateState } from "../browser/saved.js";
import { withSiteData } from "../browser/site-data.js";

export function mountProgress(box) {
  withSiteData(box, renderProgress);
}

function bar(value, max, label) {
  return el("progress", { value: String(value), max: String(Math.max(max, 1)), "aria-label": label });
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
      importText(String(reader.result));
      file.value = "";
    };
    reader.readAsText(chosen, "utf-8");
  });
  function importText(text) {
    var backup = readBackup(text);
    if (!backup) {
      status.className = "ck-import-status ck-bad";
      status.textContent = t("import_bad");
    } else {
      var counts;
      updateState(function (s) { counts = mergeState(s, backup.state); });
      counts.dropped = backup.dropped;
      status.className = "ck-import-status ck-ok";
      status.textContent = t(backup.dropped ? "import_done_repaired" : "import_done", counts);
      drawOverview();
    }
  }
  /* The backup as text, for phones whose browser (WeChat's) blocks downloads: copied, and shown
     to copy by hand; on the other phone it is pasted into the box below. */
  var copied = el("div", { class: "ck-backup-text" });
  function copyBackup() {
    var text = JSON.stringify(exportedState());
    fill(copied, [textBox(text, t("pg_backup_text_label"))]);
    copyText(text).then(function (done) {
      status.className = "ck-import-status ck-ok";
      status.textContent = t(done ? "pg_copied" : "pg_copy_by_hand");
    });
  }
  var pasted = el("textarea", { rows: "3", class: "ck-paste", "aria-label": t("pg_paste_label"), placeholder: t("pg_paste_label") });
  function importPasted() {
    var text = pasted.value;
    var start = text.indexOf("{");
    importText(start >= 0 ? text.slice(start, text.lastIndexOf("}") + 1) : text);
    if (status.classList.contains("ck-ok")) pasted.value = "";
  }
  fill(box, [
    el("p", { class: "ck-hint", text: t("pg_definitions") }),
    overview,
    el("section", { class: "ck-backup" }, [
      el("h2", { text: t("pg_backup") }),
      el("p", { text: t("pg_backup_intro") }),
      el("div", { class: "ck-actions" }, [button(t("pg_export"), exportState, "ck-btn--primary ck-export")]),
      el("label", { class: "ck-btn ck-import" }, [el("span", { text: t("pg_import") }), file]),
      el("h3", { text: t("pg_text_title") }),
      el("p", { class: "ck-hint", text: t("pg_text_intro") }),
      el("div", { class: "ck-actions" }, [button(t("pg_copy"), copyBackup, "ck-backup-copy")]),
      copied,
      el("label", { class: "ck-field" }, [el("span", { text: t("pg_paste_label") }), pasted]),
      el("div", { class: "ck-actions" }, [button(t("pg_paste_import"), importPasted, "ck-paste-import")]),
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
  download(t("export_file", { date: isoDay(Date.now()) }), exportedState());
}
