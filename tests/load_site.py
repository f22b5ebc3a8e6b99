"""A load fixture: many news sites on distinct loopback origins, with a seeded share of faulty answers.

Used by tests/test_load.py (a small form in the test suite) and bench/load.py (10,000 articles
across 200 sources, `make soak`). Everything is decided by the plan's seed: the articles of each
site, which answers are faulty, how (HTTP 500 or 503, connection reset, body cut short of its
Content-Length, no answer before the crawler's deadline), and for how many attempts:

* most faulty URLs fail once or twice, then answer: the crawler's retries must recover them;
* some article URLs fail on every attempt ("broken"): they must end ``failed`` in the
  discovered-URL table (kept for a later run), never stored and never lost;
* list pages and robots.txt fail at most twice (a list page that never answers fails its
  source's run, which is right, but is not what this fixture measures).

Each site is its own origin: 127.0.0.N (Linux routes all of 127/8 to loopback), or distinct
ports on 127.0.0.1 where the OS has only that address. All origins are served by one asyncio
server in a background thread, which counts every request and every fault it injects.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.store import db
from monitor.store.models import Article, CrawlRun, DiscoveredUrl, FetchLog

__all__ = ["LoadPlan", "LoadSite", "LoadFigures", "serve_load_site", "run_load", "check_load"]

FAULT_KINDS = ("500", "503", "reset", "truncated", "timeout")
FAULT_WEIGHTS = (25, 20, 20, 20, 15)
ALWAYS = 99  # attempts that fail for a broken URL: more than any retry setting
ZONES = ("东湖高新区", "苏州工业园区", "合肥高新区", "西安高新区", "成都高新区", "深圳高新区", "杭州高新区", "包头稀土高新区",
         "宝鸡高新区", "中关村科技园区", "张江高新区", "长沙高新区")
TOPICS = ("集成电路", "生物医药", "人工智能", "新能源汽车", "量子信息", "稀土新材料", "航空航天", "数字经济", "低空经济",
          "氢能", "工业互联网", "现代农业")
ACTIONS = ("签约落地", "开工建设", "竣工投产", "通过验收", "获批立项", "完成融资", "发布新品", "启动招商", "入选名单", "举办论坛")
PLACES = ("产业园", "孵化器", "创新中心", "实验室", "科技城", "双创基地", "加速器", "研究院")


@dataclass(frozen=True, slots=True)
class LoadPlan:
    sources: int = 200
    per_source: int = 50
    fault_rate: float = 0.05  # share of URLs (robots.txt, list pages, articles) whose answers are faulty
    broken_share: float = 0.15  # of faulty article URLs: fail on every attempt
    repost_rate: float = 0.01  # articles that a second site republishes word for word
    per_list_page: int = 25
    hang_seconds: float = 1.0  # a "timeout" answer never comes; the connection is held this long
    seed: int = 9

    def fault(self, host: int, path: str) -> tuple[str, int] | None:
        """(kind, attempts that fail) for this URL, or None when it always answers well."""
        digest = hashlib.blake2b(f"{self.seed}|{host}|{path}".encode(), digest_size=8).digest()
        rng = random.Random(int.from_bytes(digest, "big"))
        if rng.random() >= self.fault_rate:
            return None
        kind = rng.choices(FAULT_KINDS, FAULT_WEIGHTS)[0]
        if path.startswith("/news/") and rng.random() < self.broken_share:
            return kind, ALWAYS
        return kind, 1 if rng.random() < 0.7 else 2


def _article(plan: LoadPlan, host: int, number: int) -> tuple[str, bytes]:
    """(title, HTML) of one article; its words and numbers come from the seed, so bodies differ."""
    rng = random.Random(f"{plan.seed}:{host}:{number}")
    zone, topic = rng.choice(ZONES), rng.choice(TOPICS)
    title = f"{zone}{topic}{rng.choice(PLACES)}{rng.choice(ACTIONS)}（{host}-{number}）"
    paragraphs = []
    for k in range(rng.randint(4, 7)):
        paragraphs.append(
            f"<p>{rng.choice(ZONES)}{rng.choice(TOPICS)}领域第{rng.randint(2, 999)}个项目{rng.choice(ACTIONS)}，"
            f"总投资{rng.randint(1, 500)}.{rng.randint(0, 9)}亿元，预计年产值{rng.randint(10, 900)}亿元，"
            f"带动就业{rng.randint(100, 9999)}人。{rng.choice(PLACES)}今年已引进企业{rng.randint(3, 400)}家，"
            f"授权专利{rng.randint(10, 5000)}件，编号{host}-{number}-{k}。</p>")
    day = 1 + (host * 7 + number) % 28
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='time'>2024-05-{day:02d} 09:{number % 60:02d}</div><div class='content'>{''.join(paragraphs)}</div>"
            f"</body></html>")
    return title, html.encode()


@dataclass
class LoadSite:
    """The served sites: addresses, what each URL answers, and what the server saw."""

    plan: LoadPlan
    bases: list[str]  # base URL of each site, index = host number
    pages: list[dict[str, bytes]]
    reposts: dict[str, str]  # URL of a republished copy -> URL of the original
    requests: Counter[str] = field(default_factory=Counter)  # URL -> requests received
    faults: Counter[str] = field(default_factory=Counter)  # fault kind -> answers spoiled
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def article_urls(self) -> list[str]:
        return [base + path for base, pages in zip(self.bases, self.pages, strict=True) for path in pages
                if path.startswith("/news/")]

    def broken_urls(self) -> set[str]:
        return {base + path for host, (base, pages) in enumerate(zip(self.bases, self.pages, strict=True))
                for path in pages if (fault := self.plan.fault(host, path)) and fault[1] == ALWAYS}

    def faulty_urls(self) -> int:
        return sum(1 for host, pages in enumerate(self.pages) for path in pages if self.plan.fault(host, path))

    def retries(self) -> int:
        """Requests beyond the first for each URL: what the crawler's retries cost."""
        return sum(n - 1 for n in self.requests.values())

    def sources_yaml(self, rate_limit: float) -> str:
        lines = ["sources:"]
        for host, base in enumerate(self.bases):
            lines += [f"  - name: load-{host:03d}", "    kind: html", f'    url: "{base}/list.html"',
                      '    links: "ul.news a"', '    next_page: "a.next"', "    max_pages: 50",
                      f"    rate_limit: {rate_limit:g}",
                      '    selectors: {title: "h1", body: ".content", date: ".time"}']
        return "\n".join(lines) + "\n"


