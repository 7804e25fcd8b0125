/* offline.js: registers the service worker (sw.js at the site root), offers a newer edition when
 * one is published, and runs the download panel of the offline page (.ck-offline-panel).
 * Kept apart from the quiz code: it only talks to the service worker, never to saved progress.
 */
(function () {
  "use strict";

  var LANG = /^en/i.test(document.documentElement.lang || "") ? "en" : "zh";
  var script = document.currentScript;
  // This file is assets/coursekit/offline.js under the site root, wherever the site is served.
  var ROOT = new URL("../../", script ? script.src : location.href).href;
  var worker = navigator.serviceWorker;

  function t(key, values) {
    var all = window.CK_STRINGS || {};
    var text = (all[LANG] && all[LANG][key]) || (all.zh && all.zh[key]) || key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  function el(tag, attrs, kids) {
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
      if (kid) node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return node;
  }

  function megabytes(bytes) {
    var mb = bytes / (1024 * 1024);
    return (mb < 0.1 ? "0.1" : mb.toFixed(1)) + " MB";
  }

  function topOfArticle(node) {
    var host = document.querySelector("article") || document.body;
    var heading = host.querySelector("h1");
    host.insertBefore(node, heading ? heading.nextSibling : host.firstChild);
  }

  /* ---- a newer edition ------------------------------------------------------------------ */

  var updating = false;
  function offerUpdate(waiting) {
    if (document.querySelector(".ck-update")) return;
    var box = el("div", { class: "ck-notice ck-update", role: "status" }, [
      el("p", null, [el("strong", { text: t("update_ready") }), " ", t("update_keeps")]),
      el("button", {
        type: "button",
        class: "ck-btn ck-btn--primary",
        text: t("update_now"),
        onclick: function () {
          updating = true;
          waiting.postMessage({ type: "activate" });
        },
      }),
    ]);
    topOfArticle(box);
  }

  function watchForUpdates(registration) {
    if (registration.waiting && worker.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", function () {
        if (installing.state === "installed" && worker.controller) offerUpdate(installing);
      });
    });
    worker.addEventListener("controllerchange", function () {
      if (updating) location.reload();
    });
  }

  /* ---- the offline page's panel --------------------------------------------------------- */

  function ask(message) {
    return worker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          resolve(event.data);
        };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  function missingNotice() {
    var from = new URLSearchParams(location.search).get("from");
    if (!from) return;
    topOfArticle(el("div", { class: "ck-notice ck-missing", role: "alert", text: t("offline_missing", { page: "/" + from.replace(/^\/+/, "") }) }));
  }

  function panel(host) {
    if (!worker) {
      host.replaceChildren(el("p", { class: "ck-notice", text: t(window.isSecureContext === false ? "offline_insecure" : "offline_unsupported") }));
      return;
    }
    var state = el("p", { class: "ck-offline-state", role: "status", text: t("offline_preparing") });
    var list = el("ul", { class: "ck-packs" });
    var bar = el("progress", { class: "ck-offline-progress", max: "1", value: "0", hidden: true });
    var said = el("p", { class: "ck-offline-said", role: "status", "aria-live": "polite" });
    var installButton = el("button", { type: "button", class: "ck-btn", text: t("install_app"), hidden: true });
    host.replaceChildren(state, list, bar, said, installButton);
    var busy = false;

    function start(ids) {
      if (busy) return;
      busy = true;
      Array.prototype.forEach.call(list.querySelectorAll("button"), function (b) {
        b.disabled = true;
      });
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      bar.hidden = false;
      bar.value = 0;
      said.textContent = t("offline_progress", { done: "0 MB", total: "…" });
      worker.ready.then(function (registration) {
        registration.active.postMessage({ type: "download", packs: ids });
      });
    }

    function show(status) {
      state.textContent = t(status.core ? "offline_core_ready" : "offline_preparing");
      var lang = LANG in (status.packs[0] ? status.packs[0].sizes : {}) ? LANG : "zh";
      var rest = status.packs.filter(function (pack) {
        return !pack.downloaded;
      });
      var restSize = rest.reduce(function (sum, pack) {
        return sum + (pack.sizes[lang] || 0);
      }, 0);
      var rows = [
        el("li", { class: "ck-pack ck-pack-all" }, [
          el("span", { class: "ck-pack-title", text: t("offline_all") }),
          rest.length
            ? el("button", {
                type: "button",
                class: "ck-btn ck-btn--primary",
                "data-ck-pack": "*",
                text: t("offline_download_all", { size: megabytes(restSize) }),
                onclick: function () {
                  start(rest.map(function (pack) {
                    return pack.id;
                  }));
                },
              })
            : el("span", { class: "ck-pack-done", text: t("offline_downloaded") }),
        ]),
      ];
      status.packs.forEach(function (pack) {
        rows.push(
          el("li", { class: "ck-pack" }, [
            el("span", { class: "ck-pack-title", text: pack.titles[lang] || pack.id }),
            el("span", { class: "ck-pack-size", text: t("offline_size", { size: megabytes(pack.sizes[lang] || 0) }) }),
            pack.downloaded
              ? el("span", { class: "ck-pack-done", text: t("offline_downloaded") })
              : el("button", {
                  type: "button",
                  class: "ck-btn",
                  "data-ck-pack": pack.id,
                  text: t("offline_download"),
                  "aria-label": t("offline_download") + " " + (pack.titles[lang] || pack.id),
                  onclick: function () {
                    start([pack.id]);
                  },
                }),
          ])
        );
      });
      list.replaceChildren.apply(list, rows);
    }

    function refresh() {
      return ask({ type: "status" }).then(show);
    }

    worker.addEventListener("message", function (event) {
      var message = event.data || {};
      if (message.type === "progress") {
        bar.hidden = false;
        bar.value = message.total ? message.done / message.total : 1;
        said.textContent = t("offline_progress", { done: megabytes(message.done), total: megabytes(message.total) });
      } else if (message.type === "downloaded" || message.type === "download-failed") {
        busy = false;
        bar.hidden = message.type === "downloaded";
        said.textContent = t(message.type === "downloaded" ? "offline_done" : "offline_failed");
        refresh();
      }
    });
    refresh();
    // The first visit: the core is still being kept; say so when it is.
    worker.ready.then(function () {
      setTimeout(refresh, 1500);
    });

    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();
      installButton.hidden = false;
      installButton.onclick = function () {
        installButton.hidden = true;
        event.prompt();
      };
    });
  }

  function mount() {
    var host = document.querySelector(".ck-offline-panel");
    if (host) {
      missingNotice();
      panel(host);
    }
  }

  function register() {
    // `mkdocs serve` (its live-reload script is on the page): every edit is a new edition, and
    // a kept copy would hide it; no service worker there, and none left from an earlier visit.
    if (typeof window.livereload === "function") {
      worker.getRegistration(ROOT).then(function (registration) {
        if (registration) registration.unregister();
      }).catch(function () {});
      return;
    }
    worker
      .register(ROOT + "sw.js", { scope: ROOT })
      .then(function (registration) {
        watchForUpdates(registration);
        registration.update().catch(function () {}); // offline: nothing to learn
      })
      .catch(function () {});
  }
  if (worker) {
    // After the page has loaded: the live-reload script comes after ours, and the first visit's
    // downloads should not compete with the page's own.
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
