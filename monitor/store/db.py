"""Engine creation, the schema version check, and database failures as project errors.

Migrations run only through ``upgrade``. A failed database call becomes a DatabaseError
subclass that says what happened and what to do (``database_error``); ``commit_retrying``
runs one transaction again, once, when the connection was lost under it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.backoff import COMMIT_RETRY
from monitor.errors import (
    DatabaseError,
    DatabaseFull,
    DatabaseNotMigrated,
    DatabaseReadOnly,
    DatabaseUnavailable,
)

__all__ = ["make_engine", "alembic_config", "upgrade", "require_current", "current_revision", "session_scope",
           "sqlite_path", "database_error", "commit_retrying", "commit_unflushed"]

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
T = TypeVar("T")


def sqlite_path(url: sa.URL) -> Path | None:
    """The file of a SQLite URL, also in URI form (``sqlite:///file:/data/monitor.db?mode=ro&uri=true``)."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if str(url.query.get("uri", "")).lower() in ("true", "1") and database.startswith("file:"):
        path = urlsplit(database).path
        return Path(path) if path and url.query.get("mode") != "memory" else None
    return Path(database)


def make_engine(database_url: str) -> Engine:
    """An engine for the URL; a SQLite file's folder is created, and SQLite gets WAL and FK checks."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None and url.query.get("mode") != "ro":
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            # 64 MiB of page cache (the default is 2 MiB): the dedup index's random-key B-tree inserts
            # stay in memory as the corpus grows (+12% ingest at 100k articles, measured)
            cursor.execute("PRAGMA cache_size=-65536")
            # Checkpoint every 20,000 WAL pages (80 MiB), not every 1,000: the dedup index's random
            # B-tree pages are dirtied again and again by successive commits, and each checkpoint
            # copies a page to the database file once however often it was committed. Ingest at
            # 40k articles: 255-307 -> 362-382 articles/s (measured, bench/dedup.py's workload).
            cursor.execute("PRAGMA wal_autocheckpoint=20000")
            # a WAL file grown past 128 MiB (a checkpoint held back by a reader) is cut back to it
            cursor.execute("PRAGMA journal_size_limit=134217728")
            cursor.close()

        @sa.event.listens_for(engine, "checkin")
        def _durable_again(dbapi_connection, record):  # type: ignore[no-untyped-def]
            if record.info.pop(_UNFLUSHED, False):  # see commit_unflushed: the next user gets full durability
                dbapi_connection.execute("PRAGMA synchronous=FULL")

        return engine
    if url.get_backend_name() == "postgresql" and "options" not in url.query:
        # The dedup lookups are index probes of well under a millisecond; a table without fresh
        # statistics (a bulk import ahead of autovacuum) made the planner start parallel workers
        # for them, 5 ms each. None of the service's queries gains from parallel plans.
        return sa.create_engine(url, pool_pre_ping=True,
                                connect_args={"options": "-c max_parallel_workers_per_gather=0"})
    return sa.create_engine(url, pool_pre_ping=True)


_UNFLUSHED = "zm_commit_unflushed"


def commit_unflushed(session: Session) -> None:
    """Let the transaction about to be written commit without waiting for the disk: a crash of the machine
    may lose it, a crash or kill of the process never does. For writes whose loss costs only a repeat
    (a digest's send outcome: the digest is resent with its one Message-ID), where waiting on each commit
    would bound a run by the disk. Call before the transaction's first write. PostgreSQL: synchronous_commit
    off for the transaction; SQLite (WAL): synchronous NORMAL on the connection until it returns to the pool
    (a later full commit flushes this one too: the log is written in order)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
    elif connection.dialect.name == "sqlite":
        raw = connection.connection.driver_connection
        if not raw.in_transaction:  # SQLite refuses the change inside a transaction: then it commits as usual
            raw.execute("PRAGMA synchronous=NORMAL")
            connection.connection.info[_UNFLUSHED] = True


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except sa.exc.OperationalError as exc:
        raise database_error(exc, engine.url, "reading its schema revision") from exc


def upgrade(database_url: str) -> tuple[str | None, str | None]:
    """Apply every pending migration; returns (revision before, revision after)."""
    engine = make_engine(database_url)
    try:
        before = current_revision(engine)
        config = alembic_config(database_url)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return before, current_revision(engine)
    finally:
        engine.dispose()


def require_current(engine: Engine) -> None:
    """Refuse a database whose schema is missing or not at the code's head revision."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        state = "has no schema" if current is None else f"is at revision {current}, the code needs {head}"
        raise DatabaseNotMigrated(
            f"the database {engine.url.render_as_string()} {state}: run `monitor db upgrade` first"
        )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _where(url: sa.URL) -> str:
    path = sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


def database_error(exc: sa.exc.DBAPIError, url: sa.URL, doing: str = "") -> DatabaseError:
    """The project error for a failed database call: what happened, where, and what to do (no SQL dump)."""
    orig = exc.orig
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0] if orig is not None else str(exc)
    sqlite_name = str(getattr(orig, "sqlite_errorname", "") or "")
    sqlstate = str(getattr(orig, "sqlstate", "") or "")
    where, during = _where(url), f" while {doing}" if doing else ""
    if sqlite_name == "SQLITE_FULL" or sqlstate == "53100":
        return DatabaseFull(
            f"the database {where} is full{during} ({detail}): free disk space (SQLite: or raise its max_page_count) "
            "and run again; the write in progress was rolled back, everything stored before it is kept"
        )
    if sqlite_name.startswith("SQLITE_READONLY") or sqlstate == "25006":
        return DatabaseReadOnly(
            f"the database {where} is read-only{during} ({detail}): this user must be able to write the database "
            "(SQLite: the file, its folder and the -wal and -shm files beside it; a URL without mode=ro); "
            "nothing was written"
        )
    if sqlite_name == "SQLITE_CANTOPEN":
        return DatabaseUnavailable(f"cannot open the database file {where}{during} ({detail}): "
                                   "check that its folder exists and that this user may read and write it")
    postgres_down = url.get_backend_name() == "postgresql" and isinstance(exc, sa.exc.OperationalError) and (
        not sqlstate or sqlstate.startswith(("08", "57P")))
    if exc.connection_invalidated or postgres_down:
        what = "lost the connection to" if exc.connection_invalidated else "cannot connect to"
        return DatabaseUnavailable(
            f"{what} the database {where}{during} ({detail}): what was committed is kept; run again once the "
            "database is reachable (`monitor serve` retries at its next tick)"
        )
    if sqlite_name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return DatabaseError(f"the database {where} stayed locked by another process{during} ({detail}): run again later")
    return DatabaseError(f"database error on {where}{during}: {detail}")


def connection_lost(exc: sa.exc.DBAPIError) -> bool:
    """The server ended the connection under this call (a cut, a terminated backend, a restart): its
    transaction is rolled back. SQLAlchemy marks this only when the driver already saw the socket close;
    psycopg may report the server's "terminating connection" error first (in pipeline mode, as the
    article INSERT runs), so the SQLSTATE decides too: class 08 (connection exception) and 57P
    (operator intervention: admin or crash shutdown, cannot connect now)."""
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    return exc.connection_invalidated or (isinstance(exc, sa.exc.OperationalError) and sqlstate.startswith(("08", "57P")))


_TOGETHER = "monitor.commit_together"


def commit_together(session: Session, work: Callable[[], T], doing: str) -> T:
    """``commit_retrying`` for work made of repository calls that each commit: their writes become one
    transaction (one commit, so one fsync on SQLite), run once more as a whole when the connection is lost."""

    def together() -> T:
        session.info[_TOGETHER] = True
        try:
            return work()
        finally:
            session.info.pop(_TOGETHER, None)

    return commit_retrying(session, together, doing)


def commit_retrying(session: Session, work: Callable[[], T], doing: str) -> T:
    """Run ``work`` (the writes of one transaction) and commit it; returns what ``work`` returned.

    When the connection is lost under the transaction (a network cut, a terminated or restarted
    server), the server has rolled it back: roll back here too and run ``work`` once more, on a
    connection the pool checks first (pool_pre_ping). ``work`` must therefore set everything it
    writes (a rollback expires the session's objects). Any other failure, or a second loss,
    raises the matching DatabaseError, with the transaction rolled back.
    """
    if session.info.get(_TOGETHER):  # part of commit_together's transaction: it commits (and retries) the whole
        return work()
    tries = 0
    while True:
        tries += 1
        try:
            result = work()
            session.commit()
            return result
        except sa.exc.DBAPIError as exc:
            with suppress(sa.exc.SQLAlchemyError):
                session.rollback()
            if COMMIT_RETRY.exhausted(tries) or not connection_lost(exc):
                raise database_error(exc, session.get_bind().url, doing) from exc
            log.warning("lost the database connection while %s; trying once more on a new connection", doing)
            time.sleep(COMMIT_RETRY.delay(tries))
