"""The browser code's modules (src/coursekit/web/js/) joined into the one script the site ships:
the join keeps to its rules, refuses modules that break them, and gives a script a JavaScript
engine accepts."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from coursekit.site.browser_code import BUNDLES, BrowserCodeError, joined_script, ordered_modules, read_module, script_for, source_folder

MAX_LINES = 300  # a module a newcomer can read in one sitting


def modules_from(texts: dict[str, str]):
    def read(path):
        if path not in texts:
            raise FileNotFoundError(path)
        return texts[path]

    return ordered_modules(read)


def test_every_module_is_joined_after_the_modules_it_imports():
    folder = source_folder()
    on_disk = {p.relative_to(folder).as_posix() for p in _js_files(folder)}
    joined_somewhere = set()
    for entry in BUNDLES.values():
        modules = ordered_modules(lambda path: folder.joinpath(*path.split("/")).read_text("utf-8"), entry)
        joined = [m.path for m in modules]
        joined_somewhere |= set(joined)
        assert joined[-1] == entry
        for index, module in enumerate(modules):
            assert set(module.imports) <= set(joined[:index]), module.path
    assert joined_somewhere == on_disk, "a module no one imports is dead code: " + str(on_disk - joined_somewhere)


def test_course_and_lesson_pages_load_a_smaller_script_without_the_other_pages_components():
    full, lessons = joined_script("coursekit.js"), joined_script("coursekit-lessons.js")
    for component in ("components/lesson.js", "components/practice.js", "components/course-progress.js", "components/read-aloud.js"):
        assert f"/* ---- {component} ---- */" in full and f"/* ---- {component} ---- */" in lessons, component
    for component in ("components/exam.js", "components/notebook.js", "components/progress.js", "components/today.js"):
        assert f"/* ---- {component} ---- */" in full and f"/* ---- {component} ---- */" not in lessons, component
    assert len(lessons) < len(full) * 0.7
    assert script_for("courses/sanhui-yike/dangyuan-dahui.md") == script_for("courses/index.md") == "coursekit-lessons.js"
    assert {script_for(src) for src in ("index.md", "practice/sanhui-yike/index.md", "exams/sanhui-yike-ceshi.md", "notebook.md", "progress.md")} == {"coursekit.js"}


def test_modules_stay_small_and_pure_logic_stays_out_of_the_page():
    folder = source_folder()
    for path in _js_files(folder):
        text = path.read_text("utf-8")
        assert len(text.splitlines()) <= MAX_LINES, f"{path.name}: {len(text.splitlines())} lines"
        if path.parent.name == "logic":
            # node --test loads these without a browser: no page, no fetch, no page-side module.
            code = read_module(f"logic/{path.name}", text)
            assert all(target.startswith("logic/") for target in code.imports), path.name
            for forbidden in ("fetch(", "localStorage", "querySelector", "createElement", "addEventListener", "location."):
                assert forbidden not in code.body, f"logic/{path.name}: {forbidden}"


def test_the_joined_script_parses_and_runs_strict():
    node = shutil.which("node")
    assert node, "Node.js is needed for the browser code's tests (apt-get install nodejs)"
    for name in BUNDLES:
        script = joined_script(name)
        assert script.count('"use strict"') == 1 and "\nimport " not in script and "\nexport " not in script
        result = subprocess.run([node, "--check", "-"], input=script, capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stderr)


@pytest.mark.parametrize(
    "texts, message",
    [
        ({"main.js": 'import { a } from "./a.js";\n', "a.js": 'import { b } from "./main.js";\nexport function a() {}\n'}, "import cycle"),
        ({"main.js": 'import { a } from "./a.js";\nfunction a() {}\n', "a.js": "export function a() {}\n"}, "also declared"),
        ({"main.js": 'import { b } from "./a.js";\n', "a.js": "export function a() {}\n"}, "does not export b"),
        ({"main.js": 'import a from "./a.js";\n', "a.js": "export function a() {}\n"}, "one line"),
        ({"main.js": 'import {\n  a,\n} from "./a.js";\n', "a.js": "export function a() {}\n"}, "one line"),
        ({"main.js": 'import { a as b } from "./a.js";\n', "a.js": "export function a() {}\n"}, "no 'as'"),
        ({"main.js": "function a() {}\nexport { a };\n"}, "export only"),
        ({"main.js": "export default function () {}\n"}, "export only"),
        ({"main.js": 'import { a } from "./gone.js";\n'}, "missing module gone.js"),
    ],
)
def test_a_module_that_breaks_a_rule_is_refused_with_its_file_and_line(texts, message):
    with pytest.raises(BrowserCodeError, match=message) as caught:
        modules_from(texts)
    assert "web/js/" in str(caught.value)


def test_comments_that_fill_lines_are_left_out_and_code_is_kept():
    (module,) = modules_from({"main.js": "/* about\n * this */\nvar a = 1; // why\n// alone\n  /* one line */\nvar b = /\\/*/.test(a);\n"})
    assert module.body == "var a = 1; // why\nvar b = /\\/*/.test(a);"


def _js_files(folder):
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found.extend(_js_files(entry))
        elif entry.name.endswith(".js"):
            found.append(entry)
    return found
