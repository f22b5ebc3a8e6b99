"""Subscribers and their subscriptions (operator side)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete
from sqlmodel import Session, col, select

from .errors import ConfigError
from .gazetteer import Gazetteer
from .models import Subscriber, Subscription
from .timefmt import utcnow

__all__ = ["SubscriptionFilters", "SubscriberView", "add_subscriber", "list_subscribers", "remove_subscriber", "FREQUENCIES"]

FREQUENCIES = ("immediate", "daily", "weekly")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


@dataclass(frozen=True, slots=True)
class SubscriptionFilters:
    frequency: str = "daily"
    zones: tuple[str, ...] = ()  # zone ids
    sources: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubscriberView:
    id: int
    email: str
    name: str | None
    timezone: str
    confirmed: bool
    subscriptions: tuple[SubscriptionFilters, ...]


def resolve_zones(gazetteer: Gazetteer, names: list[str]) -> tuple[str, ...]:
    ids = []
    for name in names:
        zone = gazetteer.find(name)
        if zone is None:
            raise ConfigError(f"unknown zone {name!r}: give a zone id or name (see `monitor zones list`)")
        ids.append(zone.id)
    return tuple(dict.fromkeys(ids))


def add_subscriber(session: Session, email: str, name: str | None, tz: str, filters: SubscriptionFilters,
                   confirmed: bool = True) -> tuple[Subscriber, bool]:
    """Add a subscriber (or a subscription to an existing one). Returns (subscriber, created)."""
    email = email.strip()
    if not _EMAIL.match(email):
        raise ConfigError(f"{email!r} is not an email address")
    if filters.frequency not in FREQUENCIES:
        raise ConfigError(f"frequency must be one of {', '.join(FREQUENCIES)}")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone {tz!r}") from None
    subscriber = session.exec(select(Subscriber).where(Subscriber.email == email)).first()
    created = subscriber is None
    if subscriber is None:
        subscriber = Subscriber(email=email, name=name, timezone=tz, confirmed=confirmed, created_at=utcnow())
        session.add(subscriber)
        session.flush()
    assert subscriber.id is not None
    wanted = _to_row(subscriber.id, filters)
    for existing in session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)).all():
        if _from_row(existing) == filters:
            return subscriber, created  # the same subscription twice changes nothing
    session.add(wanted)
    session.commit()
    return subscriber, created


def _to_row(subscriber_id: int, filters: SubscriptionFilters) -> Subscription:
    return Subscription(subscriber_id=subscriber_id, frequency=filters.frequency,
                        zones_json=json.dumps(list(filters.zones)), topics_json=json.dumps(list(filters.topics)),
                        sources_json=json.dumps(list(filters.sources)),
                        keywords_json=json.dumps(list(filters.keywords), ensure_ascii=False), created_at=utcnow())


def _from_row(row: Subscription) -> SubscriptionFilters:
    return SubscriptionFilters(frequency=row.frequency, zones=tuple(json.loads(row.zones_json)),
                               sources=tuple(json.loads(row.sources_json)), keywords=tuple(json.loads(row.keywords_json)),
                               topics=tuple(json.loads(row.topics_json)))


def list_subscribers(session: Session) -> list[SubscriberView]:
    views = []
    for subscriber in session.exec(select(Subscriber).order_by(col(Subscriber.id))).all():
        assert subscriber.id is not None
        subs = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id).order_by(col(Subscription.id))).all()
        views.append(SubscriberView(subscriber.id, subscriber.email, subscriber.name, subscriber.timezone,
                                    subscriber.confirmed, tuple(_from_row(s) for s in subs)))
    return views


def remove_subscriber(session: Session, email: str) -> bool:
    subscriber = session.exec(select(Subscriber).where(Subscriber.email == email.strip())).first()
    if subscriber is None:
        return False
    session.exec(delete(Subscription).where(col(Subscription.subscriber_id) == subscriber.id))  # type: ignore[call-overload]
    subscriber.confirmed = False
    subscriber.email = f"removed-{subscriber.id}@removed.invalid"  # keeps delivery history, drops the address
    subscriber.name = None
    session.add(subscriber)
    session.commit()
    return True
