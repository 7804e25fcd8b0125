"""Loaded source files kept between builds, so a rebuild reads again only the files that changed.

Authors rebuild many times a day, mostly after editing one lesson or one bank; reading and
checking the banks was the largest part of a build's own work (5,000 questions: 0.55 s of 0.7 s).
The cache is one pickle file under the project's ``.cache/`` (where Material's plugins keep
theirs too; ``coursekit.cachefile``). An entry is the loader's whole result, problems included,
keyed by the loader, the path shown in messages, the file's bytes and the message language. The
fingerprint of coursekit's own code and catalogues is stored with it: after an upgrade or an edit
to a loader, every entry is dropped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, TypeVar

from coursekit.cachefile import MISSING, KeptEntries, code_fingerprint
from coursekit.messages import current_lang

Result = TypeVar("Result")

CACHE_FILE = "loaded-sources.pickle"
# Relative to the project root; shared by `coursekit check`, `coursekit publish` and the plugin
# (its ``cache_dir`` option), so `scripts/build`'s check leaves the build little to read.
DEFAULT_DIR = ".cache/coursekit"


class LoadCache:
    """``load(loader, path, shown_as)`` returns ``loader(path, shown_as)``, from the cache when the
    file is unchanged. ``save()`` keeps the entries this build used, and only those."""

    def __init__(self, folder: Path | None):
        self.file = Path(folder) / CACHE_FILE if folder is not None else None
        self._entries = KeptEntries(self.file, code_fingerprint())
        self.hits = 0

    @classmethod
    def in_project(cls, root: Path, folder: str = DEFAULT_DIR) -> "LoadCache":
        """The cache of the project at ``root``, in ``folder`` (relative to it); "" for none."""
        return cls(Path(root) / folder if folder else None)

    def load(self, loader: Callable[[Path, str], Result], path: Path, shown_as: str) -> Result:
        if self.file is None:
            return loader(path, shown_as)
        try:
            content = Path(path).read_bytes()
        except OSError:
            return loader(path, shown_as)  # the loader reports it
        key = (loader.__module__, loader.__qualname__, shown_as, current_lang(), hashlib.sha256(content).hexdigest())
        result = self._entries.get(key)
        if result is MISSING:
            result = loader(path, shown_as)
            self._entries.keep(key, result)
        else:
            self.hits += 1
        return result

    def save(self) -> None:
        self._entries.save()
