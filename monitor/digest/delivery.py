"""Digest runs: decide who is due, choose their new articles, record the digest, send it.

For each (subscriber, frequency, period) there is one digest row (unique key) and one
delivery row whose Message-ID is fixed before sending. States:

    pending -> sending -> sent
                       -> failed (transient: retried with backoff, same Message-ID)
                       -> bounced (permanent 5xx: never retried; the subscriber's bounce count grows)
                       -> abandoned (given up: counted failed, alerted, listed by `monitor digest status`)

The resend policy: a subscriber receives at most MAX_COPIES (3) copies of one digest, all with
its one Message-ID. ``copies`` counts the sends that may have put the message in the inbox: a
send is counted (committed as ``sending``) before its first byte goes out, and uncounted when
the server refused it (connect error, 4xx/5xx answer). A send cut after its data went out (the
process killed, the connection lost before the server's answer) stays counted. A digest is
resent, with the same Message-ID, while ``copies`` < MAX_COPIES and ``attempts`` <
MAX_ATTEMPTS; then it is ``abandoned``, never sent again automatically, and reported: counted
in the run's ``failed`` (exit 1), in the operator alert, and in ``monitor digest status``.
``--force`` makes every subscriber due now, but a period that was sent is never sent twice.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.backoff import DELIVERY_RETRY
from monitor.digest.article_ids import pack_ids, unpack_ids
from monitor.digest.build import (
    DigestLinks,
    SharedDigest,
    build_digest,
    digest_subject,
    make_lead,
    shared_digest,
    source_label,
)
from monitor.digest.channel_delivery import CHANNEL_TZ, deliver_to_channels
from monitor.digest.mailer import Mailer
from monitor.digest.matching import Candidate, CandidateIndex, Wanted, load_candidates
from monitor.digest.messages import digest_wire_email, new_message_id
from monitor.digest.periods import is_due, period_key
from monitor.digest.subscribers import find_subscriber, subscription_filters
from monitor.digest.tokens import signed_link
from monitor.errors import DeliveryError, PermanentDeliveryError, UncertainDeliveryError
from monitor.items import Digest, DigestItem
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import (
    Channel,
    ChannelDelivery,
    Delivery,
    DigestRecord,
    Subscriber,
    Subscription,
)
from monitor.tag.gazetteer import Gazetteer, load_gazetteer
from monitor.timefmt import utcnow

__all__ = ["DigestRunResult", "Undelivered", "PeriodStatus", "digest_status", "send_digests", "period_key", "is_due",
           "preview_digest", "BOUNCE_LIMIT", "MAX_ATTEMPTS", "MAX_COPIES"]

log = logging.getLogger(__name__)
BOUNCE_LIMIT = 3
MAX_ATTEMPTS = DELIVERY_RETRY.attempts  # sends begun, whatever their outcome (a server that keeps answering 4xx is given up on)
MAX_COPIES = 3  # sends that may have reached the subscriber: the most copies of one digest anyone receives
FAILED_STATES = ("failed", "bounced", "abandoned")
STATUS_STATES = ("sent", "failed", "bounced", "sending", "pending")  # `digest status` counts: abandoned is failed
BATCH = 200  # digests recorded per transaction before they are sent
_PERIOD = {"immediate": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(days=7)}
_CLOCK_MARGIN = timedelta(hours=1)  # digests recorded this long before a candidate was stored are still read


@dataclass(frozen=True, slots=True)
class Undelivered:
    """A digest a run gave up on: it is never sent again automatically, so the operator is told."""

    email: str
    frequency: str
    period: str
    message_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class DigestRunResult:
    considered: int
    sent: int
    skipped_empty: int
    failed: int  # sends that failed in this run, and the digests given up on in it (`given_up`)
    already_sent: int
    not_due: int = 0
    given_up: tuple[Undelivered, ...] = ()
    alert_sent: bool = False
    channels_sent: int = 0  # of `sent`: deliveries to chat channels (monitor.digest.channel_delivery)
    channels_failed: int = 0  # of `failed`


@dataclass(slots=True)
class _Tally:
    sent: int = 0
    failed: int = 0
    given_up: list[Undelivered] = field(default_factory=list)

    def add(self, state: str, subscriber: Subscriber, record: DigestRecord, delivery: Delivery) -> None:
        self.sent += state == "sent"
        self.failed += state in FAILED_STATES
        if state == "abandoned":
            self.given_up.append(Undelivered(subscriber.email, record.frequency, record.period_key, delivery.message_id,
                                             delivery.last_error or ""))


def _links(settings: Settings, subscriber_id: int, digest_id: int | None) -> DigestLinks:
    base, key = settings.base_url, settings.secret_key
    archive = f"{base.rstrip('/')}/archive"
    return DigestLinks(unsubscribe=signed_link(base, key, "unsubscribe", subscriber_id),
                       manage=signed_link(base, key, "manage", subscriber_id), archive=archive,
                       web=signed_link(base, key, "digest", digest_id) if digest_id else archive)


def _item(candidate: Candidate, topic_labels: dict[str, str]) -> DigestItem:
    sites: dict[str, str] = {}  # one per URL, with the first source's name
    for name, url in candidate.copies:
        sites.setdefault(url, name)
    return DigestItem(candidate.id, candidate.title, candidate.url, candidate.shown_source or source_label(candidate.url),
                      candidate.published,
                      candidate.author, candidate.author_post, tuple(z.name for z in candidate.zones if z.role == "subject")
                      or tuple(z.name for z in candidate.zones), make_lead(candidate.body), tuple(sites),
                      tuple(topic_labels.get(t, t) for t in candidate.topics), people=tuple(dict.fromkeys(candidate.people)),
                      also_by=tuple((name, url) for url, name in sites.items()), related=candidate.related)


def _topic_labels() -> dict[str, str]:
    from monitor.tag.topics import load_taxonomy

    return {t.id: t.zh for t in load_taxonomy().topics}


def build_for(settings: Settings, subscriber: Subscriber, candidates: list[Candidate], digest_id: int | None,
              item_cache: dict[int, DigestItem] | None = None) -> Digest:
    """`item_cache`: the items of a run's candidates, built once for all subscribers (the lead is the costly part)."""
    assert subscriber.id is not None
    items = _items_for(candidates, {} if item_cache is None else item_cache)
    return build_digest(to_email=subscriber.email, to_name=subscriber.name, items=items,
                        tz=ZoneInfo(subscriber.timezone), links=_links(settings, subscriber.id, digest_id),
                        group_by=subscriber.group_by, language=subscriber.language)


