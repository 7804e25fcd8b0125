/* 成绩单 under an exam's result: name and branch (支部) typed here, the file built by logic/slip.js
 * (the format of coursekit/results/slip.py), downloaded without leaving the browser. The branch
 * field offers the branches the trainer listed (plugin option ``branches``) and takes any other
 * typed: a text field with a <datalist>, so choosing and typing are one control. */

import { qrMatrix } from "../logic/qr-matrix.js";
import { compactSlip, resultSlip } from "../logic/slip.js";
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
  /* The compact slip (logic/slip.js) as a QR code the trainer's phone scans into the chat, with
     the same line under it to copy. */
  function showQr() {
    var who = named();
    if (!who) return;
    var text = compactSlip(exam, currentMarks(), who, unit.value.trim());
    var symbol = qrMatrix(text);
    if (!symbol) {
      status.textContent = t("slip_qr_too_long");
      return;
    }
    fill(shown, [
      el("figure", { class: "ck-slip-qr", "data-ck-compact": text, "data-ck-qr-version": String(symbol.version) }, [
        qrSvg(symbol.modules, t("slip_qr_label")),
        el("figcaption", { class: "ck-hint", text: t("slip_qr_hint") }),
      ]),
      textBox(text, t("slip_qr_text_label")),
    ]);
    status.textContent = t("slip_qr_done");
  }
  return el("section", { class: "ck-slip" }, [
    el("h3", { text: t("slip_title") }),
    el("p", { class: "ck-hint", text: t("slip_intro") }),
    el("label", { class: "ck-field" }, [el("span", { text: t("slip_name") }), name]),
    el("label", { class: "ck-field" }, [el("span", { text: t("slip_unit") }), unit]),
    choices,
    branches.length ? el("p", { class: "ck-hint", text: t("slip_branch_hint") }) : null,
    status,
    el("div", { class: "ck-actions" }, [button(t("slip_download"), save, "ck-btn--primary ck-slip-download"), button(t("slip_copy"), copy, "ck-slip-copy"), button(t("slip_qr"), showQr, "ck-slip-qr-show")]),
    shown,
  ]);
}

var SVG = "http://www.w3.org/2000/svg";

/* The modules (rows of 0 and 1) as one SVG path, dark on white, with the 4-module quiet zone. */
function qrSvg(modules, label) {
  var size = modules.length + 8;
  var path = "";
  modules.forEach(function (row, r) {
    for (var c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      var start = c;
      while (c + 1 < row.length && row[c + 1]) c += 1;
      path += "M" + (start + 4) + " " + (r + 4) + "h" + (c - start + 1) + "v1h-" + (c - start + 1) + "z";
    }
  });
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + size + " " + size);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  var back = document.createElementNS(SVG, "rect");
  back.setAttribute("width", String(size));
  back.setAttribute("height", String(size));
  back.setAttribute("fill", "#fff");
  var dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.appendChild(back);
  svg.appendChild(dark);
  return svg;
}
