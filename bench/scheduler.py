"""Scheduler benchmark: how late `monitor serve` starts its scheduled crawls, timed where a user waits.

``--sources`` html sources (default 1,000) on an ``--interval`` schedule (default 60 s) with the
service's jitter, against a loopback site in a child process. Each source's list page lists 10 items,
one of them new each tick (its ETag changes with the tick, so conditional GET answers 304 only within a
tick); the items are pages of real news text (tests/data/tagging_real), so every run fetches, extracts,
dedups, tags and stores one article.

Lateness of a tick = the time the site receives the source's list-page request - the tick's scheduled
time (APScheduler's, jitter included). A tick whose crawl never asked for its list page before the next
tick (skipped because the previous run still went on, a misfire, or never reached) counts as skipped.
Beside it, APScheduler's own figure (job submission time - scheduled time), which ignores every wait
after submission (crawl slots, locks, the crawl's own start).

    .venv/bin/python bench/scheduler.py                                   # 1,000 sources every 60 s, 5 min
    .venv/bin/python bench/scheduler.py --sources 5000 --interval 300 --duration 900
    .venv/bin/python bench/scheduler.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Every source's first run (ten new items) is made by a crawl pass before the service starts, so the
service meets the steady state (the sites' clock starts with the service: a warm-up longer than an
interval leaves no backlog of items that appeared while it ran; the first new item appears one interval
after the service starts); ticks are counted up to one interval before the end (later ones may not have had their chance). The service
process's CPU and peak memory are printed too. Targets (issue 23): p99 <= 2 s, no tick skipped.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import cProfile
import ctypes
import gc
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apscheduler.events import (  # noqa: E402
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobSubmissionEvent,
)

from monitor.pipeline import crawl  # noqa: E402
from monitor.service.scheduler import Service, jitter_for  # noqa: E402
from monitor.settings import Settings  # noqa: E402
from monitor.sourcesfile import load_sources  # noqa: E402
from monitor.store import db  # noqa: E402

ITEMS_PER_LIST = 10


def _real_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((ROOT / "tests" / "data" / "tagging_real").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts.append((case.get("title") or case["text"].split("。")[0][:30], case["text"]))
    return texts


def _article(title: str, text: str, source: int, tick: int) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<div class="nav"><a href="/">首页</a> <a href="/list/{source}.html">新闻动态</a></div>'
        f'<h1>{title}</h1><div class="meta">来源：本站 发布时间：2026-12-06</div>'
        f'<div class="body">{paragraphs}<p>（第{source}号来源 第{tick}期）</p></div>'
        '<div class="footer">主办：某某高新区管委会 地址：某某路1号</div></body></html>'
    ).encode()


def _serve(
    interval: int,
    first_tick: int,
    base_tick: int,
    clock_start: ctypes.c_double,
    conn: multiprocessing.connection.Connection,
) -> None:
    texts = _real_texts()
    first_seen: dict[int, list[float]] = {}  # source -> times its list page was asked for
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            now = time.time()
            # the sites' clock starts with the service: the warm-up, however long it takes, leaves each source
            # at its steady state (ten items known, none new), and one item is new per interval after that
            started = clock_start.value
            tick = base_tick + (int((now - started) // interval) if started else 0)
            parts = self.path.strip("/").split("/")
            if self.path == "/robots.txt":
                self._send(404, b"", None)
            elif parts[0] == "list":
                source = int(parts[1].removesuffix(".html"))
                with lock:
                    first_seen.setdefault(source, []).append(now)
                etag = f'"t{tick}"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", etag)
                    return
                links = "".join(
                    f'<li><a href="/item/{source}/{tick - k}.html">第{tick - k}期</a> <span>2026-12-06</span></li>'
                    for k in range(ITEMS_PER_LIST)
                    if tick - k >= first_tick
                )
                body = (
                    f'<html><body><div class="nav"><a href="/">首页</a></div><ul class="news-list">{links}</ul>'
                    '<div class="footer">版权所有</div></body></html>'
                ).encode()
                self._send(200, body, etag)
            elif parts[0] == "item":
                source, tick_of_item = int(parts[1]), int(parts[2].removesuffix(".html"))
                title, text = texts[(source * 7 + tick_of_item) % len(texts)]
                self._send(200, _article(title, text, source, tick_of_item), None)
            elif self.path == "/__report__":
                with lock:
                    report = repr(first_seen).encode()
                self._send(200, report, None)
            else:
                self._send(404, b"", None)

        def _send(self, status: int, body: bytes, etag: str | None) -> None:
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    conn.send(server.server_address[1])
    server.serve_forever()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _descendants(skip: int) -> list[int]:
    """This process's live descendants (its worker processes and their fork server), not ``skip``'s subtree
    (the site)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [os.getpid()]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child != skip:
                found.append(child)
                todo.append(child)
    return found


