"""Feishu (飞书) custom bot: an interactive card with a markdown element, signed in the body.

Documentation: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (自定义机器人使用指南):
the body carries ``timestamp`` (seconds) and ``sign`` = base64(HMAC-SHA256 with the key
``"timestamp\\nsecret"`` over an empty message); a request body at most 20 KB; 100 messages a minute
and 5 a second per bot; the answer is ``{"code": 0, ...}``, another code a failure (19021 wrong
signature or old timestamp, 19024 keyword missing, 9499 bad request: a malformed or over 20 KB body; 11232
too many requests, the one retried).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from monitor.digest.channels.base import Message, Platform, Request, check_error_code, json_bytes

__all__ = ["FEISHU", "feishu_sign"]


def feishu_sign(timestamp: int, secret: str) -> str:
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


def _body(title: str, content: str) -> dict[str, object]:
    return {"msg_type": "interactive",
            "card": {"header": {"title": {"tag": "plain_text", "content": title}},
                     "elements": [{"tag": "markdown", "content": content}]}}


def _request(url: str, secret: str | None, message: Message, now: float) -> Request:
    body = _body(message.title, message.content)
    if secret:
        timestamp = int(now)
        body = {"timestamp": str(timestamp), "sign": feishu_sign(timestamp, secret), **body}
    return Request(url, json_bytes(body), {"Content-Type": "application/json; charset=utf-8"})


_SIGNATURE_BYTES = 80  # "timestamp" and "sign" added to the body
FEISHU = Platform(kind="feishu", limit=20_000 - _SIGNATURE_BYTES, per_minute=100,
                  size=lambda title, content: len(json_bytes(_body(title, content))),
                  request=_request, check=check_error_code("code", frozenset({11232})))
