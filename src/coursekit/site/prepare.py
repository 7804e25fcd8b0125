"""The sources loaded and checked, and the default language's pages generated, in one call.

The MkDocs plugin starts it ahead, in a child process (``coursekit.parallel``), while the other
plugins configure themselves; everything it returns must therefore pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coursekit.model import Project
from coursekit.problems import Problem
from coursekit.site.pages import SiteFiles, build_site_files
from coursekit.sources.cache import LoadCache
from coursekit.sources.project import Layout, load_project
from coursekit.sources.translations import translate_project


@dataclass(frozen=True)
class PageOptions:
    """What generated pages depend on besides the project."""

    lang: str
    directory_urls: bool
    site_url: str
    edition: str


def pages(project: Project, options: PageOptions, fallback: frozenset = frozenset()) -> SiteFiles:
    """The generated pages of ``project``; ``fallback``: what a translation leaves in the default
    language (``sources.translations``), linked to the original one folder up."""
    return build_site_files(
        project,
        lang=options.lang,
        directory_urls=options.directory_urls,
        site_url=options.site_url,
        edition=options.edition,
        fallback=fallback,
        original_root="../" if fallback else "",
    )


@dataclass
class Prepared:
    project: Project
    problems: list[Problem]
    options: PageOptions
    site: SiteFiles | None  # None when there are problems: the build stops on them


def prepare(root: Path, layout: Layout, cache_folder: str, options: PageOptions) -> Prepared:
    """Load ``root`` (through the project's cache in ``cache_folder``, "" for none) and, if
    nothing is wrong, generate its pages with ``options``."""
    project, problems = load_project(root, layout, LoadCache.in_project(root, cache_folder))
    return Prepared(project, problems, options, None if problems else pages(project, options))


@dataclass
class Translated:
    problems: list[Problem]
    fallback: frozenset
    options: PageOptions
    site: SiteFiles | None


def prepare_translation(project: Project, root: Path, layout: Layout, options: PageOptions) -> Translated:
    """The pages of ``options.lang`` (not the default language): its translation files laid over
    ``project``; what has no translation is shown in the default language."""
    translation, problems = translate_project(project, root, options.lang, layout)
    fallback = frozenset(translation.fallback)
    return Translated(problems, fallback, options, None if problems else pages(translation.project, options, fallback))
