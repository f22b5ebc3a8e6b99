"""One crawl pass: for each source, discover -> record pending -> fetch -> extract -> dedup -> tag -> store.

Sources run concurrently (up to MAX_CONCURRENT_SOURCES at once) in one Fetcher, so the
per-origin spacing and concurrency hold across them while a slow or hostile site delays
only its own source: each item fetch has one deadline (MONITOR_FETCH_DEADLINE) and each
source a time budget per run (MONITOR_SOURCE_RUN_BUDGET, or the source's ``run_budget``),
past which the source stops and its unfetched items stay pending for the next run.
No transaction is left open across a network wait (every write is committed before the
next await), so on SQLite one source never holds the write lock while another waits.

Every discovered URL is stored as pending before it is fetched, and each article is
stored together with its URL's new state in one transaction: a run that dies half way
is completed by the next one. The items whose fetches have already finished when one is
handed to the database (up to ``ITEM_GROUP``) share that transaction: one commit, so one
disk flush, for the group, and still no transaction open across a network wait; a crash
rolls back the group's articles with their URLs' states, so the next run fetches them again. A transaction whose database connection is lost is run
once more on a new connection; a database that stays unusable ends the pass with a
DatabaseError (the run is marked failed when the database still takes that write).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from itertools import islice
from typing import Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from monitor.dedup import KNOWN_STOCK, DedupConfig, Deduplicator, warm_known_stock
from monitor.errors import (
    DatabaseError,
    ExtractionError,
    FetchError,
    HTTPStatusError,
    MonitorError,
    SourceError,
    Undecodable,
)
from monitor.fetch import Fetcher, RobotsCache, Validators
from monitor.items import ExtractedArticle, FieldOrigin, RawPage
from monitor.itemwork import ArticleWork, CpuWorkers, PageWork, chunks, prepare_page, prepare_pages
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig
from monitor.store import CrawlRuns, FetchHistory, Repositories, db
from monitor.store.models import Article, CrawlRun, DiscoveredUrl, Source, StoredPage
from monitor.tag import shared_tagger, tag_article
from monitor.timefmt import utcnow
from scrapers import Scraper, scraper_for
from scrapers.base import CPU_WORK

__all__ = ["MAX_CONCURRENT_SOURCES", "DatabaseCalls", "SourceRunResult", "crawl", "crawl_async", "preview_source", "SourcePreview", "reextract", "ReextractResult"]

log = logging.getLogger(__name__)

DISCOVERY_OVERLAP = timedelta(days=2)  # discovery looks back this far before the last successful run
# Sources crawled at once: each holds a database session (and on PostgreSQL its lock connection), so
# this stays well below the engine's pool; `monitor serve` bounds its crawl jobs by the same number.
MAX_CONCURRENT_SOURCES = 4


@dataclass(frozen=True, slots=True)
class SourceRunResult:
    name: str
    fetched: int
    new: int
    duplicates: int
    errors: int
    error: str | None = None
    discovered: int = 0  # item URLs the list pages/feeds named this run (source health reads it)
    known: int = 0  # of those, URLs already listed on an earlier run
    budget_exhausted: bool = False  # the source's time budget ran out: the run stopped it early
    left_pending: int = 0  # items due this run that it did not reach (still pending or failed, not lost)

    @property
    def failed(self) -> bool:
        return self.error is not None


ProgressCallback = Callable[[str, str], None]
T = TypeVar("T")


class DatabaseCalls:
    """Where a crawl's database work (and the extraction, dedup and tagging around it) runs.

    Inline on the event loop for a CLI pass; in `monitor serve`, in the service's database worker
    threads, so that dozens of crawls fetch at once while their writes queue for the workers (one on
    SQLite, the one writer). A call already handed to a worker is waited for even when the crawl is
    cancelled (a time budget, shutdown): its transaction ends before the crawl's session is used again.
    """

    def __init__(self, executor: Executor | None = None, urgent: Executor | None = None) -> None:
        self.executor, self.urgent = executor, urgent or executor

    async def __call__(self, work: Callable[[], T], *, urgent: bool = False) -> T:
        """``urgent``: what stands between a crawl's tick and its first request (checking the last run,
        starting the run row) does not queue behind the storing of other crawls' items."""
        executor = self.urgent if urgent else self.executor
        if executor is None:
            return work()
        future = asyncio.get_running_loop().run_in_executor(executor, work)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            with contextlib.suppress(BaseException):
                await asyncio.wait([future])
            raise


