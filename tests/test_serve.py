"""`monitor serve` as a real subprocess with second-level schedules against sites on loopback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import Session, col, func, select

from monitor.demo.server import SITE_ROOT, DemoSite
from monitor.pipeline import crawl
from monitor.sourcesfile import load_sources
from monitor.store import db
from monitor.store.models import Article, CrawlRun, DiscoveredUrl, Source
from tests.conftest import POSTGRES_URL, free_port  # noqa: F401
from tests.digest_helpers import smtp_sink
from tests.fixture_server import Response, fixture_server

WAIT = 40.0  # upper bound of every wait; the tests never measure time


def _env(database_url: str, sources: Path, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update({"MONITOR_DATABASE_URL": database_url, "MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "1",
                "MONITOR_OUTBOX": str(tmp_path / "outbox"), "MONITOR_SECRET_KEY": "test", "MONITOR_SCHEDULE_JITTER": "0.2",
                "MONITOR_FETCH_RETRIES": "0"})
    env.update(extra)
    return env


@contextmanager
def _serve(env: dict[str, str], *args: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen([sys.executable, "-m", "monitor", "serve", "--no-web", *args], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def _stop(process: subprocess.Popen[str]) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pytest.fail("monitor serve did not stop after SIGTERM")


def _until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


def _count(url: str, query) -> int:  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            return int(session.exec(query).one())
    finally:
        engine.dispose()


def _fast_sources(site: DemoSite, path: Path, every: str = "every 2s") -> Path:
    path.write_text(re.sub(r'schedule: ".*"', f'schedule: "{every}"', site.sources_yaml()), encoding="utf-8")
    return path


def _urls(url: str) -> list[str]:
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            return sorted(session.exec(select(Article.url)).all())
    finally:
        engine.dispose()


def test_serve_crawls_and_a_sigterm_mid_crawl_loses_nothing(demo_site: DemoSite, tmp_path: Path, settings_for) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    db.upgrade(url)
    sources = _fast_sources(demo_site, tmp_path / "sources.yaml")
    env = _env(url, sources, tmp_path)
    articles = select(func.count()).select_from(Article)
    with _serve(env) as process:
        _until(lambda: _count(url, articles) > 0 or process.poll() is not None, "the first article")
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert _stop(process) == 0  # mid-crawl: the demo sources have ~30 items, stored one by one
    with _serve(env) as process:
        every_source = select(func.count(func.distinct(CrawlRun.source_id))).where(
            CrawlRun.status == "ok", CrawlRun.id > _count(url, select(func.max(CrawlRun.id))))
        _until(lambda: _count(url, every_source) == 4, "a complete run of every source after the restart")
        assert _stop(process) == 0
    assert _count(url, select(func.count()).select_from(DiscoveredUrl).where(DiscoveredUrl.state == "pending")) == 0
    assert _count(url, select(func.count()).select_from(CrawlRun).where(CrawlRun.status == "running")) == 0
    # the same set as one uninterrupted crawl into a fresh database
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    db.upgrade(reference)
    engine = db.make_engine(reference)
    crawl(settings_for(reference, sources=sources), list(load_sources(sources).sources), engine)
    engine.dispose()
    got = _urls(url)
    assert got == _urls(reference) and len(got) == len(set(got)) and got


def test_two_serve_processes_on_postgres_crawl_each_source_once_per_tick(demo_site: DemoSite, tmp_path: Path,
                                                                        database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several serve processes share one database only on PostgreSQL")
    db.upgrade(database_url)
    sources = _fast_sources(demo_site, tmp_path / "sources.yaml")
    env = _env(database_url, sources, tmp_path)
    runs = select(func.count()).select_from(CrawlRun).where(CrawlRun.status == "ok")
    with _serve(env) as first, _serve(env) as second:
        _until(lambda: _count(database_url, runs) >= 10, "a few ticks of every source")
        assert _stop(first) == 0 and _stop(second) == 0
    engine = db.make_engine(database_url)
    with Session(engine) as session:
        for source in session.exec(select(Source)).all():
            spans = session.exec(select(CrawlRun.started_at, CrawlRun.finished_at).where(CrawlRun.source_id == source.id)
                                 .order_by(col(CrawlRun.started_at))).all()
            for (start, end), (next_start, _) in zip(spans, spans[1:], strict=False):
                assert end is not None and end <= next_start, f"{source.name}: two runs overlapped"
                assert (next_start - start).total_seconds() >= 1.0, f"{source.name}: crawled twice in one 2 s tick"
    engine.dispose()


def _list_page(links: list[str], layout: str = "news-list") -> bytes:
    items = "".join(f'<li><a href="{link}">item</a></li>' for link in links)
    return f'<html><body><ul class="{layout}">{items}</ul></body></html>'.encode()


def _one_source(path: Path, list_url: str) -> Path:
    """A sources file with one HTML source crawled every second."""
    path.write_text(f"""sources:
  - name: zone-news
    kind: html
    url: "{list_url}"
    schedule: "every 1s"
    links: "ul.news-list a"
    rate_limit: 50
    selectors: {{title: "h1.title", body: ".article-body", date: ".meta .time"}}
