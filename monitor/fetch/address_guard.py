"""The fetcher's connections go only to addresses the private-address policy allows, checked at connect time.

``urls.check_public`` judges a URL before it is requested, so the error names the URL and no
connection is tried. But the HTTP client then resolves the host name again to connect, and a
site that controls its DNS can answer a public address to the check and a private one to the
connection (DNS rebinding). ``AddressGuard`` is the connection pool's network backend: it
resolves the name itself, refuses it if any address is not allowed, and connects to the
checked addresses, so what was checked is what is connected to. TLS still verifies the
certificate against the host name (httpcore starts TLS with the request's host).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from monitor.fetch.pool import FastBackend, fast_transport
from monitor.fetch.urls import address_refusal
from monitor.settings import PrivateAllowlist

__all__ = ["AddressGuard", "RefusedAddress", "guarded_transport"]


class RefusedAddress(Exception):
    """A connection the policy refuses; the fetcher turns it into BlockedURL for the URL being fetched."""


class AddressGuard(httpcore.AsyncNetworkBackend):
    def __init__(self, allowlist: PrivateAllowlist, backend: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._allowlist = allowlist
        self._backend = backend or FastBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        if host.rstrip(".").lower() in self._allowlist.hosts:
            return await self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = await _resolve(host, port)
        for address in addresses:
            refused = address_refusal(host, address, self._allowlist)
            if refused is not None:
                raise RefusedAddress(refused)
        error: httpcore.ConnectError | None = None
        for address in addresses:  # the checked addresses, in the resolver's order, until one answers
            try:
                return await self._backend.connect_tcp(str(address), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        raise RefusedAddress(f"Unix socket {path!r} is not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


async def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:  # the fetcher reports it as HostNotFound (the gaierror is the cause)
        raise httpcore.ConnectError(str(exc)) from exc
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def guarded_transport(allowlist: PrivateAllowlist, **options: Any) -> httpx.AsyncHTTPTransport:
    """httpx's transport (over monitor.fetch.pool's Pool) with ``AddressGuard`` as its pool's network backend
    (a proxy from the environment resolves names itself)."""
    return fast_transport(AddressGuard(allowlist), **options)
