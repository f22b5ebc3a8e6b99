"""Database tables (SQLModel). The store repositories own these; stages exchange monitor.items objects.

Every timestamp column is a UTCDateTime: timezone-aware in Python, UTC in the database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

__all__ = [
    "UTCDateTime",
    "Source",
    "Article",
    "ArticleZone",
    "ArticleTopic",
    "ArticlePerson",
    "Cluster",
    "DiscoveredUrl",
    "StoredPage",
    "Subscriber",
    "Subscription",
    "DigestRecord",
    "Delivery",
    "Channel",
    "ChannelDelivery",
    "CrawlRun",
    "FetchLog",
    "HttpValidator",
    "SourceCheckpoint",
    "ArticleBand",
    "ParagraphFingerprint",
    "SentenceFrequency",
    "ArticlePlace",
]


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (naive UTC text) and PostgreSQL (timestamptz)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _ts(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


class Source(SQLModel, table=True):
    """State of a configured source (its config lives in the sources file)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True, index=True)
    kind: str = Field(max_length=20)
    title: str | None = Field(default=None, max_length=200)  # display name (sources file `title:`, e.g. 科技日报)
    last_run_at: datetime | None = _ts(default=None, nullable=True)
    last_success_at: datetime | None = _ts(default=None, nullable=True)
    items_last_run: int = 0
    consecutive_failures: int = 0
    last_error: str | None = None
    health: str = Field(default="unknown", max_length=20)


class Cluster(SQLModel, table=True):
    """A story: every article belongs to one; the canonical member is what digests show."""

    id: int | None = Field(default=None, primary_key=True)
    canonical_article_id: int | None = Field(default=None, nullable=True, index=True)
    created_at: datetime = _ts(nullable=False)
    # related coverage: the clusters reporting one event share the id of its first cluster (None: alone)
    event_id: int | None = Field(default=None, nullable=True, index=True)


class Article(SQLModel, table=True):
    # A story's copies, read by every digest run (matching.load_candidates): without it a scan of the whole
    # table (1M articles: seconds). Partial: only duplicates have the column set.
    __table_args__ = (sa.Index("ix_article_duplicate_of_id", "duplicate_of_id",
                               sqlite_where=sa.text("duplicate_of_id IS NOT NULL"),
                               postgresql_where=sa.text("duplicate_of_id IS NOT NULL")),)

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, index=True)  # canonical URL
    title: str
    author: str | None = None
    author_post: str | None = None
    source_name: str | None = None  # '来源：' printed on the page
    page_title: str | None = None  # a roundup piece (URL#piece-N): the headline of the page it was printed on
    published_at: datetime | None = _ts(default=None, nullable=True, index=True)
    published_precision: str | None = Field(default=None, max_length=10)
    body: str
    content_hash: str = Field(max_length=64, index=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id", index=True)
    duplicate_of_id: int | None = Field(default=None, foreign_key="article.id", nullable=True)
    dedup_level: str | None = Field(default=None, max_length=10)
    similarity: float | None = None
    revision: int = 1
    content_type: str | None = Field(default=None, max_length=20)  # commentary|interview|news|policy|notice
    relevant: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})  # False: kept out of digests
    backfilled: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})  # no digests unless --notify
    signature: bytes | None = Field(default=None, sa_type=sa.LargeBinary, nullable=True)  # MinHash values
    dedup_evidence: str | None = None  # JSON: how the dedup verdict was reached
    fetched_at: datetime = _ts(nullable=False)
    stored_at: datetime = _ts(nullable=False, index=True)
    # what the exact dedup check of this article as a candidate reads (monitor/dedup/stored_facts.py); NULL: derived
    # from the body when needed, then written (migration 0016)
    dedup_facts: bytes | None = Field(default=None, sa_type=sa.LargeBinary, nullable=True)


class ArticleZone(SQLModel, table=True):
    # (zone, role, article): event linking reads a zone's newest subject rows (store/events.py); also the zone lookups
    __table_args__ = (sa.Index("ix_articlezone_zone_role_article", "zone_id", "role", "article_id"),)
    article_id: int = Field(foreign_key="article.id", primary_key=True)
    zone_id: str = Field(max_length=64, primary_key=True)
    role: str = Field(max_length=10)  # subject | mentioned
    score: float = 0.0


class ArticleTopic(SQLModel, table=True):
    article_id: int = Field(foreign_key="article.id", primary_key=True)
    topic_id: str = Field(max_length=64, primary_key=True, index=True)
    score: float = 0.0


