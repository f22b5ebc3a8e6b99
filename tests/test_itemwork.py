"""Pages extracted and tagged in worker processes (monitor/itemwork.py): the same corpus as in the crawling
process, and a worker that dies loses and doubles nothing."""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmodel import Session, select

from monitor.dedup.minhash import parse
from monitor.dedup.prepared import KNOWN_STOCK
from monitor.items import RawPage
from monitor.itemwork import CpuWorkers, PageWork, prepare_page
from monitor.pipeline import crawl_async
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import Article, ArticleZone, DiscoveredUrl, SentenceFrequency
from monitor.timefmt import utcnow
from scrapers.base import CPU_WORK, offloaded
from scrapers.html import selector_links
from tests.fixture_server import Response, fixture_server
from tests.test_crawl_commits import _article

WAIT = 60.0  # upper bound of every wait; nothing here measures time
ITEMS = 6
LIST = ("<html><head><meta charset='utf-8'></head><body><ul class='news'>"
        + "".join(f"<li><a href='/a/{n}.html'>{n}</a></li>" for n in range(1, ITEMS + 1)) + "</ul></body></html>").encode()
ROUTES = {"/list.html": Response(200, LIST), **{f"/a/{n}.html": Response(200, _article(n)) for n in range(1, ITEMS + 1)}}


@contextmanager
def _site() -> Iterator[list]:  # type: ignore[type-arg]
    with fixture_server(ROUTES) as site:  # type: ignore[arg-type]
        yield list(parse_sources(f"sources:\n  - name: zone-news\n    kind: html\n    url: {site.base}/list.html\n"
                                 '    links: "ul.news a"\n    rate_limit: 100\n    zones: [baotouxitu]\n').sources)


def _corpus(url: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str]], set[str]]:
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            articles = {(a.url.split("/", 3)[-1], a.title, a.body) for a in session.exec(select(Article)).all()}
            zones = {(a.url.split("/", 3)[-1], z.zone_id) for a, z in session.exec(
                select(Article, ArticleZone).where(ArticleZone.article_id == Article.id)).all()}
            states = {row.state for row in session.exec(select(DiscoveredUrl)).all()}
    finally:
        engine.dispose()
    return articles, zones, states


def _crawl(url: str, settings_for, cpu: CpuWorkers):  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    try:
        with _site() as sources:
            return asyncio.run(crawl_async(settings_for(url), sources, engine, cpu=cpu))
    finally:
        engine.dispose()


def _workers(cpu: CpuWorkers, at_least: int) -> list[int]:
    pool = cpu.executor
    assert pool is not None
    deadline = time.monotonic() + WAIT
    # a pool starts a process when a call finds none idle: a pool that served one call at a time may have one
    while len(pool._processes) < at_least:  # noqa: SLF001 - the pool's own processes, to kill one
        assert time.monotonic() < deadline, "the worker processes never started"
        time.sleep(0.05)
    return list(pool._processes)  # noqa: SLF001


def test_a_page_prepared_in_a_worker_is_what_the_crawling_process_prepares() -> None:
    source = parse_sources("sources:\n  - name: zone-news\n    kind: html\n    url: http://127.0.0.1:1/list.html\n"
                           '    links: "ul.news a"\n').sources[0]
    page = RawPage(url="http://127.0.0.1:1/a/1.html", final_url="http://127.0.0.1:1/a/1.html", status=200,
                   content=_article(1), content_type="text/html; charset=utf-8", fetched_at=utcnow())
    here = prepare_page(source, page)
    assert here.error is None and len(here.articles) == 1
    assert "baotouxitu" in {z.zone_id for z in here.articles[0].tags.zones}
    cpu = CpuWorkers(1)
    try:
        there = asyncio.run(cpu.run(prepare_page, source, page))
    finally:
        cpu.close()
    assert there == here == pickle.loads(pickle.dumps(here))
    unparsable = prepare_page(source, RawPage(url=page.url, final_url=page.url, status=200, content=b"",
                                              content_type="text/html", fetched_at=utcnow()))
    assert unparsable == PageWork(error=unparsable.error, message=unparsable.message) and unparsable.error


def test_a_crawl_with_workers_stores_what_a_crawl_without_them_stores(migrated_url: str, settings_for,  # type: ignore[no-untyped-def]
                                                                         tmp_path) -> None:
    inline_url = f"sqlite:///{tmp_path}/inline.db"
    db.upgrade(inline_url)
    cpu = CpuWorkers(2)
    try:
        results = _crawl(migrated_url, settings_for, cpu)
    finally:
        cpu.close()
    assert (results[0].fetched, results[0].new, results[0].errors) == (ITEMS, ITEMS, 0)
    _crawl(inline_url, settings_for, CpuWorkers(0))
    workers, inline = _corpus(migrated_url), _corpus(inline_url)
    assert workers == inline
    assert len(workers[0]) == ITEMS and workers[2] == {"fetched"}
    assert {zone for _url, zone in workers[1]} >= {"baotouxitu"}


