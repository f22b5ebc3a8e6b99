"""Posting one message: the HTTP request and its outcome as the delivery's errors (the rate limit: channel_rate)."""

from __future__ import annotations

import time

import httpx

from monitor.digest.channels.base import Message, Platform
from monitor.errors import DeliveryError, UncertainDeliveryError

__all__ = ["post"]

TIMEOUT = httpx.Timeout(15.0, connect=5.0)


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