def _items_for(candidates: list[Candidate], cache: dict[int, DigestItem]) -> list[DigestItem]:
    """A digest's items: one per story, and one per event (its other reports listed under it)."""
    labels = _topic_labels()
    items = []
    events: set[int] = set()
    for candidate in candidates:
        if candidate.event_id is not None:  # related coverage: the event once, its other reports listed under it
            if candidate.event_id in events:
                continue
            events.add(candidate.event_id)
        item = cache.get(candidate.id)
        if item is None:
            item = cache[candidate.id] = _item(candidate, labels)
        items.append(item)
    return items


@dataclass(slots=True)
class _History:
    """What earlier digests already did, read in a few queries for all subscribers at once."""

    last_digest: dict[tuple[int, str], datetime]  # (subscriber, frequency) -> created_at of the newest
    periods: set[tuple[int, str, str]]  # (subscriber, frequency, period key) already recorded
    sent: dict[int, set[int]]  # subscriber -> candidate article ids already sent to them

    def since(self, subscriber_id: int, frequency: str, now: datetime) -> datetime:
        """Where a subscriber's next digest of a frequency starts: their last one, or one period ago."""
        return self.last_digest.get((subscriber_id, frequency)) or (now - _PERIOD[frequency])

    @classmethod
    def load(cls, session: Session) -> _History:
        """The digests recorded; ``load_sent`` adds which of a run's candidates each subscriber got."""
        from sqlalchemy import func

        last = {(sid, freq): ts for sid, freq, ts in session.exec(
            select(DigestRecord.subscriber_id, DigestRecord.frequency, func.max(DigestRecord.created_at))
            .where(col(DigestRecord.subscriber_id).is_not(None))
            .group_by(col(DigestRecord.subscriber_id), col(DigestRecord.frequency))).all()}
        horizon = utcnow() - timedelta(days=9)  # older period keys cannot be the current period
        periods = {(sid, freq, key) for sid, freq, key in session.exec(
            select(DigestRecord.subscriber_id, DigestRecord.frequency, DigestRecord.period_key)
            .where(col(DigestRecord.created_at) >= horizon, col(DigestRecord.subscriber_id).is_not(None))).all()}
        # A stored time from SQLite or PostgreSQL is UTC-aware already (UTCDateTime).
        return cls({k: v for k, v in last.items() if k[0] is not None and v is not None}, periods, {})  # type: ignore[misc]

    def load_sent(self, session: Session, candidates: list[Candidate]) -> None:
        if not candidates:
            return
        ids = frozenset(c.id for c in candidates)
        # A digest recorded before an article was stored cannot hold it; the margin covers clocks that differ
        # between the processes that store articles and those that record digests.
        oldest = min(c.stored_at for c in candidates) - _CLOCK_MARGIN
        for sid, packed in session.exec(
            select(DigestRecord.subscriber_id, DigestRecord.article_ids)
            .where(col(DigestRecord.created_at) >= oldest,
                   col(DigestRecord.subscriber_id).is_not(None), col(DigestRecord.article_ids).is_not(None))).all():
            got = ids.intersection(unpack_ids(packed)) if sid is not None and packed else None
            if got:
                self.sent.setdefault(sid, set()).update(got)


