"""Digests and alerts to chat channels, with the guarantees of email delivery (see delivery.py).

One ``ChannelDelivery`` row per channel and period (per story for ``immediate`` channels), unique, holding
the articles it carries; its messages (the stories packed to the platform's size limit, never cut inside a
story) are rebuilt from them on a resend, so each resend is the same messages with the same idempotency
keys. States as for email: pending -> sending -> sent | failed (retried with DELIVERY_RETRY's backoff) |
abandoned (a permanent platform error, MAX_COPIES sends that may have arrived, or MAX_ATTEMPTS sends).
The row is 'sending', its send counted, before the first byte goes; each message the platform confirms is
counted in ``parts_sent`` and never sent again.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.backoff import DELIVERY_RETRY
from monitor.digest import wording
from monitor.digest.build import LEAD_CHARS, make_lead, web_link
from monitor.digest.channel_rate import SharedRateLimiter
from monitor.digest.channel_registry import channel_filters
from monitor.digest.channels import Message, Story, pack, platform_for, post, story_block
from monitor.digest.matching import Candidate, Wanted, load_candidates, matches
from monitor.digest.periods import is_due, period_key
from monitor.errors import DeliveryError, PermanentDeliveryError, UncertainDeliveryError
from monitor.normalise import limit_title, shorten
from monitor.store import db
from monitor.store.models import Channel, ChannelDelivery
from monitor.tag.gazetteer import Gazetteer
from monitor.timefmt import utcnow

__all__ = ["ChannelRunResult", "ChannelUndelivered", "deliver_to_channels", "messages_for", "test_channel",
           "CHANNEL_TZ"]

log = logging.getLogger(__name__)
CHANNEL_TZ = ZoneInfo("Asia/Shanghai")  # a channel is a group in China: Beijing time unless `channels add --tz`
MAX_COPIES = 3
MAX_ATTEMPTS = DELIVERY_RETRY.attempts
_PERIOD = {"immediate": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True, slots=True)
class ChannelUndelivered:
    channel: str
    frequency: str
    period: str
    idempotency_key: str
    reason: str


@dataclass(slots=True)
class ChannelRunResult:
    considered: int = 0
    sent: int = 0
    failed: int = 0
    skipped_empty: int = 0
    already_sent: int = 0
    not_due: int = 0
    given_up: list[ChannelUndelivered] = field(default_factory=list)

    def add(self, state: str, channel: Channel, row: ChannelDelivery) -> None:
        self.sent += state == "sent"
        self.failed += state in ("failed", "abandoned")
        if state == "abandoned":
            self.given_up.append(ChannelUndelivered(channel.name, row.frequency, row.period_key, row.idempotency_key,
                                                    row.last_error or ""))


def _line(text: str | None, limit: int) -> str:
    return shorten(" ".join((text or "").split()), limit)


def story_of(candidate: Candidate, tz: ZoneInfo = CHANNEL_TZ) -> Story:
    """Every field bounded: the largest story block stays far below WeCom's 4,096 bytes."""
    zones = tuple(z.name for z in candidate.zones if z.role == "subject") or tuple(z.name for z in candidate.zones)
    return Story(title=limit_title(_line(candidate.title, 400)), url=web_link(candidate.url),
                 source=_line(candidate.shown_source or candidate.source, 100), date=wording.local_date(candidate.published, tz),
                 zones=_line("、".join(zones[:3]), 100), lead=_line(make_lead(candidate.body), 2 * LEAD_CHARS))


def messages_for(kind: str, stories: list[Story], key: str) -> list[Message]:
    """The messages of one delivery: a heading (``【高新区动态】3篇新文章：…``, numbered when split) and whole stories."""
    platform = platform_for(kind)
    zones = Counter(s.zones.split("、")[0] for s in stories if s.zones)
    title = wording.subject_line(len(stories), [name for name, _ in zones.most_common(2)])

    def heading(part: int, parts: int) -> str:
        return f"### {title}" + (f"（{part}/{parts}）" if parts > 1 else "")

    packed = pack(heading, [story_block(s) for s in stories],
                  lambda content: platform.size(title, content) <= platform.limit)
    return [Message(title + (f"（{i + 1}/{len(packed)}）" if len(packed) > 1 else ""), content,
                    tuple(stories[j] for j in held), f"{key}-{i + 1}")
            for i, (content, held) in enumerate(packed)]


