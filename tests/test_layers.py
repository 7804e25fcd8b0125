"""The engine's layers, read from the imports of every module (``ast``, nothing is imported).

A module imports from its own layer or a lower one, never a higher one:

    core       problems, messages, model, numerals, edition, draw, check, currency: the model and
               its rules
    sources    sources/: reading author files into the model
    support    office/: writing Word and Excel files, for the outputs
    outputs    site/, search/, papers/, exchange/, plans/, results/, review.py: what the model
               becomes
    runs       publish/, bench/: building, publishing and measuring whole sites
    adapters   adapters/: the one place that talks to MkDocs and its plugins
    commands   commands/, cli.py, __main__.py: the command line

and besides:

- only ``coursekit.adapters`` imports MkDocs, Material, mkdocs-static-i18n or ProperDocs, so a move
  to another generator is one new adapter;
- an output uses another output only through that package's own ``__init__`` (its public names,
  ``from coursekit.papers import make_variant``), never its modules;
- no module imports, even indirectly, a module that imports it.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import coursekit

PACKAGE = Path(coursekit.__file__).parent

LAYERS = [
    ("core", {"problems", "messages", "model", "numerals", "edition", "draw", "check", "currency", "__init__"}),
    ("sources", {"sources"}),
    ("support", {"office"}),
    ("outputs", {"site", "search", "papers", "exchange", "plans", "results", "review"}),
    ("runs", {"publish", "bench"}),
    ("adapters", {"adapters"}),
    ("commands", {"commands", "cli", "__main__"}),
]
OUTPUTS = LAYERS[3][1]
GENERATOR_PACKAGES = {"mkdocs", "material", "mkdocs_static_i18n", "properdocs"}


@lru_cache(maxsize=None)
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("coursekit",) + path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 2:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str) -> list[tuple[str, int]]:
    """What module ``name`` imports (any depth in the file, lazy imports too), with line numbers:
    coursekit modules resolved to the module (``from coursekit.site import text`` is
    ``coursekit.site.text``), other packages by their top name."""
    path = modules()[name]
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                # As Python does it: a name the package itself binds first, else its submodule.
                target = f"{base}.{alias.name}"
                is_module = target in modules() and alias.name not in bound_in_package(base)
                found.append((target if is_module else base, node.lineno))
    return found


@lru_cache(maxsize=None)
def bound_in_package(name: str) -> frozenset[str]:
    """The names a package's ``__init__`` binds at its top level (its public names)."""
    path = modules().get(name)
    if path is None or path.name != "__init__.py":
        return frozenset()
    names = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return frozenset(names)


def coursekit_imports(name: str) -> list[tuple[str, int]]:
    """The coursekit modules ``name`` imports, each once per line."""
    result = []
    for target, line in imports_of(name):
        while target not in modules() and "." in target:
            target = target.rpartition(".")[0]  # coursekit.site.text.html_text -> coursekit.site.text
        if target.startswith("coursekit") and target in modules() and target != name and (target, line) not in result:
            result.append((target, line))
    return result


def area(name: str) -> str:
    """``coursekit.site.pages`` -> ``site``; ``coursekit.model`` -> ``model``."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(name: str) -> int:
    for index, (_, areas) in enumerate(LAYERS):
        if area(name) in areas:
            return index
    raise AssertionError(f"{name}: in no layer; add {area(name)!r} to LAYERS in tests/test_layers.py and to docs/dev/architecture.md")


def where(name: str, line: int) -> str:
    return f"{modules()[name].relative_to(PACKAGE.parent)}:{line}"


def test_every_module_is_in_a_layer():
    for name in modules():
        layer(name)


def test_no_module_imports_from_a_higher_layer():
    wrong = [
        f"{where(name, line)}: {name} ({LAYERS[layer(name)][0]}) imports {target} ({LAYERS[layer(target)][0]})"
        for name in modules()
        for target, line in coursekit_imports(name)
        if layer(target) > layer(name)
    ]
    assert wrong == []


def test_only_the_adapters_import_mkdocs_and_its_plugins():
    wrong = [
        f"{where(name, line)}: imports {target}"
        for name in modules()
        if area(name) != "adapters"
        for target, line in imports_of(name)
        if target.split(".")[0] in GENERATOR_PACKAGES
    ]
    assert wrong == []


def test_outputs_use_each_other_only_through_their_public_names():
    wrong = [
        f"{where(name, line)}: imports {target}; import from coursekit.{area(target)} (its __init__) instead, adding the name there"
        for name in modules()
        if area(name) in OUTPUTS
        for target, line in coursekit_imports(name)
        if area(target) in OUTPUTS and area(target) != area(name) and target != f"coursekit.{area(target)}"
    ]
    assert wrong == []


def test_no_import_cycles():
    graph = {name: sorted({target for target, _ in coursekit_imports(name)}) for name in modules()}
    cycles = [group for group in strongly_connected(graph) if len(group) > 1]
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(sorted(group)) for group in cycles)


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def test_the_checks_see_a_cycle_a_wrong_layer_and_a_private_import():
    """The checks above are only worth something if they can fail: they would on these."""
    assert [sorted(g) for g in strongly_connected({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) if len(g) > 1] == [["a", "b", "c"]]
    assert layer("coursekit.site.pages") > layer("coursekit.sources.project") > layer("coursekit.model")
    assert layer("coursekit.commands.check") > layer("coursekit.adapters.mkdocs_plugin") > layer("coursekit.site.pages")
    assert any(target == "mkdocs.plugins" for target, _ in imports_of("coursekit.adapters.mkdocs_plugin"))
    assert ("coursekit.papers", 0)[0] in {t for t, _ in coursekit_imports("coursekit.site.print_pages")}
