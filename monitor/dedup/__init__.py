"""The dedup stage: ``Deduplicator.check(article)`` gives a verdict against the stored corpus, with its
evidence: ``New``, ``Unchanged``, ``Revision`` or ``DuplicateOf`` (storage records it).

Private: deduplicator (URL, content hash, MinHash/LSH candidates then exact shingle similarity), minhash,
article_rows and deferred_write (the index rows storage writes), rebuild (`monitor dedup rebuild`)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from monitor.items import DedupEvidence, DedupVerdict, DuplicateOf, New, Revision, Unchanged

if TYPE_CHECKING:
    from monitor.dedup.deduplicator import DedupConfig, Deduplicator

__all__ = ["DedupConfig", "DedupEvidence", "DedupVerdict", "Deduplicator", "DuplicateOf", "New", "Revision",
           "Unchanged"]


def __getattr__(name: str) -> Any:
    # the deduplicator is loaded on first use: importing a light module of the package (events,
    # article_rows) need not load MinHash, numpy and the LSH index behind it
    if name not in ("DedupConfig", "Deduplicator"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module("monitor.dedup.deduplicator"), name)
