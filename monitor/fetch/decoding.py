"""Bytes to text, the way Chinese sites need it.

The cascade, first step that yields clean text wins:

1. a byte-order mark (UTF-8, UTF-16);
2. the charset the source config forces (``encoding:``);
3. the HTTP header's charset;
4. the ``<meta charset>`` / ``<meta http-equiv>`` declarations, in page order (an archived
   page can carry the archive toolbar's ``utf-8`` before the page's own ``gb2312``);
5. strict UTF-8;
6. GB18030;
7. the same candidates again, tolerating broken byte sequences up to ``MAX_REPLACEMENT_SHARE``
   (a truncated character in a list of links should not cost a whole page), each replaced
   by U+FFFD; of the candidates that pass, the one with the fewest replacements wins;
8. statistical detection (charset-normalizer), last because it has misread GB2312 as Big5.

A candidate that decodes without error but to mojibake because the text was encoded twice
(UTF-8 read as cp1252 or Latin-1 and written out as UTF-8 again: 中 as ä¸­) is repaired by
ftfy, the maintained library for exactly this, before the next candidate is tried, when the
repair gives clean text: read as GB18030, such bytes can pass for (wrong) Chinese text.

GB2312 and GBK are decoded as GB18030, their superset, as browsers do; Latin-1 as cp1252.
"Clean" means the bytes decode without error *and* the text does not look like mojibake
(:func:`garbled_reason`): a declared charset that decodes to garbage falls through to the
next step. If no step yields clean text the page is :class:`~monitor.errors.Mojibake` (it
decoded, but wrongly) or :class:`~monitor.errors.Undecodable`, and is never stored.
"""

from __future__ import annotations

import codecs
import logging
import re
from functools import lru_cache

import ftfy
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from monitor.errors import Mojibake, Undecodable

__all__ = ["MAX_REPLACEMENT_SHARE", "decode_html", "charset_from_content_type", "garbled_reason", "normalise_charset", "undo_double_encoding"]

log = logging.getLogger(__name__)

_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
              "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252",
              "latin1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8", "utf8": "utf-8", "unicode": "utf-8",
              "big5": "big5hkscs"}
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>", re.I | re.S)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UNLIKELY = re.compile(r"[\ufffe\uffff]")
# A page may carry replacement characters (U+FFFD: a broken byte sequence, or one the site itself
# stored) for at most this share of its non-ASCII characters, and is still decoded and extracted.
# Why 2%: real damage is a few characters, such as titles cut at a byte count in a list of links
# or a stray byte, well under 1% of a Chinese page; a page read in the wrong charset makes far
# more (measured on the 36 real articles of tests/data/dedup: GB18030 read as UTF-8 >= 76%, UTF-8
# as Big5 >= 47%, random bytes >= 27%, UTF-8 as GB18030 >= 2.7%). GBK read as Big5 can stay under
# 1%: the common-character test below refuses that one.
MAX_REPLACEMENT_SHARE = 0.02
# The share is taken of at least this many characters: a page that is nearly all ASCII may still
# carry two replacement characters.
_MIN_SHARE_BASE = 100
_MIN_CJK = 20  # below this, the common-character test says nothing
_MIN_COMMON_SHARE = 0.6  # real Chinese text: > 0.9; UTF-8 read as GBK: ~0.2
_MAX_MESS = 0.25  # charset-normalizer's mess ratio of the visible text; real pages stay < 0.15


def normalise_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset (GBK/GB2312 -> gb18030), or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a NUL in a hostile charset name
        return None
    return _SUPERSETS.get(codec, codec)


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.I)
    return normalise_charset(match.group(1)) if match else None


@lru_cache(maxsize=65536)
def _is_common_hanzi(char: str) -> bool:
    """In GB2312 level 1 (3,755 common simplified), or outside GB2312 and in Big5 level 1 (common traditional)."""
    try:
        # A rare simplified character (GB2312 level 2) is not common, whatever Big5 says of it.
        return 0xB0 <= char.encode("gb2312")[0] <= 0xD7
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= char.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def garbled_reason(text: str) -> str | None:
    """Why decoded text looks like mojibake, or None when it looks like real text.

    Three signs: replacement characters; Han characters that are mostly rare ones (UTF-8
    bytes read as GBK come out as 鍖呭ご绋€ — valid, but far from the common set that
    real Chinese prose keeps to); charset-normalizer's mess ratio of the visible text
    (Latin-1 read of Chinese bytes: Ã¤Â¸Â...).
    """
    if not text:
        return None
    controls = len(_CONTROLS.findall(text[:200_000]))
    if controls * 100 > min(len(text), 200_000):
        return f"{controls} control characters"
    if _UNLIKELY.search(text[:200_000]):
        return "Unicode non-characters (U+FFFE/U+FFFF): a wrong byte order or encoding"
    replacements = text.count("\ufffd")
    if replacements:
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if replacements > MAX_REPLACEMENT_SHARE * max(non_ascii, _MIN_SHARE_BASE):
            return (f"{replacements} replacement characters in {non_ascii} non-ASCII characters "
                    f"({replacements / non_ascii:.1%}, more than {MAX_REPLACEMENT_SHARE:.0%})")
    visible = _TAGS.sub(" ", text[:200_000])
    hanzi = _CJK.findall(visible)
    if len(hanzi) >= _MIN_CJK:
        sample = hanzi[:5000]
        share = sum(map(_is_common_hanzi, sample)) / len(sample)
        if share < _MIN_COMMON_SHARE:
            return f"only {share:.0%} of {len(sample)} Han characters are common ones"
    sample_text = " ".join(visible.split())[:20_000]
    if sample_text:
        mess = mess_ratio(sample_text, maximum_threshold=1.0)
        if mess > _MAX_MESS:
            return f"mess ratio {mess:.2f} (garbled symbols and accents)"
    return None


