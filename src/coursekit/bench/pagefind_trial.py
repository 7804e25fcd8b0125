"""Trial of Pagefind on the built site, on the same queries as the site's own search.

Not part of the product: the figures in the operators' guide (docs/guide/operators.md, "站内搜索")
come from it. Pagefind is not a dependency; to repeat the trial, in a separate virtual environment:

    pip install "pagefind[extended]==1.5.2"      # the extended build segments Chinese
    python -m pagefind --site SITE [--root-selector article]
    python -m coursekit.bench.pagefind_trial SITE

Queries are run through Pagefind's JavaScript API (``pagefind.js``, loaded on the page of the
query's language as a module), top ten results read. The pages carry the site's CSP, which has no
'wasm-unsafe-eval': Pagefind's WebAssembly does not start under it, so the trial bypasses the CSP
(the CSP would have to allow it for Pagefind to be used).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from coursekit.bench.relevance import START_PAGE, Outcome, Scores, _site_path, load_queries, report
from coursekit.bench.search_latency import CHROMIUM_ARGS, chromium_path
from coursekit.bench.search_phone import _gz_size, _recording_server

_RUN = """async ([queries, depth]) => {
  const pagefind = await import(PAGEFIND);
  await pagefind.init();
  const out = [], times = [];
  for (const q of queries) {
    const start = performance.now();
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, depth).map((r) => r.data()));
    times.push(performance.now() - start);
    out.push(data.map((d) => d.url));
  }
  return [out, times];
}"""


def trial(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    server, asked = _recording_server(site)
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    scores: dict[str, Scores] = {}
    times: list[float] = []
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang, items in queries.items():
                context = browser.new_context(bypass_csp=True, service_workers="block")
                page = context.new_page()
                page.goto(root + START_PAGE[lang])
                page.wait_for_load_state("networkidle")
                before = len(asked)
                code = _RUN.replace("PAGEFIND", repr(root + "pagefind/pagefind.js"))
                results, took = page.evaluate(code, [[q.text for q in items], 10])
                times += took
                fetched[lang] = sum(_gz_size(site, path) for path in set(asked[before:]) if "/pagefind/" in path)
                s = Scores(lang)
                for query, urls in zip(items, results):
                    paths = [_site_path(root.rstrip("/") + url if url.startswith("/") else url, root) for url in urls]
                    rank = next((i + 1 for i, path in enumerate(paths) if path in query.expect), None)
                    s.outcomes.append(Outcome(query, paths, rank))
                scores[lang] = s
                context.close()
            browser.close()
    finally:
        server.shutdown()
    report(scores, misses=False)
    print(f"pagefind: median query {statistics.median(times):.1f} ms (first {times[0]:.1f} ms, with loading)")
    for lang, size in fetched.items():
        print(f"pagefind: all {lang} queries fetched {size / 1024:.1f} KB gzip (script, WebAssembly, index chunks, fragments)")


if __name__ == "__main__":
    trial(Path(sys.argv[1]))