def _build(plan: LoadPlan) -> tuple[list[dict[str, bytes]], dict[tuple[int, str], tuple[int, str]]]:
    """Pages of every site, and the reposts: (host, path) of a copy -> (host, path) of its original."""
    rng = random.Random(plan.seed)
    sites: list[dict[str, bytes]] = []
    for host in range(plan.sources):
        pages = {f"/news/{n}.html": _article(plan, host, n)[1] for n in range(plan.per_source)}
        sites.append(pages)
    reposts: dict[tuple[int, str], tuple[int, str]] = {}
    if plan.sources > 1:
        for host in range(plan.sources):
            for n in range(plan.per_source):
                if rng.random() < plan.repost_rate:
                    other = (host + 1 + rng.randrange(plan.sources - 1)) % plan.sources
                    path = f"/news/repost-{host}-{n}.html"
                    sites[other][path] = sites[host][f"/news/{n}.html"]
                    reposts[(other, path)] = (host, f"/news/{n}.html")
    for pages in sites:
        items = sorted(pages)
        chunks = [items[i:i + plan.per_list_page] for i in range(0, len(items), plan.per_list_page)] or [[]]
        for p, chunk in enumerate(chunks):
            links = "".join(f"<li><a href='{path}'>{path}</a></li>" for path in chunk)
            nxt = f"<a class='next' href='/list_{p + 1}.html'>下一页</a>" if p + 1 < len(chunks) else ""
            pages["/list.html" if p == 0 else f"/list_{p}.html"] = (
                f"<html><head><meta charset='utf-8'></head><body><ul class='news'>{links}</ul>{nxt}</body></html>").encode()
        pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return sites, reposts


def _content_type(path: str) -> str:
    return "text/plain; charset=utf-8" if path.endswith(".txt") else "text/html; charset=utf-8"


