"""The author's preview, measured as an author meets it: `scripts/serve` running, a lesson saved,
the served page polled until the edit shows. No browser: the time to the page's new text is the
time the live-reloaded browser needs before it can show it."""

from __future__ import annotations

import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

# What scripts/serve runs, less the set-up.
SERVE = ("-m", "mkdocs", "serve", "--strict", "--dirty")
POLL_SECONDS = 0.02


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (OSError, urllib.error.URLError):
        return ""


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until ``url`` serves ``text`` (polled every 20 ms), or None after ``seconds``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    return None


class Preview:
    """``mkdocs serve`` of ``project`` as scripts/serve runs it, on a free port, until ``close()``."""

    def __init__(self, project: Path, port: int | None = None, log: Path | None = None):
        self.project = Path(project)
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self._log = open(log, "wb") if log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, *SERVE, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=self.project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", COURSEKIT_PREVIEW="1"),  # as scripts/serve sets them
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._log is not subprocess.DEVNULL:
            self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


PROJECT_FILES = ("mkdocs.yml", "jieba_userdict.txt")
PROJECT_FOLDERS = ("docs", "courses", "quizzes", "citations")


def copy_project(root: Path, dest: Path) -> Path:
    """A copy of the project at ``root`` (sources and configuration) to edit while measuring."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if (root / name).is_file():
            shutil.copy(root / name, dest / name)
    for name in PROJECT_FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name, dirs_exist_ok=True)
    return dest


def first_lesson(project: Path) -> tuple[Path, str]:
    """The first lesson file of the first course, and its page's address (from the site root)."""
    for course in sorted(path for path in (project / "courses").iterdir() if path.is_dir()):
        lessons = sorted(path for path in course.glob("*.md") if len(path.name.split(".")) == 2)
        if lessons:
            return lessons[0], f"courses/{course.name}/{lessons[0].stem}/"
    raise FileNotFoundError(project / "courses")


@dataclass
class PreviewTimes:
    seconds: list[float]  # one per save; inf where the edit never showed

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure_preview(project: Path, lesson: Path, url_path: str, saves: int = 5, settle: float = 1.0, timeout: float = 60.0) -> PreviewTimes:
    """Serve ``project``, then ``saves`` times: append a new sentence to ``lesson`` and time until
    the page at ``url_path`` shows it. Between saves, ``settle`` seconds and up to half a second
    more pass after the edit showed (an author reads before saving again): the watcher looks for
    edits at fixed intervals, and saves a fixed time apart would all meet it at the same point of
    its interval, always the lucky one or always the unlucky one. The lesson is left as it was found."""
    original = lesson.read_bytes()
    times: list[float] = []
    pauses = random.Random(saves)  # the same pauses on every run
    with Preview(project) as preview:
        url = preview.url(url_path)
        if wait_for(url, "</html>", 300) is None:
            raise RuntimeError(f"{url}: not served")
        try:
            for number in range(1, saves + 1):
                time.sleep(settle + pauses.uniform(0, 0.5))
                marker = f"预览第{number}次保存时补上的一句话{time.time_ns()}。"
                lesson.write_bytes(original + f"\n\n{marker}\n".encode("utf-8"))
                took = wait_for(url, marker, timeout)
                times.append(took if took is not None else float("inf"))
        finally:
            lesson.write_bytes(original)
    return PreviewTimes(times)
