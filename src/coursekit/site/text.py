"""Escaping author text for the two places it lands: Markdown and HTML.

Question and front-matter text is plain text: whatever it contains (tags, scripts, Markdown
link syntax), it is shown as typed and never executed.
"""

from __future__ import annotations

import html
import json
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!-])")


def html_text(value: str) -> str:
    return html.escape(value, quote=True)


def md_text(value: str) -> str:
    """Plain text safe inside a Markdown paragraph, heading or list item."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False).replace("\n", " "))


def json_for_script(data: object) -> str:
    """JSON safe inside <script type="application/json">: no ``</script>`` can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
