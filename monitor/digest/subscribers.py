"""Subscribers and their subscriptions: add, list, remove, export, erase, confirm, unsubscribe."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from monitor.addresses import AddressError, address_key, canonical_address
from monitor.errors import ConfigError
from monitor.i18n import LANGUAGES
from monitor.store.models import Delivery, DigestRecord, Subscriber, Subscription, SubscriptionChange
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
    "subscriptions_of",
    "edit_subscriber",
    "edit_subscriptions",
    "check_language",
    "propose_change",
    "apply_change",
    "change_filters",
    "change_language",
    "one_line_name",
]

FREQUENCIES = ("immediate", "daily", "weekly")
CONTENT_TYPES = ("commentary", "interview", "news", "policy", "notice")
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
    language: str = "zh-CN"


def resolve_zones(gazetteer: Gazetteer, names: list[str]) -> tuple[str, ...]:
    ids = []
    for name in names:
        zone = gazetteer.find(name)
        if zone is None:
            raise ConfigError(f"unknown zone {name!r}: give a zone id or name (see `monitor zones list`)")
        ids.append(zone.id)
    return tuple(dict.fromkeys(ids))


def _check_tz(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone {tz!r}") from None


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return language


def _check_group_by(group_by: str) -> None:
    if group_by not in ("zone", "topic"):
        raise ConfigError(f"group-by must be 'zone' or 'topic', got {group_by!r}")


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
    differ only in case, added before addresses were compared so, stay two; this finds the older.)
    Text that is no plain address is looked up as typed, so that an operator can still remove or
    erase a row stored before addresses were checked strictly."""
    try:
        key = address_key(canonical_address(email))
    except AddressError:
        key = email.strip().lower()
    return session.exec(select(Subscriber).where(func.lower(Subscriber.email) == key)
                        .order_by(col(Subscriber.id))).first()


def one_line_name(name: str | None) -> str | None:
    """A subscriber's name as stored: one line (it goes into the To header of every email), 200 characters."""
    return " ".join((name or "").split())[:200] or None


def add_subscriber(session: Session, email: str, name: str | None, tz: str, filters: SubscriptionFilters,
                   confirmed: bool = True, group_by: str = "zone", language: str = "zh-CN") -> tuple[Subscriber, bool]:
    """Add a subscriber (or a subscription to an existing one). Returns (subscriber, created).

    Adding the same subscription twice changes nothing.
    """
    email = canonical_address(email)
    filters.validate()
    _check_tz(tz)
    _check_group_by(group_by)
    check_language(language)
    name = one_line_name(name)
    subscriber = find_subscriber(session, email)
    created = subscriber is None
    if subscriber is None:
        subscriber = Subscriber(email=email, name=name, timezone=tz, confirmed=confirmed, group_by=group_by,
                                language=language, confirmed_at=utcnow() if confirmed else None, created_at=utcnow())
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


def subscriptions_of(session: Session, subscriber: Subscriber) -> list[tuple[int, SubscriptionFilters]]:
    """Every subscription of a subscriber with its row id, oldest first."""
    rows = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)
                        .order_by(col(Subscription.id))).all()
    return [(row.id, subscription_filters(row)) for row in rows if row.id is not None]


def edit_subscriber(session: Session, subscriber: Subscriber, changes: Mapping[str, str | None]) -> None:
    """Change some of name, timezone, group_by and language (the others stay as stored); no commit."""
    unknown = set(changes) - {"name", "timezone", "group_by", "language"}
    if unknown:
        raise ConfigError(f"cannot change {sorted(unknown)} of a subscriber")
    if "timezone" in changes:
        _check_tz(str(changes["timezone"]))
    if "group_by" in changes:
        _check_group_by(str(changes["group_by"]))
    if "language" in changes:
        check_language(str(changes["language"]))
    for key, value in changes.items():
        setattr(subscriber, key, one_line_name(value) if key == "name" else value)
    session.add(subscriber)


