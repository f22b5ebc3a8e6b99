"""A generic JSON webhook: the message as JSON, signed as GitHub signs its webhooks.

Signature: ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body with the secret>``, as documented at
https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries ; ``Idempotency-Key``
(https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/) is the same for every resend
of one message, so that a receiver can drop the copies a crash made. Any 2xx is accepted; 408, 429 and 5xx
are retried, other 4xx are permanent. Bodies are kept under 100,000 bytes.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import asdict

from monitor.digest.channels.base import Message, Platform, Request, json_bytes
from monitor.errors import DeliveryError, PermanentDeliveryError

__all__ = ["WEBHOOK", "webhook_signature"]


def webhook_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _payload(title: str, content: str, message: Message | None = None) -> dict[str, object]:
    payload: dict[str, object] = {"title": title, "text": content}
    if message is not None:
        payload["idempotency_key"] = message.idempotency_key
        payload["stories"] = [asdict(story) for story in message.stories]
    return payload


def _request(url: str, secret: str | None, message: Message, now: float) -> Request:
    body = json_bytes(_payload(message.title, message.content, message))
    headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": message.idempotency_key}
    if secret:
        headers["X-Hub-Signature-256"] = webhook_signature(body, secret)
    return Request(url, body, headers)


def _check(status: int, body: bytes) -> None:
    if 200 <= status < 300:
        return
    error = DeliveryError if status in (408, 429) or status >= 500 else PermanentDeliveryError
    raise error(f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}")


# The stories travel twice (markdown and JSON): half the body is the markdown's share.
WEBHOOK = Platform(kind="webhook", limit=50_000, per_minute=60,
                   size=lambda title, content: len(json_bytes(_payload(title, content))),
                   request=_request, check=_check)
