"""Scheduler benchmark: `monitor serve`'s scheduler with many sources on a loopback fixture server.

1. Busy: ``--sources`` html sources (default 1,000), each on an ``--interval`` schedule
   with the service's jitter, for ``--duration`` seconds; every list page answers 304 after
   the first run. Reported: CPU% and memory of the service process, and the lateness of
   job starts (submission time - scheduled time, p50 and p99). Target: p99 < 1 s.
2. Idle: every crawl job is paused for ``--idle`` seconds (only the service's own digest
   and sources-file jobs stay): CPU% of the process. Target: < 1%.

The issue asks for 60 s intervals for 10 minutes, then 5 idle minutes:
    .venv/bin/python bench/scheduler.py --interval 60 --duration 600 --idle 300
The defaults (10 s intervals, 120 s busy, 45 s idle) finish in about 3 minutes. The fixture
server runs in a child process, so its CPU is not counted. ``--database-url`` picks the
database (default: a SQLite file, where runs share the one write lock; PostgreSQL takes an
advisory lock per source, as in production).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_SUBMITTED, JobSubmissionEvent  # noqa: E402

from monitor.service.scheduler import Service  # noqa: E402
from monitor.settings import Settings  # noqa: E402
from monitor.store import db  # noqa: E402

ETAG = '"v1"'
EMPTY_LIST = b'<html><body><ul class="news-list"></ul></body></html>'


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            self._send(404, b"")
        elif self.headers.get("If-None-Match") == ETAG:
            self._send(304, b"")
        else:
            self._send(200, EMPTY_LIST)

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("ETag", ETAG)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(port_out: multiprocessing.connection.Connection) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    port_out.send(server.server_address[1])
    server.serve_forever()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _bench(service: Service, duration: float, idle: float) -> dict[str, float]:
    lateness: list[float] = []

    overrun: list[str] = []  # ticks skipped because the source's previous run was still going

    def on_submitted(event: JobSubmissionEvent) -> None:
        if event.job_id.startswith("crawl:") and event.scheduled_run_times:
            lateness.append((datetime.now(UTC) - event.scheduled_run_times[-1]).total_seconds())

    def on_overrun(event: JobSubmissionEvent) -> None:
        if event.job_id.startswith("crawl:"):
            overrun.append(event.job_id)

    runner = asyncio.create_task(service.run())
    while service.scheduler is None or not service.scheduler.running:
        await asyncio.sleep(0.05)
    service.scheduler.add_listener(on_submitted, EVENT_JOB_SUBMITTED)
    service.scheduler.add_listener(on_overrun, EVENT_JOB_MAX_INSTANCES)
    wall, cpu = time.monotonic(), _cpu()
    peak = _rss_mb()
    deadline = wall + duration
    while time.monotonic() < deadline:
        await asyncio.sleep(1)
        peak = max(peak, _rss_mb())
    busy_cpu = (_cpu() - cpu) / (time.monotonic() - wall) * 100
    for job in service.scheduler.get_jobs():
        if job.id.startswith("crawl:"):
            job.pause()
    while service.running:  # let the crawls in flight finish before the idle period
        await asyncio.sleep(0.2)
    await asyncio.sleep(2)
    wall, cpu = time.monotonic(), _cpu()
    await asyncio.sleep(idle)
    idle_cpu = (_cpu() - cpu) / (time.monotonic() - wall) * 100
    assert service.stop is not None
    service.stop.set()
    await runner
    ordered = sorted(lateness) or [0.0]
    finished = service.metrics.runs.collect()[0].samples if hasattr(service, "metrics") else []
    completed = sum(sample.value for sample in finished if sample.name.endswith("_total")
                    and sample.labels.get("status") not in ("skipped",))
    return {"jobs": len(lateness), "overrun": len(overrun), "completed": completed, "p50": statistics.median(ordered), "p99": ordered[int(0.99 * (len(ordered) - 1))],
            "max": ordered[-1], "busy_cpu": busy_cpu, "idle_cpu": idle_cpu, "rss_peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--interval", type=int, default=10, help="seconds between runs of one source")
    parser.add_argument("--duration", type=float, default=120, help="seconds of the busy period")
    parser.add_argument("--idle", type=float, default=45, help="seconds of the idle period")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    logging.getLogger("apscheduler.executors").setLevel(logging.ERROR)  # as `monitor serve`: skipped ticks are the point

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=_serve, args=(send,), daemon=True)
    server.start()
    port = receive.recv()
    with tempfile.TemporaryDirectory() as tmp:
        base = f"http://127.0.0.1:{port}"
        lines = ["sources:"]
        for n in range(args.sources):
            lines += [f"  - name: bench-{n}", "    kind: html", f'    url: "{base}/list/{n}.html"',
                      f'    schedule: "every {args.interval}s"', '    links: "ul.news-list a"', "    rate_limit: 50",
                      '    selectors: {title: "h1", body: ".body"}']
        sources = Path(tmp) / "sources.yaml"
        sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        db.upgrade(url)
        settings = Settings(_env_file=None, database_url=url, sources=sources, outbox=Path(tmp) / "outbox",  # type: ignore[call-arg]
                            allow_private_hosts=True, secret_key="bench", fetch_retries=0)
        engine = db.make_engine(url)
        service = Service(settings, engine, web=False)
        print(f"{args.sources} sources every {args.interval}s (jitter {settings.schedule_jitter}s), "
              f"{args.duration:g}s busy + {args.idle:g}s idle, {engine.url.get_backend_name()}", flush=True)
        result = asyncio.run(_bench(service, args.duration, args.idle))
        engine.dispose()
    server.terminate()
    print(f"job starts: {result['jobs']:.0f}; lateness p50 {result['p50']:.3f}s, p99 {result['p99']:.3f}s "
          f"(target < 1 s), max {result['max']:.3f}s")
    print(f"ticks skipped because the previous run of the source was still going: {result['overrun']:.0f}; "
          f"crawl runs recorded by the service's metrics: {result['completed']:.0f}")
    print(f"busy: CPU {result['busy_cpu']:.1f}% of one core, peak RSS {result['rss_peak_mb']:.0f} MB")
    print(f"idle: CPU {result['idle_cpu']:.2f}% of one core (target < 1%)")


if __name__ == "__main__":
    main()
