"""Loaded source files kept between builds, so a rebuild reads again only the files that changed.

Authors rebuild many times a day, mostly after editing one lesson or one bank; reading and
checking the banks was the largest part of a build's own work (5,000 questions: 0.55 s of 0.7 s).
The cache is one pickle file under the project's ``.cache/`` (where Material's plugins keep
theirs too). An entry is the loader's whole result, problems included, keyed by the loader, the
path shown in messages, the file's bytes and the message language. The fingerprint of
coursekit's own code and catalogues is stored with it: after an upgrade or an edit to a loader,
every entry is dropped. A cache that cannot be read or written is ignored: the build only loses
the time it would have saved. Unpickling runs what the file says, so the cache is trusted as the
project folder it lives in is (its mkdocs.yml can already name code to run).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from coursekit.messages import current_lang

Result = TypeVar("Result")

CACHE_FILE = "loaded-sources.pickle"
# Relative to the project root; shared by `coursekit check`, `coursekit publish` and the plugin
# (its ``cache_dir`` option), so `scripts/build`'s check leaves the build little to read.
DEFAULT_DIR = ".cache/coursekit"


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


class LoadCache:
    """``load(loader, path, shown_as)`` returns ``loader(path, shown_as)``, from the cache when the
    file is unchanged. ``save()`` keeps the entries this build used, and only those."""

    def __init__(self, folder: Path | None):
        self.file = Path(folder) / CACHE_FILE if folder is not None else None
        self._stored: dict = self._read()
        self._used: dict = {}
        self.hits = 0

    @classmethod
    def in_project(cls, root: Path, folder: str = DEFAULT_DIR) -> "LoadCache":
        """The cache of the project at ``root``, in ``folder`` (relative to it); "" for none."""
        return cls(Path(root) / folder if folder else None)

    def _read(self) -> dict:
        if self.file is None or not self.file.is_file():
            return {}
        try:
            with self.file.open("rb") as handle:
                fingerprint, entries = pickle.load(handle)
        except Exception:  # a damaged or foreign file is no cache
            return {}
        return entries if fingerprint == code_fingerprint() else {}

    def load(self, loader: Callable[[Path, str], Result], path: Path, shown_as: str) -> Result:
        if self.file is None:
            return loader(path, shown_as)
        try:
            content = Path(path).read_bytes()
        except OSError:
            return loader(path, shown_as)  # the loader reports it
        key = (loader.__module__, loader.__qualname__, shown_as, current_lang(), hashlib.sha256(content).hexdigest())
        if key in self._stored:
            self.hits += 1
            result = self._stored[key]
        else:
            result = loader(path, shown_as)
        self._used[key] = result
        return result

    def save(self) -> None:
        if self.file is None or self._used.keys() == self._stored.keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=".loaded-")
        except OSError:
            return  # a read-only checkout: build without a cache
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((code_fingerprint(), self._used), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)  # a build reading it meanwhile sees the old or the new file whole
        except Exception:  # a full disk, or something that would not pickle: no cache this time
            Path(temporary).unlink(missing_ok=True)
            return
        self._stored = dict(self._used)

