"""Read-side queries shared by the CLI and the digest: articles with their tags, as ArticleView objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from monitor.items import PublishDate, ZoneTag
from monitor.store.models import Article, ArticleTopic, ArticleZone, Source

__all__ = ["ArticleView", "ArticleFilter", "list_articles"]


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


def list_articles(session: Session, filters: ArticleFilter, zone_names: dict[str, str]) -> list[ArticleView]:
    query = select(Article, Source.name).join(Source, col(Source.id) == col(Article.source_id))
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
        published = (
            PublishDate(article.published_at, article.published_precision or "second")  # type: ignore[arg-type]
            if article.published_at else None
        )
        zone_tags = sorted(tags.get(article.id, []), key=lambda t: (t.role != "subject", -t.score, t.zone_id))
        views.append(ArticleView(article.id, article.url, article.title, article.author, article.author_post, published,
                                 article.body, source_name, tuple(zone_tags), article.cluster_id,
                                 canonical_urls.get(article.duplicate_of_id) if article.duplicate_of_id else None,
                                 article.stored_at, article.page_title))
    return views
