"""Related coverage in storage: a new story joins the event of a stored report of the same zone and days.

The grouping rule is the dedup stage's (``monitor.dedup.events.event_match``); this module finds the
stored reports to compare (canonical articles whose subject is one of the new story's zones, published
within ``EVENT_WINDOW``) and writes ``Cluster.event_id``: the clusters of one event share the id of its
first cluster. Writes go into the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from monitor.dedup.events import EVENT_WINDOW, event_match
from monitor.dedup.facts import StoryFacts, story_facts
from monitor.store.models import Article, ArticleZone, Cluster

__all__ = ["MAX_REPORTS", "link_event", "event_reports"]

MAX_REPORTS = 50  # stored reports compared per new story (a zone's stories of a week: usually a handful)


def link_event(session: Session, article_id: int, cluster_id: int, body: str, published: datetime | None,
               subjects: tuple[str, ...]) -> int | None:
    """Put the new story's cluster into the event of its best matching stored report; the event id, or None."""
    if not subjects or published is None:
        return None
    rows = session.exec(
        select(Article.content_hash, Article.cluster_id, Article.body, Article.published_at, Cluster.event_id)
        .join(ArticleZone, col(ArticleZone.article_id) == col(Article.id))
        .join(Cluster, col(Cluster.id) == col(Article.cluster_id))
        .where(col(ArticleZone.zone_id).in_(subjects), col(ArticleZone.role) == "subject",
               col(Article.duplicate_of_id).is_(None), col(Article.cluster_id) != cluster_id,
               col(Article.published_at) >= published - EVENT_WINDOW,
               col(Article.published_at) <= published + EVENT_WINDOW)
        .order_by(col(Article.id).desc()).limit(MAX_REPORTS)
    ).all()
    if not rows:
        return None
    mine = story_facts(body)
    best: tuple[int, int, int | None] | None = None  # score, cluster, event
    for other_hash, other_cluster, other_body, other_published, other_event in rows:
        found = event_match(mine, _facts_of(other_hash, other_body), (published, other_published))
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, int(other_cluster), other_event)
    if best is None:
        return None
    _, other_cluster, event_id = best
    if event_id is None:  # the stored report was alone: its cluster starts the event
        event_id = other_cluster
        session.execute(update(Cluster).where(col(Cluster.id) == other_cluster).values(event_id=event_id))
    session.execute(update(Cluster).where(col(Cluster.id) == cluster_id).values(event_id=event_id))
    return event_id


# facts of recent reports by the hash of their body (facts depend on the body alone): each report is compared
# with the next ones of its zone and days
_FACTS: dict[str, StoryFacts] = {}
_FACTS_LIMIT = 4096


def _facts_of(body_hash: str, body: str) -> StoryFacts:
    found = _FACTS.get(body_hash)
    if found is None:
        if len(_FACTS) >= _FACTS_LIMIT:
            _FACTS.clear()
        found = _FACTS[body_hash] = story_facts(body)
    return found


def event_reports(session: Session, event_id: int) -> list[tuple[Article, int]]:
    """The canonical article of each story of an event, with its cluster id, oldest first."""
    return [(row, int(cluster)) for row, cluster in session.exec(
        select(Article, Cluster.id).join(Cluster, col(Cluster.id) == col(Article.cluster_id))
        .where(col(Cluster.event_id) == event_id, col(Article.duplicate_of_id).is_(None))
        .order_by(col(Article.id))).all()]
