"""The ``coursekit`` MkDocs plugin: a thin adapter over the engine.

MkDocs events used, and why:

- ``on_config``: load and check the sources (the build stops on any authoring problem, before
  anything is written), generate the pages in memory, and add their nav sections and our
  browser assets to the config.
- ``on_files``: hand the generated pages and data files to MkDocs (never written into ``docs/``).
- ``on_page_context``: make sure an author's title reaches the page's <title> as text.
- ``on_template_context``: give the 404 page the site's base path (``COURSEKIT_BASE_PATH``, set by
  ``coursekit publish --base-path``), because it is served at any missing URL and so cannot link
  relatively; without it MkDocs assumes the server root.
- ``on_serve``: watch ``courses/``, ``quizzes/`` and ``citations/`` so ``mkdocs serve`` rebuilds on
  an edit; MkDocs reloads the config on every rebuild, so ``on_config`` sees the new sources.
"""

from __future__ import annotations

import html
import json
import os
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from markupsafe import Markup
from mkdocs.utils import normalize_url

from coursekit.edition import content_edition
from coursekit.messages import LANGS, t, ui_strings
from coursekit.publish.linkcheck import normalise_base_path
from coursekit.publish.pipeline import BASE_PATH_ENV
from coursekit.site.pages import SiteFiles, build_site_files
from coursekit.sources.project import Layout, load_project

ASSET_DIR = "assets/coursekit"
WEB_ASSETS = ("coursekit.css", "coursekit.js", "trainer.css")


def _titles_as_markup(nav: list) -> list:
    """Our nav titles are author text; MkDocs and Material print nav titles as HTML (their
    templates do not escape), so a course or lesson title like ``<img onerror=...>`` would run.
    Escape them here, where the engine's plain text meets MkDocs."""
    escaped = []
    for entry in nav:
        if isinstance(entry, dict):
            escaped.append({html.escape(str(title), quote=False): _titles_as_markup(value) if isinstance(value, list) else value for title, value in entry.items()})
        else:
            escaped.append(entry)
    return escaped


class CoursekitConfig(Config):
    courses_dir = opt.Type(str, default="courses")
    """Folder of courses, one sub-folder per course, relative to mkdocs.yml."""
    quizzes_dir = opt.Type(str, default="quizzes")
    """Folder of question banks (``*.yml``); exam blueprints sit in its ``papers/`` sub-folder."""
    citations_dir = opt.Type(str, default="citations")
    """Folder of the citation index, one file per regulation."""
    nav_position = opt.Type(int, default=1)
    """Where the generated nav sections go among the nav entries of mkdocs.yml."""
    lang = opt.Choice(LANGS, default="zh")
    """Language of the generated pages' fixed texts."""


class CoursekitPlugin(BasePlugin[CoursekitConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self._layout = Layout(
            courses=self.config.courses_dir,
            quizzes=self.config.quizzes_dir,
            papers=f"{self.config.quizzes_dir}/papers",
            citations=self.config.citations_dir,
        )
        self._root = root
        project, problems = load_project(root, self._layout)
        if problems:
            raise PluginError("\n".join([t("cli.build_stopped")] + [str(p) for p in problems]))
        edition = content_edition(root, self.config.lang)
        # Shown in every page's footer by docs/overrides/partials/copyright.html.
        config.extra["coursekit_edition"] = t("publish.edition_footer", lang=self.config.lang, edition=edition)
        self._site: SiteFiles = build_site_files(
            project, lang=self.config.lang, directory_urls=config.use_directory_urls, site_url=config.site_url or "", edition=edition
        )
        if config.nav is not None:
            position = min(self.config.nav_position, len(config.nav))
            config.nav[position:position] = _titles_as_markup(self._site.nav)
        config.extra_css.append(f"{ASSET_DIR}/coursekit.css")
        config.extra_css.append(f"{ASSET_DIR}/trainer.css")
        config.extra_javascript.append(f"{ASSET_DIR}/strings.js")
        config.extra_javascript.append(f"{ASSET_DIR}/coursekit.js")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        for src_uri, content in self._site.files.items():
            files.append(File.generated(config, src_uri, content=content))
        web = resources.files("coursekit").joinpath("web")
        for name in WEB_ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=web.joinpath(name).read_bytes()))
        strings = {lang: ui_strings(lang) for lang in LANGS}
        files.append(
            File.generated(config, f"{ASSET_DIR}/strings.js", content=f"window.CK_STRINGS={json.dumps(strings, ensure_ascii=False)};\n")
        )
        return files

    def on_page_context(self, context, *, page, config, nav):
        # Material prints <title> as ``page.title | striptags``, and striptags also decodes
        # entities: an author's title escaped to "&lt;/title&gt;&lt;script&gt;" would come out as
        # markup. ``meta.title`` is printed as is, so give it the plain text, escaped once.
        if page.title and not page.meta.get("title"):
            page.meta["title"] = html.escape(Markup(page.title).striptags(), quote=False)
        return context

    def on_template_context(self, context, *, template_name, config):
        base_path = os.environ.get(BASE_PATH_ENV)
        if template_name == "404.html" and base_path:
            base = normalise_base_path(base_path)
            context["base_url"] = base
            context["extra_css"] = [normalize_url(path, None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
        return context

    def on_serve(self, server, *, config, builder):
        for path in self._layout.watch_paths(self._root):
            if path.exists():
                server.watch(str(path))
        return server
