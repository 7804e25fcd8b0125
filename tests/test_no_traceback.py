"""No input ends in a traceback: seeded random damage to every kind of source file and to every
import format. Each case either passes (and then every export, the paper and, for a few, the build
work) or is refused with file:line messages and a non-zero exit; nothing raises.

In-process through ``coursekit.cli.main`` so that a few hundred cases take seconds; the seeds
are fixed, so a failure is reproduced by its test id.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_mkdocs
from coursekit.cli import main
from coursekit.messages import t
from minisite import make_mini_project

SOURCES = [
    "quizzes/jichu.yml",
    "quizzes/papers/ceshi.yml",
    "courses/jichu/course.yml",
    "courses/jichu/dahui.md",
    "citations/tiaoli.yml",
    "courses/jichu/dahui.en.md",
    "quizzes/jichu.en.yml",
]
EN_LESSON = "---\ntitle: Meeting\nobjectives: [Know the rule]\n---\n\nThe meeting is held quarterly [@tiaoli-11].\n\n## Voting\n\nText.\n"
EN_BANK = (
    "bank: jichu\ntitle: Test bank\nquestions:\n"
    "  - id: jc-001\n    stem: How often?\n    options: [Monthly, Quarterly]\n    explanation: Quarterly.\n"
    "  - id: jc-004\n    stem: Once a ___.\n    answer: [[month]]\n    explanation: Monthly.\n"
)
# Pieces that broke loaders before: YAML special values, anchors and aliases, control and
# invisible characters, brackets, look-alikes, huge numbers, tabs, BOMs, markup.
PIECES = [
    ".nan", ".inf", "-.inf", "1e999", "99999999999999999999999", "[]", "{}", "[[]]", "~", "null", "&a [1]", "*a", "*nope",
    "\x00", "\x07", "\x1b", "\u200b", "\ufeff", "\t", "\r", "\ud7ff", "???", "{{ x }}", "- ", ": ", "---", "```", "<!--", "-->",
    "<img src=x onerror=alert(1)>", "[@no-such-key]", "［@tiaoli-11］", "[@t\u0456aoli-11]", "'", '"', "\\", "!!python/object:os.system",
    "!!binary AAAA", "?", "|", ">", "%YAML 1.1", "\n  - ", "\n    ", "　", "Ω" * 50, "[" * 200, "{" * 200,
]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        at = rng.randrange(len(lines)) if lines else 0
        if kind == 0 and lines:
            del lines[at]
        elif kind == 1 and lines:
            lines.insert(at, lines[at])
        elif kind == 2 and lines:
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + rng.choice(PIECES) + line[cut:]
        elif kind == 3 and lines:
            piece = rng.choice(PIECES)
            lines[at] = re.sub(r":\s.*$", lambda _: ": " + piece, lines[at]) if ":" in lines[at] else piece
        elif kind == 4:
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif kind == 5 and lines:
            lines[at] = "\t" + lines[at] if rng.random() < 0.5 else lines[at].lstrip()
        else:
            lines.insert(at, rng.choice(PIECES))
    return "\n".join(lines)


def run(*argv: str) -> tuple[int, str]:
    """``coursekit ARGV`` in this process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse
            code = exit_.code
    return code, out.getvalue() + err.getvalue()


PROBLEM_LINE = re.compile(r"^[\w./-]+\.(yml|md|xlsx|csv|gift|txt|xml|docx):(\d+:)? ", re.M)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("fuzz-base") / "project")
    (project / "courses/jichu/dahui.en.md").write_text(EN_LESSON, "utf-8")
    (project / "quizzes/jichu.en.yml").write_text(EN_BANK, "utf-8")
    code, output = run("check", "--root", str(project))
    assert code == 0, output
    return project


CASES = list(range(120))


