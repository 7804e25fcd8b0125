"""Loaded source files kept between builds, so a rebuild parses again only the files that changed.

Authors rebuild many times a day, mostly after editing one lesson or one bank, and reading and
checking the banks is the largest part of the engine's own work in a build. An entry is a
loader's whole result, problems included, keyed by the loader, the path shown in messages, the
message language and a digest of the file's bytes; the loader parses those very bytes, so a save
between hashing and parsing can never store new text under the old key.

The cache is one JSON file under the project's ``.cache/``, beside Material's own caches. What is read back is data, never code: entries hold only coursekit's model classes
(``coursekit.model``, ``coursekit.problems.Problem``), lists, dicts and plain values. Every entry
carries the SHA-256 of its own text and is parsed from the very text that was checked, so a
damaged entry is dropped (with one line of information) instead of shipping wrong lesson text.
A file that is not ours, or not readable, is no cache; a change to coursekit's code or
catalogues (the fingerprint) drops every entry. None of this depends on MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from coursekit import model
from coursekit.messages import current_lang, t
from coursekit.problems import Problem

Result = TypeVar("Result")

CACHE_FILE = "loaded-sources.json"
FORMAT = "coursekit loaded sources 1"
# Relative to the project root; shared by `coursekit check`, `coursekit publish` and the plugin
# (its ``cache_dir`` option), so `scripts/build`'s check leaves the build little to read.
DEFAULT_DIR = ".cache/coursekit"

# The only classes an entry may name: data classes without behaviour on construction.
_CLASSES = {cls.__name__: cls for cls in (*(c for c in vars(model).values() if dataclasses.is_dataclass(c) and isinstance(c, type)), Problem)}
# Each one's field names, which an entry must give exactly.
_FIELDS = {name: {f.name for f in dataclasses.fields(cls)} for name, cls in _CLASSES.items()}


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """A digest of coursekit's Python files and message catalogues, and of the Python and PyYAML
    versions. Where the package's files cannot be listed, a value of this process alone: nothing
    cached by another process is then trusted."""
    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}".encode())
    package = Path(str(resources.files("coursekit")))
    files = sorted(path for path in package.rglob("*") if path.suffix in (".py", ".yml") and path.is_file())
    if not files:
        return f"unlisted-{os.getpid()}-{os.urandom(8).hex()}"
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class NotCacheable(TypeError):
    """A loader result holding something other than model classes and plain data."""


def to_data(value, _seen: dict[int, int] | None = None):
    """``value`` as JSON-ready data: model objects as ``{"class": name, "fields": {...}}``, and an
    object met again as ``{"same": n}`` (the n-th object met), so that what was one object (a
    case and its questions' ``case``) is one object again when read back."""
    seen = {} if _seen is None else _seen
    if value is None or isinstance(value, (bool, int, float, str)):
        return value if type(value) in (bool, int, float, str, type(None)) else _plain(value)
    if isinstance(value, list):
        return [to_data(item, seen) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [to_data(item, seen) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[to_data(key, seen), to_data(item, seen)] for key, item in value.items()]}
    if dataclasses.is_dataclass(value) and _CLASSES.get(type(value).__name__) is type(value):
        if id(value) in seen:
            return {"same": seen[id(value)]}
        seen[id(value)] = len(seen)
        return {"class": type(value).__name__, "fields": {f.name: to_data(getattr(value, f.name), seen) for f in dataclasses.fields(value)}}
    raise NotCacheable(type(value).__qualname__)


def _plain(value):
    """A subclass of a plain type (a YAML string that remembers its line, say) as the plain value."""
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    raise NotCacheable(type(value).__qualname__)


def from_data(data, _made: list | None = None):
    """The value ``to_data`` described; ValueError for anything else."""
    made = [] if _made is None else _made
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [from_data(item, made) for item in data]
    if not isinstance(data, dict):
        raise ValueError("not an entry of this cache")
    # The one or two keys of each kind of dict that to_data writes, and nothing else.
    if len(data) == 1 and isinstance(data.get("tuple"), list):
        return tuple(from_data(item, made) for item in data["tuple"])
    if len(data) == 1 and isinstance(data.get("dict"), list):
        return {from_data(key, made): from_data(item, made) for key, item in data["dict"]}
    if len(data) == 1 and type(data.get("same")) is int and 0 <= data["same"] < len(made):
        if made[data["same"]] is None:
            raise ValueError("an object inside itself")
        return made[data["same"]]
    if len(data) == 2 and data.get("class") in _CLASSES and isinstance(data.get("fields"), dict):
        name, fields = data["class"], data["fields"]
        if fields.keys() != _FIELDS[name]:
            raise ValueError(f"fields of {name}")
        number = len(made)
        made.append(None)  # numbered as met, as to_data numbered them
        made[number] = _CLASSES[name](**{field: from_data(item, made) for field, item in fields.items()})
        return made[number]
    raise ValueError("not an entry of this cache")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _report(message: str) -> None:
    print(message, file=sys.stderr)


class LoadCache:
    """``load(loader, path, shown_as)`` returns ``loader(path, shown_as, data=<the file's bytes>)``,
    from the cache when those bytes were loaded before. ``save()`` keeps the entries this build
    used, and only those, so the file never outgrows the project. ``report`` receives the one line
    said about a damaged cache (default: standard error)."""

    def __init__(self, folder: Path | None, report: Callable[[str], None] = _report):
        self.file = Path(folder) / CACHE_FILE if folder is not None else None
        self.report = report
        self.hits = 0
        self._stored: dict[str, str] = self._read()  # key: the entry's JSON text, checked
        self._used: dict[str, str] = {}

    @classmethod
    def in_project(cls, root: Path, folder: str = DEFAULT_DIR, report: Callable[[str], None] = _report) -> "LoadCache":
        """The cache of the project at ``root``, in ``folder`` (relative to it); "" for none."""
        return cls(Path(root) / folder if folder else None, report)

    def _read(self) -> dict[str, str]:
        if self.file is None:
            return {}
        try:
            raw = self.file.read_bytes()
        except OSError:
            return {}  # none yet, or unreadable: built without
        try:
            document = json.loads(raw.decode("utf-8"))
            if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("entries"), dict):
                raise ValueError
        except ValueError:
            self.report(t("cache.dropped_file", file=self.file))
            return {}
        if document.get("fingerprint") != code_fingerprint():
            return {}  # made by another version of coursekit: quietly out of date
        entries, damaged = {}, 0
        for key, entry in document["entries"].items():
            if isinstance(entry, dict) and isinstance(entry.get("text"), str) and entry.get("sha256") == _digest(entry["text"]):
                entries[key] = entry["text"]
            else:
                damaged += 1
        if damaged:
            self.report(t("cache.dropped_entries", file=self.file, count=damaged))
        return entries

    def next_build(self) -> "LoadCache":
        """This cache for another build in the same process (the preview's): the entries saved
        stay in memory, so the file is not read and checked again. They stay true, being keyed by
        the bytes loaded; what the next build uses is again all it keeps."""
        self._used = {}
        self.hits = 0
        return self

    def load(self, loader: Callable[..., Result], path: Path, shown_as: str) -> Result:
        if self.file is None:
            return loader(path, shown_as)
        try:
            content = Path(path).read_bytes()
        except OSError:
            return loader(path, shown_as)  # the loader reports it
        key = hashlib.sha256(
            f"{loader.__module__}.{loader.__qualname__}\0{shown_as}\0{current_lang()}\0".encode("utf-8", "surrogatepass") + content
        ).hexdigest()
        text = self._stored.get(key)
        if text is not None:
            try:
                result = from_data(json.loads(text))
            except (ValueError, TypeError):
                self.report(t("cache.dropped_entries", file=self.file, count=1))
                del self._stored[key]
            else:
                self.hits += 1
                self._used[key] = text
                return result
        result = loader(path, shown_as, data=content)
        try:
            self._used[key] = json.dumps(to_data(result), ensure_ascii=False, separators=(",", ":"))
        except NotCacheable:
            pass  # loaded every time, as without a cache
        return result

    def save(self) -> None:
        if self.file is None or self._used == self._stored:
            return
        document = {
            "format": FORMAT,
            "fingerprint": code_fingerprint(),
            "entries": {key: {"sha256": _digest(text), "text": text} for key, text in self._used.items()},
        }
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=f".{self.file.stem}-")
        except OSError:
            return  # a read-only checkout: build without a cache
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.file)  # a build reading it meanwhile sees the old or the new file whole
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return
        self._stored = dict(self._used)
