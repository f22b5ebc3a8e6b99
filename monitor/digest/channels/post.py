"""Posting one message: the HTTP request, its outcome as the delivery's errors, and the rate limit."""

from __future__ import annotations

import time
from collections import deque

import httpx

from monitor.digest.channels.base import Message, Platform
from monitor.errors import DeliveryError, UncertainDeliveryError

__all__ = ["post", "RateLimiter"]

TIMEOUT = httpx.Timeout(15.0, connect=5.0)


class RateLimiter:
    """At most ``per_minute`` messages in any minute to one robot (in this process): waits when more would go."""

    def __init__(self) -> None:
        self._sent: dict[str, deque[float]] = {}

    def wait(self, key: str, per_minute: int) -> None:
        sent = self._sent.setdefault(key, deque())
        now = time.monotonic()
        while sent and now - sent[0] >= 60:
            sent.popleft()
        if len(sent) >= per_minute:
            time.sleep(60 - (now - sent[0]))
            sent.popleft()
        sent.append(time.monotonic())


def post(client: httpx.Client, platform: Platform, url: str, secret: str | None, message: Message) -> None:
    """Send one message; raises DeliveryError (refused: no copy), UncertainDeliveryError (the request went
    out and no answer came: maybe a copy) or PermanentDeliveryError (the platform's code says it will not work)."""
    request = platform.request(url, secret, message, time.time())
    try:
        response = client.post(request.url, content=request.body, headers=request.headers, timeout=TIMEOUT)
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise DeliveryError(f"cannot connect to the {platform.kind} endpoint: {type(exc).__name__}") from None
    except httpx.HTTPError as exc:  # sent, then cut: the platform may have posted it
        raise UncertainDeliveryError(f"no answer from the {platform.kind} endpoint: {type(exc).__name__}") from None
    platform.check(response.status_code, response.content)
