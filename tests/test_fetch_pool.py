"""The fetcher's connection pool (monitor/fetch/pool.py) against real keep-alive servers on 127.0.0.1:
connections are reused however many requests are in flight, a connection the server closed while idle is
not reused, and a full pool serves every queued request."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from monitor.fetch.fetcher import Fetcher
from monitor.fetch.pool import fast_transport
from monitor.settings import Settings
from tests.fixture_server import serving


@dataclass
class KeepAliveSite:
    base: str
    connections: set[tuple[str, int]] = field(
        default_factory=set
    )  # the client ends seen (one per TCP connection)
    open_now: int = 0
    most_open: int = 0
    requests: int = 0


@contextmanager
def keepalive_site(delay: float = 0.0, close_after_each: bool = False) -> Iterator[KeepAliveSite]:
    """An HTTP/1.1 server keeping connections alive; ``close_after_each``: it closes each connection right after
    its answer, without saying so (no ``Connection: close``), as a server whose keep-alive timeout is short does."""
    lock = threading.Lock()
    site = KeepAliveSite("")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            with lock:
                site.connections.add(self.client_address)
                site.open_now += 1
                site.most_open = max(site.most_open, site.open_now)

        def finish(self) -> None:
            with lock:
                site.open_now -= 1
            super().finish()

        def do_GET(self) -> None:  # noqa: N802
            with lock:
                site.requests += 1
            if delay:
                time.sleep(delay)
            body = self.path.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = close_after_each

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with serving(server) as site.base:
        yield site


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'x.db'}",
        "allow_private_hosts": True,
        "fetch_timeout": 10.0,
        "fetch_retries": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_more_requests_in_flight_than_the_keepalive_limit_reuse_their_connections(tmp_path: Path) -> None:
    """32 requests at once to one origin, 320 in all: each connection carries many of them. httpcore's own pool
    closed every finished connection while more than 20 (its keep-alive limit) were open, so most requests
    opened a connection of their own (179 connections for the 321 requests)."""
    with keepalive_site(delay=0.02) as site:

        async def run() -> list[bytes]:
            async with Fetcher(_settings(tmp_path, concurrency_per_origin=32)) as fetcher:
                fetcher.set_rate_limit(site.base, 100_000)
                pages = await asyncio.gather(*(fetcher.get(f"{site.base}/a/{i}.html") for i in range(320)))
                return [page.content for page in pages]

        contents = asyncio.run(run())
    assert contents == [f"/a/{i}.html".encode() for i in range(320)]
    assert site.requests == 321  # robots.txt too
    # 32 at most at once; a few more over the run: when more than 20 (the keep-alive limit, in idle connections)
    # finish at once, the surplus is closed. httpcore's own pool: 179 here.
    assert len(site.connections) <= 64, f"{len(site.connections)} connections for {site.requests} requests"


def test_a_connection_the_server_closed_while_idle_is_not_reused(tmp_path: Path) -> None:
    """The server closes each connection after its answer without saying so: the pool must see that the idle
    connection was closed (its socket reads as readable, at end of file) and open a new one, not send the next
    request down the closed one (no retries here to hide it)."""
    with keepalive_site(close_after_each=True) as site:

        async def run() -> list[int]:
            async with Fetcher(_settings(tmp_path)) as fetcher:
                fetcher.set_rate_limit(site.base, 100_000)
                # robots.txt first, on its own, then the same wait as between pages: the first page's request
                # would otherwise race the server's close of the robots.txt connection (seen once in CI)
                await fetcher._check_robots(f"{site.base}/b/0.html")
                await asyncio.sleep(0.05)
                statuses = []
                for i in range(5):
                    statuses.append((await fetcher.get(f"{site.base}/b/{i}.html")).status)
                    await asyncio.sleep(0.05)  # the server's close reaches the client
                return statuses

        assert asyncio.run(run()) == [200] * 5
    assert len(site.connections) == 6  # robots.txt and each page on a connection of its own


def test_a_full_pool_serves_every_queued_request() -> None:
    """Three origins, a pool of at most 3 connections and 2 kept alive, 90 requests at once: every one is
    answered, never more than 3 connections open at once, idle ones closed to make room for another origin."""
    with keepalive_site(delay=0.002) as a, keepalive_site(delay=0.002) as b, keepalive_site(delay=0.002) as c:
        sites = (a, b, c)

        async def run() -> list[str]:
            limits = httpx.Limits(max_connections=3, max_keepalive_connections=2)
            async with httpx.AsyncClient(transport=fast_transport(limits=limits)) as client:
                answers = await asyncio.gather(*(client.get(f"{sites[i % 3].base}/c/{i}") for i in range(90)))
                return [answer.text for answer in answers]

        assert asyncio.run(run()) == [f"/c/{i}" for i in range(90)]
    assert sum(site.requests for site in sites) == 90
    assert (
        sum(site.most_open for site in sites) <= 3 * 3
    )  # each site's own peak; together never above the pool's 3
    assert max(site.most_open for site in sites) <= 3
