/* 成绩单 under an exam's result: name and branch (支部) typed here, the file built by logic/slip.js
 * (the format of coursekit/results/slip.py), downloaded without leaving the browser. The branch
 * field offers the branches the trainer listed (plugin option ``branches``) and takes any other
 * typed: a text field with a <datalist>, so choosing and typing are one control. */

import { resultSlip } from "../logic/slip.js";
import { safeName, t } from "../logic/strings.js";
import { button, copyText, download, el, fill, nextId, textBox } from "../browser/dom.js";

/* ``exam``: { paper, seed, drawn, started, finished, branches }; ``currentMarks()``: the items' marks at
   the time of download (short answers may have been marked since the result was shown). */
export function slipSection(exam, currentMarks) {
  var statusId = nextId("slip");
  var status = el("p", { id: statusId, class: "ck-slip-status", "aria-live": "polite" });
  var name = el("input", { type: "text", class: "ck-slip-name", autocomplete: "name", "aria-required": "true", "aria-describedby": statusId });
  var listId = nextId("branches");
  var branches = exam.branches || [];
  var unit = el("input", { type: "text", class: "ck-slip-unit", autocomplete: "organization", list: branches.length ? listId : null });
  var choices = branches.length ? el("datalist", { id: listId }, branches.map(function (b) { return el("option", { value: b }); })) : null;
  var shown = el("div", { class: "ck-slip-text" });
  function named() {
    var who = name.value.trim();
    status.className = "ck-slip-status " + (who ? "ck-ok" : "ck-bad");
    if (!who) {
      name.setAttribute("aria-invalid", "true");
      status.textContent = t("slip_need_name");
      name.focus();
      return null;
    }
    name.removeAttribute("aria-invalid");
    return who;
  }
  function save() {
    var who = named();
    if (!who) return;
    var file = t("slip_file", { paper: exam.paper.id, seed: exam.seed, name: safeName(who) });
    var branch = unit.value.trim();
    download(file, resultSlip(exam, currentMarks(), who, branch, branch));
    status.textContent = t("slip_done", { file: file });
  }
  /* WeChat's browser often blocks downloads: the same slip as one line of text (the file's JSON,
     which `coursekit results` finds in a saved chat), copied and shown to copy by hand. */
  function copy() {
    var who = named();
    if (!who) return;
    var branch = unit.value.trim();
    var text = JSON.stringify(resultSlip(exam, currentMarks(), who, branch, branch));
    fill(shown, [textBox(text, t("slip_text_label"))]);
    copyText(text).then(function (copied) {
      status.textContent = t(copied ? "slip_copied" : "slip_copy_by_hand");
    });
  }
  return el("section", { class: "ck-slip" }, [
    el("h3", { text: t("slip_title") }),
    el("p", { class: "ck-hint", text: t("slip_intro") }),
    el("label", { class: "ck-field" }, [el("span", { text: t("slip_name") }), name]),
    el("label", { class: "ck-field" }, [el("span", { text: t("slip_unit") }), unit]),
    choices,
    branches.length ? el("p", { class: "ck-hint", text: t("slip_branch_hint") }) : null,
    status,
    el("div", { class: "ck-actions" }, [button(t("slip_download"), save, "ck-btn--primary ck-slip-download"), button(t("slip_copy"), copy, "ck-slip-copy")]),
    shown,
  ]);
}
