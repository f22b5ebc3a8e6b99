"""`monitor backfill`: fill the archive of one source back to a date, resumably.

1. Discover: walk the source's list pages (pagination widened to ``max_pages``), feed or
   sitemap back to ``since`` with the scheduled runs' fetcher (robots.txt, rate limit,
   retries), and record every item URL as ``pending``. A checkpoint (SourceCheckpoint of
   kind ``backfill``) then says "discovered".
2. Fetch: the pipeline fetches, extracts, dedups, tags and stores every pending item, each
   article in its own transaction. A run killed here leaves the rest ``pending``; the rerun
   sees the checkpoint, skips discovery and finishes them.
Idempotent: URLs are unique, so a second run discovers nothing new and stores nothing.
The caller holds the source's lock (locks.py), so a scheduled run never overlaps.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from scrapers import scraper_registry

from .errors import ConfigError
from .fetch import Fetcher
from .models import DiscoveredUrl, SourceCheckpoint
from .pipeline import crawl_async
from .settings import Settings
from .sourcesfile import SourceConfig
from .store import Storage
from .timefmt import utcnow

__all__ = ["BackfillResult", "run_backfill"]

CHECKPOINT_KIND = "backfill"
Progress = Callable[[int, int | None, str], None]


@dataclass(frozen=True, slots=True)
class BackfillResult:
    pages: int  # item pages fetched
    items: int  # item URLs discovered back to the date
    new: int
    duplicates: int
    errors: int
    resumed: bool
    complete: bool


def _pending(session: Session, source_id: int) -> int:
    return int(session.exec(select(func.count()).select_from(DiscoveredUrl).where(
        DiscoveredUrl.source_id == source_id, col(DiscoveredUrl.state).in_(["pending", "failed"]))).one())


async def _backfill(settings: Settings, source: SourceConfig, engine: Engine, since: datetime, max_pages: int,
                    progress: Progress) -> BackfillResult:
    scraper = scraper_registry().get(source.kind)
    if scraper is None:
        raise ConfigError(f"source {source.name!r}: kind {source.kind!r} cannot be backfilled")
    wide = source.model_copy(update={"max_pages": max_pages})
    key = {"since": since.isoformat(), "max_pages": max_pages}
    with Session(engine, expire_on_commit=False) as session:
        storage = Storage(session)
        row = storage.source(source.name, source.kind)
        session.commit()
        assert row.id is not None
        checkpoint = session.exec(select(SourceCheckpoint).where(SourceCheckpoint.source_id == row.id,
                                                                 SourceCheckpoint.kind == CHECKPOINT_KIND)).first()
        state = json.loads(checkpoint.value_json) if checkpoint else {}
        resumed = state.get("key") == key and state.get("phase") == "discovered"
        items = int(state.get("items", 0)) if resumed else 0
        if not resumed:
            progress(0, None, "discovering")
            async with Fetcher(settings) as fetcher:  # no validator store: every list page is read in full
                fetcher.set_rate_limit(source.url, source.rate_limit)
                urls = await scraper.discover(wide, fetcher, since)  # SourceError: exit 1, nothing recorded
            storage.record_discovered(row, urls)
            items = len(urls)
            checkpoint = checkpoint or SourceCheckpoint(source_id=row.id, kind=CHECKPOINT_KIND, updated_at=utcnow())
            checkpoint.value_json = json.dumps({"key": key, "phase": "discovered", "items": items})
            checkpoint.updated_at = utcnow()
            session.add(checkpoint)
            session.commit()
        total = _pending(session, row.id)
    done = 0

    def on_item(_name: str, what: str) -> None:
        nonlocal done
        if what.startswith("http"):
            done += 1
            progress(done, total, f"{items} found")

    progress(0, total, f"{items} found")
    results = await crawl_async(settings, [wide], engine, on_item)
    result = results[0]
    with Session(engine) as session:
        left = _pending(session, row.id)
        if left == 0 and checkpoint is not None:
            stored = session.get(SourceCheckpoint, checkpoint.id)
            if stored is not None:
                session.delete(stored)
            session.commit()
    return BackfillResult(result.fetched, items, result.new, result.duplicates, result.errors, resumed, left == 0)


def run_backfill(settings: Settings, source: SourceConfig, engine: Engine, since: datetime, until: datetime | None,
                 max_pages: int | None, *, notify: bool = False,
                 progress: Progress | None = None) -> BackfillResult:
    """Backfill ``source`` back to ``since``. ``until`` and ``notify`` need Article.backfilled (not in the schema yet)."""
    pages = max_pages or min(1000, source.max_pages * 20)
    return asyncio.run(_backfill(settings, source, engine, since, pages, progress or (lambda _d, _t, _s: None)))
