/* coursekit search worker, in place of Material's (theme config "search", docs/overrides/main.html).
   It speaks Material's worker protocol (SETUP -> READY, QUERY -> RESULT), so Material's search box,
   keyboard handling and result list stay as they are, but:
   - the index (search/coursekit-index.json, coursekit.search.index) is fetched only when the
     learner opens the search box (search-open.js says so on a BroadcastChannel) or first types;
     Material's own search_index.json is cut down to its config at build time;
   - the query is cut into words the way jieba cut the lessons (the most probable path through
     jieba's dictionary, restricted to the words the index holds), not by Material's greedy
     segmenter, which never let a word end at the query's last character (党费 -> 党);
   - pages are ranked by where the words stand (title, heading, text), how many of the query's
     words they hold, and what they are (a one-page summary or the citation index after the
     lesson); results in the page's language come first;
   - each result shows its course, lesson title and a short snippet around the match. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var INDEX_URL = new URL("../../search/coursekit-index.json", self.location.href).href;
var ENGINE_URL = new URL("search-engine.js", self.location.href).href;

var index = null, loading = null;

function load() {
  if (!loading) {
    loading = fetch(INDEX_URL)
      .then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        importScripts(ENGINE_URL); // defines self.coursekitSearchIndex
        index = self.coursekitSearchIndex(data);
        return index;
      });
    loading.catch(function () { loading = null; });
  }
  return loading;
}

if (typeof BroadcastChannel !== "undefined") {
  new BroadcastChannel("coursekit-search").onmessage = function () { load().catch(function () {}); };
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var query = String(message.data || "");
    if (!query.trim()) {
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    load().then(
      function (ready) { postMessage({ type: RESULT, data: ready.search(query) }); },
      function () { postMessage({ type: RESULT, data: { items: [] } }); }
    );
  }
});
