"""`mkdocs serve` shows an edited lesson or bank without a restart (generated pages are rebuilt in memory)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float) -> str:
    deadline, page = time.time() + seconds, ""
    while time.time() < deadline:
        try:
            page = fetch(url)
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    return page


def test_serve_picks_up_edits_in_courses_and_quizzes(tmp_path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        lesson_url = f"http://127.0.0.1:{port}/courses/sanhui-yike/dangyuan-dahui/"
        assert "表决怎么算" in wait_for(lesson_url, "表决怎么算", 120), "the site was not served"
        lesson = project / "courses/sanhui-yike/dangyuan-dahui.md"
        lesson.write_text(lesson.read_text("utf-8").replace("## 表决怎么算", "## 表决怎么算（刚改过）"), "utf-8")
        assert "表决怎么算（刚改过）" in wait_for(lesson_url, "表决怎么算（刚改过）", 120)
        bank = project / "quizzes/sanhui-yike.yml"
        bank.write_text(bank.read_text("utf-8").replace("党支部党员大会一般多久召开一次？", "党支部党员大会一般隔多久召开一次？", 1), "utf-8")
        assert "一般隔多久召开一次" in wait_for(lesson_url, "一般隔多久召开一次", 120)
    finally:
        server.terminate()
        server.wait(timeout=20)
