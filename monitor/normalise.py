"""Text normalisation shared by extraction, dedup and tagging. Extend it here, in one place.

Two levels:
- ``clean_text``: what is stored and shown. Invisible characters removed, whitespace runs
  collapsed, full-width ASCII letters/digits/space folded to half-width; Chinese
  punctuation is kept as printed.
- ``match_key``: what is compared (hashes, dedup, tagging). NFKC, case-folded, all
  whitespace removed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["MAX_TITLE_CHARS", "nfkc", "strip_ruby", "clean_text", "shorten", "limit_title", "clean_paragraphs", "match_key", "content_hash", "split_paragraphs", "to_simplified",
           "TRADITIONAL_HINTS", "reads_traditional", "is_plain", "is_usual", "collapse_repeats", "remove_spliced_spans", "rejoin_fragments", "shared_span"]

# Zero-width and other format characters that pages use as spacers or tracking marks.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Both removed in one pass (deleting two disjoint sets of characters: the order does not matter).
_INVISIBLE_OR_CONTROL = re.compile(f"{_INVISIBLE.pattern}|{_CONTROL.pattern}")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ALL_SPACE = re.compile(r"\s+")
# Full-width ASCII block (letters, digits, symbols) -> half-width; CJK punctuation stays.
_FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF5F) if chr(cp).isalnum()}
# Only the characters the table maps (full-width digits and letters): '：' and '；' are in the same block but
# stay, so a line holding them needs no translate() (a sixth of a page's lines did, for nothing).
_HAS_FULLWIDTH = re.compile("[" + "".join(chr(cp) for cp in sorted(_FULLWIDTH_ASCII)) + "]")


def clean_text(text: str) -> str:
    """Clean one line/paragraph for storage: no invisible characters, single spaces, trimmed."""
    text = _INVISIBLE_OR_CONTROL.sub("", text)
    if _HAS_FULLWIDTH.search(text):  # translate() is slow; nearly no text needs it
        text = text.translate(_FULLWIDTH_ASCII)
    text = _SPACES.sub(" ", text)
    return text.strip()


# Longest title kept. Real headlines are short (the 50 evaluation pages: median 17 characters, longest
# 39; a long official notice title, 关于印发《…》的通知, runs to about 120); past 200 a page's text has
# been taken for its title, and a title that long would crowd the other articles out of a digest.
MAX_TITLE_CHARS = 200
# Characters that belong to the one before them: a cut never separates them from it.
_ATTACHED = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u200c\u200d"
                       "\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff]")


def shorten(text: str, limit: int) -> str:
    """`text` when it has at most `limit` characters, else its first characters and "…", `limit` in all. The
    cut never falls between a character and a combining mark, variation selector or joiner after it."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and (_ATTACHED.match(text, cut) or text[cut - 1] == "\u200d"):  # a joiner joins what follows it
        cut -= 1
    return text[:cut].rstrip() + "…"


def limit_title(title: str) -> str:
    """A title as stored: at most MAX_TITLE_CHARS characters."""
    return shorten(title, MAX_TITLE_CHARS)


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


# Characters that only traditional-script text uses, frequent in zone news: a cheap test
# that spares simplified text (nearly all of it) the slower OpenCC conversion.
TRADITIONAL_HINTS = "區們這發產業開會為國與經濟術關東陽華頭書記長務體術場設計劃進實將對於從來過裡當"


# NFKC of the full-width punctuation that fills Chinese text; replacing these first lets most
# texts skip the (slow) full normalisation, with the same result.
_COMMON_NFKC = tuple((c, unicodedata.normalize("NFKC", c))
                     for c in "，：；（）！？％／～＂＇＃＆＊＋－＝＜＞［］｛｝｜\u3000…．０１２３４５６７８９\u00a0\u2002\u2003")


# The characters `_INVISIBLE` removes: testing each with `in` is several times faster than a
# regex scan of a text that holds none of them (nearly every text).
_INVISIBLE_CHARS = tuple("\u00ad" + "".join(map(chr, [*range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                                      *range(0x2060, 0x2065), 0xFEFF, *range(0xFFF9, 0xFFFC)])))


