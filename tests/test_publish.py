"""coursekit publish: the target serves either the previous complete build or the new one, whatever
goes wrong (bad content, failed build, broken links, SIGKILL mid-build, a full disk); rollback
switches back. Builds use the mini project so each takes seconds."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursekit.publish.pipeline import PublishError, publish, rollback
from coursekit.publish.releases import Busy, ReleaseStore
from minisite import make_mini_project

FAULTS = Path(__file__).resolve().parent / "faults"
UNCHANGED = "发布已停止"


def quiet(_line: str) -> None:
    pass


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return make_mini_project(tmp_path_factory.mktemp("mini") / "project")


@pytest.fixture(scope="module")
def first_release(mini, tmp_path_factory) -> Path:
    """A server folder after one good publish; each test works on its own copy."""
    srv = tmp_path_factory.mktemp("srv-template")
    publish(mini, srv / "peixun", say=quiet)
    return srv


@pytest.fixture
def srv(first_release, tmp_path) -> Path:
    copy = tmp_path / "srv"
    shutil.copytree(first_release, copy, symlinks=True)
    return copy


@pytest.fixture
def broken(mini, tmp_path) -> Path:
    """A copy of the mini project for one test to break."""
    return Path(shutil.copytree(mini, tmp_path / "broken"))


def served_index(target: Path) -> str:
    return (target / "index.html").read_text("utf-8")


def entries(srv: Path) -> set[str]:
    """Everything beside the target, except the lock file, and every release."""
    names = {p.name for p in srv.iterdir()} - {".peixun.lock"}
    return names | {f"releases/{n}" for n in ReleaseStore(srv / "peixun").releases()}


def assert_unchanged(srv: Path, before_index: str, before_entries: set[str], err: PublishError) -> None:
    assert served_index(srv / "peixun") == before_index
    assert entries(srv) == before_entries, "a failed publish left files behind"
    assert UNCHANGED in err.value.lines[-1]


# -- the happy paths ---------------------------------------------------------------------------


def test_first_publish_keeps_an_existing_folder_and_rollback_returns_to_it(mini, tmp_path):
    target = tmp_path / "srv" / "peixun"
    target.mkdir(parents=True)
    (target / "index.html").write_text("<p>旧网站</p>", "utf-8")
    lines: list[str] = []
    name = publish(mini, target, say=lines.append)
    assert target.is_symlink()
    assert os.readlink(target) == f"peixun.releases/{name}"  # relative: the folder can move
    assert "测试站点" in served_index(target)
    store = ReleaseStore(target)
    adopted, latest = store.releases()
    assert latest == name and adopted < name
    assert f"原有的网站目录已保存为版本 {adopted}，可以用 --rollback 回到它" in lines
    assert rollback(target, say=quiet) == adopted
    assert served_index(target) == "<p>旧网站</p>"
    with pytest.raises(PublishError) as err:
        rollback(target, say=quiet)
    assert "没有更早的版本可以回退" in err.value.lines[0]
    assert served_index(target) == "<p>旧网站</p>"


def test_second_publish_prunes_and_rollback_restores_the_first(mini, srv):
    # Through the command line, as an operator runs it.
    target = srv / "peixun"
    store = ReleaseStore(target)
    first, first_index = store.current(), served_index(target)
    old = [f"20000101-00000{i}-01" for i in range(3)]
    for name in old:
        shutil.copytree(store.releases_dir / first, store.releases_dir / name)
        store.mark_served(name)  # releases served long ago
    env = dict(os.environ, COURSEKIT_EDITION="第二版")
    command = [sys.executable, "-m", "coursekit", "publish", str(target), "--root", str(mini), "--keep", "2"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    second = store.current()
    assert second > first and store.releases() == [first, second]
    assert f"已删除旧版本：{'、'.join(old)}" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == f"发布完成：{target} → {second}。如需回到上一版：coursekit publish --rollback {target}"
    assert "第二版" in served_index(target) and "第二版" not in first_index
    result = subprocess.run([sys.executable, "-m", "coursekit", "publish", "--rollback", str(target)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"已回退：{target} → {first}"
    assert served_index(target) == first_index


# -- failures leave the target alone -----------------------------------------------------------


def test_failed_check_changes_nothing(broken, srv):
    lesson = broken / "courses/jichu/dahui.md"
    lesson.write_text(lesson.read_text("utf-8").replace("[@tiaoli-11]", "[@tiaoli-99]"), "utf-8")
    before = (served_index(srv / "peixun"), entries(srv))
    with pytest.raises(PublishError) as err:
        publish(broken, srv / "peixun", say=quiet)
    assert err.value.lines[0] == "内容检查发现 1 个问题："
    assert err.value.lines[1] == "courses/jichu/dahui.md:9: 引用了条文索引中没有的键“tiaoli-99”"
    assert_unchanged(srv, *before, err)


def test_failed_build_changes_nothing(broken, srv):
    # Passes `coursekit check` (docs pages are not content) but fails `mkdocs build --strict`.
    (broken / "docs/index.md").write_text("# 首页\n\n[不存在的页面](meiyou.md)\n", "utf-8")
    before = (served_index(srv / "peixun"), entries(srv))
    with pytest.raises(PublishError) as err:
        publish(broken, srv / "peixun", say=quiet)
    assert err.value.lines[0] == "构建失败（mkdocs 退出码 1）："
    assert any("meiyou.md" in line for line in err.value.lines)
    assert_unchanged(srv, *before, err)


def test_failed_link_check_changes_nothing_and_names_both_links(broken, srv):
    # Raw HTML links are not validated by MkDocs; only the link check catches them.
    page = broken / "docs/index.md"
    page.write_text(page.read_text("utf-8") + '\n<a href="#meiyou">甲</a> <a href="courses/meiyou/">乙</a>\n', "utf-8")
    before = (served_index(srv / "peixun"), entries(srv))
    with pytest.raises(PublishError) as err:
        publish(broken, srv / "peixun", say=quiet)
    # The English home page falls back to the Chinese one, so it carries the same two links.
    assert err.value.lines[:5] == [
        "构建结果的链接检查发现 4 个问题：",
        "en/index.html: 链接“#meiyou”指向的锚点“#meiyou”在 en/index.html 中不存在",
        "en/index.html: 链接“courses/meiyou/”指向的文件不存在",
        "index.html: 链接“#meiyou”指向的锚点“#meiyou”在 index.html 中不存在",
        "index.html: 链接“courses/meiyou/”指向的文件不存在",
    ]
    assert_unchanged(srv, *before, err)


def test_full_disk_during_the_build_changes_nothing(mini, srv, monkeypatch):
    # Simulated: a start-up hook in the mkdocs process makes its 5th file write raise ENOSPC.
    monkeypatch.setenv("PYTHONPATH", str(FAULTS))
    monkeypatch.setenv("COURSEKIT_TEST_FAULT", "enospc:5")
    before = (served_index(srv / "peixun"), entries(srv))
    with pytest.raises(PublishError) as err:
        publish(mini, srv / "peixun", say=quiet)
    assert err.value.lines[0] == f"磁盘空间不足：{srv}。请清理磁盘后重新发布"
    assert_unchanged(srv, *before, err)


def test_full_disk_at_the_switch_changes_nothing(mini, srv, monkeypatch):
    # Simulated by monkeypatching: creating the new link needs an inode and fails with ENOSPC.
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[1]))

    before = (served_index(srv / "peixun"), entries(srv))
    monkeypatch.setattr(os, "symlink", no_space)
    with pytest.raises(PublishError) as err:
        publish(mini, srv / "peixun", say=quiet)
    assert err.value.lines[0].startswith("磁盘空间不足：") and ".peixun.link-" in err.value.lines[0]
    assert_unchanged(srv, *before, err)


def wait_for_the_killed_build_to_exit(store: ReleaseStore) -> None:
    """The killed mkdocs child holds the inherited lock until the kernel has finished it off."""
    deadline = time.monotonic() + 10
    while True:
        try:
            with store.locked():
                return
        except Busy:
            assert time.monotonic() < deadline, "the killed build still holds the lock"
            time.sleep(0.05)


def test_sigkill_mid_build_keeps_the_old_site_and_the_next_run_cleans_up(mini, srv, tmp_path):
    target = srv / "peixun"
    before_index, before_entries = served_index(target), entries(srv)
    mark = tmp_path / "paused"
    env = dict(os.environ, PYTHONPATH=str(FAULTS), COURSEKIT_TEST_FAULT="pause:8", COURSEKIT_TEST_FAULT_MARK=str(mark))
    process = subprocess.Popen(
        [sys.executable, "-m", "coursekit", "publish", str(target), "--root", str(mini)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not mark.exists():
            assert process.poll() is None, "publish ended before the build reached the pause"
            assert time.monotonic() < deadline, "the build never reached the pause"
            time.sleep(0.05)
        staging = [p for p in srv.iterdir() if p.name.startswith(".peixun.new-")]
        assert len(staging) == 1 and any(staging[0].rglob("*.*")), "the build should be half-written now"
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # publish and its mkdocs child, like kill -9 or the OOM killer
        process.wait()
    assert served_index(target) == before_index
    wait_for_the_killed_build_to_exit(ReleaseStore(target))
    assert ReleaseStore(target).releases() == [n.split("/", 1)[1] for n in sorted(before_entries) if n.startswith("releases/")]
    # The next publish removes the half-written build and publishes normally.
    name = publish(mini, target, say=quiet)
    assert entries(srv) == before_entries | {f"releases/{name}"}
    assert ReleaseStore(target).current() == name


def test_a_second_publish_waits_for_the_first(mini, srv):
    store = ReleaseStore(srv / "peixun")
    before = (served_index(srv / "peixun"), entries(srv))
    with store.locked():
        with pytest.raises(PublishError) as err:
            publish(mini, srv / "peixun", say=quiet)
    assert err.value.lines[0] == f"另一个 coursekit publish 正在处理 {srv / 'peixun'}，请等它结束后再试"
    assert_unchanged(srv, *before, err)


def test_refuses_a_target_that_is_a_file(mini, tmp_path):
    target = tmp_path / "peixun"
    target.write_text("不是网站", "utf-8")
    with pytest.raises(PublishError) as err:
        publish(mini, target, say=quiet)
    assert "不是目录" in err.value.lines[0]
    assert target.read_text("utf-8") == "不是网站"


def test_rollback_refuses_a_folder_it_does_not_manage(tmp_path):
    target = tmp_path / "peixun"
    target.mkdir()
    with pytest.raises(PublishError) as err:
        rollback(target, say=quiet)
    assert "不是由 coursekit publish 管理的目录" in err.value.lines[0]
    assert target.is_dir() and not target.is_symlink()


def test_bad_options_are_refused_before_anything_happens(mini, tmp_path):
    with pytest.raises(PublishError) as err:
        publish(mini, tmp_path / "peixun", keep=1, say=quiet)
    assert err.value.lines == ["--keep 至少为 2（当前版本和上一版）"]
    with pytest.raises(PublishError) as err:
        publish(mini, tmp_path / "peixun", base_path="/a b/", say=quiet)
    assert "网站路径“/a b/”" in err.value.lines[0]
    assert list(tmp_path.iterdir()) == []


# -- releases: naming and pruning (no build needed) --------------------------------------------


def fake_releases(target: Path, names: list[str], current: str) -> ReleaseStore:
    store = ReleaseStore(target)
    for name in names:
        (store.releases_dir / name).mkdir(parents=True)
        (store.releases_dir / name / "index.html").write_text(name, "utf-8")
        store.mark_served(name)
    store.activate(current)
    return store


def test_prune_keeps_the_newest_the_current_and_the_one_before_it(tmp_path):
    names = [f"20260101-00000{i}-01" for i in range(6)]
    store = fake_releases(tmp_path / "peixun", names, current=names[1])
    assert store.prune(keep=2) == [names[2], names[3]]
    assert store.releases() == [names[0], names[1], names[4], names[5]]
    assert served_index(tmp_path / "peixun") == names[1]


def test_a_release_stored_but_never_served_is_cleared_and_never_a_rollback_target(mini, srv):
    """A publish killed between storing its build and switching to it (the window between
    ``store`` and ``activate``) leaves a release nobody ever saw."""
    target = srv / "peixun"
    store = ReleaseStore(target)
    first = store.current()
    second = publish(mini, target, say=quiet)
    staging = store.staging_dir()
    shutil.copytree(store.releases_dir / second, staging)
    never_served = store.store(staging, store.new_release_name())  # ... and then kill -9
    assert store.current() == second and never_served.name > second
    # The next rollback clears it and returns to the release served before the live one.
    assert rollback(target, say=quiet) == first
    assert not never_served.exists() and store.releases() == [first, second]
    # Killed again at the same point, then a publish: it is cleared, and --keep counts served releases only.
    store.activate(second)
    staging = store.staging_dir()
    shutil.copytree(store.releases_dir / second, staging)
    never_served = store.store(staging, store.new_release_name())
    third = publish(mini, target, keep=2, say=quiet)
    assert not never_served.exists()
    assert store.releases() == [second, third]  # first pruned; the never-served one neither kept nor counted
    assert never_served.name not in store.served()
    assert rollback(target, say=quiet) == second


def test_a_kill_after_the_switch_but_before_the_log_keeps_the_live_release(tmp_path):
    names = [f"20260101-00000{i}-01" for i in range(3)]
    store = fake_releases(tmp_path / "peixun", names[:2], current=names[1])
    (store.releases_dir / names[2]).mkdir()
    (store.releases_dir / names[2] / "index.html").write_text(names[2], "utf-8")
    temp = tmp_path / ".peixun.link-1"
    os.symlink(f"peixun.releases/{names[2]}", temp)
    os.replace(temp, tmp_path / "peixun")  # switched; killed before mark_served
    store.remove_leftovers()
    assert store.releases() == names and store.current() == names[2]
    assert store.previous() == names[1]


def test_new_release_names_sort_after_every_existing_one(tmp_path):
    store = fake_releases(tmp_path / "peixun", ["29991231-235959-98"], current="29991231-235959-98")
    assert store.new_release_name() == "29991231-235959-99"
    assert store.new_release_name(after="29991231-235959-99") == "30000101-000000-01"


def test_publish_does_not_import_mkdocs():
    # The engine never imports MkDocs: publish drives it as a subprocess.
    code = "import sys, coursekit.publish.pipeline, coursekit.commands.publish; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
