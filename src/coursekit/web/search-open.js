/* coursekit: fetch the search index only when the learner opens the search box.
   The search worker (search-worker.js) starts empty on every page view; this tells it, on the
   first focus of the box or tap on the search button, to fetch the index while the learner is
   still typing. */
(function () {
  "use strict";
  if (typeof BroadcastChannel === "undefined") return; // the worker then fetches at the first query
  var sent = false;
  function warm() {
    if (sent) return;
    sent = true;
    var channel = new BroadcastChannel("coursekit-search");
    channel.postMessage("load");
    channel.close();
  }
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) warm();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target && event.target.closest && event.target.closest("label[for=__search]")) warm();
  });
})();
