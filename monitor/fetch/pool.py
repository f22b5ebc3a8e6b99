"""The fetcher's connection pool: httpcore's, with its per-request bookkeeping made cheap.

Each time a request enters or leaves httpx's connection pool (httpcore 1.0), the pool walks its
connections (``_assign_requests_to_connections``), and two steps of that walk cost more than the request
itself once dozens of connections are kept alive (bench/crawl.py --profile --profile-clock cpu: ~4 ms of
the ~12 ms profiled CPU per fetched page):

* For each idle connection it asks whether the server has closed it (``get_extra_info("is_readable")``),
  and anyio's stream answers by building its whole dictionary of socket attributes (address lookups
  included) before taking the socket from it. A stream's socket never changes: ``FastStream`` takes it
  once and answers with one poll of it, as httpcore does.
* For each idle connection it counts the pool's connections again, to close idle ones past
  ``max_keepalive_connections``: quadratic in the pool's size (400 ``is_idle`` calls per request at 32
  connections; 10,000 at the 100 the service may hold), and the count includes busy connections, so
  whenever more requests are in flight than the keep-alive limit, every connection that finishes is
  closed and the next request connects anew. ``Pool`` counts the idle connections once per walk, and
  compares that count with the limit (what the limit is documented to mean).
* For each queued request it lists the available and the idle connections anew: with the pool full (a
  service running hundreds of crawls at once) and many requests queued, queued x connections calls per
  walk. ``Pool`` lists them once per walk.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterable
from typing import Any

import anyio
import httpcore
import httpx
from httpcore._async.interfaces import AsyncConnectionInterface
from httpcore._utils import is_socket_readable

__all__ = ["FastBackend", "FastStream", "Pool", "fast_transport"]


class FastStream(httpcore.AsyncNetworkStream):
    """An anyio stream whose raw socket is looked up once (see the module docstring)."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        self._socket: socket.socket | None = stream.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        return FastStream(await self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return is_socket_readable(self._socket)
        if info == "socket":
            return self._socket
        return self._stream.get_extra_info(info)


class FastBackend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend whose streams are ``FastStream``s."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._backend = backend or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return FastStream(await self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return FastStream(await self._backend.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)


class Pool(httpcore.AsyncConnectionPool):
    """httpcore's pool, its walk linear in the number of connections and requests (see the module docstring).
    Its decisions are httpcore 1.0's (the version is pinned in requirements.lock): reuse an available connection
    of the origin, else open one while under the limit, else close the oldest idle one for a new one."""

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        closing_connections: list[AsyncConnectionInterface] = []
        idle = sum(1 for connection in self._connections if connection.is_idle())
        # First we handle cleaning up any connections that are closed, have expired their keep-alive, or
        # surplus idle connections.
        for connection in list(self._connections):
            if connection.is_closed():
                self._connections.remove(connection)
            elif connection.has_expired():
                idle -= connection.is_idle()
                self._connections.remove(connection)
                closing_connections.append(connection)
            elif connection.is_idle() and idle > self._max_keepalive_connections:
                idle -= 1
                self._connections.remove(connection)
                closing_connections.append(connection)

        # Assign queued requests to connections. Which connections are available or idle is read once per walk
        # (assigning a request changes neither; a new connection is added to them as it would be seen), not once
        # per queued request: with the pool full and many requests queued that was queued x connections calls.
        queued = [request for request in self._requests if request.is_queued()]
        if not queued:  # a request leaving the pool, none waiting
            return closing_connections
        available = [connection for connection in self._connections if connection.is_available()]
        idle_connections = [connection for connection in self._connections if connection.is_idle()]
        for pool_request in queued:
            origin = pool_request.request.url.origin
            reuse = next(
                (connection for connection in available if connection.can_handle_request(origin)), None
            )
            if reuse is not None:  # reuse an existing connection
                pool_request.assign_to_connection(reuse)
                continue
            if len(self._connections) >= self._max_connections:
                if not idle_connections:
                    continue  # stays queued
                oldest_idle = idle_connections.pop(0)  # close an idle connection, then create a new one
                self._connections.remove(oldest_idle)
                closing_connections.append(oldest_idle)
                if oldest_idle in available:
                    available.remove(oldest_idle)
            connection = self.create_connection(origin)  # create a new connection
            self._connections.append(connection)
            if connection.is_available():  # HTTP/2 before connecting: it takes more requests of its origin
                available.append(connection)
            if connection.is_idle():
                idle_connections.append(connection)
            pool_request.assign_to_connection(connection)
        return closing_connections


def fast_transport(
    backend: httpcore.AsyncNetworkBackend | None = None, **options: Any
) -> httpx.AsyncHTTPTransport:
    """httpx's transport over a ``Pool`` whose network backend is ``backend`` (default ``FastBackend``). httpx
    takes neither a pool nor a backend: its own pool is replaced after construction, with the same settings."""
    transport = httpx.AsyncHTTPTransport(**options)
    built = transport._pool  # noqa: SLF001 - see the docstring
    if type(built) is httpcore.AsyncConnectionPool:  # not a proxy's pool (a proxy from the environment)
        transport._pool = Pool(  # noqa: SLF001
            ssl_context=built._ssl_context,
            max_connections=built._max_connections,  # noqa: SLF001
            max_keepalive_connections=built._max_keepalive_connections,  # noqa: SLF001
            keepalive_expiry=built._keepalive_expiry,
            http1=built._http1,
            http2=built._http2,  # noqa: SLF001
            retries=built._retries,
            local_address=built._local_address,
            uds=built._uds,  # noqa: SLF001
            network_backend=backend or FastBackend(),
            socket_options=built._socket_options,
        )  # noqa: SLF001
    return transport
