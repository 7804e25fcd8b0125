"""Every page's footer names the content edition, so a learner and a trainer can tell they see the
same version: to the learner, the edition's name (COURSEKIT_EDITION) and the date the content last
changed, never a commit hash; the exact edition (git commit and date, else the build date, or
COURSEKIT_EDITION) stays in the page's data-ck-edition and in the browser's data."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from pathlib import Path

from conftest import ROOT, run_mkdocs
from coursekit.edition import content_edition, footer_edition
from minisite import make_mini_project


def footer(page: Path) -> str:
    match = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', page.read_text("utf-8"), re.S)
    assert match, f"{page} 没有页脚"
    return match.group(1)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args], capture_output=True, text=True, check=True).stdout.strip()


EXACT = re.compile(r'data-ck-edition="([0-9a-f]{7,})(?:（| \()(\d{4}-\d{2}-\d{2})')
SHOWN = re.compile(r'>(内容版本：(\d{4})年(\d{1,2})月(\d{1,2})日更新|Content edition: updated (\d{4})-(\d{2})-(\d{2}))\s*$')


def test_every_page_of_the_real_site_shows_the_content_date_not_a_hash(built_site):
    pages = list(built_site.rglob("*.html"))
    assert pages
    editions = {EXACT.search(footer(page)).groups() for page in pages}
    assert len(editions) == 1, f"every page carries the same edition: {editions}"
    commit, date = editions.pop()
    # HEAD, or an earlier commit if someone committed since the session's build.
    subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", commit, "HEAD"], check=True)
    assert git(ROOT, "log", "-1", "--format=%cs", commit) == date
    for page in pages:
        shown = SHOWN.search(footer(page))
        assert shown, f"{page}: 页脚应显示内容日期：{footer(page)}"
        assert commit not in shown.group(1), page
        numbers = [int(n) for n in shown.groups()[1:] if n]
        assert datetime.date(*numbers) <= datetime.date.today()
        assert "squidfunk" not in page.read_text("utf-8"), f"{page}: Material 的外部链接应当去掉"


def test_footer_shows_the_date_of_the_last_content_change_and_the_edition_name(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_EDITION", raising=False)
    repo = tmp_path / "repo"
    (repo / "courses").mkdir(parents=True)
    (repo / "courses/a.md").write_text("一", "utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    env = {"GIT_COMMITTER_DATE": "2026-03-02T10:00:00", "GIT_AUTHOR_DATE": "2026-03-02T10:00:00"}
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first"], check=True, env={**os.environ, **env})
    # A later commit that does not touch the content does not change the content's date.
    (repo / "notes.txt").write_text("not content", "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "notes")
    assert footer_edition(repo) == "内容版本：2026年3月2日更新"
    assert footer_edition(repo, lang="en") == "Content edition: updated 2026-03-02"
    monkeypatch.setenv("COURSEKIT_EDITION", "2026年第1期")
    assert footer_edition(repo) == "内容版本：2026年第1期（2026年3月2日更新）"
    (repo / "courses/a.md").write_text("二", "utf-8")  # uncommitted content: today's
    today = datetime.date.today()
    assert footer_edition(repo) == f"内容版本：2026年第1期（{today.year}年{today.month}月{today.day}日更新）"


def test_edition_from_git_marks_uncommitted_content(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_EDITION", raising=False)
    repo = tmp_path / "repo"
    (repo / "courses").mkdir(parents=True)
    (repo / "courses/a.md").write_text("一", "utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    commit, date = git(repo, "log", "-1", "--format=%h %cs").split()
    assert content_edition(repo) == f"{commit}（{date}）"
    (repo / "notes.txt").write_text("not content", "utf-8")
    assert content_edition(repo) == f"{commit}（{date}）"
    (repo / "courses/a.md").write_text("二", "utf-8")
    assert content_edition(repo) == f"{commit}（{date}），含未提交的修改"
    assert content_edition(repo, lang="en") == f"{commit} ({date}), with uncommitted changes"


def test_edition_without_git_is_the_build_date(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_EDITION", raising=False)
    assert content_edition(tmp_path) == f"构建于 {datetime.date.today().isoformat()}"


def test_override_is_shown_as_text_in_every_footer(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_EDITION", "2026年第4期<b>培训</b>")
    project = make_mini_project(tmp_path / "project")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 5
    site = tmp_path / "site"
    for page in pages:
        label = "Content edition: " if page.relative_to(site).parts[0] == "en" else "内容版本："
        if page.relative_to(site).as_posix() == "404.html":
            label = ""  # one 404 page for both languages
        assert f"{label}2026年第4期&lt;b&gt;培训&lt;/b&gt;" in footer(page), page
        assert 'data-ck-edition="2026年第4期&lt;b&gt;培训&lt;/b&gt;"' in footer(page), page
    data = (tmp_path / "site/assets/coursekit/site-data.json").read_text("utf-8")
    assert '"edition":"2026年第4期<b>培训</b>"' in data  # the browser scripts get the same edition
