"""Kind ``html``: a list page, a CSS selector for article links, pagination up to max_pages."""

from __future__ import annotations

from datetime import datetime

from monitor.fetch import Fetcher
from monitor.sourcesfile import SourceConfig
from monitor.urls import resolve

from .base import Scraper, fetch_listing, item_links


class HtmlListScraper(Scraper):
    kind = "html"

    async def discover(self, source: SourceConfig, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        assert source.links is not None
        found: list[str] = []
        url: str | None = source.url
        seen_pages: set[str] = set()
        while url and url not in seen_pages and len(seen_pages) < source.max_pages:
            seen_pages.add(url)
            page, soup = await fetch_listing(source, fetcher, url)
            hrefs = [str(a.get("href")) for a in soup.select(source.links) if a.get("href")]
            found.extend(item_links(source, page.final_url, hrefs))
            url = None
            if source.next_page:
                nxt = soup.select_one(source.next_page)
                if nxt is not None and nxt.get("href"):
                    url = resolve(page.final_url, str(nxt.get("href")))
        return list(dict.fromkeys(found))
