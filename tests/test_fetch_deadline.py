"""One slow site never holds the others (issue 15): a deadline per item fetch, a time budget per source
and run, and sources crawled concurrently. Real servers on 127.0.0.1; small deadlines, and assertions on
outcomes (which deadline fired, what stayed pending, what overlapped), never on speed."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from monitor.errors import BlockedURL, FetchDeadlineExceeded, FetchTimeout
from monitor.fetch.fetcher import Fetcher
from monitor.pipeline import crawl
from monitor.settings import Settings
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import CrawlRun, DiscoveredUrl, FetchLog, Source
from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server

ARTICLE = ("<html><head><meta charset='utf-8'></head><body><h1>{title}</h1><div class='time'>2024-05-20</div>"
           "<div class='content'><p>{body}</p><p>园区负责人介绍，今年将新建孵化载体和中试平台，服务更多科技型中小企业。</p>"
           "</div></body></html>")
FAST_ITEMS = {
    "/a/1.html": ("东湖高新区光谷建设提速", "武汉东湖高新区光谷科创大走廊建设提速，今年新增高新技术企业一千余家。"),
    "/a/2.html": ("合肥高新区量子产业加速发展", "合肥高新区量子信息企业发布新一代量子计算机，量子通信网络覆盖全市政务系统。"),
}


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": f"sqlite:///{tmp_path / 'x.db'}", "allow_private_hosts": True,
                                 "fetch_timeout": 5.0, "retry_backoff": 0.01, "retry_max_wait": 5.0,
                                 "fetch_retries": 0}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _get(settings: Settings, url: str) -> object:
    async def go() -> object:
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(url, 200)
            return await fetcher.get(url)

    return asyncio.run(go())


def _listing(paths: list[str]) -> Response:
    links = "".join(f"<li><a href='{p}'>{p}</a></li>" for p in paths)
    return Response(200, f"<html><head><meta charset='utf-8'></head><body><ul class='news'>{links}</ul></body></html>"
                    .encode(), {"Content-Type": "text/html; charset=utf-8"})


class Drip:
    """A hostile page: headers at once, then one byte every `every` s for up to `for_` s (each byte well within
    any per-read timeout). Records when each drip started and stopped."""

    def __init__(self, every: float = 0.05, for_: float = 3.0, probe: Callable[[], bool] | None = None) -> None:
        self.every, self.for_, self.probe = every, for_, probe
        self.spans: list[tuple[datetime, datetime]] = []
        self.probes: list[bool] = []
        self.lock = threading.Lock()

    def __call__(self, handler) -> Response:  # type: ignore[no-untyped-def]
        started = datetime.now(UTC)
        if self.probe is not None:  # what the database looks like while the crawl waits on this site
            self.probes.append(self.probe())
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        end = time.monotonic() + self.for_
        try:
            while time.monotonic() < end:
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(self.every)
        except OSError:
            pass  # the client gave up: what the deadline is for
        finally:
            with self.lock:
                self.spans.append((started, datetime.now(UTC)))
        raise ConnectionAbortedError  # nothing more to send on this connection


def _sqlite_writable(url: str) -> Callable[[], bool] | None:
    """For a SQLite URL: a probe that another connection can take the write lock at once (a write
    transaction held by the crawl across a network wait would make it wait)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///")

    def probe() -> bool:
        connection = sqlite3.connect(path, timeout=0.3)  # a short commit in flight is over by then
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            connection.close()

    return probe


# the fetch deadline -----------------------------------------------------------------------
def test_the_deadline_spans_retries(tmp_path: Path) -> None:
    def slow(_handler):  # type: ignore[no-untyped-def]
        time.sleep(0.4)
        return Response(200, b"late")

    with fixture_server({"/slow": slow}) as site:
        # each attempt ends at the per-request timeout (0.2 s) and is retried; six attempts would take 1.2 s
        with pytest.raises(FetchDeadlineExceeded) as info:
            _get(_settings(tmp_path, fetch_timeout=0.2, fetch_retries=5, fetch_deadline=0.5), site.base + "/slow")
        assert site.hits.count("/slow") < 6
    assert "MONITOR_FETCH_DEADLINE" in str(info.value) and "0.5 s" in str(info.value)
    assert isinstance(info.value, FetchTimeout)  # callers that handle a timeout handle this one too


def test_the_deadline_spans_redirect_hops(tmp_path: Path) -> None:
    def hop(n: int):  # type: ignore[no-untyped-def]
        def answer(_handler):  # type: ignore[no-untyped-def]
            time.sleep(0.15)  # each hop well within the per-request timeout
            return Response(302, b"", {"Location": f"/r/{n + 1}"})
        return answer

    routes = {f"/r/{n}": hop(n) for n in range(6)}
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        with pytest.raises(FetchDeadlineExceeded):
            _get(_settings(tmp_path, fetch_timeout=1.0, max_redirects=10, fetch_deadline=0.4), site.base + "/r/0")
        assert len([h for h in site.hits if h.startswith("/r/")]) < 6