""", encoding="utf-8")
    return path


def test_a_source_whose_selectors_stop_matching_raises_one_alert(tmp_path: Path) -> None:
    article = (SITE_ROOT / "site_a" / "news" / "2022-11" / "14" / "content_101.html").read_bytes()
    state = {"page": _list_page(["/a/1.html"])}
    routes = {"/list.html": lambda _h: Response(200, state["page"], {"Content-Type": "text/html; charset=utf-8"}),
              "/a/1.html": Response(200, article, {"Content-Type": "text/html; charset=utf-8"}),
              "/a/2.html": Response(200, article.replace(b"</h1>", b" II</h1>"), {"Content-Type": "text/html; charset=utf-8"}),
              "/robots.txt": Response(404, b"")}
    with fixture_server(routes) as site, smtp_sink() as sink:
        sources = _one_source(tmp_path / "sources.yaml", f"{site.base}/list.html")
        url = f"sqlite:///{tmp_path / 'alert.db'}"
        db.upgrade(url)
        env = _env(url, sources, tmp_path, MONITOR_SMTP_URL=f"smtp://127.0.0.1:{sink.port}",
                   MONITOR_ALERT_EMAILS="ops@example.org", MONITOR_ALERT_AFTER_ZERO_YIELD="2")
        ok_runs = select(func.count()).select_from(CrawlRun).where(CrawlRun.status == "ok")
        with _serve(env) as process:
            _until(lambda: _count(url, select(func.count()).select_from(Article)) == 1, "the first article")
            state["page"] = _list_page(["/a/2.html"], layout="redesigned")  # the site changed its markup
            _until(lambda: len(sink.messages) >= 1, "the alert email")
            after_alert = _count(url, ok_runs)
            _until(lambda: _count(url, ok_runs) >= after_alert + 3, "three more runs of the broken source")
            assert len(sink.messages) == 1  # one alert, not one per run
            state["page"] = _list_page(["/a/2.html"])  # fixed: the selectors match again
            _until(lambda: len(sink.messages) >= 2, "the all-clear email")
            assert _stop(process) == 0
    subjects = [m["Subject"] for _rcpt, m in sink.messages]
    assert subjects == ["[zone-monitor] source zone-news is unhealthy", "[zone-monitor] source zone-news recovered"]
    assert sink.messages[0][0] == ["ops@example.org"]
    assert "selectors" in sink.messages[0][1].get_content()


def test_maintenance_marks_stale_runs_interrupted(migrated_url: str, tmp_path: Path, settings_for) -> None:  # type: ignore[no-untyped-def]
    """'interrupted' is longer than the first schema's status column: PostgreSQL refused it (0005 widens it)."""
    from datetime import timedelta

    from monitor.service.scheduler import Service
    from monitor.timefmt import utcnow

    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:
            source = Source(name="stale", kind="html")
            session.add(source)
            session.flush()
            assert source.id is not None
            session.add(CrawlRun(source_id=source.id, started_at=utcnow() - timedelta(hours=3)))
            session.add(CrawlRun(source_id=source.id, started_at=utcnow() - timedelta(hours=2), status="ok"))
            session.commit()
        service = Service(settings_for(migrated_url), engine, web=False)
        assert service._maintenance(timedelta(hours=1)) == 1
        with Session(engine) as session:
            statuses = sorted(r.status for r in session.exec(select(CrawlRun)).all())
        assert statuses == ["interrupted", "ok"]
    finally:
        engine.dispose()