class _Chooser:
    """Each subscriber's new articles: the candidates their filters select (``CandidateIndex``, each distinct
    filter worked out once per run), stored since their last digest, less those sent to them before.
    Subscribers with the same filters and history get the same list object (the renderer shares its work)."""

    def __init__(self, history: _History, candidates: list[Candidate]) -> None:
        self.history = history
        self.index = CandidateIndex(candidates)
        self._positions: dict[frozenset[Wanted], list[int]] = {}
        self._lists: dict[tuple[frozenset[Wanted], datetime], list[Candidate]] = {}

    def choose(self, subscriber_id: int, subscriptions: list[Subscription], frequency: str,
               now: datetime) -> list[Candidate]:
        since = self.history.since(subscriber_id, frequency, now)
        key = frozenset(Wanted.of(subscription_filters(s)) for s in subscriptions if s.frequency == frequency)
        positions = self._positions.get(key)
        if positions is None:
            positions = self._positions[key] = sorted(frozenset().union(*(self.index.select(w) for w in key)))
        chosen = self._lists.get((key, since))
        if chosen is None:
            candidates = self.index.candidates
            chosen = self._lists[key, since] = [candidates[p] for p in positions if candidates[p].stored_at > since]
        sent_before = self.history.sent.get(subscriber_id)
        return [c for c in chosen if c.id not in sent_before] if sent_before else chosen


