"""Related coverage in storage: a new story joins the event of a stored report of the same zone and days.

The grouping rule is the dedup stage's (``monitor.dedup.events.event_match``); this module finds the
stored reports to compare (canonical articles whose subject is one of the new story's zones, published
within ``EVENT_WINDOW``) with their stored zone and people tags, and writes ``Cluster.event_id``: the
clusters of one event share the id of its first cluster. Writes go into the caller's transaction.
A story whose text or tags change (a revision, a retag) leaves its event and is linked again
(``link_event(..., again=True)``). ``event_outlets`` and ``related_coverage`` read an event's reports for
the digest and the web archive.

Candidates start from the days (the ``published_at`` index), not from the zone: a zone's subject rows grow
with the corpus, the days' rows only with articles per day (``bench/event_candidates.py``: at 200,000
articles the zone-first statement took 20-30 times as long).

Cost: linking is deferred to one pass per batch (``link_pending``, before the commit); the candidates'
figures are read from their bodies once per process (cached by body hash), so a new story costs one
regular-expression pass over its own body and comparisons in memory. A story compares with the newest
``MAX_REPORTS`` reports of its zones and days only, so its candidates are first read from its zones' newest
subject rows (``_SCAN`` of them per zone, by the (zone, role, article) index): on a busy day a zone's newest
rows hold those reports, and the days' statement read every article of the days (at 50,000 articles in a day,
most of a scheduled crawl's database time). Where the newest rows do not settle it (a backfill of older days,
a zone whose recent rows fall outside the story's days, a story linked again), the days' statement runs as
before, one per batch: the same reports are compared either way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, col, select

from monitor.dedup.events import EVENT_WINDOW, Report, can_score, event_match
from monitor.dedup.facts import Figures, figures
from monitor.dedup.stored_facts import PREFIX, story_figures
from monitor.items import TagSet
from monitor.store.models import Article, Cluster, Source
from monitor.store.rawsql import RawSql, marks, pg_array
from monitor.store.sources import display_name

__all__ = [
    "MAX_REPORTS",
    "RelatedCoverage",
    "event_outlets",
    "event_reports",
    "link_event",
    "link_pending",
    "link_stored",
    "particulars",
    "related_coverage",
    "stored_particulars",
]

MAX_REPORTS = 30  # stored reports compared per new story (a zone's stories of a few days: usually a handful)
# by body hash: each report is compared with the next ones of its zone and days
_FIGURES: dict[str, Figures] = {}
_FIGURES_LIMIT = 8192
_QUEUE, _HOOKED = "monitor.events.pending", "monitor.events.hooked"  # Session.info keys


# Plain statements through the driver (RawSql): building and compiling ORM queries per article cost more
# than running them. "{in}": the marks of an IN list.
# The reports of the days first (the published_at index: a bounded range whatever the corpus size), then
# their subject tags by primary key. CROSS JOIN keeps that order on SQLite (whose planner would otherwise
# walk all of a zone's articles through the zone index and sort them); PostgreSQL plans it freely.
# "{zone}": on SQLite the zone test is written ``+articlezone.zone_id`` (the unary plus keeps SQLite from
# probing the primary key once per listed zone for each report: it reads the report's few tag rows once).
# A report's event is read only for the report a story joins (``_EVENT``), not for every candidate.
# Whether a row is a report (duplicate_of_id) is tested in Python: in SQL, SQLite tested it on every article of
# the days before the zone test (a test of one table runs in that table's loop), and the column lies after the
# body, so each of the days' articles had its body's overflow pages walked; now only the stories' zones' rows are.
_CANDIDATES = (
    "SELECT article.id, article.content_hash, article.cluster_id, article.published_at, articlezone.zone_id, "
    "article.duplicate_of_id FROM article CROSS JOIN articlezone "
    "WHERE article.published_at >= ? AND article.published_at <= ? "
    "AND articlezone.article_id = article.id AND {zone} IN ({in}) "
    "AND articlezone.role = 'subject'{reports}"
)
# A zone's newest subject rows below a story (the (zone, role, article) index read backwards, LIMIT rows), with
# what the days' statement tests of each: whether a row is a report (duplicate_of_id) is tested in Python, so that
# the row count says whether the zone's rows were all read. One statement for every (story, zone) of a batch, each
# pair's rows marked with its number (k): a statement per story and zone was ~1 of a PostgreSQL ingest's ~5.6
# statements per article. SQLite: the pairs' reads joined by UNION ALL (no LATERAL there). What these reads cost on
# SQLite at 100k stored is the article rows themselves (a random table page each: 240 per zone), not the statements.
_RECENT_ARM = (
    "SELECT ? AS k, article.id, article.content_hash, article.cluster_id, article.published_at, recent.zone_id, "
    "article.duplicate_of_id FROM (SELECT article_id, zone_id FROM articlezone WHERE zone_id = ? "
    "AND role = 'subject' AND article_id < ? ORDER BY article_id DESC LIMIT ?) AS recent "
    "JOIN article ON article.id = recent.article_id"
)
_PG_RECENT = (
    "SELECT pair.k, article.id, article.content_hash, article.cluster_id, article.published_at, recent.zone_id, "
    "article.duplicate_of_id FROM unnest(?::int[], ?::text[], ?::bigint[]) AS pair(k, zone, below) "
    "CROSS JOIN LATERAL (SELECT article_id, zone_id FROM articlezone WHERE zone_id = pair.zone "
    "AND role = 'subject' AND article_id < pair.below ORDER BY article_id DESC LIMIT ?) AS recent "
    "JOIN article ON article.id = recent.article_id"
)
_RECENT_ARMS = 200  # (story, zone) pairs per SQLite statement (its compound SELECT takes at most 500 arms)
# Zone rows read newest first per story and zone before the days' statement decides instead: a busy zone's
# MAX_REPORTS reports of the story's days are among them (about half of a zone's rows are copies' rows); a
# few hundred rows cost well under a millisecond, the days' statement at 50,000 articles a day ~50 ms.
_SCAN = 8 * MAX_REPORTS
_BODIES = "SELECT content_hash, body FROM article WHERE id IN ({in})"
# the story facts at the head of the rows' dedup facts (monitor/dedup/stored_facts.py), not their shingles
_STORED_FIGURES = f"SELECT id, content_hash, substr(dedup_facts, 1, {PREFIX}) FROM article WHERE id IN ({{in}})"
_PEOPLE = "SELECT article_id, name FROM articleperson WHERE article_id IN ({in})"
_EVENT = "SELECT event_id FROM cluster WHERE id = ?"
_SET_EVENT = "UPDATE cluster SET event_id = ? WHERE id = ?"
_EVENT_CLUSTERS = "SELECT id FROM cluster WHERE event_id = ? ORDER BY id"
_RELABEL = "UPDATE cluster SET event_id = ? WHERE event_id = ?"
_STORED_TAGS = (
    "SELECT 'z', zone_id FROM articlezone WHERE article_id = ? AND role = 'subject' "
    "UNION ALL SELECT 'p', name FROM articleperson WHERE article_id = ?"
)
_PUBLISHED = itemgetter(3)  # of a candidate row


def _figures_of(body_hash: str, body: str) -> Figures:
    found = _FIGURES.get(body_hash)
    if found is None:
        found = _remember(body_hash, figures(body))
    return found


def _remember(body_hash: str, found: Figures) -> Figures:
    if len(_FIGURES) >= _FIGURES_LIMIT:
        _FIGURES.clear()
    _FIGURES[body_hash] = found
    return found


def _read_figures(sql: RawSql, ids: list[int], story: _Pending) -> dict[str, Figures]:
    """The figures of stored articles (``ids``), by content hash, also kept in ``_FIGURES``: from their stored
    story facts, else (none stored: a row from before migration 0016, or stored without its story facts at hand)
    from their bodies. The story's own body is at hand: never read back. Returned, not only cached: the cache is
    cleared when full, which may happen while these are read."""
    found_by_hash: dict[str, Figures] = {}
    derive = []
    for article_id, digest, prefix in sql.all(_STORED_FIGURES.replace("{in}", marks(len(ids))), ids):
        found = None if prefix is None else story_figures(bytes(prefix))
        if found is not None:
            found_by_hash[digest] = _remember(digest, found)
        elif article_id != story.article_id:
            derive.append(article_id)
    if derive:
        for digest, other_body in sql.all(_BODIES.replace("{in}", marks(len(derive))), derive):
            found_by_hash[digest] = _figures_of(digest, other_body)
    return found_by_hash


class _Timestamps:
    """published_at as the column stores it (UTCDateTime: a text on SQLite) and back; one per dialect.

    Stored values compare as the times do (SQLite's text is fixed-width, year first: the candidate statement's
    range test relies on that too), so candidates are chosen on the stored values and only the few compared
    reports' times are converted back."""

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


