"""Work started ahead in a forked child: the same result as in the caller, or computed there."""

from __future__ import annotations

import os
import threading

import pytest

from coursekit import parallel
from coursekit.parallel import Ahead


@pytest.fixture
def two_cores_one_thread(monkeypatch):
    # The test session may run threads of its own (the browser tests' web server): the forking
    # tests set them aside; the child only computes, pickles and writes to a pipe.
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    monkeypatch.setattr(parallel, "_other_threads", lambda: False)


def pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def fails(message: str):
    raise ValueError(message)


def test_the_work_runs_in_a_child_and_its_result_comes_back(two_cores_one_thread):
    ahead = Ahead(pid_and_square, 12)
    assert ahead.forked
    pid, square = ahead.result()
    assert square == 144 and pid != os.getpid()


def test_a_large_result_comes_back_whole(two_cores_one_thread):
    ahead = Ahead(lambda: {"page": "党员大会" * 2_000_000})  # far more than a pipe holds at once
    assert ahead.forked and ahead.result() == {"page": "党员大会" * 2_000_000}


def test_a_failing_child_leaves_the_work_to_the_caller_which_sees_the_error(two_cores_one_thread):
    ahead = Ahead(fails, "题库第3行有误")
    assert ahead.forked
    with pytest.raises(ValueError, match="题库第3行有误"):
        ahead.result()


def test_no_fork_while_other_threads_run_or_on_one_core(monkeypatch):
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        ahead = Ahead(pid_and_square, 3)
        assert not ahead.forked
        assert ahead.result() == (os.getpid(), 9)
    finally:
        stop.set()
        worker.join()
    monkeypatch.setattr(parallel, "_cores", lambda: 1)
    ahead = Ahead(pid_and_square, 4)
    assert not ahead.forked and ahead.result() == (os.getpid(), 16)


def test_the_plugin_loads_the_sources_in_a_child_while_the_other_plugins_configure(two_cores_one_thread, tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from coursekit.site.pages import build_site_files
    from coursekit.sources.project import load_project
    from minisite import make_mini_project

    project = make_mini_project(tmp_path / "project")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["coursekit"]
    config = config.plugins.on_config(config)
    assert plugin._ahead.forked
    loaded, problems = load_project(project)
    assert problems == [] and plugin._loaded[0] == loaded
    inline = build_site_files(loaded, lang="zh", directory_urls=True, edition=plugin._page_options(config, project, "zh").edition)
    assert plugin._site.files == inline.files and plugin._site.nav == inline.nav
    # The English pages are started in children of their own, collected when English is built.
    assert set(plugin._translations) == {"en"} and plugin._translations["en"].forked
    assert plugin._translations["en"].result().site.files.keys() == inline.files.keys()