class _Renderer:
    """Builds a run's digests. The items of its candidates are made once for all subscribers (the lead is the
    costly part), and a list of items is rendered once for the subscribers who get it in the same language,
    timezone and grouping (``shared_digest``), their own address, name and links put in after: the run sends
    them one after another (``rendering_order``), so only the last rendering is kept."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.items: dict[int, DigestItem] = {}
        self._last: tuple[tuple[object, ...], SharedDigest] | None = None
        self._subjects: dict[tuple[int, str | None], tuple[list[Candidate], str]] = {}
        self._packed: dict[int, tuple[list[Candidate], bytes]] = {}
        self._ids: dict[int, tuple[list[Candidate], tuple[int, ...]]] = {}

    def key(self, subscriber: Subscriber, chosen: list[Candidate]) -> tuple[object, ...]:
        known = self._ids.get(id(chosen))  # a list's ids once, not at each of its subscribers (thousands of ids)
        if known is None:
            known = self._ids[id(chosen)] = (chosen, tuple(c.id for c in chosen))
        return (known[1], subscriber.language, subscriber.timezone, subscriber.group_by,
                bool(subscriber.name and subscriber.name.strip()))

    def shared(self, subscriber: Subscriber, chosen: list[Candidate]) -> SharedDigest:
        key = self.key(subscriber, chosen)
        if self._last is None or self._last[0] != key:
            self._last = (key, shared_digest(items=_items_for(chosen, self.items), tz=ZoneInfo(subscriber.timezone),
                                             named=bool(key[-1]), archive=f"{self.settings.base_url.rstrip('/')}/archive",
                                             group_by=subscriber.group_by, language=subscriber.language))
        return self._last[1]

    def subject(self, subscriber: Subscriber, chosen: list[Candidate]) -> str:
        """Without rendering: the batch records its digests before it renders them, and the shared rendering
        is kept for the subscribers who come one after another (rendering for the subject first rendered each
        list twice)."""
        key = (id(chosen), subscriber.language)
        known = self._subjects.get(key)
        if known is None:  # the list is kept with its subject: its id cannot be reused by another list meanwhile
            known = self._subjects[key] = (chosen, digest_subject(_items_for(chosen, self.items), subscriber.language))
        return known[1]

    def packed_ids(self, chosen: list[Candidate]) -> bytes:
        """Every article chosen for a digest, packed for its row (packed once per shared list)."""
        known = self._packed.get(id(chosen))
        if known is None:
            known = self._packed[id(chosen)] = (chosen, pack_ids(c.id for c in chosen))
        return known[1]

    def build(self, subscriber: Subscriber, chosen: list[Candidate], digest_id: int) -> Digest:
        assert subscriber.id is not None
        links = _links(self.settings, subscriber.id, digest_id)
        return (self.shared(subscriber, chosen).personal(subscriber.email, subscriber.name, links)
                or build_for(self.settings, subscriber, chosen, digest_id, self.items))


@dataclass(slots=True)
class _Job:
    """A recorded digest to send. ``digest`` None: an earlier run's, rebuilt from its rows just before it is sent."""

    subscriber: Subscriber
    record: DigestRecord
    delivery: Delivery
    digest: Digest | None = None


def _send_all(session: Session, settings: Settings, mailer: Mailer, gazetteer: Gazetteer, jobs: list[_Job],
              tally: _Tally) -> None:
    """Send recorded digests on up to ``mailer.connections`` SMTP connections at once.

    This thread owns the session and does every database write; the pool's threads only send. A digest is
    marked 'sending' (its send counted in ``attempts`` and ``copies``) in a commit before it is handed to
    the pool, so after a crash each digest that may be in flight is found 'sending' and resent with its
    Message-ID; the outcomes of the sends that ended meanwhile are written in the same commit as the next
    digests' marks (one commit for several messages, not two per message).
    """
    width = max(1, int(getattr(mailer, "connections", 1)))
    waiting = deque(jobs)
    running: dict[Future[DeliveryError | None], _Job] = {}
    ended: list[tuple[_Job, DeliveryError | None]] = []
    with ThreadPoolExecutor(width, thread_name_prefix="smtp") as pool:
        while waiting or running or ended:
            starting = []
            while waiting and len(running) + len(starting) < width:
                job = waiting.popleft()
                if job.digest is None:
                    ids = unpack_ids(job.record.article_ids) if job.record.article_ids else []
                    job.digest = build_for(settings, job.subscriber, load_candidates(session, gazetteer, ids=ids), job.record.id)
                starting.append(job)
            _record(session, ended, starting, tally)
            ended = []
            for job in starting:
                assert job.digest is not None and job.record.id is not None
                links = _links(settings, job.subscriber.id or 0, job.record.id)
                running[pool.submit(_deliver, settings, mailer, job.digest, job.delivery.message_id, links.unsubscribe,
                                    job.subscriber.email)] = job
            if running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                ended = [(running.pop(future), future.result()) for future in done]