def test_the_deadline_spans_backoff_waits(tmp_path: Path) -> None:
    with fixture_server({"/busy": Response(503, b"", {"Retry-After": "3"})}) as site:
        with pytest.raises(FetchDeadlineExceeded):
            _get(_settings(tmp_path, fetch_retries=2, fetch_deadline=0.5), site.base + "/busy")
        assert site.hits.count("/busy") == 1  # cut off while waiting to retry


def test_the_deadline_spans_robots_txt(tmp_path: Path) -> None:
    drip = Drip(for_=2.0)

    async def go(settings: Settings, base: str) -> BlockedURL:
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(base, 200)
            with pytest.raises(FetchDeadlineExceeded):
                await fetcher.get(base + "/a")
            with pytest.raises(BlockedURL) as info:  # the origin's next item does not wait for robots.txt again
                await fetcher.get(base + "/b")
            return info.value

    with fixture_server({"/robots.txt": drip, "/a": Response(200, b"ok"), "/b": Response(200, b"ok")}) as site:  # type: ignore[dict-item]
        refused = asyncio.run(go(_settings(tmp_path, fetch_deadline=0.4), site.base))
        assert site.hits == ["/robots.txt"]
    assert "robots.txt did not answer within the fetch deadline" in str(refused)


def test_a_slow_drip_body_is_cut_off_and_logged(tmp_path: Path) -> None:
    drip = Drip(for_=2.0)

    async def go(settings: Settings, url: str) -> list[object]:
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(url, 200)
            with pytest.raises(FetchDeadlineExceeded):
                await fetcher.get(url)
            return list(fetcher.drain_records())

    with fixture_server({"/drip": drip}) as site:  # type: ignore[dict-item]
        records = asyncio.run(go(_settings(tmp_path, fetch_deadline=0.4), site.base + "/drip"))
    abandoned = [r for r in records if r.url.endswith("/drip")]  # type: ignore[attr-defined]
    assert abandoned and abandoned[-1].error.startswith("abandoned")  # type: ignore[attr-defined]


# concurrent sources, the budget -------------------------------------------------------------
def _sources_yaml(slow_base: str, fast_base: str, slow_extra: str = "", fast_extra: str = "") -> str:
    """The slow source first: crawled one after the other, the fast one would wait for it."""
    return (f"sources:\n"
            f"  - name: slow-site\n    kind: html\n    url: {slow_base}/list.html\n    links: 'ul.news a'\n"
            f"    rate_limit: 100\n{slow_extra}"
            f"  - name: fast-site\n    kind: html\n    url: {fast_base}/list.html\n    links: 'ul.news a'\n"
            f"    rate_limit: 100\n{fast_extra}")


def _fast_routes() -> dict[str, object]:
    routes: dict[str, object] = {"/list.html": _listing(list(FAST_ITEMS))}
    for path, (title, body) in FAST_ITEMS.items():
        routes[path] = Response(200, ARTICLE.format(title=title, body=body).encode(),
                                {"Content-Type": "text/html; charset=utf-8"})
    return routes


def _slow_routes(drip: Drip, items: int) -> dict[str, object]:
    paths = [f"/s/{n}.html" for n in range(items)]
    return {"/list.html": _listing(paths), **{path: drip for path in paths}}


def _runs(engine) -> dict[str, CrawlRun]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        rows = session.exec(select(CrawlRun, Source).join(Source, col(Source.id) == col(CrawlRun.source_id))).all()
        return {source.name: run for run, source in rows}


