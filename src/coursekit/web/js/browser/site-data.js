/* The site's data files: site-data.json (courses, lessons, banks) and each bank's questions.
 * The only network requests the script makes, all to the site's own files. */

import { t } from "../logic/strings.js";
import { el, fill } from "./dom.js";

export function fetchSiteData(src) {
  var url = new URL(src, location.href);
  var root = new URL("../../", url); // our data files sit in assets/coursekit/
  return fetch(url.href)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      data.root = root;
      return data;
    });
}

/* A bank's questions from its data file, their links made right for this page. */
export function fetchBank(src) {
  return fetchSiteData(src).then(function (data) {
    data.questions.forEach(function (q) { rebase(q, data.root); });
    return data.questions;
  });
}

/* Links in our data files are relative to the site root; make them absolute. The questions were
   just parsed from the file, so they are changed in place (no copy). */
function rebase(q, root) {
  q.sources.forEach(function (s) {
    s.href = new URL(s.href, root).href;
  });
  if (q.lesson) q.lesson.href = new URL(q.lesson.href, root).href;
}

/* Show "loading" in ``box``, then ``render(box, site)`` with site-data.json (named by the box's
   data-ck-src), or a notice when it cannot be fetched. */
export function withSiteData(box, render) {
  var src = box.getAttribute("data-ck-src");
  fill(box, [el("p", { class: "ck-hint", text: t("loading") })]);
  fetchSiteData(src).then(
    function (site) {
      render(box, site);
    },
    function () {
      fill(box, [el("p", { class: "ck-notice", role: "status", text: t("load_failed") })]);
    }
  );
}