def test_metrics_are_not_served_to_the_public(tmp_path: Path) -> None:
    """Issue 15: /metrics answered anyone on the web app's port, which a reverse proxy publishes. Now: the bearer
    token (MONITOR_METRICS_TOKEN), or a loopback client that came through no proxy while the app is not published,
    or the separate metrics listener (MONITOR_METRICS_HOST/PORT)."""
    import httpx

    url = f"sqlite:///{tmp_path / 'serve.db'}"
    db.upgrade(url)
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources: []\n", encoding="utf-8")

    @contextmanager
    def serving(**extra: str) -> Iterator[tuple[str, str | None]]:
        web, metrics = free_port(), free_port()
        if "MONITOR_METRICS_PORT" in extra:
            extra["MONITOR_METRICS_PORT"] = str(metrics)
        env = _env(url, sources, tmp_path, **extra)
        process = subprocess.Popen([sys.executable, "-m", "monitor", "serve", "--host", "127.0.0.1", "--port", str(web)],
                                   env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{web}"

        def up() -> bool:
            try:
                return httpx.get(f"{base}/healthz").status_code == 200
            except httpx.TransportError:
                return process.poll() is not None
        try:
            _until(up, "the web app")
            assert process.poll() is None, process.communicate()[1]
            yield base, (f"http://127.0.0.1:{metrics}" if "MONITOR_METRICS_PORT" in extra else None)
        finally:
            _stop(process)
            process.communicate(timeout=10)

    proxied = {"X-Forwarded-For": "203.0.113.7"}  # uvicorn takes the client from it when the proxy is 127.0.0.1
    # Published through a reverse proxy on this machine: loopback clients are not to be trusted on the web port.
    with serving(MONITOR_BASE_URL="https://zone-monitor.example", MONITOR_SECRET_KEY="k" * 32,
                 MONITOR_METRICS_TOKEN="scrape-me", MONITOR_METRICS_PORT="") as (base, listener):
        assert httpx.get(f"{base}/metrics").status_code == 401
        assert httpx.get(f"{base}/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        granted = httpx.get(f"{base}/metrics", headers={"Authorization": "Bearer scrape-me", **proxied})
        assert granted.status_code == 200 and "monitor_crawl_runs" in granted.text
        assert listener is not None
        assert httpx.get(f"{listener}/metrics").status_code == 200  # the listener on loopback
        assert httpx.get(f"{listener}/metrics", headers=proxied).status_code == 401
        assert httpx.get(f"{listener}/subscribe").status_code == 404  # the listener serves /metrics only
    # Not published (the demo, a developer's machine): local clients read it, whatever comes through a proxy does not.
    with serving() as (base, _listener):
        assert httpx.get(f"{base}/metrics").status_code == 200
        for header in (proxied, {"Forwarded": "for=203.0.113.7"}, {"X-Real-IP": "203.0.113.7"}):
            assert httpx.get(f"{base}/metrics", headers=header).status_code == 404, header


class _SilentSink:
    """An SMTP server (aiosmtpd on loopback) that takes a message's data and then says nothing until the test
    releases it, or HOLD_SECONDS pass; ``events`` records, in order, when it began holding and when it answered."""

    HOLD_SECONDS = 10.0

    def __init__(self, port: int, events: list[str]) -> None:
        import asyncio
        import threading

        self.port, self.events = port, events
        self.holding, self.release = threading.Event(), threading.Event()
        self.received: list[bytes] = []
        self._asyncio = asyncio

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.holding.set()
        await self._asyncio.to_thread(self.release.wait, self.HOLD_SECONDS)
        self.received.append(envelope.original_content)  # type: ignore[attr-defined]
        self.events.append("smtp answered")
        return "250 OK"


def test_a_silent_mail_server_stalls_neither_healthz_nor_the_scheduled_crawls(tmp_path: Path) -> None:
    """Issue 16: the web app's handlers were `async def` doing blocking SMTP (and database) work on the event loop
    that `monitor serve` shares with the scheduler, so a mail server that hangs during a /subscribe stalled /healthz
    and every scheduled crawl. Here the SMTP server holds its answer ~10 s: /healthz must answer and the source must
    be crawled (twice, so that a crawl already in flight cannot count) before that answer, i.e. while the
    /subscribe request still waits."""
    import threading

    import httpx

    from tests.digest_helpers import serving

    routes = {"/list.html": Response(200, _list_page([]), {"Content-Type": "text/html; charset=utf-8"}),
              "/robots.txt": Response(404, b"")}
    events: list[str] = []
    sink = _SilentSink(free_port(), events)
    with fixture_server(routes) as site, serving(sink):
        sources = _one_source(tmp_path / "sources.yaml", f"{site.base}/list.html")
        url = f"sqlite:///{tmp_path / 'serve.db'}"
        db.upgrade(url)
        web = free_port()
        base = f"http://127.0.0.1:{web}"
        env = _env(url, sources, tmp_path, MONITOR_SMTP_URL=f"smtp://127.0.0.1:{sink.port}", MONITOR_BASE_URL=base)
        runs = select(func.count()).select_from(CrawlRun)
        process = subprocess.Popen([sys.executable, "-m", "monitor", "serve", "--host", "127.0.0.1", "--port", str(web)],
                                   env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            def up() -> bool:
                try:
                    return httpx.get(f"{base}/healthz").status_code == 200 and _count(url, runs) > 0
                except httpx.TransportError:
                    return process.poll() is not None
            _until(up, "the web app and a first crawl run")
            assert process.poll() is None, process.communicate()[1]

            answers: list[httpx.Response] = []

            def subscribe() -> None:
                answers.append(httpx.post(f"{base}/subscribe", data={"email": "reader@example.com", "frequency": "daily",
                                                                     "hour": "8"}, timeout=WAIT))
                events.append("subscribe answered")

            poster = threading.Thread(target=subscribe)
            poster.start()
            assert sink.holding.wait(WAIT), "the confirmation email never reached the SMTP server"
            before = _count(url, select(func.max(CrawlRun.id)))
            # Bounded by the server's hold: on a blocked loop these answer only after the SMTP server did.
            if httpx.get(f"{base}/healthz", timeout=WAIT).text == "ok":
                events.append("healthz answered")
            while not sink.release.is_set() and "smtp answered" not in events:
                if _count(url, select(func.count()).select_from(CrawlRun).where(CrawlRun.id > before)) >= 2:
                    events.append("two crawls run")
                    break
                time.sleep(0.1)
            sink.release.set()
            poster.join(WAIT)
            assert _stop(process) == 0
        finally:
            if process.poll() is None:
                process.kill()
            process.communicate(timeout=10)
    assert events == ["healthz answered", "two crawls run", "smtp answered", "subscribe answered"]
    assert answers[0].status_code == 200 and "请查收邮件" in answers[0].text
    assert len(sink.received) == 1 and b"reader@example.com" in sink.received[0]


def test_serve_on_sqlite_crawls_several_sources_at_once(tmp_path: Path) -> None:
    """Scheduled crawls overlap on the network even on SQLite (their writes queue for the one writer):
    each list page below answers only once all three sources have asked for theirs. A serve that ran its
    crawls one after the other (each holding the database for its whole run) never got past the first."""
    arrived = threading.Barrier(3, timeout=WAIT / 2)
    met: list[bool] = []

    def list_page(_handler: object) -> Response:
        try:
            arrived.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)
        return Response(200, _list_page([]), {"Content-Type": "text/html; charset=utf-8"})

    routes: dict[str, object] = {f"/list{n}.html": list_page for n in range(3)}
    routes["/robots.txt"] = Response(404, b"")
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n" + "".join(
            f'  - {{name: s{n}, kind: html, url: "{site.base}/list{n}.html", schedule: "every 1h", '
            f'links: "ul.news-list a", selectors: {{title: "h1", body: ".body"}}}}\n' for n in range(3)), encoding="utf-8")
        url = f"sqlite:///{tmp_path / 'serve.db'}"
        db.upgrade(url)
        runs = select(func.count()).select_from(CrawlRun).where(CrawlRun.status != "running")
        # the three share an origin: let it take three requests at once (two by default)
        with _serve(_env(url, sources, tmp_path, MONITOR_CONCURRENCY_PER_ORIGIN="3")) as process:
            _until(lambda: _count(url, runs) == 3 or process.poll() is not None, "a finished run of each source")
            assert _stop(process) == 0
    assert met[:3] == [True, True, True], "the three list pages were never asked for at once"