def _items(engine, name: str) -> list[DiscoveredUrl]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        source = session.exec(select(Source).where(Source.name == name)).one()
        return list(session.exec(select(DiscoveredUrl).where(DiscoveredUrl.source_id == source.id)).all())


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_a_fast_source_finishes_while_a_slow_one_is_held(migrated_url: str, settings_for,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    # the slow site holds its source for two deadlines of 3 s: long enough for the fast source's whole run (worker
    # processes started, pages fetched, stored) on a loaded machine, where 0.6 s was not (the test failed under load 5-7)
    drip = Drip(for_=8.0, probe=_sqlite_writable(migrated_url))
    settings = settings_for(migrated_url, fetch_timeout=5.0, fetch_retries=0, fetch_deadline=3.0,
                            concurrency_per_origin=1, source_run_budget=0)
    engine = db.make_engine(migrated_url)
    with fixture_server(_slow_routes(drip, 2)) as slow, fixture_server(_fast_routes()) as fast:  # type: ignore[arg-type]
        sources = list(parse_sources(_sources_yaml(slow.base, fast.base)).sources)
        results = {r.name: r for r in crawl(settings, sources, engine)}
    assert (results["fast-site"].new, results["fast-site"].errors, results["fast-site"].error) == (2, 0, None)
    # the deadline capped each slow item: failed for this run, to be retried, nothing stored
    assert (results["slow-site"].new, results["slow-site"].errors, results["slow-site"].error) == (0, 2, None)
    slow_items = _items(engine, "slow-site")
    assert {i.state for i in slow_items} == {"failed"}
    assert all("MONITOR_FETCH_DEADLINE" in (i.last_error or "") for i in slow_items)
    # the fast source's run ended while the slow site was still dripping into one of our requests
    fast_done = _aware(_runs(engine)["fast-site"].finished_at)  # type: ignore[arg-type]
    assert any(start <= fast_done <= end for start, end in drip.spans), (fast_done, drip.spans)
    # SQLite: no write transaction was held while the crawl waited on the slow site
    assert all(drip.probes), drip.probes
    with Session(engine) as session:  # each source's requests logged under its own run
        runs = _runs(engine)
        for name, base in (("slow-site", slow.base), ("fast-site", fast.base)):
            urls = session.exec(select(FetchLog.url).where(FetchLog.run_id == runs[name].id)).all()
            assert urls and all(u.startswith(base) for u in urls), (name, urls)
    engine.dispose()


def test_the_budget_stops_a_source_and_leaves_the_rest_pending(migrated_url: str, settings_for,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    drip = Drip(for_=3.0)
    settings = settings_for(migrated_url, fetch_timeout=5.0, fetch_retries=0, fetch_deadline=0.5,
                            concurrency_per_origin=1, source_run_budget=1.2)
    engine = db.make_engine(migrated_url)
    with fixture_server(_slow_routes(drip, 8)) as slow, fixture_server(_fast_routes()) as fast:  # type: ignore[arg-type]
        # a source's own run_budget overrides MONITOR_SOURCE_RUN_BUDGET (0: no limit)
        sources = list(parse_sources(_sources_yaml(slow.base, fast.base, fast_extra="    run_budget: 0\n")).sources)
        results = {r.name: r for r in crawl(settings, sources, engine)}
        hits = [h for h in slow.hits if h.startswith("/s/")]
    slow_result, fast_result = results["slow-site"], results["fast-site"]
    assert (fast_result.new, fast_result.budget_exhausted, fast_result.left_pending) == (2, False, 0)
    assert slow_result.budget_exhausted and slow_result.error is None and not slow_result.failed
    items = _items(engine, "slow-site")
    assert len(items) == 8  # nothing lost, nothing twice
    pending = [i for i in items if i.state == "pending"]
    assert slow_result.left_pending == len(pending) > 0
    assert all(i.attempts == 0 and i.last_error is None for i in pending)
    assert {i.state for i in items} == {"failed", "pending"}
    assert slow_result.errors == 8 - len(pending)  # each item it reached, capped by the deadline
    assert len(hits) < 8
    run = _runs(engine)["slow-site"]
    assert (run.status, run.errors) == ("ok", slow_result.errors)  # what it did is recorded
    engine.dispose()


def test_crawl_json_reports_the_budget_stop(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    drip = Drip(for_=3.0)
    env = {"MONITOR_DATABASE_URL": database, "MONITOR_SOURCES": str(tmp_path / "sources.yaml"),
           "MONITOR_ALLOW_PRIVATE_HOSTS": "true", "MONITOR_FETCH_RETRIES": "0", "MONITOR_FETCH_DEADLINE": "0.4",
           "MONITOR_CONCURRENCY_PER_ORIGIN": "1"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    with fixture_server(_slow_routes(drip, 12)) as slow, fixture_server(_fast_routes()) as fast:  # type: ignore[arg-type]
        (tmp_path / "sources.yaml").write_text(_sources_yaml(slow.base, fast.base, "    run_budget: 1\n"),
                                               encoding="utf-8")
        result = run_cli("crawl", "--json", env=env, cwd=tmp_path)
        text = run_cli("crawl", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = {line["name"]: line for line in map(json.loads, result.stdout.splitlines())}
    slow_line = lines["slow-site"]
    assert set(slow_line) >= {"name", "fetched", "new", "duplicates", "errors", "error", "budget_exhausted",
                              "left_pending"}
    assert slow_line["budget_exhausted"] is True and slow_line["left_pending"] > 0 and slow_line["error"] is None
    assert (lines["fast-site"]["new"], lines["fast-site"]["budget_exhausted"]) == (2, False)
    assert text.returncode == 0, text.stderr
    said = " ".join(text.stderr.split())  # the console wraps long lines
    assert "slow-site" in said and "stopped: time budget used up" in said and "item(s) left pending" in said


def test_discovery_cut_by_the_budget_fails_the_run(migrated_url: str, settings_for,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    drip = Drip(for_=2.0)
    settings = settings_for(migrated_url, fetch_retries=0, fetch_deadline=5.0, source_run_budget=0)
    engine = db.make_engine(migrated_url)
    with fixture_server({"/list.html": drip}) as slow, fixture_server(_fast_routes()) as fast:  # type: ignore[dict-item]
        sources = list(parse_sources(_sources_yaml(slow.base, fast.base, "    run_budget: 0.5\n")).sources)
        results = {r.name: r for r in crawl(settings, sources, engine)}
    assert results["slow-site"].failed and results["slow-site"].budget_exhausted
    assert "time budget of 0.5 s" in (results["slow-site"].error or "")
    assert results["fast-site"].new == 2
    assert _runs(engine)["slow-site"].status == "failed"
    engine.dispose()

