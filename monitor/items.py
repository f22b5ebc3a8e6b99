"""The small typed objects that pass between pipeline stages.

fetch -> RawPage -> extract -> ExtractedArticle -> dedup (DedupVerdict) -> tag (TagSet) -> store.
SQLModel tables belong to storage (monitor.store.models) and never travel between stages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from monitor.normalise import limit_title

__all__ = [
    "Positional",
    "Precision",
    "PublishDate",
    "RawPage",
    "ExtractedArticle",
    "FieldOrigin",
    "Piece",
    "ZoneTag",
    "PersonOrg",
    "PersonTag",
    "PlaceTag",
    "TopicTag",
    "ContentType",
    "TagSet",
    "Fingerprint",
    "DedupEvidence",
    "New",
    "Unchanged",
    "Revision",
    "DuplicateOf",
    "DedupVerdict",
    "DigestItem",
    "Digest",
]

Precision = Literal["second", "minute", "day", "month", "year"]


class Positional:
    """Pickled as its constructor's arguments, in field order (for frozen slots dataclasses without
    ``__post_init__``). What worker processes send back (tags, a prepared dedup check) is unpickled in the
    crawling process, beside its database thread: dataclasses' own pickling of a slots class calls
    ``fields()`` for every object, ~20 µs each, and one article's tags are dozens of objects."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple([getattr(self, name) for name in self.__match_args__])  # type: ignore[attr-defined]


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
    # A newspaper page with several signed pieces: one Piece each; title is then the page's
    # banner (or "") and body the pieces' bodies joined.
    pieces: tuple[Piece, ...] = ()
    # A piece's article (URL#piece-N): the headline of the page it was printed on; None otherwise.
    page_title: str | None = None

    def __post_init__(self) -> None:
        # Here, not in each extractor: every way an article is made (crawl, import, backfill, a site
        # plugin) gets the same limit, before dedup, tagging and storage see the title.
        object.__setattr__(self, "title", limit_title(self.title))
        if self.page_title is not None:
            object.__setattr__(self, "page_title", limit_title(self.page_title) or None)


@dataclass(frozen=True, slots=True)
class FieldOrigin:
    """Where an extracted field came from: ``selector`` (the source's CSS selector matched), ``fallback`` (a
    selector is configured but did not give it: ``why`` says how) or ``detected`` (no selector)."""

    field: str  # title | date | author | body
    origin: str
    why: str


@dataclass(frozen=True, slots=True)
class Piece:
    """One signed piece of a multi-piece (e-paper or OCR'd) page."""

    headline: str
    body: str  # paragraphs separated by blank lines
    author: str | None = None
    author_post: str | None = None  # as printed, line breaks removed

    def __post_init__(self) -> None:
        object.__setattr__(self, "headline", limit_title(self.headline))  # it becomes an article's title


@dataclass(frozen=True, slots=True)
class ZoneTag(Positional):
    zone_id: str
    name: str  # official full name
    role: Literal["subject", "mentioned"]
    score: float


@dataclass(frozen=True, slots=True)
class PersonOrg(Positional):
    """The organisation a post belongs to; parts the text does not name are None."""

    name: str | None  # as printed, e.g. 包头稀土高新区管委会, 商务部外资司
    zone_id: str | None
    city: str | None  # 长沙市
    province: str | None  # 湖南省


@dataclass(frozen=True, slots=True)
class PersonTag(Positional):
    name: str
    post: str | None  # as printed, e.g. 包头稀土高新区管委会主任
    zone_id: str | None  # the zone named in the post
    org: PersonOrg | None = None
    former: bool = False  # the post is a former one (原…, 曾任…)


@dataclass(frozen=True, slots=True)
class PlaceTag(Positional):
    province: str
    city: str = ""  # "" when only the province is known


@dataclass(frozen=True, slots=True)
class TopicTag(Positional):
    topic_id: str
    label: str  # Chinese label of the taxonomy
    score: float


ContentType = Literal["commentary", "interview", "news", "policy", "notice"]


