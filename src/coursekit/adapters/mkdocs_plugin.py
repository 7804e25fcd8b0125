"""The ``coursekit`` MkDocs plugin: a thin adapter over the engine.

Undocumented names of other packages that this module (and no other module of coursekit) relies
on; ``tests/test_adapter_names.py`` fails when an upgrade renames or drops one:

- mkdocs-static-i18n, its plugin's attributes: ``current_language``, ``default_language``,
  ``build_languages``, ``building``; the attributes its language switcher reads on a ``File``:
  ``locale``, ``locale_alternate_of``, ``localization``, ``norm_src_uri``, ``alternates``; the
  entries of ``config.extra.alternate`` (``lang``, ``link``) it sets for the switcher.
- Material, its search plugin's ``is_dirty`` (turned off in the preview: ``on_config``).
- MkDocs, the text of its warning on dirty builds (``DIRTY_WARNING``); its live-reload server's
  ``observer`` (the watchdog observer that looks for edits, replaced in the preview: ``on_serve``).

MkDocs events used, and why:

- ``on_config``: load and check the sources (the build stops on any authoring problem, before
  anything is written), generate the pages in memory, and add their nav sections and our
  browser assets to the config. Source files are parsed again only when their bytes changed
  (``coursekit.sources.cache``, in ``cache_dir``).
- ``on_files``: hand the generated pages and data files to MkDocs (never written into ``docs/``).
  It runs after mkdocs-static-i18n's ``on_files`` (priority -100): that plugin rebuilds every file
  from ``docs/``, which would drop in-memory pages, so we add ours afterwards, under the
  language's folder (``en/…``) and with the attributes its language switcher reads.
- ``on_page_content``: sanitise the HTML converted from author Markdown (``coursekit.sources.sanitise``;
  each removal is a warning, so ``--strict`` stops), then put back the links held out of Markdown inside lines
  (``coursekit.site.text.raw_inline_html``), before the search plugin reads the page.
- ``on_post_page``: cut the theme's indentation out of every page (``coursekit.site.compact``),
  bytes a phone would download for nothing. On course and lesson pages, load the smaller joined
  script in place of the full one (``coursekit.site.browser_code.script_for``). Then put back
  the generated HTML that skipped the Markdown converter (``coursekit.site.text.raw_html``;
  compacted already, when it was held). Last, the page's Content-Security-Policy as a
  ``<meta>`` (``coursekit.publish.csp``; the 404 page gets it in ``on_post_template``). Not
  earlier: the search plugin parses every page's content, and would parse the quiz markup and
  data too, which it leaves out anyway.
- ``on_config`` also checks every language's translation files before the first language writes
  a page, and keeps warnings logged under ``--strict`` when ``-q`` asked for quiet: MkDocs
  counts them through its logger, and ``-q`` silenced them (a broken anchor passed ``build -q --strict``).
- ``on_page_markdown``: put a visible notice on a hand-written page shown in Chinese because it
  has no translation.
- ``on_page_context``: make sure an author's title reaches the page's <title> as text.
- ``on_template_context``: give the 404 page the site's base path (``COURSEKIT_BASE_PATH``, set by
  ``coursekit publish --base-path``), because it is served at any missing URL and so cannot link
  relatively; without it MkDocs assumes the server root.
- ``on_post_template``: keep each language's rendered 404 page. Every language build renders it
  to the same root file, and the last one (English) won.
- ``on_post_build``, after mkdocs-static-i18n's (which builds the other languages inside the first
  one's ``on_post_build`` and then writes the search index of all of them): put the default
  language's 404 page at the root and the others in their folders (``en/404.html``); in the
  preview, merge Material's search index with the last build's (``coursekit.adapters.preview``);
  then write coursekit's own search index from it and cut Material's down to its config, as UTF-8
  (``coursekit.search.index``); last, write the service worker and the web app manifest from the
  files built (``coursekit.site.offline``).
- ``on_startup``: under ``mkdocs serve --dirty`` (``scripts/serve``), keep the preview's state
  across its builds so that a build after a lesson edit builds that page alone
  (``coursekit.adapters.preview``). MkDocs keeps a plugin with ``on_startup`` across the serve
  builds, so each build's own state is reset in ``on_config``.
- ``on_pre_build``, ``on_nav``, ``on_env``: in the preview, empty the site folder before a full
  build; give the pages a dirty build does not read their last titles; keep the compiled
  templates from one build to the next.
- ``on_shutdown``: log, at debug level (``-v``), how long the handlers here took in the build
  (``own_seconds``): `coursekit bench` reads it to tell our steps from MkDocs's and Material's.
- ``on_serve``: watch ``courses/``, ``quizzes/`` and ``citations/`` so ``mkdocs serve`` rebuilds on
  an edit; MkDocs reloads the config on every rebuild, so ``on_config`` sees the new sources. In
  the preview, look for edits every ``WATCH_SECONDS`` instead of MkDocs's half second.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import os
import re
import time
from importlib import resources
from pathlib import Path

import mkdocs.commands.build as build_command
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from markupsafe import Markup
from watchdog.observers.polling import PollingObserver
from mkdocs.utils import normalize_url

from coursekit.adapters.preview import GeneratedPage, Preview, file_states, page_digest
from coursekit.edition import content_edition, footer_edition
from coursekit.messages import DEFAULT_LANG, LANGS, t, ui_strings
from coursekit.publish.csp import PREVIEW_ENV, with_meta_policy
from coursekit.search.index import write_search_index
from coursekit.site.browser_code import BUNDLES, joined_script, script_for
from coursekit.site.compact import compact_html
from coursekit.site.offline import web_manifest, write_offline_files
from coursekit.site.pages import SiteFiles, build_site_files
from coursekit.site.text import fill_inline_html, fill_raw_html
from coursekit.site.urls import BASE_PATH_ENV, normalise_base_path
from coursekit.sources.cache import DEFAULT_DIR as DEFAULT_CACHE_DIR
from coursekit.sources.cache import LoadCache
from coursekit.sources.project import Layout, load_project
from coursekit.sources.sanitise import sanitise_page
from coursekit.sources.translations import is_translation, translate_project

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/coursekit"
_STRINGS_FILE = re.compile(re.escape(ASSET_DIR) + r"/strings(\.\w+)?\.js")
# The tag that loads every component (extra_javascript); course and lesson pages load a smaller
# file in its place (``coursekit.site.browser_code.script_for``).
_FULL_SCRIPT = re.compile(r'(<script src="[^"<>]*' + re.escape(ASSET_DIR) + r'/)coursekit\.js"')


def _strings_file(lang: str) -> str:
    """The browser's texts in one language (``ui:`` keys of locales/<lang>.yml)."""
    return f"{ASSET_DIR}/strings.{lang if lang in LANGS else DEFAULT_LANG}.js"