def _deliver(settings: Settings, mailer: Mailer, digest: Digest, message_id: str, unsubscribe_url: str,
             email: str) -> DeliveryError | None:
    """One send, in a pool thread (given plain values: the session's objects belong to the caller's thread)."""
    try:
        mailer.send(digest_wire_email(digest, sender=settings.mail_from, message_id=message_id,
                                      unsubscribe_url=unsubscribe_url))
    except PermanentDeliveryError as exc:
        log.error("digest for %s bounced: %s", email, exc)
        return exc
    except DeliveryError as exc:
        log.error("digest for %s not delivered: %s", email, exc)
        return exc
    return None


def _record(session: Session, ended: list[tuple[_Job, DeliveryError | None]], starting: list[_Job],
            tally: _Tally) -> None:
    """One commit: the outcomes of the sends that ended, and the sends about to begin counted."""
    if not ended and not starting:
        return

    # Sets every field it writes from the rows' stored values: a lost connection rolls the transaction
    # back (the rows are read again) and runs it again.
    def write() -> None:
        if ended:
            # Losing sends' outcomes to a crash of the database's machine only costs resends with the same
            # Message-IDs (the rows are found in 'sending'), so this commit need not wait for the disk.
            db.commit_unflushed(session)
        for job, error in ended:
            _outcome(session, job, error)
        for job in starting:
            _mark_sending(session, job.delivery)

    what = (f"recording the delivery of {len(ended)} digest(s)" if ended else "") + \
        (f"{' and ' if ended else ''}the start of {len(starting)} send(s)" if starting else "")
    # A connection lost here, after messages went out, would leave their rows in 'sending' and cost
    # resends: so the outcomes are written once more on a new connection first.
    db.commit_retrying(session, write, what)
    for job, _error in ended:
        tally.add(job.delivery.state, job.subscriber, job.record, job.delivery)


def _outcome(session: Session, job: _Job, error: DeliveryError | None) -> None:
    delivery, subscriber = job.delivery, job.subscriber
    if error is None:
        delivery.state, delivery.sent_at, delivery.last_error = "sent", utcnow(), None
    else:
        if not isinstance(error, UncertainDeliveryError):
            delivery.copies -= 1  # the server refused it: this send put no copy in the inbox
        delivery.last_error = str(error)[:2000]
        given_up = _given_up(delivery)
        if isinstance(error, PermanentDeliveryError):
            delivery.state = "bounced"
            subscriber.bounces += 1
            if subscriber.bounces >= BOUNCE_LIMIT:
                subscriber.status = "bouncing"
            session.add(subscriber)
        elif given_up:
            delivery.state, delivery.last_error = "abandoned", f"{given_up}; last error: {error}"[:2000]
        else:
            delivery.state = "failed"
            delivery.next_attempt_at = utcnow() + timedelta(seconds=DELIVERY_RETRY.delay(delivery.attempts))
    session.add(delivery)


def _mark_sending(session: Session, delivery: Delivery) -> None:
    """Count the send about to begin: until the server's answer is recorded, it may be a copy in the inbox."""
    delivery.state, delivery.attempts, delivery.copies = "sending", delivery.attempts + 1, delivery.copies + 1
    session.add(delivery)


