"""Every page's footer names the content edition, so a learner and a trainer can tell they see the
same version: the git commit and date, else the build date, or COURSEKIT_EDITION."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

from conftest import ROOT, run_mkdocs
from coursekit.edition import content_edition
from minisite import make_mini_project


def footer(page: Path) -> str:
    match = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', page.read_text("utf-8"), re.S)
    assert match, f"{page} 没有页脚"
    return match.group(1)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args], capture_output=True, text=True, check=True).stdout.strip()


EDITION = re.compile(r"(?:内容版本：|Content edition: )([0-9a-f]{7,})(?:（| \()(\d{4}-\d{2}-\d{2})")


def test_every_page_of_the_real_site_shows_the_commit(built_site):
    pages = list(built_site.rglob("*.html"))
    assert pages
    editions = {EDITION.search(footer(page)).groups() for page in pages}
    assert len(editions) == 1, f"every page shows the same edition: {editions}"
    commit, date = editions.pop()
    # HEAD, or an earlier commit if someone committed since the session's build.
    subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", commit, "HEAD"], check=True)
    assert git(ROOT, "log", "-1", "--format=%cs", commit) == date
    for page in pages:
        assert "squidfunk" not in page.read_text("utf-8"), f"{page}: Material 的外部链接应当去掉"


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
    data = (tmp_path / "site/assets/coursekit/site-data.json").read_text("utf-8")
    assert '"edition":"2026年第4期<b>培训</b>"' in data  # the browser scripts get the same edition
