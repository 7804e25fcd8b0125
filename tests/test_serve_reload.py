"""The author's preview (`scripts/serve`, i.e. ``mkdocs serve --dirty``) shows every edit without a
restart and never leaves a stale page: after a lesson edit only that page is built again, and after
a bank, citation or course edit or a renamed lesson everything is; either way the site served is
the one a fresh build makes of the same sources."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest

from conftest import copy_project
from coursekit.bench.preview import Preview, fetch, wait_for
from minisite import make_mini_project

BUILDER = Path(__file__).parent / "preview_builder.py"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), "utf-8")


def status(url: str) -> int:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_serve_shows_a_lesson_a_bank_a_citation_edit_and_a_renamed_lesson(tmp_path):
    project = make_mini_project(tmp_path / "p")
    with Preview(project, log=tmp_path / "serve.log") as preview:
        lesson_url = preview.url("courses/jichu/dahui/")
        assert wait_for(lesson_url, "表决怎么算", 180) is not None, (tmp_path / "serve.log").read_text("utf-8")

        edit(project / "courses/jichu/dahui.md", "分母是应到会的有表决权党员。", "分母是应到会的有表决权的正式党员。")
        assert wait_for(lesson_url, "有表决权的正式党员", 120) is not None
        assert "正式党员" in fetch(preview.url("search/coursekit-index.json")).replace("\u200b", "")

        edit(project / "quizzes/jichu.yml", "党员大会一般多久召开一次？", "党员大会一般隔多久召开一次？")
        assert wait_for(lesson_url, "一般隔多久召开一次", 120) is not None
        practice = fetch(preview.url("practice/jichu/"))
        assert "一般隔多久召开一次" in practice and "一般多久召开一次" not in practice

        edit(project / "citations/tiaoli.yml", "一般每季度召开1次。", "一般每个季度召开1次。")
        assert wait_for(preview.url("citations/"), "一般每个季度召开1次", 120) is not None
        assert "一般每个季度召开1次" in fetch(lesson_url)  # the lesson's sources list

        # A renamed lesson: its new address serves it, the old one is gone, and the course page
        # and the lesson before it lead to the new one.
        (project / "courses/jichu/zhiweihui.md").rename(project / "courses/jichu/zhiwei-huiyi.md")
        edit(project / "courses/jichu/course.yml", "file: zhiweihui.md", "file: zhiwei-huiyi.md")
        edit(project / "quizzes/jichu.yml", "lesson: jichu/zhiweihui\n", "lesson: jichu/zhiwei-huiyi\n")
        assert wait_for(preview.url("courses/jichu/zhiwei-huiyi/"), "支委会会议一般每月召开1次", 120) is not None
        assert status(preview.url("courses/jichu/zhiweihui/")) == 404
        assert "zhiwei-huiyi/" in fetch(preview.url("courses/jichu/"))
        assert "zhiwei-huiyi/" in fetch(lesson_url) and "zhiweihui/" not in fetch(lesson_url)

        # A page of docs/ and mkdocs.yml, which the preview watches through a watcher of its own
        # (it looks more often than MkDocs's): both still rebuild the site.
        edit(project / "docs/index.md", "# 测试站点", "# 测试站点首页")
        assert wait_for(preview.url(""), "测试站点首页", 120) is not None
        config = (project / "mkdocs.yml").read_text("utf-8")
        site_name = re.search(r"^site_name: (.+)$", config, re.M).group(1)
        edit(project / "mkdocs.yml", f"site_name: {site_name}", "site_name: 改过名的培训站")
        assert wait_for(lesson_url, "改过名的培训站", 120) is not None


class Builder:
    """The preview's builds of ``project`` into ``site``, one per ``build()``."""

    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        self.process = subprocess.Popen(
            [sys.executable, str(BUILDER), str(project), str(site)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )

    def build(self) -> None:
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer.startswith("built"), answer

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


JIEBA_STATE = ("total", "logtotal", "dict")


def comparable(site_files: dict[str, bytes]) -> dict[str, bytes]:
    """The files without what comes from jieba's word frequencies: a process that builds again
    (any `mkdocs serve`, dirty or not) has had Material's search plugin add the user dictionary
    to jieba once per build, so its totals drift from a fresh process's, and with them a few word
    cuts. Those are in coursekit's search index (frequencies, and U+200B between words), and that
    file's size and hash in the service worker's list."""
    kept = dict(site_files)
    index = json.loads(kept.pop("search/coursekit-index.json"))
    words_uncut = json.dumps({k: v for k, v in index.items() if k not in JIEBA_STATE}, sort_keys=True, ensure_ascii=False).replace("\u200b", "")
    kept["search/coursekit-index.json"] = words_uncut.encode("utf-8")
    if "sw.js" in kept:
        text = kept["sw.js"].decode("utf-8")
        text = re.sub(r'\["search/coursekit-index\.json",\d+,"\w+"\]', "[index]", text)
        kept["sw.js"] = re.sub(r'"version":"\w+"', '"version":""', text).encode("utf-8")
    return kept


def page_times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("index.html")}


def clean_build(project: Path, site: Path) -> dict[str, bytes]:
    result = subprocess.run([sys.executable, str(BUILDER), str(project), str(site), "--clean"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return files(site)


@pytest.fixture
def preview_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    builder = Builder(project, tmp_path / "served")
    builder.build()
    yield project, builder
    builder.close()


def test_after_each_kind_of_edit_the_preview_is_a_fresh_build_of_the_same_sources(tmp_path, preview_builds):
    project, builder = preview_builds
    lesson = project / "courses/sanhui-yike/dangyuan-dahui.md"
    steps = [
        ("lesson", lambda: lesson.write_text(lesson.read_text("utf-8") + "\n\n预览时补上的一句话。\n", "utf-8")),
        ("bank", lambda: edit(project / "quizzes/sanhui-yike.yml", "党支部党员大会一般多久召开一次？", "党支部党员大会一般隔多久召开一次？")),
        ("lesson again", lambda: edit(lesson, "预览时补上的一句话。", "预览时改过的一句话。")),
        ("citation", lambda: edit(project / "citations/tiaoli.yml", "summary: ", "summary: （改）")),
        ("course", lambda: edit(project / "courses/sanhui-yike/course.yml", "title: ", "title: 改：")),
        ("guide", lambda: edit(project / "docs/guide/learners.md", "# ", "# 改：")),
    ]
    for number, (name, change) in enumerate(steps):
        before = page_times(builder.site)
        change()
        builder.build()
        served = files(builder.site)
        assert comparable(served) == comparable(clean_build(project, tmp_path / f"clean-{number}")), name
        rebuilt = {page for page, time in page_times(builder.site).items() if before.get(page) != time}
        if name.startswith("lesson"):
            # Built again: that page alone (the English one is a notice that links to it).
            assert rebuilt == {"courses/sanhui-yike/dangyuan-dahui/index.html"}, (name, sorted(rebuilt))
        else:
            assert len(rebuilt) == len(before), name  # everything