def edit_subscriptions(session: Session, subscriber: Subscriber, edits: Mapping[int, Mapping[str, object]],
                       removed: frozenset[int] = frozenset(), added: tuple[SubscriptionFilters, ...] = ()) -> None:
    """Apply a manage page in one transaction: ``edits`` maps a subscription id to the filters the person changed
    (every other filter keeps its stored value, whatever was set since the page was shown); ``removed`` ids are
    deleted, ``added`` subscriptions created. Everything is validated before anything is written."""
    rows = {row.id: row for row in session.exec(select(Subscription)
                                                .where(Subscription.subscriber_id == subscriber.id)).all()}
    updated = []
    for subscription_id, changes in edits.items():
        row = rows.get(subscription_id)
        if row is None or subscription_id in removed:
            continue  # removed meanwhile (another page, the CLI): nothing left to edit
        new = replace(subscription_filters(row), **changes)  # type: ignore[arg-type]
        new.validate()
        updated.append((row, new))
    for item in added:
        item.validate()
    assert subscriber.id is not None
    for row, new in updated:
        fresh = _to_row(subscriber.id, new)
        for column in ("frequency", "match", "hour", "weekday", *(f"{name}_json" for name in _LIST_FIELDS)):
            setattr(row, column, getattr(fresh, column))
        session.add(row)
    for subscription_id in removed:
        if subscription_id in rows:
            session.delete(rows[subscription_id])
    for item in added:
        session.add(_to_row(subscriber.id, item))
    session.commit()


def propose_change(session: Session, subscriber: Subscriber, name: str | None, filters: SubscriptionFilters,
                   max_age: int, language: str | None = None) -> SubscriptionChange:
    """Store what a form asked for an existing subscriber, to be applied only by a link sent to their address.
    Earlier proposals stay valid (a stranger's post cannot void the owner's link) until they expire."""
    filters.validate()
    assert subscriber.id is not None
    now = utcnow()
    session.exec(delete(SubscriptionChange).where(col(SubscriptionChange.created_at)  # type: ignore[call-overload]
                                                  < now - timedelta(seconds=max_age)))
    change = SubscriptionChange(subscriber_id=subscriber.id, name=one_line_name(name),
                                filters_json=json.dumps({**filters.as_json(), **({"language": check_language(language)}
                                                                                 if language else {})},
                                                        ensure_ascii=False), created_at=now)
    session.add(change)
    session.commit()
    return change


def change_language(change: SubscriptionChange) -> str | None:
    """The language the form asked for with a proposed change (None: keep the subscriber's)."""
    language = json.loads(change.filters_json).get("language")
    return str(language) if language else None


def change_filters(change: SubscriptionChange) -> SubscriptionFilters:
    values = json.loads(change.filters_json)
    values.pop("language", None)
    return SubscriptionFilters(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def apply_change(session: Session, change: SubscriptionChange) -> Subscriber:
    """The owner opened the link and confirmed: their subscription becomes what the form asked for (confirmed,
    and resumed if they had unsubscribed)."""
    subscriber = session.get(Subscriber, change.subscriber_id)
    assert subscriber is not None
    if change.name:
        subscriber.name = change.name
    language = change_language(change)
    if language:
        subscriber.language = language
    if not subscriber.confirmed:
        subscriber.confirmed, subscriber.confirmed_at = True, utcnow()
    if subscriber.status == "unsubscribed":
        subscriber.status = "active"
    session.add(subscriber)
    filters = change_filters(change)
    session.delete(change)
    replace_subscriptions(session, subscriber, [filters])
    return subscriber


def list_subscribers(session: Session) -> list[SubscriberView]:
    views = []
    for subscriber in session.exec(select(Subscriber).order_by(col(Subscriber.id))).all():
        assert subscriber.id is not None
        subs = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)
                            .order_by(col(Subscription.id))).all()
        views.append(SubscriberView(subscriber.id, subscriber.email, subscriber.name, subscriber.timezone,
                                    subscriber.confirmed, subscriber.status, subscriber.group_by,
                                    tuple(subscription_filters(s) for s in subs), subscriber.language))
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
        "language": subscriber.language, "bounces": subscriber.bounces, "created_at": format_timestamp(subscriber.created_at),
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
    session.exec(delete(SubscriptionChange).where(col(SubscriptionChange.subscriber_id) == subscriber.id))  # type: ignore[call-overload]
    session.exec(update(DigestRecord).where(col(DigestRecord.subscriber_id) == subscriber.id)  # type: ignore[call-overload]
                 .values(subscriber_id=None, subject=""))
    session.delete(subscriber)
    session.commit()
    return True


assert {f.name for f in fields(SubscriptionFilters)} >= set(_LIST_FIELDS)
