"""The builds `mkdocs serve --dirty` (scripts/serve) runs, driven one at a time, in a process of
their own (MkDocs keeps plugin instances for the whole process).

    python preview_builder.py PROJECT SITE          # reads "build" lines, answers "built" or "failed"
    python preview_builder.py PROJECT SITE --clean  # one build from nothing, as serve's first

Both build as serve does: the serve address as ``site_url``, pages of the preview included.
"""

from __future__ import annotations

import os
import sys

if "--clean" not in sys.argv:
    sys.argv.append("--dirty")  # mkdocs-static-i18n reads it from the command line, as under serve
os.environ["NO_MKDOCS_2_WARNING"] = "1"
os.environ["COURSEKIT_PREVIEW"] = "1"  # as scripts/serve sets it

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"


def configured(project: str, site: str):
    config = load_config(os.path.join(project, "mkdocs.yml"), site_dir=site)
    config.site_url = SERVE_URL
    return config


def main() -> None:
    project, site = sys.argv[1], sys.argv[2]
    os.chdir(project)
    if "--clean" in sys.argv:
        build(configured(project, site), serve_url=SERVE_URL, dirty=False)
        return
    configured(project, site).plugins.on_startup(command="serve", dirty=True)
    for line in sys.stdin:
        if line.strip() != "build":
            continue
        try:
            build(configured(project, site), serve_url=SERVE_URL, dirty=True)
        except BaseException as error:  # noqa: BLE001 - reported to the test, like serve logs it
            print(f"failed {type(error).__name__}: {error}", flush=True)
        else:
            print("built", flush=True)


if __name__ == "__main__":
    main()