def _given_up(row: ChannelDelivery) -> str | None:
    if row.copies >= MAX_COPIES:
        return (f"may have been posted {row.copies} times without the platform confirming it: not sent again, "
                f"at most {MAX_COPIES} copies")
    if row.attempts >= MAX_ATTEMPTS:
        return f"not delivered after {row.attempts} attempts"
    return None


def _chosen(session: Session, gazetteer: Gazetteer, row: ChannelDelivery) -> list[Candidate]:
    ids = json.loads(row.article_ids_json)
    found = {c.id: c for c in load_candidates(session, gazetteer, ids=ids)}
    return [found[i] for i in ids if i in found]


def _send(session: Session, client: httpx.Client, limiter: SharedRateLimiter, gazetteer: Gazetteer, channel: Channel,
          row: ChannelDelivery) -> str:
    platform = platform_for(channel.kind)
    tz = ZoneInfo(channel.timezone)
    messages = messages_for(channel.kind, [story_of(c, tz) for c in _chosen(session, gazetteer, row)],
                            row.idempotency_key)

    def mark_sending() -> None:
        row.state, row.attempts, row.copies = "sending", row.attempts + 1, row.copies + 1
        session.add(row)

    db.commit_retrying(session, mark_sending, f"recording the send of channel delivery {row.id}")
    error: DeliveryError | None = None
    for message in messages[row.parts_sent:]:
        limiter.wait(channel.url, platform.per_minute)
        try:
            post(client, platform, channel.url, channel.secret, message)
        except DeliveryError as exc:
            error = exc
            log.error("channel %s (%s): message %s not delivered: %s", channel.name, channel.kind,
                      message.idempotency_key, exc)
            break

        def confirmed() -> None:
            row.parts_sent += 1
            session.add(row)

        db.commit_retrying(session, confirmed, f"recording a message of channel delivery {row.id}")

    def record_outcome() -> None:
        if error is None:
            row.state, row.sent_at, row.last_error = "sent", utcnow(), None
        else:
            if not isinstance(error, UncertainDeliveryError):
                row.copies -= 1  # refused: this send posted nothing more
            row.last_error = str(error)[:2000]
            given_up = "the platform refused it for good" if isinstance(error, PermanentDeliveryError) else _given_up(row)
            if given_up:
                row.state, row.last_error = "abandoned", f"{given_up}; last error: {error}"[:2000]
            else:
                row.state = "failed"
                row.next_attempt_at = utcnow() + timedelta(seconds=DELIVERY_RETRY.delay(row.attempts))
        session.add(row)

    db.commit_retrying(session, record_outcome, f"recording channel delivery {row.id}")
    return row.state


def _finish_earlier(session: Session, client: httpx.Client, limiter: SharedRateLimiter, gazetteer: Gazetteer,
                    now: datetime, frequency: str | None, force: bool, result: ChannelRunResult) -> None:
    for row, channel in session.exec(
        select(ChannelDelivery, Channel).join(Channel, col(Channel.id) == col(ChannelDelivery.channel_id))
        .where(col(ChannelDelivery.state).in_(["pending", "sending", "failed"])).order_by(col(ChannelDelivery.id))
    ).all():
        if frequency and row.frequency != frequency or channel.status != "active":
            continue
        reason = _given_up(row)
        if reason:
            def give_up(why: str = reason, r: ChannelDelivery = row) -> None:
                last = f"; last error: {r.last_error}" if r.last_error else ""
                r.state, r.last_error = "abandoned", f"{why}{last}"[:2000]
                session.add(r)

            db.commit_retrying(session, give_up, f"giving up on channel delivery {row.id}")
            result.add("abandoned", channel, row)
        elif row.state != "failed" or force or row.next_attempt_at is None or row.next_attempt_at <= now:
            result.add(_send(session, client, limiter, gazetteer, channel, row), channel, row)


