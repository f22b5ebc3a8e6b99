"""Crawl benchmark: ``--sites`` loopback news sites served by a child process, crawled on SQLite.

Each site has ``--articles`` / ``--sites`` article pages listed 20 to a list page (with next-page links),
with a site's chrome (navigation, breadcrumbs, related links, footer) around real news text: the bodies of
tests/data/dedup/labelled.jsonl (real articles and their real reposts) and the 300 real short news
texts of tests/data/tagging_real, one text a page (joined texts would read as a roundup and be split);
past those 468 texts the pages repeat them, and dedup stores them as duplicates.

1. End to end (fetch, extract, dedup, tag, store) with the limits lifted: every site its own source,
   rate limit 100,000/s, 32 requests per origin, no retries. pages/s over the wall clock, and the
   crawling process's CPU seconds per page (the limit on a loaded 2-core machine). The tagger and the
   imports are loaded before the clock starts. ``--profile``: where the time goes, by stage.
2. Fetching alone: the same item pages through the same Fetcher settings, nothing else.
3. A realistic rerun: on ``--changed`` of the sites 3 articles were published since (the list pages
   shift, so every list page of those sites changed), the other sites are unchanged. Bytes of list pages
   fetched against what the rerun would fetch without conditional GET (every list page in full), and the
   item pages fetched (only the new ones).
4. Rate limit at 1 request/s: the smallest spacing between request starts to the host over a short run
   (must never be < 1 s).

The site runs in its own process: served from the crawler's process, its threads would take the
crawler's GIL and CPU and be counted as the crawl's. Targets (issue 23): end to end >= 100 pages/s,
fetching alone >= 300 pages/s.

    .venv/bin/python bench/crawl.py [--articles 1000] [--sites 8] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import os
import pstats
import resource
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import Session, col, select  # noqa: E402

from monitor.fetch.fetcher import Fetcher  # noqa: E402
from monitor.pipeline import crawl  # noqa: E402
from monitor.settings import Settings  # noqa: E402
from monitor.sourcesfile import parse_sources  # noqa: E402
from monitor.store import db  # noqa: E402
from monitor.store.models import FetchLog  # noqa: E402
from monitor.tag import shared_tagger  # noqa: E402

PER_PAGE = 20
PUBLISHED_ON_RERUN = 3
STAGES = {  # stage -> functions whose cumulative time is that stage's (cProfile, --profile)
    "extract (scraper.parse)": ("parse",),
    "dedup (Deduplicator.check)": ("check",),
    "tag (tag_article)": ("tag_article",),
    "store (store_article, keep_page, mark_fetched)": ("store_article", "keep_page", "mark_fetched"),
    "commit (SQLite write + fsync)": ("commit",),
    "discover (list pages)": ("discover",),
}


def _texts() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(real articles with their reposts, real short news texts) as (title, text)."""
    labelled = [
        json.loads(line)
        for line in (ROOT / "tests/data/dedup/labelled.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    articles = [(row["title"], row["body"]) for row in labelled]
    short = []
    for path in sorted((ROOT / "tests/data/tagging_real").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            short.append((case.get("title") or case["text"].split("。")[0][:30], case["text"]))
    return articles, short


def _article_html(site: int, i: int, articles: list[tuple[str, str]], short: list[tuple[str, str]]) -> bytes:
    pool = articles + short
    title, text = pool[(site * 7919 + i) % len(pool)]
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    related = "".join(
        f'<li><a href="/s{site}/a/{(i + k) % 997}.html">相关新闻{k}</a></li>' for k in range(1, 6)
    )
    return (
        f'<html><head><meta charset="utf-8"><title>{title}_新闻动态</title></head><body>'
        f'<div class="nav"><a href="/s{site}/">首页</a> <a href="/s{site}/list.html">新闻动态</a> '
        f'<a href="/s{site}/about.html">园区概况</a></div><div class="crumb">当前位置：首页 &gt; 新闻动态</div>'
        f'<h1>{title}</h1><div class="time">发布时间：2024-05-{1 + i % 28:02d} 09:00 来源：本站</div>'
        f'<div class="content">{paragraphs}</div><div class="related"><h3>相关新闻</h3><ul>{related}</ul></div>'
        '<div class="footer">主办：高新区管委会 地址：高新大道1号 备案号：京ICP备00000000号</div></body></html>'
    ).encode()


def _list_pages(site: int, newest: int, count: int) -> dict[str, bytes]:
    """The list pages of a site whose articles are numbered 0..newest-1 (newest first), ``count`` of them shown."""
    shown = list(range(newest - 1, newest - 1 - count, -1))
    pages = {}
    lists = (len(shown) + PER_PAGE - 1) // PER_PAGE
    for p in range(lists):
        links = "".join(
            f"<li><a href='/s{site}/a/{i}.html'>第{i}期</a> <span>2024-05-01</span></li>"
            for i in shown[p * PER_PAGE : (p + 1) * PER_PAGE]
        )
        nxt = f"<a class='next' href='/s{site}/list_{p + 1}.html'>下一页</a>" if p + 1 < lists else ""
        pages[f"/s{site}/list.html" if p == 0 else f"/s{site}/list_{p}.html"] = (
            f"<html><head><meta charset='utf-8'></head><body><div class='nav'>首页 新闻动态</div>"
            f"<ul class='news'>{links}</ul>{nxt}<div class='footer'>版权所有</div></body></html>"
        ).encode()
    return pages


def _site_state(sites: int, per_site: int, changed: set[int]) -> dict[str, bytes]:
    """Every page of every site; a site in ``changed`` has published PUBLISHED_ON_RERUN more articles."""
    articles, short = _texts()
    pages: dict[str, bytes] = {}
    for site in range(sites):
        newest = per_site + (PUBLISHED_ON_RERUN if site in changed else 0)
        pages.update(_list_pages(site, newest, per_site))
        for i in range(newest):
            pages[f"/s{site}/a/{i}.html"] = _article_html(site, i, articles, short)
    return pages


def _serve(
    sites: int, per_site: int, conn: multiprocessing.connection.Connection, cpus: set[int] | None = None
) -> None:
    """The sites, in this child process; a message on ``conn`` (the set of changed sites) switches to the rerun's state."""
    if cpus is not None:
        os.sched_setaffinity(0, cpus)
    state = {"pages": _site_state(sites, per_site, set())}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/__switch__":
                changed = set(json.loads(conn.recv()))
                state["pages"] = _site_state(sites, per_site, changed)
                self._send(200, b"ok", None)
                return
            body = state["pages"].get(self.path.split("?")[0])
            if body is None:
                self._send(404, b"", None)
                return
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", etag)
                return
            self._send(200, body, etag)

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


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _listing(engine, after_id: int) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """(bytes of list-page answers, list requests, item requests, last FetchLog id) after a FetchLog id."""
    with Session(engine) as session:
        rows = session.exec(select(FetchLog).where(col(FetchLog.id) > after_id)).all()
    listing = [r for r in rows if r.url.split("/")[-1].startswith("list")]
    items = [r for r in rows if "/a/" in r.url]
    return (
        sum(r.bytes or 0 for r in listing),
        len(listing),
        len(items),
        max([r.id or 0 for r in rows] + [after_id]),
    )


def _stage_profile(profile: cProfile.Profile, pages: int) -> list[str]:
    stats = pstats.Stats(profile)
    cumulative: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "monitor" not in filename and "scrapers" not in filename and name != "commit":
            continue
        for stage, names in STAGES.items():
            if name in names and (name != "commit" or "sqlalchemy/orm/session" in filename):
                cumulative[stage] = cumulative.get(stage, 0.0) + ct
    return [f"  {stage}: {seconds / pages * 1000:.1f} ms per page" for stage, seconds in cumulative.items()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="article pages over all sites")
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument(
        "--changed", type=float, default=0.25, help="share of sites with new articles on the rerun"
    )
    parser.add_argument("--spacing-requests", type=int, default=6)
    parser.add_argument(
        "--profile", action="store_true", help="CPU by stage of the end-to-end crawl (cProfile: slower)"
    )
    parser.add_argument("--profile-out", type=Path, help="with --profile: also save the pstats file here")
    parser.add_argument(
        "--profile-clock",
        choices=("wall", "cpu"),
        default="wall",
        help="with --profile: the wall clock (waits count) or the process's CPU time (only work counts)",
    )
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="do not pin the sites' process to the first CPU and the crawler to the others",
    )
    args = parser.parse_args()
    per_site = args.articles // args.sites
    # The sites and the crawler on different cores (when there are two): the sites' CPU is not the crawl's,
    # and on a loaded machine neither waits for the other's time slice.
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = not args.no_pin and len(cpus) >= 2
    receive, send = multiprocessing.Pipe()
    server = multiprocessing.Process(
        target=_serve, args=(args.sites, per_site, send, {cpus[0]} if pin else None), daemon=True
    )
    server.start()
    if pin:
        os.sched_setaffinity(0, set(cpus[1:]))
        print(
            f"sites' process pinned to CPU {cpus[0]}, the crawler to CPU(s) {', '.join(map(str, cpus[1:]))}"
        )
    base = f"http://127.0.0.1:{receive.recv()}"
    shared_tagger()  # the gazetteer's automaton, built once per process: not part of a crawl
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        db.upgrade(url)
        engine = db.make_engine(url)
        # one origin stands for --sites sites: lift the per-origin limits (each real site has its own)
        settings = Settings(
            _env_file=None,
            database_url=url,
            allow_private_hosts=True,  # type: ignore[call-arg]
            concurrency_per_origin=32,
            fetch_retries=0,
        )
        lines = ["sources:"]
        for site in range(args.sites):
            lines += [
                f"  - name: site-{site}",
                "    kind: html",
                f"    url: {base}/s{site}/list.html",
                '    links: "ul.news a"',
                '    next_page: "a.next"',
                "    max_pages: 1000",
                "    rate_limit: 100000",
                '    selectors: {title: "h1", body: ".content"}',
            ]
        sources = list(parse_sources("\n".join(lines) + "\n").sources)
        clock = time.process_time if args.profile_clock == "cpu" else time.perf_counter
        profile = cProfile.Profile(clock) if args.profile else None
        cpu, started = _cpu(), time.perf_counter()
        if profile:
            profile.enable()
        first = crawl(settings, sources, engine)
        if profile:
            profile.disable()
        elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
        fetched = sum(r.fetched for r in first)
        bytes1, lists1, _items1, last_id = _listing(engine, 0)
        print(
            f"1. end to end, {args.sites} sites, limits lifted: {fetched} pages in {elapsed:.1f} s = "
            f"{fetched / elapsed:.0f} pages/s (target >= 100); CPU {cpu / fetched * 1000:.1f} ms per page, "
            f"{cpu / elapsed:.0%} of one core (new {sum(r.new for r in first)}, duplicates "
            f"{sum(r.duplicates for r in first)}, errors {sum(r.errors for r in first)})"
        )
        figures |= {"crawl_pages_per_s": fetched / elapsed, "crawl_cpu_ms_per_page": cpu / fetched * 1000}
        if profile:
            print(
                "   where the time goes, per page by stage (cProfile's clock is the wall clock, so waits count: an fsync "
                "in commit, the GIL under load; stages nest: commit is inside store; the profiler slows all of it):"
            )
            print("\n".join(_stage_profile(profile, fetched)))
            if args.profile_out:
                profile.dump_stats(args.profile_out)

        changed = list(range(max(1, round(args.sites * args.changed))))
        import httpx

        receive.send(json.dumps(changed))
        httpx.get(f"{base}/__switch__")
        full = sum(
            len(body)
            for path, body in _site_state(args.sites, per_site, set(changed)).items()
            if "/list" in path
        )
        second = crawl(settings, sources, engine)
        bytes2, lists2, items2, _ = _listing(engine, last_id)
        engine.dispose()
    saved = 1 - bytes2 / full if full else 0.0
    print(
        f"3. rerun, {len(changed)} of {args.sites} sites with {PUBLISHED_ON_RERUN} new articles each: list pages "
        f"{bytes2:,} bytes over {lists2} requests vs {full:,} without conditional GET: {saved:.1%} saved; "
        f"{items2} item pages fetched, {sum(r.new for r in second)} new and {sum(r.duplicates for r in second)} duplicates stored"
    )
    figures["rerun_list_bytes_saved"] = saved

    async def fetch_only() -> tuple[int, float, float]:
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(base, 100000)
            urls = [f"{base}/s{site}/a/{i}.html" for site in range(args.sites) for i in range(per_site)]
            cpu, begin = _cpu(), time.perf_counter()
            pages = await asyncio.gather(*(fetcher.get(u) for u in urls))
            return len(pages), time.perf_counter() - begin, _cpu() - cpu

    count, seconds, cpu = asyncio.run(fetch_only())
    print(
        f"2. fetching alone (same pages and fetcher settings, nothing else): {count / seconds:.0f} pages/s "
        f"(target >= 300); CPU {cpu / count * 1000:.2f} ms per page"
    )
    figures["fetch_pages_per_s"] = count / seconds

    async def spaced() -> list[float]:
        async with Fetcher(
            Settings(_env_file=None, allow_private_hosts=True, concurrency_per_origin=4)
        ) as fetcher:  # type: ignore[call-arg]
            fetcher.set_rate_limit(base, 1.0)
            await asyncio.gather(
                *(fetcher.get(f"{base}/s0/a/{i}.html") for i in range(args.spacing_requests))
            )
            starts = [t for _origin, t in fetcher.request_log]
        return [b - a for a, b in zip(starts, starts[1:], strict=False)]

    gaps = asyncio.run(spaced())
    print(
        f"4. rate limit 1 req/s, {len(gaps) + 1} requests (robots.txt included), 4 in flight allowed: "
        f"min spacing {min(gaps):.3f} s, max {max(gaps):.3f} s -> {'OK' if min(gaps) >= 1.0 else 'VIOLATED'}"
    )
    server.terminate()
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 cores)")
    print(json.dumps({"bench": "crawl", **{k: round(v, 4) for k, v in figures.items()}}))


if __name__ == "__main__":
    main()