@dataclass(frozen=True, slots=True)
class _Candidates:
    """The stored reports of one zone in a batch's days, in order of their stored publish time."""

    stamps: list[Any]  # published_at as stored (comparable; see ``_Timestamps``)
    # the statement's rows (article id, body hash, cluster id, published_at, zone)
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class _Pending:
    """A new story waiting to be linked: what ``link_event`` compares of it."""

    article_id: int
    cluster_id: int
    body: str
    body_hash: str
    published: datetime
    subjects: tuple[str, ...]
    people: frozenset[str]
    # a stored story linked again: compared with every report of its days, not only earlier ones
    relink: bool = False


def link_event(
    session: Session,
    article_id: int,
    cluster_id: int,
    body: str,
    body_hash: str,
    published: datetime | None,
    tags: TagSet,
    *,
    again: bool = False,
) -> None:
    """Queue the new story for linking into the event of its best matching stored report.

    The links are written in one pass per batch (``link_pending``): before the session commits, and before
    any ORM statement reads the session (a digest, ``articles show``), so readers never see a story
    unlinked. Each story is compared with the reports stored before it (``article.id`` below its own), so
    the events come out as if each had been linked on arrival, in one candidate statement per batch.

    ``again``: a stored story whose text, date or tags changed (a revision, ``monitor retag``; ``article_id``
    its canonical article: a copy's text does not decide its story's event). Its cluster leaves its event
    now and is linked again with what it says now, against every stored report of its zones and days (not
    only those stored before it: the others were linked against its old text). The reports left in the
    event stay together (they matched one another or the leaving report: linking is single-link, and they
    are not judged again); an event left with one report is none.
    """
    if again:
        _leave_event(RawSql(session), cluster_id)
    _queue(session, article_id, cluster_id, body, body_hash, published, *particulars(tags), relink=again)


