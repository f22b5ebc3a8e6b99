"""Kind ``feed``: RSS or Atom, parsed by feedparser (it copes with the malformed feeds sites serve).

feedparser parses with a SAX parser whose external-entity and DTD resolution is off, so
neither XXE nor billion-laughs expansion happens (tests/test_scrapers.py checks both).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

import feedparser

from monitor.fetch.fetcher import Fetcher
from monitor.items import RawPage

from .base import LinkFilteredSource, Scraper, fetch_listing_page, item_links

__all__ = ["FeedScraper", "FeedSource", "feed_links"]


class FeedSource(LinkFilteredSource):
    kind: Literal["feed"]


def feed_links(source: LinkFilteredSource, page: RawPage, since: datetime | None = None) -> list[str]:
    """Pure: the item URLs of a feed, newest first; entries dated before ``since`` are left out."""
    from monitor.errors import SourceError

    try:
        parsed = feedparser.parse(page.content, response_headers={"content-location": page.final_url,
                                                                  "content-type": page.content_type or "application/xml"})
    except ValueError as exc:  # feedparser's own crashes on hostile input, e.g. UnicodeError for "&#xD800;"
        raise SourceError(source.name, f"{page.url} is not a readable RSS/Atom feed: {type(exc).__name__}: {exc}") from None
    if not parsed.entries and (parsed.bozo or not parsed.feed or parsed.version == ""):
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise SourceError(source.name, f"{page.url} is not a readable RSS/Atom feed: {reason}")
    dated: list[tuple[datetime | None, str]] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime(*struct[:6], tzinfo=UTC) if struct else None
        if since is not None and when is not None and when < since:
            continue
        dated.append((when, str(link)))
    dated.sort(key=lambda pair: pair[0] or datetime.max.replace(tzinfo=UTC), reverse=True)
    return item_links(source, page.final_url, [link for _when, link in dated])


class FeedScraper(Scraper[FeedSource]):
    name = "feed"
    config = FeedSource

    async def discover(self, source: FeedSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        page = await fetch_listing_page(source, fetcher, source.url)
        return [] if page is None else feed_links(source, page, since)
