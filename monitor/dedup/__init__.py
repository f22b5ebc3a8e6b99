"""The dedup stage: ``Deduplicator.check(article)`` gives a verdict against the stored corpus, with its
evidence: ``New``, ``Unchanged``, ``Revision`` or ``DuplicateOf`` (storage records it).

Private: deduplicator (URL, content hash, MinHash/LSH candidates then exact shingle similarity), minhash,
article_rows and deferred_write (the index rows storage writes), rebuild (`monitor dedup rebuild`)."""

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import DedupEvidence, DedupVerdict, DuplicateOf, New, Revision, Unchanged

__all__ = ["DedupConfig", "DedupEvidence", "DedupVerdict", "Deduplicator", "DuplicateOf", "New", "Revision",
           "Unchanged"]
