"""`monitor serve`'s job locks: many crawls at once in one process, a CLI run never starved by them,
and (PostgreSQL) every source lock of the process on one connection."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitor.errors import LockBusy
from monitor.service import locks
from monitor.service.joblocks import JobLocks
from monitor.store import db


def test_jobs_of_one_process_run_at_once_but_a_name_only_once(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    job_locks = JobLocks(engine)
    try:
        with job_locks.hold("source:a", 0), job_locks.hold("source:b", 0):
            with pytest.raises(LockBusy):
                with job_locks.hold("source:a", 0.2):
                    pass
            # another process (here: the plain lock API, as the CLI takes it) cannot take a's lock
            assert locks.try_lock(engine, locks.source_lock_name("a")) is None
        other = locks.try_lock(engine, locks.source_lock_name("a"))
        assert other is not None, "released by the process once its jobs ended"
        other.release()
    finally:
        job_locks.close()
        engine.dispose()


def test_postgres_source_locks_share_one_connection(migrated_url: str) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("advisory locks are PostgreSQL's")
    engine = db.make_engine(migrated_url)
    job_locks = JobLocks(engine)
    try:
        async def many() -> None:
            async def one(n: int, entered: list[int]) -> None:
                async with job_locks.hold_async(f"source:s{n}", 0):
                    entered.append(n)
                    await asyncio.sleep(0.3)

            entered: list[int] = []
            await asyncio.gather(*(one(n, entered) for n in range(40)))
            assert sorted(entered) == list(range(40))

        asyncio.run(many())  # 40 at once: more than the engine's pool (5 + 10 overflow) would give
        with engine.connect() as connection:
            held = connection.execute(sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).scalar()
        assert held == 0
    finally:
        job_locks.close()
        engine.dispose()


def test_a_cli_run_waiting_for_sqlite_gets_the_lock_while_jobs_keep_starting(tmp_path: Path) -> None:
    """A serve process whose jobs overlap all the time would hold the SQLite write lock for ever; a run of
    another process that waits for it (announcing itself) is handed the lock once the running jobs end."""
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    job_locks = JobLocks(engine)
    stop = threading.Event()

    def overlapping_jobs(offset: int) -> None:  # each job starts before the other ends
        n = offset
        while not stop.is_set():
            try:
                with job_locks.hold(f"source:{n}", 0):
                    time.sleep(0.3)
            except LockBusy:
                time.sleep(0.05)
            n += 2

    workers = [threading.Thread(target=overlapping_jobs, args=(k,)) for k in (0, 1)]
    for worker in workers:
        worker.start()
    try:
        time.sleep(0.5)
        code = ("import sys; from monitor.store import db; from monitor.service import locks\n"
                f"engine = db.make_engine({url!r})\n"
                "with locks.hold(engine, 'import', 20): print('got it')\n")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    finally:
        stop.set()
        for worker in workers:
            worker.join()
        job_locks.close()
        engine.dispose()
    assert result.returncode == 0 and "got it" in result.stdout, result.stderr
