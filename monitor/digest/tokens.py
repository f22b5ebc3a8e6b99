"""Signed subscriber tokens (HMAC-SHA256 with MONITOR_SECRET_KEY).

A token is ``<id>.<issued>.<signature>``: bound to one id (subscriber or digest) and one
purpose (``confirm``, ``unsubscribe``, ``manage``, ``digest``, ``feed`` for a subscription's Atom feed), so a token made for one
subscriber or purpose is rejected for another; tampering changes the signature. Tokens
that should expire (confirmation links) are read with ``max_age``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time

__all__ = ["make_token", "read_token", "signed_link", "feed_link", "CONFIRM_MAX_AGE"]

CONFIRM_MAX_AGE = 7 * 86400
# what make_token writes: a decimal id, a hex timestamp and 24 characters of URL-safe base64; anything else
# (non-ASCII, NUL, digits that int() refuses such as '²') is no token, before it reaches hmac or int()
_TOKEN = re.compile(r"([0-9]{1,18})\.([0-9a-f]{1,16})\.([A-Za-z0-9_-]{24})")


def _sign(secret: str, purpose: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), f"{purpose}:{payload}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode().rstrip("=")


def make_token(secret: str, purpose: str, subject_id: int, issued_at: int | None = None) -> str:
    issued = int(time.time()) if issued_at is None else issued_at
    payload = f"{subject_id}.{issued:x}"
    return f"{payload}.{_sign(secret, purpose, payload)}"


# the web app's route for each purpose (monitor/web/app.py)
_PATHS = {"confirm": "confirm", "unsubscribe": "unsubscribe", "manage": "manage", "digest": "digests", "change": "change",
          "feed": "feeds/s"}


def signed_link(base_url: str, secret: str, purpose: str, subject_id: int) -> str:
    """The web app's URL that acts on `subject_id` for `purpose`, with its token."""
    return f"{base_url.rstrip('/')}/{_PATHS[purpose]}/{make_token(secret, purpose, subject_id)}"


def feed_link(base_url: str, secret: str, subscription_id: int) -> str:
    """The Atom feed of one subscription (its filters, without its schedule): a link that needs no login, so
    that a feed reader can fetch it; bound to the subscription, not the subscriber (the manage page shows one
    per subscription)."""
    return f"{signed_link(base_url, secret, 'feed', subscription_id)}.atom"


def read_token(secret: str, purpose: str, token: str, max_age: int | None = None, now: float | None = None) -> int | None:
    """The id of a valid token, or None when it is malformed, was tampered with, made for another purpose, or expired."""
    parts = _TOKEN.fullmatch(token)
    if parts is None:
        return None
    subject, issued, signature = parts.groups()
    if not hmac.compare_digest(signature, _sign(secret, purpose, f"{subject}.{issued}")):
        return None
    if max_age is not None and (now if now is not None else time.time()) - int(issued, 16) > max_age:
        return None
    return int(subject)
