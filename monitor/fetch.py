"""The fetch stage: polite HTTP GETs that return RawPage objects.

One Fetcher (one httpx.AsyncClient) per process run. Per origin it keeps a minimum
spacing between requests (the lowest rate limit asked for that origin) and a cached
robots.txt (protego). It sends conditional GETs when validators are known, caps
response size, follows a bounded number of redirects and wraps every httpx error in a
FetchError.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx
from protego import Protego

from .errors import BlockedURL, FetchError, HTTPStatusError, TooLarge
from .items import RawPage
from .settings import Settings
from .timefmt import utcnow
from .urls import check_public, origin_of

__all__ = ["Fetcher", "Validators"]

MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET validators remembered from an earlier fetch of the same URL."""

    etag: str | None = None
    last_modified: str | None = None


class _Origin:
    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.lock = asyncio.Lock()
        self.next_at = 0.0
        self.robots: Protego | None = None
        self.robots_deny_all = False


class Fetcher:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
        )
        self._origins: dict[str, _Origin] = {}
        self.counters: dict[str, int] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def set_rate_limit(self, url: str, requests_per_second: float) -> None:
        """The lowest rate limit of all sources sharing an origin holds."""
        interval = 1.0 / requests_per_second
        origin = self._origins.setdefault(origin_of(url), _Origin(interval))
        origin.interval = max(origin.interval, interval)

    def _count(self, key: str) -> None:
        self.counters[key] = self.counters.get(key, 0) + 1

    async def _wait_turn(self, origin: _Origin) -> None:
        async with origin.lock:
            delay = origin.next_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            origin.next_at = time.monotonic() + origin.interval

    async def _allowed(self, url: str) -> bool:
        key = origin_of(url)
        origin = self._origins.setdefault(key, _Origin(1.0))
        if origin.robots is None and not origin.robots_deny_all:
            robots_url = httpx.URL(url).copy_with(path="/robots.txt", query=None, fragment=None)
            try:
                response = await self._request(str(robots_url), origin, {})
                if response.status_code >= 500:
                    origin.robots_deny_all = True  # a failing robots.txt means: stay away this run
                else:
                    body = response.text if response.status_code == 200 else ""
                    origin.robots = Protego.parse(body)
            except FetchError:
                origin.robots = Protego.parse("")
        if origin.robots_deny_all:
            return False
        assert origin.robots is not None
        return bool(origin.robots.can_fetch(url, self.settings.user_agent))

    async def _request(self, url: str, origin: _Origin, headers: dict[str, str]) -> httpx.Response:
        """One GET with redirects followed by hand (each hop checked), body read up to the size cap."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.settings.allow_private_hosts:
                await asyncio.to_thread(check_public, current)
            await self._wait_turn(origin)
            try:
                async with asyncio.timeout(self.settings.fetch_timeout):
                    async with self._client.stream("GET", current, headers=headers) as response:
                        self._count(f"fetch/{response.status_code}")
                        if response.is_redirect and "location" in response.headers:
                            current = str(response.url.join(response.headers["location"]))
                            continue
                        declared = int(response.headers.get("content-length") or 0)
                        if declared > self.settings.max_page_bytes:
                            raise TooLarge(url, f"declared {declared} bytes, cap is {self.settings.max_page_bytes}")
                        chunks: list[bytes] = []
                        size = 0
                        async for chunk in response.aiter_bytes():
                            size += len(chunk)
                            if size > self.settings.max_page_bytes:
                                raise TooLarge(url, f"body exceeds {self.settings.max_page_bytes} bytes")
                            chunks.append(chunk)
                        response._content = b"".join(chunks)
                        return response
            except TimeoutError:
                self._count("fetch/timeout")
                raise FetchError(url, f"no complete answer within {self.settings.fetch_timeout:g} s") from None
            except httpx.HTTPError as exc:
                self._count("fetch/error")
                raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    async def get(self, url: str, validators: Validators | None = None) -> RawPage:
        """Fetch one URL; a 304 answer comes back as a RawPage with from_cache=True and no content."""
        if not await self._allowed(url):
            self._count("fetch/robots_denied")
            raise BlockedURL(url, "disallowed by robots.txt")
        headers: dict[str, str] = {}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        origin = self._origins[origin_of(url)]
        response = await self._request(url, origin, headers)
        if response.status_code == 304:
            return RawPage(url=url, final_url=str(response.url), status=304, content=b"",
                           content_type=None, fetched_at=utcnow(), headers=tuple(response.headers.items()),
                           from_cache=True)
        if response.status_code >= 400:
            raise HTTPStatusError(url, response.status_code)
        return RawPage(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            content=response.content,
            content_type=response.headers.get("content-type"),
            fetched_at=utcnow(),
            headers=tuple(response.headers.items()),
        )
