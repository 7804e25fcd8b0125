/* Texts and number formats the learner sees.
 *
 * Every text comes from window.CK_STRINGS (the `ui:` keys of locales/*.yml, written into
 * assets/coursekit/strings.<lang>.js by the plugin, the page's language only); a key missing in
 * English falls back to Chinese.
 * No DOM here beyond reading the page's language, so `node --test` can load it.
 */

export var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* The page's language, from <html lang>: English pages say "en", every other page is Chinese. */
export function pageLanguage() {
  var doc = typeof document !== "undefined" ? document : null;
  return doc && /^en/i.test(doc.documentElement.lang || "") ? "en" : "zh";
}

export function t(key, values) {
  var all = (typeof window !== "undefined" && window.CK_STRINGS) || {};
  var lang = pageLanguage();
  var text = (all[lang] && all[lang][key]) || (all.zh && all.zh[key]) || key;
  return text.replace(/\{(\w+)\}/g, function (whole, name) {
    return values && name in values ? String(values[name]) : whole;
  });
}

export function range(n) {
  var list = [];
  for (var i = 0; i < n; i++) list.push(i);
  return list;
}

export function pad(n) {
  return (n < 10 ? "0" : "") + n;
}

export function formatDate(time) {
  var d = new Date(time);
  return t("date", { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
}

/* The date as a file name carries it: 2026-03-07. */
export function isoDay(time) {
  var d = new Date(time);
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

export function formatClock(seconds) {
  return pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
}

export function formatPoints(value) {
  return String(Math.round(value * 10) / 10);
}

/* Blanks compare without spaces (half- or full-width) and with full-width letters and digits
   folded, so "半 数" and "半数", "１" and "1" are the same answer. */
export function normalise(text) {
  return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/* A name fit for a file name on any system: no path, wildcard, control characters or spaces. */
export function safeName(text) {
  return text.replace(/[\\/:*?"<>|\x00-\x1f\x7f\s]+/g, "_").replace(/^[._]+|[._]+$/g, "").slice(0, 40).replace(/[\ud800-\udbff]$/, "") || "_";
}