@dataclass(frozen=True, slots=True)
class TagSet(Positional):
    zones: tuple[ZoneTag, ...] = ()
    people: tuple[PersonTag, ...] = ()
    places: tuple[PlaceTag, ...] = ()
    topics: tuple[TopicTag, ...] = ()
    content_type: ContentType = "news"
    relevant: bool = True  # False: names no zone and matches no topic


@dataclass(frozen=True, slots=True)
class Fingerprint(Positional):
    """What the dedup index keeps of an article (computed by the dedup stage, written by storage)."""

    signature: bytes  # MinHash values, little-endian uint32
    bands: tuple[int, ...]  # LSH band hashes (63-bit), band i at index i; empty when the body has no shingles
    sentence_hashes: tuple[int, ...]  # distinct sentence hashes (63-bit), in order
    sentence_lengths: tuple[int, ...]  # characters of each sentence
    # what the exact check of this article as a candidate reads (``monitor.dedup.stored_facts``), stored with it;
    # derived from the rest and the body, so not part of equality (a verdict is the same with or without it)
    facts: bytes | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class DedupEvidence:
    """How a dedup verdict was reached (stored as JSON with the article). For New: the best rejected candidate."""

    level: str  # url | hash | near | contained | none
    candidate_id: int | None = None
    jaccard: float | None = None  # exact, over shingles without stock sentences
    containment: float | None = None  # share of the smaller shingle set inside the larger
    estimated_jaccard: float | None = None  # from the stored MinHash signatures
    band_hits: int = 0
    shared_sentences: int = 0
    stock_sentences: int = 0  # sentences of this article discounted as stock phrases
    numbers_agreement: float | None = None  # share of the smaller text's numbers found in the other
    reason: str = ""
    # the facts compared (dedup/facts.py), one [kind, agreed, only this article, only the candidate, conflict]
    # per kind; empty when the shingles alone rejected the candidate
    facts: tuple[object, ...] = ()
    conflicts: tuple[str, ...] = ()  # kinds whose disagreement blocked (or, near-verbatim, did not block) a merge

    def to_json(self) -> str:
        # flat: a dict of the fields, without dataclasses.asdict's recursive copy (5x slower, per stored article)
        return json.dumps({f: getattr(self, f) for f in self.__slots__}, ensure_ascii=False)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class New:
    """Nothing stored matches: the article starts its own cluster."""

    content_hash: str
    fingerprint: Fingerprint | None = None
    evidence: DedupEvidence | None = None


@dataclass(frozen=True, slots=True)
class Unchanged:
    """The same URL with the same body is already stored."""

    article_id: int


@dataclass(frozen=True, slots=True)
class Revision:
    """The same URL is stored with a different body: a new revision of that article."""

    article_id: int
    content_hash: str
    fingerprint: Fingerprint | None = None


@dataclass(frozen=True, slots=True)
class DuplicateOf:
    """Another stored article carries the same story; evidence is the level and similarity."""

    article_id: int
    similarity: float
    level: Literal["url", "hash", "near", "contained"]
    content_hash: str
    fingerprint: Fingerprint | None = None
    evidence: DedupEvidence | None = None


DedupVerdict = New | Unchanged | Revision | DuplicateOf


@dataclass(frozen=True, slots=True)
class DigestItem:
    article_id: int
    title: str
    url: str
    source: str  # what a reader sees: the source's title, else the host of its URL (never its slug)
    published: PublishDate | None
    author: str | None
    author_post: str | None
    zone_names: tuple[str, ...]
    lead: str
    also_published_by: tuple[str, ...] = field(default=())  # URLs of the cluster's other copies
    topic_names: tuple[str, ...] = field(default=())
    people: tuple[str, ...] = field(default=())  # people the story names (the tagger's), shown on its tag line
    also_by: tuple[tuple[str, str], ...] = field(default=())  # (source display name, URL) of those copies
    related: tuple[tuple[str, str], ...] = field(default=())  # (outlet display name, URL): the event's other reports


@dataclass(frozen=True, slots=True)
class Digest:
    """A built digest, ready for a mailer: a pure function of data built it."""

    to_email: str
    to_name: str | None
    subject: str
    text: str
    html: str
    article_ids: tuple[int, ...]