def test_interval_sources_started_together_keep_phases_spread_over_the_interval() -> None:
    """1,000 sources every minute, all (re)started at once: their runs, the first and those after, are
    spread over the minute (the old schedule ran all 1,000 within the 6 s jitter of each other, every
    minute); a 1-hour source still runs within the jitter after a start, and its second run does not come
    within the half interval that counts as the same tick."""
    from datetime import UTC, datetime, timedelta

    from monitor.service.scheduler import first_run, trigger_for
    from monitor.settings import Settings
    from monitor.sourcesfile import parse_sources

    settings = Settings(_env_file=None, schedule_jitter=0)  # type: ignore[call-arg]

    def source(schedule: str):  # type: ignore[no-untyped-def]
        return parse_sources(f'sources:\n  - {{name: s, kind: html, url: "https://example.org/list.html", '
                             f'schedule: "{schedule}", links: "a"}}\n').sources[0]

    start = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    minute = source("every 60s")
    firsts, seconds = [], []
    for _ in range(1000):
        first = first_run(minute, settings, start)
        assert first is not None
        second = trigger_for(minute, settings, first).get_next_fire_time(None, first)
        assert second is not None
        firsts.append((first - start).total_seconds())
        seconds.append((second - first).total_seconds())
    assert max(firsts) <= 60 and min(seconds) >= 30
    busiest = max(sum(1 for f in firsts if int(f) == s) for s in range(60))
    assert busiest < 1000 / 60 * 2.5  # about 17 a second, not 1,000 within a few seconds
    hourly = source("every 1h")
    for _ in range(50):
        first = first_run(hourly, settings, start)
        assert first is not None and first - start <= timedelta(seconds=0.001)  # jitter 0: right after start
        second = trigger_for(hourly, settings, first).get_next_fire_time(None, first)
        assert second is not None and second - first >= timedelta(minutes=30)
