"""The dedup stage: ``Deduplicator.check(article)`` gives a verdict against the stored corpus, with its
evidence: ``New``, ``Unchanged``, ``Revision`` or ``DuplicateOf`` (storage records it). ``prepare_body(body,
KNOWN_STOCK.snapshot())`` does the part that needs no database ahead, in a worker process; ``check(article,
prepared)`` then gives the same verdict. ``warm_known_stock`` fills ``KNOWN_STOCK`` from the database before a
crawl's first page.

Private: deduplicator (URL, content hash, MinHash/LSH candidates then exact shingle similarity), prepared
(hash, sentences, facts and fingerprint of a body, computed ahead), minhash,
article_rows and deferred_write (the index rows storage writes), rebuild (`monitor dedup rebuild`)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from monitor.items import DedupEvidence, DedupVerdict, DuplicateOf, New, Revision, Unchanged

if TYPE_CHECKING:
    from monitor.dedup.deduplicator import DedupConfig, Deduplicator, warm_known_stock
    from monitor.dedup.prepared import KNOWN_STOCK, PreparedBody, prepare_body

__all__ = ["KNOWN_STOCK", "DedupConfig", "DedupEvidence", "DedupVerdict", "Deduplicator", "DuplicateOf", "New",
           "PreparedBody", "Revision", "Unchanged", "prepare_body", "warm_known_stock"]
_LAZY = {"DedupConfig": "deduplicator", "Deduplicator": "deduplicator", "KNOWN_STOCK": "prepared",
         "PreparedBody": "prepared", "prepare_body": "prepared", "warm_known_stock": "deduplicator"}


def __getattr__(name: str) -> Any:
    # the deduplicator is loaded on first use: importing a light module of the package (events,
    # article_rows) need not load MinHash, numpy and the LSH index behind it
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"monitor.dedup.{_LAZY[name]}"), name)
