"""Kind ``sitemap``: an XML sitemap, a Google News sitemap, or a sitemap index of either.

Parsed with defusedxml, which refuses entity declarations (billion laughs) and external
entities (XXE). Gzipped sitemaps (``.xml.gz``) are inflated up to the page size cap. A
sitemap index is followed one level down, newest child sitemaps first, at most
``max_pages`` of them; entries dated before ``since`` are left out.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from monitor.errors import SourceError
from monitor.fetch.fetcher import Fetcher
from monitor.items import RawPage
from monitor.timefmt import parse_cli_date

from .base import LinkFilteredSource, PagedSource, Scraper, fetch_listing_page, item_links

__all__ = ["SitemapScraper", "SitemapEntry", "SitemapSource", "parse_sitemap"]

MAX_SITEMAP_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed


class SitemapSource(PagedSource, LinkFilteredSource):
    kind: Literal["sitemap"]  # max_pages: child sitemaps of an index read per run


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    when: datetime | None
    is_sitemap: bool  # an entry of a sitemap index


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _when(text: str | None) -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        value = parse_cli_date(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _child_text(element: Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text:
            return child.text
    return None


def parse_sitemap(source: LinkFilteredSource, page: RawPage) -> list[SitemapEntry]:
    """Pure: the entries of a sitemap or sitemap index, newest first."""
    content = page.content
    if content[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        content = inflater.decompress(content, MAX_SITEMAP_BYTES)
        if inflater.unconsumed_tail:
            raise SourceError(source.name, f"{page.url}: gzipped sitemap inflates beyond {MAX_SITEMAP_BYTES} bytes")
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SourceError(source.name, f"{page.url}: sitemap refused ({type(exc).__name__}: DTDs and entities are not accepted)") from None
    except ElementTree.ParseError as exc:
        raise SourceError(source.name, f"{page.url} is not a readable XML sitemap: {exc}") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SourceError(source.name, f"{page.url} is not a sitemap (root element <{kind}>)")
    entries: list[SitemapEntry] = []
    for element in root:
        if _local(element.tag) not in ("url", "sitemap"):
            continue
        loc = next((c.text.strip() for c in element if _local(c.tag) == "loc" and c.text), None)
        if not loc:
            continue
        # A news sitemap's publication date is the article's; lastmod may be any later edit.
        when = _when(_child_text(element, "publication_date")) or _when(_child_text(element, "lastmod"))
        entries.append(SitemapEntry(loc, when, kind == "sitemapindex"))
    entries.sort(key=lambda e: e.when or datetime.min.replace(tzinfo=UTC), reverse=True)
    return entries


def _recent(entries: list[SitemapEntry], since: datetime | None) -> list[SitemapEntry]:
    return [e for e in entries if since is None or e.when is None or e.when >= since]


class SitemapScraper(Scraper[SitemapSource]):
    name = "sitemap"
    config = SitemapSource

    async def discover(self, source: SitemapSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        page = await fetch_listing_page(source, fetcher, source.url)
        if page is None:
            return []
        entries = _recent(parse_sitemap(source, page), since)
        children = [e.url for e in entries if e.is_sitemap][: source.max_pages]
        urls = [e.url for e in entries if not e.is_sitemap]
        found = item_links(source, page.final_url, urls)
        for child_url in children:
            child = await fetch_listing_page(source, fetcher, child_url, missing_ok=True)
            if child is None:
                continue
            child_entries = [e for e in _recent(parse_sitemap(source, child), since) if not e.is_sitemap]
            found.extend(item_links(source, child.final_url, [e.url for e in child_entries]))
        return list(dict.fromkeys(found))
