"""Work started in a child process while the caller goes on with something else.

A build spends its first second in two independent things: the search plugin loads jieba's
dictionary, and coursekit loads the sources and generates the pages. ``Ahead`` runs the second
in a forked child so the two share the machine's cores; ``result()`` collects it. Later, the
search index's entries are made the same way while the page templates are rendered
(``coursekit.adapters.search_entries``).

Whenever a child cannot help, the work is done in the caller instead, when ``result()`` asks:
without ``os.fork`` (Windows), on one core, when other threads run (``mkdocs serve``'s server:
a fork copies only the calling thread, and locks the others hold would stay locked), and when
the child fails in any way. The result is then the same, only not earlier.
"""

from __future__ import annotations

import os
import pickle
import threading
from typing import Callable, Generic, TypeVar

Result = TypeVar("Result")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _other_threads() -> bool:
    return threading.active_count() > 1


def can_fork() -> bool:
    return hasattr(os, "fork") and _cores() > 1 and not _other_threads()


_COMPUTE_HERE = object()


class Ahead(Generic[Result]):
    """``function(*args)``, computed in a forked child when that can help. With ``otherwise``,
    a child that could not help gives that value instead of the work done in the caller (for
    work that only saves time, and that the caller does anyway where it has no result)."""

    def __init__(self, function: Callable[..., Result], *args, otherwise=_COMPUTE_HERE) -> None:
        self._call = (function, args)
        self._otherwise = otherwise
        self._pid = 0
        self._reader = -1
        self.forked = False  # whether a child took the work (it may still have failed at it)
        if not can_fork():
            return
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
            os.close(reader)
            status = 1
            try:
                data = pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        self._pid, self._reader, self.forked = pid, reader, True

    def result(self) -> Result:
        if self._pid:
            with os.fdopen(self._reader, "rb") as handle:
                data = handle.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
            if os.waitstatus_to_exitcode(status) == 0:
                try:
                    return pickle.loads(data)
                except Exception:
                    pass  # computed again below
        if self._otherwise is not _COMPUTE_HERE:
            return self._otherwise
        function, args = self._call
        return function(*args)
