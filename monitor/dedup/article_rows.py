"""INSERT of a new article row with its cluster and dedup index rows, without the ORM's unit of work.

Storing a new article is the ingest's hot path: through the ORM it took an object build, two
or three flushes and an UPDATE of the cluster's canonical member, several round trips on
PostgreSQL. Here it is, on PostgreSQL, ONE statement: the ids come from the sequences, and
the cluster, the article, its LSH bands, paragraph fingerprints, sentence counts and its
zone, topic, person and place tags are written by data-modifying CTEs (foreign keys are
checked at the statement's end, when all rows exist). The tags were four more statements,
each a round trip that also waited for the deferred article INSERT (at 500k stored: ~2 ms
of ~20 per article). SQLite runs in-process, so its few plain statements cost little.

Values go through the columns' own bind processors (``UTCDateTime`` and friends), so rows
written here read back exactly like rows written by the ORM.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from monitor.dedup.deduplicator import DedupIndex, pg_index_ctes, pg_index_params
from monitor.dedup.deferred_write import send_deferred
from monitor.items import Fingerprint
from monitor.store.models import Article, Cluster
from monitor.store.rawsql import RawSql, marks

__all__ = ["ARTICLE_COLUMNS", "ArticleRows", "TagRows"]

# The columns a new row's values are given for, in this order (id and cluster_id come from insert()).
ARTICLE_COLUMNS = ("url", "title", "author", "author_post", "source_name", "page_title", "published_at",
                   "published_precision", "body", "content_hash", "source_id", "duplicate_of_id", "dedup_level",
                   "similarity", "revision", "content_type", "relevant", "backfilled", "signature", "dedup_evidence",
                   "fetched_at", "stored_at", "dedup_facts")

_COLUMN_LIST = ", ".join(ARTICLE_COLUMNS)
_SQLITE_CLUSTER = "INSERT INTO cluster (created_at) VALUES (?)"
_SQLITE_ARTICLE = f"INSERT INTO article (cluster_id, {_COLUMN_LIST}) VALUES (?, {marks(len(ARTICLE_COLUMNS))})"
_SQLITE_CANONICAL = "UPDATE cluster SET canonical_article_id = ? WHERE id = ?"
# PostgreSQL: one statement, its ids taken from the sequences beforehand (``_IdBlocks``), so
# nothing waits for its answer (``deferred_write``). VALUES, not SELECT: a NULL parameter
# then takes its column's type.
_PG_ARTICLE = (f"INSERT INTO article (id, cluster_id, {_COLUMN_LIST}) "
               f"VALUES ((SELECT a FROM ids), (SELECT c FROM ids), {marks(len(ARTICLE_COLUMNS))})")
_PG_IDS = "ids AS (SELECT ?::bigint AS a, ?::int AS c)"
# The tag rows, one array per column (parameters: ``_pg_tag_params``; names apart from ids.a and ids.c).
_PG_TAGS = (
    "zones AS (INSERT INTO articlezone (article_id, zone_id, role, score) "
    "SELECT ids.a, tz, tr, ts FROM ids, unnest(?::text[], ?::text[], ?::float8[]) AS t(tz, tr, ts)), "
    "topics AS (INSERT INTO articletopic (article_id, topic_id, score) "
    "SELECT ids.a, tk, ts FROM ids, unnest(?::text[], ?::float8[]) AS t(tk, ts)), "
    "people AS (INSERT INTO articleperson (article_id, name, post, zone_id) "
    "SELECT ids.a, tn, tp, tz FROM ids, unnest(?::text[], ?::text[], ?::text[]) AS t(tn, tp, tz)), "
    "places AS (INSERT INTO articleplace (article_id, province, city) "
    "SELECT ids.a, tp, tc FROM ids, unnest(?::text[], ?::text[]) AS t(tp, tc))")
_PG_NEW_STORY = (f"WITH {_PG_IDS}, cl AS (INSERT INTO cluster (id, canonical_article_id, created_at) "
                 f"VALUES ((SELECT c FROM ids), (SELECT a FROM ids), ?)), {pg_index_ctes('ids.a')}, {_PG_TAGS} "
                 f"{_PG_ARTICLE}")
_PG_JOIN_STORY = f"WITH {_PG_IDS}, {pg_index_ctes('ids.a')}, {_PG_TAGS} {_PG_ARTICLE}"
_TAG_TABLES = (("articlezone", ("article_id", "zone_id", "role", "score")),
               ("articletopic", ("article_id", "topic_id", "score")),
               ("articleperson", ("article_id", "name", "post", "zone_id")),
               ("articleplace", ("article_id", "province", "city")))
_PG_NEXT_IDS = {table: f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, ?) ORDER BY 1 DESC"
                for table in ("article", "cluster")}  # highest first: ids are popped from the end
_ID_BLOCK = 32  # most ids taken from a sequence in one round trip; the unused ones at exit are a gap
_NO_FINGERPRINT = Fingerprint(b"", (), (), ())


@dataclass(frozen=True, slots=True)
class TagRows:
    """A new article's tag rows, each without its article id (the columns of ``_TAG_TABLES`` after it)."""

    zones: tuple[tuple[str, str, float], ...] = ()
    topics: tuple[tuple[str, float], ...] = ()
    people: tuple[tuple[str, str | None, str | None], ...] = ()
    places: tuple[tuple[str, str], ...] = ()

    def tables(self) -> tuple[tuple[tuple[object, ...], ...], ...]:
        return self.zones, self.topics, self.people, self.places


