"""`monitor serve`: the scheduler, the web app and /metrics in one asyncio process.

Jobs (APScheduler 3 AsyncIOScheduler, memory job store rebuilt from the sources file at
start and on every reload; run records live in the project's own tables):
1. one crawl job per enabled source, from its ``schedule``: ``every N[s|m|h|d]`` (an
   interval, first run soon after start (within the jitter, or within the interval up to 10 minutes),
   later runs on a phase of the source's own, so that sources started together do not all run at once
   every tick) or a cron expression evaluated in the
   source's timezone; jitter, ``max_instances=1``, ``coalesce=True`` and an explicit
   misfire grace time on every job;
2. a digest job every minute: `send_digests` decides per subscriber (timezone, hour) what
   is due, and never sends a period twice;
3. a nightly maintenance job (runs left ``running`` by a dead process become ``interrupted``; raw pages
   older than MONITOR_RAW_PAGE_RETENTION_DAYS are deleted, also once right after start);
4. a watch job that reloads the sources file when it changes (SIGHUP reloads at once).

A crawl job takes the source's lock (locks.py) and skips its tick when another process ran
the source less than half an interval ago, so several serve processes on one PostgreSQL
crawl each source once per tick. SIGTERM/SIGINT stop the scheduler, cancel crawls in flight
(every stored article is its own transaction; URLs not yet fetched stay ``pending``) and
exit within 10 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import random
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.errors import ConfigError, LockBusy, MonitorError
from monitor.fetch import Fetcher, RobotsCache
from monitor.itemwork import CpuWorkers
from monitor.pipeline import DatabaseCalls, crawl_async
from monitor.service import health, locks
from monitor.service.joblocks import JobLocks
from monitor.service.metrics import ServiceMetrics
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig, load_sources, parse_interval
from monitor.store import CrawlRuns, UrlQueue, db
from monitor.store.models import CrawlRun, Source
from monitor.tag import shared_tagger
from monitor.timefmt import utcnow

__all__ = ["Service", "serve"]

log = logging.getLogger(__name__)

SHUTDOWN_SECONDS = 8.0  # crawls in flight get this long to unwind; the process exits within 10 s
WATCH_SECONDS = 2
STALE_RUN = timedelta(hours=6)
CRON_MIN_GAP = 60.0


def min_gap(source: SourceConfig) -> float:
    """Two runs of a source closer than this belong to one tick (another process already ran it)."""
    interval = parse_interval(source.schedule)
    return interval / 2 if interval is not None else CRON_MIN_GAP


def jitter_for(source: SourceConfig, settings: Settings) -> float:
    interval = parse_interval(source.schedule)
    return min(settings.schedule_jitter, (interval or 600) / 10)


FIRST_RUN_SPREAD = 600.0  # interval sources this frequent have their first runs spread over a whole interval


def first_run(source: SourceConfig, settings: Settings, now: datetime) -> datetime | None:
    """When an interval source first runs after (re)start (None: a cron source, run by its schedule). Within
    the jitter for long intervals; over a whole interval for intervals up to FIRST_RUN_SPREAD, else 1,000
    sources every minute would all run within the same 6 s after a restart and wait for each other's
    database work (the runs after the first keep that spread: see trigger_for)."""
    interval = parse_interval(source.schedule)
    if interval is None:
        return None
    spread = interval if interval <= FIRST_RUN_SPREAD else jitter_for(source, settings)
    return now + timedelta(seconds=random.uniform(0, spread))


def trigger_for(source: SourceConfig, settings: Settings, first: datetime | None = None) -> IntervalTrigger | CronTrigger:
    """``first``: when an interval source's first run is due (first_run). The runs after it keep a phase of
    their own spread over a whole interval: sources started together would otherwise all run within the
    jitter of each other, tick after tick (1,000 sources every minute: 1,000 runs in 6 s, then nothing for
    54). A first run spread over the interval sets the phase itself; after a first run within the jitter,
    the second comes 0.55-1.5 intervals later, never within the half interval that counts as the same tick."""
    interval = parse_interval(source.schedule)
    jitter = jitter_for(source, settings) or None
    if interval is not None:
        phase = None
        if first is not None:
            phase = first + timedelta(seconds=interval if interval <= FIRST_RUN_SPREAD
                                      else interval * random.uniform(0.55, 1.5))
        return IntervalTrigger(seconds=interval, jitter=jitter, timezone=UTC, start_date=phase)
    return CronTrigger.from_crontab(source.schedule, timezone=ZoneInfo(source.timezone))


def misfire_grace(source: SourceConfig) -> int:
    """A late run still starts within this many seconds (APScheduler's default of 1 s skips it)."""
    interval = parse_interval(source.schedule)
    return max(1, min(int(interval or 3600) // 2, 1800))


def freeze_heap(*, refreeze: bool = False) -> None:
    """Move the objects alive now out of the garbage collector's reach (``gc.freeze``). A full collection walks
    every tracked object with the GIL held: with the service's few hundred MB of long-lived objects (gazetteer,
    tagger automata, caches) that was 0.3-1.6 s, about every 30 s under load, and every scheduled crawl due then
    began that much late (bench/scheduler.py --lateness-out: each tick over 1 s late overlapped one). Frozen
    objects are still freed by reference counting; only a cycle among them that dies later is kept, so
    ``refreeze`` (nightly) first returns them to the collector once and collects them."""
    if refreeze:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


class _QuietServer:
    """uvicorn.Server without its own signal handlers: the service owns SIGTERM/SIGINT."""

    @staticmethod
    def make(app: Any, host: str, port: int) -> Any:
        import uvicorn

        class Server(uvicorn.Server):
            @contextlib.contextmanager
            def capture_signals(self) -> Iterator[None]:
                yield

        return Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off"))


class Service:
    def __init__(self, settings: Settings, engine: Engine, *, web: bool = True, host: str | None = None,
                 port: int | None = None) -> None:
        self.settings, self.engine = settings, engine
        self.web, self.host, self.port = web, host or settings.web_host, port or settings.web_port
        self.metrics = ServiceMetrics()
        self.sources: dict[str, SourceConfig] = {}
        self.running: set[asyncio.Task[Any]] = set()
        # Crawls wait on the network most of the time, so many run at once in one Fetcher (its
        # per-origin limits then hold across all of them); what they do in the database, and the
        # extraction, dedup and tagging around it, queues for a few worker threads: one on SQLite
        # (the one writer), a few on PostgreSQL (each a pooled connection). The source locks of the
        # process share one connection (joblocks.py), so the crawls in flight do not use up the pool.
        self.crawl_slots = asyncio.Semaphore(settings.crawl_concurrency)
        postgres = engine.url.get_backend_name() == "postgresql"
        self.database_workers = ThreadPoolExecutor(max_workers=settings.database_workers if postgres else 1,
                                                   thread_name_prefix="crawl-db")
        self.crawl_starts = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crawl-start")
        self.database = DatabaseCalls(self.database_workers, self.crawl_starts)
        # extraction and tagging in worker processes (MONITOR_CPU_WORKERS): the other cores' share of the work
        self.cpu = CpuWorkers.for_settings(settings)
        self.job_locks = JobLocks(engine)
        self.fetcher: Fetcher | None = None
        self.robots_cache = RobotsCache()
        self._signature: tuple[int, int] | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.stop: asyncio.Event | None = None

    # sources file -------------------------------------------------------------------
    def _file_signature(self) -> tuple[int, int] | None:
        try:
            stat = Path(self.settings.sources).stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def reload(self, *, initial: bool = False) -> None:
        """Re-read the sources file and bring the crawl jobs in line; a bad file keeps the old jobs."""
        assert self.scheduler is not None
        self._signature = self._file_signature()
        try:
            config = load_sources(self.settings.sources)
        except ConfigError as exc:
            if initial:
                raise
            log.error("sources file not reloaded, keeping the running schedule: %s", exc)
            return
        wanted = {s.name: s for s in config.sources if s.enabled}
        for job in self.scheduler.get_jobs():
            name = job.id.removeprefix("crawl:")
            if job.id.startswith("crawl:") and (name not in wanted or wanted[name].schedule != self.sources[name].schedule
                                                or wanted[name].timezone != self.sources[name].timezone):
                job.remove()
        present = {job.id for job in self.scheduler.get_jobs()}
        now = datetime.now(UTC)
        for name, source in wanted.items():
            if f"crawl:{name}" in present:
                continue
            first = first_run(source, self.settings, now)  # an interval source runs soon after (re)start
            self.scheduler.add_job(self._crawl_job, trigger_for(source, self.settings, first), args=[name], id=f"crawl:{name}",
                                   name=f"crawl {name}", max_instances=1, coalesce=True,
                                   misfire_grace_time=misfire_grace(source), replace_existing=True,
                                   **({"next_run_time": first} if first else {}))
        self.sources = {s.name: s for s in config.sources}
        self.metrics.sources.set(len(wanted))
        log.info("%s: %d source(s) scheduled", "started" if initial else "sources file reloaded", len(wanted))

    async def _watch(self) -> None:
        if self._file_signature() != self._signature:
            self.reload()

    # jobs ---------------------------------------------------------------------------
    def _ran_recently(self, name: str, gap: float) -> bool:
        with Session(self.engine) as session:
            # the latest start along the (source_id, started_at) index: max() over a join read every run the source
            # ever had (runs are never pruned), on the path between a tick and its first request
            source_id = select(Source.id).where(Source.name == name).scalar_subquery()
            last = session.exec(select(CrawlRun.started_at).where(col(CrawlRun.source_id) == source_id)
                                .order_by(col(CrawlRun.started_at).desc()).limit(1)).first()
        if last is None:
            return False
        if last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        return (utcnow() - last).total_seconds() < gap

    def _mark_interrupted(self, name: str) -> None:
        with Session(self.engine) as session:
            CrawlRuns(session).end_running("interrupted", "stopped by shutdown", source_name=name)

    async def _crawl_job(self, name: str) -> None:
        source = self.sources.get(name)
        if source is None or not source.enabled or self.fetcher is None:
            return
        task = asyncio.current_task()
        assert task is not None
        self.running.add(task)
        postgres = self.engine.url.get_backend_name() == "postgresql"
        try:
            # PostgreSQL: the lock taken means another process runs this source now: skip the tick.
            # SQLite: another process holds the write lock (a CLI run): wait for it.
            async with self.crawl_slots, self.job_locks.hold_async(locks.source_lock_name(name),
                                                                   0 if postgres else self.settings.lock_timeout):
                if await self.database(lambda: self._ran_recently(name, min_gap(source)), urgent=True):
                    self.metrics.runs.labels(name, "skipped").inc()
                    return
                try:
                    results = await crawl_async(self.settings, [source], self.engine, robots_cache=self.robots_cache,
                                                fetcher=self.fetcher, database=self.database, cpu=self.cpu)
                except asyncio.CancelledError:  # shutdown: the crawl marked its run interrupted, stored work is kept
                    return
                for result in results:
                    self.metrics.record(result)
                    verdict = await self.database(lambda result=result: health.record_run(self.engine, self.settings,
                                                                                           result))
                    self.metrics.alerts_sent.inc(verdict.alert_sent + verdict.all_clear_sent)
                    # the failure itself was logged where it happened (pipeline): not a second time here
                    log.info("source %s: listed %d, new %d, known %d, failed %d (fetched %d, duplicates %d)%s%s",
                             result.name, result.discovered, result.new, result.known, result.errors, result.fetched,
                             result.duplicates,
                             f", stopped by its time budget ({result.left_pending} item(s) left pending)"
                             if result.budget_exhausted and not result.failed else "",
                             ", the run failed" if result.error else "")
        except asyncio.CancelledError:  # shutdown while waiting for the lock: nothing started
            return
        except LockBusy:
            self.metrics.runs.labels(name, "skipped").inc()
            log.info("source %s: another run holds its lock, tick skipped", name)
        except MonitorError as exc:
            log.error("source %s: %s", name, exc)
        except sa.exc.DBAPIError as exc:  # checking the last run or recording health: the next tick tries again
            log.error("source %s: %s", name, db.database_error(exc, self.engine.url))
        finally:
            self.running.discard(task)

    def _send_digests(self) -> tuple[int, int]:
        """(sent, failed) of one digest run; the digests it gave up on are alerted by send_digests."""
        from monitor.digest import send_digests
        from monitor.digest.mailer import mailer_for

        name = locks.DIGEST_LOCK
        try:
            with self.job_locks.hold(name, self.settings.lock_timeout):
                result = send_digests(self.engine, self.settings, mailer_for(self.settings))
        except LockBusy as exc:
            log.info("digests: %s", exc)
            return 0, 0
        return result.sent, result.failed

    async def _digest_job(self) -> None:
        try:
            # SQLite: in the crawls' database worker, the one writer of this process
            sent, failed = await (asyncio.to_thread(self._send_digests) if self.engine.url.get_backend_name() == "postgresql"
                                  else self.database(self._send_digests))
        except asyncio.CancelledError:  # shutdown: a run in flight ends in its thread; its rows say what was sent
            return
        except MonitorError as exc:
            log.error("digests: %s", exc)
            return
        except sa.exc.DBAPIError as exc:  # rows left 'sending' are resent once by the next run
            log.error("digests: %s", db.database_error(exc, self.engine.url, "sending digests"))
            return
        self.metrics.digests_sent.inc(sent)
        self.metrics.digests_failed.inc(failed)

    def _maintenance(self, older_than: timedelta = STALE_RUN) -> int:
        """Runs left ``running`` by a process that died become ``interrupted``."""
        with Session(self.engine) as session:
            return CrawlRuns(session).end_running("interrupted", "the process running it stopped",
                                                  started_before=utcnow() - older_than)

    def _prune_pages(self) -> int:
        """Raw pages past MONITOR_RAW_PAGE_RETENTION_DAYS deleted (0 days: kept forever)."""
        days = self.settings.raw_page_retention_days
        if not days:
            return 0
        with Session(self.engine) as session:
            return UrlQueue(session).prune_pages(utcnow() - timedelta(days=days))

    async def _prune_job(self) -> None:
        try:
            pruned = await asyncio.to_thread(self._prune_pages)
        except (MonitorError, sa.exc.DBAPIError) as exc:  # the next night tries again
            log.error("maintenance: raw pages not pruned: %s", exc)
            return
        if pruned:
            log.info("maintenance: %d raw page(s) older than %d days deleted (MONITOR_RAW_PAGE_RETENTION_DAYS)",
                     pruned, self.settings.raw_page_retention_days)

    async def _maintenance_job(self) -> None:
        count = await asyncio.to_thread(self._maintenance)
        if count:
            log.info("maintenance: %d stale run(s) marked interrupted", count)
        await self._prune_job()
        freeze_heap(refreeze=True)  # the day's long-lived objects (caches) leave the collector's walks too

    def _on_submitted(self, event: JobSubmissionEvent) -> None:
        if event.scheduled_run_times:
            late = (datetime.now(UTC) - event.scheduled_run_times[-1]).total_seconds()
            self.metrics.lateness.observe(max(0.0, late))

    def _metrics_listener(self) -> tuple[Any, asyncio.Task[None]] | None:
        """/metrics alone on MONITOR_METRICS_HOST:MONITOR_METRICS_PORT (loopback by default), when a port is set."""
        if self.settings.metrics_port is None:
            return None
        from starlette.applications import Starlette
        from starlette.routing import Route

        app = Starlette(routes=[Route("/metrics", self.metrics.endpoint(self.settings, listener=True), methods=["GET"])])
        server = _QuietServer.make(app, self.settings.metrics_host, self.settings.metrics_port)
        log.info("metrics on http://%s:%d/metrics", self.settings.metrics_host, self.settings.metrics_port)
        return server, asyncio.create_task(server.serve())

    # lifecycle ----------------------------------------------------------------------
    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        self.stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop.set)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        if self.engine.url.get_backend_name() != "postgresql":
            self._maintenance(timedelta(0))  # this process holds the one serve lock: no run can be in flight
        self.fetcher = Fetcher(self.settings, robots_cache=self.robots_cache)
        self.cpu.start()
        self.scheduler = AsyncIOScheduler(event_loop=loop, timezone=UTC)
        self.scheduler.add_listener(self._on_submitted, EVENT_JOB_SUBMITTED)
        self.reload(initial=True)
        self.scheduler.add_job(self._digest_job, IntervalTrigger(minutes=1, timezone=UTC), id="digests", name="digests",
                               max_instances=1, coalesce=True, misfire_grace_time=50)
        self.scheduler.add_job(self._maintenance_job, CronTrigger(hour=3, minute=17, timezone=ZoneInfo("Asia/Shanghai")),
                               id="maintenance", name="maintenance", max_instances=1, coalesce=True,
                               misfire_grace_time=3600)
        self.scheduler.add_job(self._prune_job, "date", run_date=datetime.now(UTC) + timedelta(seconds=1),
                               id="prune-at-start", name="prune raw pages")
        self.scheduler.add_job(self._watch, IntervalTrigger(seconds=WATCH_SECONDS, timezone=UTC), id="watch",
                               name="watch sources file", max_instances=1, coalesce=True, misfire_grace_time=WATCH_SECONDS)
        shared_tagger()  # the dedup's story facts use it: built now (not at the first crawl), frozen with the rest
        freeze_heap()  # after start-up's objects exist, before the first tick
        self.scheduler.start()
        server_task = None
        if self.web:
            from starlette.routing import Route

            from monitor.web import create_app

            app = create_app(self.settings, self.engine)
            app.router.routes.append(Route("/metrics", self.metrics.endpoint(self.settings, listener=False), methods=["GET"]))
            server = _QuietServer.make(app, self.host, self.port)
            server_task = asyncio.create_task(server.serve())
            log.info("web app on http://%s:%d (/healthz, /metrics for loopback or the metrics token)", self.host, self.port)
        metrics_server = self._metrics_listener()
        stop_wait = asyncio.create_task(self.stop.wait())
        await asyncio.wait([stop_wait, *([server_task] if server_task else [])], return_when=asyncio.FIRST_COMPLETED)
        log.info("stopping: %d crawl(s) in flight are interrupted; their unfetched items stay pending",
                    len(self.running))
        self.scheduler.shutdown(wait=False)  # cancels the running job tasks
        for task in list(self.running):
            task.cancel()
        if self.running:
            await asyncio.wait(list(self.running), timeout=SHUTDOWN_SECONDS)
        await self.fetcher.__aexit__(None, None, None)
        self.database_workers.shutdown(wait=False, cancel_futures=True)
        self.crawl_starts.shutdown(wait=False, cancel_futures=True)
        self.cpu.close()
        self.job_locks.close()
        if server_task:
            server.should_exit = True
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(server_task, timeout=1.5)
        if metrics_server is not None:
            metrics_server[0].should_exit = True
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(metrics_server[1], timeout=1.5)
        stop_wait.cancel()


def serve(settings: Settings, engine: Engine, *, web: bool = True, host: str | None = None, port: int | None = None) -> None:
    logging.getLogger("apscheduler.executors").setLevel(logging.ERROR)  # "skipped: already running" is the point
    lock = locks.serve_lock(engine, settings.lock_timeout)
    try:
        asyncio.run(Service(settings, engine, web=web, host=host, port=port).run())
    finally:
        lock.release()
