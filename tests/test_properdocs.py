"""ProperDocs (MkDocs 1.x continued by its original maintainers) builds the same site as MkDocs:
every file identical apart from the generator tag, and the service worker's list, which holds each
page's size and hash."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
OFFLINE_LIST = "sw.js"


def build(tool: str, site: Path) -> dict[str, bytes]:
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def offline_paths(worker: bytes) -> bytes:
    """The service worker without the sizes and hashes of the files it lists, nor its version."""
    worker = re.sub(rb',\d+,"[0-9a-f]+"\]', b"]", worker)
    return re.sub(rb'"version":"\w+"', b'"version":""', worker)


def test_properdocs_builds_the_site_mkdocs_builds(tmp_path):
    with_mkdocs = build("mkdocs", tmp_path / "mkdocs")
    with_properdocs = build("properdocs", tmp_path / "properdocs")
    assert with_mkdocs.keys() == with_properdocs.keys()
    tags = {GENERATOR.search(data).group(0) for name, data in with_properdocs.items() if name.endswith(".html") and GENERATOR.search(data)}
    assert tags == {b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">'}, tags
    differing = []
    for name, data in with_mkdocs.items():
        other = with_properdocs[name]
        if name == OFFLINE_LIST:
            assert offline_paths(data) == offline_paths(other)
        elif GENERATOR.sub(b"", data) != GENERATOR.sub(b"", other):
            differing.append(name)
    assert not differing, differing
    assert len(with_mkdocs) > 200 and "en/index.html" in with_mkdocs  # both languages


def test_coursekit_publish_builds_with_properdocs_when_told(tmp_path, monkeypatch):
    from coursekit.publish.pipeline import GENERATOR_ENV, build_site

    monkeypatch.setenv(GENERATOR_ENV, "properdocs")
    result = build_site(ROOT, tmp_path / "site", "/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"mkdocs-ProperDocs 1.6.7" in (tmp_path / "site" / "index.html").read_bytes()