def test_a_worker_killed_loses_no_item_and_stores_none_twice(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    cpu = CpuWorkers(2)
    try:
        cpu.start()
        victim = _workers(cpu, cpu.processes)[0]  # start() started both
        os.kill(victim, signal.SIGKILL)  # its pool is broken: the crawl's pages go to a new one
        first = _crawl(migrated_url, settings_for, cpu)
        assert cpu.replaced >= 1
        os.kill(_workers(cpu, 1)[-1], signal.SIGKILL)
        again = _crawl(migrated_url, settings_for, cpu)  # the same list: nothing new, nothing stored twice
    finally:
        cpu.close()
    assert (first[0].fetched, first[0].new, first[0].errors) == (ITEMS, ITEMS, 0)
    assert (again[0].new, again[0].errors) == (0, 0)
    articles, _zones, states = _corpus(migrated_url)
    assert len(articles) == ITEMS and states == {"fetched"}


def test_a_list_page_is_parsed_in_a_worker_as_in_the_crawling_process() -> None:
    source = parse_sources("sources:\n  - name: zone-news\n    kind: html\n    url: http://127.0.0.1:1/list.html\n"
                           '    links: "ul.news a"\n').sources[0]
    page = RawPage(url=source.url, final_url=source.url, status=200, content=LIST,
                   content_type="text/html; charset=utf-8", fetched_at=utcnow())
    here = selector_links(source, page)  # type: ignore[arg-type]
    assert here.links == tuple(f"http://127.0.0.1:1/a/{n}.html" for n in range(1, ITEMS + 1)) and not here.undecodable
    cpu = CpuWorkers(1)
    token = CPU_WORK.set(cpu.run)
    try:
        there = asyncio.run(offloaded(selector_links, source, page))
        assert cpu.executor is not None  # it went to the worker
    finally:
        CPU_WORK.reset(token)
        cpu.close()
    assert there == here


def test_the_workers_of_a_killed_process_end_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A service or crawl killed with SIGKILL (the kill loops, the OOM killer) leaves no worker process behind."""
    script = ("import os, signal, sys\nfrom monitor.itemwork import CpuWorkers\ncpu = CpuWorkers(2)\ncpu.start()\n"
              "import time\nwhile len(cpu.executor._processes) < 2:\n    time.sleep(0.05)\n"
              "print(' '.join(map(str, cpu.executor._processes)), flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n")
    out = tmp_path / "workers.txt"
    with out.open("w") as stdout:  # a file, not a pipe: the workers hold what they inherited until they end
        done = subprocess.run([sys.executable, "-c", script], stdout=stdout, stderr=subprocess.STDOUT, timeout=WAIT,
                              cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == -signal.SIGKILL, out.read_text()
    workers = [int(pid) for pid in out.read_text().split()]
    assert len(workers) == 2
    deadline = time.monotonic() + WAIT
    while any(_running(pid) for pid in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived the process that started them"
        time.sleep(0.1)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; its fork server reaps it


def test_a_crawl_prepares_its_first_pages_knowing_the_databases_stock_sentences(migrated_url: str,  # type: ignore[no-untyped-def]
                                                                                 settings_for) -> None:
    """The workers fingerprint each page leaving out the stock sentences the crawling process knows: a one-shot
    crawl knows the database's before its first page, so no article is fingerprinted again at its check."""
    source = parse_sources("sources:\n  - name: zone-news\n    kind: html\n    url: http://127.0.0.1:1/list.html\n"
                           '    links: "ul.news a"\n').sources[0]
    hashes: set[int] = set()
    for n in range(1, ITEMS + 1):  # every sentence of the items is a stock phrase in the database
        page = RawPage(url=f"http://127.0.0.1:1/a/{n}.html", final_url=f"http://127.0.0.1:1/a/{n}.html", status=200,
                       content=_article(n), content_type="text/html; charset=utf-8", fetched_at=utcnow())
        hashes |= {h for _, h, _ in parse(prepare_page(source, page).articles[0].article.body)}
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        session.add_all([SentenceFrequency(hash=h, doc_count=99) for h in hashes])
        session.commit()
    engine.dispose()
    KNOWN_STOCK.clear()  # a process that has met none
    held, failed = KNOWN_STOCK.held, KNOWN_STOCK.failed
    cpu = CpuWorkers(1)
    try:
        results = _crawl(migrated_url, settings_for, cpu)
    finally:
        cpu.close()
    assert (results[0].fetched, results[0].new) == (ITEMS, ITEMS)
    assert (KNOWN_STOCK.held - held, KNOWN_STOCK.failed - failed) == (ITEMS, 0)
