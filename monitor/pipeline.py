"""One crawl pass: for each source, discover -> record pending -> fetch -> extract -> dedup -> tag -> store.

Every discovered URL is stored as pending before it is fetched, and each article is
stored together with its URL's new state in one transaction: a run that dies half way
is completed by the next one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from scrapers import Scraper, scraper_registry

from .dedup import Deduplicator
from .errors import ExtractionError, FetchError, HTTPStatusError, MonitorError, SourceError, Undecodable
from .fetch import Fetcher
from .settings import Settings
from .sourcesfile import SourceConfig
from .store import Storage
from .tag import ZoneTagger

__all__ = ["SourceRunResult", "crawl"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceRunResult:
    name: str
    fetched: int
    new: int
    duplicates: int
    errors: int
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


ProgressCallback = Callable[[str, str], None]


async def _crawl_source(source: SourceConfig, scraper: Scraper, fetcher: Fetcher, engine: Engine,
                        tagger: ZoneTagger, progress: ProgressCallback) -> SourceRunResult:
    fetched = new = duplicates = errors = 0
    with Session(engine, expire_on_commit=False) as session:
        storage = Storage(session)
        source_row = storage.source(source.name, source.kind)
        session.commit()
        run = storage.start_run(source_row)
        error: str | None = None
        try:
            progress(source.name, "discovering")
            urls = await scraper.discover(source, fetcher)
            storage.record_discovered(source_row, urls)
        except SourceError as exc:
            error = str(exc)
            log.error("%s", exc)
        # Items discovered on earlier runs are fetched even when discovery failed now.
        for item in storage.due_urls(source_row):
            progress(source.name, item.url)
            try:
                page = await fetcher.get(item.url)
            except HTTPStatusError as exc:
                errors += 1
                storage.mark_failed(item, str(exc), gone=exc.status in (404, 410))
                log.warning("%s", exc)
                continue
            except FetchError as exc:
                errors += 1
                storage.mark_failed(item, str(exc))
                log.warning("%s", exc)
                continue
            fetched += 1
            try:
                articles = scraper.parse(source, page)
            except (ExtractionError, Undecodable) as exc:
                errors += 1
                storage.mark_failed(item, f"{type(exc).__name__}: {exc}")
                log.warning("%s: %s", item.url, exc)
                continue
            stored_page = storage.keep_page(page)
            dedup = Deduplicator(session)
            for article in articles:
                verdict = dedup.check(article)
                tags = tagger.tag(article.title, article.body, source.zones, article.author_post or "")
                result = storage.store_article(article, verdict, tags, source_row, page.fetched_at)
                stored_page.article_id = result.article_id
                new += result.status == "new"
                duplicates += result.status == "duplicate"
            storage.mark_fetched(item, page)
            session.commit()
        storage.finish_run(run, source_row, fetched=fetched, new=new, duplicates=duplicates, errors=errors,
                           error=error)
    return SourceRunResult(source.name, fetched, new, duplicates, errors, error)


async def crawl_async(settings: Settings, sources: list[SourceConfig], engine: Engine,
                      progress: ProgressCallback | None = None) -> list[SourceRunResult]:
    registry = scraper_registry()
    tagger = ZoneTagger()
    report = progress or (lambda _name, _what: None)
    results: list[SourceRunResult] = []
    async with Fetcher(settings) as fetcher:
        for source in sources:
            fetcher.set_rate_limit(source.url, source.rate_limit)
        for source in sources:
            scraper = registry.get(source.kind)
            if scraper is None:
                results.append(SourceRunResult(source.name, 0, 0, 0, 0, f"kind {source.kind!r} is not supported yet"))
                continue
            try:
                results.append(await _crawl_source(source, scraper, fetcher, engine, tagger, report))
            except MonitorError as exc:
                results.append(SourceRunResult(source.name, 0, 0, 0, 0, str(exc)))
    return results


def crawl(settings: Settings, sources: list[SourceConfig], engine: Engine,
          progress: ProgressCallback | None = None) -> list[SourceRunResult]:
    return asyncio.run(crawl_async(settings, sources, engine, progress))
