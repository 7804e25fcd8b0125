"""What search costs a phone: per lesson page view, and per keypress, in headless Chromium.

- Page view: a lesson page opened in a fresh browser context with the CPU throttled 4x
  (CDP ``Emulation.setCPUThrottlingRate``), the search box never touched. Search bytes are the
  gzip sizes (what nginx sends, docs/assets/nginx) of the search files the page asked for: the
  search index and config, the search worker and its scripts and styles. Search CPU is read from
  a Chromium trace: every task of the search worker's thread, plus the main thread's compiling
  and running of our search scripts, as thread time times 4 (see ``_search_cpu_ms``). Service workers are blocked: the budget is per page view;
  the service worker's one-time download of the core (issue 21's offline site, which includes
  the search index so that search works offline) is reported apart by the offline bench.
- Keypress to results: Material listens to keyup; the time from the keyup to the rewritten result
  count, the index loaded, each query of ``search_latency.QUERIES`` three times.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from coursekit.bench.search_latency import _MEASURE, CHROMIUM_ARGS, QUERIES, chromium_path

SEARCH_FILE = re.compile(r"(^|/)search/|assets/coursekit/search[-.]|assets/javascripts/workers/|assets/javascripts/lunr/")
OWN_SCRIPTS = ("search-open.js", "search-worker.js")
THROTTLE = 4


@dataclass
class PageView:
    search_bytes_gz: int
    search_files: list[str]
    search_cpu_ms: float  # thread time x THROTTLE: the CPU time on a phone THROTTLE times slower
    search_wall_ms: float  # wall time of the same tasks, throttled, on this (shared) machine


@dataclass
class Latency:
    unthrottled: list[float]
    throttled: list[float]
    first_ms: dict[int, float]  # throttling rate: the first query after opening search (index fetched and built)


def _recording_server(site: Path):
    asked: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            asked.append(self.path.split("?", 1)[0])
            return super().do_GET()

    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, asked


def _gz_size(site: Path, path: str) -> int:
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    try:
        return len(gzip.compress(file.read_bytes(), 6))
    except OSError:
        return 0


def _search_cpu_ms(trace: bytes) -> tuple[float, float]:
    """(thread time, wall time) in ms of the search worker's tasks and our search scripts.

    Chromium throttles the CPU by pausing the page's threads, so a task's thread time (``tdur``)
    stays what it is unthrottled, and its wall time (``dur``) also counts other processes' load on
    this machine. The budget is read on thread time times the throttling rate: the CPU time of a
    phone that many times slower."""
    events = json.loads(trace).get("traceEvents", [])
    worker_threads = {
        (e["pid"], e["tid"]) for e in events if e.get("ph") == "M" and e.get("name") == "thread_name" and str(e.get("args", {}).get("name", "")).startswith("DedicatedWorker")
    }
    thread_us = wall_us = 0.0
    for e in events:
        if e.get("ph") != "X":
            continue
        mine = (e.get("pid"), e.get("tid")) in worker_threads and e.get("name") == "RunTask"
        if not mine and e.get("name") in ("EvaluateScript", "v8.compile", "FunctionCall") and (e.get("pid"), e.get("tid")) not in worker_threads:
            data = e.get("args", {}).get("data", {}) or {}
            mine = any(name in str(data.get("url", "")) for name in OWN_SCRIPTS)
        if mine:
            thread_us += e.get("tdur", e.get("dur", 0))
            wall_us += e.get("dur", 0)
    return thread_us / 1000, wall_us / 1000


def measure_page_view(site: Path, page_path: str = "courses/sanhui-yike/dangyuan-dahui/", views: int = 5) -> PageView:
    """The median of ``views`` page views, each in a fresh context (the machine's other work
    spreads single figures widely)."""
    from playwright.sync_api import sync_playwright

    server, asked = _recording_server(site)
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    cpu, wall = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                for _ in range(views):
                    context = browser.new_context(service_workers="block", viewport={"width": 375, "height": 800})
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline", "v8"])
                    first = len(asked)
                    page.goto(root + page_path)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(1500)  # a worker's setup finishes after the network is idle
                    thread_ms, wall_ms = _search_cpu_ms(browser.stop_tracing())
                    cpu.append(thread_ms * THROTTLE)
                    wall.append(wall_ms)
                    files = sorted({path for path in asked[first:] if SEARCH_FILE.search(path)})
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    return PageView(sum(_gz_size(site, path) for path in files), files, statistics.median(cpu), statistics.median(wall))


def measure_keypress(site: Path, rounds: int = 3) -> Latency:
    """Keypress to results, unthrottled and with the CPU throttled 4x, the index already loaded."""
    from playwright.sync_api import sync_playwright

    server, _ = _recording_server(site)
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                first = {}
                for rate in (1, THROTTLE):
                    context = browser.new_context(service_workers="block")
                    page = context.new_page()
                    page.goto(root)
                    page.wait_for_load_state("networkidle")
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                    box = page.locator("input.md-search__input")
                    started = time.perf_counter()
                    box.click()
                    box.fill(QUERIES[0])
                    box.press("End")
                    page.wait_for_selector(".md-search-result__item", timeout=120000)  # the index is loaded
                    first[rate] = (time.perf_counter() - started) * 1000
                    times = []
                    for _ in range(rounds):
                        for query in QUERIES:
                            page.evaluate(_MEASURE, "")
                            ms = page.evaluate(_MEASURE, query)
                            if ms >= 0:
                                times.append(ms)
                    out[rate] = times
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    return Latency(out[1], out[THROTTLE], first)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__":  # python -m coursekit.bench.search_phone SITE_DIR
    import sys

    site = Path(sys.argv[1])
    view = measure_page_view(site)
    print(f"page view: {view.search_bytes_gz / 1024:.1f} KB gzip of search data ({', '.join(view.search_files)}), {view.search_cpu_ms:.1f} ms search CPU at {THROTTLE}x ({view.search_wall_ms:.1f} ms wall)")
    lat = measure_keypress(site)
    print(f"keypress to results: median {median(lat.unthrottled):.1f} ms unthrottled, {median(lat.throttled):.1f} ms at {THROTTLE}x")
