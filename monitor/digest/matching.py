"""Which stored articles a subscription wants: candidates loaded once per digest run, matched in memory."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from monitor.digest.subscribers import SubscriptionFilters
from monitor.items import PublishDate, ZoneTag
from monitor.store.events import event_outlets
from monitor.store.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    ArticleTopic,
    ArticleZone,
    Cluster,
    Source,
)
from monitor.store.sources import display_name
from monitor.tag.gazetteer import Gazetteer

__all__ = ["Candidate", "CandidateIndex", "Wanted", "load_candidates", "matches"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A canonical article with everything subscription filters look at."""

    id: int
    url: str
    title: str
    body: str
    source: str
    published: PublishDate | None
    stored_at: datetime
    author: str | None
    author_post: str | None
    content_type: str | None
    zones: tuple[ZoneTag, ...]
    topics: tuple[str, ...]
    people: tuple[str, ...]
    provinces: frozenset[str]
    cities: frozenset[str]
    copies: tuple[tuple[str, str], ...]  # (source display name, url) of the cluster's other members
    event_id: int | None = None  # related coverage: the event its story reports (None: alone)
    related: tuple[tuple[str, str], ...] = ()  # (source display name, url) of the event's other reports
    shown_source: str = ""  # what readers see for its source: the sources file's title, else the page's host
    # what `matches` compares, derived once per candidate rather than once per subscriber
    zone_ids: frozenset[str] = field(init=False)
    province_keys: frozenset[str] = field(init=False)
    city_keys: frozenset[str] = field(init=False)
    named: frozenset[str] = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone_ids", frozenset(z.zone_id for z in self.zones))
        object.__setattr__(self, "province_keys", frozenset(map(_short, self.provinces)))
        object.__setattr__(self, "city_keys", frozenset(map(_short, self.cities)))
        object.__setattr__(self, "named", frozenset(self.people) | frozenset((self.author or "").split()))
        object.__setattr__(self, "text", f"{self.title}\n{self.body}")


@dataclass(frozen=True, slots=True)
class Wanted:
    """A subscription's filters as sets, built once per subscription and run."""

    zones: frozenset[str]
    provinces: frozenset[str]
    cities: frozenset[str]
    topics: frozenset[str]
    people: frozenset[str]
    keywords: tuple[str, ...]
    match_all: bool
    exclude: tuple[str, ...]
    types: frozenset[str]
    sources: frozenset[str]

    @classmethod
    def of(cls, filters: SubscriptionFilters) -> Wanted:
        return cls(frozenset(filters.zones), frozenset(map(_short, filters.provinces)),
                   frozenset(map(_short, filters.cities)), frozenset(filters.topics), frozenset(filters.people),
                   tuple(filters.keywords), filters.match == "all", tuple(filters.exclude), frozenset(filters.types),
                   frozenset(filters.sources))