INLINE = DatabaseCalls()
# Most fetched items stored in one transaction. A commit per item bounded ingest by the disk's flush (and on
# PostgreSQL a round trip): 100 items per commit doubled the articles/s of bench/ingest_scale.py. A group's
# transaction holds SQLite's write lock while its items are extracted, deduplicated and tagged (~10 ms each), so
# groups stay small enough that other sources' writes wait well under a second.
ITEM_GROUP = 32


def _store_articles(session: Session, repos: Repositories, source_row: Source, page: RawPage,
                    works: Sequence[ArticleWork], dedup_config: DedupConfig | None,
                    stored_page: StoredPage | None = None, backfilled: bool = False) -> tuple[int, int]:
    """Dedup and store the articles of one page, extracted and tagged (itemwork.prepare_page); the page is kept
    raw; returns (new, duplicates). `backfilled`: the rows this page adds are flagged so that digests leave them
    out. The caller commits."""
    new = duplicates = 0
    if stored_page is None:
        stored_page = repos.queue.keep_page(page)
    dedup = Deduplicator(session, dedup_config)
    added: list[int] = []
    for work in works:
        article = work.article
        verdict = dedup.check(article, work.dedup)
        result = repos.articles.store_article(article, verdict, work.tags, source_row, page.fetched_at)
        stored_page.article_id = result.article_id
        new += result.status == "new"
        duplicates += result.status == "duplicate"
        if result.status in ("new", "duplicate"):  # a row for a URL not stored before
            added.append(result.article_id)
    if backfilled and added:
        session.flush()
        session.exec(update(Article).where(col(Article.id).in_(added)).values(backfilled=True))  # type: ignore[call-overload]
    return new, duplicates


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """What became of one discovered URL: `failed` (fetch), `unchanged` (304), `unparsable`,
    `outside` (a backfill's window holds none of its articles: the URL is forgotten) or `stored`."""

    status: Literal["failed", "unchanged", "unparsable", "outside", "stored"]
    new: int = 0
    duplicates: int = 0


def handle_item(session: Session, repos: Repositories, source: SourceConfig, source_row: Source,
                item: DiscoveredUrl, outcome: RawPage | FetchError, work: PageWork | None,
                dedup_config: DedupConfig | None, *, admits: Callable[[ExtractedArticle], bool] | None = None,
                backfilled: bool = False) -> ItemOutcome:
    """Record a fetched item (crawls and backfills): each page's articles and its URL's state are
    committed together, once more on a new connection if the database connection was lost. ``work``: the page
    extracted and tagged (itemwork.prepare_page, in a worker process); None: done here."""
    if isinstance(outcome, FetchError):
        gone = isinstance(outcome, HTTPStatusError) and outcome.status in (404, 410)
        repos.queue.mark_failed(item, str(outcome), gone=gone)
        log.warning("%s%s", outcome, " (dropped)" if gone else "")
        return ItemOutcome("failed")
    page = outcome
    if page.from_cache:  # 304: the item has not changed since it was stored
        repos.queue.mark_unchanged(item, page)
        return ItemOutcome("unchanged")
    if work is None:
        work = prepare_page(source, page)
    if work.error is not None:
        repos.queue.mark_failed(item, work.error)
        log.warning("%s: %s", item.url, work.message)
        return ItemOutcome("unparsable")
    works = work.articles
    if admits is not None:
        works = tuple(w for w in works if admits(w.article))
        if not works:  # forget the URL, so that a crawl listing it later stores it
            repos.queue.forget(item)
            return ItemOutcome("outside")

    def store() -> tuple[int, int]:
        # Not waited onto the disk (one fsync per item was most of a SQLite crawl's wall time per page): a machine
        # crash may lose the last items, and with them their URLs' "fetched" state, so the next run fetches them
        # again; a killed process loses nothing. The run's last commit is a full one and flushes them all.
        db.commit_unflushed(session)
        counts = _store_articles(session, repos, source_row, page, works, dedup_config, backfilled=backfilled)
        repos.queue.mark_fetched(item, page)
        return counts

    new, duplicates = db.commit_retrying(session, store, f"storing {item.url}")
    return ItemOutcome("stored", new, duplicates)


