"""The dedup work on an article's body that needs no database, done ahead of its check (in worker processes).

``prepare_body(body, stock)`` gives a ``PreparedBody``: the content hash, the parsed sentences, the story's
facts, and the body's fingerprint (shingles, MinHash values, LSH bands) with the stock sentences left out as
``stock`` says. The crawl's worker processes run it beside extraction and tagging (``monitor/itemwork.py``),
so the database thread only looks up and writes; ``Deduplicator.check(article, prepared)`` then takes what
still holds and gives the verdict the check without it gives:

- hash, sentences and facts are pure functions of the body: always taken;
- the fingerprint depends on which of the body's sentences are stock phrases, which only the database knows
  at check time. A worker assumes those of ``stock`` (``KnownStock.snapshot()``: the stock sentences the
  process met in its lookups, handed over with the page); the check compares the assumption with the
  database's answer and fingerprints the body again when they differ (a sentence became stock since).

Pure: a worker writes nothing, so a worker killed half way loses nothing (its page is prepared again).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from monitor.dedup.facts import StoryFacts, story_facts
from monitor.dedup.minhash import (
    ParsedSentence,
    SentenceHash,
    TextFingerprint,
    band_hashes,
    fingerprint,
    parse,
    signature,
)
from monitor.items import Fingerprint
from monitor.normalise import content_hash

__all__ = ["KNOWN_STOCK", "KnownStock", "PreparedBody", "Probe", "prepare_body", "probe_of"]


@dataclass(frozen=True, slots=True)
class Probe:
    """A body's fingerprint for the check, with the stock sentences it left out."""

    text: TextFingerprint
    values: np.ndarray  # MinHash values (uint32)
    fingerprint: Fingerprint
    stock: frozenset[int]  # this body's sentences that are stock phrases
    body: str

    @property
    def stock_count(self) -> int:
        return len(self.stock)


def probe_of(body: str, parsed: list[ParsedSentence], stock: frozenset[int]) -> Probe:
    """The fingerprint of ``body`` (``parsed``: ``parse(body)``) with ``stock`` (its stock sentences) left out."""
    text = fingerprint(body, stock, parsed)
    values = signature(text.shingles)
    bands = tuple(band_hashes(values)) if len(text.shingles) else ()
    fp = Fingerprint(values.astype("<u4").tobytes(), bands, tuple(s.hash for s in text.sentences),
                     tuple(s.length for s in text.sentences))
    return Probe(text, values, fp, stock, body)


@dataclass(frozen=True, slots=True)
class PreparedBody:
    """What ``Deduplicator.check`` computes from a body alone, computed beforehand."""

    content_hash: str
    parsed: list[ParsedSentence]
    facts: StoryFacts
    probe: Probe  # with the stock sentences the preparing process assumed (``probe.stock``)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Sent back from a worker in a few arrays and tuples: pickled as they are, its ~70 small objects (a numpy
        array per sentence, a dataclass per sentence hash) cost the receiving process ~0.4 ms to unpickle, on the
        database thread's core. What can be derived (sentence hashes, MinHash values) is rebuilt."""
        ids = [found for _, _, found in self.parsed]
        text, fp = self.probe.text, self.probe.fingerprint
        return _rebuilt, (self.content_hash, tuple(key for key, _, _ in self.parsed),
                          tuple(digest for _, digest, _ in self.parsed), np.concatenate(ids) if ids else _NO_IDS,
                          tuple(len(found) for found in ids), tuple(getattr(self.facts, f) for f in _FACTS),
                          text.shingles, text.numbers, text.kept_chars, fp, self.probe.stock, self.probe.body)


_NO_IDS = np.zeros(0, dtype=np.uint64)
_FACTS = StoryFacts.__match_args__


def _rebuilt(content_hash: str, keys: tuple[str, ...], hashes: tuple[int, ...], ids: np.ndarray,
             sizes: tuple[int, ...], facts: tuple[frozenset[str], ...], shingles: np.ndarray, numbers: frozenset[str],
             kept_chars: int, fp: Fingerprint, stock: frozenset[int], body: str) -> PreparedBody:
    parts, start = [], 0
    for size in sizes:  # views into the one array (np.split costs ~2 µs a piece)
        parts.append(ids[start:start + size])
        start += size
    text = TextFingerprint(tuple(SentenceHash(h, n) for h, n in zip(fp.sentence_hashes, fp.sentence_lengths, strict=True)),
                           shingles, numbers, kept_chars)
    probe = Probe(text, np.frombuffer(fp.signature, dtype="<u4"), fp, stock, body)
    return PreparedBody(content_hash, list(zip(keys, hashes, parts, strict=True)), StoryFacts(*facts), probe)


def prepare_body(body: str, stock: np.ndarray | None = None) -> PreparedBody:
    """``stock``: sorted stock sentence hashes (int64) the fingerprint leaves out (``KnownStock.snapshot``)."""
    parsed = parse(body)
    mine: frozenset[int] = frozenset()
    if stock is not None and len(stock) and parsed:
        hashes = np.fromiter((h for _, h, _ in parsed), dtype=np.int64, count=len(parsed))
        mine = frozenset(hashes[np.isin(hashes, stock, assume_unique=False)].tolist())
    return PreparedBody(content_hash(body), parsed, story_facts(body), probe_of(body, parsed, mine))


class KnownStock:
    """The stock sentences this process met in its dedup lookups, for the workers that fingerprint ahead.

    A sentence's story count only grows (storage counts; ``monitor dedup rebuild`` counts afresh), so a sentence
    met as stock stays stock; what a worker assumed wrongly is found at the check, which then fingerprints again
    (slower, never another verdict). At most ``limit`` hashes: a snapshot travels with every page handed over."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._hashes: set[int] = set()
        self._snapshot: np.ndarray = np.zeros(0, dtype=np.int64)
        self._lock = threading.Lock()  # database threads add while the event loop takes snapshots
        self.held = self.failed = 0  # prepared fingerprints taken / made again at the check (benchmarks print them)
        self.warmed = False  # filled from the database's counts once (``Deduplicator.warm_known_stock``)

    def add(self, hashes: Iterable[int]) -> None:
        new = [h for h in hashes if h not in self._hashes]
        if not new:
            return
        with self._lock:
            room = self.limit - len(self._hashes)
            if room <= 0:
                return
            self._hashes.update(new[:room])
            self._snapshot = np.array(sorted(self._hashes), dtype=np.int64)

    def snapshot(self) -> np.ndarray:
        """Sorted int64 hashes (a new array at each change: a snapshot handed out never changes)."""
        return self._snapshot

    def clear(self) -> None:
        with self._lock:
            self._hashes.clear()
            self._snapshot = np.zeros(0, dtype=np.int64)
            self.warmed = False


KNOWN_STOCK = KnownStock()  # per process, as the memos of parsed bodies and facts
