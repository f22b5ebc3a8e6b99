"""The fetch stage: polite HTTP GETs that return RawPage objects.

One Fetcher (one ``httpx.AsyncClient``, HTTP/1.1 unless ``MONITOR_HTTP_VERSION=2``) per process run.
What it guarantees, per origin (scheme, host, port):

* **Spacing.** Request starts are at least ``1 / rate_limit`` seconds apart, where the
  lowest rate limit asked for that origin holds (default 1 request/s), raised further by a
  robots.txt ``Crawl-delay``. *Every* request counts: robots.txt, redirect hops, retries.
  At most ``MONITOR_CONCURRENCY_PER_ORIGIN`` requests are in flight at once.
* **robots.txt** (protego, Google's rules) fetched once per run and cached: 2xx is obeyed,
  4xx allows everything, 5xx or no answer at all (also none within the fetch deadline)
  disallows everything for the run.
* **Conditional GET.** ``get(url, validators)`` sends If-None-Match / If-Modified-Since; a
  304 comes back as a RawPage with ``from_cache=True`` and no content. With
  ``conditional=True`` validators come from (and are offered back to) a ValidatorStore.
* **Retries** with exponential backoff and jitter on connect errors, timeouts, 408, 429
  and 5xx; ``Retry-After`` is honoured (and delays the whole origin) up to
  ``MONITOR_RETRY_MAX_WAIT``, beyond which the fetch gives up at once.
* **Limits.** Redirects (``MONITOR_MAX_REDIRECTS``, each hop checked against the
  private-address policy and robots.txt), body size (``MONITOR_MAX_PAGE_BYTES``, counted
  after decompression, which is bounded so a gzip bomb cannot inflate), a deadline per
  request (``MONITOR_FETCH_TIMEOUT``, one hop or retry; httpx's own read timeout is per chunk)
  and one per fetch as a whole (``MONITOR_FETCH_DEADLINE``: robots.txt, every hop, every
  retry and backoff wait, the body), past which ``FetchDeadlineExceeded`` is raised.
* **A record of every request** (FetchRecord: URL, status, bytes, elapsed, from cache,
  error) that the caller drains into the fetch log.

Every httpx error is wrapped in a ``monitor.errors.FetchError``.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import copy
import functools
import socket
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import httpx
from protego import Protego

from monitor.backoff import fetch_backoff
from monitor.errors import (
    BlockedURL,
    ConfigError,
    FetchDeadlineExceeded,
    FetchError,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    TooLarge,
    TooManyRedirects,
)
from monitor.fetch.address_guard import RefusedAddress, guarded_transport
from monitor.fetch.pool import fast_transport
from monitor.fetch.urls import check_public, dns_error, origin_of
from monitor.items import RawPage
from monitor.settings import PrivateAllowlist, Settings
from monitor.timefmt import utcnow

__all__ = ["Fetcher", "FetchRecord", "Validators", "ValidatorStore"]

DEFAULT_INTERVAL = 1.0  # seconds between requests to an origin no source configured
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET validators remembered from an earlier fetch of the same URL."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def of(cls, page: RawPage) -> Validators | None:
        headers = {k.lower(): v for k, v in page.headers}
        found = cls(headers.get("etag"), headers.get("last-modified"))
        return found if found.etag or found.last_modified else None


class ValidatorStore(Protocol):
    """Where list-page, feed and sitemap validators live between runs."""

    def lookup(self, url: str) -> Validators | None: ...

    def remember(self, url: str, validators: Validators) -> None: ...


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One HTTP request as it happened (one per attempt and per redirect hop)."""

    url: str
    status: int | None  # None: no HTTP answer
    bytes: int
    elapsed_ms: int
    from_cache: bool
    error: str | None
    fetched_at: datetime


@dataclass(slots=True)
class _Answer:
    url: str
    status: int
    headers: httpx.Headers
    content: bytes


