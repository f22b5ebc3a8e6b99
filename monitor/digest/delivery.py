"""Digest runs: decide who is due, choose their new articles, record the digest, send it exactly once.

For each (subscriber, frequency, period) there is one digest row (unique key) and one
delivery row whose Message-ID is fixed before sending. States:

    pending -> sending -> sent
                       -> failed (transient: retried with backoff, same Message-ID)
                       -> bounced (permanent 5xx: never retried; the subscriber's bounce count grows)

A row found in ``sending`` (the process died between recording and SMTP) is resent once
with the same Message-ID; if it is found in ``sending`` again it is marked ``abandoned``
(never sent again automatically: the message may have reached the server both times).
``--force`` makes every subscriber due now, but a period that was sent is never sent twice.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.digest.build import DigestLinks, build_digest, make_lead
from monitor.digest.mailer import Mailer, build_message, new_message_id
from monitor.digest.matching import Candidate, Wanted, load_candidates, matches
from monitor.digest.subscribers import find_subscriber, subscription_filters
from monitor.digest.tokens import signed_link
from monitor.errors import DeliveryError, PermanentDeliveryError
from monitor.items import Digest, DigestItem
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import Delivery, DigestArticle, DigestRecord, Subscriber, Subscription
from monitor.tag.gazetteer import Gazetteer, load_gazetteer
from monitor.timefmt import utcnow

__all__ = ["DigestRunResult", "send_digests", "period_key", "is_due", "preview_digest", "BOUNCE_LIMIT"]

log = logging.getLogger(__name__)
BOUNCE_LIMIT = 3
MAX_ATTEMPTS = 8
BATCH = 200  # digests recorded per transaction before they are sent
_PERIOD = {"immediate": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True, slots=True)
class DigestRunResult:
    considered: int
    sent: int
    skipped_empty: int
    failed: int
    already_sent: int
    not_due: int = 0


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


def _links(settings: Settings, subscriber_id: int, digest_id: int | None) -> DigestLinks:
    base, key = settings.base_url, settings.secret_key
    archive = f"{base.rstrip('/')}/archive"
    return DigestLinks(unsubscribe=signed_link(base, key, "unsubscribe", subscriber_id),
                       manage=signed_link(base, key, "manage", subscriber_id), archive=archive,
                       web=signed_link(base, key, "digest", digest_id) if digest_id else archive)


def _item(candidate: Candidate, topic_labels: dict[str, str]) -> DigestItem:
    sites = dict.fromkeys(url for _, url in candidate.copies)
    return DigestItem(candidate.id, candidate.title, candidate.url, candidate.source, candidate.published,
                      candidate.author, candidate.author_post, tuple(z.name for z in candidate.zones if z.role == "subject")
                      or tuple(z.name for z in candidate.zones), make_lead(candidate.body), tuple(sites),
                      tuple(topic_labels.get(t, t) for t in candidate.topics))


def _topic_labels() -> dict[str, str]:
    from monitor.tag.topics import load_taxonomy

    return {t.id: t.zh for t in load_taxonomy().topics}


def build_for(settings: Settings, subscriber: Subscriber, candidates: list[Candidate], digest_id: int | None,
              item_cache: dict[int, DigestItem] | None = None) -> Digest:
    """`item_cache`: the items of a run's candidates, built once for all subscribers (the lead is the costly part)."""
    assert subscriber.id is not None
    labels = _topic_labels()
    cache: dict[int, DigestItem] = {} if item_cache is None else item_cache
    items = []
    for candidate in candidates:
        item = cache.get(candidate.id)
        if item is None:
            item = cache[candidate.id] = _item(candidate, labels)
        items.append(item)
    return build_digest(to_email=subscriber.email, to_name=subscriber.name, items=items,
                        tz=ZoneInfo(subscriber.timezone), links=_links(settings, subscriber.id, digest_id),
                        group_by=subscriber.group_by)


