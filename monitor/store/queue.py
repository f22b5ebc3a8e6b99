"""The discovered-URL queue with the raw pages fetched for it, and the fetch history: the log of every
request and the HTTP validators of list pages, feeds and sitemaps.

Each write either commits through ``commit_retrying`` (one more try on a new connection when the
connection was lost under it) or, where its docstring says so, goes into the caller's transaction,
which the caller commits together with the page's articles.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import delete as sa_delete
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from monitor.backoff import URL_RETRY
from monitor.fetch.fetcher import FetchRecord, Validators
from monitor.items import RawPage
from monitor.store.db import commit_retrying
from monitor.store.models import CrawlRun, DiscoveredUrl, FetchLog, HttpValidator, Source, StoredPage
from monitor.timefmt import utcnow

__all__ = ["UrlQueue", "FetchHistory", "MAX_ATTEMPTS"]

MAX_ATTEMPTS = URL_RETRY.attempts  # fetches of an item URL before it is given up
PRUNE_BATCH = 1000  # raw pages deleted per transaction


class UrlQueue:
    """Item URLs from discovery to ``fetched`` (or ``failed`` and retried with backoff, or ``gone``).

    Commit: ``record_discovered``, ``mark_failed``, ``mark_unchanged``, ``forget``, ``prune_pages``. Into the
    caller's transaction: ``mark_fetched`` and ``keep_page`` (committed with the page's articles). Read: ``due``,
    ``pages_not_kept``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record_discovered(self, source: Source, urls: list[str]) -> int:
        """Store newly discovered item URLs as pending; returns how many were new."""
        if not urls:
            return 0

        def record() -> int:
            assert source.id is not None
            known = set(self.session.exec(select(DiscoveredUrl.url).where(col(DiscoveredUrl.url).in_(urls))).all())
            now = utcnow()
            added = 0
            for url in dict.fromkeys(urls):
                if url not in known:
                    self.session.add(DiscoveredUrl(url=url, source_id=source.id, discovered_at=now))
                    added += 1
            return added

        return commit_retrying(self.session, record, f"recording {len(urls)} discovered URL(s)")

    def due(self, source: Source, limit: int = 1000) -> list[DiscoveredUrl]:
        """Pending URLs, and failed ones whose backoff has passed, oldest first."""
        now = utcnow()
        query = (
            select(DiscoveredUrl)
            .where(DiscoveredUrl.source_id == source.id)
            # implied by the next test; written out, it lets the (source_id, state) index find the source's due URLs
            # among every URL it ever listed (none are pruned) rather than the planner walking them all in id order
            .where(col(DiscoveredUrl.state).in_(("pending", "failed")))
            .where(
                or_(
                    DiscoveredUrl.state == "pending",
                    (DiscoveredUrl.state == "failed")
                    & (DiscoveredUrl.attempts < MAX_ATTEMPTS)
                    & (or_(col(DiscoveredUrl.next_attempt_at).is_(None), col(DiscoveredUrl.next_attempt_at) <= now)),
                )
            )
            .order_by(col(DiscoveredUrl.id))
            .limit(limit)
        )
        return list(self.session.exec(query).all())

    def mark_failed(self, item: DiscoveredUrl, error: str, gone: bool = False) -> None:
        """A failed fetch or parse: retried after a backoff that doubles with each attempt (``gone``: never)."""

        def mark() -> None:
            item.attempts += 1
            item.last_error = error[:2000]
            item.state = "gone" if gone else "failed"
            item.next_attempt_at = utcnow() + timedelta(seconds=URL_RETRY.delay(item.attempts))
            self.session.add(item)

        commit_retrying(self.session, mark, f"recording the failure of {item.url}")

    def mark_fetched(self, item: DiscoveredUrl, page: RawPage) -> None:
        """The item was fetched as ``page``, with the validators a later conditional GET sends. The caller commits."""
        item.state = "fetched"
        item.attempts += 1
        item.fetched_at = page.fetched_at
        item.last_error = None
        headers = dict((k.lower(), v) for k, v in page.headers)
        item.etag = headers.get("etag")
        item.last_modified = headers.get("last-modified")
        self.session.add(item)

    def mark_unchanged(self, item: DiscoveredUrl, page: RawPage) -> None:
        """``mark_fetched`` for a 304 (nothing else to store), committed."""
        commit_retrying(self.session, lambda: self.mark_fetched(item, page), f"recording {item.url}")

    def forget(self, item: DiscoveredUrl) -> None:
        """Delete the item's row, so that a crawl listing its URL later stores it (a backfill outside its window)."""
        commit_retrying(self.session, lambda: self.session.delete(item), f"forgetting {item.url}")

    def keep_page(self, page: RawPage) -> StoredPage:
        """Keep the raw page (compressed), for `monitor reextract`. The caller commits."""
        row = StoredPage(
            url=page.url, final_url=page.final_url, status=page.status, content_type=page.content_type,
            headers_json=json.dumps(list(page.headers), ensure_ascii=False), body_zlib=zlib.compress(page.content, 6),
            fetched_at=page.fetched_at,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def prune_pages(self, before: datetime, batch: int = PRUNE_BATCH) -> int:
        """Delete the raw pages fetched before ``before`` (MONITOR_RAW_PAGE_RETENTION_DAYS); committed in
        batches, so that no write lock is held long. Returns how many were deleted."""
        deleted = 0
        while True:
            ids = list(self.session.exec(select(StoredPage.id).where(col(StoredPage.fetched_at) < before)
                                         .order_by(col(StoredPage.id)).limit(batch)).all())
            if not ids:
                return deleted

            def delete(ids: list[int | None] = ids) -> None:
                self.session.execute(sa_delete(StoredPage).where(col(StoredPage.id).in_(ids)))

            commit_retrying(self.session, delete, f"deleting {len(ids)} raw page(s) past their retention")
            deleted += len(ids)

    def pages_not_kept(self, source_name: str | None = None, since: datetime | None = None) -> int:
        """Fetched item URLs (of the source, fetched since ``since``) of which no raw page is kept any more."""
        query = (select(func.count()).select_from(DiscoveredUrl).join(Source, col(Source.id) == col(DiscoveredUrl.source_id))
                 .where(DiscoveredUrl.state == "fetched")
                 .where(~select(StoredPage.id).where(col(StoredPage.url) == col(DiscoveredUrl.url)).exists()))
        if source_name:
            query = query.where(Source.name == source_name)
        if since:
            query = query.where(col(DiscoveredUrl.fetched_at) >= since)
        return int(self.session.exec(query).one())


class FetchHistory:
    """The fetch log (one row per request) and the validators of list pages, feeds and sitemaps.

    Commit: ``log`` and ``save_validators``. Read: ``validators``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def log(self, run: CrawlRun | None, source: Source | None, records: Iterable[FetchRecord]) -> None:
        """Log the requests of ``records`` (of this run and source, when given)."""
        records = list(records)  # the work below may run twice

        def log() -> None:
            for record in records:
                self.session.add(FetchLog(run_id=run.id if run else None, source_id=source.id if source else None,
                                          url=record.url, status=record.status, bytes=record.bytes,
                                          elapsed_ms=record.elapsed_ms, from_cache=record.from_cache,
                                          error=record.error[:2000] if record.error else None,
                                          fetched_at=record.fetched_at))

        commit_retrying(self.session, log, f"logging {len(records)} fetch(es)")

    def validators(self, url: str) -> Validators | None:
        row = self.session.exec(select(HttpValidator).where(HttpValidator.url == url)).first()
        return Validators(row.etag, row.last_modified) if row else None

    def save_validators(self, values: Mapping[str, Validators]) -> None:
        """Called only once the URLs those pages listed are stored: a 304 later must not hide an item."""

        def save() -> None:
            for url, found in values.items():
                row = self.session.exec(select(HttpValidator).where(HttpValidator.url == url)).first()
                row = row or HttpValidator(url=url, updated_at=utcnow())
                row.etag, row.last_modified, row.updated_at = found.etag, found.last_modified, utcnow()
                self.session.add(row)

        commit_retrying(self.session, save, f"saving the validators of {len(values)} list page(s)")