class RobotsCache:
    """robots.txt answers kept between the runs of one process (``monitor serve``), so a source on a
    one-minute schedule does not fetch its origin's robots.txt every minute. RFC 9309 lets a crawler
    keep an answer up to 24 hours; an hour keeps changes prompt. Failures are never kept."""

    def __init__(self, ttl: float = 3600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self._clock = ttl, clock
        self._entries: dict[str, tuple[float, Protego]] = {}

    def get(self, origin: str) -> Protego | None:
        entry = self._entries.get(origin)
        if entry is None or self._clock() - entry[0] > self.ttl:
            return None
        return entry[1]

    def put(self, origin: str, robots: Protego) -> None:
        self._entries[origin] = (self._clock(), robots)


class _Origin:
    def __init__(self, concurrency: int) -> None:
        self.interval: float | None = None  # None: no source configured this origin
        self.crawl_delay = 0.0
        self.lock = asyncio.Lock()
        self.slots = asyncio.Semaphore(concurrency)
        self.next_at = 0.0
        self.robots: Protego | None = None
        self.robots_deny_all: str | None = None  # the reason, when robots.txt shut the origin for this run
        self.robots_lock = asyncio.Lock()

    @property
    def spacing(self) -> float:
        return max(DEFAULT_INTERVAL if self.interval is None else self.interval, self.crawl_delay)


def _unresolved(url: str, exc: httpx.HTTPError) -> FetchError | None:
    """The DNS error behind an httpx connect error, if that is what it was."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return dns_error(url, httpx.URL(url).host, cause)
        cause = cause.__cause__ or cause.__context__
    return None


class _Deadline:
    """A fetch deadline whose clock starts when the fetch's first request gets its turn at the origin:
    queueing behind the origin's other requests (its rate limit, its concurrency) is not the item's doing."""

    def __init__(self, timeout: asyncio.Timeout, seconds: float) -> None:
        self.timeout, self.seconds = timeout, seconds

    def start(self) -> None:
        if self.timeout.when() is None:
            self.timeout.reschedule(asyncio.get_running_loop().time() + self.seconds)


# the deadlines of the fetch(es) this task is inside (a plugin's item fetch around its requests' own)
_DEADLINES: contextvars.ContextVar[tuple[_Deadline, ...]] = contextvars.ContextVar("fetch_deadlines", default=())


class _Retryable(Exception):
    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        self.error, self.wait = error, wait


@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One TLS context per process: loading the CA bundle takes about 18 ms, once per crawl otherwise."""
    return httpx.create_ssl_context()


class Fetcher:
    def __init__(self, settings: Settings, validator_store: ValidatorStore | None = None,
                 clock: Callable[[], float] = time.monotonic, robots_cache: RobotsCache | None = None) -> None:
        self.settings = settings
        self.retry_policy = fetch_backoff(settings)
        self.robots_cache = robots_cache
        self.validator_store = validator_store
        self._clock = clock
        http2 = settings.http_version == "2"
        if http2:
            try:
                import h2  # noqa: F401
            except ImportError:
                raise ConfigError("MONITOR_HTTP_VERSION=2 needs the 'h2' package (pip install 'httpx[http2]')") from None
        self._private_allowlist = PrivateAllowlist.parse(settings.private_allowlist)
        # up to 20 idle connections kept (monitor/fetch/pool.py counts idle ones: httpcore's own pool counted busy
        # ones too, and closed each connection as it finished while more than 20 requests were in flight); more
        # idle ones would each be polled on every request (the pool's expiry check)
        connections: dict[str, Any] = {"http2": http2, "verify": _tls_context(),
                                       "limits": httpx.Limits(max_connections=100, max_keepalive_connections=20)}
        self._client = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            # the address policy again at connect time, on the addresses connected to (DNS rebinding)
            transport=(fast_transport(**connections) if settings.allow_private_hosts
                       else guarded_transport(self._private_allowlist, **connections)),
            **connections,
        )
        self._origins: dict[str, _Origin] = {}
        self.counters: dict[str, int] = {}
        self.records: list[FetchRecord] = []
        self.request_log: list[tuple[str, float]] = []  # (origin, start time): what the benchmark measures

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    # configuration ------------------------------------------------------------------
    def _origin(self, url: str) -> _Origin:
        key = origin_of(url)
        origin = self._origins.get(key)
        if origin is None:
            origin = self._origins[key] = _Origin(self.settings.concurrency_per_origin)
        return origin

    def set_rate_limit(self, url: str, requests_per_second: float) -> None:
        """The lowest rate limit of all sources sharing an origin holds."""
        origin = self._origin(url)
        interval = 1.0 / requests_per_second
        origin.interval = interval if origin.interval is None else max(origin.interval, interval)

    def drain_records(self) -> list[FetchRecord]:
        records, self.records = self.records, []
        return records

    def _count(self, key: str) -> None:
        self.counters[key] = self.counters.get(key, 0) + 1

    def scoped(self, validator_store: ValidatorStore | None = None) -> Fetcher:
        """A view for one source of a concurrent crawl: the same client, origins (spacing, concurrency,
        robots.txt) and counters, but its own fetch records and validator store. Not to be closed."""
        view = copy.copy(self)
        view.records = []
        view.validator_store = validator_store
        return view

    @contextlib.asynccontextmanager
    async def deadline(self, url: str) -> AsyncIterator[None]:
        """The block (one item's whole fetch) ends within MONITOR_FETCH_DEADLINE of its first request's turn
        at the origin, else FetchDeadlineExceeded. Nested blocks: the earliest deadline holds."""
        limit = self.settings.fetch_deadline
        try:
            async with asyncio.timeout(None) as timeout:
                token = _DEADLINES.set((*_DEADLINES.get(), _Deadline(timeout, limit)))
                try:
                    yield
                finally:
                    _DEADLINES.reset(token)
        except TimeoutError:
            self._count("fetch/deadline")
            raise FetchDeadlineExceeded(
                url, f"no complete answer within the fetch deadline of {limit:g} s (MONITOR_FETCH_DEADLINE), "
                     "counting robots.txt, redirects, retries and their waits") from None

    # one request --------------------------------------------------------------------
    async def _wait_turn(self, key: str, origin: _Origin) -> None:
        async with origin.lock:
            delay = origin.next_at - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            now = self._clock()
            origin.next_at = now + origin.spacing
            self.request_log.append((key, now))

    def _record(self, url: str, status: int | None, size: int, started: float, error: str | None = None) -> None:
        self.records.append(FetchRecord(url=url, status=status, bytes=size,
                                        elapsed_ms=int((time.monotonic() - started) * 1000),
                                        from_cache=status == 304, error=error, fetched_at=utcnow()))

    async def _read_body(self, url: str, response: httpx.Response) -> bytes:
        """The body, decompressed with a bound so that neither wire bytes nor output exceed the cap."""
        cap = self.settings.max_page_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLarge(url, f"declared {int(declared)} bytes, cap is {cap}")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        inflater = None
        if encoding in ("gzip", "x-gzip"):
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            inflater = zlib.decompressobj(zlib.MAX_WBITS)
        chunks: list[bytes] = []
        size = wire = 0
        async for chunk in response.aiter_raw():
            wire += len(chunk)
            if wire > cap:
                raise TooLarge(url, f"body exceeds {cap} bytes")
            if inflater is not None:
                try:
                    chunk = inflater.decompress(chunk, cap - size + 1)
                except zlib.error as exc:
                    raise FetchError(url, f"corrupt {encoding} body: {exc}") from None
                if inflater.unconsumed_tail:
                    raise TooLarge(url, f"body inflates beyond {cap} bytes")
            size += len(chunk)
            if size > cap:
                raise TooLarge(url, f"body exceeds {cap} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _request_once(self, url: str, headers: dict[str, str], body: bytes | None = None) -> _Answer:
        """One GET of one URL (no redirects followed), within the overall deadline."""
        key = origin_of(url)
        origin = self._origin(url)
        async with origin.slots:
            await self._wait_turn(key, origin)
            for deadline in _DEADLINES.get():
                deadline.start()
            started = time.monotonic()
            status: int | None = None
            try:
                async with asyncio.timeout(self.settings.fetch_timeout):
                    method = "GET" if body is None else "POST"
                    async with self._client.stream(method, url, headers=headers, content=body) as response:
                        status = response.status_code
                        self._count(f"fetch/{status}")
                        body = b"" if response.is_redirect or status == 304 else await self._read_body(url, response)
                        self._record(url, status, len(body), started)
                        return _Answer(url, status, response.headers, body)
            except asyncio.CancelledError:  # the fetch deadline, the source's budget or a shutdown
                self._record(url, status, 0, started, "abandoned: the fetch deadline or the run ended first")
                raise
            except RefusedAddress as exc:
                self._count("fetch/blocked")
                self._record(url, status, 0, started, str(exc))
                raise BlockedURL(url, str(exc)) from None
            except TimeoutError:
                self._count("fetch/timeout")
                message = f"no complete answer within {self.settings.fetch_timeout:g} s"
                self._record(url, status, 0, started, message)
                raise FetchTimeout(url, message) from None
            except FetchError as exc:
                self._count("fetch/too_large" if isinstance(exc, TooLarge) else "fetch/error")
                self._record(url, status, 0, started, str(exc))
                raise
            except httpx.HTTPError as exc:
                self._count("fetch/error")
                error = _unresolved(url, exc) or FetchError(
                    url, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
                self._record(url, status, 0, started, error.reason)
                raise error from None

    async def _follow(self, url: str, headers: dict[str, str], check_robots: bool, body: bytes | None = None) -> _Answer:
        """GET with redirects followed by hand: each hop is checked (address, robots) and rate limited."""
        current = url
        seen: set[str] = set()
        for _hop in range(self.settings.max_redirects + 1):
            if not self.settings.allow_private_hosts:
                await asyncio.to_thread(check_public, current, self._private_allowlist)
            if check_robots:
                await self._check_robots(current)
            answer = await self._request_once(current, headers, body)
            location = answer.headers.get("location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                if answer.status in (301, 302, 303):
                    body = None  # as browsers do: the redirected request is a GET
                seen.add(current)
                current = str(httpx.URL(current).join(location))
                if current in seen:
                    raise TooManyRedirects(url, f"redirect loop: redirects lead back to {current}")
                continue
            return answer
        raise TooManyRedirects(url, f"more than {self.settings.max_redirects} redirects")

    # retries ------------------------------------------------------------------------
    @staticmethod
    def _retry_after(headers: httpx.Headers) -> float | None:
        value = headers.get("retry-after", "").strip()
        if not value:
            return None
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            return None
        return max(0.0, (when - utcnow()).total_seconds())

    async def _fetch(self, url: str, headers: dict[str, str], check_robots: bool = True,
                     body: bytes | None = None) -> _Answer:
        """_follow with retries on transient failures; a final 4xx/5xx is returned, not raised."""
        tries = 0
        while True:
            tries += 1
            try:
                try:
                    answer = await self._follow(url, headers, check_robots, body)
                except (BlockedURL, HostNotFound, TooLarge, TooManyRedirects):
                    raise
                except FetchError as exc:
                    raise _Retryable(exc) from None
                if answer.status in _RETRY_STATUSES:
                    raise _Retryable(HTTPStatusError(url, answer.status), self._retry_after(answer.headers))
                return answer
            except _Retryable as retry:
                if self.retry_policy.exhausted(tries):
                    raise retry.error from None
                wait = self.retry_policy.delay(tries) if retry.wait is None else retry.wait
                if wait > self.settings.retry_max_wait:
                    self._count("fetch/retry_after_too_long")
                    raise FetchError(url, f"{retry.error}; server asks to retry after {wait:.0f} s, "
                                          f"longer than MONITOR_RETRY_MAX_WAIT") from None
                self._count("fetch/retry")
                origin = self._origin(url)
                if retry.wait is not None:  # Retry-After holds the whole origin back, not just this URL
                    origin.next_at = max(origin.next_at, self._clock() + wait)
                await asyncio.sleep(wait)

    # robots.txt ---------------------------------------------------------------------
    def _use_robots(self, origin: _Origin, robots: Protego) -> None:
        origin.robots = robots
        delay = robots.crawl_delay(self.settings.user_agent)
        if delay:
            origin.crawl_delay = min(float(delay), 60.0)

    async def _check_robots(self, url: str) -> None:
        origin = self._origin(url)
        async with origin.robots_lock:
            if origin.robots is None and origin.robots_deny_all is None and self.robots_cache is not None:
                cached = self.robots_cache.get(origin_of(url))
                if cached is not None:
                    self._count("fetch/robots_cached")
                    self._use_robots(origin, cached)
            if origin.robots is None and origin.robots_deny_all is None:
                robots_url = str(httpx.URL(url).copy_with(path="/robots.txt", query=None, fragment=None))
                try:
                    answer = await self._fetch(robots_url, {}, check_robots=False)
                except asyncio.CancelledError:
                    # cut off by the item's deadline (or the run ending): no answer in time is no answer,
                    # and the origin's other items must not each spend their deadline asking again
                    origin.robots_deny_all = "robots.txt did not answer within the fetch deadline: staying away this run"
                    raise
                except HostNotFound:
                    raise  # the whole origin is unreachable: say so, not "robots.txt unreachable"
                except FetchError as exc:
                    answer = None
                    origin.robots_deny_all = f"robots.txt unreachable ({exc}): staying away this run"
                if answer is not None:
                    if answer.status >= 500:
                        origin.robots_deny_all = f"robots.txt answered HTTP {answer.status}: staying away this run"
                    else:
                        body = answer.content.decode("utf-8", "replace") if answer.status < 300 else ""
                        self._use_robots(origin, Protego.parse(body))
                        if self.robots_cache is not None:
                            self.robots_cache.put(origin_of(url), origin.robots)  # type: ignore[arg-type]
        if origin.robots_deny_all is not None:
            self._count("fetch/robots_denied")
            raise BlockedURL(url, origin.robots_deny_all)
        assert origin.robots is not None
        if not origin.robots.can_fetch(url, self.settings.user_agent):
            self._count("fetch/robots_denied")
            raise BlockedURL(url, "disallowed by robots.txt")

    # the entry point ----------------------------------------------------------------
    async def post_json(self, url: str, payload: object, headers: dict[str, str] | None = None) -> RawPage:
        """POST a JSON body (sites whose lists are JSON APIs); same politeness and limits as get()."""
        import json

        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        async with self.deadline(url):
            answer = await self._fetch(url, {"Content-Type": "application/json", **(headers or {})}, body=body)
        if answer.status >= 400:
            raise HTTPStatusError(url, answer.status)
        return RawPage(url=url, final_url=answer.url, status=answer.status, content=answer.content,
                       content_type=answer.headers.get("content-type"), fetched_at=utcnow(),
                       headers=tuple(answer.headers.items()))

    async def get(self, url: str, validators: Validators | None = None, *, conditional: bool = False) -> RawPage:
        """Fetch one URL within MONITOR_FETCH_DEADLINE. A 304 comes back as a RawPage with from_cache=True and no content.

        ``conditional``: take validators from the ValidatorStore and offer the new ones back
        (list pages, feeds and sitemaps). Raises HTTPStatusError for a final 4xx/5xx.
        """
        if conditional and validators is None and self.validator_store is not None:
            validators = self.validator_store.lookup(url)
        headers: dict[str, str] = {}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        async with self.deadline(url):
            answer = await self._fetch(url, headers)
        page = RawPage(url=url, final_url=answer.url, status=answer.status, content=answer.content,
                       content_type=answer.headers.get("content-type"), fetched_at=utcnow(),
                       headers=tuple(answer.headers.items()), from_cache=answer.status == 304)
        if answer.status == 304:
            return page
        if answer.status >= 400:
            raise HTTPStatusError(url, answer.status)
        if conditional and self.validator_store is not None:
            fresh = Validators.of(page)
            if fresh is not None:
                self.validator_store.remember(url, fresh)
        return page