def _cpu(skip: int = -1) -> float:
    """CPU seconds of this process and of its live worker processes (the service's whole CPU)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in _descendants(skip):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _workers_rss_mb(skip: int) -> float:
    """Peak resident memory of the live worker processes, added up (each has its own)."""
    total = 0
    for pid in _descendants(skip):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return total / 1024


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else float("nan")


async def _run(
    service: Service, duration: float, site: int
) -> tuple[dict[int, list[float]], list[float], int, int, float, float]:
    """Scheduled times per source, APScheduler's submission lateness, overruns, misfires, CPU seconds."""
    scheduled: dict[int, list[float]] = {}
    submitted: list[float] = []
    overruns = misfires = 0

    def on_submitted(event: JobSubmissionEvent) -> None:
        if event.job_id.startswith("crawl:"):
            source = int(event.job_id.removeprefix("crawl:bench-"))
            now = time.time()
            for when in event.scheduled_run_times:
                scheduled.setdefault(source, []).append(when.timestamp())
                submitted.append(now - when.timestamp())

    def on_skipped(event: JobSubmissionEvent) -> None:
        nonlocal overruns, misfires
        if event.job_id.startswith("crawl:"):
            source = int(event.job_id.removeprefix("crawl:bench-"))
            times = getattr(event, "scheduled_run_times", None) or [event.scheduled_run_time]  # type: ignore[attr-defined]
            scheduled.setdefault(source, []).extend(when.timestamp() for when in times)
            if event.code == EVENT_JOB_MAX_INSTANCES:
                overruns += 1
            else:
                misfires += 1

    runner = asyncio.create_task(service.run())
    while service.scheduler is None or not service.scheduler.running:
        await asyncio.sleep(0.05)
    service.scheduler.add_listener(on_submitted, EVENT_JOB_SUBMITTED)
    service.scheduler.add_listener(on_skipped, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
    cpu = _cpu(site)
    await asyncio.sleep(duration)
    cpu = _cpu(site) - cpu
    workers_rss = _workers_rss_mb(site)
    assert service.stop is not None
    service.stop.set()
    await runner
    return scheduled, submitted, overruns, misfires, cpu, workers_rss


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--interval", type=int, default=60, help="seconds between runs of one source")
    parser.add_argument("--duration", type=float, default=300, help="seconds the service runs")
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--cpu-workers",
        type=int,
        default=None,
        help="MONITOR_CPU_WORKERS: worker processes extracting and tagging (default one per core; 0: none)",
    )
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="no first crawl of ten items per source: the sites' lists begin with the service (one item "
        "on the first tick, ten after ten ticks; one new item every tick either way)",
    )
    parser.add_argument(
        "--profile-out", type=Path, help="cProfile (CPU clock) of the service's run, saved here"
    )
    parser.add_argument(
        "--lateness-out",
        type=Path,
        help="one JSON line per counted tick (source, scheduled, first request, lateness; null when skipped) and "
        "per full garbage collection of the service process (start, pause), to tell a stall from a starved CPU",
    )
    args = parser.parse_args()
    logging.getLogger("apscheduler.executors").setLevel(logging.ERROR)

    receive, send = multiprocessing.Pipe(duplex=False)
    base_tick = int(time.time() // args.interval)
    first_tick = base_tick if args.no_warm_up else 0
    clock_start = multiprocessing.Value("d", 0.0, lock=False)
    server = multiprocessing.Process(
        target=_serve, args=(args.interval, first_tick, base_tick, clock_start, send), daemon=True
    )
    server.start()
    port = receive.recv()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        lines = ["sources:"]
        for n in range(args.sources):
            lines += [
                f"  - name: bench-{n}",
                "    kind: html",
                f'    url: "{base}/list/{n}.html"',
                f'    schedule: "every {args.interval}s"',
                '    links: "ul.news-list a"',
                "    rate_limit: 1000",
                '    selectors: {title: "h1", body: ".body"}',
            ]
        sources = Path(tmp) / "sources.yaml"
        sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        db.upgrade(url)
        # one origin stands for 1,000 sites: lift the per-origin limits (each real site has its own)
        settings = Settings(
            _env_file=None,
            database_url=url,
            sources=sources,
            outbox=Path(tmp) / "outbox",  # type: ignore[call-arg]
            allow_private_hosts=True,
            secret_key="bench",
            fetch_retries=0,
            concurrency_per_origin=32,
            cpu_workers=args.cpu_workers,
        )
        configs = list(load_sources(sources).sources)
        jitter = jitter_for(configs[0], settings)
        engine = db.make_engine(url)
        if (
            not args.no_warm_up
        ):  # steady state: every source's first run (ten new items) before the clock starts
            warm = time.monotonic()
            crawl(settings, configs, engine)
            print(
                f"warm-up crawl of the {args.sources} sources' first ten items: {time.monotonic() - warm:.0f}s",
                flush=True,
            )
        service = Service(settings, engine, web=False)
        print(
            f"{args.sources} sources every {args.interval}s, jitter applied {jitter:g}s "
            f"(min(MONITOR_SCHEDULE_JITTER {settings.schedule_jitter:g}, interval/10)), {args.duration:g}s, "
            f"{engine.url.get_backend_name()}, {settings.crawl_concurrency} crawls at once, "
            f"{1 if engine.url.get_backend_name() == 'sqlite' else settings.database_workers} database worker(s)",
            flush=True,
        )
        collections: list[tuple[float, float]] = []  # (start, pause) of the service process's full collections
        gc_began = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if info["generation"] == 2:
                if phase == "start":
                    gc_began[0] = time.time()
                else:
                    collections.append((gc_began[0], time.time() - gc_began[0]))

        gc.callbacks.append(on_gc)
        started, load_before = time.time(), os.getloadavg()[0]
        clock_start.value = started
        profile = cProfile.Profile(time.process_time) if args.profile_out else None
        if profile:
            profile.enable()
        scheduled, submitted, overruns, misfires, cpu, workers_rss = asyncio.run(
            _run(service, args.duration, server.pid or -1)
        )
        if profile:
            profile.disable()
            profile.dump_stats(args.profile_out)
        ended = time.time()
        import httpx

        asked: dict[int, list[float]] = eval(httpx.get(f"{base}/__report__").text)  # noqa: S307 (our own child's repr)
        engine.dispose()
    server.terminate()

    lateness: list[float] = []
    ticks: list[dict[str, object]] = []
    skipped = counted = 0
    for source, times in scheduled.items():
        times = sorted(set(times))
        requests = sorted(asked.get(source, []))
        for i, when in enumerate(times[1:], start=1):
            if when > ended - args.interval or when < started:
                continue
            counted += 1
            following = times[i + 1] if i + 1 < len(times) else when + args.interval
            at = bisect.bisect_left(requests, when)
            if at < len(requests) and requests[at] < following:
                lateness.append(requests[at] - when)
                ticks.append({"source": source, "scheduled": when, "asked": requests[at], "late_s": requests[at] - when})
            else:
                skipped += 1
                ticks.append({"source": source, "scheduled": when, "asked": None, "late_s": None})
    print(
        f"ticks counted: {counted}; lateness at the first request p50 {_percentile(lateness, 0.5):.3f}s, "
        f"p99 {_percentile(lateness, 0.99):.3f}s, max {max(lateness, default=float('nan')):.3f}s (target p99 <= 2 s)"
    )
    print(f"ticks skipped: {skipped} (overrun {overruns}, misfired {misfires}; target 0)")
    in_run = [(at, pause) for at, pause in collections if started <= at <= ended]
    print(
        f"full garbage collections of the service process while it ran: {len(in_run)}, pause max "
        f"{max((pause for _, pause in in_run), default=0.0):.3f}s, total {sum(pause for _, pause in in_run):.3f}s"
    )
    if args.lateness_out:
        with args.lateness_out.open("w", encoding="utf-8") as out:
            for tick in sorted(ticks, key=lambda t: float(t["scheduled"])):  # type: ignore[arg-type]
                out.write(json.dumps({"kind": "tick", **tick}) + "\n")
            for at, pause in in_run:
                out.write(json.dumps({"kind": "gc2", "at": at, "pause_s": pause}) + "\n")
    print(
        f"reference, APScheduler's own figure (submission - scheduled): p50 {_percentile(submitted, 0.5):.3f}s, "
        f"p99 {_percentile(submitted, 0.99):.3f}s"
    )
    runs = sum(1 for times in asked.values() for when in times if started <= when <= ended)
    print(
        f"service (its process and {settings.cpu_workers if settings.cpu_workers is not None else 'one per core'} "
        f"worker process(es)): CPU {cpu / args.duration * 100:.0f}% of one core, {cpu / max(runs, 1) * 1000:.1f} ms "
        f"per run ({runs} runs began), peak RSS {_rss_mb():.0f} MB (workers {workers_rss:.0f} MB more); load average {load_before:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end (2 cores: where the service got less CPU than it needed, "
        "the lateness figures say so and not more)"
    )
    print(
        json.dumps(
            {
                "bench": "scheduler",
                "sources": args.sources,
                "interval": args.interval,
                "database": "postgresql"
                if args.database_url and args.database_url.startswith("postgresql")
                else "sqlite",
                "late_p50_s": round(_percentile(lateness, 0.5), 3),
                "late_p99_s": round(_percentile(lateness, 0.99), 3),
                "late_max_s": round(max(lateness, default=float("nan")), 3),
                "skipped": skipped,
                "gc_full": len(in_run),
                "gc_pause_max_s": round(max((pause for _, pause in in_run), default=0.0), 3),
                "apscheduler_p50_s": round(_percentile(submitted, 0.5), 3),
                "apscheduler_p99_s": round(_percentile(submitted, 0.99), 3),
                "cpu_ms_per_run": round(cpu / max(runs, 1) * 1000, 2),
                "rss_mb": round(_rss_mb()),
                "workers_rss_mb": round(workers_rss),
                "load_start": round(load_before, 2),
                "load_end": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
