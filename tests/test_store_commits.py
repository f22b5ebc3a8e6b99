"""Every write a store repository commits survives a lost connection (issue 16).

The PostgreSQL backend of the session's connection is terminated (as an operator's
pg_terminate_backend, or a server-side crash of that backend, would) just before the write's
first statement runs. The server rolls the transaction back; the repository must run it once more
on a new connection (``db.commit_retrying``), so the write lands exactly once and the caller sees
no error. Before the split, ``mark_failed``, ``start_run``, ``finish_run``, ``record_discovered``,
``log_fetches`` and ``save_validators`` committed on their own path and raised instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, func, select

from monitor.fetch.fetcher import FetchRecord, Validators
from monitor.items import RawPage
from monitor.store import Repositories, db
from monitor.store.models import CrawlRun, DiscoveredUrl, FetchLog, HttpValidator, Source
from tests.conftest import terminate_backend

PG = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
WHEN = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@dataclass
class World:
    """What each case starts from: a source with one run going and one pending item URL."""

    repos: Repositories
    source: Source
    run: CrawlRun
    item: DiscoveredUrl


@dataclass(frozen=True)
class Case:
    statement: str  # the write's statement under which the backend is terminated
    write: Callable[[World], Any]
    check: Callable[[Session, World], None]


def _count(session: Session, table: type, *where: Any) -> int:
    return int(session.exec(select(func.count()).select_from(table).where(*where)).one())


def _item(session: Session, world: World) -> DiscoveredUrl | None:
    return session.get(DiscoveredUrl, world.item.id)


def _failed_once(session: Session, world: World) -> None:
    item = _item(session, world)
    assert item is not None and (item.state, item.attempts, item.last_error) == ("failed", 1, "HTTP 503")


def _fetched_once(session: Session, world: World) -> None:
    item = _item(session, world)
    assert item is not None and (item.state, item.attempts, item.etag) == ("fetched", 1, '"v1"')


def _discovered(session: Session, world: World) -> None:
    urls = session.exec(select(DiscoveredUrl.url).where(DiscoveredUrl.source_id == world.source.id)).all()
    assert sorted(urls) == ["https://zone.test/1", "https://zone.test/2", "https://zone.test/3"]


def _logged(session: Session, world: World) -> None:
    assert session.exec(select(FetchLog.url, FetchLog.run_id)).all() == [("https://zone.test/list", world.run.id)]


def _validators_saved(session: Session, _world: World) -> None:
    rows = session.exec(select(HttpValidator.url, HttpValidator.etag)).all()
    assert rows == [("https://zone.test/list", '"list-v2"')]


def _source_added(session: Session, _world: World) -> None:
    assert session.exec(select(Source.name, Source.kind).where(Source.name == "new-source")).all() == [("new-source", "rss")]


def _run_started(session: Session, world: World) -> None:
    runs = session.exec(select(CrawlRun.id, CrawlRun.status).order_by(CrawlRun.id)).all()
    assert [status for _id, status in runs] == ["interrupted", "running"]  # one new run, the dead one ended


def _run_failed_once(session: Session, world: World) -> None:
    run, source = session.get(CrawlRun, world.run.id), session.get(Source, world.source.id)
    assert run is not None and (run.status, run.fetched, run.error) == ("failed", 3, "list page gone")
    assert source is not None and (source.health, source.consecutive_failures) == ("failing", 1)


def _runs_ended(session: Session, _world: World) -> None:
    assert _count(session, CrawlRun, CrawlRun.status == "interrupted") == 1
    assert _count(session, CrawlRun, CrawlRun.status == "running") == 0


PAGE = RawPage(url="https://zone.test/1", final_url="https://zone.test/1", status=304, content=b"",
               content_type=None, fetched_at=WHEN, headers=(("ETag", '"v1"'),), from_cache=True)
RECORD = FetchRecord(url="https://zone.test/list", status=200, bytes=512, elapsed_ms=12, from_cache=False,
                     error=None, fetched_at=WHEN)

CASES = {
    "UrlQueue.mark_failed": Case("UPDATE discoveredurl", lambda w: w.repos.queue.mark_failed(w.item, "HTTP 503"),
                                 _failed_once),
    "UrlQueue.mark_unchanged": Case("UPDATE discoveredurl", lambda w: w.repos.queue.mark_unchanged(w.item, PAGE),
                                    _fetched_once),
    "UrlQueue.forget": Case("DELETE FROM discoveredurl", lambda w: w.repos.queue.forget(w.item),
                            lambda s, w: _item(s, w) is None or pytest.fail("the item is still queued")),
    "UrlQueue.record_discovered": Case(
        "INSERT INTO discoveredurl",
        lambda w: w.repos.queue.record_discovered(w.source, ["https://zone.test/1", "https://zone.test/2",
                                                             "https://zone.test/3", "https://zone.test/2"]),
        _discovered),
    "FetchHistory.log": Case("INSERT INTO fetchlog", lambda w: w.repos.fetches.log(w.run, w.source, iter([RECORD])),
                             _logged),
    "FetchHistory.save_validators": Case(
        "INSERT INTO httpvalidator",
        lambda w: w.repos.fetches.save_validators({"https://zone.test/list": Validators('"list-v2"', None)}),
        _validators_saved),
    "Sources.ensure": Case("INSERT INTO source", lambda w: w.repos.sources.ensure("new-source", "rss"), _source_added),
    "CrawlRuns.start": Case("UPDATE crawlrun", lambda w: w.repos.runs.start(w.source), _run_started),
    "CrawlRuns.finish": Case(
        "UPDATE crawlrun",
        lambda w: w.repos.runs.finish(w.run, w.source, fetched=3, new=1, duplicates=0, errors=2,
                                      error="list page gone"),
        _run_failed_once),
    "CrawlRuns.end_running": Case(
        "UPDATE crawlrun",
        lambda w: w.repos.runs.end_running("interrupted", "stopped", started_before=datetime.now(UTC) + timedelta(1)),
        _runs_ended),
}


@pytest.fixture
def engine(migrated_url: str) -> Iterator[sa.Engine]:
    engine = db.make_engine(migrated_url)
    yield engine
    engine.dispose()


def _world(session: Session) -> World:
    repos = Repositories.over(session)
    source = repos.sources.ensure("zone-news", "html")
    run = repos.runs.start(source)
    repos.queue.record_discovered(source, ["https://zone.test/1"])
    (item,) = repos.queue.due(source)
    session.commit()
    return World(repos, source, run, item)


@PG
@pytest.mark.parametrize("name", list(CASES))
def test_a_committed_write_is_run_again_when_its_connection_is_lost(engine: sa.Engine, name: str) -> None:
    case = CASES[name]
    with Session(engine, expire_on_commit=False) as session:
        world = _world(session)
        runs: list[str] = []

        @sa.event.listens_for(engine, "before_cursor_execute")
        def terminate(connection, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if statement.startswith(case.statement):
                runs.append(statement)
                if len(runs) == 1:
                    terminate_backend(connection)

        case.write(world)
        sa.event.remove(engine, "before_cursor_execute", terminate)
    # a retry may flush in two statements (a refresh of the expired row autoflushes what was set before it)
    assert len(runs) >= 2, f"{name}: its write was not run again after the cut"
    with Session(engine) as session:
        case.check(session, world)


@PG
def test_a_write_whose_connection_stays_lost_raises_a_clear_error(engine: sa.Engine) -> None:
    """The second loss is not retried: the caller gets a DatabaseUnavailable that says what to do."""
    from monitor.errors import DatabaseUnavailable

    with Session(engine, expire_on_commit=False) as session:
        world = _world(session)
        item_id = world.item.id

        @sa.event.listens_for(engine, "before_cursor_execute")
        def terminate(connection, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if statement.startswith("UPDATE discoveredurl"):
                terminate_backend(connection)

        with pytest.raises(DatabaseUnavailable, match="recording the failure of https://zone.test/1"):
            world.repos.queue.mark_failed(world.item, "HTTP 503")
        sa.event.remove(engine, "before_cursor_execute", terminate)
    with Session(engine) as session:
        item = session.get(DiscoveredUrl, item_id)
        assert item is not None and (item.state, item.attempts) == ("pending", 0)  # nothing half written


def test_a_commit_unflushed_relaxes_only_its_own_transaction(migrated_url: str) -> None:
    """commit_unflushed: the transaction commits without waiting for the disk (SQLite synchronous NORMAL,
    PostgreSQL synchronous_commit off); the next transaction on the same pooled connection is full again."""
    engine = db.make_engine(migrated_url)
    sqlite = engine.dialect.name == "sqlite"
    setting = "PRAGMA synchronous" if sqlite else "SHOW synchronous_commit"
    relaxed, full = ("1", "2") if sqlite else ("off", "on")
    seen: list[str] = []
    try:
        with Session(engine) as session:
            def write() -> None:
                db.commit_unflushed(session)
                session.add(Source(name="s", kind="html"))
                seen.append(str(session.connection().exec_driver_sql(setting).scalar()))

            db.commit_retrying(session, write, "storing a source")
            seen.append(str(session.connection().exec_driver_sql(setting).scalar()))
            session.commit()
        assert seen == [relaxed, full]
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(Source)).one() == 1
    finally:
        engine.dispose()
