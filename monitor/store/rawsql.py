"""Hand-written SQL that SQLite and PostgreSQL both accept, run on a session's connection.

The dedup and store hot paths run a few small statements per article: SQLAlchemy's compile
and parameter processing (and the ORM's unit of work) cost more than the statements
themselves. Placeholders are written ``?`` and turned into the driver's style; errors still
come through SQLAlchemy (``exec_driver_sql``), so the callers' handling of lost connections
and full disks applies unchanged.

On SQLite a statement runs in-process in a few microseconds, and SQLAlchemy's work around it (an
execution context and a result object per statement, ~10 µs) was 9% of an ingest's time on the
database thread (bench/ingest_scale.py, py-spy): there the statements go to the driver's connection
of the same transaction directly, and a driver error is raised as the SQLAlchemy exception
``exec_driver_sql`` would have raised (same class, ``orig``), so callers see no difference. They
pass no SQLAlchemy events (``before_cursor_execute``); PostgreSQL's do, which the deferred writes
(``monitor.dedup.deferred_write``) and the tests that cut a connection under a statement rely on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

__all__ = ["RawSql", "marks", "pg_array"]


class RawSql:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._style: str | None = None

    def driver_sql(self, sql: str) -> str:
        """``sql`` with the driver's placeholders."""
        if self._style is None:
            self._style = self.session.connection().dialect.paramstyle
        return sql if self._style == "qmark" else sql.replace("?", "%s")

    @property
    def postgres(self) -> bool:
        return self.driver_sql("?") != "?"

    def run(self, sql: str, params: list[object] | tuple[object, ...]) -> Any:
        """Run one statement; the result has ``lastrowid`` (a cursor, on SQLite)."""
        if self.postgres:
            return self.session.connection().exec_driver_sql(self.driver_sql(sql), tuple(params))
        return self._sqlite(sql, tuple(params), many=False)

    def all(self, sql: str, params: list[object] | tuple[object, ...]) -> list[tuple[Any, ...]]:
        if self.postgres:
            return [tuple(r) for r in self.run(sql, params).all()]
        return self._sqlite(sql, tuple(params), many=False).fetchall()  # type: ignore[no-any-return]

    def one(self, sql: str, params: list[object] | tuple[object, ...]) -> tuple[Any, ...] | None:
        if self.postgres:
            row = self.run(sql, params).first()
            return None if row is None else tuple(row)
        return self._sqlite(sql, tuple(params), many=False).fetchone()  # type: ignore[no-any-return]

    def many(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """An executemany: SQLite's runs in-process; on PostgreSQL psycopg sends a round trip per row,
        so the hot paths there write arrays through ``unnest`` in one statement instead."""
        if self.postgres:
            self.session.connection().exec_driver_sql(self.driver_sql(sql), rows)
        else:
            self._sqlite(sql, rows, many=True)

    def _sqlite(self, sql: str, params: Any, *, many: bool) -> sqlite3.Cursor:
        """``sql`` on the driver's connection of the session's transaction (begun by ``connection()``)."""
        connection = self.session.connection()
        driver = connection.connection.driver_connection
        try:
            return driver.executemany(sql, params) if many else driver.execute(sql, params)  # type: ignore[union-attr]
        except sqlite3.Error as error:
            raise sa.exc.DBAPIError.instance(sql, params, error, sqlite3.Error, dialect=connection.dialect) from error

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
        """Rows into ``table`` (names from code, never from input): one multi-row INSERT on PostgreSQL (one
        round trip), an executemany on SQLite."""
        if not rows:
            return
        if self.postgres:
            values = ", ".join([f"({marks(len(columns))})"] * len(rows))
            self.run(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values}", [v for row in rows for v in row])
        else:
            self.many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(len(columns))})", rows)


def marks(n: int) -> str:
    """``n`` comma-separated placeholders, for an IN list."""
    return ", ".join("?" * n)


def pg_array(values: Iterable[int]) -> str:
    """A PostgreSQL array literal of integers, for a parameter cast in the SQL (``?::bigint[]``): psycopg's
    own list adaptation inspects every element, ~50 µs for 30 numbers, several times per stored article."""
    return "{" + ",".join(map(str, values)) + "}"
