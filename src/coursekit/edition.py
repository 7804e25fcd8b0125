"""The content edition shown in every page's footer, so a learner and a trainer can tell at a
glance whether they look at the same version: ``COURSEKIT_EDITION`` if set, else the git commit
of the project (short hash and commit date, marked when the content has uncommitted edits), else
the build date. No network: git is asked about the local repository only.

Learners see something else in the footer (``footer_edition``): the edition's name when the
trainer gave one (``COURSEKIT_EDITION``) and the date the content last changed, never a commit
hash; the exact edition stays in the page (``data-ck-edition``) and in result slips."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

from coursekit.messages import t

ENV_OVERRIDE = "COURSEKIT_EDITION"
# What makes up the content: an edit to these but not yet committed is not the commit's edition.
CONTENT_PATHS = ("courses", "quizzes", "citations", "docs", "mkdocs.yml")


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def content_edition(root: Path, lang: str = "zh") -> str:
    override = os.environ.get(ENV_OVERRIDE, "").strip()
    if override:
        return override
    head = _git(root, "log", "-1", "--format=%h %cs")
    if head and " " in head:
        commit, date = head.split(" ", 1)
        edition = t("publish.edition_git", lang=lang, commit=commit, date=date)
        if _git(root, "status", "--porcelain", "--", *CONTENT_PATHS):
            edition = t("publish.edition_dirty", lang=lang, edition=edition)
        return edition
    return t("publish.edition_built", lang=lang, date=datetime.date.today().isoformat())


def content_date(root: Path) -> datetime.date:
    """The day the content last changed: its last commit, or today when it has uncommitted edits
    or no git history."""
    if not _git(root, "status", "--porcelain", "--", *CONTENT_PATHS):
        day = _git(root, "log", "-1", "--format=%cs", "--", *CONTENT_PATHS)
        try:
            return datetime.date.fromisoformat(day or "")
        except ValueError:
            pass
    return datetime.date.today()


def footer_edition(root: Path, lang: str = "zh") -> str:
    """What the footer tells a learner: the edition's name, if any, and the content's date."""
    day = content_date(root)
    date = t("publish.edition_date", lang=lang, y=day.year, m=day.month, d=day.day)
    name = os.environ.get(ENV_OVERRIDE, "").strip()
    if name:
        return t("publish.edition_footer_named", lang=lang, name=name, date=date)
    return t("publish.edition_footer_dated", lang=lang, date=date)
