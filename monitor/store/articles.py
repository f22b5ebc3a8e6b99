"""Articles with their dedup verdicts, clusters and tags, and the dedup index rows written with them.

Nothing here commits: an article is committed together with its URL's new state (a crawl, a
backfill: ``monitor.pipeline.handle_item``) or with its import batch (``monitor.importer``), in one
``commit_retrying`` transaction, so a crash between two articles neither loses nor duplicates one,
and a lost connection runs the whole transaction once more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from monitor.dedup.article_rows import ArticleRows, TagRows
from monitor.dedup.deduplicator import DedupIndex
from monitor.items import (
    DedupVerdict,
    DuplicateOf,
    ExtractedArticle,
    New,
    Revision,
    TagSet,
    Unchanged,
)
from monitor.store.events import link_event, particulars, stored_particulars
from monitor.store.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    ArticleTopic,
    ArticleZone,
    Cluster,
    Source,
)
from monitor.store.rawsql import RawSql
from monitor.timefmt import utcnow

__all__ = ["Articles", "StoreResult"]

StoreStatus = Literal["new", "duplicate", "revision", "unchanged"]


@dataclass(frozen=True, slots=True)
class StoreResult:
    article_id: int
    status: StoreStatus
    cluster_id: int
    duplicate_of: int | None
    similarity: float | None = None  # to the cluster's canonical member (None for it)


@dataclass(frozen=True, slots=True)
class _JoinedCluster:
    cluster_id: int
    canonical_id: int
    replaced: bool  # the joining copy becomes the canonical member


# A stored article's cluster, its canonical member, the member's publish time and source name.
_CLUSTER_OF = ("SELECT cluster.id, canonical.id, canonical.published_at, source.name FROM article AS target "
               "JOIN cluster ON cluster.id = target.cluster_id "
               "JOIN article AS canonical ON canonical.id = "
               "COALESCE(cluster.canonical_article_id, target.duplicate_of_id, target.id) "
               "JOIN source ON source.id = canonical.source_id WHERE target.id = ?")


class Articles:
    """Stored articles, their clusters and tags. Every method writes into the caller's transaction: the
    caller commits (through ``commit_retrying``, with the other writes of that transaction)."""

    def __init__(self, session: Session, priorities: Mapping[str, int] | None = None) -> None:
        self.session = session
        self.priorities = dict(priorities or {})  # source name -> priority (sources file); higher wins a tie
        self.rows = ArticleRows(session)
        self.sql = RawSql(session)
        self._published: Callable[[Any], Any] | None = None


    def store_article(self, article: ExtractedArticle, verdict: DedupVerdict, tags: TagSet, source: Source,
                      fetched_at: datetime) -> StoreResult:
        """Write one article as the verdict says, with its dedup index rows and cluster. The caller commits."""
        assert source.id is not None
        if isinstance(verdict, Unchanged):
            row = self.session.get(Article, verdict.article_id)
            assert row is not None and row.cluster_id is not None
            return StoreResult(verdict.article_id, "unchanged", row.cluster_id, row.duplicate_of_id, row.similarity)
        if isinstance(verdict, Revision):
            row = self.session.get(Article, verdict.article_id)
            assert row is not None and row.cluster_id is not None
            self._fill(row, article, fetched_at)
            row.content_hash = verdict.content_hash
            row.revision += 1
            self.session.add(row)
            if verdict.fingerprint is not None:
                index = DedupIndex(self.session)
                index.remove(verdict.article_id)
                self.session.flush()
                index.add(row, verdict.fingerprint, learn=False, evidence=None)
            self._write_tags(verdict.article_id, tags)
            if row.duplicate_of_id is None:  # its story's text changed: its event is judged again
                link_event(self.session, verdict.article_id, row.cluster_id, row.body, row.content_hash,
                           row.published_at, tags, again=True)
            return StoreResult(verdict.article_id, "revision", row.cluster_id, row.duplicate_of_id, row.similarity)

        return self._store_new(article, verdict, tags, source, fetched_at)

    def _store_new(self, article: ExtractedArticle, verdict: New | DuplicateOf, tags: TagSet, source: Source,
                   fetched_at: datetime) -> StoreResult:
        """A URL not stored before: a new story, or a copy joining its original's cluster."""
        assert source.id is not None
        now = utcnow()
        fp = verdict.fingerprint
        evidence = verdict.evidence.to_json() if verdict.evidence else None
        level, similarity = (verdict.level, verdict.similarity) if isinstance(verdict, DuplicateOf) else (None, None)
        published = article.published
        joined = None
        if isinstance(verdict, DuplicateOf):
            joined = self._joined_cluster(verdict.article_id, published.value if published else None,
                                          self.priorities.get(source.name, 0))
        replaces = joined is not None and joined.replaced
        canonical_id = None if joined is None or replaces else joined.canonical_id
        # A copy that replaces the canonical member is stored as the canonical (no level of its own), and the
        # old canonical takes the level: the cluster ends the same whichever copy arrived first (sources are
        # crawled concurrently, so arrival order is timing).
        own = (None, None, None) if replaces else (level, similarity, evidence)
        values = (article.url, article.title, article.author, article.author_post, article.source_name,
                  article.page_title, published.value if published else None, published.precision if published else None,
                  article.body, verdict.content_hash, source.id, canonical_id, own[0], own[1], 1,
                  tags.content_type, tags.relevant, False, fp.signature if fp else None, own[2], fetched_at, now,
                  fp.facts if fp else None)
        article_id, cluster_id = self.rows.insert(values, cluster_id=None if joined is None else joined.cluster_id,
                                                  created_at=now, fingerprint=fp, learn=isinstance(verdict, New),
                                                  tags=_tag_rows(tags))
        if joined is not None and replaces:
            self._become_canonical(article_id, joined, level, similarity, evidence)
        if isinstance(verdict, DuplicateOf):
            return StoreResult(article_id, "duplicate", cluster_id, canonical_id, similarity)
        # another outlet's report of the same event: related coverage, a level above copies
        link_event(self.session, article_id, cluster_id, article.body, verdict.content_hash, published.value if published else None,
                   tags)
        return StoreResult(article_id, "new", cluster_id, None, None)

    # clusters ----------------------------------------------------------------------
    def _canonical_key(self, row: Article, priority: int | None = None) -> tuple[bool, datetime, int, int]:
        """Canonical rule: earliest publish time (unknown last), then highest source priority, then first stored."""
        if priority is None:
            name = self.session.exec(select(Source.name).where(Source.id == row.source_id)).first()
            priority = self.priorities.get(name or "", 0)
        assert row.id is not None
        published = row.published_at or datetime.max.replace(tzinfo=UTC)
        return (row.published_at is None, published, -priority, row.id)

    def _joined_cluster(self, target_id: int, published_at: datetime | None, priority: int) -> _JoinedCluster:
        """The cluster a copy of ``target_id`` joins, and whether the copy (published at ``published_at``, from a
        source of ``priority``) replaces its canonical member by the rule of ``_canonical_key``: a backfill
        published earlier, or one published at the same time by a higher-priority source."""
        found = self.sql.one(_CLUSTER_OF, [target_id])
        assert found is not None, f"article {target_id} has no cluster"
        cluster_id, canonical_id, published, canonical_source = found
        if self._published is None:
            dialect = self.session.connection().dialect
            column_type = Article.__table__.c["published_at"].type  # type: ignore[attr-defined]
            self._published = column_type.dialect_impl(dialect).result_processor(dialect, None)
        published = self._published(published) if self._published and published is not None else published
        never = datetime.max.replace(tzinfo=UTC)
        mine = (published_at is None, published_at or never, -priority)
        theirs = (published is None, published or never, -self.priorities.get(canonical_source or "", 0))
        # The new row's id is above the canonical's: a full tie keeps the canonical member.
        return _JoinedCluster(int(cluster_id), int(canonical_id), mine < theirs)

    def _become_canonical(self, article_id: int, joined: _JoinedCluster, level: str | None,
                          similarity: float | None, evidence: str | None) -> None:
        """The new copy replaces the cluster's canonical member: the others' ``duplicate_of`` move to it."""
        self.session.execute(update(Cluster).where(col(Cluster.id) == joined.cluster_id)
                             .values(canonical_article_id=article_id))
        self.session.execute(
            update(Article).where(col(Article.cluster_id) == joined.cluster_id).where(col(Article.id) != article_id)
            .values(duplicate_of_id=article_id)
        )
        canonical = self.session.get(Article, joined.canonical_id)
        assert canonical is not None
        if canonical.dedup_level is None:  # the old canonical is now a copy of the new one, as similar
            canonical.dedup_level, canonical.similarity, canonical.dedup_evidence = level, similarity, evidence
            self.session.add(canonical)

    def join_cluster(self, row: Article, target_id: int, priority: int) -> None:
        """Put a flushed duplicate into its target's cluster; a backfill published earlier becomes canonical.
        (``monitor dedup rebuild``: new articles go through ``_store_new``.)"""
        target = self.session.get(Article, target_id)
        assert target is not None and target.cluster_id is not None and row.id is not None
        cluster = self.session.get(Cluster, target.cluster_id)
        assert cluster is not None
        canonical = self.session.get(Article, cluster.canonical_article_id or target.duplicate_of_id or target_id)
        assert canonical is not None and canonical.id is not None
        row.cluster_id = cluster.id
        if self._canonical_key(row, priority) < self._canonical_key(canonical):
            cluster.canonical_article_id = row.id
            self.session.add(cluster)
            self.session.execute(
                update(Article).where(col(Article.cluster_id) == cluster.id).where(col(Article.id) != row.id)
                .values(duplicate_of_id=row.id)
            )
            self.session.expire(canonical)
            if canonical.dedup_level is None:  # the old canonical is now a copy of the new one, as similar
                canonical.dedup_level, canonical.similarity = row.dedup_level, row.similarity
                canonical.dedup_evidence = row.dedup_evidence
            row.dedup_level = row.similarity = row.dedup_evidence = None  # as _store_new: the canonical has no level
            row.duplicate_of_id = None
        else:
            row.duplicate_of_id = canonical.id
        self.session.add(row)
        self.session.flush()

    @staticmethod
    def _fill(row: Article, article: ExtractedArticle, fetched_at: datetime) -> None:
        row.title, row.body = article.title, article.body
        row.author, row.author_post, row.source_name = article.author, article.author_post, article.source_name
        row.page_title = article.page_title
        row.published_at = article.published.value if article.published else None
        row.published_precision = article.published.precision if article.published else None
        row.fetched_at = fetched_at

    def _write_tags(self, article_id: int, tags: TagSet) -> None:
        """Replace a stored article's zone, topic, person and place tags, content type and relevance (a new
        article's tags go in with its row: ``_tag_rows``)."""
        rows = _tag_rows(tags)
        zones = [(article_id, *row) for row in rows.zones]
        topics = [(article_id, *row) for row in rows.topics]
        people = [(article_id, *row) for row in rows.people]
        places = [(article_id, *row) for row in rows.places]
        for table in (ArticleZone, ArticleTopic, ArticlePerson, ArticlePlace):
            self.session.exec(delete(table).where(col(table.article_id) == article_id))  # type: ignore[call-overload]
        for a, zone_id, role, score in zones:
            self.session.add(ArticleZone(article_id=a, zone_id=zone_id, role=role, score=score))
        for a, topic_id, score in topics:
            self.session.add(ArticleTopic(article_id=a, topic_id=topic_id, score=score))
        for a, name, post, zone_id in people:
            self.session.add(ArticlePerson(article_id=a, name=name, post=post, zone_id=zone_id))
        for a, province, city in places:
            self.session.add(ArticlePlace(article_id=a, province=province, city=city))
        row = self.session.get(Article, article_id)
        if row is not None:
            row.content_type, row.relevant = tags.content_type, tags.relevant
            self.session.add(row)

    def retag(self, article_id: int, tags: TagSet) -> None:
        """Replace a stored article's tags (after a taxonomy or gazetteer change). The caller commits.

        A story whose subject zones or people change is linked into its event again (``link_event(..., again=True)``).
        Its stored dedup facts are dropped: their story facts came from the tagger being replaced (the next check
        that meets the article as a candidate derives them again, with the new one)."""
        before = stored_particulars(self.session, article_id)
        stored = self.session.get(Article, article_id)
        if stored is not None and stored.dedup_facts is not None:
            stored.dedup_facts = None
            self.session.add(stored)
        self._write_tags(article_id, tags)
        if particulars(tags) == before:
            return
        row = self.session.get(Article, article_id)
        if row is not None and row.duplicate_of_id is None and row.cluster_id is not None:
            link_event(self.session, article_id, row.cluster_id, row.body, row.content_hash, row.published_at, tags,
                       again=True)


def _tag_rows(tags: TagSet) -> TagRows:
    """The tag rows of an article (one place row per province and city; names cut to their column)."""
    return TagRows(tuple((tag.zone_id, tag.role, tag.score) for tag in tags.zones),
                   tuple((topic.topic_id, topic.score) for topic in tags.topics),
                   tuple((person.name[:100], person.post, person.zone_id) for person in tags.people),
                   tuple(dict.fromkeys((p.province, p.city) for p in tags.places)))
