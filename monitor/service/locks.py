"""Locks that keep runs of one job from overlapping, across threads and processes.

PostgreSQL: a session-level advisory lock per job name (``source:NAME``, ``digest``), held
on a connection of its own, so several `monitor serve` processes and CLI runs against one
database never crawl the same source or send the same digests at once; the server drops
it when the process dies.

SQLite: OS file locks (``fcntl.flock``) on files next to the database: ``<db>.write.lock``
admits one writing run at a time (crawl, backfill, import, digest run), ``<db>.serve.lock``
one `monitor serve` per database. The kernel releases them when the process dies, so a
SIGKILL never leaves a stale lock. An in-memory SQLite database has no lock.

A run that finds its lock taken waits up to a timeout, then raises LockBusy (exit 1).
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from monitor.errors import DatabaseReadOnly, LockBusy
from monitor.store.db import database_error, sqlite_path

__all__ = ["Lock", "try_lock", "hold", "hold_async", "hold_many", "serve_lock", "source_lock_name", "DIGEST_LOCK"]

DIGEST_LOCK = "digest"
POLL_SECONDS = 0.1


def source_lock_name(source: str) -> str:
    """One name for every writing run of a source (scheduled crawl, CLI crawl, backfill)."""
    return f"source:{source}"


class Lock(Protocol):
    def release(self) -> None: ...


def _advisory_key(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


class _AdvisoryLock:
    def __init__(self, connection: sa.Connection, key: int) -> None:
        self.connection, self.key = connection, key

    def release(self) -> None:
        try:
            self.connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
        except sa.exc.DBAPIError:
            # The connection was lost (and the server dropped the lock with its session), or the
            # unlock failed: either way the connection must not go back to the pool holding the lock.
            self.connection.invalidate()
        finally:
            self.connection.close()


class _FileLock:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def release(self) -> None:
        os.close(self.fd)  # closing the descriptor drops the flock


class _NoLock:
    def release(self) -> None:
        pass


def _lock_file(engine: Engine, scope: str) -> Path | None:
    path = sqlite_path(engine.url)
    return None if path is None else path.with_name(f"{path.name}.{scope}.lock")


def try_lock(engine: Engine, name: str, *, scope: str = "write") -> Lock | None:
    """Take the lock now or return None. ``scope`` picks the SQLite lock file (write or serve)."""
    if engine.url.get_backend_name() == "postgresql":
        try:
            connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except sa.exc.DBAPIError as exc:
            raise database_error(exc, engine.url, f"taking the lock {name!r}") from exc
        key = _advisory_key(name)
        try:
            taken = connection.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        except BaseException:
            connection.close()
            raise
        if taken:
            return _AdvisoryLock(connection, key)
        connection.close()
        return None
    path = _lock_file(engine, scope)
    if path is None:
        return _NoLock()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise DatabaseReadOnly(f"cannot create the lock file {path} ({exc}): this user must be able to write "
                               "the database's folder") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return _FileLock(fd)


def _busy(engine: Engine, name: str, timeout: float, scope: str) -> LockBusy:
    if engine.url.get_backend_name() == "postgresql":
        what = f"another run holds the lock {name!r}"
    elif scope == "serve":
        what = "another `monitor serve` is running on this SQLite database"
    else:
        what = "another writing run (crawl, backfill, import or digest) is using this SQLite database"
    return LockBusy(f"{what}; gave up after waiting {timeout:g}s (MONITOR_LOCK_TIMEOUT)")


def wanted_file(engine: Engine) -> Path | None:
    """SQLite: a run waiting for the write lock holds this file shared, so that a `monitor serve` whose
    overlapping jobs keep the write lock (joblocks.py) hands it over instead of starving the waiter."""
    return _lock_file(engine, "wanted")


@contextmanager
def _announced_wait(engine: Engine, scope: str) -> Iterator[None]:
    path = wanted_file(engine) if scope == "write" and engine.url.get_backend_name() != "postgresql" else None
    if path is None:
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:  # the write lock's own error says what is wrong with the folder
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


@contextmanager
def hold(engine: Engine, name: str, timeout: float, *, scope: str = "write") -> Iterator[None]:
    """Hold the lock for the block, waiting up to ``timeout`` seconds for it (else LockBusy)."""
    deadline = time.monotonic() + timeout
    lock = try_lock(engine, name, scope=scope)
    if lock is None:
        with _announced_wait(engine, scope):
            while (lock := try_lock(engine, name, scope=scope)) is None:
                if time.monotonic() >= deadline:
                    raise _busy(engine, name, timeout, scope)
                time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        lock.release()


@asynccontextmanager
async def hold_async(engine: Engine, name: str, timeout: float) -> AsyncIterator[None]:
    """``hold`` for coroutines: waits without blocking the event loop."""
    deadline = time.monotonic() + timeout
    while (lock := try_lock(engine, name)) is None:
        if time.monotonic() >= deadline:
            raise _busy(engine, name, timeout, "write")
        await asyncio.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        lock.release()


@contextmanager
def hold_many(engine: Engine, names: Iterable[str], timeout: float) -> Iterator[None]:
    """Several locks (in a fixed order, so two runs cannot deadlock); on SQLite the one write lock."""
    wanted = sorted(set(names)) if engine.url.get_backend_name() == "postgresql" else ["write"]
    with ExitStack() as stack:
        for name in wanted:
            stack.enter_context(hold(engine, name, timeout))
        yield


def serve_lock(engine: Engine, timeout: float) -> Lock:
    """One `monitor serve` per SQLite database (PostgreSQL admits several: they share the job locks)."""
    if engine.url.get_backend_name() == "postgresql":
        return _NoLock()
    deadline = time.monotonic() + timeout
    while (lock := try_lock(engine, "serve", scope="serve")) is None:
        if time.monotonic() >= deadline:
            raise _busy(engine, "serve", timeout, "serve")
        time.sleep(POLL_SECONDS)
    return lock
