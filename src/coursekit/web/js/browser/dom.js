/* Small DOM helpers every component uses: building elements, notices, downloads. */

import { t } from "../logic/strings.js";

export function el(tag, attrs, kids) {
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

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/* Replace the children of ``node`` with ``kids``, skipping null ones. */
export function fill(node, kids) {
  clear(node);
  kids.forEach(function (kid) {
    if (kid) node.appendChild(kid);
  });
  return node;
}

export function button(label, onclick, extra) {
  return el("button", { type: "button", class: "ck-btn" + (extra ? " " + extra : ""), text: label, onclick: onclick });
}

export function labelled(label, value) {
  return el("p", null, [el("strong", { text: label }), t("colon"), value]);
}

var serial = 0;
/* An id unique in the page, for labels and aria references. */
export function nextId(prefix) {
  serial += 1;
  return "ck-" + prefix + "-" + serial;
}

/* The JSON in a <script type="application/json">, or null. */
export function readJSON(script) {
  try {
    return script ? JSON.parse(script.textContent) : null;
  } catch (e) {
    return null;
  }
}

export function samePage(href) {
  var target = new URL(href, location.href);
  return target.pathname === location.pathname;
}

/* The words of an attribute's value: data-ck-lessons="a b c". */
export function words(node, name) {
  return (node.getAttribute(name) || "").split(/\s+/).filter(Boolean);
}

var shownNotices = {};
/* A visible, announced notice at the top of the page, once per page and kind. */
export function notice(key, values) {
  if (shownNotices[key]) return;
  shownNotices[key] = true;
  var host = document.querySelector("article") || document.body;
  var heading = host.querySelector("h1");
  host.insertBefore(el("div", { class: "ck-notice", role: "status", text: t(key, values) }), heading ? heading.nextSibling : host.firstChild);
}

/* Save ``data`` as a JSON file: a Blob and a link, nothing leaves the browser. */
export function download(name, data) {
  var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
  var link = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

/* Put ``text`` on the clipboard; resolves true when it is there. WeChat's browser and older
   phones may refuse (no secure context, no permission): the caller also shows the text in a
   box the learner can long-press and copy. */
export function copyText(text) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return copyBySelection(text); });
  }
  return Promise.resolve(copyBySelection(text));
}

function copyBySelection(text) {
  var box = el("textarea", { readonly: true, class: "ck-sr" });
  box.value = text;
  document.body.appendChild(box);
  box.select();
  var done = false;
  try {
    done = document.execCommand("copy");
  } catch (e) {
    done = false;
  }
  document.body.removeChild(box);
  return done;
}

/* A read-only box showing ``text``, selected on focus so a long press copies all of it. */
export function textBox(text, label) {
  var box = el("textarea", { readonly: true, rows: "4", class: "ck-copy-text", "aria-label": label });
  box.value = text;
  box.addEventListener("focus", function () { box.select(); });
  return box;
}
