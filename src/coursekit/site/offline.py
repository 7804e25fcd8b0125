"""The site on the phone: a service worker, a web app manifest and the home-screen icons, written
into the built site once every page is (the MkDocs adapter calls ``write_offline_files`` from its
last ``on_post_build``).

The service worker (``web/sw.js``, served from the site root so that its scope is the whole site,
``/peixun/`` too) is given the list of what to keep, made here from the files actually built:

- the *core*, kept on the first visit: the theme and our assets, the question banks (the notebook
  and the practice sets draw from them), the search index and what the search worker loads, and
  the pages every learner needs in both languages: home, guides, course, practice and exam lists,
  notebook, progress, citations and the offline page;
- one *pack* per course, downloaded when the learner asks: its lessons, the practice pages of its
  banks and its exam pages, per language.

Each file carries its size (shown before a download) and a short hash of its content: the hash of
all of them is the edition's version, which changes the worker's bytes, which is how the browser
learns that a new edition was published; the per-file hashes let an update copy unchanged files
from the old cache instead of downloading them again. Left out: source maps, the trainers' pages
and printable papers, spreadsheet templates, the server configuration, and lunr's languages that
the search index does not use.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from coursekit.model import Project
from coursekit.site import urls
from coursekit.site.icons import icon_png

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.json"
ICON_SIZES = (192, 512)
OFFLINE_PAGE = "offline/"
THEME_COLOUR = "#c62828"

# Never kept offline: developer files, trainers' material, files to download rather than read.
LEFT_OUT = re.compile(
    r"(\.map$|^sitemap\.xml|^404\.html$|^sw\.js$|^assets/nginx/|^assets/templates/|^trainers/|^exams/[^/]+-print/)"
)
LUNR = re.compile(r"^assets/javascripts/lunr/(.+)$")
HTML_INDEX = re.compile(r"(^|/)index\.html$")
# Every file's size and short SHA-256, kept by path with the size and modification time they were
# read at: the preview (``scripts/serve``) lists the whole site again after every save, and reading
# back the files the build did not write again was most of that.
_DIGESTS: dict[str, tuple[tuple[int, int], int, str]] = {}


@dataclass
class Pack:
    id: str
    titles: dict[str, str] = field(default_factory=dict)  # locale: course title
    files: dict[str, list] = field(default_factory=dict)  # locale: [url, size, hash]


def _url(path: str) -> str:
    """The URL (relative to the site root) a file is asked for by: pages by their folder."""
    return HTML_INDEX.sub(r"\1", path)


def _lunr_wanted(site: Path) -> set[str]:
    """The lunr files Material's search worker loads for the languages of the search index."""
    wanted = {"min/lunr.stemmer.support.min.js"}
    langs: set[str] = set()
    for index in site.rglob("search_index.json"):
        try:
            langs.update(json.loads(index.read_text("utf-8")).get("config", {}).get("lang", []))
        except (ValueError, OSError, AttributeError):
            return set()  # unreadable: keep all of lunr rather than break search offline
    for lang in langs:
        if lang != "en":
            wanted.add(f"min/lunr.{lang}.min.js")
        if lang == "ja":
            wanted.add("tinyseg.js")
        if lang in ("hi", "th"):
            wanted.add("wordcut.js")
    if len(langs) > 1:
        wanted.add("min/lunr.multi.min.js")
    return wanted


def _course_of_pages(project: Project) -> dict[str, str]:
    """Generated page folder (``practice/<bank>/``, ``exams/<paper>/``) -> course id: a bank
    belongs to the course most of its questions teach, a paper to the course of its first bank."""
    owner: dict[str, str] = {}
    bank_course: dict[str, str] = {}
    for bank in project.banks:
        counts: dict[str, int] = {}
        for question in bank.questions:
            course = question.lesson.split("/", 1)[0]
            counts[course] = counts.get(course, 0) + 1
        if counts:
            bank_course[bank.id] = max(counts, key=lambda course: counts[course])
            owner[urls.page_url(urls.practice_page(bank.id))] = bank_course[bank.id]
    for paper in project.blueprints:
        banks = [draw.bank for section in paper.sections for draw in section.draws if draw.bank in bank_course]
        if banks:
            owner[urls.page_url(urls.exam_page(paper.id))] = bank_course[banks[0]]
    return owner


