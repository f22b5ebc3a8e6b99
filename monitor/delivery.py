"""Digest runs: choose each subscriber's new articles, record the digest, send it exactly once.

For each (subscriber, frequency, period) there is one digest row (unique key) and one
delivery row whose Message-ID is fixed before sending. States: pending -> sending ->
sent | failed. A digest found in pending/sending/failed (a crash, an SMTP outage) is sent
again with the same Message-ID and the same articles; a sent one never is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from .digest import build_digest, make_lead
from .errors import DeliveryError
from .gazetteer import load_gazetteer
from .items import Digest, DigestItem
from .mailer import Mailer, build_message, new_message_id
from .models import Article, Delivery, DigestArticle, DigestRecord, Subscriber, Subscription
from .queries import ArticleFilter, ArticleView, list_articles
from .settings import Settings
from .subscribers import _from_row
from .timefmt import utcnow
from .tokens import make_token

__all__ = ["DigestRunResult", "send_digests", "period_key"]

log = logging.getLogger(__name__)
MAX_ITEMS = 50
_PERIOD = {"immediate": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True, slots=True)
class DigestRunResult:
    considered: int
    sent: int
    skipped_empty: int
    failed: int
    already_sent: int


def period_key(frequency: str, now: datetime, tz: ZoneInfo) -> str:
    local = now.astimezone(tz)
    if frequency == "weekly":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == "immediate":
        return f"{local:%Y-%m-%dT%H:%M}"
    return f"{local:%Y-%m-%d}"


def _items(session: Session, views: list[ArticleView]) -> list[DigestItem]:
    items = []
    for view in views:
        copies = session.exec(select(Article.url).where(Article.duplicate_of_id == view.id).order_by(col(Article.id))).all()
        items.append(DigestItem(view.id, view.title, view.url, view.source, view.published, view.author, view.author_post,
                                tuple(z.name for z in view.zones), make_lead(view.body), tuple(copies)))
    return items


def _select_new(session: Session, subscriber: Subscriber, frequency: str, now: datetime) -> list[ArticleView]:
    """Canonical articles that match any of the subscriber's subscriptions of this frequency and were never sent to them."""
    names = {z.id: z.full_name for z in load_gazetteer().zones}
    last = session.exec(
        select(DigestRecord.created_at).where(DigestRecord.subscriber_id == subscriber.id, DigestRecord.frequency == frequency)
        .order_by(col(DigestRecord.created_at).desc())
    ).first()
    since = last or (now - _PERIOD[frequency])
    already = set(session.exec(
        select(DigestArticle.article_id).join(DigestRecord, col(DigestRecord.id) == col(DigestArticle.digest_id))
        .where(DigestRecord.subscriber_id == subscriber.id)
    ).all())
    chosen: dict[int, ArticleView] = {}
    subscriptions = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id,
                                                            Subscription.frequency == frequency)).all()
    for row in subscriptions:
        filters = _from_row(row)
        for view in list_articles(session, ArticleFilter(zones=filters.zones, sources=filters.sources,
                                                          keywords=filters.keywords, stored_after=since,
                                                          canonical_only=True), names):
            if view.id not in already:
                chosen.setdefault(view.id, view)
    ordered = sorted(chosen.values(), key=lambda v: (v.published.value if v.published else v.stored_at), reverse=True)
    return ordered[:MAX_ITEMS]


def _build(settings: Settings, subscriber: Subscriber, items: list[DigestItem]) -> tuple[Digest, str]:
    assert subscriber.id is not None
    unsubscribe = f"{settings.base_url.rstrip('/')}/unsubscribe/{make_token(settings.secret_key, 'unsubscribe', subscriber.id)}"
    digest = build_digest(to_email=subscriber.email, to_name=subscriber.name, items=items,
                          tz=ZoneInfo(subscriber.timezone), unsubscribe_url=unsubscribe)
    return digest, unsubscribe


def _deliver(session: Session, settings: Settings, mailer: Mailer, subscriber: Subscriber, record: DigestRecord,
             delivery: Delivery) -> bool:
    ids = session.exec(select(DigestArticle.article_id).where(DigestArticle.digest_id == record.id)).all()
    names = {z.id: z.full_name for z in load_gazetteer().zones}
    views = list_articles(session, ArticleFilter(ids=tuple(ids)), names) if ids else []
    digest, unsubscribe = _build(settings, subscriber, _items(session, views))
    delivery.state, delivery.attempts = "sending", delivery.attempts + 1
    session.add(delivery)
    session.commit()
    try:
        mailer.send(build_message(digest, sender=settings.mail_from, message_id=delivery.message_id,
                                  unsubscribe_url=unsubscribe))
    except DeliveryError as exc:
        delivery.state, delivery.last_error = "failed", str(exc)[:2000]
        session.add(delivery)
        session.commit()
        log.error("digest for %s not delivered: %s", subscriber.email, exc)
        return False
    delivery.state, delivery.sent_at, delivery.last_error = "sent", utcnow(), None
    session.add(delivery)
    session.commit()
    return True


def send_digests(engine: Engine, settings: Settings, mailer: Mailer, *, frequency: str | None = None,
                 now: datetime | None = None) -> DigestRunResult:
    now = now or utcnow()
    considered = sent = empty = failed = already = 0
    with Session(engine, expire_on_commit=False) as session:
        subscribers = session.exec(select(Subscriber).where(Subscriber.confirmed == True).order_by(col(Subscriber.id))).all()  # noqa: E712
        for subscriber in subscribers:
            frequencies = sorted(set(session.exec(select(Subscription.frequency).where(Subscription.subscriber_id == subscriber.id)).all()))
            for freq in frequencies:
                if frequency and freq != frequency:
                    continue
                considered += 1
                key = period_key(freq, now, ZoneInfo(subscriber.timezone))
                record = session.exec(select(DigestRecord).where(DigestRecord.subscriber_id == subscriber.id,
                                                                 DigestRecord.frequency == freq,
                                                                 DigestRecord.period_key == key)).first()
                if record is None:
                    views = _select_new(session, subscriber, freq, now)
                    if not views:
                        empty += 1
                        continue
                    digest, _ = _build(settings, subscriber, _items(session, views))
                    assert subscriber.id is not None
                    record = DigestRecord(subscriber_id=subscriber.id, frequency=freq, period_key=key,
                                          subject=digest.subject, created_at=now)
                    session.add(record)
                    session.flush()
                    assert record.id is not None
                    for view in views:
                        session.add(DigestArticle(digest_id=record.id, article_id=view.id))
                    session.add(Delivery(digest_id=record.id, message_id=new_message_id()))
                    session.commit()
                delivery = session.exec(select(Delivery).where(Delivery.digest_id == record.id)).one()
                if delivery.state == "sent":
                    already += 1
                    continue
                if _deliver(session, settings, mailer, subscriber, record, delivery):
                    sent += 1
                else:
                    failed += 1
    mailer.close()
    return DigestRunResult(considered, sent, empty, failed, already)
