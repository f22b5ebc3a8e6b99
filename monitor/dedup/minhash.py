"""Pure text fingerprints for dedup: tokens, shingles, MinHash signature, LSH bands, sentence hashes.

Everything here is a pure function of a text (and of the set of stock sentences to leave
out); the dedup stage and storage decide what to do with the results.

- Tokens: every CJK character is a token, every run of Latin letters/digits is a token
  (case-folded through ``normalise.match_key``); punctuation and spaces are dropped, so
  re-typed punctuation and OCR'd spacing do not change a fingerprint.
- Shingles: token n-grams, n = ``CJK_NGRAM`` (characters) for Chinese text and
  ``LATIN_NGRAM`` (words) for Latin text, each hashed to 64 bits with numpy in one
  vectorised pass (a CJK token's id is its code point, a Latin word's a 63-bit hash), kept
  as a sorted array of distinct hashes: set Jaccard and containment are exact up to 64-bit
  collisions, computed with ``np.intersect1d``.
- Sentences: a body cut at paragraph breaks and at 。！？；!?; ; each sentence's
  match key is hashed to 63 bits. They serve both as "paragraph fingerprints" (sentence
  granularity, so split or merged paragraphs still match) and as the unit of stock-phrase
  document frequency.
- MinHash: datasketch's ``affine32`` scheme (its permutations, murmur3 finalizer, then
  ``a * h + b mod 2**32``) applied with numpy to the low 32 bits of the shingle hashes; the
  result equals ``datasketch.MinHash.update_batch`` over the same 32-bit values (a test
  checks it) without hashing each shingle in Python. The permutations are drawn here as
  datasketch draws them (a test checks that too): importing datasketch pulls in scipy, about
  0.4 s of CPU at every start of the CLI. ``NUM_PERM`` values stored as
  little-endian uint32; LSH: ``BANDS`` bands of ``ROWS`` rows, each band hashed to a
  signed-safe 63-bit integer.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from monitor.normalise import match_key, split_paragraphs

__all__ = [
    "NUM_PERM", "BANDS", "ROWS", "SentenceHash", "TextFingerprint", "hash63", "tokens", "shingles",
    "ParsedSentence", "parse", "sentences", "fingerprint", "signature", "band_hashes", "numbers", "jaccard", "containment",
    "overlap",
]

NUM_PERM = 128
BANDS, ROWS = 32, 4  # LSH S-curve midpoint (1/32)^(1/4) ~ 0.42: recall first, verification decides
CJK_NGRAM = 4
LATIN_NGRAM = 3
MIN_SENTENCE_CHARS = 8  # shorter sentences ("记者 王某", "图为现场") are not fingerprinted
_MASK63 = (1 << 63) - 1
_SEED = 20240901

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9a-z\u00c0-\u024f]+(?:\.[0-9]+)?")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD_CHAR = re.compile(r"[0-9a-z\u00c0-\u024f]")  # what starts a multi-character token
_WORD = re.compile(r"[0-9a-z\u00c0-\u024f]+(?:\.[0-9]+)?")  # _TOKEN's multi-character alternative
_FIRST_MARK, _MAX_MARKS = 0xE000, 0x1900  # the private use area U+E000..U+F8FF marks words in _key_and_ids
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_NOT_TOKEN_OR_MARK = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ue000-\uf8ff]+")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 draw (MinHash._init_permutations): odd multipliers ``a``, offsets ``b``."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_PERM_A, _PERM_B = _affine32_permutations(NUM_PERM, _SEED)
_EMPTY = np.zeros(0, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # n-gram combination multiplier (golden ratio, odd)


def hash63(text: str) -> int:
    """A stable 63-bit hash (fits PostgreSQL's signed BIGINT)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little") & _MASK63


@lru_cache(maxsize=65536)
def _token_id(token: str) -> int:
    """A token's id: a CJK character's (or any single character's) code point, a word's hash above them."""
    return ord(token) if len(token) == 1 else hash63(token) | (1 << 62)


@dataclass(frozen=True, slots=True)
class SentenceHash:
    hash: int
    length: int  # characters of the sentence's match key


@dataclass(frozen=True, slots=True)
class TextFingerprint:
    """A body's sentences and its shingles with the stock sentences left out."""

    sentences: tuple[SentenceHash, ...]  # distinct, in order of first appearance (stock ones included)
    shingles: np.ndarray  # sorted distinct uint64 shingle hashes
    numbers: frozenset[str]
    kept_chars: int  # characters of the non-stock sentences


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(match_key(text))


def _fmix64(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the n-gram combination over all 64 bits."""
    with np.errstate(over="ignore"):
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def _ids_of_characters(key: str) -> np.ndarray:
    """The code points of ``key``: the token ids of a text whose every token is one character."""
    return np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _ids(token_list: list[str], key: str | None = None) -> np.ndarray:
    """Token ids; a sentence of single characters (Chinese) is converted in one step from UTF-32."""
    key = "".join(token_list) if key is None else key
    if len(key) == len(token_list):
        return _ids_of_characters(key)
    # a list, then one array: faster than np.fromiter over a generator (most tokens are one character)
    return np.array([ord(t) if len(t) == 1 else _token_id(t) for t in token_list], dtype=np.uint64)


def _is_cjk(ids: np.ndarray) -> np.ndarray:
    return (((ids >= 0x3400) & (ids <= 0x4DBF)) | ((ids >= 0x4E00) & (ids <= 0x9FFF))
            | ((ids >= 0xF900) & (ids <= 0xFAFF)))


def _shingles_of(ids: np.ndarray) -> np.ndarray:
    if len(ids) == 0:
        return _EMPTY
    n = CJK_NGRAM if int(_is_cjk(ids).sum()) * 2 >= len(ids) else LATIN_NGRAM
    width = min(n, len(ids))
    count = len(ids) - width + 1
    with np.errstate(over="ignore"):
        h = ids[:count].copy()
        for k in range(1, width):
            h = h * _MIX + ids[k:k + count]
    h = _fmix64(h)
    h.sort()  # then drop repeats: a fraction of np.unique's time on arrays this small
    return h[np.concatenate(([True], h[1:] != h[:-1]))] if len(h) > 1 else h


def shingles(token_list: list[str]) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the token n-grams (the whole list when shorter than n)."""
    return _shingles_of(_ids(token_list))


ParsedSentence = tuple[str, int, np.ndarray]  # match key without punctuation, hash63 of it, token ids


def parse(body: str) -> list[ParsedSentence]:
    """(key, hash, token ids) per sentence: one ``match_key`` and one regex pass per paragraph.

    Cutting the paragraph's match key at the sentence ends equals cutting the paragraph first
    (``match_key`` works character by character; its NFKC turns full-width 。！？； marks into
    the ASCII ones the pattern also lists)."""
    found: list[ParsedSentence] = []
    for paragraph in split_paragraphs(body):
        for piece in _SENTENCE_END.split(match_key(paragraph)):
            if len(piece) < MIN_SENTENCE_CHARS:  # the key is never longer than the piece
                continue
            if _WORD_CHAR.search(piece) is None:  # Chinese only: every token is one character
                key, ids = _NOT_CJK.sub("", piece), None
            else:
                key, ids = _key_and_ids(piece)
            if len(key) >= MIN_SENTENCE_CHARS:
                found.append((key, hash63(key), _ids_of_characters(key) if ids is None else ids))
    return found


def _key_and_ids(piece: str) -> tuple[str, np.ndarray]:
    """Key and token ids of a sentence with words (digits, Latin). Each word is marked by one
    private-use character, so the ids come from one UTF-32 conversion, not a Python step per token."""
    words = _WORD.findall(piece)
    if len(words) > _MAX_MARKS or _PRIVATE_USE.search(piece):  # the marks would be ambiguous
        token_list = _TOKEN.findall(piece)
        key = "".join(token_list)
        return key, _ids(token_list, key)
    mark = itertools.count(_FIRST_MARK)
    marked = _NOT_TOKEN_OR_MARK.sub("", _WORD.sub(lambda _word: chr(next(mark)), piece))
    ids = _ids_of_characters(marked)
    at_marks = ids >= _FIRST_MARK
    at_marks &= ids < _FIRST_MARK + len(words)
    word_ids = np.array([ord(w) if len(w) == 1 else _token_id(w) for w in words], dtype=np.uint64)
    ids[at_marks] = word_ids[ids[at_marks].astype(np.intp) - _FIRST_MARK]
    return _PRIVATE_USE.sub(lambda found: words[ord(found.group()) - _FIRST_MARK], marked), ids


def sentences(body: str) -> list[tuple[str, int]]:
    """(match key without punctuation, hash) of each sentence long enough to fingerprint, in order."""
    return [(key, digest) for key, digest, _ in parse(body)]


def numbers(text: str) -> frozenset[str]:
    """Numbers of two or more characters: what differs between two issues of a recurring report."""
    return frozenset(n for n in _NUMBER.findall(match_key(text)) if len(n) >= 2)


def fingerprint(body: str, stock: Collection[int] = (), parsed: list[ParsedSentence] | None = None,
                ) -> TextFingerprint:
    """Sentences of ``body`` and the shingles of its non-stock text (``parsed``: ``parse(body)``, if at hand)."""
    seen: dict[int, SentenceHash] = {}
    kept: list[str] = []
    kept_ids: list[np.ndarray] = []
    for key, digest, ids in parse(body) if parsed is None else parsed:
        if digest not in seen:
            seen[digest] = SentenceHash(digest, len(key))
            if digest not in stock:
                kept.append(key)
                kept_ids.append(ids)
        # A sentence printed twice (OCR'd pages repeat paragraphs) counts once.
    if not seen:  # a body with no full sentence (a caption list): use it whole
        return TextFingerprint((), _shingles_of(_ids(tokens(body))), numbers(body), len(body))
    # the keys are match keys already (match_key gives the same key again): no second pass over the text
    found = frozenset(n for n in _NUMBER.findall("\n".join(kept)) if len(n) >= 2)
    return TextFingerprint(tuple(seen.values()), _shingles_of(np.concatenate(kept_ids) if kept_ids else _EMPTY), found,
                           sum(len(k) for k in kept))


def _fmix32(h: np.ndarray) -> np.ndarray:
    """murmur3's 32-bit finaliser, as datasketch's affine32 scheme applies it."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


def signature(shingle_hashes: np.ndarray) -> np.ndarray:
    """MinHash values (uint32) of a shingle set, from the low 32 bits of its hashes."""
    if len(shingle_hashes) == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = _fmix32((np.asarray(shingle_hashes, dtype=np.uint64) & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    with np.errstate(over="ignore"):
        values = np.multiply.outer(_PERM_A, hv)  # in place below: 8x faster than broadcasting expressions
        values += _PERM_B[:, None]
    return values.min(axis=1)


def band_hashes(values: np.ndarray) -> list[int]:
    """One 63-bit hash per LSH band; the band number is part of the hash."""
    rows = values.astype("<u4").reshape(BANDS, ROWS)
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + rows[band].tobytes(), digest_size=8).digest(), "little")
            & _MASK63 for band in range(BANDS)]


def _intersection(a: Collection[int] | np.ndarray, b: Collection[int] | np.ndarray) -> int:
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return len(np.intersect1d(a, b, assume_unique=True))
    return len(set(a) & set(b))


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment) of two shingle sets, as ``jaccard`` and ``containment`` give them, from one
    intersection. ``TextFingerprint.shingles`` are sorted and distinct: each of the smaller set's hashes is looked up
    in the larger by binary search, no concatenation and sort of both (``np.intersect1d``), which was 0.8 ms of the
    database thread per 1,000 articles at 100k stored (two per candidate judged; bench/ingest_scale.py)."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if small.dtype == large.dtype == np.uint64 and bool(np.all(large[1:] > large[:-1])):
        at = np.searchsorted(large, small)
        at[at == len(large)] = 0  # past the end: compared with the first value, which is smaller, so no match
        inter = int(np.count_nonzero(large[at] == small))
    else:  # not a fingerprint's sorted uint64 array (another dtype would be compared as floats)
        inter = _intersection(a, b)
    return inter / (len(a) + len(b) - inter), inter / len(small)


def jaccard(a: Collection[int] | np.ndarray, b: Collection[int] | np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    inter = _intersection(a, b)
    return inter / (len(a) + len(b) - inter)


def containment(a: Collection[int] | np.ndarray, b: Collection[int] | np.ndarray) -> float:
    """Share of the smaller set found in the larger one."""
    if not len(a) or not len(b):
        return 0.0
    return _intersection(a, b) / min(len(a), len(b))