def _course_titles(site: Path, folder: str) -> dict[str, str]:
    try:
        data = json.loads((site / folder / urls.DATA).read_text("utf-8"))
        return {course["id"]: course["title"] for course in data.get("courses", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _size_and_digest(path: Path) -> tuple[int, str]:
    """The size of the file at ``path`` and the first 12 hex digits of its SHA-256."""
    stat = path.stat()
    seen = (stat.st_size, stat.st_mtime_ns)
    kept = _DIGESTS.get(str(path))
    if kept is not None and kept[0] == seen:
        return kept[1], kept[2]
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()[:12]
    _DIGESTS[str(path)] = (seen, len(content), digest)
    return len(content), digest


def offline_plan(site: Path, project: Project, languages: dict[str, str]) -> dict:
    """What the service worker keeps: ``languages`` maps each built locale to its folder ("" for
    the default language, "en/" for English)."""
    site = Path(site)
    by_folder = sorted(((folder, lang) for lang, folder in languages.items()), key=lambda item: -len(item[0]))
    owner = _course_of_pages(project)
    course_ids = [course.id for course in project.courses]
    packs = {course_id: Pack(course_id) for course_id in course_ids}
    for lang, folder in languages.items():
        titles = _course_titles(site, folder)
        for course_id in course_ids:
            packs[course_id].titles[lang] = titles.get(course_id, course_id)
            packs[course_id].files[lang] = []
    lunr = _lunr_wanted(site)
    core: list = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        lang, inner = next(((lang, name[len(folder):]) for folder, lang in by_folder if name.startswith(folder)), (None, name))
        if LEFT_OUT.search(inner):
            continue
        match = LUNR.match(inner)
        if match and lunr and match.group(1) not in lunr:
            continue
        size, digest = _size_and_digest(path)
        entry = [_url(name), size, digest]
        course = None
        if inner.startswith(f"{urls.COURSES}/") and inner.count("/") >= 2:
            course = inner.split("/")[1]
        elif inner.startswith((f"{urls.PRACTICE}/", f"{urls.EXAMS}/")):
            course = owner.get("/".join(inner.split("/")[:2]) + "/")
        if course in packs and lang is not None:
            packs[course].files[lang].append(entry)
        else:
            core.append(entry)
    every = core + [entry for pack in packs.values() for files in pack.files.values() for entry in files]
    version = hashlib.sha256(json.dumps(sorted(every), ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    return {
        "version": version,
        "core": core,
        "packs": [{"id": pack.id, "titles": pack.titles, "files": pack.files} for pack in packs.values()],
        "offline": {lang: folder + OFFLINE_PAGE for lang, folder in languages.items()},
        "languages": languages,
    }


def web_manifest(name: str, short_name: str, description: str, lang: str) -> dict:
    """The web app manifest: installed, the site opens full-screen at its home page."""
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": f"assets/coursekit/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
            for size in ICON_SIZES
        ],
    }


def write_offline_files(site: Path, project: Project, languages: dict[str, str], manifest: dict) -> dict:
    """Write the icons, the manifest and the service worker into the built ``site``; return the plan."""
    site = Path(site)
    for size in ICON_SIZES:
        icon = site / "assets" / "coursekit" / f"icon-{size}.png"
        icon.parent.mkdir(parents=True, exist_ok=True)
        icon.write_bytes(icon_png(size))
    (site / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    plan = offline_plan(site, project, languages)
    worker = resources.files("coursekit").joinpath("web", SERVICE_WORKER).read_text("utf-8")
    data = json.dumps(plan, ensure_ascii=False, separators=(",", ":"))
    (site / SERVICE_WORKER).write_text(f"self.CK_OFFLINE = {data};\n{worker}", "utf-8")
    return plan
