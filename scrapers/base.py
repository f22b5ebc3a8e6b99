"""The interface every kind of source implements, and the field groups kinds share.

A kind is one module of this package holding a config model (a :class:`SourceConfig` subclass with
``kind: Literal["its-name"]``, its own fields and its checks as validators) and a :class:`Scraper`
subclass whose ``name`` is that kind and whose ``config`` is that model. Field groups several kinds
have (list pages: :class:`PagedSource`; which links are items: :class:`LinkFilteredSource`) are
models here for a kind's config to inherit.

``discover`` does I/O through the shared Fetcher and returns canonical item URLs, newest
first; ``parse`` is pure (RawPage in, articles out), so it is tested on saved pages.
List pages, feeds and sitemaps are fetched with ``conditional=True``: when they answer 304
nothing new is listed, and ``discover`` returns no URLs (items still pending from earlier
runs are fetched by the pipeline all the same).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, Self, TypeVar
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from pydantic import Field, field_validator

from monitor.errors import FetchError, HTTPStatusError, SourceError, Undecodable
from monitor.extract import extract_article, field_origins
from monitor.fetch.decoding import decode_html
from monitor.fetch.fetcher import Fetcher, Validators
from monitor.fetch.urls import canonical_url, is_html_like, resolve
from monitor.items import ExtractedArticle, FieldOrigin, RawPage
from monitor.sourcesfile import DEFAULT_MAX_PAGES, SourceConfig

__all__ = [
    "CPU_WORK",
    "offloaded",
    "DEFAULT_MAX_EDITIONS", "Discovered", "EditionSource", "LinkFilteredSource", "PagedSource", "Scraper",
    "decode_page", "fetch_listing", "fetch_listing_page", "item_links", "split_into_articles"]

R = TypeVar("R")
# Where a scraper's pure CPU work (parsing a list page) runs: a crawl sets its worker processes' ``run`` here
# (monitor/itemwork.py), so that the event loop that fetches for hundreds of crawls does not parse; unset: inline.
CPU_WORK: ContextVar[Callable[..., Awaitable[Any]] | None] = ContextVar("scraper_cpu_work", default=None)


async def offloaded(work: Callable[..., R], *args: Any) -> R:
    """``work(*args)`` (pure, picklable, returns a value rather than raising) where the crawl runs CPU work."""
    run = CPU_WORK.get()
    return work(*args) if run is None else await run(work, *args)

_TYPE_SUFFIXES = {"pdf": (".pdf",), "doc": (".doc", ".docx"), "xls": (".xls", ".xlsx"), "image": (".jpg", ".jpeg", ".png", ".gif", ".webp")}

SourceT = TypeVar("SourceT", bound=SourceConfig)


class PagedSource(SourceConfig):
    """A kind that reads several list pages per run (list pages, e-paper pages, child sitemaps, API sections)."""

    max_pages: int = Field(default=DEFAULT_MAX_PAGES, ge=1, le=1000)

    @property
    def list_pages(self) -> int:
        return self.max_pages

    def with_list_pages(self, pages: int) -> Self:
        return self.model_copy(update={"max_pages": pages})


DEFAULT_MAX_EDITIONS = 7


class EditionSource(SourceConfig):
    """A kind that reads a newspaper's dated editions: every edition published since the last successful run
    (the first run: the latest), at most ``max_editions`` of them, the newest first."""

    max_editions: int = Field(default=DEFAULT_MAX_EDITIONS, ge=1, le=366)


class LinkFilteredSource(SourceConfig):
    """A kind whose listed links are filtered by :func:`item_links`: host, file type, URL pattern."""

    allowed_hosts: tuple[str, ...] = ()
    include_types: tuple[str, ...] = ("html",)
    url_pattern: str | None = None

    @field_validator("url_pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return value


@dataclass(frozen=True, slots=True)
class Discovered:
    """What ``discover`` found, with why: for `sources test`."""

    urls: tuple[str, ...]
    reasons: tuple[str, ...] = ()  # how the URLs were found (which feed, which list block and URL pattern, which pages)
    notes: tuple[str, ...] = ()  # per URL, same order: what was beside it (date, link text); may be empty


class Scraper(ABC, Generic[SourceT]):
    """One kind of source: ``name`` is the ``kind`` sources give, ``config`` the model they are validated by."""

    name: ClassVar[str]
    config: ClassVar[type[SourceConfig]]

    @abstractmethod
    async def discover(self, source: SourceT, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        """Item URLs (canonical) that the source lists now, newest first."""

    async def discover_explained(self, source: SourceT, fetcher: Fetcher, since: datetime | None = None) -> Discovered:
        """``discover`` with its reasons; a kind that finds links by judgement (html without ``links``) says how."""
        return Discovered(tuple(await self.discover(source, fetcher, since)))

    async def fetch(self, source: SourceT, fetcher: Fetcher, url: str,
                    validators: Validators | None = None) -> RawPage:
        """Fetch one item URL (a plugin whose items live behind an API overrides this)."""
        return await fetcher.get(url, validators)

    def parse(self, source: SourceT, page: RawPage) -> list[ExtractedArticle]:
        """Articles on an item page: usually one; one per signed piece on a multi-piece newspaper page."""
        text = decode_page(source, page)
        return split_into_articles(extract_article(text, canonical_url(page.final_url), source.selectors, source.tz))

    def field_origins(self, source: SourceT, page: RawPage) -> tuple[FieldOrigin, ...]:
        """For `sources test`: which fields of the item page ``parse`` reads come from the source's selectors."""
        return field_origins(decode_page(source, page), source.selectors, source.tz)


