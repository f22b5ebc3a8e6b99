"""Text normalisation shared by extraction, dedup and tagging. Extend it here, in one place.

Two levels:
- ``clean_text``: what is stored and shown. Invisible characters removed, whitespace runs
  collapsed, full-width ASCII letters/digits/space folded to half-width; Chinese
  punctuation is kept as printed.
- ``match_key``: what is compared (hashes, dedup, tagging). NFKC, case-folded, all
  whitespace removed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["clean_text", "clean_paragraphs", "match_key", "content_hash", "split_paragraphs"]

# Zero-width and other format characters that pages use as spacers or tracking marks.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ALL_SPACE = re.compile(r"\s+")
# Full-width ASCII block (letters, digits, symbols) -> half-width; CJK punctuation stays.
_FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF5F) if chr(cp).isalnum()}


def clean_text(text: str) -> str:
    """Clean one line/paragraph for storage: no invisible characters, single spaces, trimmed."""
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.translate(_FULLWIDTH_ASCII)
    text = _SPACES.sub(" ", text)
    return text.strip()


def split_paragraphs(text: str) -> list[str]:
    return [p for p in (clean_text(line) for line in text.replace("\r", "\n").split("\n")) if p]


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Clean each paragraph, drop empty ones and exact repeats (a paragraph printed twice)."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        cleaned = clean_text(paragraph)
        key = match_key(cleaned)
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(cleaned)
    return kept


def match_key(text: str) -> str:
    """The comparison form of a text: NFKC, case-folded, without whitespace or invisibles."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    return _ALL_SPACE.sub("", text)


def content_hash(body: str) -> str:
    """Hash of a body's match key: equal for the same text under different whitespace/markup."""
    return hashlib.sha256(match_key(body).encode("utf-8")).hexdigest()
