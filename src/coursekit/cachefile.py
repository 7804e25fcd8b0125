"""A dictionary kept between builds in one pickle file: what the caches under ``.cache/coursekit/``
have in common (``coursekit.sources.cache`` for loaded sources, ``coursekit.adapters.rendered``
for converted Markdown, ``coursekit.adapters.search_entries`` for the search index's entries).

The file holds a fingerprint and the entries. Entries are trusted only under the same
fingerprint: the caller's digest of the code that made them. ``save()`` writes the entries this
build looked up or added, and only those, so the file never outgrows the project. A file that
cannot be read or written is no cache: the build only loses the time it would have saved.
Unpickling runs what the file says, so a cache is trusted as the project folder it lives in is
(its mkdocs.yml can already name code to run).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import yaml

MISSING = object()


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


def package_version(package: str) -> str:
    """``package`` and its installed version ("-" when not installed), for a cache key."""
    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package} -"


class KeptEntries:
    """The entries of ``file`` (None: keep nothing) made under ``fingerprint``."""

    def __init__(self, file: Path | None, fingerprint: str):
        self.file = Path(file) if file is not None else None
        self.fingerprint = fingerprint
        self._stored: dict = self._read()
        self._used: dict = {}

    def _read(self) -> dict:
        if self.file is None or not self.file.is_file():
            return {}
        try:
            with self.file.open("rb") as handle:
                fingerprint, entries = pickle.load(handle)
        except Exception:  # a damaged or foreign file is no cache
            return {}
        return entries if fingerprint == self.fingerprint else {}

    @property
    def enabled(self) -> bool:
        return self.file is not None

    def get(self, key):
        """The entry of ``key`` (kept at ``save()``), or ``MISSING``."""
        value = self._stored.get(key, MISSING)
        if value is not MISSING:
            self._used[key] = value
        return value

    def keep(self, key, value) -> None:
        self._used[key] = value

    def __contains__(self, key) -> bool:
        """Whether ``key`` has an entry, without counting it as used."""
        return key in self._stored

    def __len__(self) -> int:
        """How many entries were found in the file (or taken in)."""
        return len(self._stored)

    def made(self) -> dict:
        """The entries kept by this process that were not in the file."""
        return {key: value for key, value in self._used.items() if key not in self._stored}

    def take_in(self, entries: dict) -> None:
        """Entries made elsewhere (a child process) for this build, found by ``get`` as if read
        from the file; saved only if used."""
        for key, value in entries.items():
            self._stored.setdefault(key, value)

    def save(self) -> None:
        if self.file is None or self._used.keys() == self._stored.keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=f".{self.file.stem}-")
        except OSError:
            return  # a read-only checkout: build without a cache
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((self.fingerprint, self._used), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)  # a build reading it meanwhile sees the old or the new file whole
        except Exception:  # a full disk, or something that would not pickle: no cache this time
            Path(temporary).unlink(missing_ok=True)
            return
        self._stored = dict(self._used)
