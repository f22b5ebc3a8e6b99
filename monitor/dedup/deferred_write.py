"""PostgreSQL: send a write and go on without waiting for its answer; the answer is read before the connection's next use.

Storing a new article is one INSERT statement whose ids are known beforehand, so nothing
waits on its answer, and the server's ~1 ms on it (index rows, sentence counts) can overlap
the next article's fingerprinting in Python. The statement goes through SQLAlchemy like
any other (its events see it) inside a psycopg pipeline, and is left there. Before the
connection runs anything else (a statement, a commit, a rollback, a return to the pool),
the pipeline is synced: an error of the write is raised at that point, as the same
SQLAlchemy exception class a synchronous statement would have raised, so the caller's
transaction fails, is rolled back and can be retried exactly as before. A write's error is
therefore reported at the next statement or at the commit, never lost: no commit completes
before every write of its transaction has been answered.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from psycopg import Pipeline
from sqlalchemy import event

__all__ = ["send_deferred", "finish_deferred"]

_PENDING = "monitor.deferred_write"  # key in the DBAPI connection's info: the open pipeline and its statement


def send_deferred(connection: sa.Connection, statement: str, parameters: tuple[Any, ...]) -> None:
    """Execute ``statement`` (a write returning no rows) on a psycopg connection without waiting for its result."""
    if not Pipeline.is_supported():  # libpq before 14: the statement is simply run and waited for
        connection.exec_driver_sql(statement, parameters)
        return
    _install(connection.engine)
    finish_deferred(connection)  # the previous write's pipeline is closed before this one opens
    driver = connection.connection.driver_connection
    assert driver is not None
    pipeline = driver.pipeline()
    pipeline.__enter__()
    try:
        connection.exec_driver_sql(statement, parameters)
    except BaseException as error:
        _close(pipeline, error)
        raise
    connection.info[_PENDING] = (pipeline, statement, parameters)


def finish_deferred(connection: sa.Connection) -> None:
    """Wait for the answer to a write sent on this connection, if any; its error is raised as SQLAlchemy's."""
    pending = _take(connection)
    if pending is None:
        return
    pipeline, statement, parameters = pending
    dbapi = connection.dialect.loaded_dbapi
    try:
        pipeline.__exit__(None, None, None)
    except dbapi.Error as error:
        invalidated = connection.dialect.is_disconnect(error, connection.connection.dbapi_connection, None)
        if invalidated:
            connection.invalidate(error)
        raise sa.exc.DBAPIError.instance(statement, parameters, error, dbapi.Error, connection_invalidated=invalidated,
                                         dialect=connection.dialect) from error


def _take(connection: sa.Connection) -> tuple[Any, str, tuple[Any, ...]] | None:
    """The connection's pending write, taken off it (none on a closed or invalidated connection: its
    DBAPI connection, and the pipeline on it, are gone)."""
    if connection.closed or connection.invalidated:
        return None
    return connection.info.pop(_PENDING, None)


def _close(pipeline: Any, error: BaseException | None) -> None:
    try:
        pipeline.__exit__(type(error) if error else None, error, None)
    except Exception:  # noqa: BLE001 - the connection's own error (or a rollback) is what the caller sees
        pass


def _install(engine: sa.Engine) -> None:
    """Once per engine: every use of a connection first collects the answer to its pending write."""
    if event.contains(engine, "before_cursor_execute", _before_statement):
        return
    # Statements: before_cursor_execute runs outside SQLAlchemy's error handling, so an error is
    # wrapped here (finish_deferred) just as SQLAlchemy would wrap it.
    event.listen(engine, "before_cursor_execute", _before_statement)
    event.listen(engine, "commit", finish_deferred)
    event.listen(engine, "rollback", _before_rollback)
    event.listen(engine.pool, "reset", _before_reset)


def _before_statement(connection: sa.Connection, *_args: Any) -> None:
    finish_deferred(connection)


def _before_rollback(connection: sa.Connection) -> None:
    _discard(_take(connection))


def _before_reset(_dbapi_connection: Any, record: Any, _reset_state: Any) -> None:
    _discard(record.info.pop(_PENDING, None))


def _discard(pending: tuple[Any, str, tuple[Any, ...]] | None) -> None:
    """Close a pending write's pipeline; its error no longer matters: the transaction is being rolled back."""
    if pending is not None:
        _close(pending[0], None)
