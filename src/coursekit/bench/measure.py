"""Measurements of one built site: build time and memory, page, asset and search index sizes."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from coursekit.sources.cache import DEFAULT_DIR as CACHE_DIR


@dataclass
class BuildRun:
    seconds: float
    peak_mb: float
    pages: int
    site: Path
    output: str

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def build(project: Path, site: Path, verbose: bool = False) -> BuildRun:
    """Run ``mkdocs build --strict`` in a child process; wall time and the child's peak RSS.
    ``verbose``: with ``-v``, whose debug lines include our plugin's own time (``own_steps``)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    child = subprocess.Popen(
        # No -q: in MkDocs 1.6 it hides warnings from --strict's count.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *(["-v"] if verbose else [])],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(output)
    pages = sum(1 for _ in site.rglob("index.html"))
    return BuildRun(seconds, usage.ru_maxrss / 1024, pages, site, output)


# The line the plugin logs at debug level (``OWN_STEPS_LOG`` in adapters/mkdocs_plugin.py, which
# this layer may not import; tests/test_bench.py checks that the two agree).
OWN_STEPS_LINE = re.compile(r"coursekit's own steps: (\d+(?:\.\d+)?) s")


def own_steps(output: str) -> float | None:
    """Our plugin's own time in a build, from its ``-v`` output; None without it."""
    seconds = OWN_STEPS_LINE.search(output)
    return float(seconds.group(1)) if seconds else None


def _median(runs: list[BuildRun]) -> BuildRun:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


@dataclass
class Builds:
    """One project's builds, in the order built, one per round: from empty caches, and rebuilds."""

    firsts: list[BuildRun]
    rebuilds: list[BuildRun]

    @property
    def first(self) -> BuildRun:
        return _median(self.firsts)

    @property
    def median(self) -> BuildRun:
        return _median(self.rebuilds)


def paired_ratios(ours: list[BuildRun], other: list[BuildRun]) -> list[float]:
    """Round by round, ``ours`` over ``other``: the two were built minutes apart in the same
    round, so a slow spell of the machine longer than a round falls on both."""
    return [a.seconds / b.seconds for a, b in zip(ours, other)]


def build_by_turns(
    projects: dict[str, tuple[Path, Path]], repeat: int, edit: Callable[[Path, int], object] | None = None, first_rounds: int = 1
) -> dict[str, Builds]:
    """Build each ``name: (project, site)`` ``first_rounds`` times from an empty cache, then
    ``repeat`` times more, taking turns.

    A first build finds no cache (``.cache/coursekit``), as after a clean checkout; the rebuilds
    find it, as an author's builds do all day, and each follows ``edit(project, round)`` (one
    lesson changed, say). Taking turns puts a slow spell of a shared machine on every project
    alike instead of on whichever ran during it."""
    firsts: dict[str, list[BuildRun]] = {name: [] for name in projects}
    rebuilds: dict[str, list[BuildRun]] = {name: [] for name in projects}
    # An untimed build of each first: otherwise whichever project is built first pays for reading
    # Python, Material and jieba from disk.
    for project, site in projects.values():
        build(project, site)
    for _ in range(first_rounds):
        for name, (project, site) in projects.items():
            shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
            firsts[name].append(build(project, site))
    for round_number in range(1, 1 + repeat):
        for name, (project, site) in projects.items():
            if edit is not None:
                edit(project, round_number)
            rebuilds[name].append(build(project, site))
    return {name: Builds(firsts[name], rebuilds[name]) for name in projects}


@dataclass
class Size:
    raw: int
    gz: int

    @classmethod
    def of(cls, data: bytes) -> "Size":
        return cls(len(data), len(gzip.compress(data, 6, mtime=0)))

    @classmethod
    def of_files(cls, paths) -> "Size":
        sizes = [cls.of(Path(p).read_bytes()) for p in paths]
        return cls(sum(s.raw for s in sizes), sum(s.gz for s in sizes))


def median_page(paths: list[Path]) -> tuple[Path, Size] | None:
    if not paths:
        return None
    sized = sorted(((p, Size.of(p.read_bytes())) for p in paths), key=lambda item: item[1].raw)
    return sized[len(sized) // 2]


@dataclass
class SiteSizes:
    largest: tuple[Path, Size]
    lesson: tuple[Path, Size] | None
    quiz: tuple[Path, Size] | None
    exam: tuple[Path, Size] | None
    ours: Size  # our JS + CSS that the median lesson page loads
    search_index: Size  # search/coursekit-index.json, which search fetches when opened
    pages: int

    @property
    def index_gz_per_page(self) -> float:
        return self.search_index.gz / self.pages if self.pages else 0.0


_ASSET_TAG = re.compile(r"<script\b[^>]*\bsrc=[\"']?([^\"' >]+)|<link\b(?=[^>]*\brel=[\"']?stylesheet)[^>]*\bhref=[\"']?([^\"' >]+)", re.I)


def own_assets(site: Path, page: Path) -> list[Path]:
    """Our scripts and style sheets (under assets/coursekit/) that ``page`` loads as it opens.

    The learner's phone fetches these on a page view; the search scripts load only when search
    is opened and are measured by the search budgets."""
    root = (site / "assets" / "coursekit").resolve()
    found: list[Path] = []
    for script, sheet in _ASSET_TAG.findall(page.read_text(encoding="utf-8")):
        address = (script or sheet).split("?", 1)[0].split("#", 1)[0]
        if "://" in address or address.startswith("//"):
            continue
        path = (site / address.lstrip("/")) if address.startswith("/") else (page.parent / address)
        path = path.resolve()
        if path.is_relative_to(root) and path.is_file() and path not in found:
            found.append(path)
    return found


def measure_site(site: Path) -> SiteSizes:
    pages = list(site.rglob("index.html"))
    largest = max(((p, Size.of(p.read_bytes())) for p in pages), key=lambda item: item[1].raw)
    lessons = [p for p in site.glob("courses/*/*/index.html")]
    quizzes = list(site.glob("practice/*/index.html"))
    exams = [p for p in site.glob("exams/*/index.html") if not p.parent.name.endswith("-print")]  # not the print-ready papers
    lesson = median_page(lessons)
    return SiteSizes(
        largest=largest,
        lesson=lesson,
        quiz=median_page(quizzes),
        exam=median_page(exams),
        ours=Size.of_files(own_assets(site, lesson[0]) if lesson else []),
        search_index=Size.of((site / "search" / "coursekit-index.json").read_bytes()),
        pages=len(pages),
    )


def time_call(function, repeat: int = 3) -> float:
    """Median seconds of ``function()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
