"""Crawl benchmark: a 1,000-article fixture site on 127.0.0.1.

1. Rate limit lifted: pages/s and peak memory of a full crawl (discover, fetch, extract,
   dedup, tag, store on SQLite).
2. A second run with nothing changed: share of list/feed bytes saved by conditional GET
   (target >= 95%), from the fetch log.
3. Rate limit at 1 request/s: the smallest spacing between request starts to the host
   over a short run (must never be < 1 s).

    .venv/bin/python bench/crawl.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, col, select  # noqa: E402

from monitor.fetch.fetcher import Fetcher  # noqa: E402
from monitor.pipeline import crawl  # noqa: E402
from monitor.settings import Settings  # noqa: E402
from monitor.sourcesfile import parse_sources  # noqa: E402
from monitor.store import db  # noqa: E402
from monitor.store.models import FetchLog  # noqa: E402

ZONES = ["东湖高新区", "苏州工业园区", "合肥高新区", "西安高新区", "成都高新区", "深圳高新区", "杭州高新区", "包头稀土高新区"]
TOPICS = ["集成电路", "生物医药", "人工智能", "新能源汽车", "量子信息", "稀土新材料", "航空航天", "数字经济"]
PER_PAGE = 50


def _site(n: int) -> dict[str, bytes]:
    pages: dict[str, bytes] = {}
    for i in range(n):
        zone, topic = ZONES[i % len(ZONES)], TOPICS[(i * 7 + i // 8) % len(TOPICS)]
        paras = "".join(f"<p>第{i}号报道：{zone}{topic}产业第{k}项进展，新增投资{(i * 31 + k * 17) % 997}亿元，"
                        f"新引进企业{(i * 13 + k) % 89}家，专利授权{(i * 7 + k * 3) % 431}件。</p>" for k in range(6))
        pages[f"/a/{i}.html"] = (f"<html><head><meta charset='utf-8'><title>{zone}{topic}进展{i}</title></head><body>"
                                 f"<h1>{zone}{topic}产业进展（{i}）</h1><div class='time'>2024-05-{1 + i % 28:02d} 09:00</div>"
                                 f"<div class='content'>{paras}</div></body></html>").encode()
    lists = (n + PER_PAGE - 1) // PER_PAGE
    for p in range(lists):
        links = "".join(f"<li><a href='/a/{i}.html'>{i}</a></li>" for i in range(p * PER_PAGE, min(n, (p + 1) * PER_PAGE)))
        nxt = f"<a class='next' href='/list_{p + 1}.html'>下一页</a>" if p + 1 < lists else ""
        pages["/list.html" if p == 0 else f"/list_{p}.html"] = (
            f"<html><head><meta charset='utf-8'></head><body><ul class='news'>{links}</ul>{nxt}</body></html>").encode()
    items = "".join(f"<item><title>{i}</title><link>/a/{i}.html</link></item>" for i in range(n - 100, n))
    pages["/rss.xml"] = f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()
    return pages


def _serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path.split("?")[0])
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8" if self.path.endswith(".html") else "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _listing_bytes(engine, run_urls: set[str], after_id: int) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(bytes of list/feed answers, count, last FetchLog id) after a given FetchLog id."""
    with Session(engine) as session:
        rows = session.exec(select(FetchLog).where(col(FetchLog.id) > after_id)).all()
    listing = [r for r in rows if r.url.split("/")[-1].startswith(("list", "rss"))]
    return sum(r.bytes for r in listing), len(listing), max([r.id or 0 for r in rows] + [after_id])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--spacing-requests", type=int, default=6)
    args = parser.parse_args()
    server = _serve(_site(args.articles))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        db.upgrade(url)
        engine = db.make_engine(url)
        settings = Settings(_env_file=None, database_url=url, allow_private_hosts=True, concurrency_per_origin=8)  # type: ignore[call-arg]
        sources = list(parse_sources(f"""sources:
  - name: bench-list
    kind: html
    url: {base}/list.html
    links: "ul.news a"
    next_page: "a.next"
    max_pages: 1000
    rate_limit: 100000
  - name: bench-feed
    kind: feed
    url: {base}/rss.xml
    rate_limit: 100000
""").sources)
        started = time.perf_counter()
        first = crawl(settings, sources, engine)
        elapsed = time.perf_counter() - started
        fetched = sum(r.fetched for r in first)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        bytes1, count1, last_id = _listing_bytes(engine, set(), 0)
        crawl(settings, sources, engine)
        bytes2, count2, _ = _listing_bytes(engine, set(), last_id)
        engine.dispose()
    print(f"run 1: {fetched} pages in {elapsed:.1f} s = {fetched / elapsed:.0f} pages/s "
          f"(new {sum(r.new for r in first)}, duplicates {sum(r.duplicates for r in first)}, errors {sum(r.errors for r in first)})")
    print(f"peak memory (max RSS of the process): {peak_mb:.0f} MB")
    saved = 1 - bytes2 / bytes1 if bytes1 else 0.0
    print(f"run 2: list/feed bytes {bytes2} over {count2} requests vs {bytes1} over {count1} on run 1: "
          f"{saved:.1%} saved by conditional GET (target >= 95%)")

    async def spaced() -> list[float]:
        async with Fetcher(Settings(_env_file=None, allow_private_hosts=True, concurrency_per_origin=4)) as fetcher:  # type: ignore[call-arg]
            fetcher.set_rate_limit(base, 1.0)
            await asyncio.gather(*(fetcher.get(f"{base}/a/{i}.html") for i in range(args.spacing_requests)))
            starts = [t for _origin, t in fetcher.request_log]
        return [b - a for a, b in zip(starts, starts[1:], strict=False)]

    async def fetch_only() -> tuple[int, float]:
        async with Fetcher(Settings(_env_file=None, allow_private_hosts=True, concurrency_per_origin=8)) as fetcher:  # type: ignore[call-arg]
            fetcher.set_rate_limit(base, 100000)
            begin = time.perf_counter()
            pages = await asyncio.gather(*(fetcher.get(f"{base}/a/{i}.html") for i in range(args.articles)))
            return len(pages), time.perf_counter() - begin

    count, seconds = asyncio.run(fetch_only())
    print(f"fetch stage alone (same site, no extraction or storage): {count / seconds:.0f} pages/s")
    gaps = asyncio.run(spaced())
    print(f"rate limit 1 req/s, {len(gaps) + 1} requests (robots.txt included), 4 in flight allowed: "
          f"min spacing {min(gaps):.3f} s, max {max(gaps):.3f} s -> {'OK' if min(gaps) >= 1.0 else 'VIOLATED'}")
    server.shutdown()


if __name__ == "__main__":
    main()
