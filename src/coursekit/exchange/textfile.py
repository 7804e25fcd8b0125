"""Reading a text file whose encoding nobody wrote down.

Trainers' files come from Excel and Notepad on Chinese Windows: "CSV UTF-8" (with a byte-order
mark), plain UTF-8, GB18030/GBK (Excel's default "CSV" on Chinese Windows) and, from "Unicode
text", UTF-16. We try them in that order and say which one we used, so a wrong guess is visible.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from coursekit.messages import t
from coursekit.problems import Problem


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """(text, encoding name); text is None when no encoding fits. Names: utf8_bom, utf8, utf16, gb18030."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        return (body.decode("utf-8") if _is_utf8(body) else None), "utf8_bom"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf16"
        except UnicodeDecodeError:
            return None, "utf16"
    if _is_utf8(data):
        return data.decode("utf-8"), "utf8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return None, ""


MAX_IMPORT_BYTES = 50_000_000


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_text_file(path: Path, shown_as: str) -> tuple[str | None, str, list[Problem]]:
    """(text with ``\\n`` line ends, a note naming the encoding used, problems)."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:  # a bank of 10,000 questions is some 5 MB of text
            limit = f"{MAX_IMPORT_BYTES // 1_000_000} MB"
            return None, "", [Problem(shown_as, 0, t("file.too_large", size=f"{size / 1_000_000:g} MB", limit=limit, what=t("what.file")))]
        data = path.read_bytes()
    except OSError as err:
        return None, "", [Problem(shown_as, 0, t("file.unreadable", detail=err.strerror or str(err)))]
    text, encoding = decode_bytes(data)
    if text is None:
        return None, "", [Problem(shown_as, 0, t("exchange.unknown_encoding"))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, t("exchange.encoding_used", encoding=t(f"exchange.encoding.{encoding}")), []
