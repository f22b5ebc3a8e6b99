"""A loopback server that plays the four chat platforms as their documentation describes them.

Each path checks what its platform checks (payload shape, signature, size limit) and answers as that
platform does: HTTP 200 with an error code in the body for WeCom, DingTalk and Feishu, a status code for
the generic webhook. Accepted messages are recorded; ``fail_next[kind]`` queues answers to give instead.
The signatures are computed here from the documents' recipes, not with the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WECOM_KEY, DINGTALK_TOKEN, FEISHU_TOKEN = "wecom-key-7f3a", "dingtalk-token-91bc", "feishu-token-55de"
DINGTALK_SECRET, FEISHU_SECRET, WEBHOOK_SECRET = "SECdingtalk0123", "feishu-secret-x", "hook-secret-y"


@dataclass
class Received:
    kind: str
    payload: dict
    headers: dict[str, str]
    body: bytes
    robot: str | None = None  # the URL's ``robot`` parameter: which of several robots of one kind it was sent to


# the answers of a robot over its limit: WeCom errcode 45009 (91770 above), DingTalk 130101 (custom-robot-access)
RATE_LIMITED = {"wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
                "dingtalk": {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}}


@dataclass(frozen=True)
class KillAt:
    """Where the server SIGKILLs the process posting to it: at its ``k``-th request (counted from ``arm``), either
    before the message is taken (``drop``: the platform never posts it) or once it is taken, before the answer
    goes back (``taken``: posted, and the sender cannot know). ``delay`` seconds later, if not 0 (the sender
    goes on meanwhile: the kill lands in whatever it does next)."""

    pid: int
    stage: str  # drop | taken
    k: int
    delay: float = 0.0


@dataclass
class PlatformServer:
    base: str = ""
    received: list[Received] = field(default_factory=list)
    fail_next: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)
    attempts: list[tuple[str, str | None]] = field(default_factory=list)  # (kind, Idempotency-Key) of every request
    hang_after: dict[str, int] = field(default_factory=dict)  # kind -> accepted messages after which one hangs
    hanging: threading.Event = field(default_factory=threading.Event)  # set while a request hangs
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    kill_at: KillAt | None = None  # SIGKILL the sender at its k-th request (see KillAt)
    requests: int = 0  # requests since kill_at was armed
    dropped: list[tuple[str, bytes]] = field(default_factory=list)  # (kind, body) of requests lost to a kill
    # WeCom and DingTalk take 20 messages a minute per robot (their documents); a test may shorten the minute
    rate_window: float = 60.0
    taken_at: dict[str, list[float]] = field(default_factory=dict)  # robot URL -> arrival times of its messages
    throttled: list[str] = field(default_factory=list)  # kinds of the messages refused for the rate limit

    def urls(self, robot: str | None = None) -> dict[str, str]:
        """Each platform's URL; ``robot`` names one of several robots of a kind (an extra query parameter, which
        the platforms' checks ignore)."""
        extra = f"robot={robot}" if robot else ""
        return {"wecom": f"{self.base}/cgi-bin/webhook/send?key={WECOM_KEY}" + (f"&{extra}" if extra else ""),
                "dingtalk": f"{self.base}/robot/send?access_token={DINGTALK_TOKEN}" + (f"&{extra}" if extra else ""),
                "feishu": f"{self.base}/open-apis/bot/v2/hook/{FEISHU_TOKEN}" + (f"?{extra}" if extra else ""),
                "webhook": f"{self.base}/hook" + (f"?{extra}" if extra else "")}

    def arm(self, kill_at: KillAt) -> None:
        with self.lock:
            self.kill_at, self.requests = kill_at, 0

    def _kill_point(self, stage: str) -> bool:
        """SIGKILL the sender if this request is the armed one at this stage; True when the request is to be lost."""
        with self.lock:
            kill = self.kill_at
            if kill is None or kill.stage != stage or self.requests < kill.k:
                return False
            self.kill_at = None
        if kill.delay:
            threading.Timer(kill.delay, os.kill, (kill.pid, signal.SIGKILL)).start()
        else:
            os.kill(kill.pid, signal.SIGKILL)
        return stage == "drop"

    def of(self, kind: str) -> list[Received]:
        return [r for r in self.received if r.kind == kind]

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[str, int, dict]:
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        kind = ("wecom" if parts.path == "/cgi-bin/webhook/send" else "dingtalk" if parts.path == "/robot/send"
                else "feishu" if parts.path.startswith("/open-apis/bot/v2/hook/") else "webhook")
        with self.lock:
            self.requests += 1
        if self._kill_point("drop"):
            with self.lock:
                self.dropped.append((kind, body))
            return kind, 503, {"error": "the sender was killed before this message was taken"}
        with self.lock:
            self.attempts.append((kind, headers.get("idempotency-key")))
            queued = self.fail_next.get(kind)
            if queued:
                status, answer = queued.pop(0)
                return kind, status, answer
        try:
            payload = json.loads(body)
        except ValueError:
            return kind, 400, {"errcode": 40000, "errmsg": "invalid json"}
        status, answer = getattr(self, f"_{kind}")(query, parts.path, headers, body, payload)
        if status == 200 and not answer.get("errcode") and kind in RATE_LIMITED and self._over_limit(path):
            with self.lock:
                self.throttled.append(kind)
            return kind, 200, RATE_LIMITED[kind]
        if status == 200 and not answer.get("errcode") and not answer.get("code"):
            if len(self.of(kind)) == self.hang_after.get(kind, -1) and not self.hanging.is_set():
                self.hanging.set()  # the message is taken; its sender is killed before the answer
                self.release.wait(60)
            with self.lock:
                self.received.append(Received(kind, payload, headers, body, query.get("robot")))
            self._kill_point("taken")
        return kind, status, answer

    def _over_limit(self, robot: str) -> bool:
        """One more message to this robot (its URL up to the signature) would be the 21st in the window."""
        robot = robot.split("&timestamp=")[0]
        with self.lock:
            now = time.monotonic()
            taken = [t for t in self.taken_at.get(robot, []) if now - t < self.rate_window]
            over = len(taken) >= 20
            self.taken_at[robot] = taken if over else [*taken, now]
        return over

    # https://developer.work.weixin.qq.com/document/path/91770
    def _wecom(self, query, path, headers, body, payload):  # type: ignore[no-untyped-def]
        if query.get("key") != WECOM_KEY:
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}
        if payload.get("msgtype") != "markdown" or not isinstance(payload.get("markdown", {}).get("content"), str):
            return 200, {"errcode": 40008, "errmsg": "invalid message type"}
        if len(payload["markdown"]["content"].encode("utf-8")) > 4096:
            return 200, {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
        return 200, {"errcode": 0, "errmsg": "ok"}

    # https://open.dingtalk.com/document/robots/customize-robot-security-settings
    def _dingtalk(self, query, path, headers, body, payload):  # type: ignore[no-untyped-def]
        if query.get("access_token") != DINGTALK_TOKEN:
            return 200, {"errcode": 300001, "errmsg": "token is not exist"}
        timestamp = query.get("timestamp", "0")
        digest = hmac.new(DINGTALK_SECRET.encode(), f"{timestamp}\n{DINGTALK_SECRET}".encode(), hashlib.sha256).digest()
        # parse_qs decoded the sign once: compare it with the base64 text before URL-encoding
        if abs(time.time() * 1000 - int(timestamp)) > 3600_000 or query.get("sign") != base64.b64encode(digest).decode():
            return 200, {"errcode": 310000, "errmsg": "sign not match"}
        markdown = payload.get("markdown", {})
        if payload.get("msgtype") != "markdown" or not markdown.get("title") or not markdown.get("text"):
            return 200, {"errcode": 40035, "errmsg": "缺少参数 json"}
        if len(body) > 15_000:  # the limit DingTalk states for a markdown message (channels/dingtalk.py)
            return 200, {"errcode": 460101, "errmsg": "message too long"}
        return 200, {"errcode": 0, "errmsg": "ok"}

    # https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
    def _feishu(self, query, path, headers, body, payload):  # type: ignore[no-untyped-def]
        if not path.endswith(FEISHU_TOKEN):
            return 200, {"code": 19001, "msg": "param invalid: incoming webhook access token invalid"}
        timestamp = str(payload.get("timestamp", "0"))
        sign = base64.b64encode(hmac.new(f"{timestamp}\n{FEISHU_SECRET}".encode(), b"", hashlib.sha256).digest()).decode()
        if abs(time.time() - int(timestamp)) > 3600 or payload.get("sign") != sign:
            return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
        card = payload.get("card", {})
        if (payload.get("msg_type") != "interactive" or not card.get("header", {}).get("title", {}).get("content")
                or [e.get("tag") for e in card.get("elements", [])] != ["markdown"]):
            return 200, {"code": 9499, "msg": "Bad Request"}
        if len(body) > 20 * 1024:
            return 200, {"code": 9499, "msg": "request body too large"}
        return 200, {"code": 0, "msg": "success"}

    # https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
    def _webhook(self, query, path, headers, body, payload):  # type: ignore[no-untyped-def]
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(headers.get("x-hub-signature-256", ""), expected):
            return 401, {"error": "bad signature"}
        if not headers.get("idempotency-key") or not isinstance(payload.get("stories"), list):
            return 400, {"error": "idempotency key and stories required"}
        return 200, {"ok": True}


@contextmanager
def platform_server() -> Iterator[PlatformServer]:
    state = PlatformServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            _, status, answer = state.answer(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


