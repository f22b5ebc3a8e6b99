"""Chat channels as the operator manages them: add, list (URL masked), find, remove."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from monitor.digest.channels import KINDS, mask_url
from monitor.digest.subscribers import SubscriptionFilters
from monitor.errors import ConfigError
from monitor.store.models import Channel
from monitor.timefmt import utcnow

__all__ = ["ChannelView", "add_channel", "list_channels", "find_channel", "remove_channel", "channel_filters"]


@dataclass(frozen=True, slots=True)
class ChannelView:
    """A channel as shown: never its URL's token nor its secret."""

    name: str
    kind: str
    url: str  # masked
    signed: bool
    status: str
    filters: SubscriptionFilters
    timezone: str


def channel_filters(channel: Channel) -> SubscriptionFilters:
    values = json.loads(channel.filters_json or "{}")
    return SubscriptionFilters(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def _check(name: str, kind: str, url: str, tz: str) -> None:
    if not name.strip() or len(name) > 100:
        raise ConfigError(f"a channel name is 1-100 characters, got {name!r}")
    if kind not in KINDS:
        raise ConfigError(f"--kind must be one of {', '.join(KINDS)}, got {kind!r}")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"--url must be an http(s) URL (the robot's webhook address), got {mask_url(url)}")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"--tz must be an IANA timezone such as Asia/Shanghai, got {tz!r}") from None


def add_channel(session: Session, name: str, kind: str, url: str, secret: str | None,
                filters: SubscriptionFilters, tz: str = "Asia/Shanghai") -> Channel:
    """Add a channel, or replace the settings of a removed one of that name. Its days and hours (``--hour``,
    ``--weekday``, the periods, the stories' dates) are those of ``tz``."""
    _check(name, kind, url, tz)
    filters.validate()
    channel = find_channel(session, name, active_only=False)
    if channel is not None and channel.status == "active":
        raise ConfigError(f"channel {name!r} exists: remove it first to change it")
    channel = channel or Channel(name=name, kind=kind, url=url, created_at=utcnow())
    channel.kind, channel.url, channel.secret, channel.status = kind, url, secret or None, "active"
    channel.timezone = tz
    channel.filters_json = json.dumps(filters.as_json(), ensure_ascii=False)
    session.add(channel)
    session.commit()
    return channel


def find_channel(session: Session, name: str, active_only: bool = True) -> Channel | None:
    channel = session.exec(select(Channel).where(Channel.name == name)).first()
    return channel if channel is not None and (channel.status == "active" or not active_only) else None


def list_channels(session: Session) -> list[ChannelView]:
    return [ChannelView(c.name, c.kind, mask_url(c.url), bool(c.secret), c.status, channel_filters(c), c.timezone)
            for c in session.exec(select(Channel).where(Channel.status == "active").order_by(col(Channel.id))).all()]


def remove_channel(session: Session, name: str) -> bool:
    """Stop delivering to a channel; its delivery history is kept."""
    channel = find_channel(session, name)
    if channel is None:
        return False
    channel.status = "removed"
    session.add(channel)
    session.commit()
    return True
