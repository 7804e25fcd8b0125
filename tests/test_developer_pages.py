"""The developer pages (docs/dev/) name files and modules; each must exist, so a rename or a
deletion that forgets the page fails here instead of leaving a newcomer looking for it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "coursekit"
PAGES = sorted((ROOT / "docs" / "dev").glob("*.md"))
NAMED = re.compile(r"`([A-Za-z0-9_./-]+(?:\.(?:py|js|mjs|yml|md|css|json)|/))`")


def exists(name: str) -> bool:
    name = name.rstrip("/")
    return any((base / name).exists() for base in (ROOT, PACKAGE, PACKAGE / "web", PACKAGE / "web" / "js", ROOT / "docs" / "dev"))


def named_paths(page: Path) -> list[str]:
    """The paths a page names: with a folder in them (``site/pages.py``, ``logic/``), not what a
    build makes (the built site's ``assets/…`` and ``search/…``, ``/peixun/``, ``.cache/…``)."""
    generated = ("/", "assets/", "search/", ".cache/")
    return [name for name in NAMED.findall(page.read_text("utf-8")) if "/" in name and not name.startswith(generated)]


def test_the_developer_pages_exist_and_are_not_published():
    assert [p.name for p in PAGES] >= ["architecture.md"]
    assert "/dev/" in (ROOT / "mkdocs.yml").read_text("utf-8").split("exclude_docs:", 1)[1].split("\n\n", 1)[0]


def test_every_file_a_developer_page_names_exists():
    missing = [f"{page.name}: {name}" for page in PAGES for name in named_paths(page) if not exists(name)]
    assert len([name for page in PAGES for name in named_paths(page)]) > 50
    assert missing == []
