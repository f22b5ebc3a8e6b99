"""Kind ``epaper``: a newspaper's e-paper edition, laid out by date and page.

``url`` is a template such as ``https://paper.example.cn/html/{date:%Y-%m/%d}/node_{page}.htm``:
``{date}`` is the edition's date in the source's timezone (any strftime format after the
colon), ``{page}`` the page number (1 for the edition's first page). The first page lists
the edition's pages (``pages`` selector); every page lists its articles (``links``).
Editions are tried from today back to ``since`` (the last successful run, less the crawl's
overlap), so the editions published while the service was down are read too: at most
``max_editions`` days (a warning says when that cuts some off); without ``since``, today and
yesterday. An edition that does not exist (404) is skipped: papers do not appear every day,
and today's may not be out yet.
"""

from __future__ import annotations

import logging
import string
from datetime import date, datetime, timedelta
from typing import Literal

from bs4 import BeautifulSoup
from pydantic import field_validator

from monitor.fetch.fetcher import Fetcher
from monitor.fetch.urls import canonical_url, resolve
from monitor.sourcesfile import CssSelector, check_url, unknown_name
from monitor.timefmt import utcnow

from .base import EditionSource, LinkFilteredSource, PagedSource, Scraper, fetch_listing, item_links

__all__ = ["EpaperScraper", "EpaperSource", "edition_url", "edition_pages", "page_articles"]

log = logging.getLogger(__name__)
TEMPLATE_FIELDS = ("date", "page")


class EpaperSource(PagedSource, EditionSource, LinkFilteredSource):
    kind: Literal["epaper"]
    links: CssSelector  # the article links of an e-paper page
    pages: CssSelector | None = None  # the links from an edition's first page to its other pages

    @field_validator("url")
    @classmethod
    def _template(cls, value: str) -> str:
        """Only {date} (with a strftime format) and {page} are known; a typo such as {data:%Y} is refused here,
        not met as a KeyError when the source runs."""
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise ValueError(f"not a valid URL template: {exc} (write {{date:%Y-%m/%d}} and {{page}})") from None
        for name in names:
            if name not in TEMPLATE_FIELDS:
                raise unknown_name("URL template placeholder", name, TEMPLATE_FIELDS)
        try:
            example = value.format(date=date(2024, 1, 2), page=1)
        except (ValueError, IndexError) as exc:
            raise ValueError(f"not a valid URL template: {exc}") from None
        return check_url(example) and value


def edition_url(source: EpaperSource, day: date, page: int = 1) -> str:
    return source.url.format(date=day, page=page)


def edition_pages(source: EpaperSource, page_url: str, soup: BeautifulSoup) -> list[str]:
    """Pure: the page URLs an edition's first page links to (itself excluded)."""
    if not source.pages:
        return []
    hrefs = [str(a.get("href")) for a in soup.select(source.pages) if a.get("href")]
    own = canonical_url(page_url)
    pages = [canonical_url(u) for u in (resolve(page_url, h) for h in hrefs) if u]
    return [p for p in dict.fromkeys(pages) if p != own]


def page_articles(source: EpaperSource, page_url: str, soup: BeautifulSoup) -> list[str]:
    """Pure: the article URLs of one e-paper page."""
    return item_links(source, page_url, [str(a.get("href")) for a in soup.select(source.links) if a.get("href")])


class EpaperScraper(Scraper[EpaperSource]):
    name = "epaper"
    config = EpaperSource

    def today(self, source: EpaperSource) -> date:
        return utcnow().astimezone(source.tz).date()

    def edition_days(self, source: EpaperSource, since: datetime | None) -> list[date]:
        today = self.today(source)
        first = since.astimezone(source.tz).date() if since else today - timedelta(days=1)
        days = max(0, (today - first).days)
        if days >= source.max_editions:
            log.warning("source %s: %d days of editions since %s; reading the newest %d (max_editions)",
                        source.name, days + 1, first.isoformat(), source.max_editions)
            days = source.max_editions - 1
        return [today - timedelta(days=n) for n in range(days + 1)]

    async def discover(self, source: EpaperSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        found: list[str] = []
        for day in self.edition_days(source, since):
            first_url = edition_url(source, day, 1)
            listing = await fetch_listing(source, fetcher, first_url, missing_ok=True)
            if listing is None:  # no edition that day, or unchanged since the last run
                continue
            page, soup = listing
            found.extend(page_articles(source, page.final_url, soup))
            for page_url in edition_pages(source, page.final_url, soup)[: source.max_pages - 1]:
                other = await fetch_listing(source, fetcher, page_url, missing_ok=True)
                if other is not None:
                    found.extend(page_articles(source, other[0].final_url, other[1]))
        return list(dict.fromkeys(found))
