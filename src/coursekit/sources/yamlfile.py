"""YAML that remembers where every mapping, key and list item stood in the file."""

from __future__ import annotations

from pathlib import Path

import yaml

from coursekit.messages import t
from coursekit.problems import Problem
from coursekit.sources.reading import read_source


class MarkedDict(dict):
    """A mapping that knows its own line and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's C parser when PyYAML was built with it (it is, in the pinned wheels): the pure-Python
# scanner is the slow part of loading a large bank. Construction stays in Python, so the
# line-remembering constructors below work with either.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    def __init__(self, stream, path: str):
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> MarkedDict:
    loader.flatten_mapping(node)
    mapping = MarkedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            loader.problems.append(Problem(loader.path, line, t("yaml.bad_key")))
            continue
        key = str(key)
        if key in mapping:
            loader.problems.append(
                Problem(loader.path, line, t("yaml.duplicate_key", key=key, first=mapping.key_lines[key]))
            )
            continue
        if key in AS_WRITTEN_KEYS:
            mapping[key] = _as_written(value_node)
        else:
            mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


# Answers are kept exactly as the author typed them: YAML would turn an accepted blank answer
# "50.00" into the number 50.0, "1e3" into 1000.0 and "off" into False, so a learner typing
# what the author wrote would be marked wrong.
AS_WRITTEN_KEYS = frozenset({"answer"})


def _marked_list(items, node: yaml.SequenceNode) -> MarkedList:
    marked = MarkedList(items)
    marked.line = node.start_mark.line + 1
    marked.item_lines = [child.start_mark.line + 1 for child in node.value]
    return marked


def _as_written(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return _marked_list((_as_written(child) for child in node.value), node)
    mapping = MarkedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = str(_as_written(key_node))
        mapping[key] = _as_written(value_node)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode, deep: bool = False) -> MarkedList:
    return _marked_list((loader.construct_object(child, deep=True) for child in node.value), node)


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text ("2018-10-28"): authors mean the date as written, and text is what pages show.
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[object, list[Problem]]:
    """Parse ``text``; return (data, problems). A syntax error is a problem with its line, data None.

    ``line_offset`` shifts reported lines, for YAML embedded in another file (front matter).
    """
    loader = _Loader(text, path)
    try:
        node = loader.get_single_node()
        # An alias names an anchor (&name): without an "&" anywhere the file has none (most files).
        bomb = _alias_bomb(node) if "&" in text else None
        if bomb is not None:
            return None, [Problem(path, bomb.start_mark.line + 1 + line_offset, t("yaml.alias_bomb", limit=ALIAS_EXPANSION_SLACK))]
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        return None, [Problem(path, line_offset + 1, t("yaml.too_deep"))]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        detail = err.problem or err.context or ""
        return None, [Problem(path, line, t("yaml.syntax", detail=detail))]
    except yaml.YAMLError as err:  # pragma: no cover - other YAML errors carry no mark
        return None, [Problem(path, 0, t("yaml.syntax", detail=str(err)))]
    finally:
        loader.dispose()
    problems = loader.problems
    if line_offset:
        _shift_lines(data, line_offset)
        problems = [Problem(p.file, p.line + line_offset, p.message) for p in problems]
    return data, problems


# An alias repeats what its anchor holds: nine nested anchors of nine aliases each stand for 9**9
# values in a file of ten lines (an "alias bomb"), which took a minute and all the memory. A
# document may use aliases, but what they stand for may not exceed the document itself by more
# than this many values.
ALIAS_EXPANSION_SLACK = 10_000


def _alias_bomb(root: yaml.Node | None) -> yaml.Node | None:
    """The first node whose content, with every alias expanded, is far larger than the document
    (the nodes it really has); None when there is none. Linear in the document's nodes."""
    if root is None:
        return None
    expanded: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in expanded:
            continue
        children = _children(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in expanded)
            continue
        distinct += 1
        size = 1 + sum(expanded[id(child)] for child in children)
        expanded[id(node)] = size
        if size > 2 * distinct + ALIAS_EXPANSION_SLACK:
            return node
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _shift_lines(data: object, offset: int) -> None:
    if isinstance(data, MarkedDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, MarkedList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _shift_lines(value, offset)


def load_yaml_file(
    path: Path, shown_as: str, data: bytes | None = None, kind: str = "", root: Path | None = None
) -> tuple[object, list[Problem]]:
    """Read (``coursekit.sources.reading``: bounded by ``kind``, inside ``root``; ``data``: its
    bytes, already read) and parse a YAML file; an unreadable, oversized or non-UTF-8 file is a
    problem, not a crash."""
    text, problems = read_source(path, shown_as, kind, root, data)
    if text is None:
        return None, problems
    return parse_yaml(text, shown_as)
