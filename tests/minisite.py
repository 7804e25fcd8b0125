"""A minimal project (tests/mini_project) with the real site configuration, for tests that build
many times or break things on purpose: it builds in seconds however large the real content grows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT

MINI = Path(__file__).resolve().parent / "mini_project"
CONTENT = ("courses", "quizzes", "citations")


def _own_nav(config: str) -> str:
    """The real mkdocs.yml with its nav cut to the mini project's single hand-written page."""
    match = re.search(r"^nav:\n(?:[ \t#-].*\n|\n)*", config, re.M)
    assert match, "mkdocs.yml has no nav section"
    return config[: match.start()] + "nav:\n  - 首页: index.md\n" + config[match.end() :]


def make_mini_project(dest: Path, with_content: bool = True) -> Path:
    """The real site configuration and theme overrides with the tiny content of tests/mini_project."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(_own_nav((ROOT / "mkdocs.yml").read_text("utf-8")), "utf-8")
    shutil.copy(ROOT / "jieba_userdict.txt", dest / "jieba_userdict.txt")
    # Non-page files of docs/ (theme overrides, the nginx configuration) are part of the configuration.
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda _dir, names: [n for n in names if n.endswith(".md")])
    shutil.copy(MINI / "docs" / "index.md", dest / "docs" / "index.md")
    if with_content:
        for name in CONTENT:
            shutil.copytree(MINI / name, dest / name)
    return dest