def nfkc(text: str, usual: bool = False, plain: bool = False) -> str:
    """``unicodedata.normalize("NFKC", text)``, several times faster on Chinese text: the full-width
    punctuation that fills it is replaced by its NFKC form first (the same compatibility decomposition,
    so the same result), and most texts are then normalised already. `usual`: `is_usual(text)` is known true
    (only the frequent marks are looked for); `plain`: `is_plain(text)` is (then the text is normalised once they
    are replaced: not even checked)."""
    for char, folded in _FREQUENT_NFKC if usual or plain else _COMMON_NFKC:
        if char in text:
            text = text.replace(char, folded)
    return text if plain or unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# The marks of _COMMON_NFKC nearly every Chinese text holds; a test for each of the others finds it absent after
# reading the whole text: `is_usual` tests them all in one pass, with the invisibles and the traditional hints.
_FREQUENT_NFKC = tuple((char, folded) for char, folded in _COMMON_NFKC if char in "，：；（）！？")
_UNUSUAL_CHARS = "".join(sorted({char for char, _ in _COMMON_NFKC} - {char for char, _ in _FREQUENT_NFKC}
                                 | set(_INVISIBLE_CHARS) | set(TRADITIONAL_HINTS)))
_USUAL_RUN = re.compile("[^" + re.escape(_UNUSUAL_CHARS) + "]*+")  # a run matched whole: cheaper than a search


def is_plain(text: str) -> bool:
    """`is_usual(text)`, and more: `text` holds no character that NFKC or casefold changes but the frequent
    full-width marks (，：；（）！？, replaced first), and none that combines with its neighbours (monitor/keychars.py):
    its match key is then only those marks replaced and whitespace removed. One regex pass, as `is_usual`; most
    Chinese texts are plain (those with a Latin capital, GDP, are not)."""
    pattern = _plain_pattern()
    return pattern is not None and pattern.fullmatch(text) is not None


@lru_cache(maxsize=1)
def _plain_pattern() -> re.Pattern[str] | None:
    from monitor import keychars

    runs = keychars.load()
    if runs is None:  # written under another Unicode database: vouch for nothing
        return None
    frequent = {char for char, _ in _FREQUENT_NFKC}  # replaced first, by characters outside the set
    chars = {chr(cp) for a, b in runs for cp in range(a, b + 1)} - frequent | set(_UNUSUAL_CHARS)
    # past U+FFFF: all of them (rare in news), one range, not a test per character of the set. A run of the other
    # characters matched whole (possessive): about a sixth fewer instructions than searching for one of the set
    return re.compile("[^" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in keychars.ranges(chars))
                      + "\U00010000-\U0010ffff]*+")


def is_usual(text: str) -> bool:
    """Whether `text` holds none of the characters `match_key` and `looks_traditional` look for one by one
    (invisibles, the rarer full-width forms, traditional hints): one regex pass instead of some sixty ``in``
    tests, each reading the whole text. Then `looks_traditional(text)` is false and `match_key(text,
    usual=True)` skips those tests."""
    return _USUAL_RUN.fullmatch(text) is not None


def match_key(text: str, usual: bool = False, plain: bool = False) -> str:
    """The comparison form of a text: NFKC, case-folded, without whitespace or invisibles. `usual`: `is_usual`
    is known true of `text`, `plain`: `is_plain` is (a caller that tested it anyway; the result is the same).

    Hot path of tagging and dedup, hence the shortcuts; `content_hash` depends on its exact output."""
    global _last_key
    if text.isascii():  # a URL, an empty byline: nothing to remove or normalise, and casefold is lower
        return "".join(text.lower().split())
    last = _last_key
    if text is last[0]:
        return last[1]
    given = text
    if not usual and not plain:
        for char in _INVISIBLE_CHARS:
            if char in text:
                text = _INVISIBLE.sub("", text)
                break
    # str.split() splits on exactly the characters regex `\s` matches in a str (str.isspace); a plain text's
    # casefold is itself (`is_plain`)
    folded = nfkc(text, usual, plain)
    key = "".join((folded if plain else folded.casefold()).split())
    if len(given) >= _REMEMBERED and "\n" in given:
        _last_key = (given, key)
    return key


# The last long text of several lines folded and its key: ingest folds an article's body for its content hash
# (dedup), then again to tag it; in between dedup folds the body's paragraphs (one line each: they do not take its
# place). The very same object (``is``, not ==: no text is read to find it); the reference held keeps the object,
# so its id cannot be reused; one tuple, swapped whole, so threads read a matching pair.
_REMEMBERED = 200
_last_key: tuple[str, str] = ("", "")


def content_hash(body: str) -> str:
    """Hash of a body's match key: equal for the same text under different whitespace/markup."""
    return hashlib.sha256(match_key(body).encode("utf-8")).hexdigest()