def link_stored(
    session: Session, article_id: int, cluster_id: int, body: str, body_hash: str, published: datetime | None
) -> None:
    """``link_event`` for a stored story with its stored subject zones and people (``monitor dedup rebuild``
    re-judges the corpus in the order it was stored, so its events come out as they did at ingest)."""
    subjects, people = stored_particulars(session, article_id)
    _queue(session, article_id, cluster_id, body, body_hash, published, subjects, people)


def particulars(tags: TagSet) -> tuple[tuple[str, ...], frozenset[str]]:
    """What event linking compares of an article's tags: its subject zones (sorted) and its people."""
    subjects = tuple(sorted({z.zone_id for z in tags.zones if z.role == "subject"}))
    return subjects, frozenset(p.name for p in tags.people)


def stored_particulars(session: Session, article_id: int) -> tuple[tuple[str, ...], frozenset[str]]:
    """What event linking compares of a stored article's tags: its subject zones (sorted) and its people."""
    subjects, people = [], set()
    for kind, value in RawSql(session).all(_STORED_TAGS, [article_id, article_id]):
        if kind == "z":
            subjects.append(value)
        else:
            people.add(value)
    return tuple(sorted(subjects)), frozenset(people)


def _leave_event(sql: RawSql, cluster_id: int) -> None:
    found = sql.one(_EVENT, [cluster_id])
    if found is None or found[0] is None:
        return
    event_id = int(found[0])
    sql.run(_SET_EVENT, [None, cluster_id])
    rest = [int(r[0]) for r in sql.all(_EVENT_CLUSTERS, [event_id])]
    if len(rest) == 1:  # one report is no related coverage
        sql.run(_SET_EVENT, [None, rest[0]])
    elif rest and event_id == cluster_id:
        # the event was named after the leaving cluster: now after its first one
        sql.run(_RELABEL, [rest[0], event_id])


