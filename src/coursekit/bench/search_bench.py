"""The search part of ``coursekit bench``: relevance, what a page view costs a phone, keypress latency.

Budgets (issue 19): hit@1 >= 90 % and hit@3 >= 97 % in each language; per lesson page view with
the CPU throttled 4x, at most 30 KB gzip of search data and 50 ms of search CPU before the box is
used; keypress to results, median at most 50 ms unthrottled and 200 ms at 4x, on the real site
and on a synthetic corpus of 2,000 lessons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coursekit.bench import corpus
from coursekit.bench.measure import build
from coursekit.bench.relevance import HIT1_BUDGET, HIT3_BUDGET, measure_relevance
from coursekit.bench.search_phone import THROTTLE, measure_keypress, measure_page_view, median

KB = 1024
SEARCH_LESSONS = 2000


@dataclass
class SearchBudgets:
    page_view_gz_kb: float = 30
    page_view_cpu_ms: float = 50
    keypress_ms: float = 50
    keypress_throttled_ms: float = 200


def search_results(real_site: Path, work: Path, template: Path, lessons: int = SEARCH_LESSONS, out=print) -> list[tuple[bool, str]]:
    """Print the figures; return (ok, line) for each budget."""
    budgets = SearchBudgets()
    results: list[tuple[bool, str]] = []
    scores = measure_relevance(real_site)
    for lang, s in scores.items():
        out(f"search relevance [{lang}]: {len(s.outcomes)} queries, hit@1 {s.hit1:.1%}, hit@3 {s.hit3:.1%}, MRR {s.mrr:.3f}")
        for o in s.outcomes:
            if o.rank != 1:
                out(f"    {o.query.text}: rank {o.rank or '>10'} (want {o.query.expect[0]}; first {o.results[0] if o.results else '—'})")
        results.append((s.passed, f"search relevance [{lang}]: hit@1 {s.hit1:.1%} (>= {HIT1_BUDGET:.0%}), hit@3 {s.hit3:.1%} (>= {HIT3_BUDGET:.0%})"))
    view = measure_page_view(real_site)
    out(f"search on a lesson page view (CPU {THROTTLE}x, search box unused): {view.search_bytes_gz / KB:.1f} KB gzip ({', '.join(view.search_files)}), {view.search_cpu_ms:.1f} ms CPU (thread time x {THROTTLE}; {view.search_wall_ms:.1f} ms wall, throttled)")
    results.append((view.search_bytes_gz <= budgets.page_view_gz_kb * KB, f"search data per page view: {view.search_bytes_gz / KB:.1f} KB gzip (<= {budgets.page_view_gz_kb:.0f} KB)"))
    results.append((view.search_cpu_ms <= budgets.page_view_cpu_ms, f"search CPU per page view at {THROTTLE}x: {view.search_cpu_ms:.1f} ms (<= {budgets.page_view_cpu_ms:.0f} ms)"))
    big = corpus.write_corpus(work / f"search-{lessons}", lessons, 200, with_plugin=True)  # a bank, for the generated exam
    corpus.write_config(big, template, with_plugin=True)
    big_site = build(big, work / f"site-search-{lessons}").site
    index = big_site / "search" / "coursekit-index.json"
    if index.is_file():
        import gzip

        out(f"search index of {lessons} lessons: {index.stat().st_size / KB / KB:.1f} MB ({len(gzip.compress(index.read_bytes(), 6)) / KB / KB:.1f} MB gzip), fetched when search is opened")
    for name, site in (("real site", real_site), (f"{lessons} lessons", big_site)):
        latency = measure_keypress(site)
        fast, slow = median(latency.unthrottled), median(latency.throttled)
        out(f"keypress to results, {name}: median {fast:.1f} ms (worst {max(latency.unthrottled, default=0):.1f}), at {THROTTLE}x {slow:.1f} ms (worst {max(latency.throttled, default=0):.1f})")
        out(f"first query after opening search, {name} (index fetched and built): {latency.first_ms[1]:.0f} ms, at {THROTTLE}x {latency.first_ms[THROTTLE]:.0f} ms")
        results.append((fast <= budgets.keypress_ms, f"keypress to results, {name}: {fast:.1f} ms (<= {budgets.keypress_ms:.0f} ms)"))
        results.append((slow <= budgets.keypress_throttled_ms, f"keypress to results at {THROTTLE}x, {name}: {slow:.1f} ms (<= {budgets.keypress_throttled_ms:.0f} ms)"))
    return results
