/* coursekit: search results in the page's language first.
   mkdocs-static-i18n writes one search index for both languages, and the English tree holds
   Chinese copies of pages not yet translated, so results would interleave languages. Results
   whose address lies in another language's folder ("en/…"; the default language sits at the
   site root) are moved after those of the page's own language. */
(function () {
  "use strict";
  var LANGS = Object.keys(window.CK_STRINGS || { zh: 1, en: 1 });
  var DEFAULT = LANGS[0];

  function siteRoot() {
    var node = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(node.textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  function pageLanguage() {
    var lang = (document.documentElement.lang || DEFAULT).slice(0, 2);
    return LANGS.indexOf(lang) >= 0 ? lang : DEFAULT;
  }

  function languageOf(href, root) {
    if (href.indexOf(root) !== 0) return DEFAULT;
    var match = /^([a-z]{2})\//.exec(href.slice(root.length));
    return match && LANGS.indexOf(match[1]) >= 0 ? match[1] : DEFAULT;
  }

  function reorder(list, root, lang) {
    var items = Array.prototype.slice.call(list.children);
    var own = [], other = [];
    items.forEach(function (item) {
      var link = item.querySelector("a[href]");
      var itemLang = link ? languageOf(link.href, root) : lang;
      item.setAttribute("data-ck-lang", itemLang);
      (itemLang === lang ? own : other).push(item);
    });
    var ordered = own.concat(other);
    var same = ordered.every(function (item, i) { return item === items[i]; });
    if (!same) ordered.forEach(function (item) { list.appendChild(item); });
  }

  function init() {
    var root = siteRoot(), lang = pageLanguage();
    Array.prototype.forEach.call(document.querySelectorAll(".md-search-result__list"), function (list) {
      if (list.getAttribute("data-ck-sorted")) return;
      list.setAttribute("data-ck-sorted", "1");
      new MutationObserver(function () { reorder(list, root, lang); }).observe(list, { childList: true });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
