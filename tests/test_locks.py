"""Job locks: PostgreSQL advisory locks, SQLite file locks, and a CLI run that finds its lock taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import LockBusy
from monitor.service import locks
from monitor.store import db
from tests.conftest import run_cli


def test_a_taken_lock_is_refused_then_free_again(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    try:
        held = locks.try_lock(engine, locks.source_lock_name("a"))
        assert held is not None
        assert locks.try_lock(engine, locks.source_lock_name("a")) is None
        other = locks.try_lock(engine, locks.source_lock_name("b"))
        # PostgreSQL: one lock per source; SQLite: one writing run at a time
        assert (other is not None) == migrated_url.startswith("postgresql")
        if other:
            other.release()
        with pytest.raises(LockBusy):
            with locks.hold(engine, locks.source_lock_name("a"), timeout=0.3):
                pass
        held.release()
        with locks.hold(engine, locks.source_lock_name("a"), timeout=0.3):
            pass
    finally:
        engine.dispose()


def test_cli_crawl_waits_for_the_lock_then_exits_1(migrated_url: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text('sources:\n  - {name: zone-news, kind: feed, url: "http://127.0.0.1:9/rss.xml"}\n', encoding="utf-8")
    engine = db.make_engine(migrated_url)
    held = locks.try_lock(engine, locks.source_lock_name("zone-news"))
    assert held is not None
    try:
        result = run_cli("crawl", env={"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(sources),
                                       "MONITOR_LOCK_TIMEOUT": "0.5", "MONITOR_ALLOW_PRIVATE_HOSTS": "1"})
    finally:
        held.release()
        engine.dispose()
    assert result.returncode == 1
    assert "gave up after waiting 0.5s" in result.stderr


@pytest.mark.parametrize(("lock_name", "args"), [
    ("import", ["import", "{items}"]),
    (locks.DIGEST_LOCK, ["digest", "send", "--frequency", "daily"]),
])
def test_import_and_digest_runs_wait_for_their_lock_then_exit_1(migrated_url: str, tmp_path: Path, lock_name: str,
                                                               args: list[str]) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text('{"url": "https://a.example.cn/1.html", "title": "t", "body": "包头稀土高新区新闻。"}\n', encoding="utf-8")
    engine = db.make_engine(migrated_url)
    held = locks.try_lock(engine, lock_name)
    assert held is not None
    try:
        result = run_cli(*[a.format(items=items) for a in args],
                         env={"MONITOR_DATABASE_URL": migrated_url, "MONITOR_LOCK_TIMEOUT": "0.5",
                              "MONITOR_OUTBOX": str(tmp_path / "outbox")})
    finally:
        held.release()
        engine.dispose()
    assert result.returncode == 1, result.stderr
    assert "gave up after waiting 0.5s" in result.stderr
    # nothing was written while the lock was held
    engine = db.make_engine(migrated_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar_one() == 0
    finally:
        engine.dispose()
