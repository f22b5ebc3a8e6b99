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

Encoding: a version byte, the length of a JSON header (sentences, stock, numbers, kept characters, story facts),
the header, then the shingles as little-endian uint64 (8 bytes each: about 8 per character of the body).
"""

from __future__ import annotations

import json
import struct
from collections import Counter
from dataclasses import dataclass

import numpy as np

from monitor.dedup.facts import StoryFacts
from monitor.dedup.minhash import SentenceHash, TextFingerprint

__all__ = ["COUNTS", "CandidateFacts", "decode", "encode"]

_VERSION = 1
_HEAD = struct.Struct("<BI")  # version, header length
_SHINGLE = np.dtype("<u8")
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
    header = {
        "s": [[s.hash, s.length] for s in text.sentences],
        "k": sorted(stock),
        "n": sorted(text.numbers),
        "c": text.kept_chars,
        "f": None if story is None else [sorted(getattr(story, name)) for name in _STORY],
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _HEAD.pack(_VERSION, len(head)) + head + np.asarray(text.shingles, dtype=_SHINGLE).tobytes()


def decode(blob: bytes) -> CandidateFacts | None:
    """None for a blob of another version (written by other code: derived from the body again)."""
    version, size = _HEAD.unpack_from(blob)
    if version != _VERSION:
        return None
    header = json.loads(blob[_HEAD.size : _HEAD.size + size])
    shingles = np.frombuffer(blob, dtype=_SHINGLE, offset=_HEAD.size + size)
    text = TextFingerprint(
        tuple(SentenceHash(h, n) for h, n in header["s"]),
        shingles.astype(np.uint64, copy=False),
        frozenset(header["n"]),
        header["c"],
    )
    story = None if header["f"] is None else StoryFacts(*(frozenset(values) for values in header["f"]))
    return CandidateFacts(text, frozenset(header["k"]), story)