def _given_up(delivery: Delivery) -> str | None:
    """Why a digest that is not sent must not be sent again (the resend policy), or None."""
    if delivery.copies >= MAX_COPIES:
        return (f"may have reached the subscriber {delivery.copies} times without the server confirming it "
                f"(sends cut after the message went out): not sent again, at most {MAX_COPIES} copies")
    if delivery.attempts >= MAX_ATTEMPTS:
        return f"not delivered after {delivery.attempts} attempts"
    return None


def _retryable(delivery: Delivery, now: datetime, force: bool) -> bool:
    if delivery.state in ("pending", "sending"):  # 'sending': found after a crash, resent with the same Message-ID
        return True
    if delivery.state == "failed":
        return force or delivery.next_attempt_at is None or delivery.next_attempt_at <= now
    return False


def _deliver_batch(session: Session, settings: Settings, mailer: Mailer, gazetteer: Gazetteer,
                   batch: list[tuple[Subscriber, str, str, list[Candidate]]], now: datetime, tally: _Tally,
                   renderer: _Renderer) -> None:
    """Record a batch of digests in one transaction, then send them (``_send_all``).

    The digests, their articles and their Message-IDs are committed ('pending') before any byte is sent;
    each send is counted ('sending') in a commit before it begins. So after a crash the digests that may
    have been in flight are found 'sending', with their possible copies counted, and the next run resends
    them with the same Message-IDs; the 'pending' ones are sent once.
    """
    rows = []
    for subscriber, freq, key, chosen in batch:
        # the subject depends on the items only: known before the digest's id (which its links carry)
        record = DigestRecord(subscriber_id=subscriber.id, frequency=freq, period_key=key,
                              subject=renderer.subject(subscriber, chosen), created_at=now,
                              article_ids=renderer.packed_ids(chosen))
        session.add(record)
        rows.append((subscriber, record, chosen))
    session.flush()
    jobs = []
    for subscriber, record, chosen in rows:
        assert record.id is not None
        digest = renderer.build(subscriber, chosen, record.id)
        delivery = Delivery(digest_id=record.id, message_id=new_message_id(), state="pending", attempts=0, copies=0)
        session.add(delivery)
        jobs.append(_Job(subscriber, record, delivery, digest))
    session.commit()
    _send_all(session, settings, mailer, gazetteer, jobs, tally)


def _finish_earlier(session: Session, settings: Settings, mailer: Mailer, gazetteer: Gazetteer, now: datetime,
                    frequency: str | None, force: bool, tally: _Tally) -> None:
    """Deliveries earlier runs left unfinished (a crash, an SMTP outage): resent, or given up on per the policy."""
    resend: list[_Job] = []
    for delivery, record, subscriber in session.exec(
        select(Delivery, DigestRecord, Subscriber).join(DigestRecord, col(DigestRecord.id) == col(Delivery.digest_id))
        .join(Subscriber, col(Subscriber.id) == col(DigestRecord.subscriber_id))
        .where(col(Delivery.state).in_(["pending", "sending", "failed"])).order_by(col(Delivery.id))
    ).all():
        if frequency and record.frequency != frequency or subscriber.status != "active":
            continue
        reason = _given_up(delivery)
        if reason:
            if delivery.state == "sending":
                reason = f"the process sending it stopped while the message was in flight; {reason}"

            def give_up(why: str = reason, row: Delivery = delivery) -> None:
                last = f"; last error: {row.last_error}" if row.last_error else ""
                row.state, row.last_error = "abandoned", f"{why}{last}"[:2000]
                session.add(row)

            db.commit_retrying(session, give_up, f"giving up on digest {record.id}")
            tally.add("abandoned", subscriber, record, delivery)
        elif _retryable(delivery, now, force):
            resend.append(_Job(subscriber, record, delivery))
    _send_all(session, settings, mailer, gazetteer, resend, tally)


