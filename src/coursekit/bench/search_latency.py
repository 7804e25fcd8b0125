"""Chinese search latency measured inside headless Chromium on the real built site and index."""

from __future__ import annotations

import functools
import http.server
import shutil
import statistics
import threading
from pathlib import Path

QUERIES = ["党员大会", "表决", "应到会", "入党积极分子", "预备期", "党费", "谈心谈话", "主题党日", "组织生活会", "支部委员会"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Time from the keyup that Material listens to until the result count is rewritten.
_MEASURE = """async (query) => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  return await new Promise((resolve) => {
    const timer = setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000);
    const observer = new MutationObserver(() => {
      clearTimeout(timer); observer.disconnect(); resolve(performance.now() - start);
    });
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
    input.value = query;
    const start = performance.now();
    input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  });
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium_path() -> str | None:
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def measure_search(site: Path, rounds: int = 3) -> list[float]:
    """Milliseconds per query (every query ``rounds`` times, after a warm-up that loads the index)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(QUERIES[0])
            box.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=60000)  # the index is loaded
            times = []
            for _ in range(rounds):
                for query in QUERIES:
                    page.evaluate(_MEASURE, "")  # reset, so each query is a change
                    ms = page.evaluate(_MEASURE, query)
                    if ms >= 0:
                        times.append(ms)
            browser.close()
            return times
    finally:
        server.shutdown()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
