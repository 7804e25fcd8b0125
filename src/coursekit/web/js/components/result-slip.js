/* 成绩单 under an exam's result: name and unit typed here, the file built by logic/slip.js
 * (the format of coursekit/results/slip.py), downloaded without leaving the browser. */

import { resultSlip } from "../logic/slip.js";
import { safeName, t } from "../logic/strings.js";
import { button, download, el, nextId } from "../browser/dom.js";

/* ``exam``: { paper, seed, drawn, started, finished }; ``currentMarks()``: the items' marks at
   the time of download (short answers may have been marked since the result was shown). */
export function slipSection(exam, currentMarks) {
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
    var file = t("slip_file", { paper: exam.paper.id, seed: exam.seed, name: safeName(who) });
    download(file, resultSlip(exam, currentMarks(), who, unit.value.trim()));
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
