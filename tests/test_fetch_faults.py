"""Faults a real server on 127.0.0.1 can throw at the fetcher and the scrapers (issue 3's list)."""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from monitor.errors import BlockedURL, FetchError, FetchTimeout, HTTPStatusError, SourceError, TooLarge
from monitor.fetch.fetcher import Fetcher, RobotsCache
from monitor.pipeline import crawl
from monitor.settings import Settings
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import DiscoveredUrl, FetchLog, HttpValidator
from scrapers import scraper_registry
from tests.fixture_server import Response, fixture_server


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": f"sqlite:///{tmp_path / 'x.db'}", "allow_private_hosts": True,
                                 "fetch_timeout": 2.0, "retry_backoff": 0.01, "retry_max_wait": 2.0, "fetch_retries": 2}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


async def _with_fetcher(settings: Settings, base: str, action):  # type: ignore[no-untyped-def]
    async with Fetcher(settings) as fetcher:
        fetcher.set_rate_limit(base, 200)
        return await action(fetcher), fetcher


def _get(settings: Settings, base: str, path: str):  # type: ignore[no-untyped-def]
    return asyncio.run(_with_fetcher(settings, base, lambda f: f.get(base + path)))


def _source(kind: str, url: str, **extra: str) -> object:
    lines = "".join(f"    {k}: \"{v}\"\n" for k, v in extra.items())
    return parse_sources(f"sources:\n  - name: s\n    kind: {kind}\n    url: {url}\n    rate_limit: 200\n{lines}").sources[0]


def test_timeout_is_retried_then_reported(tmp_path: Path) -> None:
    def slow(_handler):  # type: ignore[no-untyped-def]
        time.sleep(0.6)
        return Response(200, b"late")

    with fixture_server({"/slow": slow}) as site:
        with pytest.raises(FetchTimeout):
            _get(_settings(tmp_path, fetch_timeout=0.2, fetch_retries=1), site.base, "/slow")
        assert site.hits.count("/slow") == 2  # one retry


def test_overall_deadline_beats_a_slow_drip(tmp_path: Path) -> None:
    def drip(handler):  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(10):  # each chunk arrives well within a per-read timeout
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)
        raise ConnectionAbortedError  # the fixture server must not answer again

    with fixture_server({"/drip": drip}) as site:
        with pytest.raises(FetchTimeout):
            _get(_settings(tmp_path, fetch_timeout=0.4, fetch_retries=0), site.base, "/drip")


