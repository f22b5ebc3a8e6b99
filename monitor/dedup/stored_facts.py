"""What the exact check of a candidate reads of a stored article, kept with the article (``article.dedup_facts``).

A candidate that comes near a threshold is judged on its shingles, its numbers and the facts of its story
(``Deduplicator._judge``). Derived again at every probe from the stored body (read, parsed, fingerprinted,
tagged), that was a quarter of the database thread's time at 10k stored (bench/ingest_scale.py, cProfile);
the article's own check has all of it at hand, so storage writes it with the row and a probe reads it back
in the statement that reads the candidates' stock sentences.

The shingles leave out the sentences that were stock phrases when the article was checked (``stock``). A
sentence's story count only grows, so a sentence may have become stock since: the probe compares the
candidate's stock sentences now with ``stock``, and when they differ (or the row has no facts: stored before
migration 0016, or by a bulk load) fingerprints the stored body as before and writes the facts back
(``Deduplicator._verify``). The story facts (tagger, ~1 ms) are kept when the check had them at hand (a body
prepared in a worker, or verified against a candidate); else ``story`` is None and they are derived from the
body when a candidate needs them.

The story facts come from the tagger and its gazetteer: the header carries their fingerprint
(``facts.tagger_fingerprint``), and facts made by another one (a gazetteer changed since, or a blob of version 2,
which carried none) read as absent: derived from the body when a candidate needs them, and written back. The
shingles, numbers and sentences do not depend on the tagger and are kept.

Encoding (little-endian): a header (version, counts, kept characters, tagger fingerprint), the sentence hashes
(int64) and lengths (int32), the stock sentences (int64), the numbers and story facts as JSON, then the shingles
(uint64, 8 bytes each: about 8 per character of the body, ~2.6 times the body's UTF-8).
"""

from __future__ import annotations

import json
import struct
from collections import Counter
from dataclasses import dataclass

import numpy as np

from monitor.dedup.facts import Figures, StoryFacts, tagger_fingerprint
from monitor.dedup.minhash import SentenceHash, TextFingerprint

__all__ = ["COUNTS", "PREFIX", "CandidateFacts", "decode", "encode", "story_figures"]

_VERSION = 3
# version, sentences, stock sentences, kept characters, bytes of the JSON part, shingles (the blob's whole length
# follows from these: a cut blob is told from a whole one), the fingerprint of the tagger of its story facts
_HEAD = struct.Struct("<BIIIIIQ")
# version 2: the same without the fingerprint (its story facts read as absent, the rest as stored)
_HEADS = {_VERSION: _HEAD, 2: struct.Struct("<BIIIII")}
_HASH, _LENGTH, _SHINGLE = np.dtype("<i8"), np.dtype("<i4"), np.dtype("<u8")
_STORY = StoryFacts.__match_args__
# per process: candidates whose stored facts were taken ("stored") or derived from the body ("derived": missing,
# or another stock assumption); benchmarks print them
COUNTS: Counter[str] = Counter()


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    text: TextFingerprint  # with the sentences of ``stock`` left out
    stock: frozenset[int]  # the article's sentences that were stock phrases when ``text`` was made
    story: StoryFacts | None  # None: not at hand when stored


def encode(text: TextFingerprint, stock: frozenset[int], story: StoryFacts | None) -> bytes:
    strings = {
        "n": sorted(text.numbers),
        "f": None if story is None else [sorted(getattr(story, f)) for f in _STORY],
    }
    tail = json.dumps(strings, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"".join(
        (
            _HEAD.pack(_VERSION, len(text.sentences), len(stock), text.kept_chars, len(tail), len(text.shingles),
                       tagger_fingerprint()),
            np.array([s.hash for s in text.sentences], dtype=_HASH).tobytes(),
            np.array([s.length for s in text.sentences], dtype=_LENGTH).tobytes(),
            np.array(sorted(stock), dtype=_HASH).tobytes(),
            tail,
            np.asarray(text.shingles, dtype=_SHINGLE).tobytes(),
        )
    )


# what a damaged or cut blob raises while decoded (struct, numpy and json errors; UnicodeDecodeError is a ValueError)
_UNREADABLE = (struct.error, ValueError, KeyError, TypeError, IndexError)


def decode(blob: bytes) -> CandidateFacts | None:
    """None for a blob of another version (written by other code) or one that does not decode (damaged, cut): the
    facts are then derived from the body again, as for a row without them, and written back."""
    try:
        return _decode(blob)
    except _UNREADABLE:
        return None


def _header(blob: bytes) -> tuple[int, int, int, int, int, int, bool] | None:
    """(size, sentences, stock sentences, kept characters, JSON bytes, shingles, whether the story facts are the
    current tagger's) of a blob's header; None for a version this code does not read."""
    head = _HEADS.get(blob[0]) if blob else None
    if head is None:
        return None
    _version, sentences, stock, kept_chars, tail, shingles, *tagger = head.unpack_from(blob)
    return head.size, sentences, stock, kept_chars, tail, shingles, tagger == [tagger_fingerprint()]


def _decode(blob: bytes) -> CandidateFacts | None:
    header = _header(blob)
    if header is None:
        return None
    at, sentences, stock, kept_chars, tail, shingle_count, current = header
    if len(blob) != at + 12 * sentences + 8 * stock + tail + 8 * shingle_count:
        return None
    hashes = np.frombuffer(blob, dtype=_HASH, count=sentences, offset=at).tolist()
    at += 8 * sentences
    lengths = np.frombuffer(blob, dtype=_LENGTH, count=sentences, offset=at).tolist()
    at += 4 * sentences
    stocked = np.frombuffer(blob, dtype=_HASH, count=stock, offset=at).tolist()
    at += 8 * stock
    strings = json.loads(blob[at : at + tail])
    shingles = np.frombuffer(blob, dtype=_SHINGLE, offset=at + tail)
    text = TextFingerprint(
        tuple(map(SentenceHash, hashes, lengths)),
        shingles.astype(np.uint64, copy=False),
        frozenset(strings["n"]),
        kept_chars,
    )
    story = None if strings["f"] is None or not current else StoryFacts(*map(frozenset, strings["f"]))
    return CandidateFacts(text, frozenset(stocked), story)


# Bytes of a blob that hold its story facts for most articles (header, ~30 sentences, a few hundred bytes of
# JSON): event linking reads this prefix only (``substr``), not the shingles.
PREFIX = 2048


def story_figures(prefix: bytes) -> Figures | None:
    """The quantities, dates and ordinals of the story (what event linking compares) from a blob or its first
    bytes; None when the blob has no story facts (or another tagger's), is of another version or damaged, or they lie
    beyond ``prefix``."""
    try:
        return _story_figures(prefix)
    except _UNREADABLE:
        return None


def _story_figures(prefix: bytes) -> Figures | None:
    header = _header(prefix)
    if header is None:
        return None
    # the figures come from facts.figures (numbers, dates, ordinals read by a pattern), not from the tagger: a blob
    # of another tagger's fingerprint still holds them right
    size, sentences, stock, _kept, tail, _shingles, _current = header
    at = size + 12 * sentences + 8 * stock
    if at + tail > len(prefix):
        return None
    story = json.loads(prefix[at : at + tail])["f"]
    if story is None:
        return None
    found = dict(zip(_STORY, story, strict=True))
    return Figures(frozenset(found["quantities"]), frozenset(found["dates"]), frozenset(found["ordinals"]))
