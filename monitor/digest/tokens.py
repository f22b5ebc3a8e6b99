"""Signed subscriber tokens (HMAC-SHA256 with MONITOR_SECRET_KEY).

A token is ``<id>.<issued>.<signature>``: bound to one id (subscriber or digest) and one
purpose (``confirm``, ``unsubscribe``, ``manage``, ``digest``), so a token made for one
subscriber or purpose is rejected for another; tampering changes the signature. Tokens
that should expire (confirmation links) are read with ``max_age``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

__all__ = ["make_token", "read_token", "signed_link", "CONFIRM_MAX_AGE"]

CONFIRM_MAX_AGE = 7 * 86400


def _sign(secret: str, purpose: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), f"{purpose}:{payload}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode().rstrip("=")


def make_token(secret: str, purpose: str, subject_id: int, issued_at: int | None = None) -> str:
    issued = int(time.time()) if issued_at is None else issued_at
    payload = f"{subject_id}.{issued:x}"
    return f"{payload}.{_sign(secret, purpose, payload)}"


# the web app's route for each purpose (monitor/web.py)
_PATHS = {"confirm": "confirm", "unsubscribe": "unsubscribe", "manage": "manage", "digest": "digests"}


def signed_link(base_url: str, secret: str, purpose: str, subject_id: int) -> str:
    """The web app's URL that acts on `subject_id` for `purpose`, with its token."""
    return f"{base_url.rstrip('/')}/{_PATHS[purpose]}/{make_token(secret, purpose, subject_id)}"


def read_token(secret: str, purpose: str, token: str, max_age: int | None = None, now: float | None = None) -> int | None:
    """The id of a valid token, or None when it was tampered with, made for another purpose, or expired."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    payload = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(parts[2], _sign(secret, purpose, payload)):
        return None
    if max_age is not None:
        try:
            issued = int(parts[1], 16)
        except ValueError:
            return None
        if (now if now is not None else time.time()) - issued > max_age:
            return None
    return int(parts[0])