def handle_items(session: Session, repos: Repositories, source: SourceConfig, source_row: Source,
                 fetched: Sequence[tuple[DiscoveredUrl, RawPage | FetchError, PageWork | None]],
                 dedup_config: DedupConfig | None) -> list[ItemOutcome]:
    """``handle_item`` for fetched items in ONE transaction: every item's articles and URL state are committed
    together (run once more as a whole if the connection is lost), or none of them."""
    def each() -> list[ItemOutcome]:
        return [handle_item(session, repos, source, source_row, item, outcome, work, dedup_config)
                for item, outcome, work in fetched]

    if len(fetched) == 1:
        return each()
    return db.commit_together(session, each, f"storing {len(fetched)} items of {source.name!r}")


async def prepared_pages(cpu: CpuWorkers, source: SourceConfig,
                        fetched: list[tuple[DiscoveredUrl, RawPage | FetchError]]
                        ) -> list[tuple[DiscoveredUrl, RawPage | FetchError, PageWork | None]]:
    """Each fetched page (not a failure, not a 304) extracted, tagged and its dedup check prepared in the worker
    processes, at once: one call per worker, each with its share of the pages (in this process, without workers:
    extracted and tagged only)."""
    stock = KNOWN_STOCK.snapshot() if cpu.processes else None
    pages = [outcome for _item, outcome in fetched if isinstance(outcome, RawPage) and not outcome.from_cache]
    done = await asyncio.gather(*(cpu.run(prepare_pages, source, tuple(part), stock)
                                  for part in chunks(pages, cpu.processes)))
    works: dict[int, PageWork] = {id(page): work for part, found in zip(chunks(pages, cpu.processes), done, strict=True)
                                  for page, work in zip(part, found, strict=True)}
    return [(item, outcome, works.get(id(outcome))) for item, outcome in fetched]


class _PendingValidators:
    """Validators of list pages read this run, saved only once the URLs they listed are stored.
    ``preloaded``: those already read (the source's first list page, read with the run's start in a worker
    thread, so that the first request waits for no database call on the event loop)."""

    def __init__(self, fetches: FetchHistory, preloaded: dict[str, Validators | None] | None = None) -> None:
        self.fetches = fetches
        self.preloaded = dict(preloaded or {})
        self.fresh: dict[str, Validators] = {}

    def lookup(self, url: str) -> Validators | None:
        if url in self.preloaded:
            return self.preloaded.pop(url)
        found = self.fetches.validators(url)
        # end the read transaction: no connection stays checked out (on PostgreSQL idle in transaction,
        # and lost with it if the server or the network drops it) across the list fetch that follows
        self.fetches.session.commit()
        return found

    def remember(self, url: str, validators: Validators) -> None:
        self.fresh[url] = validators


async def _fetch_item(scraper: Scraper, source: SourceConfig, fetcher: Fetcher, url: str,
                      validators: Validators | None) -> RawPage | FetchError:
    try:
        async with fetcher.deadline(url):  # also over a plugin's several requests for one item
            return await scraper.fetch(source, fetcher, url, validators)
    except FetchError as exc:
        return exc


async def prefetched(scraper: Scraper, source: SourceConfig, fetcher: Fetcher, items: list[DiscoveredUrl],
                     window: int, group: int = 1) -> AsyncIterator[list[tuple[DiscoveredUrl, RawPage | FetchError]]]:
    """Items with their fetch outcome, in order, with up to ``window`` fetches running ahead: each time the
    next item, and after it (up to ``group`` in all) the following ones whose fetch has already finished."""
    pending: deque[tuple[DiscoveredUrl, asyncio.Task[RawPage | FetchError]]] = deque()
    queue = iter(items)

    def start(item: DiscoveredUrl) -> None:
        validators = Validators(item.etag, item.last_modified) if item.etag or item.last_modified else None
        pending.append((item, asyncio.ensure_future(_fetch_item(scraper, source, fetcher, item.url, validators))))

    try:
        for item in islice(queue, window):
            start(item)
        while pending:
            ready: list[tuple[DiscoveredUrl, RawPage | FetchError]] = []
            while pending and len(ready) < group and (not ready or pending[0][1].done()):
                item, task = pending.popleft()
                ready.append((item, await task))
                following = next(queue, None)
                if following is not None:
                    start(following)
            yield ready
    finally:
        tasks = [task for _item, task in pending]
        for task in tasks:
            task.cancel()
        if tasks:  # let them unwind, so that their abandoned requests are in the fetch records
            await asyncio.wait(tasks)


