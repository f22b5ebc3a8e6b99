"""Digest periods: which period a time falls in, and whether a frequency's digest is due (subscribers and channels)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

__all__ = ["period_key", "is_due"]


def period_key(frequency: str, now: datetime, tz: ZoneInfo) -> str:
    local = now.astimezone(tz)
    if frequency == "weekly":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == "immediate":
        return f"{local:%Y-%m-%dT%H:%M:%S}"
    return f"{local:%Y-%m-%d}"


def is_due(frequency: str, hour: int, weekday: int, now: datetime, tz: ZoneInfo) -> bool:
    """Immediate digests are always due; daily ones from the chosen local hour; weekly ones from that hour on that day."""
    local = now.astimezone(tz)
    if frequency == "immediate":
        return True
    if frequency == "weekly" and local.weekday() != weekday:
        return local.weekday() > weekday  # later in the week: the week's digest is still owed
    return local.hour >= hour