def split_into_articles(article: ExtractedArticle) -> list[ExtractedArticle]:
    """A page with several signed pieces becomes one article per piece, at ``URL#piece-N`` (N from 1,
    in page order), each with the page's date, source and headline (its ``page_title``); the page itself
    is not stored as an article."""
    if not article.pieces:
        return [article]
    return [
        ExtractedArticle(url=f"{article.url}#piece-{number}", title=piece.headline, body=piece.body,
                         published=article.published, author=piece.author, author_post=piece.author_post,
                         source_name=article.source_name, page_title=article.title or None)
        for number, piece in enumerate(article.pieces, start=1)
    ]


def decode_page(source: SourceConfig, page: RawPage) -> str:
    text, _encoding = decode_html(page.content, page.content_type, source.encoding)
    return text


def _type_allowed(source: LinkFilteredSource, url: str) -> bool:
    if is_html_like(url):
        return True
    path = urlsplit(url).path.lower()
    return any(path.endswith(suffix) for kind in source.include_types for suffix in _TYPE_SUFFIXES.get(kind, (f".{kind}",)))


def item_links(source: LinkFilteredSource, page_url: str, hrefs: list[str]) -> list[str]:
    """Resolve, filter (allowed hosts, include_types, url_pattern) and canonicalise links; order kept, no repeats."""
    allowed = {(urlsplit(source.url).hostname or "").lower(), *(h.lower() for h in source.allowed_hosts)}
    pattern = re.compile(source.url_pattern) if source.url_pattern else None
    found: list[str] = []
    for href in hrefs:
        absolute = resolve(page_url, href)
        if absolute is None or (urlsplit(absolute).hostname or "").lower() not in allowed:
            continue
        if not _type_allowed(source, absolute):
            continue
        if pattern and not pattern.search(absolute):
            continue
        found.append(canonical_url(absolute))
    return list(dict.fromkeys(found))


async def fetch_listing_page(source: SourceConfig, fetcher: Fetcher, url: str, *, missing_ok: bool = False) -> RawPage | None:
    """A list page, feed or sitemap, conditionally; None when it has not changed (304) or, with missing_ok, is 404/410."""
    try:
        page = await fetcher.get(url, conditional=True)
    except HTTPStatusError as exc:
        if missing_ok and exc.status in (404, 410):
            return None
        raise SourceError(source.name, f"cannot fetch {url}: {exc}") from exc
    except FetchError as exc:
        raise SourceError(source.name, f"cannot fetch {url}: {exc}") from exc
    return None if page.from_cache else page


async def fetch_listing(source: SourceConfig, fetcher: Fetcher, url: str, *,
                        missing_ok: bool = False) -> tuple[RawPage, BeautifulSoup] | None:
    page = await fetch_listing_page(source, fetcher, url, missing_ok=missing_ok)
    if page is None:
        return None
    return page, soup_of(source, page)


def soup_of(source: SourceConfig, page: RawPage) -> BeautifulSoup:
    try:
        text = decode_page(source, page)
    except Undecodable as exc:
        raise SourceError(source.name, f"cannot decode {page.url}: {exc}") from exc
    return BeautifulSoup(text, "lxml")