def test_connection_reset_is_retried_and_wrapped(tmp_path: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[int] = []

    def reset_all() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            accepted.append(1)
            conn.recv(1024)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    threading.Thread(target=reset_all, daemon=True).start()
    base = f"http://127.0.0.1:{server.getsockname()[1]}"
    try:
        with pytest.raises(FetchError) as info:
            _get(_settings(tmp_path, fetch_retries=1), base, "/a")
    finally:
        server.close()
    assert "robots.txt unreachable" in str(info.value) or "Error" in str(info.value)
    assert len(accepted) >= 2  # robots.txt (with its retry) counted and tried


def test_429_honours_retry_after_then_succeeds(tmp_path: Path) -> None:
    calls = {"n": 0}

    def limited(_handler):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return Response(429, b"", {"Retry-After": "0"}) if calls["n"] == 1 else Response(200, b"ok")

    with fixture_server({"/a": limited}) as site:
        page, fetcher = _get(_settings(tmp_path), site.base, "/a")
    assert page.content == b"ok" and calls["n"] == 2 and fetcher.counters["fetch/retry"] == 1


def test_retry_after_longer_than_the_cap_gives_up_at_once(tmp_path: Path) -> None:
    with fixture_server({"/a": Response(429, b"", {"Retry-After": "3600"})}) as site:
        with pytest.raises(FetchError, match="Retry-After|retry after"):
            _get(_settings(tmp_path), site.base, "/a")
        assert site.hits.count("/a") == 1


def test_500_then_success(tmp_path: Path) -> None:
    calls = {"n": 0}

    def flaky(_handler):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return Response(500, b"oops") if calls["n"] < 3 else Response(200, b"fine")

    with fixture_server({"/a": flaky}) as site:
        page, fetcher = _get(_settings(tmp_path, fetch_retries=2), site.base, "/a")
    assert page.content == b"fine"
    statuses = [r.status for r in fetcher.records if r.url.endswith("/a")]
    assert statuses == [500, 500, 200]  # every attempt is recorded


def test_404_and_410_are_not_retried(tmp_path: Path) -> None:
    with fixture_server({"/gone": Response(410, b""), "/missing": Response(404, b"")}) as site:
        for path, status in (("/gone", 410), ("/missing", 404)):
            with pytest.raises(HTTPStatusError) as info:
                _get(_settings(tmp_path), site.base, path)
            assert info.value.status == status
        assert site.hits.count("/gone") == 1


def test_redirect_chain_longer_than_the_limit(tmp_path: Path) -> None:
    routes = {f"/r{i}": Response(302, b"", {"Location": f"/r{i + 1}"}) for i in range(5)}
    routes["/r5"] = Response(200, b"end")
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        assert _get(_settings(tmp_path, max_redirects=5), site.base, "/r0")[0].content == b"end"
        with pytest.raises(FetchError, match="more than 2 redirects"):
            _get(_settings(tmp_path, max_redirects=2), site.base, "/r0")


def test_gzip_bomb_is_cut_off(tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000, 9)  # ~20 KB on the wire
    with fixture_server({"/bomb": Response(200, bomb, {"Content-Encoding": "gzip"})}) as site:
        with pytest.raises(TooLarge, match="inflates"):
            _get(_settings(tmp_path, max_page_bytes=1_000_000), site.base, "/bomb")
    assert len(bomb) < 100_000


def test_50_mb_page_is_refused(tmp_path: Path) -> None:
    with fixture_server({"/big": Response(200, b"x" * 50_000_000)}) as site:
        with pytest.raises(TooLarge):
            _get(_settings(tmp_path), site.base, "/big")


def test_gzip_body_within_the_cap_is_inflated(tmp_path: Path) -> None:
    body = "高新区".encode() * 1000
    with fixture_server({"/z": Response(200, gzip.compress(body), {"Content-Encoding": "gzip"})}) as site:
        assert _get(_settings(tmp_path), site.base, "/z")[0].content == body


def test_robots_crawl_delay_and_robots_requests_count(tmp_path: Path) -> None:
    routes = {"/robots.txt": Response(200, b"User-agent: *\nCrawl-delay: 0.05\n"), "/a": Response(200, b"a")}
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        _page, fetcher = _get(_settings(tmp_path), site.base, "/a")
    origin = next(iter(fetcher._origins.values()))
    assert origin.spacing == pytest.approx(0.05)  # crawl-delay is slower than the 200/s asked: it holds
    assert len(fetcher.request_log) == 2  # robots.txt counts as a request


def test_the_service_keeps_robots_txt_between_runs_for_an_hour(tmp_path: Path) -> None:
    now = [1000.0]
    cache = RobotsCache(ttl=3600, clock=lambda: now[0])
    routes = {"/robots.txt": Response(200, b"User-agent: *\nDisallow: /private\nCrawl-delay: 0.05\n"),
              "/a": Response(200, b"a"), "/private": Response(200, b"p")}

    async def run(base: str, path: str) -> Fetcher:
        async with Fetcher(_settings(tmp_path), robots_cache=cache) as fetcher:
            fetcher.set_rate_limit(base, 200)
            try:
                await fetcher.get(base + path)
            except BlockedURL:
                pass
            return fetcher

    with fixture_server(routes) as site:  # type: ignore[arg-type]
        asyncio.run(run(site.base, "/a"))
        second = asyncio.run(run(site.base, "/private"))  # a new run, as the service's next tick
        assert site.hits.count("/robots.txt") == 1
        assert "/private" not in site.hits  # the kept answer still rules
        assert next(iter(second._origins.values())).spacing == pytest.approx(0.05)  # and its crawl-delay
        now[0] += 3601
        asyncio.run(run(site.base, "/a"))
        assert site.hits.count("/robots.txt") == 2


def test_a_failed_robots_txt_is_not_kept(tmp_path: Path) -> None:
    cache = RobotsCache()
    routes = {"/robots.txt": Response(503, b"down"), "/a": Response(200, b"a")}

    async def run(base: str) -> None:
        async with Fetcher(_settings(tmp_path, fetch_retries=0), robots_cache=cache) as fetcher:
            fetcher.set_rate_limit(base, 200)
            with pytest.raises(BlockedURL):
                await fetcher.get(base + "/a")

    with fixture_server(routes) as site:  # type: ignore[arg-type]
        asyncio.run(run(site.base))
        asyncio.run(run(site.base))
        assert site.hits.count("/robots.txt") == 2
        assert "/a" not in site.hits


def test_robots_unreachable_means_stay_away(tmp_path: Path) -> None:
    with fixture_server({"/robots.txt": Response(500, b""), "/a": Response(200, b"a")}) as site:
        with pytest.raises(BlockedURL, match="robots.txt .*500"):
            _get(_settings(tmp_path, fetch_retries=1), site.base, "/a")
        assert "/a" not in site.hits and site.hits.count("/robots.txt") == 2  # retried, then given up


def test_lowest_rate_limit_of_an_origin_holds(tmp_path: Path) -> None:
    async def run() -> float:
        async with Fetcher(_settings(tmp_path)) as fetcher:
            fetcher.set_rate_limit("http://example.org/a", 5)
            fetcher.set_rate_limit("http://example.org:80/b", 50)
            fetcher.set_rate_limit("https://example.org/c", 50)  # another origin
            return fetcher._origin("http://EXAMPLE.org/x").spacing

    assert asyncio.run(run()) == pytest.approx(0.2)


def test_html_where_a_feed_was_expected(tmp_path: Path) -> None:
    with fixture_server({"/rss.xml": Response(200, b"<html><body><p>not a feed</p></body></html>", {"Content-Type": "text/html"})}) as site:
        source = _source("feed", site.base + "/rss.xml")
        with pytest.raises(SourceError, match="not a readable RSS/Atom feed"):
            asyncio.run(_with_fetcher(_settings(tmp_path), site.base, lambda f: scraper_registry()["feed"].discover(source, f)))


@pytest.mark.parametrize("body, message", [
    (b"<?xml version='1.0'?><urlset><url><loc>http://x/1</loc></url", "not a readable XML sitemap"),
    (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;'>]><urlset><url><loc>&lol2;</loc></url></urlset>", "refused"),
    (b"<html><body>sitemap moved</body></html>", "not a"),
])
def test_malformed_and_hostile_sitemaps(tmp_path: Path, body: bytes, message: str) -> None:
    with fixture_server({"/sitemap.xml": Response(200, body, {"Content-Type": "application/xml"})}) as site:
        source = _source("sitemap", site.base + "/sitemap.xml")
        with pytest.raises(SourceError, match=message):
            asyncio.run(_with_fetcher(_settings(tmp_path), site.base, lambda f: scraper_registry()["sitemap"].discover(source, f)))


def test_feed_does_not_resolve_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    feed = f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title><link>/a/1.html</link></item></channel></rss>"""
    with fixture_server({"/rss.xml": Response(200, feed.encode(), {"Content-Type": "application/rss+xml"})}) as site:
        source = _source("feed", site.base + "/rss.xml")
        urls, _ = asyncio.run(_with_fetcher(_settings(tmp_path), site.base, lambda f: scraper_registry()["feed"].discover(source, f)))
    import feedparser

    parsed = feedparser.parse(feed.encode())
    assert all("TOP-SECRET" not in str(entry.get("title", "")) for entry in parsed.entries)
    assert urls == [site.base + "/a/1.html"]


LIST = """<html><head><meta charset="utf-8"></head><body><ul class="news">
<li><a href="/a/1.html">一</a></li><li><a href="/a/2.html">二</a></li></ul></body></html>"""
ARTICLE = ("<html><head><meta charset='utf-8'></head><body><h1>{title}</h1><div class='time'>2024-05-20</div>"
           "<div class='content'><p>{body}</p><p>园区负责人介绍，今年将新建孵化载体和中试平台，服务更多科技型中小企业。</p></div></body></html>")


def test_a_304_on_the_list_does_not_strand_pending_items(migrated_url: str, settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from monitor.timefmt import utcnow

    state = {"item_fails": True, "conditional": []}

    def listing(handler):  # type: ignore[no-untyped-def]
        state["conditional"].append(handler.headers.get("If-None-Match"))
        if handler.headers.get("If-None-Match") == '"v1"':
            return Response(304, b"", {"ETag": '"v1"'})
        return Response(200, LIST.encode(), {"ETag": '"v1"', "Content-Type": "text/html; charset=utf-8"})

    def second(_handler):  # type: ignore[no-untyped-def]
        if state["item_fails"]:
            return Response(503, b"busy")
        return Response(200, ARTICLE.format(title="合肥高新区量子产业加速发展", body="合肥高新区量子信息企业发布新一代量子计算机，量子通信网络覆盖全市政务系统。").encode())

    routes = {"/list.html": listing, "/a/1.html": Response(200, ARTICLE.format(title="东湖高新区光谷建设提速", body="武汉东湖高新区光谷科创大走廊建设提速，今年新增高新技术企业一千余家。").encode()),
              "/a/2.html": second}
    settings = settings_for(migrated_url, retry_backoff=0.01, fetch_retries=0)
    engine = db.make_engine(migrated_url)
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        text = f"sources:\n  - name: zone-news\n    kind: html\n    url: {site.base}/list.html\n    links: 'ul.news a'\n    rate_limit: 200\n"
        sources = list(parse_sources(text).sources)
        first = crawl(settings, sources, engine)[0]
        assert (first.new, first.errors) == (1, 1)
        with Session(engine) as session:
            for row in session.exec(select(DiscoveredUrl).where(DiscoveredUrl.state == "failed")).all():
                row.next_attempt_at = utcnow() - timedelta(seconds=1)
                session.add(row)
            session.commit()
        state["item_fails"] = False
        second_run = crawl(settings, sources, engine)[0]
    assert state["conditional"] == [None, '"v1"']  # the second run asked conditionally and got 304
    assert (second_run.new, second_run.errors, second_run.error) == (1, 0, None)
    with Session(engine) as session:
        assert {row.state for row in session.exec(select(DiscoveredUrl)).all()} == {"fetched"}
        assert session.exec(select(HttpValidator)).one().etag == '"v1"'
        log = session.exec(select(FetchLog)).all()
        assert any(r.url.endswith("/list.html") and r.status == 304 and r.from_cache for r in log)
        assert any(r.url.endswith("/a/2.html") and r.status == 503 for r in log)
        assert any(r.url.endswith("/robots.txt") and r.status == 404 for r in log)
    engine.dispose()
