"""The content edition shown in every page's footer, so a learner and a trainer can tell at a
glance whether they look at the same version: ``COURSEKIT_EDITION`` if set, else the git commit
of the project (short hash and commit date, marked when the content has uncommitted edits), else
the build date. No network: git is asked about the local repository only."""

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
