"""Kind ``html``: a list page, its article links and pagination up to max_pages.

With ``links`` (a CSS selector) the article links are those it selects and the next page is the
one ``next_page`` selects. Without ``links`` they are found (scrapers/linkdiscovery.py: the page's
repeated block of links sharing the site's article URL pattern; scrapers/pagination.py: the next
list page); and when ``url`` is a site's home page, the site's feed (``<link rel="alternate">``)
or its sitemaps (robots.txt ``Sitemap:``) are read instead when it has them
(scrapers/homefeeds.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, TypeVar
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from monitor.errors import FetchError, SourceError, Undecodable
from monitor.fetch.fetcher import Fetcher
from monitor.fetch.urls import resolve
from monitor.items import RawPage
from monitor.sourcesfile import CssSelector

from .base import (
    Discovered,
    LinkFilteredSource,
    PagedSource,
    Scraper,
    decode_page,
    fetch_listing_page,
    item_links,
    offloaded,
)
from .feed import FeedScraper, FeedSource
from .homefeeds import feed_link, is_home_url, robots_url, sitemaps_in_robots
from .linkdiscovery import ListDiscovery, discover_list, expand_datastore
from .pagination import NextPage
from .sitemap import SitemapScraper, SitemapSource

__all__ = ["HtmlListScraper", "HtmlSource", "ListedLinks", "discovered_links", "list_page_links", "selector_links"]


class HtmlSource(PagedSource, LinkFilteredSource):
    kind: Literal["html"]
    links: CssSelector | None = None  # the article links of a list page; unset: found without a selector
    next_page: CssSelector | None = None  # the link to the next list page; unset without `links`: found too


KindT = TypeVar("KindT", FeedSource, SitemapSource)


def list_page_links(source: HtmlSource, page_url: str, soup: BeautifulSoup) -> tuple[list[str], str | None]:
    """Pure: the item URLs of one list page (by the ``links`` selector) and the URL of the next one."""
    hrefs = [str(a.get("href")) for a in soup.select(source.links or "a[href]") if a.get("href")]
    next_url = None
    if source.next_page:
        nxt = soup.select_one(source.next_page)
        if nxt is not None and nxt.get("href"):
            next_url = resolve(page_url, str(nxt.get("href")))
    return item_links(source, page_url, hrefs), next_url


@dataclass(frozen=True, slots=True)
class ListedLinks:
    """What ``selector_links`` read of a list page: its item URLs and next page, or why it is undecodable."""

    links: tuple[str, ...]
    next_url: str | None
    undecodable: str | None = None


def selector_links(source: HtmlSource, page: RawPage) -> ListedLinks:
    """Pure, in a crawl's worker process (``offloaded``): a list page's item URLs by the ``links`` selector and its
    next page (parsing one took ~2.7 ms of the service's event loop, issue 23). Errors come back as values: the
    monitor's exceptions do not cross a process boundary."""
    try:
        text = decode_page(source, page)
    except Undecodable as exc:
        return ListedLinks((), None, str(exc))
    links, next_url = list_page_links(source, page.final_url, BeautifulSoup(expand_datastore(text), "lxml"))
    return ListedLinks(tuple(links), next_url)


def _list_soup(source: HtmlSource, page: RawPage) -> BeautifulSoup:
    """The list page as a browser shows it: Hanweb's records written out of their XML script, so selectors see them."""
    try:
        text = decode_page(source, page)
    except Undecodable as exc:
        raise SourceError(source.name, f"cannot decode {page.url}: {exc}") from exc
    return BeautifulSoup(expand_datastore(text), "lxml")


def discovered_links(source: HtmlSource, page: RawPage) -> tuple[ListDiscovery, list[str]]:
    """Pure: a list page's links found without a selector, and those of them the source's filters keep
    (of a home page: those of each of its news lists)."""
    hosts = frozenset(h.lower() for h in (urlsplit(source.url).hostname, urlsplit(page.final_url).hostname,
                                          *source.allowed_hosts) if h)
    soup = _list_soup(source, page)
    found = discover_list(soup, page.final_url, hosts, several=is_home_url(page.url))
    if source.next_page:  # a hand-written next-page selector wins over the found one
        nxt = soup.select_one(source.next_page)
        next_url = resolve(page.final_url, str(nxt.get("href"))) if nxt is not None and nxt.get("href") else None
        found = replace(found, next_page=NextPage(next_url, f"next_page selector {source.next_page!r}") if next_url else None)
    return found, item_links(source, page.final_url, [link.url for link in found.links])


def _as_kind(source: HtmlSource, model: type[KindT], url: str) -> KindT:
    """The source as a feed or sitemap source of ``url``: same name, filters and limits."""
    shared = source.model_dump(include=set(model.model_fields) - {"kind", "url"})
    return model.model_validate({**shared, "kind": model.model_fields["kind"].annotation.__args__[0], "url": url})


class HtmlListScraper(Scraper[HtmlSource]):
    name = "html"
    config = HtmlSource

    async def discover(self, source: HtmlSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        return list((await self.discover_explained(source, fetcher, since)).urls)

    async def discover_explained(self, source: HtmlSource, fetcher: Fetcher, since: datetime | None = None) -> Discovered:
        if source.links:
            return await self._by_selector(source, fetcher)
        tried: list[str] = []  # feeds or sitemaps a home page named that could not be read: said, then the list is read
        if is_home_url(source.url):
            from_home = await self._from_feed_or_sitemap(source, fetcher, since, tried)
            if from_home is not None:
                return from_home
        found = await self._by_discovery(source, fetcher)
        return replace(found, reasons=(*tried, *found.reasons))

    async def _by_selector(self, source: HtmlSource, fetcher: Fetcher) -> Discovered:
        found: list[str] = []
        url: str | None = source.url
        seen_pages: set[str] = set()
        while url and url not in seen_pages and len(seen_pages) < source.max_pages:
            seen_pages.add(url)
            page = await fetch_listing_page(source, fetcher, url)
            if page is None:  # 304: this page, and so the ones after it, list nothing new
                break
            listed = await offloaded(selector_links, source, page)
            if listed.undecodable is not None:
                raise SourceError(source.name, f"cannot decode {page.url}: {listed.undecodable}")
            url = listed.next_url
            found.extend(listed.links)
        urls = tuple(dict.fromkeys(found))
        return Discovered(urls, (f"links selector {source.links!r} on {len(seen_pages)} list page(s)",))

    async def _by_discovery(self, source: HtmlSource, fetcher: Fetcher) -> Discovered:
        found: dict[str, str] = {}
        reasons: list[str] = []
        url: str | None = source.url
        seen_pages: set[str] = set()
        while url and url not in seen_pages and len(seen_pages) < source.max_pages:
            seen_pages.add(url)
            page = await fetch_listing_page(source, fetcher, url)
            if page is None:
                reasons.append(f"{url}: not changed since the last run (304), so no newer list pages either")
                break
            discovery, kept = discovered_links(source, page)
            reasons.append(f"list page {page.final_url}:")
            reasons.extend(f"  {line}" for line in discovery.reasons())
            notes = {link.url: " · ".join(x for x in (link.date, link.text) if x) for link in discovery.links}
            for link in kept:
                found.setdefault(link, notes.get(link, ""))
            url = discovery.next_page.url if discovery.next_page else None
        if url and url not in seen_pages:
            reasons.append(f"stopped at max_pages={source.max_pages}; next would be {url}")
        return Discovered(tuple(found), tuple(reasons), tuple(found.values()))

    async def _from_feed_or_sitemap(self, source: HtmlSource, fetcher: Fetcher, since: datetime | None,
                                    tried: list[str]) -> Discovered | None:
        """The site's feed, else its sitemaps, when the home page or robots.txt name one that can be read; else None
        (what was named but could not be read is added to ``tried``)."""
        try:  # not conditional: an unchanged home page still names the feed
            page = await fetcher.get(source.url)
        except FetchError as exc:
            raise SourceError(source.name, f"cannot fetch {source.url}: {exc}") from exc
        feed = feed_link(_list_soup(source, page), page.final_url)
        if feed is not None:
            try:
                urls = await FeedScraper().discover(_as_kind(source, FeedSource, feed), fetcher, since)
                return Discovered(tuple(urls), (f"feed {feed} (the home page's <link rel=\"alternate\">): {len(urls)} item(s)",))
            except SourceError as exc:
                tried.append(f"feed {feed} named by the home page cannot be read ({exc}); trying robots.txt")
        robots = robots_url(page.final_url)
        try:
            robots_page = await fetcher.get(robots)  # not conditional: an unchanged robots.txt must still be read
        except FetchError:
            return None
        sitemaps = sitemaps_in_robots(robots_page.content.decode("utf-8", "replace"), robots)[: source.max_pages]
        found: list[str] = []
        read: list[str] = []
        for sitemap in sitemaps:
            try:
                found.extend(await SitemapScraper().discover(_as_kind(source, SitemapSource, sitemap), fetcher, since))
                read.append(sitemap)
            except SourceError as exc:
                tried.append(f"sitemap {sitemap} named by robots.txt cannot be read ({exc})")
        if not read:
            return None
        urls = tuple(dict.fromkeys(found))
        return Discovered(urls, (*tried, f"sitemap(s) {', '.join(read)} (robots.txt Sitemap:): {len(urls)} item(s)"))
