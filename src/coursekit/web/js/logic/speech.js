/* Reading a lesson aloud with the device's own voice (the Web Speech API; no network, nothing
 * to install): which voice, and the text in pieces short enough that browsers which stop a long
 * utterance after some seconds read it all. Pure. */

export var MAX_CHUNK = 160; // characters per utterance

/* The device's voice for ``lang`` ("zh" or "en"): one on the device itself first, then one
   whose language matches best (zh-CN before other Chinese). null when there is none. */
export function pickVoice(voices, lang) {
  var wanted = (voices || []).filter(function (v) {
    return v && typeof v.lang === "string" && v.lang.replace("_", "-").toLowerCase().indexOf(lang) === 0;
  });
  if (!wanted.length) return null;
  var preferred = lang === "zh" ? "zh-cn" : "en-gb";
  function score(v) {
    return (v.localService ? 2 : 0) + (v.lang.replace("_", "-").toLowerCase() === preferred ? 1 : 0);
  }
  return wanted.slice().sort(function (a, b) { return score(b) - score(a); })[0];
}

/* ``texts`` (paragraphs) as utterances of at most ``max`` characters, cut after a sentence's
   end where possible, then after a comma, then anywhere. Empty texts are left out. */
export function speechChunks(texts, max) {
  max = max || MAX_CHUNK;
  var chunks = [];
  texts.forEach(function (text) {
    var rest = String(text || "").replace(/\s+/g, " ").trim();
    while (rest.length > max) {
      var cut = lastBreak(rest.slice(0, max), /[。！？；!?;]/) || lastBreak(rest.slice(0, max), /[，、,：:]/) || max;
      chunks.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (rest) chunks.push(rest);
  });
  return chunks;
}

function lastBreak(text, marks) {
  for (var i = text.length - 1; i > 0; i--) {
    if (marks.test(text.charAt(i))) return i + 1;
  }
  return 0;
}