class ArticlePerson(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    name: str = Field(max_length=100, index=True)
    post: str | None = None
    zone_id: str | None = Field(default=None, max_length=64)


class DiscoveredUrl(SQLModel, table=True):
    """Every item URL a source found, stored before it is fetched, so no item is lost between runs."""

    # a run's due URLs (UrlQueue.due) by source and state: not every URL the source ever listed (none are pruned)
    # (source_id, state): lookups by source alone use its first column
    __table_args__ = (sa.Index("ix_discoveredurl_source_state", "source_id", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, index=True)
    source_id: int = Field(foreign_key="source.id")
    state: str = Field(default="pending", max_length=10, index=True)  # pending|fetched|failed|gone
    attempts: int = 0
    last_error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    discovered_at: datetime = _ts(nullable=False)
    fetched_at: datetime | None = _ts(default=None, nullable=True)
    next_attempt_at: datetime | None = _ts(default=None, nullable=True)


class StoredPage(SQLModel, table=True):
    """A raw page as fetched (zlib-compressed), kept so extraction can be re-run."""

    __tablename__ = "raw_page"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(index=True)
    final_url: str
    status: int
    content_type: str | None = None
    headers_json: str = "[]"
    body_zlib: bytes = Field(sa_type=sa.LargeBinary)
    fetched_at: datetime = _ts(nullable=False)
    article_id: int | None = Field(default=None, foreign_key="article.id", nullable=True, index=True)


class Subscriber(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    name: str | None = None
    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    confirmed: bool = True
    bounces: int = 0
    status: str = Field(default="active", max_length=12, sa_column_kwargs={"server_default": "active"})  # active | bouncing | unsubscribed
    group_by: str = Field(default="zone", max_length=10, sa_column_kwargs={"server_default": "zone"})  # zone | topic
    language: str = Field(default="zh-CN", max_length=8, sa_column_kwargs={"server_default": "zh-CN"})  # zh-CN | en
    confirmed_at: datetime | None = _ts(default=None, nullable=True)
    created_at: datetime = _ts(nullable=False)


class Subscription(SQLModel, table=True):
    """One set of filters; filter lists are JSON arrays, empty meaning 'any'."""

    id: int | None = Field(default=None, primary_key=True)
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True)
    frequency: str = Field(default="daily", max_length=10)
    zones_json: str = "[]"
    topics_json: str = "[]"
    sources_json: str = "[]"
    keywords_json: str = "[]"
    provinces_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    cities_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    people_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    exclude_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})  # excluded keywords
    types_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})  # content types, e.g. commentary
    match: str = Field(default="any", max_length=3, sa_column_kwargs={"server_default": "any"})  # keywords: any | all
    hour: int = Field(default=8, sa_column_kwargs={"server_default": "8"})  # local hour of daily and weekly digests
    weekday: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # weekly digests: 0 = Monday
    created_at: datetime = _ts(nullable=False)


class SubscriptionChange(SQLModel, table=True):
    """What a /subscribe form asked for an address that is already subscribed (or waiting for confirmation):
    nothing changes until a link mailed to that address applies it, so a stranger cannot change it."""

    __tablename__ = "subscription_change"

    id: int | None = Field(default=None, primary_key=True)
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True)
    name: str | None = None
    filters_json: str  # one SubscriptionFilters, as_json()
    created_at: datetime = _ts(nullable=False)


class DigestRecord(SQLModel, table=True):
    """A digest built for one subscriber, frequency and period; the unique key makes sending idempotent."""

    __tablename__ = "digest"
    __table_args__ = (sa.UniqueConstraint("subscriber_id", "frequency", "period_key"),)

    id: int | None = Field(default=None, primary_key=True)
    subscriber_id: int | None = Field(default=None, foreign_key="subscriber.id", index=True, nullable=True)  # None once erased
    frequency: str = Field(max_length=10)
    period_key: str = Field(max_length=40)
    subject: str
    created_at: datetime = _ts(nullable=False)
    # every article chosen for it, packed (monitor.digest.article_ids): written with the row, before any send
    article_ids: bytes | None = Field(default=None, sa_type=sa.LargeBinary, nullable=True)


class Delivery(SQLModel, table=True):
    """Delivery state of one digest: pending -> sending -> sent | failed | bounced | abandoned (see monitor.digest.delivery).
    Message-ID fixed before sending."""

    id: int | None = Field(default=None, primary_key=True)
    digest_id: int = Field(foreign_key="digest.id", unique=True)
    message_id: str = Field(max_length=255, unique=True)
    state: str = Field(default="pending", max_length=10, index=True)
    attempts: int = 0  # sends begun
    copies: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # sends that may have put the message in the subscriber's inbox (at most delivery.MAX_COPIES)
    last_error: str | None = None
    next_attempt_at: datetime | None = _ts(default=None, nullable=True)
    sent_at: datetime | None = _ts(default=None, nullable=True)


