"""Atom feeds of the archive: per zone, per topic, per subscription (a signed link), and the latest stories.

    /feeds/zone/{zone_id}.atom     stories tagged with the zone (an id, or any of its names)
    /feeds/topic/{topic_id}.atom   stories tagged with the topic
    /feeds/s/{token}.atom          stories that a subscription's filters match (tokens.feed_link makes the URL)
    /feeds/latest.atom             the newest stories of the archive

Each entry is one story (the canonical article of its cluster): title, link, publish date, source (its
title, else the host), tags (zones, topics and people as Atom categories) and the lead paragraph as the
summary, never the whole body: the feeds point readers to the publishers' pages. The XML is written by
feedgen (lxml), so it is well-formed whatever a scraped title holds; characters XML 1.0 cannot carry at
all (most C0 controls) are dropped first, since lxml refuses them.

A subscription feed matches the stories stored in the last SUBSCRIPTION_DAYS days with the digest's own
filter (``matching.matches``), so a feed shows what the emails would have; the zone and topic feeds are
the newest FEED_ENTRIES stories whatever their age. Handlers are plain ``def``: Starlette runs them in its
thread pool, so database reads never block the event loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from monitor.digest import wording
from monitor.digest.build import make_lead, source_label, web_link
from monitor.digest.matching import Candidate, load_candidates, matches
from monitor.digest.subscribers import subscription_filters
from monitor.digest.tokens import feed_link, read_token
from monitor.settings import Settings
from monitor.store.models import Subscription
from monitor.store.queries import ArticleFilter, list_articles
from monitor.tag.gazetteer import Gazetteer, load_gazetteer
from monitor.tag.topics import load_taxonomy
from monitor.timefmt import utcnow

__all__ = ["ATOM_TYPE", "FEED_ENTRIES", "SUBSCRIPTION_DAYS", "FeedInfo", "build_atom", "feed_routes",
           "subscription_feed_url", "zone_feed_path", "topic_feed_path", "LATEST_FEED_PATH"]

ATOM_TYPE = "application/atom+xml"
FEED_ENTRIES = 50
SUBSCRIPTION_DAYS = 30
LATEST_FEED_PATH = "/feeds/latest.atom"
_ENTRY_ID = "tag:zone-monitor.invalid,2024:article:{}"  # stable across base URLs and article URL changes
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def zone_feed_path(zone_id: str) -> str:
    return f"/feeds/zone/{zone_id}.atom"


def topic_feed_path(topic_id: str) -> str:
    return f"/feeds/topic/{topic_id}.atom"


def subscription_feed_url(settings: Settings, subscription_id: int) -> str:
    """The signed feed URL of one subscription, for its manage page."""
    return feed_link(settings.base_url, settings.secret_key, subscription_id)


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What a feed is: its own URL (its Atom id too), its title, and the page readers see it on."""

    self_url: str
    title: str
    page_url: str


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _site(link: str) -> str:
    """The home page of the site a link is on."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}/"


def _when(candidate: Candidate) -> datetime:
    return candidate.published.value if candidate.published else candidate.stored_at


def build_atom(feed: FeedInfo, stories: list[Candidate], gazetteer: Gazetteer, base_url: str) -> bytes:
    """The Atom document (UTF-8) of `stories`, newest first as given. A pure function of its arguments."""
    topics = {t.id: t.zh for t in load_taxonomy().topics}
    base = base_url.rstrip("/")
    generator = FeedGenerator()
    generator.id(feed.self_url)
    generator.title(_text(feed.title))
    generator.author({"name": wording.BRAND})
    generator.link(href=feed.self_url, rel="self", type=ATOM_TYPE)
    generator.link(href=feed.page_url, rel="alternate", type="text/html")
    generator.language("zh-CN")
    generator.updated(max((_when(s) for s in stories), default=utcnow()))
    for story in stories:
        entry = generator.add_entry(order="append")
        entry.id(_ENTRY_ID.format(story.id))
        entry.title(_text(story.title) or wording.BRAND)
        link = web_link(story.url)
        if link:
            entry.link(href=link, rel="alternate", type="text/html")
        entry.updated(_when(story))
        if story.published:
            entry.published(story.published.value)
        source = _text(story.shown_source or source_label(story.url))
        if story.author:
            entry.author({"name": _text(story.author)})
        entry.source(url=_site(link) if link else None, title=source)
        for zone in story.zones:
            zone_row = gazetteer.get(zone.zone_id)
            entry.category(term=zone.zone_id, label=_text(zone_row.full_name if zone_row else zone.name),
                           scheme=f"{base}/feeds/zone/")
        for topic in story.topics:
            entry.category(term=topic, label=topics.get(topic, topic), scheme=f"{base}/feeds/topic/")
        for person in dict.fromkeys(story.people):
            entry.category(term=_text(person), label=f"{wording.PEOPLE_LABEL}：{_text(person)}",
                           scheme=f"{base}/people/")
        entry.summary(_text(make_lead(story.body)))
    return bytes(generator.atom_str(pretty=True))


def _atom(body: bytes) -> Response:
    return Response(body, media_type=f"{ATOM_TYPE}; charset=utf-8")


def _not_found(message: str) -> Response:
    return PlainTextResponse(message, status_code=404)


def feed_routes(settings: Settings, engine: Engine) -> list[Route]:
    """The feed routes of the web app (create_app adds them)."""
    base = settings.base_url.rstrip("/")

    def newest(session: Session, gazetteer: Gazetteer, filters: ArticleFilter) -> list[Candidate]:
        names = {z.id: z.full_name for z in gazetteer.zones}
        ids = [view.id for view in list_articles(session, filters, names)]
        return load_candidates(session, gazetteer, ids=ids)

    def zone_feed(request: Request) -> Response:
        gazetteer = load_gazetteer()
        asked = request.path_params["zone_id"]
        zone = gazetteer.find(asked)
        if zone is None:
            return _not_found(wording.FEED_NOT_FOUND["zone"].format(value=asked))
        with Session(engine) as session:
            stories = newest(session, gazetteer, ArticleFilter(zones=(zone.id,), canonical_only=True, limit=FEED_ENTRIES))
        info = FeedInfo(f"{base}{zone_feed_path(zone.id)}", wording.feed_title(zone.full_name), f"{base}/archive?zone={zone.id}")
        return _atom(build_atom(info, stories, gazetteer, base))

    def topic_feed(request: Request) -> Response:
        gazetteer, taxonomy = load_gazetteer(), load_taxonomy()
        asked = request.path_params["topic_id"]
        topic = taxonomy.get(asked)
        if topic is None:
            choices = "、".join(f"{t.id}（{t.zh}）" for t in taxonomy.topics)
            return _not_found(wording.FEED_NOT_FOUND["topic"].format(value=asked, choices=choices))
        with Session(engine) as session:
            stories = newest(session, gazetteer, ArticleFilter(topics=(topic.id,), canonical_only=True, limit=FEED_ENTRIES))
        info = FeedInfo(f"{base}{topic_feed_path(topic.id)}", wording.feed_title(topic.zh), f"{base}/archive?topic={topic.id}")
        return _atom(build_atom(info, stories, gazetteer, base))

    def subscription_feed(request: Request) -> Response:
        token = request.path_params["token"]
        subscription_id = read_token(settings.secret_key, "feed", token)
        gazetteer = load_gazetteer()
        with Session(engine) as session:
            row = session.get(Subscription, subscription_id) if subscription_id is not None else None
            if row is None:
                return _not_found(wording.FEED_NOT_FOUND["subscription"])
            wanted = subscription_filters(row)
            recent = load_candidates(session, gazetteer, stored_after=utcnow() - timedelta(days=SUBSCRIPTION_DAYS))
        stories = [story for story in recent if matches(wanted, story)][:FEED_ENTRIES]
        info = FeedInfo(f"{base}/feeds/s/{token}.atom", wording.feed_title(wording.FEED_SUBSCRIPTION), f"{base}/archive")
        return _atom(build_atom(info, stories, gazetteer, base))

    def latest_feed(_request: Request) -> Response:
        gazetteer = load_gazetteer()
        with Session(engine) as session:
            stories = newest(session, gazetteer, ArticleFilter(canonical_only=True, limit=FEED_ENTRIES))
        info = FeedInfo(f"{base}{LATEST_FEED_PATH}", wording.feed_title(wording.FEED_LATEST), f"{base}/archive")
        return _atom(build_atom(info, stories, gazetteer, base))

    return [
        Route("/feeds/zone/{zone_id}.atom", zone_feed, methods=["GET"]),
        Route("/feeds/topic/{topic_id}.atom", topic_feed, methods=["GET"]),
        Route("/feeds/s/{token}.atom", subscription_feed, methods=["GET"]),
        Route(LATEST_FEED_PATH, latest_feed, methods=["GET"]),
    ]
