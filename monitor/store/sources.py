"""Sources and their crawl runs.

``Sources.row`` writes into the caller's transaction; every other write here commits through
``commit_retrying``, so a connection lost under it runs the write once more on a new connection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, col, select

from monitor.store.db import commit_retrying
from monitor.store.models import CrawlRun, Source
from monitor.store.rawsql import RawSql
from monitor.timefmt import utcnow

__all__ = ["Sources", "CrawlRuns", "display_name"]


class Sources:
    """Source rows, one per name in the sources file (or per import source).

    ``row`` writes into the caller's transaction (the caller commits); ``ensure`` commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def row(self, name: str, kind: str, title: str | None = None) -> Source:
        """The source named ``name``, added (and flushed, so it has its id) when new; its kind follows ``kind``
        and its display name ``title`` (when given: an import names no title and keeps the one recorded)."""
        row = self.session.exec(select(Source).where(Source.name == name)).first()
        if row is None:
            row = Source(name=name, kind=kind, title=title)
            self.session.add(row)
            self.session.flush()
        else:
            if row.kind != kind:
                row.kind = kind
            if title is not None and row.title != title:
                row.title = title
        return row

    def ensure(self, name: str, kind: str, title: str | None = None) -> Source:
        """``row``, committed."""
        return commit_retrying(self.session, lambda: self.row(name, kind, title), f"recording source {name!r}")


class CrawlRuns:
    """The record of each crawl or backfill run of a source. Every method commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def start(self, source: Source, started_at: datetime | None = None) -> CrawlRun:
        """Record a new run (begun at ``started_at``, by default now; flushed, so it has its id). The caller
        holds the source's lock (service/locks.py), so a run of this source still marked ``running`` was left
        by a process that died (SIGKILL, power loss): it becomes ``interrupted`` now rather than at `monitor
        serve`'s nightly maintenance (or never, without it)."""

        def start() -> CrawlRun:
            # Two plain statements: through the ORM (an UPDATE built and evaluated against the session, then a
            # flush) this was ~9% of the database side of a scheduled run (bench/run_storage.py, cProfile).
            assert source.id is not None
            self.session.flush()  # the source row, when new, goes first
            sql, now = RawSql(self.session), utcnow()
            stamp = _time_binder(self.session)
            sql.run(_END_RUNNING_OF_SOURCE, ["interrupted", stamp(now),
                                             "the process running it stopped before the run finished", source.id])
            begun = started_at or now
            found = sql.one(_START_RUN, [source.id, stamp(begun), *_NEW_RUN_DEFAULTS])
            assert found is not None
            run = CrawlRun(id=int(found[0]), source_id=source.id, started_at=begun)
            make_transient_to_detached(run)  # the row exists: the session tracks it as stored, finish() updates it
            self.session.add(run)
            return run

        return commit_retrying(self.session, start, f"starting a run of source {source.name!r}")

    def finish(self, run: CrawlRun, source: Source, *, fetched: int, new: int, duplicates: int,
               errors: int, error: str | None) -> None:
        """End ``run`` with its counts (failed when ``error``), and update the source's health with it."""

        def finish() -> None:
            now = utcnow()
            run.finished_at, run.fetched, run.new, run.duplicates, run.errors = now, fetched, new, duplicates, errors
            run.status, run.error = ("failed", error) if error else ("ok", None)
            source.last_run_at = now
            source.items_last_run = new + duplicates
            if error:
                source.consecutive_failures += 1
                source.last_error = error
                source.health = "failing"
            else:
                source.consecutive_failures = 0
                source.last_success_at = now
                source.last_error = None
                source.health = "ok"
            self.session.add(run)
            self.session.add(source)

        commit_retrying(self.session, finish, f"finishing the run of source {source.name!r}")

    def end_running(self, status: str, error: str, *, source_id: int | None = None, source_name: str | None = None,
                    started_before: datetime | None = None, started_since: datetime | None = None) -> int:
        """Runs still ``running`` (of one source, by id or name; started before or since a time) end now with
        ``status`` and ``error``; returns how many."""
        return commit_retrying(
            self.session,
            lambda: self._end_running(status, error, source_id=source_id, source_name=source_name,
                                      started_before=started_before, started_since=started_since),
            f"marking running runs {status}")

    def _end_running(self, status: str, error: str, *, source_id: int | None = None, source_name: str | None = None,
                     started_before: datetime | None = None, started_since: datetime | None = None) -> int:
        query = update(CrawlRun).where(col(CrawlRun.status) == "running")
        if source_id is not None:
            query = query.where(col(CrawlRun.source_id) == source_id)
        if source_name is not None:
            query = query.where(col(CrawlRun.source_id) == select(Source.id).where(Source.name == source_name)
                                .scalar_subquery())
        if started_before is not None:
            query = query.where(col(CrawlRun.started_at) < started_before)
        if started_since is not None:
            query = query.where(col(CrawlRun.started_at) >= started_since)
        result = self.session.exec(query.values(status=status, finished_at=utcnow(), error=error))  # type: ignore[call-overload]
        return int(result.rowcount or 0)


_END_RUNNING_OF_SOURCE = ("UPDATE crawlrun SET status = ?, finished_at = ?, error = ? "
                          "WHERE status = 'running' AND source_id = ?")
# a new run's other columns take the model's own defaults (status running, counts 0): one place says what they are
_NEW_RUN_COLUMNS = ("status", "fetched", "new", "duplicates", "errors")
_NEW_RUN_DEFAULTS = tuple(CrawlRun.model_fields[name].default for name in _NEW_RUN_COLUMNS)
_START_RUN = (f"INSERT INTO crawlrun (source_id, started_at, {', '.join(_NEW_RUN_COLUMNS)}) "
              f"VALUES (?, ?, {', '.join('?' * len(_NEW_RUN_COLUMNS))}) RETURNING id")


def _time_binder(session: Session) -> Callable[[datetime], Any]:
    """A time as ``crawlrun``'s timestamp columns store it on this session's database (``UTCDateTime``)."""
    dialect = session.connection().dialect
    bind = CrawlRun.__table__.c["started_at"].type.dialect_impl(dialect).bind_processor(dialect)  # type: ignore[attr-defined]
    return bind or (lambda value: value)


def display_name(title: str | None, url: str) -> str:
    """What readers see for a source: its display name (sources file ``title:``), else the page's host
    (``www.`` dropped, as the digest's and the feeds' source labels)."""
    if title:
        return title
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
