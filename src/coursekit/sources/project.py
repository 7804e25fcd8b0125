"""Load a whole project folder: courses/, quizzes/, quizzes/papers/, citations/ (``sources.layout``)."""

from __future__ import annotations

from pathlib import Path

from coursekit.check import check_project
from coursekit.messages import t
from coursekit.model import Project
from coursekit.problems import CoursekitError, Problem, display_path
from coursekit.sources.banks import load_bank
from coursekit.sources.blueprints import load_blueprint
from coursekit.sources.cache import LoadCache
from coursekit.sources.citations import load_citation_file
from coursekit.sources.courses import load_course
from coursekit.sources.layout import Layout, source_files
from coursekit.sources.reading import outside


def load_project(root: Path, layout: Layout = Layout(), cache: LoadCache | None = None) -> tuple[Project, list[Problem]]:
    """Read every source; return the project and every problem found (loading and checking).

    With a ``cache``, citation, bank, paper and lesson files unchanged since an earlier build are
    not read again (see ``sources.cache``); the cache is saved before returning.
    """
    root = Path(root)
    problems: list[Problem] = []
    cache = cache or LoadCache(None)

    def shown(path: Path) -> str:
        return display_path(path, root)

    def inside(folder: Path) -> list[Path]:
        """The folder's source files; one that leads out of the project is a problem, not read."""
        files = []
        for path in source_files(folder):
            if outside(path, root):
                problems.append(Problem(shown(path), 0, t("file.outside_project")))
            else:
                files.append(path)
        return files

    citations = {}
    citation_places: dict[str, str] = {}
    for path in inside(root / layout.citations):
        entries, found = cache.load(load_citation_file, path, shown(path))
        problems += found
        for citation in entries:
            if citation.key in citations:
                problems.append(
                    Problem(citation.file, citation.line, t("check.duplicate_citation", id=citation.key, first=citation_places[citation.key]))
                )
                continue
            citations[citation.key] = citation
            citation_places[citation.key] = f"{citation.file}:{citation.line}"

    courses = []
    courses_dir = root / layout.courses
    for course_dir in sorted(p for p in courses_dir.iterdir() if p.is_dir()) if courses_dir.is_dir() else []:
        if outside(course_dir, root):
            problems.append(Problem(shown(course_dir), 0, t("file.outside_project")))
            continue
        if not (course_dir / "course.yml").is_file():
            problems.append(Problem(shown(course_dir), 0, t("course.no_course_yml")))
            continue
        course, found = load_course(course_dir, shown(course_dir), cache, root)
        problems += found
        if course:
            courses.append(course)
    courses.sort(key=lambda c: (c.order, c.id))

    banks = []
    for path in inside(root / layout.quizzes):
        bank, found = cache.load(load_bank, path, shown(path))
        problems += found
        if bank:
            banks.append(bank)

    blueprints = []
    for path in inside(root / layout.papers):
        blueprint, found = cache.load(load_blueprint, path, shown(path))
        problems += found
        if blueprint:
            blueprints.append(blueprint)

    cache.save()  # before anything could touch what was loaded
    project = Project(root=str(root), courses=courses, banks=banks, citations=citations, blueprints=blueprints)
    problems += check_project(project)
    return project, sorted(set(problems))


def load_checked_project(root: Path, layout: Layout = Layout()) -> Project:
    """The project, or a ``CoursekitError`` listing every problem."""
    project, problems = load_project(root, layout)
    if problems:
        raise CoursekitError(problems)
    return project