class Channel(SQLModel, table=True):
    """A chat group robot or webhook that receives digests beside email (see monitor.digest.channels).

    ``url`` and ``secret`` are credentials (a robot's token is in its URL): never printed, only masked."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    kind: str = Field(max_length=10)  # wecom | dingtalk | feishu | webhook
    url: str = Field(max_length=2048)
    secret: str | None = Field(default=None, max_length=512)
    filters_json: str = "{}"  # a SubscriptionFilters (frequency, hour and weekday included) as JSON
    timezone: str = Field(default="Asia/Shanghai", max_length=64,  # its days and hours, as a subscriber's
                          sa_column_kwargs={"server_default": "Asia/Shanghai"})
    status: str = Field(default="active", max_length=12)  # active | removed
    created_at: datetime = _ts(nullable=False)


class ChannelDelivery(SQLModel, table=True):
    """One message set for one channel and period (or one story, for immediate channels), sent exactly once:
    pending -> sending -> sent | failed | abandoned, as email deliveries. Its parts (a digest split to the
    platform's size limit) are sent in order; ``parts_sent`` are confirmed and never sent again."""

    __tablename__ = "channel_delivery"
    __table_args__ = (sa.UniqueConstraint("channel_id", "frequency", "period_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channel.id", index=True)
    frequency: str = Field(max_length=10)
    period_key: str = Field(max_length=40)
    article_ids_json: str = "[]"
    idempotency_key: str = Field(max_length=64, unique=True)  # part n is sent with "<key>-<n>"
    state: str = Field(default="pending", max_length=10, index=True)
    parts_sent: int = 0
    attempts: int = 0
    copies: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = _ts(default=None, nullable=True)
    sent_at: datetime | None = _ts(default=None, nullable=True)
    created_at: datetime = _ts(nullable=False)


class ChannelSend(SQLModel, table=True):
    """A message posted (or about to be) to a chat robot: the memory of its rate limit, shared by every process
    on the database (see monitor.digest.channel_rate). Rows older than the platform's window are deleted."""

    __tablename__ = "channel_send"
    __table_args__ = (sa.Index("ix_channel_send_robot_sent_at", "robot", "sent_at"),)

    id: int | None = Field(default=None, primary_key=True)
    robot: str = Field(max_length=64)  # SHA-256 of the robot's URL: channels that share a robot share its limit
    sent_at: float  # seconds since the epoch, by the sender's clock


class CrawlRun(SQLModel, table=True):
    # runs are never pruned (1,440 a day for a source crawled every minute): a tick's check of the source's last start
    # (scheduler._ran_recently) and a run's start ending the runs left running read these, not all its runs
    __table_args__ = (sa.Index("ix_crawlrun_source_started", "source_id", "started_at"),
                      sa.Index("ix_crawlrun_source_status", "source_id", "status"))
    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    started_at: datetime = _ts(nullable=False)
    finished_at: datetime | None = _ts(default=None, nullable=True)
    status: str = Field(default="running", max_length=20)  # running ok failed interrupted
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    errors: int = 0
    error: str | None = None


class FetchLog(SQLModel, table=True):
    """Every HTTP fetch, so operators can see what happened on a run."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int | None = Field(default=None, foreign_key="crawlrun.id", nullable=True, index=True)
    source_id: int | None = Field(default=None, foreign_key="source.id", nullable=True, index=True)
    url: str
    status: int | None = None  # None: no HTTP answer (timeout, connection error)
    bytes: int = 0
    elapsed_ms: int = 0
    from_cache: bool = False
    error: str | None = None
    fetched_at: datetime = _ts(nullable=False, index=True)


class HttpValidator(SQLModel, table=True):
    """Conditional-GET validators of list pages, feeds and sitemaps (item URLs keep theirs in DiscoveredUrl)."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, index=True)
    etag: str | None = None
    last_modified: str | None = None
    updated_at: datetime = _ts(nullable=False)


class SourceCheckpoint(SQLModel, table=True):
    """Where an interrupted backfill of a source resumes."""

    __table_args__ = (sa.UniqueConstraint("source_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    kind: str = Field(max_length=20)  # e.g. backfill
    value_json: str = "{}"
    updated_at: datetime = _ts(nullable=False)


class ArticleBand(SQLModel, table=True):
    """LSH band hashes of an article's MinHash signature; candidates are found by (band, hash)."""

    # article_id in the index: the candidate lookup reads the index alone (no table row per hit; a template's
    # band is shared by every issue of it) and takes a band's newest articles first (migration 0014)
    __table_args__ = (sa.Index("ix_articleband_band_hash_article", "band", "hash", "article_id"),)

    # No foreign key: derived rows written with their article; checking ~50 per article was most of
    # an article's INSERT on PostgreSQL (migration 0006).
    article_id: int = Field(primary_key=True)
    band: int = Field(primary_key=True)
    hash: int = Field(sa_type=sa.BigInteger)


class ParagraphFingerprint(SQLModel, table=True):
    """Hashes of an article's paragraphs, for containment (abridged copies, excerpts, multi-piece pages)."""

    # covering the candidate lookup (article_id, length): no table row read per shared sentence (migration 0014)
    __table_args__ = (sa.Index("ix_paragraphfingerprint_hash_article", "hash", "article_id", "length"),)

    article_id: int = Field(primary_key=True)  # no foreign key, as ArticleBand's
    position: int = Field(primary_key=True)
    hash: int = Field(sa_type=sa.BigInteger)
    length: int = 0


class SentenceFrequency(SQLModel, table=True):
    """Document frequency of sentences across the corpus: frequent ones are stock phrases."""

    hash: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))
    doc_count: int = 0


class ArticlePlace(SQLModel, table=True):
    article_id: int = Field(foreign_key="article.id", primary_key=True)
    province: str = Field(max_length=32, primary_key=True)
    city: str = Field(default="", max_length=32, primary_key=True)  # "" when only the province is known
