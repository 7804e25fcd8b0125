/* sw.js: the service worker that keeps the site on the phone (see coursekit/site/offline.py).
 *
 * The build puts `self.CK_OFFLINE` above this code: the edition's version, the core files and
 * one pack of files per course, each [url relative to the site root, bytes, content hash].
 *
 * - install: keep the core, and every pack the learner downloaded under the edition before
 *   (files whose hash did not change are copied from the old cache, the rest fetched). If any
 *   fetch fails the new worker is dropped and the old edition stays whole.
 * - The new edition waits until the page says so (the learner taps "update"), then replaces the
 *   old caches. Progress lives in localStorage, which a service worker never touches.
 * - fetch: the edition's cache first (all pages of one edition agree), then the network (and
 *   the answer is kept); a page neither cached nor reachable answers with our offline page.
 */
"use strict";

var DATA = self.CK_OFFLINE;
var PREFIX = "coursekit-";
var CACHE = PREFIX + DATA.version;
var META = PREFIX + "meta"; // what was downloaded, and the hashes of the cached edition
var META_STATE = "state.json";
var SCOPE = self.registration.scope;

function absolute(url) {
  return new URL(url, SCOPE).href;
}

function readMeta() {
  return caches
    .open(META)
    .then(function (cache) {
      return cache.match(absolute(META_STATE));
    })
    .then(function (response) {
      return response ? response.json() : null;
    })
    .then(function (state) {
      return state && typeof state === "object" ? state : { version: null, packs: [], hashes: {} };
    })
    .catch(function () {
      return { version: null, packs: [], hashes: {} };
    });
}

function writeMeta(state) {
  return caches.open(META).then(function (cache) {
    return cache.put(absolute(META_STATE), new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } }));
  });
}

function packFiles(ids) {
  var files = [];
  DATA.packs.forEach(function (pack) {
    if (ids.indexOf(pack.id) < 0) return;
    Object.keys(pack.files).forEach(function (lang) {
      files = files.concat(pack.files[lang]);
    });
  });
  return files;
}

function hashes(files) {
  var map = {};
  files.forEach(function (entry) {
    map[entry[0]] = entry[2];
  });
  return map;
}

/* Put `files` into the edition's cache, reusing the old edition's copy of an unchanged file;
 * `progress(bytesDone)` after each file. Rejects when a file cannot be fetched. */