def _budget_of(source: SourceConfig, settings: Settings) -> float | None:
    """Seconds the source may take this run, None for no limit."""
    budget = source.run_budget if source.run_budget is not None else settings.source_run_budget
    return budget or None


async def _crawl_source(source: SourceConfig, scraper: Scraper, fetcher: Fetcher, engine: Engine,
                        cpu: CpuWorkers, progress: ProgressCallback, dedup_config: DedupConfig | None = None,
                        priorities: dict[str, int] | None = None, database: DatabaseCalls = INLINE) -> SourceRunResult:
    fetched = new = duplicates = errors = handled = 0
    budget = _budget_of(source, fetcher.settings)
    ends_at = None if budget is None else asyncio.get_running_loop().time() + budget
    budget_exhausted = False
    with Session(engine, expire_on_commit=False) as session:
        repos = Repositories.over(session, priorities)

        # A crawl's writes are grouped in as few transactions as keep a crash harmless (each one commit,
        # so one fsync on SQLite): the run's record with what the list pages listed; each item; the run's end.
        # Up to its first request a run only reads (a write only for a source not seen before): on SQLite a
        # write would wait for the write lock behind other crawls' item transactions, and the tick start late.
        started_at = utcnow()

        def begin() -> tuple[Source, Validators | None]:
            return repos.sources.ensure(source.name, source.kind, source.title), repos.fetches.validators(source.url)

        # the commit ends the read: no transaction is held across the list fetch
        source_row, first_validators = await database(
            lambda: db.commit_together(session, begin, f"starting a run of {source.name!r}"), urgent=True)
        error: str | None = None
        discovered = known = 0
        since = source_row.last_success_at - DISCOVERY_OVERLAP if source_row.last_success_at else None
        validators = _PendingValidators(repos.fetches, {source.url: first_validators})
        fetcher = fetcher.scoped(validators)  # this source's fetch records and list validators
        urls: list[str] | None = None
        try:
            progress(source.name, "discovering")
            async with asyncio.timeout_at(ends_at):
                urls = await scraper.discover(source, fetcher, since)
            discovered = len(set(urls))
        except SourceError as exc:
            error = str(exc)
            log.error("%s", exc)
        except TimeoutError:
            budget_exhausted = True
            error = (f"source {source.name!r}: discovery did not finish within its time budget of {budget:g} s "
                     "(MONITOR_SOURCE_RUN_BUDGET or the source's run_budget)")
            log.error("%s", error)
        finally:
            fetcher.validator_store = None
        # Not in the finally: after a database failure the session's transaction is broken, and a write on it
        # would raise PendingRollbackError in place of the failure (which the crawl turns into a DatabaseError).
        discovery_records = fetcher.drain_records()

        def record_listed() -> tuple[CrawlRun, list[DiscoveredUrl], int]:
            # not waited onto the disk, as the items' commits: lost to a machine crash, the URLs are listed again on
            # the next run; the run's end waits and flushes it. One wait a run, not two: each holds the one database
            # thread (SQLite) for a disk flush, milliseconds on a busy disk, while 5,000 sources make ~17 runs a second
            db.commit_unflushed(session)
            run = repos.runs.start(source_row, started_at)
            added = 0
            if urls is not None:
                added = repos.queue.record_discovered(source_row, urls)
                repos.fetches.save_validators(validators.fresh)  # with them: a later 304 must not hide what this listed
            repos.fetches.log(run, source_row, discovery_records)
            # Items discovered on earlier runs are fetched even when discovery failed now (or answered 304).
            return run, ([] if budget_exhausted else repos.queue.due(source_row)), added

        # the commit also ends the read: no transaction is held across the fetches
        run, due, added = await database(lambda: db.commit_together(session, record_listed,
                                                               f"recording what {source.name!r} listed"))
        if urls is not None:
            known = discovered - added
        window = 2 * fetcher.settings.concurrency_per_origin
        try:
            async with asyncio.timeout_at(ends_at) as budget_timer:
                async for ready in prefetched(scraper, source, fetcher, due, window, ITEM_GROUP):
                    for item, _outcome in ready:
                        progress(source.name, item.url)
                    # the budget stops a run between groups only: an item handed to the database is stored and counted
                    budget_timer.reschedule(None)
                    prepared = await prepared_pages(cpu, source, ready)
                    outcomes = await database(partial(handle_items, session, repos, source, source_row, prepared,
                                                      dedup_config))
                    budget_timer.reschedule(ends_at)
                    for done in outcomes:
                        handled += 1
                        fetched += done.status in ("stored", "unparsable")
                        errors += done.status in ("failed", "unparsable")
                        new += done.new
                        duplicates += done.duplicates
        except TimeoutError:
            budget_exhausted = True
        left_pending = len(due) - handled
        if budget_exhausted and error is None:
            log.warning("source %s: time budget of %g s used up; %d due item(s) left pending for the next run",
                        source.name, budget, left_pending)
        item_records = fetcher.drain_records()

        def finish() -> None:
            repos.fetches.log(run, source_row, item_records)
            repos.runs.finish(run, source_row, fetched=fetched, new=new, duplicates=duplicates, errors=errors,
                               error=error)

        await database(lambda: db.commit_together(session, finish, f"finishing the run of {source.name!r}"))
    return SourceRunResult(source.name, fetched, new, duplicates, errors, error, discovered, known,
                           budget_exhausted=budget_exhausted, left_pending=left_pending)


