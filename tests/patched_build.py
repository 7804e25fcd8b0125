"""``mkdocs build`` in a fresh interpreter with one thing changed first, for tests that must see
inside a build: which process made what, say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import os, sys
exec(sys.argv[1])
print(os.getpid(), flush=True)
from mkdocs.__main__ import cli
cli(["build", *sys.argv[2:]])
"""


def build_patched(patch: str, root: Path, site: Path, strict: bool = True) -> tuple[int, subprocess.CompletedProcess]:
    """Run ``patch`` (Python source), then build ``root`` into ``site``; the build process's id
    and the finished process (its return code is checked by the caller)."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, patch, *(["--strict"] if strict else []), "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        cwd=root,
    )
    return int(result.stdout.split()[0]) if result.stdout.strip() else 0, result
