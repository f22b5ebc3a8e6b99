"""`monitor backfill`: fill the archive of one source back to a date, resumably.

1. Discover: walk the source's list pages (pagination widened to ``max_pages``), feed or
   sitemap back to ``since`` with the scheduled runs' fetcher (robots.txt, the source's rate
   limit, retries), and record every item URL as ``pending``. A checkpoint (SourceCheckpoint
   of kind ``backfill``) then says "discovered".
2. Fetch: every pending item of the source is fetched, extracted, deduplicated, tagged and
   stored by the pipeline's own stages, each page in its own transaction. Articles stored
   here are marked ``backfilled`` (kept out of digests) unless ``notify``. An item published
   outside the window [since, until) is not stored, and its URL is forgotten again, so a
   scheduled crawl that lists it later treats it as new. A run killed here leaves the rest
   ``pending``; the rerun sees the checkpoint, skips discovery and finishes them.
Idempotent: URLs are unique, so a second run discovers nothing new and stores nothing.
The caller holds the source's lock (locks.py), so a scheduled run never overlaps.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.dedup import DedupConfig
from monitor.fetch import Fetcher
from monitor.items import ExtractedArticle
from monitor.pipeline import handle_item, prefetched
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig
from monitor.store import MAX_ATTEMPTS, Repositories, commit_retrying
from monitor.store.models import DiscoveredUrl, Source, SourceCheckpoint
from monitor.timefmt import utcnow
from scrapers import Scraper, scraper_for

__all__ = ["BackfillProgress", "BackfillResult", "BackfillWindow", "run_backfill"]

log = logging.getLogger(__name__)
CHECKPOINT_KIND = "backfill"


@dataclass(frozen=True, slots=True)
class BackfillWindow:
    """Which items a backfill stores: published in [since, until); an unknown date is kept."""

    since: datetime
    until: datetime | None = None
    notify: bool = False  # False: stored articles are marked backfilled and kept out of digests

    def admits(self, article: ExtractedArticle) -> bool:
        if article.published is None:
            return True
        published = article.published.value
        return published >= self.since and (self.until is None or published < self.until)


@dataclass(frozen=True, slots=True)
class BackfillProgress:
    done: int  # items handled so far
    total: int | None  # items to handle (None while discovering)
    pages: int
    new: int
    duplicates: int
    skipped: int


@dataclass(frozen=True, slots=True)
class BackfillResult:
    pages: int  # item pages fetched
    items: int  # item URLs discovered back to the date
    new: int
    duplicates: int
    skipped: int  # items published outside the window, not stored
    errors: int
    resumed: bool
    complete: bool


ProgressCallback = Callable[[BackfillProgress], None]


def _left(session: Session, source_id: int) -> int:
    """Items still to do: pending, or failed with attempts left."""
    return int(session.exec(select(func.count()).select_from(DiscoveredUrl).where(
        DiscoveredUrl.source_id == source_id,
        or_(col(DiscoveredUrl.state) == "pending",
            (col(DiscoveredUrl.state) == "failed") & (col(DiscoveredUrl.attempts) < MAX_ATTEMPTS)))).one())


def _checkpoint(session: Session, source_id: int) -> SourceCheckpoint | None:
    return session.exec(select(SourceCheckpoint).where(SourceCheckpoint.source_id == source_id,
                                                       SourceCheckpoint.kind == CHECKPOINT_KIND)).first()


def _drop_checkpoint(session: Session, row: Source) -> None:
    """The backfill is complete: a later one starts with discovery again."""
    assert row.id is not None
    checkpoint = _checkpoint(session, row.id)
    if checkpoint is not None:
        session.delete(checkpoint)


async def _discover(scraper: Scraper, source: SourceConfig, fetcher: Fetcher, session: Session, repos: Repositories,
                    row: Source, key: dict[str, object], since: datetime) -> tuple[bool, int]:
    """Discovery, unless a checkpoint of the same backfill says it is done; returns (resumed, items)."""
    assert row.id is not None
    checkpoint = _checkpoint(session, row.id)
    state = json.loads(checkpoint.value_json) if checkpoint else {}
    if state.get("key") == key and state.get("phase") == "discovered":
        return True, int(state.get("items", 0))
    urls = await scraper.discover(source, fetcher, since)  # SourceError: exit 1, nothing recorded
    repos.queue.record_discovered(row, urls)

    def save_checkpoint() -> None:
        assert row.id is not None
        saved = _checkpoint(session, row.id) or SourceCheckpoint(source_id=row.id, kind=CHECKPOINT_KIND,
                                                                 updated_at=utcnow())
        saved.value_json = json.dumps({"key": key, "phase": "discovered", "items": len(urls)})
        saved.updated_at = utcnow()
        session.add(saved)

    commit_retrying(session, save_checkpoint, f"recording the backfill checkpoint of source {source.name!r}")
    return False, len(urls)


async def _backfill(settings: Settings, source: SourceConfig, engine: Engine, window: BackfillWindow,
                    max_pages: int, progress: ProgressCallback) -> BackfillResult:
    scraper = scraper_for(source)
    wide = source.with_list_pages(max_pages)
    key = {"since": window.since.isoformat(), "max_pages": max_pages}
    dedup_config = DedupConfig.from_settings(settings)
    pages = new = duplicates = skipped = errors = done = 0
    with Session(engine, expire_on_commit=False) as session:
        repos = Repositories.over(session, {source.name: source.priority})
        row = repos.sources.ensure(source.name, source.kind, source.title)
        assert row.id is not None
        run = repos.runs.start(row)
        async with Fetcher(settings) as fetcher:  # no validator store: every list page is read in full
            fetcher.set_rate_limit(source.url, source.rate_limit)  # the scheduled runs' politeness
            progress(BackfillProgress(0, None, 0, 0, 0, 0))
            resumed, items = await _discover(scraper, wide, fetcher, session, repos, row, key, window.since)
            repos.fetches.log(run, row, fetcher.drain_records())
            total = _left(session, row.id)
            progress(BackfillProgress(0, total, 0, 0, 0, 0))
            seen: set[int] = set()
            while batch := [item for item in repos.queue.due(row) if item.id not in seen]:
                seen.update(item.id for item in batch if item.id is not None)
                window_size = 2 * settings.concurrency_per_origin
                async for ready in prefetched(scraper, wide, fetcher, batch, window_size):
                    for item, outcome in ready:  # one at a time (group 1): a backfill commits each item
                        done += 1
                        handled = handle_item(session, repos, wide, row, item, outcome, None, dedup_config,
                                              admits=window.admits, backfilled=not window.notify)
                        pages += handled.status in ("stored", "unparsable", "outside")
                        errors += handled.status in ("failed", "unparsable")
                        skipped += handled.status == "outside"
                        new += handled.new
                        duplicates += handled.duplicates
                        progress(BackfillProgress(done, max(total, done), pages, new, duplicates, skipped))
                repos.fetches.log(run, row, fetcher.drain_records())
        left = _left(session, row.id)
        if left == 0:
            commit_retrying(session, lambda: _drop_checkpoint(session, row),
                            f"dropping the backfill checkpoint of source {source.name!r}")
        repos.runs.finish(run, row, fetched=pages, new=new, duplicates=duplicates, errors=errors, error=None)
    return BackfillResult(pages, items, new, duplicates, skipped, errors, resumed, left == 0)


def run_backfill(settings: Settings, source: SourceConfig, engine: Engine, window: BackfillWindow,
                 max_pages: int | None = None, progress: ProgressCallback | None = None) -> BackfillResult:
    """Backfill ``source`` back to ``window.since`` (list pages: ``max_pages``, default the source's x 20)."""
    pages = max_pages or min(1000, source.list_pages * 20)
    return asyncio.run(_backfill(settings, source, engine, window, pages, progress or (lambda _p: None)))