@dataclass(slots=True)
class _History:
    """What earlier digests already did, read in a few queries for all subscribers at once."""

    last_digest: dict[tuple[int, str], datetime]  # (subscriber, frequency) -> created_at of the newest
    periods: set[tuple[int, str, str]]  # (subscriber, frequency, period key) already recorded
    sent: dict[int, set[int]]  # subscriber -> candidate article ids already sent to them

    @classmethod
    def load(cls, session: Session, candidates: list[Candidate]) -> _History:
        from sqlalchemy import func

        last = {(sid, freq): ts for sid, freq, ts in session.exec(
            select(DigestRecord.subscriber_id, DigestRecord.frequency, func.max(DigestRecord.created_at))
            .where(col(DigestRecord.subscriber_id).is_not(None))
            .group_by(col(DigestRecord.subscriber_id), col(DigestRecord.frequency))).all()}
        horizon = utcnow() - timedelta(days=9)  # older period keys cannot be the current period
        periods = {(sid, freq, key) for sid, freq, key in session.exec(
            select(DigestRecord.subscriber_id, DigestRecord.frequency, DigestRecord.period_key)
            .where(col(DigestRecord.created_at) >= horizon, col(DigestRecord.subscriber_id).is_not(None))).all()}
        sent: dict[int, set[int]] = {}
        ids = [c.id for c in candidates]
        for start in range(0, len(ids), 5000):
            for sid, article_id in session.exec(
                select(DigestRecord.subscriber_id, DigestArticle.article_id)
                .join(DigestRecord, col(DigestRecord.id) == col(DigestArticle.digest_id))
                .where(col(DigestArticle.article_id).in_(ids[start:start + 5000]))).all():
                if sid is not None:
                    sent.setdefault(sid, set()).add(article_id)
        # A stored time from SQLite or PostgreSQL is UTC-aware already (UTCDateTime).
        return cls({k: v for k, v in last.items() if k[0] is not None and v is not None}, periods, sent)  # type: ignore[misc]


