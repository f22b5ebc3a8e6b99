"""The interface every kind of source implements: discover item URLs, then parse pages.

``discover`` does I/O through the shared Fetcher; ``parse`` is pure (RawPage in,
articles out), so it is tested on saved pages.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import ClassVar

from bs4 import BeautifulSoup

from monitor.decoding import decode_html
from monitor.errors import FetchError, SourceError
from monitor.extract import extract_article
from monitor.fetch import Fetcher
from monitor.items import ExtractedArticle, RawPage
from monitor.sourcesfile import SourceConfig
from monitor.urls import canonical_url, is_html_like, resolve

__all__ = ["Scraper", "decode_page", "item_links"]


class Scraper(ABC):
    kind: ClassVar[str]

    @abstractmethod
    async def discover(self, source: SourceConfig, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        """Item URLs (canonical) that the source lists now, newest first."""

    def parse(self, source: SourceConfig, page: RawPage) -> list[ExtractedArticle]:
        """Articles on an item page (usually one)."""
        text = decode_page(source, page)
        return [extract_article(text, canonical_url(page.final_url), source.selectors, source.tz)]


def decode_page(source: SourceConfig, page: RawPage) -> str:
    text, _encoding = decode_html(page.content, page.content_type, source.encoding)
    return text


def item_links(source: SourceConfig, page_url: str, hrefs: list[str]) -> list[str]:
    """Resolve, filter (hosts, types, url_pattern) and canonicalise the links of a list page or feed."""
    import re
    from urllib.parse import urlsplit

    allowed = {urlsplit(source.url).hostname, *source.allowed_hosts}
    pattern = re.compile(source.url_pattern) if source.url_pattern else None
    found: list[str] = []
    for href in hrefs:
        absolute = resolve(page_url, href)
        if absolute is None or urlsplit(absolute).hostname not in allowed:
            continue
        if "html" in source.include_types and len(source.include_types) == 1 and not is_html_like(absolute):
            continue
        if pattern and not pattern.search(absolute):
            continue
        found.append(canonical_url(absolute))
    return list(dict.fromkeys(found))


async def fetch_listing(source: SourceConfig, fetcher: Fetcher, url: str) -> tuple[RawPage, BeautifulSoup]:
    try:
        page = await fetcher.get(url)
    except FetchError as exc:
        raise SourceError(source.name, f"cannot fetch {url}: {exc}") from exc
    try:
        text = decode_page(source, page)
    except Exception as exc:
        raise SourceError(source.name, f"cannot decode {url}: {exc}") from exc
    return page, BeautifulSoup(text, "lxml")
