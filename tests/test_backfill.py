"""`monitor backfill` as a real subprocess against the demo site on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from sqlmodel import Session, col, func, select

from monitor.demo.server import DemoSite
from monitor.digest.matching import load_candidates
from monitor.service.backfill import BackfillResult, BackfillWindow, run_backfill
from monitor.sourcesfile import load_sources
from monitor.store import db
from monitor.store.models import Article, DiscoveredUrl
from monitor.tag.gazetteer import load_gazetteer
from monitor.timefmt import parse_cli_date
from tests.conftest import run_cli

SOURCE = "demo-portal-news"
WAIT = 40.0  # upper bound of every wait; the tests never measure time


def _env(database_url: str, sources: Path, tmp_path: Path) -> dict[str, str]:
    return {"MONITOR_DATABASE_URL": database_url, "MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "1",
            "MONITOR_OUTBOX": str(tmp_path / "outbox"), "MONITOR_SECRET_KEY": "test", "MONITOR_FETCH_RETRIES": "0"}


def _sources(site: DemoSite, path: Path, rate_limit: float) -> Path:
    path.write_text(re.sub(r"rate_limit: \d+", f"rate_limit: {rate_limit}", site.sources_yaml()), encoding="utf-8")
    return path


def _articles(url: str) -> list[tuple[str, bool]]:
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            return sorted(session.exec(select(Article.url, Article.backfilled)).all())
    finally:
        engine.dispose()


def _count(url: str, query) -> int:  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            return int(session.exec(query).one())
    finally:
        engine.dispose()


def _backfill(env: dict[str, str], *extra: str) -> dict[str, object]:
    done = run_cli("backfill", "--source", SOURCE, "--since", "2000-01-01", "--json", *extra, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _backfill_here(settings_for, url: str, sources: Path, window: BackfillWindow) -> BackfillResult:  # type: ignore[no-untyped-def]
    """The same backfill in this process (no interpreter start-up): for the reference runs."""
    engine = db.make_engine(url)
    try:
        return run_backfill(settings_for(url, sources=sources), load_sources(sources).get(SOURCE), engine, window)
    finally:
        engine.dispose()


def _digest_urls(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            return {c.url for c in load_candidates(session, load_gazetteer())}
    finally:
        engine.dispose()


def test_backfill_killed_half_way_resumes_to_the_same_set(demo_site: DemoSite, migrated_url: str, tmp_path: Path,
                                                          settings_for) -> None:  # type: ignore[no-untyped-def]
    # uninterrupted reference into a fresh SQLite database
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    db.upgrade(reference_url)
    fast = _sources(demo_site, tmp_path / "fast.yaml", 50)
    reference = _backfill_here(settings_for, reference_url, fast, BackfillWindow(parse_cli_date("2000-01-01")))
    expected = _articles(reference_url)
    assert reference.complete and len(expected) >= 4
    assert all(backfilled for _url, backfilled in expected)
    assert _digest_urls(reference_url) == set()  # backfilled: kept out of digests

    # a slow backfill (3 requests/s), killed with SIGKILL once a few articles are stored
    env = _env(migrated_url, _sources(demo_site, tmp_path / "slow.yaml", 3), tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "monitor", "backfill", "--source", SOURCE, "--since", "2000-01-01"],
                               env={**{k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        articles = select(func.count()).select_from(Article)
        deadline = time.monotonic() + WAIT
        while _count(migrated_url, articles) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        process.kill()
    finally:
        process.wait(timeout=10)
    pending = select(func.count()).select_from(DiscoveredUrl).where(col(DiscoveredUrl.state) == "pending")
    assert _count(migrated_url, pending) > 0, "the backfill finished before it was killed"
    assert 0 < len(_articles(migrated_url)) < len(expected)

    resumed = _backfill_here(settings_for, migrated_url, fast, BackfillWindow(parse_cli_date("2000-01-01")))
    assert resumed.resumed and resumed.complete
    assert _articles(migrated_url) == expected  # same URLs, all marked backfilled, none twice
    assert _count(migrated_url, pending) == 0

    again = _backfill_here(settings_for, migrated_url, fast, BackfillWindow(parse_cli_date("2000-01-01")))
    assert again.new == 0 and again.duplicates == 0 and not again.resumed  # idempotent: nothing new
    assert _articles(migrated_url) == expected


def test_backfill_notify_and_until(demo_site: DemoSite, tmp_path: Path, settings_for) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'notify.db'}"
    db.upgrade(url)
    env = _env(url, _sources(demo_site, tmp_path / "sources.yaml", 50), tmp_path)
    everything = f"sqlite:///{tmp_path / 'all.db'}"
    db.upgrade(everything)
    _backfill_here(settings_for, everything, tmp_path / "sources.yaml", BackfillWindow(parse_cli_date("2000-01-01")))
    engine = db.make_engine(everything)
    with Session(engine) as session:
        dates = sorted(d for d in session.exec(select(Article.published_at)).all() if d is not None)
    engine.dispose()
    assert len(set(d.date() for d in dates)) >= 2, "the demo source needs articles from two days at least"
    cutoff = dates[0].date().isoformat()  # keep the first day only

    result = _backfill(env, "--notify", "--until", cutoff)
    stored = _articles(url)
    assert result["skipped"] > 0 and stored and not any(backfilled for _url, backfilled in stored)
    engine = db.make_engine(url)
    with Session(engine) as session:
        kept = [d for d in session.exec(select(Article.published_at)).all() if d is not None]
    engine.dispose()
    assert kept and all(d.date() <= dates[0].date() for d in kept)
    assert _digest_urls(url)  # --notify: the relevant ones go into digests
