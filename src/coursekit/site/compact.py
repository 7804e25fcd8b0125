"""Built pages made smaller without changing what they mean.

Material's templates indent every nested macro call, so a page's navigation arrives as
thousands of lines of blanks, most of the navigation's bytes on every page. A phone on a slow
township link pays for those bytes (and parses them) on every page; gzip hides most of them only
where the server compresses. In HTML a run of white space renders as one space wherever
``white-space`` is ``normal``, so a line break and the white space after it become one line break.
Elements whose white space shows (``pre``, ``textarea``, and ``code``/``kbd``, which Material
sets to ``pre-wrap``) and the contents of ``script`` and ``style`` are left exactly as they are.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.S | re.I)
# A line break and the white space after it: the indentation. Spelled out, not \s, which would
# also take the ideographic space (U+3000) of Chinese text and the no-break space.
_BREAK_AND_INDENT = re.compile(r"\n[ \t\r\n\f]+")


def compact_html(page: str) -> str:
    """``page`` with each line break's following white space cut away."""
    parts = []
    position = 0
    for kept in _KEPT.finditer(page):
        parts.append(_BREAK_AND_INDENT.sub("\n", page[position : kept.start()]))
        parts.append(kept.group(0))
        position = kept.end()
    parts.append(_BREAK_AND_INDENT.sub("\n", page[position:]))
    return "".join(parts)