def _end_run(engine: Engine, name: str, since: datetime, status: str, error: str) -> None:
    """Best effort: the run this pass started for the source (if still running) ends with `status` and `error`."""
    try:
        with Session(engine) as session:
            CrawlRuns(session).end_running(status, error[:2000], source_name=name, started_since=since)
    except (sa.exc.SQLAlchemyError, DatabaseError):
        log.warning("source %s: its run could not be marked %s (the database is unusable)", name, status)


def _database_failure_behind(exc: BaseException) -> sa.exc.DBAPIError | None:
    """The failed database call an exception was raised while handling, if any."""
    seen = exc.__context__
    while seen is not None and not isinstance(seen, sa.exc.DBAPIError):
        seen = seen.__context__
    return seen


async def _crawl_source_guarded(source: SourceConfig, scraper: Scraper, fetcher: Fetcher, engine: Engine,
                                cpu: CpuWorkers, progress: ProgressCallback, dedup_config: DedupConfig | None,
                                priorities: dict[str, int], database: DatabaseCalls = INLINE) -> SourceRunResult:
    """_crawl_source with database failures turned into a DatabaseError that says what to do."""
    started = utcnow()
    try:
        return await _crawl_source(source, scraper, fetcher, engine, cpu, progress, dedup_config, priorities,
                                   database)
    except DatabaseError as exc:
        _end_run(engine, source.name, started, "failed", str(exc))
        raise
    except (sa.exc.DBAPIError, sa.exc.PendingRollbackError) as exc:
        # PendingRollbackError: a write on a session whose connection was lost; the loss is its context
        lost = exc if isinstance(exc, sa.exc.DBAPIError) else _database_failure_behind(exc)
        error = (db.database_error(lost, engine.url, f"crawling source {source.name!r}") if lost is not None
                 else DatabaseError(f"database error while crawling source {source.name!r}: {exc}"))
        _end_run(engine, source.name, started, "failed", str(error))
        raise error from exc
    except asyncio.CancelledError:  # shutdown, or another source's database error stopped the pass
        _end_run(engine, source.name, started, "interrupted",
                 "the crawl pass stopped before this source finished; its unfetched items stay pending")
        raise


