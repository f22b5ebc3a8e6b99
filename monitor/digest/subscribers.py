"""Subscribers and their subscriptions: add, list, remove, export, erase, confirm, unsubscribe."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from monitor.errors import ConfigError
from monitor.store.models import Delivery, DigestRecord, Subscriber, Subscription
from monitor.tag.gazetteer import Gazetteer
from monitor.timefmt import format_timestamp, utcnow

__all__ = [
    "FREQUENCIES",
    "CONTENT_TYPES",
    "SubscriptionFilters",
    "SubscriberView",
    "resolve_zones",
    "add_subscriber",
    "list_subscribers",
    "find_subscriber",
    "subscription_filters",
    "remove_subscriber",
    "export_subscriber",
    "erase_subscriber",
    "replace_subscriptions",
]

FREQUENCIES = ("immediate", "daily", "weekly")
CONTENT_TYPES = ("commentary", "interview", "news", "policy", "notice")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
_LIST_FIELDS = ("zones", "provinces", "cities", "topics", "people", "keywords", "exclude", "types", "sources")


@dataclass(frozen=True, slots=True)
class SubscriptionFilters:
    """What one subscription asks for. Empty groups mean 'any'; groups combine with AND, values within a group with OR."""

    frequency: str = "daily"
    zones: tuple[str, ...] = ()  # zone ids
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    match: str = "any"  # keywords: any | all
    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    hour: int = 8
    weekday: int = 0

    def validate(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ConfigError(f"frequency must be one of {', '.join(FREQUENCIES)}, got {self.frequency!r}")
        if self.match not in ("any", "all"):
            raise ConfigError(f"match must be 'any' or 'all', got {self.match!r}")
        if not 0 <= self.hour <= 23:
            raise ConfigError(f"hour must be 0-23, got {self.hour}")
        if not 0 <= self.weekday <= 6:
            raise ConfigError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        unknown = [t for t in self.types if t not in CONTENT_TYPES]
        if unknown:
            raise ConfigError(f"unknown content type(s) {unknown}: use {', '.join(CONTENT_TYPES)}")

    def as_json(self) -> dict[str, object]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class SubscriberView:
    id: int
    email: str
    name: str | None
    timezone: str
    confirmed: bool
    status: str
    group_by: str
    subscriptions: tuple[SubscriptionFilters, ...]


def resolve_zones(gazetteer: Gazetteer, names: list[str]) -> tuple[str, ...]:
    ids = []
    for name in names:
        zone = gazetteer.find(name)
        if zone is None:
            raise ConfigError(f"unknown zone {name!r}: give a zone id or name (see `monitor zones list`)")
        ids.append(zone.id)
    return tuple(dict.fromkeys(ids))


def _check_email(email: str) -> str:
    """The address as stored: its domain in lower case (domains have no case), its local part as typed."""
    email = email.strip()
    if not _EMAIL.match(email) or len(email) > 320:
        raise ConfigError(f"{email!r} is not an email address")
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _check_tz(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone {tz!r}") from None


def _to_row(subscriber_id: int, filters: SubscriptionFilters) -> Subscription:
    lists = {f"{name}_json": json.dumps(list(getattr(filters, name)), ensure_ascii=False)
             for name in _LIST_FIELDS if name not in ("exclude", "types")}
    return Subscription(subscriber_id=subscriber_id, frequency=filters.frequency, match=filters.match, hour=filters.hour,
                        weekday=filters.weekday, exclude_json=json.dumps(list(filters.exclude), ensure_ascii=False),
                        types_json=json.dumps(list(filters.types)), created_at=utcnow(), **lists)


def subscription_filters(row: Subscription) -> SubscriptionFilters:
    values: dict[str, object] = {name: tuple(json.loads(getattr(row, f"{name}_json") or "[]")) for name in _LIST_FIELDS}
    return SubscriptionFilters(frequency=row.frequency, match=row.match, hour=row.hour, weekday=row.weekday, **values)  # type: ignore[arg-type]


def find_subscriber(session: Session, email: str) -> Subscriber | None:
    """The subscriber with this address, whatever its case: a mail system that told local parts apart by
    case would be unusual, people who type their address in different cases are not. (Two rows that
    differ only in case, added before addresses were compared so, stay two; this finds the older.)"""
    return session.exec(select(Subscriber).where(func.lower(Subscriber.email) == func.lower(email.strip()))
                        .order_by(col(Subscriber.id))).first()


def add_subscriber(session: Session, email: str, name: str | None, tz: str, filters: SubscriptionFilters,
                   confirmed: bool = True, group_by: str = "zone") -> tuple[Subscriber, bool]:
    """Add a subscriber (or a subscription to an existing one). Returns (subscriber, created).

    Adding the same subscription twice changes nothing.
    """
    email = _check_email(email)
    filters.validate()
    _check_tz(tz)
    if group_by not in ("zone", "topic"):
        raise ConfigError(f"group-by must be 'zone' or 'topic', got {group_by!r}")
    name = " ".join((name or "").split())[:200] or None  # one line: it goes into the To header of every email
    subscriber = find_subscriber(session, email)
    created = subscriber is None
    if subscriber is None:
        subscriber = Subscriber(email=email, name=name, timezone=tz, confirmed=confirmed, group_by=group_by,
                                confirmed_at=utcnow() if confirmed else None, created_at=utcnow())
        session.add(subscriber)
        session.flush()
    elif subscriber.status == "unsubscribed" and confirmed:
        subscriber.status = "active"  # an operator re-adds someone who left
    assert subscriber.id is not None
    for existing in session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)).all():
        if subscription_filters(existing) == filters:
            session.commit()
            return subscriber, created
    session.add(_to_row(subscriber.id, filters))
    session.commit()
    return subscriber, created


def replace_subscriptions(session: Session, subscriber: Subscriber, filters: list[SubscriptionFilters]) -> None:
    for item in filters:
        item.validate()
    session.exec(delete(Subscription).where(col(Subscription.subscriber_id) == subscriber.id))  # type: ignore[call-overload]
    assert subscriber.id is not None
    for item in filters:
        session.add(_to_row(subscriber.id, item))
    session.commit()


def list_subscribers(session: Session) -> list[SubscriberView]:
    views = []
    for subscriber in session.exec(select(Subscriber).order_by(col(Subscriber.id))).all():
        assert subscriber.id is not None
        subs = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)
                            .order_by(col(Subscription.id))).all()
        views.append(SubscriberView(subscriber.id, subscriber.email, subscriber.name, subscriber.timezone,
                                    subscriber.confirmed, subscriber.status, subscriber.group_by,
                                    tuple(subscription_filters(s) for s in subs)))
    return views


def remove_subscriber(session: Session, email: str) -> bool:
    """Stop all digests to this address (status 'unsubscribed'); history is kept."""
    subscriber = find_subscriber(session, email)
    if subscriber is None:
        return False
    subscriber.status = "unsubscribed"
    session.add(subscriber)
    session.commit()
    return True


def export_subscriber(session: Session, email: str) -> dict[str, object] | None:
    """Everything held on one subscriber, as JSON-ready data."""
    subscriber = find_subscriber(session, email)
    if subscriber is None:
        return None
    subs = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)).all()
    digests = session.exec(select(DigestRecord, Delivery).join(Delivery, col(Delivery.digest_id) == col(DigestRecord.id))
                           .where(DigestRecord.subscriber_id == subscriber.id).order_by(col(DigestRecord.id))).all()
    return {
        "email": subscriber.email, "name": subscriber.name, "timezone": subscriber.timezone,
        "confirmed": subscriber.confirmed, "status": subscriber.status, "group_by": subscriber.group_by,
        "bounces": subscriber.bounces, "created_at": format_timestamp(subscriber.created_at),
        "confirmed_at": format_timestamp(subscriber.confirmed_at),
        "subscriptions": [subscription_filters(s).as_json() for s in subs],
        "digests": [{"frequency": d.frequency, "period": d.period_key, "subject": d.subject, "state": v.state,
                     "message_id": v.message_id, "sent_at": format_timestamp(v.sent_at)} for d, v in digests],
    }


def erase_subscriber(session: Session, email: str) -> bool:
    """Delete the subscriber and their subscriptions; digests and deliveries stay as anonymous counts."""
    subscriber = find_subscriber(session, email)
    if subscriber is None:
        return False
    session.exec(delete(Subscription).where(col(Subscription.subscriber_id) == subscriber.id))  # type: ignore[call-overload]
    session.exec(update(DigestRecord).where(col(DigestRecord.subscriber_id) == subscriber.id)  # type: ignore[call-overload]
                 .values(subscriber_id=None, subject=""))
    session.delete(subscriber)
    session.commit()
    return True


assert {f.name for f in fields(SubscriptionFilters)} >= set(_LIST_FIELDS)