def send_digests(engine: Engine, settings: Settings, mailer: Mailer, *, frequency: str | None = None,
                 now: datetime | None = None, force: bool = False, dry_run: bool = False) -> DigestRunResult:
    now = now or utcnow()
    gazetteer = load_gazetteer()
    considered = empty = already = not_due = 0
    tally = _Tally()
    with Session(engine, expire_on_commit=False) as session:
        if not dry_run:
            _finish_earlier(session, settings, mailer, gazetteer, now, frequency, force, tally)
        subscribers = session.exec(select(Subscriber).where(Subscriber.confirmed == True, Subscriber.status == "active")  # noqa: E712
                                   .order_by(col(Subscriber.id))).all()
        by_subscriber: dict[int, list[Subscription]] = {}
        for row in session.exec(select(Subscription).order_by(col(Subscription.id))).all():
            by_subscriber.setdefault(row.subscriber_id, []).append(row)
        history = _History.load(session)
        wanted: list[tuple[Subscriber, str, str, list[Subscription]]] = []  # due and not recorded yet
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
                wanted.append((subscriber, freq, key, subscriptions))
        # Only the articles some digest due now can hold: stored since the earliest of their starts (the
        # last digest, or one period ago), not a week or more for every run.
        starts = [history.since(s.id or 0, freq, now) for s, freq, _, _ in wanted]
        candidates = load_candidates(session, gazetteer, stored_after=min(starts)) if starts else []
        history.load_sent(session, candidates)
        chooser, renderer = _Chooser(history, candidates), _Renderer(settings)
        due: list[tuple[Subscriber, str, str, list[Candidate]]] = []
        for subscriber, freq, key, subscriptions in wanted:
            assert subscriber.id is not None
            chosen = chooser.choose(subscriber.id, subscriptions, freq, now)
            if not chosen:
                empty += 1
                continue
            if dry_run:
                tally.sent += 1
                continue
            due.append((subscriber, freq, key, chosen))
        # Subscribers who get the same digest but for their address and links, one after another: it is
        # rendered once for them (_Renderer).
        due.sort(key=lambda d: (id(d[3]), renderer.key(d[0], d[3])[1:]))
        for start in range(0, len(due), BATCH):
            _deliver_batch(session, settings, mailer, gazetteer, due[start:start + BATCH], now, tally, renderer)
    mailer.close()
    channels = deliver_to_channels(engine, frequency=frequency, now=now, force=force, dry_run=dry_run,
                                   gazetteer=gazetteer)
    tally.given_up.extend(Undelivered(f"channel:{g.channel}", g.frequency, g.period, g.idempotency_key, g.reason)
                          for g in channels.given_up)
    alert_sent = False
    if tally.given_up:
        from monitor.digest.alerts import alert_undelivered

        alert_sent = alert_undelivered(settings, tally.given_up)
    return DigestRunResult(considered + channels.considered, tally.sent + channels.sent, empty + channels.skipped_empty,
                           tally.failed + channels.failed, already + channels.already_sent, not_due + channels.not_due,
                           tuple(tally.given_up), alert_sent, channels.sent, channels.failed)


@dataclass(frozen=True, slots=True)
class UndeliveredAddress:
    email: str
    state: str  # the delivery's own state (abandoned, failed, bounced, sending, pending)
    last_error: str | None
    retry_at: datetime | None  # a failed digest: when it is tried again


@dataclass(frozen=True, slots=True)
class PeriodStatus:
    """The deliveries of one frequency and period: counts by state, and who has not got the digest."""

    frequency: str
    period: str
    counts: Mapping[str, int]  # every state of STATUS_STATES, abandoned counted as failed
    undelivered: tuple[UndeliveredAddress, ...]