class _Recent:
    """A run's candidates stored after a time, listed once per distinct time: most subscribers share
    one (the start of the period, or the time of the last digest run), so each is not scanned again."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self._after: dict[datetime, list[Candidate]] = {}

    def after(self, since: datetime) -> list[Candidate]:
        found = self._after.get(since)
        if found is None:
            found = self._after[since] = [c for c in self.candidates if c.stored_at > since]
        return found


def _choose(history: _History, subscriber_id: int, subscriptions: list[Subscription], frequency: str,
            recent: _Recent, now: datetime) -> list[Candidate]:
    since = history.last_digest.get((subscriber_id, frequency)) or (now - _PERIOD[frequency])
    sent_before = history.sent.get(subscriber_id, set())
    filters = [Wanted.of(subscription_filters(s)) for s in subscriptions if s.frequency == frequency]
    return [c for c in recent.after(since) if c.id not in sent_before and any(matches(f, c) for f in filters)]


def _send(session: Session, settings: Settings, mailer: Mailer, subscriber: Subscriber, record: DigestRecord,
          delivery: Delivery, gazetteer: Gazetteer, digest: Digest | None = None) -> str:
    """Send one recorded digest (rebuilt from its rows when `digest` is not given); returns the new state.

    The row says 'sending' (committed) before the first byte goes to SMTP.
    """
    resend = digest is None
    if digest is None:
        ids = session.exec(select(DigestArticle.article_id).where(DigestArticle.digest_id == record.id)).all()
        digest = build_for(settings, subscriber, load_candidates(session, gazetteer, ids=ids), record.id)
    links = _links(settings, subscriber.id or 0, record.id)
    if resend:  # a new digest was committed in 'sending' with its first attempt already counted
        def mark_resending() -> None:
            delivery.state, delivery.attempts = "sending", delivery.attempts + 1
            session.add(delivery)

        db.commit_retrying(session, mark_resending, f"recording the resend of digest {record.id}")
    error: DeliveryError | None = None
    try:
        mailer.send(build_message(digest, sender=settings.mail_from, message_id=delivery.message_id,
                                  unsubscribe_url=links.unsubscribe))
    except PermanentDeliveryError as exc:
        error = exc
        log.error("digest for %s bounced: %s", subscriber.email, exc)
    except DeliveryError as exc:
        error = exc
        log.error("digest for %s not delivered (will retry): %s", subscriber.email, exc)

    # Sets every field it writes: a lost connection rolls the transaction back and runs it again.
    def record_outcome() -> None:
        if isinstance(error, PermanentDeliveryError):
            delivery.state, delivery.last_error = "bounced", str(error)[:2000]
            subscriber.bounces += 1
            if subscriber.bounces >= BOUNCE_LIMIT:
                subscriber.status = "bouncing"
            session.add(subscriber)
        elif error is not None:
            delivery.state, delivery.last_error = "failed", str(error)[:2000]
            backoff = min(3600.0, 60.0 * 2 ** min(delivery.attempts, 6)) * random.uniform(0.8, 1.2)
            delivery.next_attempt_at = utcnow() + timedelta(seconds=backoff)
        else:
            delivery.state, delivery.sent_at, delivery.last_error = "sent", utcnow(), None
        session.add(delivery)
        if session.get_bind().dialect.name == "postgresql":
            # Losing a send's outcome to a database server crash only costs one resend with the same
            # Message-ID (the row is found in 'sending'), so this commit need not wait for the WAL flush.
            session.execute(sa.text("SET LOCAL synchronous_commit TO OFF"))

    # A connection lost here, after the message went out, would leave the row in 'sending' and cost
    # a resend: so the outcome is written once more on a new connection first.
    db.commit_retrying(session, record_outcome, f"recording the delivery of digest {record.id} to {subscriber.email}")
    return delivery.state


def _retryable(delivery: Delivery, now: datetime, force: bool) -> bool:
    if delivery.state == "pending":
        return True
    if delivery.state == "sending":  # found after a crash: resend once with the same Message-ID
        return delivery.attempts < 2
    if delivery.state == "failed":
        return delivery.attempts < MAX_ATTEMPTS and (force or delivery.next_attempt_at is None or delivery.next_attempt_at <= now)
    return False


def _insert_links(session: Session, links: list[tuple[int, int]]) -> None:
    """(digest, article) rows, tens to hundreds per digest: COPY on PostgreSQL, one executemany elsewhere."""
    if not links:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {DigestArticle.__tablename__} (digest_id, article_id) FROM STDIN") as copy:
            for row in links:
                copy.write_row(row)
    else:
        connection.execute(sa.insert(DigestArticle.__table__),  # type: ignore[attr-defined]
                           [{"digest_id": d, "article_id": a} for d, a in links])


def _deliver_batch(session: Session, settings: Settings, mailer: Mailer, gazetteer: Gazetteer,
                   batch: list[tuple[Subscriber, str, str, list[Candidate]]], now: datetime,
                   sent: int, failed: int, item_cache: dict[int, DigestItem]) -> tuple[int, int]:
    """Record a batch of digests in one transaction, then send them one by one.

    The digests, their articles and their Message-IDs are committed, in state 'sending', before any
    byte is sent: a crash from there on leaves rows that the next run resends once, with the same
    Message-ID. Each send's outcome is committed right after it, so a crash resends nothing twice.
    """
    rows = []
    for subscriber, freq, key, chosen in batch:
        record = DigestRecord(subscriber_id=subscriber.id, frequency=freq, period_key=key, subject="", created_at=now)
        session.add(record)
        rows.append((subscriber, record, chosen))
    session.flush()
    prepared = []
    links: list[tuple[int, int]] = []
    for subscriber, record, chosen in rows:
        assert record.id is not None
        digest = build_for(settings, subscriber, chosen, record.id, item_cache)
        record.subject = digest.subject
        links.extend((record.id, c.id) for c in chosen)
        delivery = Delivery(digest_id=record.id, message_id=new_message_id(), state="sending", attempts=1)
        session.add(delivery)
        prepared.append((subscriber, record, delivery, digest))
    session.flush()
    _insert_links(session, links)
    session.commit()
    for subscriber, record, delivery, digest in prepared:
        state = _send(session, settings, mailer, subscriber, record, delivery, gazetteer, digest)
        sent += state == "sent"
        failed += state in ("failed", "bounced")
    batch.clear()
    return sent, failed


def send_digests(engine: Engine, settings: Settings, mailer: Mailer, *, frequency: str | None = None,
                 now: datetime | None = None, force: bool = False, dry_run: bool = False) -> DigestRunResult:
    now = now or utcnow()
    gazetteer = load_gazetteer()
    considered = sent = empty = failed = already = not_due = 0
    with Session(engine, expire_on_commit=False) as session:
        # Unfinished deliveries first: a crash or an SMTP outage of an earlier run.
        for delivery, record, subscriber in session.exec(
            select(Delivery, DigestRecord, Subscriber).join(DigestRecord, col(DigestRecord.id) == col(Delivery.digest_id))
            .join(Subscriber, col(Subscriber.id) == col(DigestRecord.subscriber_id))
            .where(col(Delivery.state).in_(["pending", "sending", "failed"]))
        ).all():
            if frequency and record.frequency != frequency or subscriber.status != "active":
                continue
            if delivery.state == "sending" and delivery.attempts >= 2:
                delivery.state, delivery.last_error = "abandoned", "found in 'sending' twice: not resent again"
                session.add(delivery)
                session.commit()
                continue
            if _retryable(delivery, now, force) and not dry_run:
                state = _send(session, settings, mailer, subscriber, record, delivery, gazetteer)
                sent += state == "sent"
                failed += state in ("failed", "bounced")
        earliest = now - max(_PERIOD.values())
        last_any = session.exec(select(DigestRecord.created_at).order_by(col(DigestRecord.created_at))).first()
        candidates = load_candidates(session, gazetteer, stored_after=min(earliest, last_any) if last_any else earliest)
        subscribers = session.exec(select(Subscriber).where(Subscriber.confirmed == True, Subscriber.status == "active")  # noqa: E712
                                   .order_by(col(Subscriber.id))).all()
        by_subscriber: dict[int, list[Subscription]] = {}
        for row in session.exec(select(Subscription).order_by(col(Subscription.id))).all():
            by_subscriber.setdefault(row.subscriber_id, []).append(row)
        history = _History.load(session, candidates)
        item_cache: dict[int, DigestItem] = {}
        recent = _Recent(candidates)
        batch: list[tuple[Subscriber, str, str, list[Candidate]]] = []
        for subscriber in subscribers:
            assert subscriber.id is not None
            subscriptions = by_subscriber.get(subscriber.id, [])
            tz = ZoneInfo(subscriber.timezone)
            for freq in sorted({s.frequency for s in subscriptions}):
                if frequency and freq != frequency:
                    continue
                considered += 1
                first = next(s for s in subscriptions if s.frequency == freq)
                if not force and not is_due(freq, first.hour, first.weekday, now, tz):
                    not_due += 1
                    continue
                key = period_key(freq, now, tz)
                if (subscriber.id, freq, key) in history.periods:
                    already += 1  # this period's digest exists: sent above, or failing and retried later
                    continue
                chosen = _choose(history, subscriber.id, subscriptions, freq, recent, now)
                if not chosen:
                    empty += 1
                    continue
                if dry_run:
                    sent += 1
                    continue
                batch.append((subscriber, freq, key, chosen))
                if len(batch) >= BATCH:
                    sent, failed = _deliver_batch(session, settings, mailer, gazetteer, batch, now, sent, failed,
                                                  item_cache)
        if batch:
            sent, failed = _deliver_batch(session, settings, mailer, gazetteer, batch, now, sent, failed,
                                                  item_cache)
    mailer.close()
    return DigestRunResult(considered, sent, empty, failed, already, not_due)


def preview_digest(engine: Engine, settings: Settings, email: str, now: datetime | None = None) -> Digest | None:
    """The digest this subscriber would get now (all frequencies merged), without recording or sending it."""
    now = now or utcnow()
    gazetteer = load_gazetteer()
    with Session(engine) as session:
        subscriber = find_subscriber(session, email)
        if subscriber is None:
            return None
        subscriptions = list(session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)).all())
        candidates = load_candidates(session, gazetteer, stored_after=now - max(_PERIOD.values()))
        history = _History.load(session, candidates)
        chosen: dict[int, Candidate] = {}
        assert subscriber.id is not None
        for freq in sorted({s.frequency for s in subscriptions}):
            for candidate in _choose(history, subscriber.id, subscriptions, freq, _Recent(candidates), now):
                chosen.setdefault(candidate.id, candidate)
        ordered = sorted(chosen.values(), key=lambda c: (c.published.value if c.published else c.stored_at), reverse=True)
        return build_for(settings, subscriber, ordered, None)
