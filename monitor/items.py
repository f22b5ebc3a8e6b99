"""The small typed objects that pass between pipeline stages.

fetch -> RawPage -> extract -> ExtractedArticle -> dedup (DedupVerdict) -> tag (TagSet) -> store.
SQLModel tables belong to storage (monitor.models) and never travel between stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

__all__ = [
    "Precision",
    "PublishDate",
    "RawPage",
    "ExtractedArticle",
    "ZoneTag",
    "TagSet",
    "New",
    "Unchanged",
    "Revision",
    "DuplicateOf",
    "DedupVerdict",
    "DigestItem",
    "Digest",
]

Precision = Literal["second", "minute", "day", "month", "year"]


@dataclass(frozen=True, slots=True)
class PublishDate:
    """A publish time and how much of it is known (a date printed without time is 'day')."""

    value: datetime  # timezone-aware
    precision: Precision


@dataclass(frozen=True, slots=True)
class RawPage:
    """Bytes as the server sent them, plus what is needed to decode and cite them."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str | None
    fetched_at: datetime
    headers: tuple[tuple[str, str], ...] = ()
    from_cache: bool = False  # a 304 answer: content is empty


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    url: str  # canonical URL
    title: str
    body: str  # paragraphs separated by blank lines
    published: PublishDate | None = None
    author: str | None = None  # names separated by spaces
    author_post: str | None = None
    source_name: str | None = None  # '来源：' of the page


@dataclass(frozen=True, slots=True)
class ZoneTag:
    zone_id: str
    name: str  # official full name
    role: Literal["subject", "mentioned"]
    score: float


@dataclass(frozen=True, slots=True)
class TagSet:
    zones: tuple[ZoneTag, ...] = ()


@dataclass(frozen=True, slots=True)
class New:
    """Nothing stored matches: the article starts its own cluster."""

    content_hash: str


@dataclass(frozen=True, slots=True)
class Unchanged:
    """The same URL with the same body is already stored."""

    article_id: int


@dataclass(frozen=True, slots=True)
class Revision:
    """The same URL is stored with a different body: a new revision of that article."""

    article_id: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class DuplicateOf:
    """Another stored article carries the same story; evidence is the level and similarity."""

    article_id: int
    similarity: float
    level: Literal["url", "hash", "near"]
    content_hash: str


DedupVerdict = New | Unchanged | Revision | DuplicateOf


@dataclass(frozen=True, slots=True)
class DigestItem:
    article_id: int
    title: str
    url: str
    source: str
    published: PublishDate | None
    author: str | None
    author_post: str | None
    zone_names: tuple[str, ...]
    lead: str
    also_published_by: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Digest:
    """A built digest, ready for a mailer: a pure function of data built it."""

    to_email: str
    to_name: str | None
    subject: str
    text: str
    html: str
    article_ids: tuple[int, ...]
