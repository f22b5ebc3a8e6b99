"""Kind ``html``: a list page, a CSS selector for article links, pagination up to max_pages."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from bs4 import BeautifulSoup

from monitor.fetch.fetcher import Fetcher
from monitor.fetch.urls import resolve
from monitor.sourcesfile import CssSelector

from .base import LinkFilteredSource, PagedSource, Scraper, fetch_listing, item_links

__all__ = ["HtmlListScraper", "HtmlSource", "list_page_links"]


class HtmlSource(PagedSource, LinkFilteredSource):
    kind: Literal["html"]
    links: CssSelector  # the article links of a list page
    next_page: CssSelector | None = None  # the link to the next list page


def list_page_links(source: HtmlSource, page_url: str, soup: BeautifulSoup) -> tuple[list[str], str | None]:
    """Pure: the item URLs of one list page and the URL of the next one."""
    hrefs = [str(a.get("href")) for a in soup.select(source.links) if a.get("href")]
    next_url = None
    if source.next_page:
        nxt = soup.select_one(source.next_page)
        if nxt is not None and nxt.get("href"):
            next_url = resolve(page_url, str(nxt.get("href")))
    return item_links(source, page_url, hrefs), next_url


class HtmlListScraper(Scraper[HtmlSource]):
    name = "html"
    config = HtmlSource

    async def discover(self, source: HtmlSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        found: list[str] = []
        url: str | None = source.url
        seen_pages: set[str] = set()
        while url and url not in seen_pages and len(seen_pages) < source.max_pages:
            seen_pages.add(url)
            listing = await fetch_listing(source, fetcher, url)
            if listing is None:  # 304: this page, and so the ones after it, list nothing new
                break
            page, soup = listing
            links, url = list_page_links(source, page.final_url, soup)
            found.extend(links)
        return list(dict.fromkeys(found))
