"""`monitor dedup rebuild`: recompute fingerprints, stock phrases and clusters of the stored corpus.

Needed after a threshold or normaliser change. Articles are re-judged in the order they
were stored, each against those already re-indexed, in batches of ``batch_size`` committed
one by one; each new story is linked into its event (related coverage) as at ingest. An article whose ``signature`` is NULL is still to do, so an interrupted rebuild
resumes where it stopped; a rebuild starts afresh (clearing the index and the clusters)
only when no article is left to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.dedup.deduplicator import DedupConfig, DedupIndex, Deduplicator
from monitor.items import DuplicateOf
from monitor.store.articles import Articles
from monitor.store.events import link_stored
from monitor.store.models import (
    Article,
    ArticleBand,
    Cluster,
    ParagraphFingerprint,
    SentenceFrequency,
    Source,
)
from monitor.timefmt import utcnow

__all__ = ["RebuildResult", "rebuild"]


@dataclass(frozen=True, slots=True)
class RebuildResult:
    total: int
    processed: int
    resumed: bool
    clusters: int
    duplicates: int


def _reset(session: Session) -> None:
    session.execute(delete(ArticleBand))
    session.execute(delete(ParagraphFingerprint))
    session.execute(delete(SentenceFrequency))
    session.execute(update(Article).values(signature=None, cluster_id=None, duplicate_of_id=None, dedup_level=None,
                                           similarity=None, dedup_evidence=None, dedup_facts=None))
    session.execute(delete(Cluster))
    session.commit()


def rebuild(engine: Engine, config: DedupConfig, priorities: Mapping[str, int] | None = None, batch_size: int = 500,
            progress: Callable[[int, int], None] | None = None) -> RebuildResult:
    """Re-judge every stored article; ``progress(done, total)`` after each batch."""
    report = progress or (lambda _done, _total: None)
    with Session(engine, expire_on_commit=False) as session:
        total = session.exec(select(func.count()).select_from(Article)).one()
        pending = session.exec(select(func.count()).select_from(Article).where(col(Article.signature).is_(None))).one()
        resumed = 0 < pending < total
        if not resumed:
            _reset(session)
            pending = total
        articles = Articles(session, priorities)
        names = dict(session.exec(select(Source.id, Source.name)).all())
        dedup = Deduplicator(session, config)
        index = DedupIndex(session)
        processed = 0
        report(total - pending, total)
        while True:
            rows = session.exec(select(Article).where(col(Article.signature).is_(None)).order_by(col(Article.id))
                                .limit(batch_size)).all()
            if not rows:
                break
            for row in rows:
                assert row.id is not None
                index.remove(row.id)  # rows left by an older index version
                verdict = dedup.check_stored(row.id, row.body)
                if isinstance(verdict, DuplicateOf):
                    row.dedup_level, row.similarity = verdict.level, verdict.similarity
                    articles.join_cluster(row, verdict.article_id, articles.priorities.get(names.get(row.source_id, ""), 0))
                else:
                    row.dedup_level, row.similarity, row.duplicate_of_id = None, None, None
                    cluster = Cluster(created_at=utcnow(), canonical_article_id=row.id)
                    session.add(cluster)
                    session.flush()
                    row.cluster_id = cluster.id
                    session.add(row)
                    assert cluster.id is not None
                    # related coverage: the clusters are new, so is their event; linked before the batch commits
                    link_stored(session, row.id, cluster.id, row.body, row.content_hash, row.published_at)
                assert verdict.fingerprint is not None
                index.add(row, verdict.fingerprint, learn=not isinstance(verdict, DuplicateOf), evidence=verdict.evidence)
                session.flush()
                processed += 1
            session.commit()
            report(total - pending + processed, total)
        clusters = session.exec(select(func.count()).select_from(Cluster)).one()
        duplicates = session.exec(select(func.count()).select_from(Article)
                                  .where(col(Article.duplicate_of_id).is_not(None))).one()
    return RebuildResult(total, processed, resumed, clusters, duplicates)
