"""Kind ``feed``: RSS or Atom, parsed by feedparser (it copes with the malformed feeds sites serve)."""

from __future__ import annotations

from datetime import datetime

import feedparser

from monitor.errors import FetchError, SourceError
from monitor.fetch import Fetcher
from monitor.sourcesfile import SourceConfig

from .base import Scraper, item_links


class FeedScraper(Scraper):
    kind = "feed"

    async def discover(self, source: SourceConfig, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        try:
            page = await fetcher.get(source.url)
        except FetchError as exc:
            raise SourceError(source.name, f"cannot fetch feed: {exc}") from exc
        parsed = feedparser.parse(page.content, response_headers={"content-location": page.final_url})
        if not parsed.entries and (parsed.bozo or not parsed.feed):
            reason = getattr(parsed, "bozo_exception", "no entries")
            raise SourceError(source.name, f"{source.url} is not a readable RSS/Atom feed: {reason}")
        hrefs = [str(entry.get("link")) for entry in parsed.entries if entry.get("link")]
        return item_links(source, page.final_url, hrefs)