WEB_ASSETS = ("coursekit.css", "trainer.css", "offline.js", "search-open.js", "search-worker.js", "search-engine.js", "search.css", "text-size.js")


# How often the preview looks for edits. MkDocs looks every half second (its watcher's polling
# interval, which `mkdocs serve` has no option for): a quarter of a second on average between
# saving a lesson and its build starting. One look at this site's sources (133 files) takes about
# a millisecond.
WATCH_SECONDS = 0.1

# MkDocs's warning on every dirty build; it would fail every build of the strict preview.
DIRTY_WARNING = "A 'dirty' build is being performed"


class QuietDirtyWarning(logging.Filter):
    """Drops MkDocs's warning that a build is dirty: the preview chooses dirty builds only where
    they give the pages a full build would (``coursekit.adapters.preview``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def _watch_often(server, config) -> None:
    """Give the live-reload ``server`` a watcher that looks every ``WATCH_SECONDS``. Called before
    the server starts: what MkDocs watches already (``docs/``, ``mkdocs.yml``, the theme with
    ``--watch-theme``) is taken off the old watcher and watched again through the new one, with the
    server's own ``unwatch`` (which raises for a path not watched) and ``watch``. Should MkDocs
    watch something else, the old watcher is kept."""
    old = server.observer
    watched: dict[str, int] = {}
    for path in (config.docs_dir, config.config_file_path, *config.theme.dirs):
        while path:
            try:
                server.unwatch(path)
            except KeyError:
                break
            watched[path] = watched.get(path, 0) + 1
    if not old.emitters:
        server.observer = PollingObserver(timeout=WATCH_SECONDS)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


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


def _stop_on(problems: list) -> None:
    """Stop the build, before anything is written, listing every problem (file:line: message)."""
    if problems:
        raise PluginError("\n".join([t("cli.build_stopped")] + [str(p) for p in problems]))


def _warnings_count_under_strict(config) -> None:
    """MkDocs's -q raises its logger to ERROR, and --strict counts warnings through that logger:
    `build -q --strict` passed a build with a broken anchor. Under --strict, warnings are logged."""
    if config.strict:
        for name in ("mkdocs", "properdocs"):
            logger = logging.getLogger(name)
            if logger.level > logging.WARNING:
                logger.setLevel(logging.WARNING)


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
    cache_dir = opt.Type(str, default=DEFAULT_CACHE_DIR)
    """Where loaded source files are kept between builds, relative to mkdocs.yml; "" for none."""
    branches = opt.ListOfItems(opt.Type(str), default=[])
    """The Party branches (支部) a learner picks from on the result slip after an exam; any other may be typed."""


OWN_STEPS_LOG = "coursekit's own steps: %.2f s"  # read by `coursekit bench` (bench.measure.own_steps)


def _clock_own_steps(cls):
    """Every event handler of ``cls`` adds its time to ``self.own_seconds``: what the plugin's own
    steps cost a build, apart from MkDocs and Material building the pages it hands them.
    ``functools.wraps`` keeps each handler's name and its ``event_priority``."""

    def clocked(handler):
        @functools.wraps(handler)
        def timed(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return handler(self, *args, **kwargs)
            finally:
                self.own_seconds += time.perf_counter() - start

        return timed

    for name, handler in list(vars(cls).items()):
        if name.startswith("on_") and callable(handler):
            setattr(cls, name, clocked(handler))
    return cls


@_clock_own_steps
class CoursekitPlugin(BasePlugin[CoursekitConfig]):
    # With mkdocs-static-i18n, one `mkdocs build` runs every event once per language on the same
    # plugin instance and config: sources are loaded once, the user's nav is kept aside. With
    # ``on_startup``, `mkdocs serve` keeps the instance across its builds: each starts afresh.
    _loaded = None
    _translated = None  # language: (translation, problems), made before anything is written
    _user_nav = None
    _preview: Preview | None = None  # under `mkdocs serve --dirty` (scripts/serve)
    _preview_cache: LoadCache | None = None  # the preview's loaded sources, kept in memory
    own_seconds = 0.0  # this build's time in the handlers below (``_clock_own_steps``)

    def on_startup(self, *, command, dirty):
        if command == "serve" and dirty:
            self._preview = Preview()
            # The build module's own logger: "mkdocs.commands.build", or ProperDocs's under it.
            logging.getLogger(build_command.__name__).addFilter(QuietDirtyWarning())

    @staticmethod
    def _index_only_the_pages_built(config) -> None:
        """Material's search plugin, when dirty, keeps the last index and replaces the entries of
        the first page built; with mkdocs-static-i18n feeding it every language's entries again,
        the index doubled with every build. Made to index only the pages built, and the preview
        merges the entries (``adapters.preview``). ``is_dirty`` is Material's own name."""
        for name in ("material/search", "search"):
            search = config.plugins.get(name)
            if search is not None and hasattr(search, "is_dirty"):
                search.is_dirty = False

    def _first_language(self, config) -> bool:
        """Whether this is a new build, not a further language of one (mkdocs-static-i18n)."""
        i18n = config.plugins.get("i18n")
        return i18n is None or not i18n.building

    def _language(self, config) -> tuple[str, object]:
        """The language being built and the i18n plugin (None without it)."""
        i18n = config.plugins.get("i18n")
        default = self.config.lang
        if i18n is None:
            return default, None
        return (i18n.current_language or i18n.default_language or default), i18n

    def _locate(self, config) -> tuple[Path, Layout]:
        root = Path(config.config_file_path).parent
        layout = Layout(
            courses=self.config.courses_dir,
            quizzes=self.config.quizzes_dir,
            papers=f"{self.config.quizzes_dir}/papers",
            citations=self.config.citations_dir,
        )
        return root, layout

    def on_config(self, config):
        _warnings_count_under_strict(config)
        root, self._layout = self._locate(config)
        self._root = root
        if self._first_language(config):
            self.own_seconds = 0.0  # this handler's time is added when it returns
            self._loaded, self._translated, self._404_pages = None, None, {}
            if self._preview is not None:
                self._index_only_the_pages_built(config)
                self._preview.start(self._watched_files(config), self._is_lesson)
        if self._loaded is None:
            cache = self._sources_cache(root)
            self._loaded = load_project(root, self._layout, cache)
            self._user_nav = list(config.nav) if config.nav is not None else None
        project, problems = self._loaded
        _stop_on(problems)
        lang, i18n = self._language(config)
        self._lang, self._i18n = lang, i18n
        if self._translated is None:
            # Every language's translation files are checked before the first language writes a
            # page: a mistake in an English file stopped the build after the Chinese site was written.
            others = [other for other in (i18n.build_languages if i18n else []) if other != i18n.default_language]
            self._translated = {other: translate_project(project, root, other, self._layout) for other in others}
            _stop_on(sorted({p for _, found in self._translated.values() for p in found}))
        edition = content_edition(root, lang)
        # Shown in every page's footer by docs/overrides/partials/copyright.html.
        config.extra["coursekit_edition"] = footer_edition(root, lang)
        config.extra["coursekit_edition_exact"] = edition
        fallback = frozenset()
        if i18n is not None and lang != i18n.default_language:
            # This language's translation files laid over the project; what has no translation
            # is shown in the default language, linked to the original one folder up.
            translation, problems = self._translated.get(lang) or translate_project(project, root, lang, self._layout)
            _stop_on(problems)
            project, fallback = translation.project, frozenset(translation.fallback)
        self._site: SiteFiles = build_site_files(
            project,
            lang=lang,
            directory_urls=config.use_directory_urls,
            edition=edition,
            site_url=config.site_url or "",
            branches=tuple(b.strip() for b in self.config.branches if b.strip()),
            fallback=fallback,
            original_root="../" if fallback else "",
        )
        if self._user_nav is not None:
            position = min(self.config.nav_position, len(self._user_nav))
            config.nav = self._user_nav[:position] + _titles_as_markup(self._site.nav) + self._user_nav[position:]
        if self._preview is not None:
            site = self._site
            pages = {src: page_digest(text, site.fragments.get(src, []), site.inline.get(src, [])) for src, text in site.files.items() if src.endswith(".md")}
            self._preview.language(lang, json.dumps(config.nav, ensure_ascii=False, default=str), pages)
        for path in (f"{ASSET_DIR}/coursekit.css", f"{ASSET_DIR}/trainer.css", f"{ASSET_DIR}/search.css"):
            if path not in config.extra_css:
                config.extra_css.append(path)
        if i18n is None or lang == i18n.default_language:  # the installed app's name: the first language's
            self._app = web_manifest(config.site_name, config.site_name, config.site_description or "", lang)
        # Each language's pages load only their own texts (strings.<lang>.js), not every language's;
        # the config may come back from the previous language with its file in place.
        config.extra_javascript[:] = [_strings_file(lang) if _STRINGS_FILE.fullmatch(str(script)) else script for script in config.extra_javascript]
        for path in (_strings_file(lang), f"{ASSET_DIR}/coursekit.js", f"{ASSET_DIR}/offline.js", f"{ASSET_DIR}/search-open.js"):
            if path not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(path)
        return config

    def _sources_cache(self, root: Path) -> LoadCache:
        """The loaded sources kept between builds. The preview keeps its cache in memory from one
        build to the next instead of reading the file again (0.05 s of each build for 500 lessons)."""
        folder = root / self.config.cache_dir if self.config.cache_dir else None
        kept = self._preview_cache
        if self._preview is not None and kept is not None and kept.file is not None and folder is not None and kept.file.parent == folder:
            return kept.next_build()
        cache = LoadCache.in_project(root, self.config.cache_dir, report=log.info)
        if self._preview is not None:
            self._preview_cache = cache
        return cache

    def _watched_files(self, config) -> dict[str, tuple[int, int]]:
        folders = [*self._layout.watch_paths(self._root), Path(config.docs_dir)]
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        return file_states(folders, [Path(config.config_file_path)])

    def _is_lesson(self, path: str) -> bool:
        """A lesson's own file (not a translation): its edit alone allows a dirty build."""
        file = Path(path)
        courses = self._root / self._layout.courses
        return file.suffix == ".md" and file.parent.parent == courses and not is_translation(file)

    def on_pre_build(self, *, config):
        if self._preview is not None and self._first_language(config):
            self._preview.empty_site(config.site_dir)
            log.debug("preview: %s build", "full" if self._preview.full else "dirty")

    @event_priority(-110)
    def on_files(self, files: Files, *, config) -> Files:
        prefix = self._language_folder()
        for src_uri, content in self._site.files.items():
            if self._preview is not None and src_uri.endswith(".md"):
                file = GeneratedPage.generated(config, src_uri, content=content)
                file.changed = self._preview.changed(self._lang, src_uri)
            else:
                file = File.generated(config, src_uri, content=content)
            files.append(self._localised(file, prefix, config))
        web = resources.files("coursekit").joinpath("web")
        for name in WEB_ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=web.joinpath(name).read_bytes()))
        for name in BUNDLES:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=joined_script(name)))
        for lang in LANGS:
            # A text missing in a translation is shown in Chinese, so it is filled in here.
            strings = {lang: {**ui_strings(DEFAULT_LANG), **ui_strings(lang)}}
            files.append(File.generated(config, _strings_file(lang), content=f"window.CK_STRINGS={json.dumps(strings, ensure_ascii=False)};\n"))
        return files

    def _language_folder(self) -> str:
        """Where this language's pages go: "" for the default language, "en/" for English."""
        if self._i18n is None or self._lang == self._i18n.default_language:
            return ""
        return f"{self._lang}/"

    def _localised(self, file: File, prefix: str, config) -> File:
        """Place a generated file under the language folder and give it what mkdocs-static-i18n's
        language switcher reads: its locale and the same page in every built language."""
        if self._i18n is None:
            return file
        plain_dest = file.dest_uri
        if prefix:
            file.dest_uri = prefix + plain_dest  # before anything reads ``url``, which follows it
        file.locale = file.locale_alternate_of = self._lang
        file.localization = self._lang if prefix else None
        file.norm_src_uri = file.src_uri
        file.alternates = {}
        for lang in self._i18n.build_languages:
            other = "" if lang == self._i18n.default_language else f"{lang}/"
            twin = File(file.src_uri, None, config.site_dir, config.use_directory_urls, dest_uri=other + plain_dest)
            twin.locale = lang
            file.alternates[lang] = file if lang == self._lang else twin
        return file

    def on_nav(self, nav, *, config, files):
        # A dirty build reads only the pages it builds: the others keep their last titles.
        if self._preview is not None:
            for file in files.documentation_pages():
                if file.page is not None and not file.is_modified():
                    title = self._preview.title(self._lang, file.src_uri)
                    if title is not None:
                        file.page.title = title
        return nav

    def on_env(self, env, *, config, files):
        if self._preview is not None:
            env.bytecode_cache = self._preview.templates
        return env

    def on_page_content(self, html, *, page, config, files):
        html, removed = sanitise_page(html, page.markdown or "", page.file.src_uri)
        for message in removed:  # a warning: --strict stops the build
            log.warning(message)
        if page.file.generated_by is not None:
            return fill_inline_html(html, self._site.inline.get(page.file.src_uri, []))
        return html

    def on_post_page(self, output, *, page, config):
        output = compact_html(output)
        if page.file.generated_by is not None:  # after compacting: the fragments were compacted when held
            script = script_for(page.file.src_uri)
            if script != "coursekit.js":  # before the fragments are back: only the page's own script tag matches
                output = _FULL_SCRIPT.sub(lambda match: match.group(1) + script + '"', output, count=1)
            output = fill_raw_html(output, self._site.fragments.get(page.file.src_uri, []))
        return output if os.environ.get(PREVIEW_ENV) else with_meta_policy(output)

    def on_page_markdown(self, markdown, *, page, config, files):
        # A hand-written page that mkdocs-static-i18n fell back to the default language for.
        i18n = self._i18n
        if i18n is None or self._lang == i18n.default_language or page.file.generated_by is not None:
            return markdown
        if getattr(page.file, "locale", self._lang) != self._lang:
            notice = f'!!! note "{t("page.untranslated_title", lang=self._lang)}"\n\n    {t("page.untranslated", lang=self._lang)}\n\n'
            return notice + markdown
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        if self._preview is not None:
            self._preview.seen(self._lang, page.file.src_uri, page.url, page.title)
        # Material prints <title> as ``page.title | striptags``, and striptags also decodes
        # entities: an author's title escaped to "&lt;/title&gt;&lt;script&gt;" would come out as
        # markup. ``meta.title`` is printed as is, so give it the plain text, escaped once.
        if page.title and not page.meta.get("title"):
            page.meta["title"] = html.escape(Markup(page.title).striptags(), quote=False)
        # mkdocs-static-i18n gives the home pages' language switcher root-absolute links ("/",
        # "/en/"), which leave the site when it is served from a sub-path such as /peixun/. Made
        # relative to the site root, Material's url filter turns them into page-relative links.
        # (mkdocs-static-i18n sets them as an attribute of config.extra, which is what the
        # template reads; the item of the same name may be another list.)
        for alternates in (getattr(config.extra, "alternate", None), config.extra.get("alternate")):
            for alternate in alternates or []:
                link = alternate.get("link", "")
                if link.startswith("/") and not link.startswith("//"):
                    alternate["link"] = link.lstrip("/") or "."
        return context

    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html" and self._i18n is not None:
            # The 404 page answers for any missing address, so its language switcher leads to
            # each language's home page. mkdocs-static-i18n leaves it the links of whichever page
            # it handled last: in the English 404 page, a print page, or in the preview the
            # page built last.
            default = self._i18n.default_language
            config.extra.alternate = [
                dict(alternate, link="/" if alternate.get("lang") == default else f"/{alternate['lang']}/") if alternate.get("lang") else alternate
                for alternate in getattr(config.extra, "alternate", None) or []
            ]
        base_path = os.environ.get(BASE_PATH_ENV)
        if template_name == "404.html" and base_path:
            base = normalise_base_path(base_path)
            context["base_url"] = base
            context["extra_css"] = [normalize_url(path, None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
            # The language switcher too: the 404 page answers at any depth, so its links are
            # absolute, under the base path ("/en/" -> "/peixun/en/").
            alternates = getattr(config.extra, "alternate", None) or []
            config.extra.alternate = [
                dict(alternate, link=base + alternate["link"].lstrip("/")) if alternate.get("link", "").startswith("/") else alternate
                for alternate in alternates
            ]
        return context

    def on_post_template(self, output, *, template_name, config):
        if template_name != "404.html":
            return output
        output = compact_html(output)
        if not os.environ.get(PREVIEW_ENV):
            output = with_meta_policy(output)
        if self._i18n is not None:
            self._404_pages[self._language_folder()] = output
        return output

    @event_priority(-110)
    def on_post_build(self, *, config):
        if self._i18n is not None and self._i18n.building:
            return  # a language built inside the first one's on_post_build: that one finishes last
        site = Path(config.site_dir)
        for folder, page in self._404_pages.items():
            (site / folder / "404.html").write_text(page, "utf-8")
        # In the preview, Material's search index merged with the last build's entries, read once.
        merged = self._preview.search_index(site / "search" / "search_index.json") if self._preview is not None else None
        # Our search index, fetched when the learner opens search (coursekit.search.index); then
        # Material's is cut down to its config, written as UTF-8.
        i18n = self._i18n
        theme_language = config.theme["language"] if "language" in config.theme else "en"
        write_search_index(site, i18n.default_language if i18n else theme_language, set(i18n.build_languages) if i18n else set(), self._root, merged)
        # Last: the service worker lists every file built, with its size and hash.
        languages = {lang: ("" if lang == self._i18n.default_language else f"{lang}/") for lang in self._i18n.build_languages} if self._i18n else {self._lang: ""}
        write_offline_files(site, self._loaded[0], languages, self._app)
        if self._preview is not None:
            self._preview.finished()

    def on_shutdown(self):
        log.debug(OWN_STEPS_LOG, self.own_seconds)  # the last build's (`mkdocs build` builds once)

    def on_serve(self, server, *, config, builder):
        if self._preview is not None:
            _watch_often(server, config)
        for path in self._layout.watch_paths(self._root):
            if path.exists():
                server.watch(str(path))
        return server
