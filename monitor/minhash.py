"""Pure text fingerprints for dedup: tokens, shingles, MinHash signature, LSH bands, sentence hashes.

Everything here is a pure function of a text (and of the set of stock sentences to leave
out); the dedup stage and storage decide what to do with the results.

- Tokens: every CJK character is a token, every run of Latin letters/digits is a token
  (case-folded through ``normalise.match_key``); punctuation and spaces are dropped, so
  re-typed punctuation and OCR'd spacing do not change a fingerprint.
- Shingles: token n-grams, n = ``CJK_NGRAM`` (characters) for Chinese text and
  ``LATIN_NGRAM`` (words) for Latin text.
- Sentences: a body cut at paragraph breaks and at 。！？；!?; ; each sentence's
  match key is hashed to 63 bits. They serve both as "paragraph fingerprints" (sentence
  granularity, so split or merged paragraphs still match) and as the unit of stock-phrase
  document frequency.
- MinHash: datasketch's ``MinHash`` with precomputed permutations and ``update_batch``
  (vectorised numpy), ``NUM_PERM`` values stored as little-endian uint32;
  LSH: ``BANDS`` bands of ``ROWS`` rows, each band hashed to a signed-safe 63-bit integer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from .normalise import match_key, split_paragraphs

__all__ = [
    "NUM_PERM", "BANDS", "ROWS", "SentenceHash", "TextFingerprint", "hash63", "tokens", "shingles",
    "sentences", "fingerprint", "signature", "band_hashes", "numbers", "jaccard", "containment",
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
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def hash63(text: str) -> int:
    """A stable 63-bit hash (fits PostgreSQL's signed BIGINT)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little") & _MASK63


def _hash32(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=4).digest(), "little")


@dataclass(frozen=True, slots=True)
class SentenceHash:
    hash: int
    length: int  # characters of the sentence's match key


@dataclass(frozen=True, slots=True)
class TextFingerprint:
    """A body's sentences and its shingles with the stock sentences left out."""

    sentences: tuple[SentenceHash, ...]  # distinct, in order of first appearance (stock ones included)
    shingles: frozenset[str]
    numbers: frozenset[str]
    kept_chars: int  # characters of the non-stock sentences


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(match_key(text))


def shingles(token_list: list[str]) -> set[str]:
    cjk = sum(1 for t in token_list if len(t) == 1 and _CJK.match(t))
    n = CJK_NGRAM if cjk * 2 >= len(token_list) else LATIN_NGRAM
    if len(token_list) <= n:
        return {" ".join(token_list)} if token_list else set()
    return {" ".join(token_list[i:i + n]) for i in range(len(token_list) - n + 1)}


def sentences(body: str) -> list[tuple[str, int]]:
    """(match key without punctuation, hash) of each sentence long enough to fingerprint, in order."""
    found: list[tuple[str, int]] = []
    for paragraph in split_paragraphs(body):
        for piece in _SENTENCE_END.split(paragraph):
            key = "".join(tokens(piece))
            if len(key) >= MIN_SENTENCE_CHARS:
                found.append((key, hash63(key)))
    return found


def numbers(text: str) -> frozenset[str]:
    """Numbers of two or more characters: what differs between two issues of a recurring report."""
    return frozenset(n for n in _NUMBER.findall(match_key(text)) if len(n) >= 2)


def fingerprint(body: str, stock: Collection[int] = ()) -> TextFingerprint:
    """Sentences of ``body`` and the shingles of its non-stock text."""
    seen: dict[int, SentenceHash] = {}
    kept: list[str] = []
    for key, digest in sentences(body):
        if digest not in seen:
            seen[digest] = SentenceHash(digest, len(key))
            if digest not in stock:
                kept.append(key)
        # A sentence printed twice (OCR'd pages repeat paragraphs) counts once.
    if not seen:  # a body with no full sentence (a caption list): use it whole
        kept = [body]
    text = "\n".join(kept)
    token_list = [t for piece in kept for t in tokens(piece)]
    return TextFingerprint(tuple(seen.values()), frozenset(shingles(token_list)), numbers(text),
                           sum(len(k) for k in kept))


def signature(shingle_set: Iterable[str]) -> np.ndarray:
    """MinHash values (uint32) of a shingle set."""
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=_hash32, permutations=_PERMUTATIONS, scheme=_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    return minhash.hashvalues.astype(np.uint32)


def band_hashes(values: np.ndarray) -> list[int]:
    """One 63-bit hash per LSH band; the band number is part of the hash."""
    rows = values.astype("<u4").reshape(BANDS, ROWS)
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + rows[band].tobytes(), digest_size=8).digest(), "little")
            & _MASK63 for band in range(BANDS)]


def jaccard(a: Collection[str], b: Collection[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(set(a) & set(b))
    return inter / (len(a) + len(b) - inter)


def containment(a: Collection[str], b: Collection[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(a), len(b))