def _pg_tag_params(tags: TagRows) -> list[object]:
    """One list per column (psycopg sends each as an array; scores as floats, for ``float8[]``)."""
    params: list[object] = []
    for rows, (_table, columns) in zip(tags.tables(), _TAG_TABLES, strict=True):
        for position in range(len(columns) - 1):
            values = [row[position] for row in rows]
            params.append([float(v) for v in values] if columns[position + 1] == "score" else values)  # type: ignore[arg-type]
    return params


class ArticleRows:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._sql = RawSql(session)
        self._index = DedupIndex(session)
        self._binds: list[Callable[[Any], Any] | None] | None = None
        self._bind_time: Callable[[Any], Any] | None = None
        self._ids = _IdBlocks(self._sql)

    def insert(self, values: tuple[Any, ...], *, cluster_id: int | None, created_at: datetime,
               fingerprint: Fingerprint | None, learn: bool, tags: TagRows = TagRows()) -> tuple[int, int]:
        """Insert a new article (``values`` in ``ARTICLE_COLUMNS`` order) with its dedup index rows and tag rows,
        into cluster ``cluster_id``, or into a new cluster whose canonical member it is when None.
        ``learn``: the article starts a new story, so its sentences count once more towards stock
        phrases. Returns (article id, cluster id). The caller commits."""
        self.session.flush()  # the ORM's pending rows (its source, a run) go first
        bound = self._bind(values)
        if self._sql.postgres:
            fp = fingerprint or _NO_FINGERPRINT
            index = pg_index_params(fp, learn=learn and fingerprint is not None) + _pg_tag_params(tags)
            article_id = self._ids.next("article")
            if cluster_id is None:
                cluster_id = self._ids.next("cluster")
                params = [article_id, cluster_id, self._created(created_at), *index, *bound]
                statement = _PG_NEW_STORY
            else:
                params, statement = [article_id, cluster_id, *index, *bound], _PG_JOIN_STORY
            send_deferred(self.session.connection(), self._sql.driver_sql(statement), tuple(params))
            return article_id, cluster_id
        new_story = cluster_id is None
        if cluster_id is None:
            cluster_id = int(self._sql.run(_SQLITE_CLUSTER, [self._created(created_at)]).lastrowid)
        article_id = int(self._sql.run(_SQLITE_ARTICLE, [cluster_id, *bound]).lastrowid)
        if new_story:
            self._sql.run(_SQLITE_CANONICAL, [article_id, cluster_id])
        if fingerprint is not None:
            self._index.add_rows(article_id, fingerprint, learn=learn)
        for rows, (table, columns) in zip(tags.tables(), _TAG_TABLES, strict=True):
            self._sql.insert(table, columns, [(article_id, *row) for row in rows])
        return article_id, cluster_id

    def _bind(self, values: tuple[Any, ...]) -> list[Any]:
        if self._binds is None:
            dialect = self.session.connection().dialect
            table = Article.__table__  # type: ignore[attr-defined]
            # dialect_impl: the column type as this dialect stores it (SQLite: datetimes as text)
            self._binds = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in ARTICLE_COLUMNS]
            created = Cluster.__table__.c["created_at"].type  # type: ignore[attr-defined]
            self._bind_time = created.dialect_impl(dialect).bind_processor(dialect)
        assert len(values) == len(self._binds)
        return [v if bind is None or v is None else bind(v) for bind, v in zip(self._binds, values, strict=True)]

    def _created(self, value: datetime) -> Any:
        return value if self._bind_time is None else self._bind_time(value)


class _IdBlocks:
    """PostgreSQL: ids for new rows, taken from the tables' sequences in blocks of 1, 2, 4, ... up to
    ``_ID_BLOCK``: a run that stores a few articles leaves no more unused ids than it used."""

    def __init__(self, sql: RawSql) -> None:
        self._sql = sql
        self._free: dict[str, list[int]] = {"article": [], "cluster": []}
        self._size = {"article": 1, "cluster": 1}

    def next(self, table: str) -> int:
        free = self._free[table]
        if not free:
            free.extend(int(row[0]) for row in self._sql.all(_PG_NEXT_IDS[table], [self._size[table]]))
            self._size[table] = min(2 * self._size[table], _ID_BLOCK)
        return free.pop()