async def crawl_async(settings: Settings, sources: list[SourceConfig], engine: Engine,
                      progress: ProgressCallback | None = None, robots_cache: RobotsCache | None = None,
                      fetcher: Fetcher | None = None, database: DatabaseCalls = INLINE,
                      cpu: CpuWorkers | None = None) -> list[SourceRunResult]:
    """Crawl the sources concurrently in one Fetcher; results in the order of `sources`.
    `robots_cache`: robots.txt answers kept between runs (the service's). `fetcher`: the service's
    long-lived one (its per-origin limits then hold across all its crawls; not closed here). `database`:
    where database work runs. `cpu`: the worker processes that extract and tag pages (the service's; by
    default the pass starts its own, MONITOR_CPU_WORKERS). A DatabaseError stops the pass."""
    own_cpu = cpu is None
    cpu = CpuWorkers.for_settings(settings) if cpu is None else cpu
    report = progress or (lambda _name, _what: None)
    dedup_config = DedupConfig.from_settings(settings)
    priorities = {s.name: s.priority for s in sources}
    slots = asyncio.Semaphore(MAX_CONCURRENT_SOURCES)

    async def crawl_one(source: SourceConfig, fetcher: Fetcher) -> SourceRunResult:
        scraper = scraper_for(source)
        async with slots:
            try:
                return await _crawl_source_guarded(source, scraper, fetcher, engine, cpu, report, dedup_config,
                                                   priorities, database)
            except DatabaseError:
                raise  # not this source's fault, and no other source could be stored either: stop the pass
            except MonitorError as exc:
                return SourceRunResult(source.name, 0, 0, 0, 0, str(exc))

    if cpu.processes and not KNOWN_STOCK.warmed:
        # the workers prepare each page assuming the stock sentences this process knows: the database's, before
        # the first page (else the check fingerprints a templated article again, on the database thread)
        try:
            await database(partial(_warm_known_stock, engine, dedup_config), urgent=True)
        except BaseException:
            if own_cpu:  # the pass's own workers: closed below once it runs, here when it never starts
                cpu.close()
            raise
    opened = contextlib.nullcontext(fetcher) if fetcher is not None else Fetcher(settings, robots_cache=robots_cache)
    async with opened as fetcher:
        for source in sources:
            fetcher.set_rate_limit(source.url, source.rate_limit)
        # list pages parsed in the service's workers too (the tasks made here take this context); a one-shot pass
        # parses them itself: its own workers are still starting (~1 s) when its first list page arrives, and its
        # sources' time budgets would pay for that wait
        offload = CPU_WORK.set(cpu.run if cpu.processes and not own_cpu else None)
        try:
            tasks = [asyncio.ensure_future(crawl_one(source, fetcher)) for source in sources]
        finally:
            CPU_WORK.reset(offload)
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION) if tasks else None
        finally:  # a DatabaseError, or this pass cancelled (shutdown): the other sources stop too
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.wait(tasks)
            if own_cpu:
                cpu.close()
        for task in tasks:
            if not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        return [task.result() for task in tasks]


def _warm_known_stock(engine: Engine, config: DedupConfig) -> None:
    with Session(engine) as session:
        warm_known_stock(session, config)


def crawl(settings: Settings, sources: list[SourceConfig], engine: Engine,
          progress: ProgressCallback | None = None) -> list[SourceRunResult]:
    return asyncio.run(crawl_async(settings, sources, engine, progress))


# dry run: `monitor sources test` ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PreviewItem:
    url: str
    article: ExtractedArticle | None
    zones: tuple[str, ...] = ()
    error: str | None = None
    fields: tuple[FieldOrigin, ...] = ()  # where title, date, author and body came from (selector or fallback)


@dataclass(frozen=True, slots=True)
class SourcePreview:
    name: str
    kind: str
    discovered: tuple[str, ...]
    items: tuple[PreviewItem, ...]
    error: str | None = None
    reasons: tuple[str, ...] = ()  # how the URLs were found (list block, URL pattern, feed ...), when the kind says
    notes: tuple[str, ...] = ()  # per discovered URL: what was beside it (date, link text), when the kind says