@pytest.mark.parametrize("seed", CASES)
def test_damaged_sources_are_refused_or_work(base, tmp_path, seed):
    rng = random.Random(seed)
    project = Path(shutil.copytree(base, tmp_path / "project"))
    damaged = rng.sample(SOURCES, rng.choice([1, 1, 1, 2]))
    for name in damaged:
        path = project / name
        path.write_bytes(mutate(path.read_text("utf-8"), rng).encode("utf-8", "surrogatepass"))
    code, output = run("check", "--root", str(project))
    assert code in (0, 1), output
    if code == 1:
        # Every problem names its file (and line, where there is one); nothing else is printed but the summary.
        summaries = {t("cli.check_failed", count=n) for n in range(200)} | {t("cli.advice_count", count=n) for n in range(200)}
        listed = [line for line in output.splitlines() if line and line not in summaries]
        assert listed and all(PROBLEM_LINE.match(line) or "（提示）" in line for line in listed), output
        return
    # Accepted: every export and the paper work on it.
    for name, extension in (("xlsx", "xlsx"), ("csv", "csv"), ("gift", "gift"), ("aiken", "txt"), ("moodle", "xml")):
        code, output = run("export", str(project / "quizzes/jichu.yml"), "-o", str(tmp_path / f"out.{extension}"), "--root", str(project), "--force")
        assert code in (0, 1), output
    code, output = run("paper", "ceshi", "--variants", "A,B", "-o", str(tmp_path / "papers"), "--root", str(project))
    assert code in (0, 1), output


@pytest.mark.parametrize("seed", range(3))
def test_the_build_stops_with_file_and_line_or_builds(base, tmp_path, seed):
    """The build of a damaged project: stopped with the check's file:line messages, or built."""
    rng = random.Random(1000 + seed)
    project = Path(shutil.copytree(base, tmp_path / "project"))
    path = project / rng.choice(SOURCES)
    path.write_text(mutate(path.read_text("utf-8"), rng), "utf-8", errors="surrogatepass")
    checked, output = run("check", "--root", str(project))
    result = run_mkdocs(project, tmp_path / "site")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert (result.returncode == 0) == (checked == 0), output + result.stderr[-3000:]
    if checked:
        assert PROBLEM_LINE.search(result.stderr), result.stderr[-3000:]


IMPORT_FORMATS = [("xlsx", "xlsx"), ("csv", "csv"), ("gift", "gift"), ("aiken", "txt"), ("moodle", "xml")]


@pytest.fixture(scope="module")
def exported(base, tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("exported")
    files = {}
    for fmt, extension in IMPORT_FORMATS:
        out = folder / f"bank.{extension}"
        code, output = run("export", str(base / "quizzes/jichu.yml"), "-o", str(out), "--format", fmt, "--root", str(base))
        assert code == 0, output
        files[fmt] = out.read_bytes()
    return files


def mutate_bytes(data: bytes, rng: random.Random, fmt: str) -> bytes:
    if fmt == "xlsx":  # a workbook is a zip: damage its bytes, or its cells through openpyxl
        if rng.random() < 0.3:
            data = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            return bytes(data)
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.active
        for _ in range(rng.randint(1, 6)):
            cell = sheet.cell(rng.randint(1, sheet.max_row + 1), rng.randint(1, sheet.max_column + 1))
            piece = rng.choice(PIECES + [None, 3.5, -1, 10**20, float("nan")])
            try:
                cell.value = piece
            except Exception:  # openpyxl refuses control characters itself
                cell.value = "x"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    text = data.decode("utf-8")
    return mutate(text, rng).encode("utf-8", "surrogatepass") if rng.random() < 0.9 else data[: rng.randrange(len(data))]


@pytest.mark.parametrize("fmt", [f for f, _ in IMPORT_FORMATS])
@pytest.mark.parametrize("seed", range(12))
def test_damaged_imports_are_refused_or_work(base, exported, tmp_path, fmt, seed):
    rng = random.Random(f"{fmt}-{seed}")
    extension = dict(IMPORT_FORMATS)[fmt]
    source = tmp_path / f"in.{extension}"
    source.write_bytes(mutate_bytes(exported[fmt], rng, fmt))
    code, output = run("import", str(source), "-o", str(tmp_path / "out.yml"), "--format", fmt, "--root", str(base), "--bank", "fuzz", "--force")
    assert code in (0, 1), output
    if code == 1:
        assert re.search(r"in\.\w+(:\d+)?: ", output) or "已停止" in output or "没有" in output, output
