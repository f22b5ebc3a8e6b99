"""What every chat platform shares: stories as markdown blocks, messages packed to a size limit, the HTTP post.

A platform module (wecom, dingtalk, feishu, webhook) is one ``Platform``: how a message's content is
wrapped in the platform's JSON (``body``), where and how it is signed (``request``), how big it may be
(``limit`` bytes, measured by ``size``), how many messages a minute it takes, and which answers are failures
(``check``: a 200 whose body carries an error code is one).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

from monitor.errors import DeliveryError, PermanentDeliveryError

__all__ = ["Story", "Message", "Request", "Platform", "story_block", "pack", "mask_url", "json_bytes",
           "check_error_code"]


@dataclass(frozen=True, slots=True)
class Story:
    """One story as a channel shows it: every field one line and bounded (see ``from_item`` in delivery)."""

    title: str
    url: str | None
    source: str
    date: str | None
    zones: str
    lead: str


@dataclass(frozen=True, slots=True)
class Message:
    """One message to post: a title (cards and DingTalk show it) and markdown content."""

    title: str
    content: str
    stories: tuple[Story, ...]
    idempotency_key: str


@dataclass(frozen=True, slots=True)
class Request:
    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Platform:
    kind: str
    limit: int  # bytes: the most ``size`` may be
    per_minute: int  # messages a minute one robot takes
    size: Callable[[str, str], int]  # (title, content) -> the bytes the limit applies to
    request: Callable[[str, str | None, Message, float], Request]  # (url, secret, message, now) -> Request
    check: Callable[[int, bytes], None]  # (status, body): raise DeliveryError on a failure


def json_bytes(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _text(value: str) -> str:
    """Scraped text in markdown: brackets and angle brackets turned full-width, so that a title cannot
    open a link or a tag (WeCom reads <font>), and one line."""
    return " ".join(value.split()).translate(str.maketrans({"[": "［", "]": "］", "<": "＜", ">": "＞",
                                                            "*": "＊", "`": "｀"}))


def _href(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def story_block(story: Story) -> str:
    title = _text(story.title)
    head = f"**[{title}]({_href(story.url)})**" if story.url else f"**{title}**"
    meta = " · ".join(part for part in (_text(story.source), story.date, _text(story.zones)) if part)
    return "\n".join(line for line in (head, meta, f"> {_text(story.lead)}" if story.lead else "") if line)


def pack(heading: Callable[[int, int], str], blocks: list[str],
         fits: Callable[[str], bool]) -> list[tuple[str, range]]:
    """Contents made of whole blocks, each fitting (``fits``) with its heading (``heading(part, parts)``), with
    the blocks each holds; a block is never cut. A block too big for a message on its own goes alone (the
    platform refuses it and the delivery says so): the stories' fields are bounded, so that does not happen."""
    def join(head: str, chunk: list[str]) -> str:
        return "\n\n".join([head, *chunk])

    parts: list[list[str]] = []
    for block in blocks:
        if parts and fits(join(heading(99, 99), [*parts[-1], block])):  # the widest heading: numbered later
            parts[-1].append(block)
        else:
            parts.append([block])
    found, start = [], 0
    for i, chunk in enumerate(parts):
        found.append((join(heading(i + 1, len(parts)), chunk), range(start, start + len(chunk))))
        start += len(chunk)
    return found


def mask_url(url: str) -> str:
    """A robot URL with its token hidden: scheme, host and path's first segment, the rest as ***."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "***"
    first = parts.path.split("/")[1] if parts.path.count("/") >= 1 else ""
    return urlunsplit((parts.scheme, parts.hostname or "", f"/{quote(first)}/***" if first else "/***",
                       "***" if parts.query else "", ""))


def check_error_code(field_name: str, transient: frozenset[int]) -> Callable[[int, bytes], None]:
    """A check for platforms that answer JSON with an error code (0: accepted), even with HTTP 200.
    Codes in ``transient`` (rate limits, busy servers) are retried; the others are permanent (a wrong token,
    signature or keyword will not right itself)."""
    def check(status: int, body: bytes) -> None:
        if status == 429 or status >= 500:
            raise DeliveryError(f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}")
        if status >= 400:
            raise PermanentDeliveryError(f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}")
        try:
            answer = json.loads(body or b"{}")
            code = int(answer.get(field_name, 0) if isinstance(answer, dict) else 0)
        except (ValueError, TypeError):
            raise DeliveryError(f"HTTP {status} without a JSON answer: {body[:200]!r}") from None
        if code:
            message = f"{field_name} {code}: {answer.get('errmsg') or answer.get('msg') or ''}"
            raise (DeliveryError if code in transient else PermanentDeliveryError)(message)
    return check
