/* 听课文: a button under a lesson's title that reads the lesson with the device's own voice
 * (logic/speech.js). Shown only where the device has a voice for the lesson's language; the
 * practice and sources sections at the end are not read. */

import { pickVoice, speechChunks } from "../logic/speech.js";
import { t } from "../logic/strings.js";
import { el } from "../browser/dom.js";

/* The lesson's text, paragraph by paragraph, up to its practice section. */
function lessonTexts(article) {
  var stop = article.querySelector("h2[data-search-exclude]");
  var nodes = article.querySelectorAll("h1, h2, h3, h4, p, li, th, td");
  var texts = [];
  Array.prototype.forEach.call(nodes, function (node) {
    if (stop && (stop === node || stop.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
    if (node.closest(".ck-meta, .ck-quiz, .ck-pager, .ck-notice, .ck-read-aloud")) return;
    if (node.tagName === "P" && node.parentElement.closest("li, td, th")) return; // read with its item
    var copy = node.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (link) { link.remove(); });
    texts.push(copy.textContent);
  });
  return texts;
}

export function mountReadAloud(meta) {
  var speech = window.speechSynthesis;
  if (!speech || typeof window.SpeechSynthesisUtterance !== "function") return;
  var article = meta.closest("article") || document.querySelector("article");
  if (!article) return;
  // The lesson's own language: an English page may show a lesson not yet translated.
  var lang = /[\u4e00-\u9fff]/.test(lessonTexts(article).slice(0, 3).join("")) ? "zh" : "en";
  var box = el("p", { class: "ck-read-aloud", hidden: true });
  var button = el("button", { type: "button", class: "ck-btn ck-read-button", "aria-pressed": "false", text: t("read_aloud") });
  box.appendChild(button);
  meta.parentNode.insertBefore(box, meta.nextSibling);
  var voice = null;
  var reading = false;

  function findVoice() {
    voice = pickVoice(speech.getVoices(), lang);
    box.hidden = !voice;
  }
  findVoice();
  if (speech.addEventListener) speech.addEventListener("voiceschanged", findVoice);

  function show(on) {
    reading = on;
    button.textContent = t(on ? "read_aloud_stop" : "read_aloud");
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  button.addEventListener("click", function () {
    if (reading) {
      speech.cancel();
      return show(false);
    }
    var chunks = speechChunks(lessonTexts(article));
    if (!chunks.length || !voice) return;
    speech.cancel();
    show(true);
    chunks.forEach(function (text, i) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9; // a little slower than the default: easier to follow
      if (i === chunks.length - 1) utterance.onend = function () { show(false); };
      speech.speak(utterance);
    });
  });
  window.addEventListener("pagehide", function () { if (reading) speech.cancel(); });
}