def deliver_to_channels(engine: Engine, *, frequency: str | None = None, now: datetime | None = None,
                        force: bool = False, dry_run: bool = False, client: httpx.Client | None = None,
                        gazetteer: Gazetteer | None = None) -> ChannelRunResult:
    """Send each active channel what is due (and resend what earlier runs left unfinished)."""
    from monitor.tag.gazetteer import load_gazetteer

    now = now or utcnow()
    gazetteer = gazetteer or load_gazetteer()
    result = ChannelRunResult()
    limiter = SharedRateLimiter(engine)  # the robots' limits hold across processes (serve and the CLI)
    own_client = client is None
    client = client or httpx.Client(follow_redirects=False)
    try:
        with Session(engine, expire_on_commit=False) as session:
            channels = session.exec(select(Channel).where(Channel.status == "active").order_by(col(Channel.id))).all()
            if not channels:
                return result
            if not dry_run:
                _finish_earlier(session, client, limiter, gazetteer, now, frequency, force, result)
            horizon = now - timedelta(days=9)
            rows = session.exec(select(ChannelDelivery).where(col(ChannelDelivery.created_at) >= horizon)).all()
            # newest first, then in the order stored: the same digest whatever order the database returns rows in
            candidates = sorted(load_candidates(session, gazetteer, stored_after=now - max(_PERIOD.values())),
                                key=lambda c: (-(c.published.value if c.published else c.stored_at).timestamp(), c.id))
            for channel in channels:
                assert channel.id is not None
                filters = channel_filters(channel)
                if frequency and filters.frequency != frequency:
                    continue
                result.considered += 1
                tz = ZoneInfo(channel.timezone)
                if not force and not is_due(filters.frequency, filters.hour, filters.weekday, now, tz):
                    result.not_due += 1
                    continue
                mine = [r for r in rows if r.channel_id == channel.id]
                sent_before = {a for r in mine for a in json.loads(r.article_ids_json)}
                periods = {(r.frequency, r.period_key) for r in mine}
                last = max((r.created_at for r in mine if r.frequency == filters.frequency), default=None)
                since = last or now - _PERIOD[filters.frequency]
                wanted = Wanted.of(filters)
                chosen, events = [], set()
                for c in candidates:
                    if c.stored_at <= since or c.id in sent_before or not matches(wanted, c):
                        continue
                    if c.event_id is not None:
                        if c.event_id in events:
                            continue
                        events.add(c.event_id)
                    chosen.append(c)
                groups = ([(f"story-{c.id}", [c]) for c in chosen] if filters.frequency == "immediate"
                          else [(period_key(filters.frequency, now, tz), chosen)] if chosen else [])
                if not groups:
                    result.skipped_empty += 1
                    continue
                owed = [(key, group) for key, group in groups if (filters.frequency, key) not in periods]
                result.already_sent += len(groups) - len(owed)
                if dry_run:
                    result.sent += len(owed)
                    continue
                # Every row of the run is recorded, with its idempotency key, before anything is posted: a
                # process killed after the first of an immediate channel's stories leaves the others' rows to
                # the next run (which chooses only stories stored after this run's rows, and finishes those).
                made = [ChannelDelivery(channel_id=channel.id, frequency=filters.frequency, period_key=key,
                                        article_ids_json=json.dumps([c.id for c in group]),
                                        idempotency_key=uuid.uuid4().hex, created_at=now) for key, group in owed]
                session.add_all(made)
                session.commit()
                for row in made:
                    result.add(_send(session, client, limiter, gazetteer, channel, row), channel, row)
    finally:
        if own_client:
            client.close()
    return result


def test_channel(engine: Engine, name: str, client: httpx.Client | None = None) -> None:
    """Post a test message to a channel; raises DeliveryError (with the platform's code) when it is refused."""
    from monitor.digest.channel_registry import find_channel
    from monitor.errors import ConfigError

    with Session(engine) as session:
        channel = find_channel(session, name)
    if channel is None:
        raise ConfigError(f"no channel {name!r} (see `monitor channels list`)")
    story = Story(title=wording.CHANNEL_TEST, url=None, source=wording.BRAND, date=None, zones="", lead="")
    message = messages_for(channel.kind, [story], f"test-{uuid.uuid4().hex}")[0]
    http = client or httpx.Client(follow_redirects=False)
    try:
        SharedRateLimiter(engine).wait(channel.url, platform_for(channel.kind).per_minute)
        post(http, platform_for(channel.kind), channel.url, channel.secret, message)
    finally:
        if client is None:
            http.close()
