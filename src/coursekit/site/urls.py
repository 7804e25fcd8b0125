"""Where generated pages live, and relative links between them (so the site works from a sub-path)."""

from __future__ import annotations

import posixpath
from functools import lru_cache

COURSES = "courses"
PRACTICE = "practice"
EXAMS = "exams"
CITATIONS = "citations.md"
NOTEBOOK = "notebook.md"
PROGRESS = "progress.md"
DATA = "assets/coursekit/site-data.json"

# The site's path on the server (/peixun/). ``coursekit publish --base-path`` passes it to the
# build in this variable; the 404 page, served at any missing URL, needs it to link to the site.
BASE_PATH_ENV = "COURSEKIT_BASE_PATH"


def normalise_base_path(base_path: str) -> str:
    """``peixun``, ``/peixun`` or ``/peixun/`` as ``/peixun/``; nothing as ``/``."""
    base = "/" + base_path.strip("/") + "/"
    return "/" if base == "//" else base


def course_page(course_id: str) -> str:
    return f"{COURSES}/{course_id}/index.md"


def lesson_page(lesson_id: str) -> str:
    return f"{COURSES}/{lesson_id}.md"


def practice_page(bank_id: str) -> str:
    """A bank's practice page: its first set, and the others when the browser asks (``?set=2``)."""
    return f"{PRACTICE}/{bank_id}/index.md"


def bank_data(bank_id: str) -> str:
    """A bank's questions as the browser runs them, beside ``DATA`` (links relative to the site
    root): the practice page's other sets, the exam pages' pools and the notebook's mistakes."""
    return f"assets/coursekit/bank-{bank_id}.json"


def exam_page(paper_id: str) -> str:
    return f"{EXAMS}/{paper_id}.md"


def print_page(paper_id: str) -> str:
    """The print-ready paper (variant A, default seed) with its answer key."""
    return f"{EXAMS}/{paper_id}-print.md"


TRAINER_PLANS = "trainers/plans.md"
TRAINER_PAPERS = "trainers/papers.md"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) that MkDocs gives a page source path."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=None)
def relative(from_src: str, to_src: str, directory_urls: bool = True, anchor: str = "") -> str:
    """A relative href from the page ``from_src`` to the page or file ``to_src``. Cached: every
    question links its citation and lesson, so a large site asks for the same few thousand pairs
    tens of thousands of times."""
    from_url = page_url(from_src, directory_urls)
    to_url = page_url(to_src, directory_urls)
    from_dir = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    href = _relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") and not href.endswith("/"):
        href += "/"
    if href == "./":
        href = "./"
    return href + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for paths relative to the site root, without its two calls to
    ``os.getcwd()`` per link: a large site asks for tens of thousands of links."""
    if ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for target_part, start_part in zip(to, base):
        if target_part != start_part:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def md_link(from_src: str, to_src: str, anchor: str = "") -> str:
    """A Markdown link target between two source files; MkDocs checks it and turns it into a URL."""
    href = _relpath(to_src, posixpath.dirname(from_src) or ".")
    return href + (f"#{anchor}" if anchor else "")
