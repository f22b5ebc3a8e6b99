"""Read-side queries shared by the CLI and the digest: articles with their tags, as ArticleView objects."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from monitor.items import PublishDate, ZoneTag
from monitor.store.models import Article, ArticlePerson, ArticleTopic, ArticleZone, Cluster, Source

__all__ = ["ArticleView", "ArticleFilter", "ExportedArticle", "export_articles", "list_articles"]


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    zones: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: datetime | None = None  # publish time
    until: datetime | None = None
    stored_after: datetime | None = None
    text: str | None = None
    keywords: tuple[str, ...] = ()  # any of them in title or body
    canonical_only: bool = False
    ids: tuple[int, ...] = ()
    content_types: tuple[str, ...] = ()
    limit: int | None = None
    offset: int = 0  # with limit: one page of the list


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    url: str
    title: str
    author: str | None
    author_post: str | None
    published: PublishDate | None
    body: str
    source: str
    zones: tuple[ZoneTag, ...]
    cluster_id: int | None
    duplicate_of: str | None  # URL of the cluster's canonical article
    stored_at: datetime
    page_title: str | None = None  # a roundup piece: the headline of its page


def _published(article: Article) -> PublishDate | None:
    if article.published_at is None:
        return None
    return PublishDate(article.published_at, article.published_precision or "second")  # type: ignore[arg-type]


def _filtered(query: Any, filters: ArticleFilter) -> Any:
    """``query`` (of Article joined with Source) narrowed to the articles ``filters`` select."""
    if filters.zones:
        query = query.where(col(Article.id).in_(select(ArticleZone.article_id).where(col(ArticleZone.zone_id).in_(filters.zones))))
    if filters.topics:
        query = query.where(col(Article.id).in_(select(ArticleTopic.article_id).where(col(ArticleTopic.topic_id).in_(filters.topics))))
    if filters.sources:
        query = query.where(col(Source.name).in_(filters.sources))
    if filters.since:
        query = query.where(col(Article.published_at) >= filters.since)
    if filters.until:
        query = query.where(col(Article.published_at) < filters.until)
    if filters.stored_after:
        query = query.where(col(Article.stored_at) > filters.stored_after)
    # autoescape: a user's % or _ is text to find, not a LIKE wildcard ("100%" must not match "1000").
    if filters.text:
        query = query.where(or_(col(Article.title).contains(filters.text, autoescape=True),
                                col(Article.body).contains(filters.text, autoescape=True)))
    if filters.keywords:
        query = query.where(or_(*(or_(col(Article.title).contains(k, autoescape=True),
                                      col(Article.body).contains(k, autoescape=True)) for k in filters.keywords)))
    if filters.ids:
        query = query.where(col(Article.id).in_(filters.ids))
    if filters.canonical_only:
        query = query.where(col(Article.duplicate_of_id).is_(None))
    if filters.content_types:
        query = query.where(col(Article.content_type).in_(filters.content_types))
    return query


def list_articles(session: Session, filters: ArticleFilter, zone_names: dict[str, str]) -> list[ArticleView]:
    query = _filtered(select(Article, Source.name).join(Source, col(Source.id) == col(Article.source_id)), filters)
    query = query.order_by(col(Article.published_at).desc().nulls_last(), col(Article.id).desc())
    if filters.limit:
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    rows = session.exec(query).all()
    ids = [article.id for article, _ in rows]
    tags: dict[int, list[ZoneTag]] = {}
    if ids:
        for tag in session.exec(select(ArticleZone).where(col(ArticleZone.article_id).in_(ids))).all():
            tags.setdefault(tag.article_id, []).append(
                ZoneTag(tag.zone_id, zone_names.get(tag.zone_id, tag.zone_id), tag.role, tag.score)  # type: ignore[arg-type]
            )
    canonical_ids = {a.duplicate_of_id for a, _ in rows if a.duplicate_of_id}
    canonical_urls = dict(session.exec(select(Article.id, Article.url).where(col(Article.id).in_(canonical_ids))).all()) if canonical_ids else {}
    views = []
    for article, source_name in rows:
        assert article.id is not None
        published = _published(article)
        zone_tags = sorted(tags.get(article.id, []), key=lambda t: (t.role != "subject", -t.score, t.zone_id))
        views.append(ArticleView(article.id, article.url, article.title, article.author, article.author_post, published,
                                 article.body, source_name, tuple(zone_tags), article.cluster_id,
                                 canonical_urls.get(article.duplicate_of_id) if article.duplicate_of_id else None,
                                 article.stored_at, article.page_title))
    return views


@dataclass(frozen=True, slots=True)
class ExportedArticle:
    """A stored article with all it was given: tags, story cluster and dedup verdict (``monitor articles export``)."""

    url: str
    title: str
    body: str
    published: PublishDate | None
    author: str | None
    author_post: str | None
    page_title: str | None
    source: str
    content_type: str | None
    relevant: bool
    zones: tuple[tuple[str, str, float], ...]  # (zone id, role, score)
    topics: tuple[tuple[str, float], ...]  # (topic id, score)
    people: tuple[tuple[str, str | None, str | None], ...]  # (name, post, zone id)
    cluster_id: int | None
    canonical: str | None  # URL of its cluster's canonical article
    duplicate_of: str | None  # URL of the article it duplicates
    dedup_level: str | None
    similarity: float | None
    revision: int
    stored_at: datetime


EXPORT_BATCH = 500


def export_articles(session: Session, filters: ArticleFilter) -> Iterator[ExportedArticle]:
    """The articles ``filters`` select, in the order they were stored (importing them in that order makes the same
    dedup verdicts), read in batches so that a large corpus is never held in memory at once."""
    ids_query = _filtered(select(Article.id).join(Source, col(Source.id) == col(Article.source_id)), filters)
    ids = [int(i) for i in session.exec(ids_query.order_by(col(Article.id))).all()]
    if filters.limit:
        ids = ids[: filters.limit]
    for start in range(0, len(ids), EXPORT_BATCH):
        batch = ids[start: start + EXPORT_BATCH]
        rows = session.exec(select(Article, Source.name).join(Source, col(Source.id) == col(Article.source_id))
                            .where(col(Article.id).in_(batch)).order_by(col(Article.id))).all()
        zones: dict[int, list[ArticleZone]] = {}
        for zone in session.exec(select(ArticleZone).where(col(ArticleZone.article_id).in_(batch))).all():
            zones.setdefault(zone.article_id, []).append(zone)
        topics: dict[int, list[ArticleTopic]] = {}
        for topic in session.exec(select(ArticleTopic).where(col(ArticleTopic.article_id).in_(batch))).all():
            topics.setdefault(topic.article_id, []).append(topic)
        people: dict[int, list[ArticlePerson]] = {}
        for person in session.exec(select(ArticlePerson).where(col(ArticlePerson.article_id).in_(batch))
                                   .order_by(col(ArticlePerson.id))).all():
            people.setdefault(person.article_id, []).append(person)
        duplicates = {a.duplicate_of_id for a, _ in rows if a.duplicate_of_id}
        clusters = {a.cluster_id for a, _ in rows if a.cluster_id}
        urls = dict(session.exec(select(Article.id, Article.url).where(col(Article.id).in_(duplicates))).all()) \
            if duplicates else {}
        canonical = dict(session.exec(select(Cluster.id, Article.url).join(
            Article, col(Article.id) == col(Cluster.canonical_article_id)).where(col(Cluster.id).in_(clusters))).all()) \
            if clusters else {}
        for article, source in rows:
            assert article.id is not None
            yield ExportedArticle(
                article.url, article.title, article.body, _published(article), article.author, article.author_post,
                article.page_title, source, article.content_type, article.relevant,
                tuple(sorted((z.zone_id, z.role, z.score) for z in zones.get(article.id, []))),
                tuple(sorted((t.topic_id, t.score) for t in topics.get(article.id, []))),
                tuple((p.name, p.post, p.zone_id) for p in people.get(article.id, [])),
                article.cluster_id, canonical.get(article.cluster_id) if article.cluster_id else None,
                urls.get(article.duplicate_of_id) if article.duplicate_of_id else None,
                article.dedup_level, article.similarity, article.revision, article.stored_at)
        session.expunge_all()  # the batch's rows are written out: let them go
