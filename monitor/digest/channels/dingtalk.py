"""DingTalk (钉钉) custom robot: markdown messages, signed.

Documentation: https://open.dingtalk.com/document/orgapp/custom-robot-access (自定义机器人接入) and
https://open.dingtalk.com/document/robots/customize-robot-security-settings (加签): the URL gets
``&timestamp=<ms>&sign=<urlencode(base64(HMAC-SHA256(key=secret, "timestamp\\nsecret")))>``;
``{"msgtype": "markdown", "markdown": {"title": ..., "text": ...}}``; each robot at most 20 messages a
minute (over it: errcode 130101, and the robot is throttled for 10 minutes); the answer carries ``errcode``
(0 accepted; 310000 wrong signature, keyword or IP; 300001 unknown token).

Size: the custom robot's pages state no limit on a message. DingTalk's API for a bot's group messages, which
takes the same markdown message (``sampleMarkdown``: ``{"title": ..., "text": ...}``, see
https://help.dingtalk.io/open/development/robot-message-type), says of it: "The length must not exceed
15,000 bytes" (``msgParam``, https://help.dingtalk.io/open/development/the-robot-sends-a-group-message).
The whole JSON body is held to that, the one figure DingTalk publishes for a markdown message.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote_plus

from monitor.digest.channels.base import Message, Platform, Request, check_error_code, json_bytes

__all__ = ["DINGTALK", "dingtalk_sign"]


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode("ascii"))


def _body(title: str, content: str) -> dict[str, object]:
    return {"msgtype": "markdown", "markdown": {"title": title, "text": content}}


def _request(url: str, secret: str | None, message: Message, now: float) -> Request:
    if secret:
        timestamp = int(now * 1000)
        url = f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={dingtalk_sign(timestamp, secret)}"
    return Request(url, json_bytes(_body(message.title, message.content)),
                   {"Content-Type": "application/json; charset=utf-8"})


DINGTALK = Platform(kind="dingtalk", limit=15_000, per_minute=20,
                    size=lambda title, content: len(json_bytes(_body(title, content))),
                    request=_request, check=check_error_code("errcode", frozenset({130101, -1})))
