"""The locks of `monitor serve`'s concurrent jobs (crawls of many sources at once, digest runs).

Other runs take one lock per run (locks.py). A serve process runs dozens of crawls at once, so:

- PostgreSQL: its advisory locks (one per job name, as other processes take them) are held on one
  connection of their own, not one connection per crawl, so the crawls in flight are not bounded by
  the connection pool. A name is refused while this process holds it (the server would grant a
  session its own lock twice).
- SQLite: the database admits one writing process. The process holds the write lock file while any
  of its jobs runs (its jobs' database work is serialised in one worker thread); a job name is held in
  memory. When another process waits for the write lock (it announces itself on the ``wanted`` file),
  no new job starts until the running ones end and the lock is handed over, so a CLI run is delayed by
  the jobs in flight, never starved by a busy schedule.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import threading
import time
from collections.abc import AsyncIterator, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from monitor.errors import LockBusy
from monitor.service.locks import POLL_SECONDS, Lock, _advisory_key, try_lock, wanted_file
from monitor.store.db import database_error

__all__ = ["JobLocks"]

HANDOVER_SECONDS = 1.0  # after handing the write lock over, the waiter gets this long to take it


class JobLocks:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = engine.url.get_backend_name() == "postgresql"
        self._mutex = threading.Lock()
        self._held: set[str] = set()
        self._connection: sa.Connection | None = None  # PostgreSQL: holds every advisory lock of this process
        self._write_lock: Lock | None = None  # SQLite: held while any job runs
        self._draining = False
        self._resume_at = 0.0
        self._wanted_fd: int | None = None

    # one attempt ----------------------------------------------------------------------
    def _try(self, name: str) -> bool:
        with self._mutex:
            if name in self._held:
                return False
            if self.postgres:
                if not self._try_advisory(name):
                    return False
            elif not self._admit_writer():
                return False
            self._held.add(name)
            return True

    def _try_advisory(self, name: str) -> bool:
        try:
            if self._connection is None:
                self._connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            return bool(self._connection.execute(sa.text("SELECT pg_try_advisory_lock(:k)"),
                                                 {"k": _advisory_key(name)}).scalar())
        except sa.exc.DBAPIError as exc:
            self._drop_connection()  # the server dropped its locks with it; the next attempt reconnects
            raise database_error(exc, self.engine.url, f"taking the lock {name!r}") from exc

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sa.exc.SQLAlchemyError):
                self._connection.invalidate()
                self._connection.close()
            self._connection = None

    def _admit_writer(self) -> bool:
        if self._write_lock is None:
            if self._draining or time.monotonic() < self._resume_at:
                return False
            self._write_lock = try_lock(self.engine, "write")
            return self._write_lock is not None
        if self._draining or self._another_process_waits():
            self._draining = True  # no new job until the running ones end and the lock is handed over
            return False
        return True

    def _another_process_waits(self) -> bool:
        if self._wanted_fd is None:
            path = wanted_file(self.engine)
            if path is None:
                return False
            try:
                self._wanted_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError:
                return False
        try:
            fcntl.flock(self._wanted_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(self._wanted_fd, fcntl.LOCK_UN)
        return False

    def _release(self, name: str) -> None:
        with self._mutex:
            self._held.discard(name)
            if self.postgres:
                if self._connection is not None:
                    try:
                        self._connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _advisory_key(name)})
                    except sa.exc.DBAPIError:
                        self._drop_connection()  # the locks went with the lost session
                return
            if not self._held and self._write_lock is not None:
                self._write_lock.release()
                self._write_lock = None
                if self._draining:
                    self._draining = False
                    self._resume_at = time.monotonic() + HANDOVER_SECONDS

    def _busy(self, name: str, timeout: float) -> LockBusy:
        if self.postgres:
            return LockBusy(f"another run holds the lock {name!r}; gave up after waiting {timeout:g}s (MONITOR_LOCK_TIMEOUT)")
        return LockBusy("another writing run (crawl, backfill, import or digest) is using this SQLite database; "
                        f"gave up after waiting {timeout:g}s (MONITOR_LOCK_TIMEOUT)")

    # holding --------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def hold_async(self, name: str, timeout: float) -> AsyncIterator[None]:
        """Hold ``name`` for the block, waiting up to ``timeout`` s without blocking the loop (else LockBusy)."""
        deadline = time.monotonic() + timeout
        while not self._try(name):
            if time.monotonic() >= deadline:
                raise self._busy(name, timeout)
            await asyncio.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            self._release(name)

    @contextlib.contextmanager
    def hold(self, name: str, timeout: float) -> Iterator[None]:
        """``hold_async`` for a worker thread."""
        deadline = time.monotonic() + timeout
        while not self._try(name):
            if time.monotonic() >= deadline:
                raise self._busy(name, timeout)
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            self._release(name)

    def close(self) -> None:
        with self._mutex:
            self._drop_connection()  # closed, not returned to the pool: no advisory lock outlives the service
            if self._write_lock is not None:
                self._write_lock.release()
                self._write_lock = None
            if self._wanted_fd is not None:
                os.close(self._wanted_fd)
                self._wanted_fd = None
