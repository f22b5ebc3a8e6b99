"""WeCom (企业微信) group robot: markdown messages.

Documentation: https://developer.work.weixin.qq.com/document/path/91770 (群机器人配置说明):
``{"msgtype": "markdown", "markdown": {"content": ...}}``, content at most 4096 bytes (UTF-8), each robot
at most 20 messages a minute; the answer is ``{"errcode": 0, "errmsg": "ok"}``, another errcode a failure
(45009: over the rate limit, retried; 93000: invalid webhook URL). No signing: the key in the URL is the
credential.
"""

from __future__ import annotations

from monitor.digest.channels.base import Message, Platform, Request, check_error_code, json_bytes

__all__ = ["WECOM"]


def _body(message: Message) -> dict[str, object]:
    return {"msgtype": "markdown", "markdown": {"content": message.content}}


def _request(url: str, secret: str | None, message: Message, now: float) -> Request:
    return Request(url, json_bytes(_body(message)), {"Content-Type": "application/json; charset=utf-8"})


WECOM = Platform(kind="wecom", limit=4096, per_minute=20, size=lambda title, content: len(content.encode("utf-8")),
                 request=_request, check=check_error_code("errcode", frozenset({45009, -1})))
