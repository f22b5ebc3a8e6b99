"""Related coverage in storage: a new story joins the event of a stored report of the same zone and days.

The grouping rule is the dedup stage's (``monitor.dedup.events.event_match``); this module finds the
stored reports to compare (canonical articles whose subject is one of the new story's zones, published
within ``EVENT_WINDOW``) with their stored zone and people tags, and writes ``Cluster.event_id``: the
clusters of one event share the id of its first cluster. Writes go into the caller's transaction.

Cost: the candidates' figures are read from their bodies once per process (cached by body hash), so
a new story costs one regular-expression pass over its own body and three indexed queries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from monitor.dedup.events import EVENT_WINDOW, Report, event_match
from monitor.dedup.facts import Figures, figures
from monitor.items import TagSet
from monitor.store.models import Article, Cluster
from monitor.store.rawsql import RawSql, marks

__all__ = ["MAX_REPORTS", "event_reports", "link_event"]

MAX_REPORTS = 30  # stored reports compared per new story (a zone's stories of a few days: usually a handful)
_FIGURES: dict[str, Figures] = {}  # by body hash: each report is compared with the next ones of its zone and days
_FIGURES_LIMIT = 8192


# Plain statements through the driver (RawSql): building and compiling ORM queries per article cost more
# than running them. "{in}": the marks of an IN list.
# The reports of the days first (the published_at index: a bounded range whatever the corpus size), then
# their subject tags by primary key. CROSS JOIN keeps that order on SQLite (whose planner would otherwise
# walk all of a zone's articles through the zone index and sort them); PostgreSQL plans it freely.
_CANDIDATES = ("SELECT article.id, article.content_hash, article.cluster_id, article.published_at, cluster.event_id "
               "FROM article CROSS JOIN articlezone JOIN cluster ON cluster.id = article.cluster_id "
               "WHERE article.published_at >= ? AND article.published_at <= ? "
               "AND articlezone.article_id = article.id AND articlezone.zone_id IN ({in}) "
               "AND articlezone.role = 'subject' AND article.duplicate_of_id IS NULL AND article.cluster_id != ? "
               f"ORDER BY article.id DESC LIMIT {MAX_REPORTS}")
_BODIES = "SELECT content_hash, body FROM article WHERE id IN ({in})"
_PEOPLE = "SELECT article_id, name FROM articleperson WHERE article_id IN ({in})"
_SET_EVENT = "UPDATE cluster SET event_id = ? WHERE id = ?"


def _figures_of(body_hash: str, body: str) -> Figures:
    found = _FIGURES.get(body_hash)
    if found is None:
        if len(_FIGURES) >= _FIGURES_LIMIT:
            _FIGURES.clear()
        found = _FIGURES[body_hash] = figures(body)
    return found


class _Timestamps:
    """published_at as the column stores it (UTCDateTime: a text on SQLite) and back; one per dialect."""

    _made: dict[str, _Timestamps] = {}

    def __init__(self, dialect: Any) -> None:
        impl = Article.__table__.c["published_at"].type.dialect_impl(dialect)  # type: ignore[attr-defined]
        self.bind = impl.bind_processor(dialect) or (lambda value: value)
        self.result = impl.result_processor(dialect, None) or (lambda value: value)

    @classmethod
    def of(cls, session: Session) -> _Timestamps:
        dialect = session.connection().dialect
        found = cls._made.get(dialect.name)
        if found is None:
            found = cls._made[dialect.name] = cls(dialect)
        return found


def link_event(session: Session, cluster_id: int, body: str, body_hash: str, published: datetime | None,
               tags: TagSet) -> int | None:
    """Put the new story's cluster into the event of its best matching stored report; the event id, or None."""
    subjects = sorted({z.zone_id for z in tags.zones if z.role == "subject"})
    if not subjects or published is None:
        return None
    mine_figures = _figures_of(body_hash, body)  # kept: the next reports of its zone and days compare with it
    sql, stamps = RawSql(session), _Timestamps.of(session)
    rows = list(dict.fromkeys(sql.all(_CANDIDATES.replace("{in}", marks(len(subjects))), [
        stamps.bind(published - EVENT_WINDOW), stamps.bind(published + EVENT_WINDOW), *subjects, cluster_id])))
    if not rows:  # (an article with two of the subjects comes twice: dict.fromkeys)
        return None
    missing = [int(r[0]) for r in rows if r[1] not in _FIGURES]
    if missing:
        for digest, other_body in sql.all(_BODIES.replace("{in}", marks(len(missing))), missing):
            _figures_of(digest, other_body)
    # a shared figure is required; people count only for a candidate sharing just one
    shared = {int(r[0]): len(mine_figures.quantities & _FIGURES[r[1]].quantities) for r in rows}
    rows = [r for r in rows if shared[int(r[0])]]
    if not rows:
        return None
    ids = [int(r[0]) for r in rows if shared[int(r[0])] == 1]
    their_people: dict[int, set[str]] = {}
    if ids and tags.people:
        for article_id, name in sql.all(_PEOPLE.replace("{in}", marks(len(ids))), ids):
            their_people.setdefault(int(article_id), set()).add(name)
    mine = Report(frozenset(subjects), frozenset(p.name for p in tags.people), mine_figures, published)
    best: tuple[int, int, int | None] | None = None  # score, cluster, event
    for article_id, digest, other_cluster, other_published, other_event in rows:
        # the statement chose reports whose subject is one of ours: the shared subject is given
        theirs = Report(mine.subjects, frozenset(their_people.get(int(article_id), ())), _FIGURES[digest],
                        stamps.result(other_published) if other_published is not None else None)
        found = event_match(mine, theirs)
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, int(other_cluster), None if other_event is None else int(other_event))
    if best is None:
        return None
    _, other_cluster, event_id = best
    if event_id is None:  # the stored report was alone: its cluster starts the event
        event_id = other_cluster
        sql.run(_SET_EVENT, [event_id, other_cluster])
    sql.run(_SET_EVENT, [event_id, cluster_id])
    return event_id


def event_reports(session: Session, event_id: int) -> list[tuple[Article, int]]:
    """The canonical article of each story of an event, with its cluster id, oldest first."""
    return [(row, int(cluster)) for row, cluster in session.exec(
        select(Article, Cluster.id).join(Cluster, col(Cluster.id) == col(Article.cluster_id))
        .where(col(Cluster.event_id) == event_id, col(Article.duplicate_of_id).is_(None))
        .order_by(col(Article.id))).all()]
