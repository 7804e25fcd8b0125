"""Search relevance measured in headless Chromium through the site's real search box.

Each query of ``search_queries.yml`` is typed into the box of a page in its language (Material
searches on keyup: the query is filled, then End is pressed), and the result links are read in
the order the learner sees them. A query is found at rank k when one of its expected pages is the
k-th result; hit@1, hit@3 and MRR (mean of 1/rank, 0 when not in the first ten) are printed per
language against the budgets (hit@1 at least 90 %, hit@3 at least 97 %).
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from coursekit.bench.search_latency import CHROMIUM_ARGS, chromium_path

HIT1_BUDGET = 0.90
HIT3_BUDGET = 0.97
DEPTH = 10  # results read per query
# The page each language's queries are typed on: a lesson, as a learner would search from one.
START_PAGE = {"zh": "courses/sanhui-yike/sanhui-gailan/", "en": "en/courses/dangzhang-jichu/quanli/"}


@dataclass
class Query:
    text: str
    expect: list[str]


@dataclass
class Outcome:
    query: Query
    results: list[str]
    rank: int | None  # 1-based rank of the first expected page, None when not in the first DEPTH


@dataclass
class Scores:
    lang: str
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, k: int) -> float:
        return sum(1 for o in self.outcomes if o.rank is not None and o.rank <= k) / max(1, len(self.outcomes))

    @property
    def hit1(self) -> float:
        return self._share(1)

    @property
    def hit3(self) -> float:
        return self._share(3)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / max(1, len(self.outcomes))

    @property
    def passed(self) -> bool:
        return self.hit1 >= HIT1_BUDGET and self.hit3 >= HIT3_BUDGET


def _page(short: str) -> str:
    """``c/x/y`` -> ``courses/x/y/``; ``en/c/x/y`` -> ``en/courses/x/y/``."""
    parts = short.strip("/").split("/")
    parts = ["courses" if part == "c" else part for part in parts]
    return "/".join(parts) + "/"


def load_queries(path: Path | None = None) -> dict[str, list[Query]]:
    source = path.read_text("utf-8") if path else resources.files("coursekit.bench").joinpath("search_queries.yml").read_text("utf-8")
    data = yaml.safe_load(source)
    return {lang: [Query(str(item["q"]), [_page(p) for p in item["expect"]]) for item in items] for lang, items in data.items()}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Served:
    root: str  # the site's URL, ending in "/"
    server: http.server.ThreadingHTTPServer


def serve(site: Path) -> Served:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(f"http://127.0.0.1:{server.server_address[1]}/", server)


# Empty the box (Material shows its placeholder again), then type the query and press End; resolve
# with the result links once the result count is rewritten and the list has stopped changing.
_ASK = """async ([query, depth]) => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const keyup = () => input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const links = () => Array.from(list.querySelectorAll(':scope > li > a:first-child')).slice(0, depth).map((a) => a.href);
  input.value = ''; keyup();
  for (let i = 0; i < 200 && list.children.length; i++) await sleep(5);
  const before = meta.textContent;
  input.value = query; keyup();
  for (let i = 0; i < 2000 && meta.textContent === before; i++) await sleep(5);
  let last = JSON.stringify(links());
  for (let i = 0; i < 40; i++) {
    await sleep(25);
    const now = JSON.stringify(links());
    if (now === last) break;
    last = now;
  }
  return links();
}"""


def _site_path(href: str, root: str) -> str:
    parts = urlsplit(href)
    path = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return path[len(root):] if path.startswith(root) else path


def run_queries(page, root: str, lang: str, queries: list[Query]) -> Scores:
    page.goto(root + START_PAGE[lang])
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    scores = Scores(lang)
    for query in queries:
        hrefs = page.evaluate(_ASK, [query.text, DEPTH])
        results = [_site_path(href, root) for href in hrefs]
        rank = next((i + 1 for i, path in enumerate(results) if path in query.expect), None)
        scores.outcomes.append(Outcome(query, results, rank))
    return scores


def measure_relevance(site: Path, queries: dict[str, list[Query]] | None = None) -> dict[str, Scores]:
    from playwright.sync_api import sync_playwright

    queries = queries or load_queries()
    served = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                return {lang: run_queries(page, served.root, lang, items) for lang, items in queries.items()}
            finally:
                browser.close()
    finally:
        served.server.shutdown()


def report(scores: dict[str, Scores], out=print, misses: bool = True) -> bool:
    for lang, s in scores.items():
        out(f"search relevance [{lang}] {len(s.outcomes)} queries: hit@1 {s.hit1:.1%}  hit@3 {s.hit3:.1%}  MRR {s.mrr:.3f}")
        if misses:
            for o in s.outcomes:
                if o.rank != 1:
                    got = ", ".join(o.results[:3]) or "—"
                    out(f"    {o.query.text}: rank {o.rank or '>10'}; want {o.query.expect[0]}; got {got}")
    for lang, s in scores.items():
        verdict = "PASS" if s.passed else "FAIL"
        out(f"{verdict} search relevance [{lang}]: hit@1 {s.hit1:.1%} (>= {HIT1_BUDGET:.0%}), hit@3 {s.hit3:.1%} (>= {HIT3_BUDGET:.0%})")
    return all(s.passed for s in scores.values())


if __name__ == "__main__":  # python -m coursekit.bench.relevance SITE_DIR
    import sys

    report(measure_relevance(Path(sys.argv[1])))
