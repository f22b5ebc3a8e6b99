"""One article as `monitor articles show` prints it: the article, its tags, its story's members with the
evidence of each member's dedup verdict, and the other reports of its event (related coverage)."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from monitor.normalise import split_paragraphs
from monitor.store.events import event_reports
from monitor.store.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    ArticleTopic,
    ArticleZone,
    Cluster,
    Source,
)
from monitor.store.sources import display_name
from monitor.timefmt import format_timestamp

__all__ = ["article_view", "evidence_view"]

_FACT_FIELDS = ("kind", "agreed", "only_this", "only_candidate", "conflict")


def evidence_view(raw: str | None) -> dict[str, Any] | None:
    """The stored evidence JSON with its facts as named fields (older rows have no facts)."""
    if not raw:
        return None
    evidence = json.loads(raw)
    evidence["facts"] = [dict(zip(_FACT_FIELDS, kind, strict=False)) for kind in evidence.get("facts") or ()]
    evidence.setdefault("conflicts", [])
    return evidence


def _source_names(session: Session, ids: set[int]) -> dict[int, tuple[str, str | None]]:
    return {int(i): (name, title) for i, name, title in session.exec(
        select(Source.id, Source.name, Source.title).where(col(Source.id).in_(list(ids)))).all()}


def _member(row: Article, sources: dict[int, tuple[str, str | None]]) -> dict[str, Any]:
    name, title = sources.get(row.source_id, ("", None))
    return {"id": row.id, "url": row.url, "title": row.title, "source": name,
            "source_name": display_name(title, row.url), "published_at": format_timestamp(row.published_at),
            "canonical": row.duplicate_of_id is None, "level": row.dedup_level, "similarity": row.similarity,
            "evidence": evidence_view(row.dedup_evidence)}


def article_view(session: Session, article: Article) -> dict[str, Any]:
    assert article.id is not None
    cluster = session.get(Cluster, article.cluster_id) if article.cluster_id else None
    members = list(session.exec(select(Article).where(Article.cluster_id == article.cluster_id)
                                .order_by(col(Article.id))).all()) if article.cluster_id else [article]
    reports = event_reports(session, cluster.event_id) if cluster is not None and cluster.event_id else []
    sources = _source_names(session, {m.source_id for m in members} | {r.source_id for r, _ in reports})
    zones = session.exec(select(ArticleZone).where(ArticleZone.article_id == article.id)).all()
    people = session.exec(select(ArticlePerson).where(ArticlePerson.article_id == article.id)
                          .order_by(col(ArticlePerson.id))).all()
    places = session.exec(select(ArticlePlace).where(ArticlePlace.article_id == article.id)).all()
    topics = session.exec(select(ArticleTopic.topic_id).where(ArticleTopic.article_id == article.id)).all()
    paragraphs = split_paragraphs(article.body)
    return _member(article, sources) | {
        "author": article.author, "author_post": article.author_post, "page_title": article.page_title,
        "first_paragraph": next((p for p in paragraphs if p != article.title), paragraphs[0] if paragraphs else ""),
        "body": article.body,
        "tags": {
            "zones": [{"zone_id": z.zone_id, "role": z.role, "score": z.score}
                      for z in sorted(zones, key=lambda z: (z.role != "subject", -z.score, z.zone_id))],
            "people": [{"name": p.name, "post": p.post, "zone_id": p.zone_id} for p in people],
            "places": [{"province": p.province, "city": p.city} for p in places],
            "topics": sorted(topics),
        },
        "cluster_id": article.cluster_id,
        "canonical_id": cluster.canonical_article_id if cluster and cluster.canonical_article_id else article.id,
        "cluster": [_member(row, sources) for row in members],
        "event_id": cluster.event_id if cluster else None,
        "event": [_member(row, sources) | {"cluster_id": cluster_id} for row, cluster_id in reports
                  if cluster_id != article.cluster_id],
    }
