"""Timestamps: stored in UTC, shown in Asia/Shanghai, printed to the precision known."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from monitor.items import PublishDate

__all__ = ["SHANGHAI", "utcnow", "format_timestamp", "format_published", "parse_cli_date"]

SHANGHAI = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    return datetime.now(UTC)


def format_timestamp(value: datetime | None, tz: ZoneInfo = SHANGHAI) -> str | None:
    """ISO 8601 with an explicit offset, in `tz` (Asia/Shanghai unless a source says otherwise)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(tz).isoformat()


def format_published(published: PublishDate | None, tz: ZoneInfo = SHANGHAI) -> str | None:
    """A publish date printed only as precisely as it is known: YYYY, YYYY-MM, YYYY-MM-DD or full."""
    if published is None:
        return None
    local = published.value.astimezone(tz)
    if published.precision == "year":
        return f"{local:%Y}"
    if published.precision == "month":
        return f"{local:%Y-%m}"
    if published.precision == "day":
        return f"{local:%Y-%m-%d}"
    return local.isoformat()


def parse_cli_date(text: str, tz: ZoneInfo = SHANGHAI) -> datetime:
    """A date given on the command line (YYYY-MM-DD or full ISO 8601); a naive value is Shanghai time."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value
