"""Signed subscriber tokens (HMAC-SHA256 with MONITOR_SECRET_KEY): bound to one subscriber and one purpose."""

from __future__ import annotations

import base64
import hashlib
import hmac

__all__ = ["make_token", "read_token"]


def _sign(secret: str, purpose: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), f"{purpose}:{payload}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode().rstrip("=")


def make_token(secret: str, purpose: str, subscriber_id: int) -> str:
    return f"{subscriber_id}.{_sign(secret, purpose, str(subscriber_id))}"


def read_token(secret: str, purpose: str, token: str) -> int | None:
    """The subscriber id of a valid token, or None when it was tampered with or made for another purpose."""
    payload, _, signature = token.partition(".")
    if not payload.isdigit() or not hmac.compare_digest(signature, _sign(secret, purpose, payload)):
        return None
    return int(payload)
