"""A fetched page's work that needs no database: extraction, tagging and the dedup stage's own (sentences,
facts, fingerprint: ``monitor.dedup.prepare_body``), in worker processes.

A crawl's CPU goes mostly to this work, and one Python process runs Python on one core at a time: `monitor
serve` at 5,000 sources every 5 minutes used 103% of one core and its runs queued ~100 s behind their ticks
(issue 23). ``CpuWorkers`` runs ``prepare_page`` in a ``concurrent.futures.ProcessPoolExecutor`` (one process
per core by default, MONITOR_CPU_WORKERS), so the service's event loop and its database thread keep their core
while the workers use the others.

The database thread then only looks up and writes: ``Deduplicator.check(article, work.dedup)`` gives the
verdict it gives without the prepared body (the fingerprint assumes the stock sentences the crawling process
knew, ``KNOWN_STOCK``, and the check fingerprints again when the database says otherwise).

Pure, so crash-safe by construction: a worker writes nothing; what it returns (frozen dataclasses) is stored by
the crawl's database thread in the item's transaction as before. A worker that dies (killed, out of memory)
breaks its pool: the pool is replaced and the page prepared again, so no item is lost or stored twice; a
process killed as a whole leaves the item pending, as it did before.

Workers are started by a fork server that imported this module (and so the extractors and the tagger) once,
not by forking the service: a fork of a process with threads (the event loop's executors, database
connections) copies locks other threads may hold.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import numpy as np

from monitor.dedup import PreparedBody, prepare_body
from monitor.errors import ExtractionError, Undecodable
from monitor.items import ExtractedArticle, RawPage, TagSet
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig
from monitor.tag import shared_tagger, tag_article
from scrapers import scraper_for

__all__ = ["ArticleWork", "CpuWorkers", "PageWork", "chunks", "prepare_article", "prepare_articles", "prepare_page",
           "prepare_pages"]

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ArticleWork:
    """One article of a page with its tags (tagging reads only the article and its source's zones) and, when
    prepared ahead, the dedup stage's work on its body."""

    article: ExtractedArticle
    tags: TagSet
    dedup: PreparedBody | None = None


@dataclass(frozen=True, slots=True)
class PageWork:
    """A page's articles, or why it could not be parsed (``error``: 'ExtractionError: ...', ``message``: the
    exception's own text)."""

    articles: tuple[ArticleWork, ...] = ()
    error: str | None = None
    message: str | None = None


def prepare_article(article: ExtractedArticle, zones: tuple[str, ...] | list[str] = (),
                    stock: np.ndarray | None = None) -> ArticleWork:
    """Tag an article (``zones``: its source's) and, given ``stock`` (``KNOWN_STOCK.snapshot()`` of the process
    that stores it), prepare its dedup check. Without ``stock`` the check does that work itself: in the
    storing process, preparing ahead would only add the facts it reads for a few candidates."""
    tags = tag_article(article, zones, url=article.url, tagger=shared_tagger())
    return ArticleWork(article, tags, None if stock is None else prepare_body(article.body, stock))


def prepare_page(source: SourceConfig, page: RawPage, stock: np.ndarray | None = None) -> PageWork:
    """Extract the page's articles and ``prepare_article`` each (what ``handle_item`` stores). Pure: no
    database, no network."""
    try:
        articles = scraper_for(source).parse(source, page)
    except (ExtractionError, Undecodable) as exc:
        return PageWork(error=f"{type(exc).__name__}: {exc}", message=str(exc))
    return PageWork(tuple(prepare_article(article, source.zones, stock) for article in articles))


def prepare_pages(source: SourceConfig, pages: tuple[RawPage, ...], stock: np.ndarray | None = None) -> tuple[PageWork, ...]:
    """``prepare_page`` for several pages in one call to a worker: each call costs the crawling process ~0.2 ms
    of its own (the pool's threads, pipes and futures), a fifth of what its database thread spends per article."""
    return tuple(prepare_page(source, page, stock) for page in pages)


def prepare_articles(articles: tuple[ExtractedArticle, ...], zones: tuple[str, ...] = (),
                     stock: np.ndarray | None = None) -> tuple[ArticleWork, ...]:
    """``prepare_article`` for several articles in one call to a worker (see ``prepare_pages``)."""
    return tuple(prepare_article(article, zones, stock) for article in articles)


def chunks(items: list[T], parts: int) -> list[list[T]]:
    """``items`` in at most ``parts`` runs of nearly equal length, in order (one call per worker)."""
    size, extra = divmod(len(items), max(parts, 1))
    found, start = [], 0
    for part in range(max(parts, 1)):
        end = start + size + (part < extra)
        if end > start:
            found.append(items[start:end])
        start = end
    return found


OWNER_POLL = 1.0  # seconds between a worker's checks that the process it works for is alive


def _watch_owner(owner: int) -> None:
    """A worker ends when the process it works for is gone. That process killed (SIGKILL, out of memory) closes no
    pipe a worker waits on (each worker holds both ends of its call queue), and the workers, with their fork
    server, would stay forever: ~190 MB each, and one more pair at every restart of a killed service."""
    while True:
        time.sleep(OWNER_POLL)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # alive, as another user: cannot be
            pass


def _warm(owner: int) -> None:
    """A new worker watches its owner, builds the tagger's automaton and loads OpenCC's dictionaries before its
    first page."""
    threading.Thread(target=_watch_owner, args=(owner,), name="watch-owner", daemon=True).start()
    shared_tagger()
    tag_article(ExtractedArticle(url="http://example.invalid/", title="", body="開發區"))


def _idle() -> None:
    """Keeps a worker busy a moment, so that the pool starts another for the next call (``start``)."""
    time.sleep(0.05)


def default_workers() -> int:
    """One worker process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class CpuWorkers:
    """Where pages are prepared: ``processes`` worker processes, started on first use; 0: in this process."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self.replaced = 0  # pools replaced after a worker died

    @classmethod
    def for_settings(cls, settings: Settings) -> CpuWorkers:
        """MONITOR_CPU_WORKERS processes (unset: one per core)."""
        return cls(default_workers() if settings.cpu_workers is None else settings.cpu_workers)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            self._pool = ProcessPoolExecutor(self.processes, mp_context=context, initializer=_warm,
                                             initargs=(os.getpid(),))
        return self._pool

    def start(self) -> None:
        """Start the workers now (else on first use) and have each build its tagger: the first crawls of a service
        then wait for neither."""
        if self.processes:
            pool = self._executor()
            for _ in range(self.processes):
                pool.submit(_idle)

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in a worker (``work`` and its arguments picklable, ``work`` pure: it may run twice)."""
        if self.processes == 0:
            return work(*args)
        for _attempt in range(2):
            pool = self._executor()
            try:
                # submitted from a thread: a submit may start worker processes, and the first start waits for
                # the fork server to import the pipeline (~1 s), which must not stall the loop's fetches
                submitted = await asyncio.to_thread(pool.submit, partial(work, *args))
                return await asyncio.wrap_future(submitted)
            except BrokenProcessPool:
                # a worker died: nothing it did is kept anywhere, so the work is simply done again in a new pool
                if self._pool is pool:
                    log.warning("a worker process died; its pool is replaced and its work done again")
                    self._pool = None
                    self.replaced += 1
                    pool.shutdown(wait=False, cancel_futures=True)
        # twice broken (something kills every worker): done in a thread of this process, slowly but done
        return await asyncio.to_thread(work, *args)

    def submit(self, work: Callable[..., T], *args: object) -> Future[T]:
        """``work(*args)`` in a worker, for a caller without an event loop (a benchmark, an import): no retry
        when a worker dies (``run`` has it)."""
        if self.processes == 0:
            done: Future[T] = Future()
            done.set_result(work(*args))
            return done
        return self._executor().submit(partial(work, *args))

    def worker_pids(self) -> list[int]:
        """The worker processes now running (their CPU time is read from /proc by benchmarks)."""
        return list(self._pool._processes) if self._pool is not None else []  # noqa: SLF001

    @property
    def executor(self) -> Executor | None:
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
