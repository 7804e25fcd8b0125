"""The learner's browser code as one file a page: the ES modules under ``web/js/`` joined at
build time, from an entry module and every module it imports, into ``assets/coursekit/coursekit.js``
(``main.js``: every component) and ``coursekit-lessons.js`` (``main-lessons.js``: what the course
and lesson pages hold, which those pages load instead; ``script_for``).

Why joined and not served as modules: one request on a slow phone connection instead of twenty,
one file for the offline cache to hold, and a plain script that older phone browsers without
module support still run. The sources stay real ES modules, so ``node --test`` imports the pure
ones (``web/js/logic/``) as they are.

The join is deliberately small, and holds the modules to a few rules it checks:

- imports are one line each, ``import { a, b } from "./file.js";``, relative, at the top;
- exports are ``export function``, ``export var``, ``export const`` or ``export let``;
- no import cycles (the modules are placed after the ones they import);
- no two modules declare the same top-level name (they end up in one function scope).

Each module's text is kept as written, minus its import lines, ``export`` keywords and comments
that fill whole lines (bytes a phone would fetch for nothing), inside one
``"use strict"`` function, which is how ES modules run anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

ENTRY = "main.js"
# Each joined file and its entry module.
BUNDLES = {"coursekit.js": ENTRY, "coursekit-lessons.js": "main-lessons.js"}
# Pages that load coursekit-lessons.js: their paths in the docs tree start with this.
LESSON_PAGES = "courses/"

_IMPORT = re.compile(r'^import \{([^}]*)\} from "(\.{1,2}/[^"]+\.js)";[ \t]*$')
_EXPORT = re.compile(r"^export (?:function|var|const|let) ")
_DECLARED = re.compile(r"^(?:export )?(?:function\*?|var|const|let|class)\s+([A-Za-z_$][\w$]*)")


class BrowserCodeError(ValueError):
    """A module breaks one of the rules the join relies on (a developer's mistake, not an author's)."""


@dataclass
class Module:
    path: str  # relative to web/js/, e.g. "logic/state.js"
    imports: dict[str, list[str]]  # module path -> names
    declared: list[str]  # top-level names
    exported: list[str]
    body: str  # the text without imports and export keywords


def source_folder():
    return resources.files("coursekit").joinpath("web", "js")


# Kept by text (never changed once read): the preview (scripts/serve) joins the modules again
# for every language of every build.
@lru_cache(maxsize=512)
def read_module(path: str, text: str) -> Module:
    imports: dict[str, list[str]] = {}
    declared: list[str] = []
    exported: list[str] = []
    body: list[str] = []
    folder = PurePosixPath(path).parent
    for number, line in enumerate(text.splitlines(), 1):
        where = f"web/js/{path}:{number}"
        if re.match(r"import\b", line):
            match = _IMPORT.match(line)
            if not match:
                raise BrowserCodeError(f'{where}: write imports as one line, import {{ a, b }} from "./file.js";')
            names = [name.strip() for name in match.group(1).split(",") if name.strip()]
            if any(not re.fullmatch(r"[A-Za-z_$][\w$]*", name) for name in names):
                raise BrowserCodeError(f"{where}: import names as they are exported (no 'as', no default)")
            target = _normalise(folder / match.group(2))
            imports.setdefault(target, []).extend(names)
            continue
        if re.match(r"export\b", line):
            if not _EXPORT.match(line):
                raise BrowserCodeError(f"{where}: export only function, var, const or let declarations")
            line = line[len("export ") :]
            exported.append(_DECLARED.match(line).group(1))
        declaration = _DECLARED.match(line)
        if declaration:
            declared.append(declaration.group(1))
        body.append(line)
    return Module(path, imports, declared, exported, _without_comment_lines(body))


def _without_comment_lines(lines: list[str]) -> str:
    """The code without the comments that take up whole lines; a comment after code stays."""
    kept: list[str] = []
    inside = False
    for line in lines:
        text = line.strip()
        if inside:
            if "*/" in text:
                inside = False
                rest = text.split("*/", 1)[1].strip()
                if rest:
                    kept.append(rest)
            continue
        if text.startswith("//"):
            continue
        if text.startswith("/*"):
            if "*/" not in text:
                inside = True
                continue
            if text.endswith("*/") and text.count("*/") == 1:
                continue
        kept.append(line)
    return "\n".join(kept).strip("\n")


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def ordered_modules(read, entry: str = ENTRY) -> list[Module]:
    """The ``entry`` module and every module it imports, each after the modules it imports.
    ``read(path)`` returns a module's text."""
    done: dict[str, Module] = {}
    visiting: list[str] = []

    def visit(path: str) -> None:
        if path in done:
            return
        if path in visiting:
            cycle = " -> ".join(visiting[visiting.index(path) :] + [path])
            raise BrowserCodeError(f"web/js/{path}: import cycle {cycle}")
        visiting.append(path)
        try:
            text = read(path)
        except FileNotFoundError:
            raise BrowserCodeError(f"web/js/{visiting[-2] if len(visiting) > 1 else ''}: imports a missing module {path}") from None
        module = read_module(path, text)
        for target in module.imports:
            visit(target)
        visiting.pop()
        done[path] = module

    visit(entry)
    modules = list(done.values())
    _check_names(modules, done)
    return modules


def _check_names(modules: list[Module], by_path: dict[str, Module]) -> None:
    owner: dict[str, str] = {}
    for module in modules:
        for name in module.declared:
            if name in owner:
                raise BrowserCodeError(f"web/js/{module.path}: {name} is also declared in web/js/{owner[name]}; names are shared once joined")
            owner[name] = module.path
        for target, names in module.imports.items():
            missing = [name for name in names if name not in by_path[target].exported]
            if missing:
                raise BrowserCodeError(f"web/js/{module.path}: {target} does not export {', '.join(missing)}")


def script_for(src_uri: str) -> str:
    """The joined file the generated page ``src_uri`` (its path in the docs tree) loads."""
    return "coursekit-lessons.js" if src_uri.startswith(LESSON_PAGES) else "coursekit.js"


def joined_script(name: str = "coursekit.js") -> str:
    """The text of ``assets/coursekit/<name>``, one of ``BUNDLES``."""
    folder = source_folder()

    def read(path: str) -> str:
        file = folder.joinpath(*path.split("/"))
        if not file.is_file():
            raise FileNotFoundError(path)
        return file.read_text("utf-8")

    parts = [
        f"/* {name}: joined from the modules in coursekit/web/js/ (coursekit.site.browser_code); edit those. */",
        "(function () {",
        '"use strict";',
    ]
    for module in ordered_modules(read, BUNDLES[name]):
        parts.append(f"\n/* ---- {module.path} ---- */\n{module.body}")
    parts.append("})();\n")
    return "\n".join(parts)
