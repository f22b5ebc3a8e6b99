"""Kind ``plugin``: a site that config cannot describe, written as a module in ``scrapers/sites/``.

``module: stdaily`` loads ``scrapers.sites.stdaily``, whose ``scraper`` attribute is a
:class:`SiteScraper` instance; discovery, item fetching and parsing are delegated to it.
The site module is loaded when the source runs, not when the sources file is read, so a
missing plugin fails its own source and not the whole file.
"""

from __future__ import annotations

import importlib
from abc import ABC
from datetime import datetime
from typing import Any, Literal

from monitor.errors import SourceError
from monitor.fetch.fetcher import Fetcher, Validators
from monitor.items import ExtractedArticle, FieldOrigin, RawPage

from .base import EditionSource, PagedSource, Scraper

__all__ = ["PluginScraper", "PluginSource", "SiteScraper", "load_site"]


class PluginSource(PagedSource, EditionSource):
    kind: Literal["plugin"]
    module: str  # a module of scrapers/sites/


class SiteScraper(Scraper[PluginSource], ABC):
    """The scraper of one site plugin; ``name`` is its module's name."""

    config = PluginSource


def load_site(source: PluginSource) -> Scraper[Any]:
    try:
        module = importlib.import_module(f"scrapers.sites.{source.module}")
    except ImportError as exc:
        raise SourceError(source.name, f"field 'module': no plugin scrapers/sites/{source.module}.py ({exc})") from None
    site = getattr(module, "scraper", None)
    if not isinstance(site, Scraper):
        raise SourceError(source.name, f"plugin scrapers/sites/{source.module}.py defines no `scraper` (a Scraper instance)")
    return site


class PluginScraper(Scraper[PluginSource]):
    name = "plugin"
    config = PluginSource

    async def discover(self, source: PluginSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        return await load_site(source).discover(source, fetcher, since)

    async def fetch(self, source: PluginSource, fetcher: Fetcher, url: str,
                    validators: Validators | None = None) -> RawPage:
        return await load_site(source).fetch(source, fetcher, url, validators)

    def parse(self, source: PluginSource, page: RawPage) -> list[ExtractedArticle]:
        return load_site(source).parse(source, page)

    def field_origins(self, source: PluginSource, page: RawPage) -> tuple[FieldOrigin, ...]:
        return tuple(FieldOrigin(f, "plugin", f"read by scrapers/sites/{source.module}.py")
                     for f in ("title", "date", "author", "body"))