def undo_double_encoding(text: str) -> str | None:
    """The text before it was encoded twice (UTF-8 read as cp1252/Latin-1, then saved as UTF-8), or None
    when ftfy finds nothing to undo or its result still looks garbled."""
    fixed = ftfy.fix_encoding(text)
    return fixed if fixed != text and garbled_reason(fixed) is None else None


def _declared(content: bytes) -> list[str | None]:
    head = content[:8192]
    return [normalise_charset(m.group(1).decode("ascii", "ignore")) for m in _META.finditer(head)][:3]


def _least_damaged(content: bytes, candidates: list[str]) -> tuple[str, str] | None:
    """The candidate whose decoding with broken sequences replaced passes :func:`garbled_reason` with the
    fewest replacement characters (the first such on a tie), or None."""
    best: tuple[int, str, str] | None = None
    for encoding in candidates:
        try:
            text = content.decode(encoding, errors="replace")
        except (UnicodeError, LookupError):
            continue
        replacements = text.count("\ufffd")
        if (best is None or replacements < best[0]) and garbled_reason(text) is None:
            best = (replacements, text, encoding)
    if best is None:
        return None
    if best[0]:
        log.warning("page decoded as %s with %d broken byte sequence(s) replaced", best[2], best[0])
    return best[1], best[2]


# The first bytes of the documents a zone's site links as attachments, served at URLs that do not say so
# ('download.jsp?id=…'): no charset decodes them, and 'does not decode cleanly as utf-8, gb18030' sent an operator
# looking for a charset problem (bad input, review of issue 18).
_DOCUMENT_MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx document)"),
                   (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)"),
                   (b"Rar!\x1a\x07", "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
                   (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
                   (b"\x1f\x8b", "gzip-compressed data"))


def _document_kind(content: bytes) -> str | None:
    """What document or image `content` is (_DOCUMENT_MAGIC), or None for a page.

    The magic bytes are looked for after leading whitespace and a UTF-8 BOM (a server script's blank lines before a
    PDF it streams: '\\r\\n%PDF-' was read as a page and blamed on its charset), and count only when the bytes do not
    decode cleanly: a text that starts 'GIF89a' or '%PDF-' (a tutorial, an OCR text layer) is a page (review of
    h-lowfix)."""
    start = content[:4096].lstrip(b" \t\r\n\f")
    if start.startswith(codecs.BOM_UTF8):
        start = start[len(codecs.BOM_UTF8):].lstrip(b" \t\r\n\f")
    kind = next((kind for magic, kind in _DOCUMENT_MAGIC if start.startswith(magic)), None)
    if kind is None:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if garbled_reason(text) is None:
            return None
    return kind


def decode_html(content: bytes, content_type: str | None = None, forced: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used); see the module docstring for the cascade. The encoding is suffixed
    ``+repaired`` when the text was encoded twice and has been undone. A document or an image (a PDF, an Office file,
    an archive) is :class:`~monitor.errors.Undecodable` at once, saying what it is."""
    if (kind := _document_kind(content)) is not None:
        raise Undecodable(f"the response is {kind}, not a web page")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if content.startswith(bom):
            try:
                return content[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                break
    candidates: list[str] = []
    for encoding in (normalise_charset(forced), charset_from_content_type(content_type), *_declared(content),
                     "utf-8", "gb18030"):
        if encoding is not None and encoding not in candidates:
            candidates.append(encoding)
    rejected: list[str] = []
    for encoding in candidates:
        try:
            text = content.decode(encoding)
        except (UnicodeError, LookupError):  # UnicodeError: codecs such as punycode or idna
            continue
        reason = garbled_reason(text)
        if reason is None:
            return text, encoding
        rejected.append(f"{encoding}: {reason}")
        repaired = undo_double_encoding(text)
        if repaired is not None:
            log.warning("page text was encoded twice (%s mojibake); repaired", encoding)
            return repaired, f"{encoding}+repaired"
    lenient = _least_damaged(content, candidates)
    if lenient is not None:
        return lenient
    # Statistical detection needs some text to go on: a few bytes "detect" as anything.
    best = from_bytes(content[:500_000]).best() if len(content) >= 64 else None
    if best is not None and best.encoding:
        guessed = normalise_charset(best.encoding) or best.encoding
        try:
            text = content.decode(guessed)
        except (UnicodeError, LookupError):
            text = ""
        if text and garbled_reason(text) is None:
            return text, guessed
    if rejected:
        # not logged here: whoever fetched the page logs the failure, once, with its URL
        raise Mojibake("decodes only to mojibake (" + "; ".join(rejected) + ")")
    raise Undecodable(f"the page does not decode cleanly as any of: {', '.join(candidates)} (nor as detected)")