def digest_status(engine: Engine, *, frequency: str | None = None, since: datetime | None = None,
                  limit: int = 20) -> list[PeriodStatus]:
    """The `limit` latest periods with digests (recorded since `since`), newest first."""
    latest = sa.func.max(DigestRecord.created_at)
    chosen = (select(DigestRecord.frequency, DigestRecord.period_key, latest)
              .group_by(col(DigestRecord.frequency), col(DigestRecord.period_key))
              .order_by(latest.desc(), col(DigestRecord.frequency), col(DigestRecord.period_key)).limit(limit))
    if frequency:
        chosen = chosen.where(DigestRecord.frequency == frequency)
    if since:
        chosen = chosen.where(DigestRecord.created_at >= since)
    with Session(engine) as session:
        latest_of = {(freq, key): at for freq, key, at in session.exec(chosen).all()}
        channel_rows = _channel_rows(session, frequency, since)
        for freq, key, at, *_ in channel_rows:
            latest_of[freq, key] = max(at, latest_of.get((freq, key), at))
        periods = sorted(latest_of, key=lambda p: (-latest_of[p].timestamp(), p))[:limit]
        rows = list(session.exec(
            select(DigestRecord.frequency, DigestRecord.period_key, Delivery.state, Delivery.last_error,
                   Delivery.next_attempt_at, Subscriber.email)
            .join(Delivery, col(Delivery.digest_id) == col(DigestRecord.id))
            .outerjoin(Subscriber, col(Subscriber.id) == col(DigestRecord.subscriber_id))
            .where(col(DigestRecord.period_key).in_({key for _, key in periods}),
                   col(DigestRecord.frequency).in_({freq for freq, _ in periods}))).all()) if periods else []
    rows.extend((freq, key, state, error, retry, f"channel:{name}") for freq, key, _, state, error, retry, name in channel_rows)
    counts: dict[tuple[str, str], dict[str, int]] = {p: dict.fromkeys(STATUS_STATES, 0) for p in periods}
    missing: dict[tuple[str, str], list[UndeliveredAddress]] = {p: [] for p in periods}
    for freq, key, state, last_error, next_attempt_at, email in rows:
        if (freq, key) not in counts:
            continue
        shown = "failed" if state == "abandoned" else state
        counts[freq, key][shown] = counts[freq, key].get(shown, 0) + 1
        if state != "sent" and email is not None:  # an erased subscriber leaves an anonymous count only
            missing[freq, key].append(UndeliveredAddress(email, state, last_error,
                                                         next_attempt_at if state == "failed" else None))
    return [PeriodStatus(freq, key, counts[freq, key], tuple(sorted(missing[freq, key], key=lambda u: u.email)))
            for freq, key in periods]


def _channel_rows(session: Session, frequency: str | None, since: datetime | None) -> list[tuple]:
    """(frequency, period, created_at, state, last_error, next_attempt_at, channel name) of channel deliveries;
    an immediate channel's stories are counted under the run that sent them (its time, Beijing time), as an
    immediate email digest is."""
    query = (select(ChannelDelivery, Channel.name).join(Channel, col(Channel.id) == col(ChannelDelivery.channel_id)))
    if frequency:
        query = query.where(ChannelDelivery.frequency == frequency)
    if since:
        query = query.where(col(ChannelDelivery.created_at) >= since)
    return [(row.frequency, period_key("immediate", row.created_at, CHANNEL_TZ) if row.frequency == "immediate"
             else row.period_key, row.created_at, row.state, row.last_error, row.next_attempt_at, name)
            for row, name in session.exec(query).all()]


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
        history = _History.load(session)
        history.load_sent(session, candidates)
        chosen: dict[int, Candidate] = {}
        assert subscriber.id is not None
        chooser = _Chooser(history, candidates)
        for freq in sorted({s.frequency for s in subscriptions}):
            for candidate in chooser.choose(subscriber.id, subscriptions, freq, now):
                chosen.setdefault(candidate.id, candidate)
        ordered = sorted(chosen.values(), key=lambda c: (c.published.value if c.published else c.stored_at), reverse=True)
        return build_for(settings, subscriber, ordered, None)