function keep(files, old, progress) {
  var done = 0;
  return caches.open(CACHE).then(function (cache) {
    var queue = files.slice();
    function next() {
      var entry = queue.shift();
      if (!entry) return Promise.resolve();
      var url = absolute(entry[0]);
      return cache
        .match(url)
        .then(function (hit) {
          if (hit) return null;
          var reuse = old && old.hashes && old.hashes[entry[0]] === entry[2] && old.version ? caches.open(PREFIX + old.version).then(function (previous) {
            return previous.match(url);
          }) : Promise.resolve(null);
          return reuse.then(function (copy) {
            if (copy) return cache.put(url, copy);
            return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
              if (!response.ok) throw new Error(url + " " + response.status);
              return cache.put(url, response);
            });
          });
        })
        .then(function () {
          done += entry[1];
          if (progress) progress(done);
          return next();
        });
    }
    // Three at a time: quick on the intranet, gentle on a phone's connection.
    return Promise.all([next(), next(), next()]);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    readMeta().then(function (old) {
      var packs = (old.packs || []).filter(function (id) {
        return DATA.packs.some(function (pack) {
          return pack.id === id;
        });
      });
      return keep(DATA.core.concat(packFiles(packs)), old);
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    readMeta()
      .then(function (old) {
        var packs = (old.packs || []).filter(function (id) {
          return DATA.packs.some(function (pack) {
            return pack.id === id;
          });
        });
        var files = DATA.core.concat(packFiles(packs));
        return writeMeta({ version: DATA.version, packs: packs, hashes: hashes(files) });
      })
      .then(function () {
        return caches.keys();
      })
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf(PREFIX) === 0 && name !== CACHE && name !== META;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

function tell(message) {
  return self.clients.matchAll({ includeUncontrolled: true }).then(function (clients) {
    clients.forEach(function (client) {
      client.postMessage(message);
    });
  });
}

function status() {
  return Promise.all([readMeta(), caches.open(CACHE)]).then(function (both) {
    var meta = both[0];
    return both[1].keys().then(function (requests) {
      var cached = {};
      requests.forEach(function (request) {
        cached[request.url] = true;
      });
      var coreReady = DATA.core.every(function (entry) {
        return cached[absolute(entry[0])];
      });
      return {
        type: "status",
        version: DATA.version,
        core: coreReady,
        packs: DATA.packs.map(function (pack) {
          return { id: pack.id, titles: pack.titles, sizes: sizes(pack), downloaded: meta.version === DATA.version && (meta.packs || []).indexOf(pack.id) >= 0 };
        }),
      };
    });
  });
}

function sizes(pack) {
  var out = {};
  Object.keys(pack.files).forEach(function (lang) {
    out[lang] = pack.files[lang].reduce(function (sum, entry) {
      return sum + entry[1];
    }, 0);
  });
  return out;
}

function download(ids) {
  var files = packFiles(ids);
  var total = files.reduce(function (sum, entry) {
    return sum + entry[1];
  }, 0);
  var last = 0;
  return keep(files, null, function (done) {
    var now = Date.now();
    if (now - last > 150 || done === total) {
      last = now;
      tell({ type: "progress", done: done, total: total });
    }
  })
    .then(readMeta)
    .then(function (meta) {
      var packs = (meta.version === DATA.version ? meta.packs || [] : []).slice();
      ids.forEach(function (id) {
        if (packs.indexOf(id) < 0) packs.push(id);
      });
      var all = DATA.core.concat(packFiles(packs));
      return writeMeta({ version: DATA.version, packs: packs, hashes: hashes(all) });
    })
    .then(function () {
      return tell({ type: "downloaded", packs: ids });
    })
    .catch(function (error) {
      return tell({ type: "download-failed", packs: ids, reason: String(error && error.name) });
    });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var reply = event.ports && event.ports[0];
  if (message.type === "activate") {
    self.skipWaiting();
  } else if (message.type === "status" && reply) {
    event.waitUntil(status().then(function (answer) {
      reply.postMessage(answer);
    }));
  } else if (message.type === "download" && Array.isArray(message.packs)) {
    event.waitUntil(download(message.packs));
  }
});

/* A page's folder URL for "…/index.html" and the other way round, so either finds the page. */
function cacheKey(url) {
  var target = new URL(url);
  target.search = "";
  target.hash = "";
  if (/\/index\.html$/.test(target.pathname)) target.pathname = target.pathname.replace(/index\.html$/, "");
  return target.href;
}

function offlinePage(url) {
  var path = new URL(url).pathname;
  var scopePath = new URL(SCOPE).pathname;
  var inner = path.indexOf(scopePath) === 0 ? path.slice(scopePath.length) : path;
  var page = DATA.offline[Object.keys(DATA.languages)[0]];
  Object.keys(DATA.languages).forEach(function (lang) {
    var folder = DATA.languages[lang];
    if (folder && inner.indexOf(folder) === 0) page = DATA.offline[lang];
  });
  return absolute(page) + "?from=" + encodeURIComponent(inner);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.url.indexOf(SCOPE) !== 0) return;
  var key = cacheKey(request.url);
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(key).then(function (hit) {
        if (hit) return hit;
        return fetch(request)
          .then(function (response) {
            // Kept for next time: a page read online is there offline too.
            if (response.ok && response.type === "basic" && !response.redirected && !/\.map$/.test(url.pathname)) cache.put(key, response.clone());
            return response;
          })
          .catch(function (error) {
            if (request.mode === "navigate") return Response.redirect(offlinePage(request.url), 302);
            throw error;
          });
      });
    })
  );
});
