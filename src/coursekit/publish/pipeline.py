"""``publish``: check, build, link-check, then switch; ``rollback``: switch back. Either the target
ends up serving a complete new release, or it is exactly as it was (see ``releases`` for why)."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

from coursekit.messages import t
from coursekit.publish.linkcheck import check_site_links
from coursekit.publish.releases import Busy, ReleaseStore, remove_path
from coursekit.sources.cache import LoadCache
from coursekit.site.urls import BASE_PATH_ENV, normalise_base_path
from coursekit.sources.project import load_project

BASE_PATH = re.compile(r"^[A-Za-z0-9._~/-]*$")
MIN_KEEP = 2
SHOWN_BUILD_LINES = 30
SHOWN_LINK_PROBLEMS = 50


class PublishError(Exception):
    """Publishing stopped; ``lines`` say why, in the user's language. The target is unchanged."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


# What builds the site: MkDocs, or ProperDocs (MkDocs 1.x continued by its maintainers; the same
# mkdocs.yml and plugins, the same site). The operators' guide says how to switch.
GENERATOR_ENV = "COURSEKIT_GENERATOR"
GENERATORS = ("mkdocs", "properdocs")


def generator() -> str:
    chosen = os.environ.get(GENERATOR_ENV, "").strip() or GENERATORS[0]
    return chosen if chosen in GENERATORS else GENERATORS[0]


def build_site(root: Path, out_dir: Path, base_path: str, inherit_fds: tuple[int, ...] = ()) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` (or ``properdocs build``) in its own process: the engine never
    imports MkDocs."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{BASE_PATH_ENV: base_path})
    # No --quiet: MkDocs 1.6 counts warnings for --strict through its log, and --quiet hides them
    # from that count, so `build --strict --quiet` passes a build with warnings.
    command = [sys.executable, "-m", generator(), "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(out_dir)]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, pass_fds=inherit_fds)


def _file_error(err: OSError) -> list[str]:
    path = err.filename or ""
    if err.errno == errno.ENOSPC or err.errno == errno.EDQUOT:
        return [t("publish.disk_full", path=path)]
    return [t("publish.os_error", path=path, detail=err.strerror or str(err))]


def _build_failure(result: subprocess.CompletedProcess, out_dir: Path) -> list[str]:
    if result.returncode < 0:
        return [t("publish.build_killed", signal=signal.Signals(-result.returncode).name)]
    output = (result.stdout + result.stderr).strip()
    lines = [t("publish.build_failed", code=result.returncode)] + output.splitlines()[-SHOWN_BUILD_LINES:]
    if f"[Errno {errno.ENOSPC}]" in output:
        lines.insert(0, t("publish.disk_full", path=out_dir.parent))
    return lines


def validate_options(base_path: str, keep: int) -> str:
    if not BASE_PATH.match(base_path) or ".." in base_path.split("/"):
        raise PublishError([t("publish.base_invalid", base=base_path)])
    if keep < MIN_KEEP:
        raise PublishError([t("publish.keep_too_small")])
    return normalise_base_path(base_path)


def publish(root: Path, target: Path, keep: int = 3, base_path: str = "/", say: Callable[[str], None] = print) -> str:
    """Publish the project at ``root`` to ``target``; return the new release's name."""
    root = Path(root).resolve()
    base_path = validate_options(base_path, keep)
    store = ReleaseStore(target)
    unchanged = t("publish.unchanged", target=store.target)
    if store.target.exists() and not store.target.is_dir():
        raise PublishError([t("publish.target_not_directory", target=store.target), unchanged])
    try:
        with store.locked():
            store.remove_leftovers()
            name = _check_build_switch(root, store, base_path, say, unchanged)
            try:
                pruned = store.prune(keep)
            except OSError:
                pruned = []  # the new release is live; an old one left behind is pruned next time
            if pruned:
                say(t("publish.pruned", names="、".join(pruned)))
    except Busy:
        raise PublishError([t("publish.busy", target=store.target), unchanged]) from None
    except OSError as err:  # the lock itself: no space for the lock file, a read-only folder
        raise PublishError(_file_error(err) + [unchanged]) from None
    say(t("publish.done", target=store.target, release=name))
    return name


def _check_build_switch(root: Path, store: ReleaseStore, base_path: str, say, unchanged: str) -> str:
    say(t("publish.step_check"))
    _, problems = load_project(root, cache=LoadCache.in_project(root))
    if problems:
        raise PublishError([t("publish.check_failed", count=len(problems))] + [str(p) for p in problems] + [unchanged])
    staging = store.staging_dir()
    stored = None
    try:
        say(t("publish.step_build"))
        # The build inherits the lock, so a killed publish cannot be cleaned up under its build.
        result = build_site(root, staging, base_path, inherit_fds=(store.lock_fd,))
        if result.returncode != 0:
            raise PublishError(_build_failure(result, staging) + [unchanged])
        if not (staging / "index.html").is_file():
            raise PublishError([t("publish.empty_build"), unchanged])
        say(t("publish.step_links"))
        report = check_site_links(staging, base_path)
        if report.errors:
            shown = [str(p) for p in report.errors[:SHOWN_LINK_PROBLEMS]]
            raise PublishError([t("publish.links_failed", count=len(report.errors))] + shown + [unchanged])
        if report.external:
            say(t("links.external_count", count=len(report.external)))
            for problem in report.external:
                say(f"  {problem}")
        say(t("publish.step_switch"))
        adopt_as = store.new_release_name() if store.target_is_real_folder() else None
        name = store.new_release_name(after=adopt_as)
        stored = store.store(staging, name)
        # Flush the new files to disk before the switch: after a power cut the link must not
        # point at files the filesystem had not written yet.
        os.sync()
        store.activate(name, adopt_as)
        stored = None  # live now: never remove it below
        if adopt_as:
            say(t("publish.adopted", release=adopt_as))
        return name
    except OSError as err:
        raise PublishError(_file_error(err) + [unchanged]) from None
    finally:
        remove_path(staging)
        if stored is not None:
            remove_path(stored)


def rollback(target: Path, say: Callable[[str], None] = print) -> str:
    """Point ``target`` at the release before the current one; return its name."""
    store = ReleaseStore(target)
    unchanged = t("publish.unchanged", target=store.target)
    try:
        with store.locked():
            store.remove_leftovers()  # a release stored but never served is no rollback target
            current = store.current()
            if current is None:
                raise PublishError([t("publish.not_managed", target=store.target, releases=store.releases_dir)])
            previous = store.previous()
            if previous is None:
                raise PublishError([t("publish.no_previous", target=store.target, release=current)])
            store.activate(previous)
    except Busy:
        raise PublishError([t("publish.busy", target=store.target), unchanged]) from None
    except OSError as err:
        raise PublishError(_file_error(err) + [unchanged]) from None
    say(t("publish.rolled_back", target=store.target, release=previous))
    return previous
