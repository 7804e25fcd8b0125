"""One benchmark run: corpus, builds, sizes, search latency; each budget printed as PASS or FAIL."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from coursekit.bench import corpus
from coursekit.bench.measure import Size, build, build_by_turns, measure_site, own_steps, paired_ratios, time_call
from coursekit.bench.preview import copy_project, first_lesson, measure_preview
from coursekit.bench.search_bench import search_results
from coursekit.bench.search_latency import chromium_path, measure_search, median
from coursekit.messages import t
from coursekit.sources.project import load_project

KB = 1024


@dataclass
class Budgets:
    preview_real_seconds: float = 1.0  # scripts/serve: a saved lesson of this site shows
    preview_corpus_seconds: float = 1.5  # the same on the synthetic corpus
    plugin_ratio: float = 1.3  # our full build / plain Material on the same lessons, first builds and rebuilds, in one and in two languages
    check_10k_seconds: float = 2.0  # loading and checking 10,000 questions
    assets_gz_kb: float = 30  # our JS + CSS, gzipped
    lesson_kb: float = 60  # raw HTML of a lesson page
    quiz_kb: float = 120  # raw HTML of a quiz page
    index_gz_per_page_kb: float = 1.5  # search index, gzipped, per page
    search_ms: float = 50  # median Chinese query in the browser


def _size_text(size: Size) -> str:
    return f"{size.raw / KB:.1f} KB ({size.gz / KB:.1f} KB gzip)"


def _load() -> str:
    """The machine's load averages (1, 5, 15 minutes): timings on a shared machine need them."""
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "—"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def run_bench(lessons: int, questions: int, template: Path, workdir: Path | None = None, browser: bool = True, repeat: int = 3, out=print, search_lessons: int = 2000, preview_saves: int = 5) -> bool:
    """Print the figures and budgets; return True when every budget passes. Build times are the
    medians of ``repeat`` first builds from empty caches and of ``repeat`` rebuilds after them,
    the projects built in turns (see ``measure.build_by_turns``); the preview's, the median of
    ``preview_saves`` saves."""
    work = Path(workdir or tempfile.mkdtemp(prefix="coursekit-bench-"))
    out(t("bench.corpus", lessons=lessons, questions=questions, dir=work))
    ours_dir = corpus.write_corpus(work / "ours", lessons, questions, with_plugin=True)
    corpus.write_config(ours_dir, template, with_plugin=True)
    plain_dir = corpus.write_corpus(work / "plain", lessons, 0, with_plugin=False)
    corpus.write_config(plain_dir, template, with_plugin=False)
    both_dir = corpus.write_corpus(work / "two-languages", lessons, questions, with_plugin=True)
    corpus.write_config(both_dir, template, with_plugin=True, languages=True)
    plain_both_dir = corpus.write_corpus(work / "plain-two-languages", lessons, 0, with_plugin=False)
    corpus.write_config(plain_both_dir, template, with_plugin=False, languages=True)

    projects = {"ours": ours_dir, "plain": plain_dir, "both": both_dir, "plain_both": plain_both_dir}
    builds = build_by_turns(
        {name: (project, work / f"site-{project.name}") for name, project in projects.items()},
        repeat,
        edit=corpus.edit_a_lesson,  # authors rebuild after an edit: one lesson changed before each rebuild
        first_rounds=repeat,
    )
    ours, plain, both, plain_both = (builds[name].median for name in projects)
    # First builds against first builds: from an empty .cache/coursekit, after an untimed build
    # that warmed the disk for all (measure.build_by_turns).
    ours_first, plain_first = builds["ours"].first, builds["plain"].first
    out(t("bench.repeat", count=repeat))

    def ratio_of(name: str, other: str, kind: str = "rebuilds") -> tuple[float, str]:
        """The median of the rounds' ratios (measure.paired_ratios), and the rounds': each round
        compares builds made side by side, where medians taken apart could pair one project's
        slow moment with the other's quiet one."""
        rounds = paired_ratios(getattr(builds[name], kind), getattr(builds[other], kind))
        return statistics.median(rounds), ", ".join(f"{r:.2f}" for r in rounds)

    ratio, rounds = ratio_of("ours", "plain")
    first_ratio, first_rounds = ratio_of("ours", "plain", "firsts")
    # Two languages against plain Material in two languages (mkdocs-static-i18n, the same
    # Chinese lessons, English falling back to them): the same budget as one language.
    i18n_ratio, i18n_rounds = ratio_of("both", "plain_both")
    i18n_first_ratio, i18n_first_rounds = ratio_of("both", "plain_both", "firsts")
    second_language, second_rounds = ratio_of("both", "ours")
    # What of our build is our plugin's own steps: one more rebuild, with -v for the plugin's own
    # time. Taken as a share of that build, which a slow spell changes less than the seconds.
    verbose = build(ours_dir, work / "site-ours-verbose", verbose=True)
    own = own_steps(verbose.output) or 0.0
    own_share = own / verbose.seconds if verbose.seconds else 0.0
    # Medians of ``repeat`` loads, as the builds (one in --quick, which checks that the bench runs).
    check_seconds = time_call(lambda: load_project(ours_dir), repeat=repeat)

    big = corpus.write_corpus(work / "check-10k", 200, 0, with_plugin=True)
    lesson_ids = [f"course-{c + 1:03d}/lesson-{n + 1:03d}" for c in range(8) for n in range(25)]
    corpus.write_questions(big, lesson_ids, 10_000, random.Random(2))
    check_10k = time_call(lambda: load_project(big), repeat=repeat)

    # The author's preview, on a copy of this site and on the synthetic corpus, after the builds:
    # nothing else runs meanwhile.
    previews = {}
    for name, project in (("real", copy_project(template.parent, work / "preview-real")), ("corpus", ours_dir)):
        lesson, url = first_lesson(project)
        previews[name] = measure_preview(project, lesson, url, saves=preview_saves)
        times = ", ".join("—" if s == float("inf") else f"{s:.2f}" for s in previews[name].seconds)
        out(t("bench.preview", name=t(f"bench.preview_{name}"), times=times, median=f"{previews[name].median:.2f}", load=_load()))

    sizes = measure_site(ours.site)
    out(t("bench.build_ours", seconds=f"{ours.seconds:.2f}", pages=ours.pages, pps=f"{ours.pages_per_second:.1f}", mb=f"{ours.peak_mb:.0f}"))
    out(t("bench.build_plain", seconds=f"{plain.seconds:.2f}", pages=plain.pages, mb=f"{plain.peak_mb:.0f}"))
    out(t("bench.ratio", ratio=f"{ratio:.2f}", rounds=rounds))
    out(t("bench.build_first", seconds=f"{ours_first.seconds:.2f}", plain=f"{plain_first.seconds:.2f}", ratio=f"{first_ratio:.2f}", rounds=first_rounds))
    out(t("bench.own_steps", own=f"{own:.2f}", share=f"{own_share * 100:.0f}", pages=verbose.pages, floor=f"{ratio * (1 - own_share):.2f}"))
    out(t("bench.build_i18n", seconds=f"{both.seconds:.2f}", pages=both.pages, ratio=f"{second_language:.2f}", rounds=second_rounds, mb=f"{both.peak_mb:.0f}"))
    out(
        t(
            "bench.build_plain_i18n",
            seconds=f"{plain_both.seconds:.2f}",
            pages=plain_both.pages,
            ratio=f"{i18n_ratio:.2f}",
            rounds=i18n_rounds,
            first_ratio=f"{i18n_first_ratio:.2f}",
            first_rounds=i18n_first_rounds,
        )
    )
    out(t("bench.check", seconds=f"{check_seconds:.2f}", questions=questions))
    out(t("bench.check_10k", seconds=f"{check_10k:.2f}"))
    out(t("bench.largest", page=sizes.largest[0].relative_to(ours.site).parent.as_posix(), size=_size_text(sizes.largest[1])))
    for label, item in (("lesson", sizes.lesson), ("quiz", sizes.quiz), ("exam", sizes.exam)):
        if item:
            out(t(f"bench.page_{label}", page=item[0].relative_to(ours.site).parent.as_posix(), size=_size_text(item[1])))
    out(t("bench.assets", size=_size_text(sizes.ours)))
    out(t("bench.index", size=_size_text(sizes.search_index), per_page=f"{sizes.index_gz_per_page / KB:.2f}"))

    budgets = Budgets()
    results = [
        (previews["real"].median <= budgets.preview_real_seconds, t("bench.budget_preview_real", value=f"{previews['real'].median:.2f}", limit=budgets.preview_real_seconds)),
        (previews["corpus"].median <= budgets.preview_corpus_seconds, t("bench.budget_preview_corpus", value=f"{previews['corpus'].median:.2f}", limit=budgets.preview_corpus_seconds)),
        (ratio <= budgets.plugin_ratio, t("bench.budget_ratio", value=f"{ratio:.2f}", limit=budgets.plugin_ratio)),
        (first_ratio <= budgets.plugin_ratio, t("bench.budget_ratio_first", value=f"{first_ratio:.2f}", limit=budgets.plugin_ratio)),
        (i18n_ratio <= budgets.plugin_ratio, t("bench.budget_i18n", value=f"{i18n_ratio:.2f}", limit=budgets.plugin_ratio)),
        (i18n_first_ratio <= budgets.plugin_ratio, t("bench.budget_i18n_first", value=f"{i18n_first_ratio:.2f}", limit=budgets.plugin_ratio)),
        (check_10k < budgets.check_10k_seconds, t("bench.budget_check", value=f"{check_10k:.2f}", limit=budgets.check_10k_seconds)),
        (sizes.ours.gz <= budgets.assets_gz_kb * KB, t("bench.budget_assets", value=f"{sizes.ours.gz / KB:.1f}", limit=budgets.assets_gz_kb)),
    ]
    if sizes.lesson:
        results.append((sizes.lesson[1].raw <= budgets.lesson_kb * KB, t("bench.budget_lesson", value=f"{sizes.lesson[1].raw / KB:.1f}", limit=budgets.lesson_kb)))
    if sizes.quiz:
        results.append((sizes.quiz[1].raw <= budgets.quiz_kb * KB, t("bench.budget_quiz", value=f"{sizes.quiz[1].raw / KB:.1f}", limit=budgets.quiz_kb)))
    if sizes.exam:  # an exam page is a quiz page too
        results.append((sizes.exam[1].raw <= budgets.quiz_kb * KB, t("bench.budget_exam", value=f"{sizes.exam[1].raw / KB:.1f}", limit=budgets.quiz_kb)))
    results.append(
        (sizes.index_gz_per_page <= budgets.index_gz_per_page_kb * KB, t("bench.budget_index", value=f"{sizes.index_gz_per_page / KB:.2f}", limit=budgets.index_gz_per_page_kb))
    )
    searched = ("real", "synthetic")
    if browser and chromium_path() is None:
        out(t("bench.no_browser"))
        results += [(False, t(f"bench.budget_search_{name}", value="—", limit=budgets.search_ms)) for name in searched]
    elif browser:
        # The real site (the project of the template mkdocs.yml) and the synthetic one, whose index
        # of 500 lessons is five times larger.
        real = build(template.parent, work / "site-real")
        # Relevance, a page view's cost to a phone, keypress latency at 2,000 lessons (search_bench);
        # not in --quick, which must stay within a minute or two (`coursekit bench --search` alone).
        if search_lessons:
            results += search_results(real.site, work, template, lessons=search_lessons, out=out)
        for name, site in zip(searched, (real.site, ours.site)):
            times = measure_search(site)
            ms = median(times)
            out(t(f"bench.search_{name}", ms=f"{ms:.1f}", count=len(times), worst=f"{max(times):.1f}" if times else "—"))
            results.append((ms < budgets.search_ms, t(f"bench.budget_search_{name}", value=f"{ms:.1f}", limit=budgets.search_ms)))
    for ok, line in results:
        out(f"{_verdict(ok)} {line}")
    return all(ok for ok, _ in results)