def _grouped(rows: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for article_id, value in rows:
        out.setdefault(article_id, []).append(value)
    return out


def load_candidates(session: Session, gazetteer: Gazetteer, stored_after: datetime | None = None,
                    ids: Iterable[int] | None = None) -> list[Candidate]:
    """Relevant canonical articles stored after a time (or with the given ids), newest first."""
    query = (select(Article, Source.name, Cluster.event_id, Source.title).join(Source, col(Source.id) == col(Article.source_id))
             .join(Cluster, col(Cluster.id) == col(Article.cluster_id), isouter=True)
             .where(col(Article.duplicate_of_id).is_(None)))
    if ids is not None:
        query = query.where(col(Article.id).in_(list(ids)))
    else:
        query = query.where(col(Article.relevant).is_(True), col(Article.backfilled).is_(False))
        if stored_after is not None:
            query = query.where(col(Article.stored_at) > stored_after)
    rows = session.exec(query).all()
    article_ids = [a.id for a, _, _, _ in rows]
    if not article_ids:
        return []
    topics = _grouped(session.exec(select(ArticleTopic.article_id, ArticleTopic.topic_id)
                                   .where(col(ArticleTopic.article_id).in_(article_ids))).all())
    people = _grouped(session.exec(select(ArticlePerson.article_id, ArticlePerson.name)
                                   .where(col(ArticlePerson.article_id).in_(article_ids))).all())
    places: dict[int, list[tuple[str, str]]] = {}
    for place in session.exec(select(ArticlePlace).where(col(ArticlePlace.article_id).in_(article_ids))).all():
        places.setdefault(place.article_id, []).append((place.province, place.city))
    copies: dict[int, list[tuple[str, str]]] = {}
    story_of = {article_id: article_id for article_id in article_ids}  # member id -> its story's canonical id
    for copy, source_title in session.exec(
        select(Article, Source.title).join(Source, col(Source.id) == col(Article.source_id))
        .where(col(Article.duplicate_of_id).in_(article_ids)).order_by(col(Article.id))
    ).all():
        assert copy.duplicate_of_id is not None and copy.id is not None
        copies.setdefault(copy.duplicate_of_id, []).append((display_name(source_title, copy.url), copy.url))
        story_of[copy.id] = copy.duplicate_of_id
    zones = _story_zones(session, gazetteer, story_of)
    candidates = []
    related = event_outlets(session, {event for _, _, event, _ in rows if event is not None})
    for article, source_name, event_id, source_title in rows:
        assert article.id is not None
        zone_tags = tuple(sorted(zones.get(article.id, []), key=lambda t: (t.role != "subject", -t.score, t.zone_id)))
        provinces = {p for p, _ in places.get(article.id, [])}
        cities = {c for _, c in places.get(article.id, []) if c}
        for tag in zone_tags:
            zone = gazetteer.get(tag.zone_id)
            if zone:
                provinces.add(zone.province)
                cities.add(zone.city)
        published = (PublishDate(article.published_at, article.published_precision or "second")  # type: ignore[arg-type]
                     if article.published_at else None)
        candidates.append(Candidate(
            article.id, article.url, article.title, article.body, source_name, published, article.stored_at,
            article.author, article.author_post, article.content_type, zone_tags, tuple(topics.get(article.id, [])),
            tuple(people.get(article.id, [])), frozenset(provinces), frozenset(cities), tuple(copies.get(article.id, [])),
            event_id, tuple((name, url) for other, name, url in related.get(event_id, []) if other != article.id)
            if event_id is not None else (), display_name(source_title, article.url),
        ))
    candidates.sort(key=lambda c: (c.published.value if c.published else c.stored_at), reverse=True)
    return candidates


def _story_zones(session: Session, gazetteer: Gazetteer, story_of: dict[int, int]) -> dict[int, list[ZoneTag]]:
    """A story's zone tags: the union of its members' (a zone named only in one copy still reaches its
    subscribers); a zone that is the subject of any member is the story's subject, at its best score."""
    best: dict[int, dict[str, tuple[bool, float]]] = {}
    ids = list(story_of)
    for start in range(0, len(ids), 500):
        for tag in session.exec(select(ArticleZone).where(col(ArticleZone.article_id).in_(ids[start:start + 500]))).all():
            story = best.setdefault(story_of[tag.article_id], {})
            subject, score = story.get(tag.zone_id, (False, 0.0))
            story[tag.zone_id] = (subject or tag.role == "subject", max(score, tag.score))
    zones: dict[int, list[ZoneTag]] = {}
    for story_id, tags in best.items():
        for zone_id, (subject, score) in tags.items():
            zone = gazetteer.get(zone_id)
            zones.setdefault(story_id, []).append(
                ZoneTag(zone_id, zone.full_name if zone else zone_id, "subject" if subject else "mentioned", score))
    return zones


def _short(name: str) -> str:
    return name.removesuffix("省").removesuffix("市").removesuffix("自治区")


def matches(filters: SubscriptionFilters | Wanted, candidate: Candidate) -> bool:
    """Every non-empty filter group must match; within a group any value does (keywords: as `match` says)."""
    wanted = filters if isinstance(filters, Wanted) else Wanted.of(filters)
    if wanted.zones and wanted.zones.isdisjoint(candidate.zone_ids):
        return False
    if wanted.provinces and wanted.provinces.isdisjoint(candidate.province_keys):
        return False
    if wanted.cities and wanted.cities.isdisjoint(candidate.city_keys):
        return False
    if wanted.topics and wanted.topics.isdisjoint(candidate.topics):
        return False
    if wanted.people and wanted.people.isdisjoint(candidate.named):
        return False
    if wanted.types and candidate.content_type not in wanted.types:
        return False
    if wanted.sources and candidate.source not in wanted.sources:
        return False
    text = candidate.text
    if wanted.keywords:
        found = (k in text for k in wanted.keywords)
        if not (all(found) if wanted.match_all else any(found)):
            return False
    return not any(k in text for k in wanted.exclude)


class CandidateIndex:
    """A run's candidates indexed by what filters compare, so that a subscription's matches are found by
    set operations over the few values it names instead of testing every candidate (10,000 subscribers
    over a window of 5,000 articles: 50 million `matches` calls). ``select`` returns exactly the
    candidates for which `matches` is true (tests/test_digest_matching.py compares the two), as positions
    in the candidates' order (newest first); each distinct filter is worked out once per run."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self._all = frozenset(range(len(candidates)))
        self._zones: dict[str, set[int]] = {}
        self._provinces: dict[str, set[int]] = {}
        self._cities: dict[str, set[int]] = {}
        self._topics: dict[str, set[int]] = {}
        self._named: dict[str, set[int]] = {}
        self._types: dict[str | None, set[int]] = {}
        self._sources: dict[str, set[int]] = {}
        for i, c in enumerate(candidates):
            for index, values in ((self._zones, c.zone_ids), (self._provinces, c.province_keys),
                                  (self._cities, c.city_keys), (self._topics, c.topics), (self._named, c.named)):
                for value in values:
                    index.setdefault(value, set()).add(i)
            self._types.setdefault(c.content_type, set()).add(i)
            self._sources.setdefault(c.source, set()).add(i)
        self._keyword: dict[str, frozenset[int]] = {}
        self._selected: dict[Wanted, frozenset[int]] = {}

    def _with(self, word: str) -> frozenset[int]:
        found = self._keyword.get(word)
        if found is None:
            found = self._keyword[word] = frozenset(i for i, c in enumerate(self.candidates) if word in c.text)
        return found

    @staticmethod
    def _any(index: dict, values: Iterable) -> set[int]:  # type: ignore[type-arg]
        out: set[int] = set()
        for value in values:
            out |= index.get(value, set())
        return out

    def select(self, wanted: Wanted) -> frozenset[int]:
        found = self._selected.get(wanted)
        if found is not None:
            return found
        groups: list[set[int] | frozenset[int]] = [
            self._any(index, values) for index, values in (
                (self._zones, wanted.zones), (self._provinces, wanted.provinces), (self._cities, wanted.cities),
                (self._topics, wanted.topics), (self._named, wanted.people), (self._types, wanted.types),
                (self._sources, wanted.sources)) if values]
        if wanted.keywords:
            sets = [self._with(k) for k in wanted.keywords]
            groups.append(frozenset.intersection(*sets) if wanted.match_all else frozenset().union(*sets))
        selected = set(self._all)
        for group in sorted(groups, key=len):
            selected &= group
            if not selected:
                break
        for word in wanted.exclude:
            if selected:
                selected -= self._with(word)
        found = self._selected[wanted] = frozenset(selected)
        return found
