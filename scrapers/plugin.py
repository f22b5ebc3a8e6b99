"""Kind ``plugin``: a site that config cannot describe, written as a module in ``scrapers/sites/``.

``module: stdaily`` loads ``scrapers.sites.stdaily``, whose ``scraper`` attribute is a
Scraper instance; discovery, item fetching and parsing are delegated to it.
"""

from __future__ import annotations

import importlib
from datetime import datetime

from monitor.errors import SourceError
from monitor.fetch.fetcher import Fetcher, Validators
from monitor.items import ExtractedArticle, RawPage
from monitor.sourcesfile import SourceConfig

from .base import Scraper

__all__ = ["PluginScraper", "load_site"]


def load_site(source: SourceConfig) -> Scraper:
    try:
        module = importlib.import_module(f"scrapers.sites.{source.module}")
    except ImportError as exc:
        raise SourceError(source.name, f"field 'module': no plugin scrapers/sites/{source.module}.py ({exc})") from None
    site = getattr(module, "scraper", None)
    if not isinstance(site, Scraper):
        raise SourceError(source.name, f"plugin scrapers/sites/{source.module}.py defines no `scraper` (a Scraper instance)")
    return site


class PluginScraper(Scraper):
    kind = "plugin"

    async def discover(self, source: SourceConfig, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        return await load_site(source).discover(source, fetcher, since)

    async def fetch(self, source: SourceConfig, fetcher: Fetcher, url: str,
                    validators: Validators | None = None) -> RawPage:
        return await load_site(source).fetch(source, fetcher, url, validators)

    def parse(self, source: SourceConfig, page: RawPage) -> list[ExtractedArticle]:
        return load_site(source).parse(source, page)