def _queue(
    session: Session,
    article_id: int,
    cluster_id: int,
    body: str,
    body_hash: str,
    published: datetime | None,
    subjects: tuple[str, ...],
    people: frozenset[str],
    relink: bool = False,
) -> None:
    if not subjects or published is None:
        return
    pending = session.info.get(_QUEUE)
    if pending is None:
        pending = session.info[_QUEUE] = []
        if not session.info.get(_HOOKED):
            session.info[_HOOKED] = True
            event.listen(session, "before_commit", link_pending)
            event.listen(session, "do_orm_execute", lambda _state: link_pending(session))
            event.listen(session, "after_soft_rollback", lambda s, _tx: s.info.pop(_QUEUE, None))
    pending.append(_Pending(article_id, cluster_id, body, body_hash, published, subjects, people, relink))


def link_pending(session: Session) -> None:
    """Link the queued stories, oldest first (see ``link_event``)."""
    pending: list[_Pending] | None = session.info.pop(_QUEUE, None)
    if not pending:
        return
    sql, stamps = RawSql(session), _Timestamps.of(session)
    windows: dict[datetime, tuple[Any, Any]] = {}  # a story's days as stored values, by its publish time

    def window_of(story: _Pending) -> tuple[Any, Any]:
        window = windows.get(story.published)
        if window is None:
            window = windows[story.published] = (
                stamps.bind(story.published - EVENT_WINDOW),
                stamps.bind(story.published + EVENT_WINDOW),
            )
        return window

    # every story's candidates are read before any is linked: linking writes event ids, which no candidate carries
    recent = _recent_candidates(sql, pending, window_of)
    unsettled = [story for story, found in zip(pending, recent, strict=True) if found is None]
    of_days = _day_candidates(sql, stamps, unsettled) if unsettled else {}
    events: dict[int, int] = {}  # the events set in this pass, by cluster
    for story, found in zip(pending, recent, strict=True):
        window = window_of(story)
        _link_one(sql, stamps, story, _reports_before(story, window, of_days if found is None else found), events)


def _recent_candidates(
    sql: RawSql, pending: list[_Pending], window_of: Callable[[_Pending], tuple[Any, Any]]
) -> list[dict[str, _Candidates] | None]:
    """For each story, the reports of its zones and days stored before it, from each zone's newest ``_SCAN`` subject
    rows: for each zone, all of them (the zone has no more rows) or at least its newest ``MAX_REPORTS`` (the rest are
    older, and ``_reports_before`` keeps the newest ``MAX_REPORTS``). None: the newest rows do not settle it (and for
    a story linked again). One statement for the batch (``_recent_rows``)."""
    pairs = [(story, zone) for story in pending if not story.relink for zone in story.subjects]
    rows_of = iter(_recent_rows(sql, pairs))
    found: list[dict[str, _Candidates] | None] = []
    for story in pending:
        if story.relink:
            found.append(None)
            continue
        low, high = window_of(story)
        zones: dict[str, _Candidates] | None = {}
        for zone in story.subjects:
            rows = next(rows_of)  # the pairs' rows in the pairs' order: every zone's are taken, settled or not
            if zones is None:
                continue
            reports = [
                row[:5]
                for row in rows
                if row[5] is None and row[3] is not None and low <= row[3] <= high and row[2] != story.cluster_id
            ]
            if len(rows) >= _SCAN and len(reports) < MAX_REPORTS:
                zones = None
                continue
            reports.sort(key=_PUBLISHED)
            zones[zone] = _Candidates(list(map(_PUBLISHED, reports)), reports)
        found.append(zones)
    return found


def _recent_rows(
    sql: RawSql, pairs: list[tuple[_Pending, str]]
) -> list[list[tuple[Any, ...]]]:
    """Each (story, zone)'s newest ``_SCAN`` subject rows below the story: (article id, body hash, cluster,
    published_at, zone, duplicate_of_id), in one statement (SQLite: per ``_RECENT_ARMS`` pairs)."""
    found: list[list[tuple[Any, ...]]] = [[] for _ in pairs]
    if not pairs:
        return found
    if sql.postgres:
        parts = [(0, sql.all(_PG_RECENT, [pg_array(range(len(pairs))), [zone for _, zone in pairs],
                                          pg_array(story.article_id for story, _ in pairs), _SCAN]))]
    else:
        parts = []
        for start in range(0, len(pairs), _RECENT_ARMS):
            chunk = pairs[start : start + _RECENT_ARMS]
            params: list[Any] = []
            for k, (story, zone) in enumerate(chunk):
                params += [k, zone, story.article_id, _SCAN]
            parts.append((start, sql.all(" UNION ALL ".join([_RECENT_ARM] * len(chunk)), params)))
    for start, rows in parts:
        for row in rows:
            found[start + row[0]].append(row[1:])
    return found