class _Server:
    """One asyncio loop in a thread, listening on every site's address."""

    def __init__(self, site: LoadSite) -> None:
        self.site = site
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.servers: list[asyncio.Server] = []

    def start(self, hosts: list[str]) -> list[int]:
        self.thread.start()
        return asyncio.run_coroutine_threadsafe(self._listen(hosts), self.loop).result(30)

    async def _listen(self, hosts: list[str]) -> list[int]:
        ports = []
        for index, host in enumerate(hosts):
            server = await asyncio.start_server(lambda r, w, i=index: self._serve(i, r, w), host, 0, backlog=64)
            self.servers.append(server)
            ports.append(server.sockets[0].getsockname()[1])
        return ports

    def stop(self) -> None:
        async def close() -> None:
            for server in self.servers:
                server.close()
            for task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
                task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    async def _serve(self, host: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await reader.readline()
                if not request:
                    return
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # headers: GET only, no body; keep-alive is HTTP/1.1's default
                path = request.split(b" ")[1].decode("latin-1").split("?")[0]
                if not await self._answer(host, path, writer):
                    return
        except (ConnectionError, asyncio.IncompleteReadError, IndexError):
            return
        finally:
            writer.close()

    async def _answer(self, host: int, path: str, writer: asyncio.StreamWriter) -> bool:
        """Write one answer; False when the connection must end (a fault cut it)."""
        site = self.site
        url = site.bases[host] + path
        with site.lock:
            site.requests[url] += 1
            attempt = site.requests[url]
        body = site.pages[host].get(path)
        fault = site.plan.fault(host, path) if body is not None else None
        kind = fault[0] if fault and attempt <= fault[1] else None
        if kind is not None:
            with site.lock:
                site.faults[kind] += 1
        if kind == "reset":
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()  # linger 0: the peer gets a TCP RST
            return False
        if kind == "timeout":
            await asyncio.sleep(site.plan.hang_seconds)
            return False
        status, payload = (200, body) if body is not None else (404, b"not found")
        if kind in ("500", "503"):
            status, payload = int(kind), b"server error"
        head = (f"HTTP/1.1 {status} X\r\nContent-Type: {_content_type(path)}\r\nContent-Length: {len(payload)}\r\n"
                f"\r\n").encode()
        if kind == "truncated":
            writer.write(head + payload[: len(payload) // 2])
            await writer.drain()
            return False
        writer.write(head + payload)
        await writer.drain()
        return True


def _addresses(count: int) -> list[str]:
    """127.0.0.10, .11, ... where the OS routes them to loopback (Linux); else 127.0.0.1 for all."""
    if count > 240:
        raise ValueError("at most 240 distinct loopback addresses")
    probe = socket.socket()
    try:
        probe.bind(("127.0.0.10", 0))
    except OSError:
        return ["127.0.0.1"] * count  # one address, one port per site: still distinct origins
    finally:
        probe.close()
    return [f"127.0.0.{10 + i}" for i in range(count)]


@contextmanager
def serve_load_site(plan: LoadPlan) -> Iterator[LoadSite]:
    pages, reposts = _build(plan)
    hosts = _addresses(plan.sources)
    site = LoadSite(plan, [], pages, {})
    server = _Server(site)
    ports = server.start(hosts)
    site.bases = [f"http://{host}:{port}" for host, port in zip(hosts, ports, strict=True)]
    site.reposts = {site.bases[h] + p: site.bases[oh] + op for (h, p), (oh, op) in reposts.items()}
    try:
        yield site
    finally:
        server.stop()


@dataclass(frozen=True, slots=True)
class LoadFigures:
    articles: int  # good articles stored
    expected: int  # good articles served (every article URL but the broken ones)
    broken: int  # article URLs that never answered well: left 'failed' for a later run
    wall_seconds: float
    requests: int
    faulty_urls: int
    faults: dict[str, int]
    retries: int
    logged_requests: int  # requests in the crawler's fetch log (one per attempt and redirect hop)
    peak_rss_mb: float
    exit_code: int
    problems: tuple[str, ...]  # what check_load found wrong; empty when all is well

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.wall_seconds if self.wall_seconds else 0.0


def check_load(database_url: str, site: LoadSite) -> tuple[int, tuple[str, ...]]:
    """(good articles stored, problems): every good article stored once, broken ones kept as failed, reposts clustered."""
    expected = set(site.article_urls)
    broken = site.broken_urls()
    good = expected - broken
    problems: list[str] = []
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(Article.url, Article.cluster_id)).all()
            states = dict(session.exec(select(DiscoveredUrl.url, DiscoveredUrl.state)).all())
            failed_runs = session.exec(select(CrawlRun.status).where(col(CrawlRun.status) != "ok")).all()
    finally:
        engine.dispose()
    stored = Counter(url for url, _ in rows)
    cluster = dict(rows)
    twice = [url for url, n in stored.items() if n > 1]
    missing = sorted(good - set(stored))
    extra = sorted(set(stored) - good)
    if twice:
        problems.append(f"{len(twice)} article(s) stored more than once, e.g. {twice[:3]}")
    if missing:
        problems.append(f"{len(missing)} good article(s) not stored, e.g. {missing[:3]} "
                        f"(states {[states.get(u) for u in missing[:3]]})")
    if extra:
        problems.append(f"{len(extra)} article(s) stored that never answered well, e.g. {extra[:3]}")
    lost = sorted(u for u in broken if states.get(u) != "failed")
    if lost:
        problems.append(f"{len(lost)} broken URL(s) not kept as 'failed' for a later run, e.g. "
                        f"{[(u, states.get(u)) for u in lost[:3]]}")
    pending = sorted(u for u, s in states.items() if s == "pending")
    if pending:
        problems.append(f"{len(pending)} URL(s) left pending, e.g. {pending[:3]}")
    apart = [(copy, original) for copy, original in site.reposts.items()
             if copy in good and original in good and cluster.get(copy) != cluster.get(original)]
    if apart:
        problems.append(f"{len(apart)} repost(s) not in their original's cluster, e.g. {apart[:2]}")
    clusters = Counter(cluster.values())
    merged = sum(n for n in clusters.values() if n > 1) - 2 * sum(1 for c, o in site.reposts.items() if c in good and o in good)
    if merged > 0:
        problems.append(f"{merged} distinct article(s) merged into another's cluster")
    if failed_runs:
        problems.append(f"{len(failed_runs)} source run(s) did not end 'ok': {Counter(failed_runs)}")
    return len(set(stored) & good), tuple(problems)


def run_load(plan: LoadPlan, database_url: str | None = None, *, rate_limit: float = 200.0,
             workdir: Path | None = None, extra_env: dict[str, str] | None = None) -> LoadFigures:
    """Serve the plan's sites, run `monitor crawl` on them once as a subprocess, check what it stored."""
    with tempfile.TemporaryDirectory() as scratch, serve_load_site(plan) as site:
        folder = workdir or Path(scratch)
        url = database_url or f"sqlite:///{folder / 'load.db'}"
        db.upgrade(url)
        sources = folder / "load-sources.yaml"
        sources.write_text(site.sources_yaml(rate_limit), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env.update({"MONITOR_DATABASE_URL": url, "MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "1",
                    "MONITOR_SECRET_KEY": "load", "MONITOR_OUTBOX": str(folder / "outbox"),
                    # A timeout fault never answers: keep the deadline short, and the backoff too, so the
                    # run measures the pipeline rather than sleeps. Retries stay at their default (3).
                    "MONITOR_FETCH_TIMEOUT": "0.5", "MONITOR_RETRY_BACKOFF": "0.05"})
        env.update(extra_env or {})
        log = folder / "crawl.log"
        started = time.perf_counter()
        with log.open("wb") as output:
            process = subprocess.Popen([sys.executable, "-m", "monitor", "crawl", "--json"], env=env,
                                       stdout=output, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(process.pid, 0)  # this child's own peak RSS, not the test runner's
            process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        articles, problems = check_load(url, site)
        if process.returncode != 0:
            problems = (f"`monitor crawl` exited {process.returncode}: {log.read_text(errors='replace')[-2000:]}",
                        *problems)
        engine = db.make_engine(url)
        try:
            with engine.connect() as conn:
                logged = int(conn.execute(sa.select(sa.func.count()).select_from(FetchLog)).scalar_one())  # type: ignore[arg-type]
        finally:
            engine.dispose()
        rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024  # KiB on Linux, bytes on macOS
        return LoadFigures(articles=articles, expected=len(set(site.article_urls) - site.broken_urls()), broken=len(site.broken_urls()), wall_seconds=wall,
                           requests=sum(site.requests.values()), faulty_urls=site.faulty_urls(),
                           faults=dict(site.faults), retries=site.retries(), logged_requests=logged, peak_rss_mb=rss_kb / 1024,
                           exit_code=process.returncode, problems=problems)

