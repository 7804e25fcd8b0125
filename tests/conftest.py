"""Shared fixtures: the real site built once per run, served on loopback, and a real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags Debian's Chromium needs on a machine with no internet (one list, shared with the benchmark).
from coursekit.bench.search_latency import CHROMIUM_ARGS  # noqa: E402


def run_mkdocs(project: Path, site_dir: Path, *extra: str, strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build`` of ``project`` into ``site_dir``; ``strict=False`` leaves it to mkdocs.yml."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # No -q: MkDocs 1.6 then stops counting warnings, and --strict passes a build that has them.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the real project to break on purpose (sources and config, no build output)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "jieba_userdict.txt"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "courses", "quizzes", "citations"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(built_site):
    server = serve_directory(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@contextlib.contextmanager
def built_and_served(project: Path):
    """Build ``project`` into ``site/`` beside it (the build must pass) and serve that on
    loopback while the block runs; yields the site's URL."""
    site = project.parent / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve_directory(site)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory):
    """The browser quiz tests' project (tests/quizsite.py) built and served on loopback.
    Yields (project folder, site URL)."""
    from quizsite import make_quiz_project

    project = make_quiz_project(tmp_path_factory.mktemp("quiz") / "project")
    with built_and_served(project) as url:
        yield project, url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing Chromium is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium 未安装：scripts/test 会自动安装（需要 root），或手动 apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def recorded(page):
    """``page``, recording every request it makes (``requests_seen``) and every error its console
    shows (``console_errors``)."""
    page.requests_seen = []
    page.console_errors = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))
    return page


@pytest.fixture
def page(browser):
    """A fresh browser context (empty localStorage) per test; every request is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield recorded(context.new_page())
    context.close()


TRAINER_SITE_URL = "http://intranet.example/peixun/"


@pytest.fixture(scope="session")
def trainer_site(tmp_path_factory):
    """The project's config and docs with the trainer tools' fixture content (tests/trainer_fixture.py)
    in place of the real courses, banks and citations, built with ``site_url`` set so that pages carry
    QR codes. Returns (project folder, built site)."""
    from trainer_fixture import COURSE, write_fixture_content

    project = copy_project(tmp_path_factory.mktemp("trainer") / "project")
    for name in ("courses", "quizzes", "citations"):
        shutil.rmtree(project / name)
    write_fixture_content(project)
    for page in (project / "docs").rglob("*.md"):  # hand-written pages may link to a real course
        page.write_text(re.sub(r"courses/[a-z0-9-]+/index\.md", f"courses/{COURSE}/index.md", page.read_text("utf-8")), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: {TRAINER_SITE_URL}\n" + config.read_text("utf-8"), "utf-8")
    site = project.parent / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site
