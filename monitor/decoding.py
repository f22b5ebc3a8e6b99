"""Bytes to text, the way Chinese sites need it.

Order: the charset the source config forces; the HTTP header's charset; the first
``<meta charset>``; strict UTF-8; GB18030. GB2312 and GBK are decoded as GB18030 (their
superset, as browsers do). A declared charset that fails to decode cleanly falls through
to the next step. Nothing is decoded with replacement characters: if no step works the
page is Undecodable and is not stored.
"""

from __future__ import annotations

import codecs
import re

from .errors import Undecodable

__all__ = ["decode_html", "charset_from_content_type"]

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.I)
    return _normalise(match.group(1)) if match else None


def decode_html(content: bytes, content_type: str | None = None, forced: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used)."""
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", errors="strict"), "utf-8"
    meta = _META.search(content[:4096])
    candidates = [
        _normalise(forced),
        charset_from_content_type(content_type),
        _normalise(meta.group(1).decode("ascii", "ignore")) if meta else None,
        "utf-8",
        "gb18030",
    ]
    tried: list[str] = []
    for encoding in candidates:
        if encoding is None or encoding in tried:
            continue
        tried.append(encoding)
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise Undecodable(f"the page does not decode cleanly as any of: {', '.join(tried)}")