def run_search_bench(template: Path, workdir: Path | None = None, lessons: int = 2000, out=print) -> bool:
    """Only the search figures (``coursekit bench --search``): the real site and a corpus of ``lessons``."""
    work = Path(workdir or tempfile.mkdtemp(prefix="coursekit-bench-search-"))
    if chromium_path() is None:
        out(t("bench.no_browser"))
        return False
    real = build(template.parent, work / "site-real")
    results = search_results(real.site, work, template, lessons=lessons, out=out)
    for ok, line in results:
        out(f"{_verdict(ok)} {line}")
    return all(ok for ok, _ in results)


def growth(sizes: list[int], template: Path, out=print) -> None:
    """Build time for several corpus sizes (lessons, with ten questions per lesson)."""
    work = Path(tempfile.mkdtemp(prefix="coursekit-growth-"))
    for lessons in sizes:
        project = corpus.write_corpus(work / f"n{lessons}", lessons, lessons * 10)
        corpus.write_config(project, template, with_plugin=True)
        started = time.perf_counter()
        run = build(project, work / f"site-{lessons}")
        out(t("bench.growth_line", lessons=lessons, pages=run.pages, seconds=f"{time.perf_counter() - started:.2f}", pps=f"{run.pages_per_second:.1f}", mb=f"{run.peak_mb:.0f}"))
