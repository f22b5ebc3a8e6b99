"""What a scheduled run reads before and around its first request does not grow with the source's history (issue 23):
its last run's start, its runs left running, its due URLs. Runs and URLs are never pruned, so a source crawled every
minute has 1,440 more runs a day; on SQLite the statements' virtual-machine steps are counted with few and with many,
and on SQLite and PostgreSQL their answers are checked."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.service.scheduler import Service
from monitor.store import db
from monitor.store.models import CrawlRun, DiscoveredUrl, Source
from monitor.store.queue import UrlQueue
from monitor.store.sources import CrawlRuns
from monitor.timefmt import utcnow


def _history(engine: Engine, source_id: int, first: int, count: int) -> None:
    """``count`` finished runs of the source, an hour apart and ending a day ago, each with one fetched URL."""
    now = utcnow()
    with Session(engine) as session:
        for n in range(first, first + count):
            started = now - timedelta(days=1, hours=n)
            session.add(CrawlRun(source_id=source_id, started_at=started, finished_at=started, status="ok"))
            session.add(DiscoveredUrl(url=f"https://busy.example/item/{n}", source_id=source_id,
                                      discovered_at=started, state="fetched", attempts=1))
        session.commit()


def _run_path(engine: Engine, name: str) -> tuple[bool, list[str], int]:
    """The run path's statements: the tick's check of the last run, the due URLs, the new run's start (which ends a
    run left running)."""
    ran = Service._ran_recently(SimpleNamespace(engine=engine), name, 1800)  # type: ignore[arg-type]
    with Session(engine, expire_on_commit=False) as session:
        source = session.exec(select(Source).where(Source.name == name)).one()
        due = [u.url for u in UrlQueue(session).due(source)]
        run = CrawlRuns(session).start(source)
        assert run.id is not None
        return ran, due, run.id


def _setup(url: str) -> int:
    engine = db.make_engine(url)
    with Session(engine) as session:
        source, other = Source(name="busy", kind="html"), Source(name="other", kind="html")
        session.add(source)
        session.add(other)
        session.commit()
        assert source.id is not None and other.id is not None
        session.add(DiscoveredUrl(url="https://busy.example/new", source_id=source.id, discovered_at=utcnow()))
        session.add(CrawlRun(source_id=source.id, started_at=utcnow() - timedelta(minutes=5)))  # left running
        session.add(CrawlRun(source_id=other.id, started_at=utcnow()))
        session.commit()
        source_id = source.id
    engine.dispose()
    return source_id


def test_the_run_path_answers_the_same_with_a_long_history(migrated_url: str) -> None:
    source_id = _setup(migrated_url)
    engine = db.make_engine(migrated_url)
    _history(engine, source_id, 0, 300)
    ran, due, run_id = _run_path(engine, "busy")
    assert ran  # the run left running began five minutes ago
    assert due == ["https://busy.example/new"]
    with Session(engine) as session:
        runs = {r.id: r.status for r in session.exec(select(CrawlRun).where(CrawlRun.source_id == source_id)).all()}
        assert sorted(runs.values()).count("interrupted") == 1  # the run left running, and no other
        assert runs[run_id] == "running"
        assert sorted(runs.values()).count("ok") == 300
    assert not Service._ran_recently(SimpleNamespace(engine=engine), "nobody", 1800)  # type: ignore[arg-type]
    engine.dispose()


def test_the_run_path_reads_do_not_grow_with_the_sources_history(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/runs.db"
    db.upgrade(url)
    source_id = _setup(url)
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    engine = db.make_engine(url)
    event.listen(engine, "connect", lambda connection, _record: connection.set_progress_handler(count, 1))
    _history(engine, source_id, 0, 20)
    steps[0] = 0
    _run_path(engine, "busy")
    few = steps[0]
    _history(engine, source_id, 20, 2000)
    steps[0] = 0
    _run_path(engine, "busy")
    many = steps[0]
    engine.dispose()
    # with the source's runs and URLs read one by one, 100 times the history took ~10 times the steps
    assert many < 1.5 * few, (few, many)
