"""Releases beside the served folder, and the one atomic step that switches between them.

Layout, for ``coursekit publish /srv/coursekit/peixun``::

    /srv/coursekit/peixun            -> peixun.releases/20261127-093000-01   (a symlink)
    /srv/coursekit/peixun.releases/  one complete, link-checked build per folder
    /srv/coursekit/.peixun.lock      held while a publish or rollback runs
    /srv/coursekit/.peixun.new-<pid> the build in progress (never served)

Why a symlink switched with ``rename``: ``rename(2)`` replaces a name in one step, so the web
server opens either every file of the old release or every file of the new one, never a mix and
never a half-copied folder; a process killed at any point leaves the old link in place. Builds
go into a folder on the same filesystem so that moving them into ``releases/`` is a rename too.
Old releases stay until pruned, so a rollback is the same one-step switch.

Which releases were ever served is written in ``peixun.releases/.served``, one name a line, after
each switch. A publish killed between storing a release and switching to it leaves a release that
was never served: the next publish or rollback removes it (``remove_leftovers``), so it never
counts for ``--keep`` and ``--rollback`` never lands on it. A kill after the switch but before the
line is written is repaired the same way: the release the target points to was served.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

RELEASE_NAME = re.compile(r"^\d{8}-\d{6}-\d{2}$")
SERVED_LOG = ".served"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


class Busy(Exception):
    """Another publish or rollback holds the lock of this target."""


class ReleaseStore:
    def __init__(self, target: Path):
        self.target = Path(os.path.abspath(target))
        self.parent = self.target.parent
        name = self.target.name
        self.releases_dir = self.parent / f"{name}.releases"
        self.lock_path = self.parent / f".{name}.lock"
        self._leftover_prefixes = (f".{name}.new-", f".{name}.link-")
        self.lock_fd: int | None = None

    # -- the lock ---------------------------------------------------------------------------

    @contextmanager
    def locked(self):
        """Hold the target's lock. Child processes that inherit ``lock_fd`` keep it held even if
        this process is killed, so no second publish can clean up under a build still running."""
        self.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as err:
                raise Busy(str(self.target)) from err
            self.lock_fd = fd
            yield self
        finally:
            self.lock_fd = None
            os.close(fd)

    # -- paths -------------------------------------------------------------------------------

    def staging_dir(self) -> Path:
        return self.parent / f".{self.target.name}.new-{os.getpid()}"

    def releases(self) -> list[str]:
        """Release names, oldest first (names sort by time)."""
        if not self.releases_dir.is_dir():
            return []
        return sorted(p.name for p in self.releases_dir.iterdir() if RELEASE_NAME.match(p.name) and p.is_dir())

    def current(self) -> str | None:
        """The release the target points to, or None when the target is not one of our links."""
        if not self.target.is_symlink():
            return None
        link = Path(os.readlink(self.target))
        resolved = (self.parent / link) if not link.is_absolute() else link
        if resolved.parent != self.releases_dir or not RELEASE_NAME.match(resolved.name):
            return None
        return resolved.name

    def new_release_name(self, after: str | None = None) -> str:
        """A name later than every existing release and than ``after`` (even if the clock went back)."""
        floor = max(self.releases() + ([after] if after else []), default=None)
        name = f"{time.strftime(STAMP_FORMAT)}-01"
        if floor and name <= floor:
            stamp, seq = floor.rsplit("-", 1)
            name = f"{stamp}-{int(seq) + 1:02d}" if int(seq) < 99 else f"{_next_second(stamp)}-01"
        return name

    def target_is_real_folder(self) -> bool:
        return self.target.is_dir() and not self.target.is_symlink()

    # -- steps -------------------------------------------------------------------------------

    def served(self) -> list[str]:
        """Every release that was ever served, in the order served. Releases made before this log
        existed count as served: nothing tells them apart."""
        log = self.releases_dir / SERVED_LOG
        try:
            lines = log.read_text("utf-8").split()
        except FileNotFoundError:
            return self.releases()
        except OSError:
            return self.releases()  # unreadable: keep every release rather than guess
        return [line for line in lines if RELEASE_NAME.match(line)]

    def mark_served(self, name: str) -> None:
        """Note that ``name`` is served (written through to disk: a crash must not forget it)."""
        self.releases_dir.mkdir(exist_ok=True)
        log = self.releases_dir / SERVED_LOG
        if not log.exists():
            earlier = [n for n in self.releases() if n != name]  # served before the log existed
            _append_lines(log, earlier)
        _append_lines(log, [name])

    def remove_leftovers(self) -> list[Path]:
        """Builds and links left by a publish that was killed or ran out of disk, and releases
        stored but never served (killed before the switch). Safe under the lock: any process
        still writing them would still hold it."""
        removed = []
        for path in self.parent.iterdir():
            if path.name.startswith(self._leftover_prefixes):
                remove_path(path)
                removed.append(path)
        current = self.current()
        served = set(self.served())
        if current is not None and current not in served:
            self.mark_served(current)  # killed after the switch, before the log: it was served
            served.add(current)
        for name in self.releases():
            if name not in served:
                remove_path(self.releases_dir / name)
                removed.append(self.releases_dir / name)
        return removed

    def store(self, build_dir: Path, name: str) -> Path:
        """Move a finished build into ``releases/`` (a rename: same filesystem)."""
        self.releases_dir.mkdir(exist_ok=True)
        release = self.releases_dir / name
        os.rename(build_dir, release)
        return release

    def activate(self, name: str, adopt_as: str | None = None) -> None:
        """Point the target at release ``name`` in one atomic step. If the target is still a real
        folder (the first publish over a copied site), it is swapped for the link in the same step
        and kept as release ``adopt_as``."""
        link_text = os.path.relpath(self.releases_dir / name, self.parent)
        if self.target_is_real_folder():
            assert adopt_as, "a real folder at the target must be kept as a release"
            self._adopt_real_folder(link_text, self.releases_dir / adopt_as)
            self.mark_served(adopt_as)
            self.mark_served(name)
            return
        temp_link = self.parent / f".{self.target.name}.link-{os.getpid()}"
        remove_path(temp_link)
        os.symlink(link_text, temp_link)
        os.replace(temp_link, self.target)
        self.mark_served(name)

    def _adopt_real_folder(self, link_text: str, adopted: Path) -> None:
        os.symlink(link_text, adopted)
        if _exchange(adopted, self.target):
            return  # one step: the target is now the link, the old folder sits at releases/<adopted>
        # No renameat2 (not Linux, or a filesystem without RENAME_EXCHANGE): two renames, with a
        # moment in between where the target is missing; the old folder is never at risk.
        os.unlink(adopted)
        os.rename(self.target, adopted)
        temp_link = self.parent / f".{self.target.name}.link-{os.getpid()}"
        os.symlink(link_text, temp_link)
        os.replace(temp_link, self.target)

    def previous(self) -> str | None:
        """The newest release served before the current one (never one that was only stored)."""
        current = self.current()
        served = set(self.served())
        older = [name for name in self.releases() if current is not None and name < current and name in served]
        return older[-1] if older else None

    def prune(self, keep: int) -> list[str]:
        """Delete all but the ``keep`` newest served releases, never the current one nor its
        predecessor."""
        served = set(self.served())
        names = [name for name in self.releases() if name in served]
        current = self.current()
        protected = set(names[-keep:]) | {current, self.previous()}
        doomed = [name for name in names if name not in protected]
        for name in doomed:
            remove_path(self.releases_dir / name)
        return doomed


def _next_second(stamp: str) -> str:
    return time.strftime(STAMP_FORMAT, time.localtime(time.mktime(time.strptime(stamp, STAMP_FORMAT)) + 1))


def _append_lines(path: Path, lines: list[str]) -> None:
    if not lines:
        return
    with open(path, "a", encoding="utf-8") as log:
        log.write("".join(f"{line}\n" for line in lines))
        log.flush()
        os.fsync(log.fileno())


def remove_path(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