# a run without any hint matched whole (possessive: it stops at the first hint): cheaper than searching for a hint
_SIMPLIFIED_RUN = re.compile(f"[^{TRADITIONAL_HINTS}]*+")
_t2s = None


def looks_traditional(text: str) -> bool:
    """Whether `text` holds characters only traditional-script text uses."""
    return _SIMPLIFIED_RUN.fullmatch(text) is None


# Pinyin ruby a scraper or a script converter left after each character ('政协(xié)委员', '東湖(hu)高新區(qū)')
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])(?:\s?\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\))+")
_RUBY_START = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\)")  # starts with a literal: a fast first test


def strip_ruby(text: str) -> str:
    """Pinyin ruby left in the text removed (the characters themselves kept)."""
    return _RUBY.sub("", text) if "(" in text and _RUBY_START.search(text) else text


def to_simplified(text: str, force: bool = False) -> str:
    """Traditional Chinese folded to simplified (OpenCC t2s), so reposts match the same names; with `force`
    even a short text without a telling character (a name line on a traditional page: '畢飛宇 作家')."""
    global _t2s
    if not force and not looks_traditional(text):
        return text
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return str(_t2s.convert(text))


# A page is in traditional script when folding it to simplified changes this share of its Han characters (traditional
# prose: a fifth to a third; a simplified page quoting a traditional name or title: a few in a thousand).
_TRADITIONAL_SHARE = 0.05
_HAN = re.compile(r"[\u4e00-\u9fff]")


def reads_traditional(page: str) -> bool:
    """Whether a whole page is in traditional script, decided once for the page, so that a reader folds every line of
    it (``to_simplified(line, force=True)``), not only the lines holding one of :func:`looks_traditional`'s telling
    characters: deciding line by line left lines of a traditional page unfolded ('網友“陶景洲”評論:' holds none of
    them, so its handle and verb were not read; a repeated lead was folded and the text it repeats was not, so the
    repeat was not found: roundups r202, r69 as traditional characters, tune half)."""
    if not looks_traditional(page):
        return False
    simple = to_simplified(page, force=True)
    han = len(_HAN.findall(page))
    changed = sum(a != b for a, b in zip(page, simple, strict=False)) if len(simple) == len(page) else han
    return han > 0 and changed >= _TRADITIONAL_SHARE * han


# Page-level repairs (OCR'd and e-paper pages) ------------------------------------------
_SENTENCE_END = tuple("。！？!?…”」』）)")


def collapse_repeats(paragraphs: list[str]) -> list[str]:
    """Each paragraph once: exact repeats (by match key) and paragraphs held whole inside a longer one go."""
    kept = clean_paragraphs(paragraphs)
    keys = [match_key(p) for p in kept]
    return [p for i, p in enumerate(kept)
            if not any(i != j and len(keys[j]) > len(keys[i]) and keys[i] in keys[j] for j in range(len(kept)))]


def shared_span(a: str, b: str, min_len: int = 20) -> str | None:
    """The longest text two paragraphs share, if it has at least `min_len` characters."""
    if len(a) < min_len or len(b) < min_len:
        return None
    shingles = {a[i: i + 8] for i in range(len(a) - 7)}
    if not any(b[i: i + 8] in shingles for i in range(0, len(b) - 7, 4)):
        return None
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a: match.a + match.size] if match.size >= min_len else None


def remove_spliced_spans(paragraphs: list[str], min_len: int = 20) -> list[str]:
    """A span of one paragraph printed again inside another (OCR of a repeated column) is kept once:
    it leaves the paragraph of which it is the smaller share (the later one on a tie)."""
    kept = list(paragraphs)
    for j in range(len(kept)):
        for i in range(len(kept)):
            if i == j or not kept[i] or not kept[j]:
                continue
            span = shared_span(kept[i], kept[j], min_len)
            if not span:
                continue
            share_i, share_j = len(span) / len(kept[i]), len(span) / len(kept[j])
            loser = j if share_j < share_i or (share_j == share_i and j > i) else i
            kept[loser] = clean_text(kept[loser].replace(span, "", 1))
    return [p for p in kept if p]


def rejoin_fragments(paragraphs: list[str]) -> list[str]:
    """A paragraph that stops mid-sentence (a column break) is continued by the next fragment."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and not joined[-1].endswith(_SENTENCE_END):
            joined[-1] += paragraph
        else:
            joined.append(paragraph)
    return joined
