/* text-size.js: the larger-text switch, remembered in this browser. Loaded in the page's <head>
 * (not with the other scripts at the end) so that a learner who chose large text never sees the
 * page drawn small first. The button goes into the header beside search once the page is parsed.
 */
(function () {
  "use strict";

  var KEY = "coursekit:text-size";
  var root = document.documentElement;

  function saved() {
    try {
      return window.localStorage.getItem(KEY) === "large";
    } catch (e) {
      return false;
    }
  }

  function remember(large) {
    try {
      if (large) window.localStorage.setItem(KEY, "large");
      else window.localStorage.removeItem(KEY);
    } catch (e) {
      /* private mode or full storage: the switch still works on this page */
    }
  }

  function t(key) {
    var all = window.CK_STRINGS || {};
    var lang = /^en/i.test(root.lang || "") ? "en" : "zh";
    return (all[lang] && all[lang][key]) || (all.zh && all.zh[key]) || key;
  }

  if (saved()) root.classList.add("ck-large");

  function mount() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".ck-text-size")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button ck-text-size";
    button.textContent = t("text_large");
    button.title = t("text_large_help");
    button.setAttribute("aria-pressed", root.classList.contains("ck-large") ? "true" : "false");
    button.addEventListener("click", function () {
      var large = !root.classList.contains("ck-large");
      root.classList.toggle("ck-large", large);
      button.setAttribute("aria-pressed", large ? "true" : "false");
      remember(large);
    });
    var search = header.querySelector("label.md-header__button[for='__search']");
    header.insertBefore(button, search || null);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