async def preview_source_async(settings: Settings, source: SourceConfig, limit: int) -> SourcePreview:
    """Discover, fetch and extract the first ``limit`` items of one source; nothing is stored or remembered."""
    scraper = scraper_for(source)
    tagger = shared_tagger()
    async with Fetcher(settings) as fetcher:  # no validator store: the list is fetched in full
        fetcher.set_rate_limit(source.url, source.rate_limit)
        try:
            discovered = await scraper.discover_explained(source, fetcher, None)
        except SourceError as exc:
            return SourcePreview(source.name, source.kind, (), (), str(exc))
        urls = list(discovered.urls)
        items: list[PreviewItem] = []
        for url in urls[:limit]:
            outcome = await _fetch_item(scraper, source, fetcher, url, None)
            if isinstance(outcome, FetchError):
                items.append(PreviewItem(url, None, error=str(outcome)))
                continue
            try:
                fields = scraper.field_origins(source, outcome)
            except Undecodable:
                fields = ()
            try:
                for article in scraper.parse(source, outcome):
                    tags = tag_article(article, source.zones, url=article.url, tagger=tagger)
                    zones = tuple(t.zone_id for t in tags.zones if t.role == "subject")
                    items.append(PreviewItem(url, article, zones, fields=fields))
            except (ExtractionError, Undecodable) as exc:
                items.append(PreviewItem(url, None, error=f"{type(exc).__name__}: {exc}", fields=fields))
    return SourcePreview(source.name, source.kind, tuple(urls), tuple(items), reasons=discovered.reasons,
                         notes=discovered.notes)


def preview_source(settings: Settings, source: SourceConfig, limit: int) -> SourcePreview:
    return asyncio.run(preview_source_async(settings, source, limit))


# `monitor reextract` ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReextractResult:
    pages: int
    new: int
    duplicates: int
    errors: int
    skipped: int  # pages of sources no longer in the sources file
    not_kept: int = 0  # fetched items (of the source, since the date) whose raw page was deleted (retention)


def reextract(settings: Settings, sources: list[SourceConfig], engine: Engine, source_name: str | None = None,
              since: datetime | None = None, progress: Callable[[int, int], None] | None = None) -> ReextractResult:
    """Re-run extraction, dedup and tagging on the stored raw pages (newest copy per URL), oldest first."""
    import json
    import zlib

    from sqlalchemy import func
    from sqlmodel import col

    by_name = {s.name: s for s in sources}
    dedup_config = DedupConfig.from_settings(settings)
    pages = new = duplicates = errors = skipped = 0
    with Session(engine, expire_on_commit=False) as session:
        repos = Repositories.over(session, {s.name: s.priority for s in sources})
        latest = select(func.max(StoredPage.id)).group_by(col(StoredPage.url))
        query = (select(StoredPage, Source).join(DiscoveredUrl, col(DiscoveredUrl.url) == col(StoredPage.url))
                 .join(Source, col(Source.id) == col(DiscoveredUrl.source_id))
                 .where(col(StoredPage.id).in_(latest)).order_by(col(StoredPage.id)))
        if source_name:
            query = query.where(Source.name == source_name)
        if since:
            query = query.where(col(StoredPage.fetched_at) >= since)
        rows = list(session.exec(query).all())
        for done, (stored, source_row) in enumerate(rows, 1):
            if progress:
                progress(done, len(rows))
            source = by_name.get(source_row.name)
            if source is None:
                skipped += 1
                continue
            page = RawPage(url=stored.url, final_url=stored.final_url, status=stored.status,
                           content=zlib.decompress(stored.body_zlib), content_type=stored.content_type,
                           fetched_at=stored.fetched_at,
                           headers=tuple((k, v) for k, v in json.loads(stored.headers_json or "[]")))
            pages += 1
            work = prepare_page(source, page)
            if work.error is not None:
                errors += 1
                log.warning("%s: %s", stored.url, work.message)
                continue
            page_new, page_duplicates = db.commit_retrying(
                session, partial(_store_articles, session, repos, source_row, page, work.articles, dedup_config,
                                 stored_page=stored), f"re-extracting {stored.url}")
            new += page_new
            duplicates += page_duplicates
        not_kept = repos.queue.pages_not_kept(source_name, since)
    return ReextractResult(pages, new, duplicates, errors, skipped, not_kept)