def _day_candidates(sql: RawSql, stamps: _Timestamps, stories: list[_Pending]) -> dict[str, _Candidates]:
    """The reports of the stories' zones and days, by zone (one statement per stretch of days)."""
    # PostgreSQL tests whether a row is a report in the statement (rows of copies are not shipped to be dropped; its
    # planner has no SQLite's reason above to leave the test out)
    statement = _CANDIDATES.replace(
        "{zone}", "articlezone.zone_id" if sql.postgres else "+articlezone.zone_id"
    ).replace("{reports}", " AND article.duplicate_of_id IS NULL" if sql.postgres else "")
    by_zone: dict[str, list[tuple[Any, ...]]] = {}
    for group in _spans(stories):  # a backfill's batch spans years: one statement per stretch of days
        zones = sorted({z for p in group for z in p.subjects})
        low = min(p.published for p in group) - EVENT_WINDOW
        high = max(p.published for p in group) + EVENT_WINDOW
        for row in sql.all(
            statement.replace("{in}", marks(len(zones))), [stamps.bind(low), stamps.bind(high), *zones]
        ):
            if row[5] is None:  # a report, not a copy
                by_zone.setdefault(row[4], []).append(row[:5])
    candidates = {}
    for zone, found in by_zone.items():
        found.sort(key=_PUBLISHED)
        candidates[zone] = _Candidates(list(map(_PUBLISHED, found)), found)
    return candidates


def _spans(pending: list[_Pending]) -> list[list[_Pending]]:
    """The queued stories in stretches whose windows do not overlap (so no report is read twice)."""
    spans: list[list[_Pending]] = []
    for story in sorted(pending, key=lambda p: p.published):
        if spans and story.published - spans[-1][-1].published <= 2 * EVENT_WINDOW:
            spans[-1].append(story)
        else:
            spans.append([story])
    return spans


def _reports_before(
    story: _Pending, window: tuple[Any, Any], candidates: dict[str, _Candidates]
) -> list[tuple[Any, ...]]:
    """The reports of the story's zones and days (``window``: its first and last day's times as stored) stored
    before it (``article.id`` below its own: as a statement at its arrival would find them; all of them for a
    story linked again), newest first, at most ``MAX_REPORTS``, each article once."""
    low, high = window
    found = []
    before = story.article_id if not story.relink else None
    for zone in story.subjects:
        reports = candidates.get(zone)
        if reports is not None:
            days = reports.rows[bisect_left(reports.stamps, low) : bisect_right(reports.stamps, high)]
            if before is None:
                found += [row for row in days if row[2] != story.cluster_id]
            else:
                found += [row for row in days if row[0] < before and row[2] != story.cluster_id]
    found.sort(key=itemgetter(0), reverse=True)
    if len(story.subjects) == 1:  # one zone's rows: each article once already
        return found[:MAX_REPORTS]
    # the first MAX_REPORTS rows, then each article once (an article with two of the subjects comes twice)
    return list({row[0]: row for row in found[:MAX_REPORTS]}.values())


def _link_one(
    sql: RawSql, stamps: _Timestamps, story: _Pending, rows: list[tuple[Any, ...]], events: dict[int, int]
) -> None:
    if not rows:
        return
    # kept: the next reports of its zone and days compare with it
    # the rows' figures held here: the cache may be cleared (when full) while the missing ones are read
    theirs_by_hash = {r[1]: found for r in rows if (found := _FIGURES.get(r[1])) is not None}
    missing = [r[0] for r in rows if r[1] not in theirs_by_hash]
    if story.body_hash not in _FIGURES:
        missing.append(story.article_id)
    if missing:
        theirs_by_hash.update(_read_figures(sql, missing, story))
    mine_figures = _figures_of(story.body_hash, story.body)
    # a shared figure is required (most candidates share none: a test that stops at the first shared one), and
    # enough of them, or shared people, to reach a match's score: people are read only for such candidates; a row
    # gone since the candidates were read has no figures and is passed over
    mine_quantities = mine_figures.quantities
    shared = [r for r in rows if r[1] in theirs_by_hash and not mine_quantities.isdisjoint(theirs_by_hash[r[1]].quantities)]
    if not shared:
        return
    counted = [(r, len(mine_quantities & theirs_by_hash[r[1]].quantities)) for r in shared]
    shared = [r for r, n in counted if can_score(n, len(story.people))]
    if not shared:
        return
    ids = [r[0] for r, n in counted if not can_score(n, 0) and can_score(n, len(story.people))]
    their_people: dict[int, set[str]] = {}
    if ids:
        for article_id, name in sql.all(_PEOPLE.replace("{in}", marks(len(ids))), ids):
            their_people.setdefault(int(article_id), set()).add(name)
    mine = Report(frozenset(story.subjects), story.people, mine_figures, story.published)
    best: tuple[int, int] | None = None  # score, cluster
    for article_id, digest, other_cluster, other_published, _ in shared:
        # the statement chose reports whose subject is one of ours: the shared subject is given
        theirs = Report(
            mine.subjects,
            frozenset(their_people.get(article_id, ())),
            theirs_by_hash[digest],
            stamps.result(other_published),
        )
        match = event_match(mine, theirs)
        if match is not None and (best is None or match.score > best[0]):
            best = (match.score, other_cluster)
    if best is None:
        return
    other_cluster = best[1]
    event_id = events.get(other_cluster)
    if event_id is None:
        found = sql.one(_EVENT, [other_cluster])
        event_id = None if found is None or found[0] is None else int(found[0])
    if event_id is None:  # the stored report was alone: its cluster starts the event
        event_id = other_cluster
        sql.run(_SET_EVENT, [event_id, other_cluster])
        events[other_cluster] = event_id
    sql.run(_SET_EVENT, [event_id, story.cluster_id])
    events[story.cluster_id] = event_id


def event_reports(session: Session, event_id: int) -> list[tuple[Article, int]]:
    """The canonical article of each story of an event, with its cluster id, oldest first."""
    return [
        (row, int(cluster))
        for row, cluster in session.exec(
            select(Article, Cluster.id)
            .join(Cluster, col(Cluster.id) == col(Article.cluster_id))
            .where(col(Cluster.event_id) == event_id, col(Article.duplicate_of_id).is_(None))
            .order_by(col(Article.id))
        ).all()
    ]


def event_outlets(session: Session, events: set[int]) -> dict[int, list[tuple[int, str, str]]]:
    """(article id, source display name, url) of the canonical report of each story of the events, oldest first:
    what a digest and the web archive list under an event's report."""
    out: dict[int, list[tuple[int, str, str]]] = {}
    if not events:
        return out
    for article_id, url, title, event_id in session.exec(
        select(Article.id, Article.url, Source.title, Cluster.event_id)
        .join(Cluster, col(Cluster.id) == col(Article.cluster_id))
        .join(Source, col(Source.id) == col(Article.source_id))
        .where(col(Cluster.event_id).in_(sorted(events)), col(Article.duplicate_of_id).is_(None))
        .order_by(col(Article.id))
    ).all():
        out.setdefault(int(event_id), []).append((int(article_id), display_name(title, url), url))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True, slots=True)
class RelatedCoverage:
    """A report's event and the event's other reports."""

    event_id: int
    others: tuple[tuple[str, str], ...]  # (source display name, url), oldest first


def related_coverage(session: Session, clusters: dict[int, int]) -> dict[int, RelatedCoverage]:
    """The related coverage of canonical articles (``clusters``: article id -> its cluster id), by article id;
    an article whose story reports no event with others is left out."""
    if not clusters:
        return {}
    event_of = {
        int(cluster): int(event)  # type: ignore[arg-type]
        for cluster, event in session.exec(
            select(Cluster.id, Cluster.event_id).where(
                col(Cluster.id).in_(sorted(set(clusters.values()))), col(Cluster.event_id).is_not(None)
            )
        ).all()
    }
    outlets = event_outlets(session, set(event_of.values()))
    found = {}
    for article_id, cluster_id in clusters.items():
        event_id = event_of.get(cluster_id)
        if event_id is not None:
            others = tuple(
                (name, url) for other, name, url in outlets.get(event_id, []) if other != article_id
            )
            if others:
                found[article_id] = RelatedCoverage(event_id, others)
    return found
