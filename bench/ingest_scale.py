"""Ingest at scale (issue 23): the normal ingest path timed over a stored corpus of realistic articles.

    .venv/bin/python bench/ingest_scale.py [--database sqlite|postgres] [--sizes 10000,100000] [--stream 2000]
                                           [--profile 1000] [--workers 2] [--postgres ADMIN_URL] [--keep]
                                           [--commit-every 32,1] [--events on|off] [--name DB] [--reuse URL]

A 1M corpus takes ~20–45 min to build on 2 cores: build it once (``--database postgres --sizes 1000000 --keep
--name bench_1m``), then time streams into it with ``--reuse URL`` (A/B of two checkouts against one corpus).
The last line is JSON for bench/summary.py: articles/s, articles per CPU-second (this process, its worker processes
and, on a local PostgreSQL, its server backend: a figure that survives a loaded machine better than wall time),
articles per CPU-second of this process alone (``_db_cpu_s``: the database thread's side), reposts found.

For each size N, a fresh database (a SQLite file in a temporary folder, or ``zm_scale_<random>``
beside ``--postgres``'s database, dropped WITH (FORCE) at the end) is migrated and given:

1. N items of ``bench/news_corpus.NewsFeed`` (new stories, reposts, templated reports at the
   feeds' rates), fingerprinted with the ingest's own functions (``content_hash``, ``parse``,
   ``fingerprint``, ``signature``, ``band_hashes``, as ``Deduplicator`` does) in ``--workers``
   processes, and bulk-loaded as the ingest would have left them: a story and a templated report
   start a cluster and count their sentences once more (``sentencefrequency``); a repost joins
   its original's cluster as a ``near`` duplicate. Each item's subject zone goes into
   ``articlezone`` (what event linking reads), and its dedup facts (shingles, numbers, story facts) into
   ``article.dedup_facts``, as the ingest stores them. Stock sentences while fingerprinting: the stock
   set's sentences and the template sentences found in at least ``stock_min_docs`` of a sample
   of templated items (what the database's counts make stock at ingest).
   SQLite: executemany in one transaction. PostgreSQL: COPY, with the dedup tables' indexes
   and keys dropped and rebuilt (bench/dedup_scale.py), then VACUUM ANALYZE.
2. The next ``--stream`` items of the same feed through the crawler's path, ``--commit-every``
   articles per transaction (``monitor crawl`` commits the items fetched by then together, up to
   ``ITEM_GROUP``, without waiting on the disk: ``db.commit_unflushed``): in ``--cpu-workers`` worker
   processes (the crawl's ``CpuWorkers``, one per core by default) ``tag_article`` and the dedup work that
   needs no database (``itemwork.prepare_articles``, ``PER_CALL`` articles a call), ``AHEAD`` items ahead; in this process (the crawl's
   database thread) ``Deduplicator.check``, ``Articles.store_article``, commit. CPU per article is
   printed for this process, the workers and the PostgreSQL backend. Articles/s, p50/p99 per article, and whether each repost
   joined its original's cluster and each story or templated report stayed new.
3. ``--profile`` more items under cProfile, timed by this thread's CPU time: the functions that take the
   database thread's time.

Tests never assert on time; this prints figures only.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.dedup_scale import drop, droppable, recreate, schema_objects, scratch_database  # noqa: E402
from bench.news_corpus import MATERIALS, NewsFeed, NewsItem  # noqa: E402
from monitor.dedup.deduplicator import DedupConfig, Deduplicator, warm_known_stock  # noqa: E402
from monitor.dedup.facts import story_facts  # noqa: E402
from monitor.dedup.minhash import band_hashes, fingerprint, parse, signature  # noqa: E402
from monitor.dedup.prepared import KNOWN_STOCK  # noqa: E402
from monitor.dedup.stored_facts import COUNTS as FACT_COUNTS  # noqa: E402
from monitor.dedup.stored_facts import encode  # noqa: E402
from monitor.items import DedupEvidence, DuplicateOf, ExtractedArticle, PublishDate  # noqa: E402
from monitor.itemwork import ArticleWork, CpuWorkers, default_workers, prepare_article, prepare_articles  # noqa: E402
from monitor.normalise import content_hash  # noqa: E402
from monitor.pipeline import ITEM_GROUP  # noqa: E402
from monitor.store import Articles, Sources, db  # noqa: E402
from monitor.store import articles as store_articles  # noqa: E402
from monitor.store.models import Article, Cluster  # noqa: E402

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CHUNK = 2000  # items per worker task
AHEAD = 2 * ITEM_GROUP  # items handed to the worker processes ahead of the one being stored (a crawl's fetch window)
PER_CALL = 8  # articles per call to a worker (a crawl hands each worker its share of a group of pages in one call)
ARTICLE = ("id", "url", "title", "published_at", "published_precision", "body", "content_hash", "source_id",
           "cluster_id", "duplicate_of_id", "dedup_level", "similarity", "revision", "content_type", "relevant",
           "backfilled", "signature", "dedup_evidence", "fetched_at", "stored_at", "dedup_facts")
COLUMNS = {
    "cluster": ("id", "canonical_article_id", "created_at"),
    "article": ARTICLE,
    "articleband": ("article_id", "band", "hash"),
    "paragraphfingerprint": ("article_id", "position", "hash", "length"),
    "articlezone": ("article_id", "zone_id", "role", "score"),
    "sentencefrequency": ("hash", "doc_count"),
}
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def url_of(index: int) -> str:
    return f"https://site{index % 997}.feed.invalid/news/{index}.html"


def article_of(item: NewsItem) -> ExtractedArticle:
    """The feed's item as extraction gives it to the ingest."""
    return ExtractedArticle(url=url_of(item.index), title=item.title, body=item.body,
                            published=PublishDate(item.published, "minute"))


# fingerprints ---------------------------------------------------------------------------
def stock_hashes(feed: NewsFeed, sample: int = 3000, min_docs: int = DedupConfig().stock_min_docs) -> frozenset[int]:
    """Sentences the stored counts make stock: the stock set, and template text shared by enough reports."""
    found = {digest for text in MATERIALS.stock for _, digest, _ in parse(text)}
    counts: Counter[int] = Counter()
    for index in range(sample):
        if feed.kind(index) == "templated":
            counts.update({digest for _, digest, _ in parse(feed.item(index).body)})
    return frozenset(found | {h for h, n in counts.items() if n >= min_docs})


@dataclass(frozen=True, slots=True)
class Chunk:
    rows: dict[str, list[tuple[object, ...]]]
    learned: np.ndarray  # sentence hashes counted once more (one per story per distinct sentence)
    kinds: Counter[str]


_WORKER: tuple[NewsFeed, frozenset[int]] | None = None


def _init(seed: int, stock: frozenset[int]) -> None:
    global _WORKER
    _WORKER = (NewsFeed(seed), stock)


def chunk_rows(span: tuple[int, int]) -> Chunk:
    """The rows the ingest would have written for items [start, stop) (their ids: index + 1)."""
    assert _WORKER is not None
    feed, stock = _WORKER
    rows: dict[str, list[tuple[object, ...]]] = {t: [] for t in COLUMNS if t != "sentencefrequency"}
    learned: list[int] = []
    kinds: Counter[str] = Counter()
    for index in range(*span):
        item = feed.item(index)
        kinds[item.kind] += 1
        article_id = index + 1
        parsed = parse(item.body)
        mine = {digest for _, digest, _ in parsed} & stock
        text = fingerprint(item.body, mine, parsed)
        values = signature(text.shingles)
        bands = band_hashes(values) if len(text.shingles) else []
        hashes = [s.hash for s in text.sentences]
        if item.of is None:
            cluster_id, duplicate_of, level, similarity = article_id, None, None, None
            evidence = DedupEvidence("none", stock_sentences=len(mine))
            rows["cluster"].append((article_id, article_id, NOW))
            learned += sorted(set(hashes))
        else:
            cluster_id = duplicate_of = item.of + 1
            level, similarity = "near", 0.9
            evidence = DedupEvidence("near", duplicate_of, 0.9, 0.95, 0.9, 20, len(hashes), len(mine),
                                     reason="shingle Jaccard above threshold")
        rows["article"].append((
            article_id, url_of(index), item.title, item.published, "minute", item.body, content_hash(item.body), 1,
            cluster_id, duplicate_of, level, similarity, 1, "news", True, False, values.astype("<u4").tobytes(),
            evidence.to_json(), NOW, NOW, encode(text, frozenset(mine), story_facts(item.body))))
        rows["articleband"] += [(article_id, band, digest) for band, digest in enumerate(bands)]
        rows["paragraphfingerprint"] += [(article_id, i, s.hash, s.length) for i, s in enumerate(text.sentences)]
        rows["articlezone"].append((article_id, item.zone_id, "subject", 1.0))
    return Chunk(rows, np.array(learned, dtype=np.int64), kinds)


def generate(seed: int, count: int, workers: int, stock: frozenset[int]) -> Iterator[Chunk]:
    spans = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    if workers <= 1:
        _init(seed, stock)
        yield from map(chunk_rows, spans)
        return
    with multiprocessing.get_context("fork").Pool(workers, _init, (seed, stock)) as pool:
        yield from pool.imap(chunk_rows, spans)


# bulk loads -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Loaded:
    seconds: float
    rows: dict[str, int]
    kinds: Counter[str]


class Loader:
    """Writes chunks of rows; sentence counts once, at the end."""

    def __init__(self) -> None:
        self.rows: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.learned: list[np.ndarray] = []

    def take(self, chunk: Chunk, write) -> None:  # type: ignore[no-untyped-def]
        for table, rows in chunk.rows.items():
            write(table, rows)
            self.rows[table] += len(rows)
        self.kinds.update(chunk.kinds)
        self.learned.append(chunk.learned)

    def fill(self, seed: int, count: int, workers: int, stock: frozenset[int], write) -> None:  # type: ignore[no-untyped-def]
        """Generate and write items [0, count), then the sentence counts."""
        started = time.perf_counter()
        for chunk in generate(seed, count, workers, stock):
            self.take(chunk, write)
            progress(sum(self.kinds.values()), count, started)
        write("sentencefrequency", self.counts())

    def counts(self) -> list[tuple[object, ...]]:
        hashes, counts = np.unique(np.concatenate(self.learned), return_counts=True)
        rows = list(zip(hashes.tolist(), counts.tolist(), strict=True))
        self.rows["sentencefrequency"] = len(rows)
        return rows


def progress(done: int, total: int, started: float) -> None:
    if done % 50_000 < CHUNK or done == total:
        elapsed = time.perf_counter() - started
        print(f"  {done:,} items in {elapsed:.0f} s ({done / elapsed:,.0f}/s)", flush=True)


def load_sqlite(url: str, count: int, seed: int, workers: int, stock: frozenset[int]) -> Loaded:
    engine = sa.create_engine(url)
    binds = {}
    dialect = engine.dialect
    for table in ("article", "cluster"):
        columns = (Article if table == "article" else Cluster).__table__.c  # type: ignore[attr-defined]
        binds[table] = [columns[c].type.dialect_impl(dialect).bind_processor(dialect) for c in COLUMNS[table]]
    loader = Loader()
    started = time.perf_counter()
    with engine.begin() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]

        def write(table: str, rows: list[tuple[object, ...]]) -> None:
            if table in binds:
                fns = binds[table]
                rows = [tuple(v if f is None else f(v) for f, v in zip(fns, row, strict=True)) for row in rows]
            cursor.executemany(f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) "
                               f"VALUES ({', '.join('?' * len(COLUMNS[table]))})", rows)

        loader.fill(seed, count, workers, stock, write)
    engine.dispose()
    return Loaded(time.perf_counter() - started, dict(loader.rows), loader.kinds)


@contextmanager
def copies(url: str, tables: list[str]) -> Iterator[dict[str, object]]:
    """One COPY per table, each on its own connection (the server parses them in parallel)."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with ExitStack() as stack:
        found: dict[str, object] = {}
        for table in tables:
            columns = COLUMNS[table]
            raw = engine.raw_connection()
            stack.callback(raw.close)
            driver = raw.driver_connection
            stack.callback(driver.commit)  # after its COPY has ended (callbacks unwind in reverse)
            cursor = stack.enter_context(driver.cursor())  # type: ignore[union-attr]
            found[table] = stack.enter_context(cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN"))
        yield found
    engine.dispose()


def load_postgres(url: str, count: int, seed: int, workers: int, stock: frozenset[int]) -> Loaded:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        objects = schema_objects(conn)
        dropped = droppable(objects)
        drop(conn, dropped)
        conn.commit()
    loader = Loader()
    started = time.perf_counter()
    zones: list[tuple[object, ...]] = []  # its foreign key is kept: copied once the articles are committed

    def write(table: str, rows: list[tuple[object, ...]]) -> None:
        """One COPY per chunk, ended before the next chunk is generated: a COPY left open while the workers
        fingerprint (minutes at 100k on a loaded machine) made every DROP DATABASE on the server wait for it (its
        backend, waiting on this client, never answered the barrier DROP DATABASE raises)."""
        if table == "articlezone":
            zones.extend(rows)
            return
        with copies(url, [table]) as copy:
            for row in rows:
                copy[table].write_row(row)  # type: ignore[attr-defined]

    loader.fill(seed, count, workers, stock, write)
    with copies(url, ["articlezone"]) as copy:
        for row in zones:
            copy["articlezone"].write_row(row)  # type: ignore[attr-defined]
    print(f"  COPY done in {time.perf_counter() - started:.0f} s; rebuilding {len(dropped)} indexes and keys", flush=True)
    with engine.connect() as conn:
        conn.execute(sa.text("SET maintenance_work_mem = '1GB'"))
        recreate(conn, dropped)
        for table in ("article", "cluster"):
            conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), {"n": count})
        conn.commit()
        if schema_objects(conn) != objects:
            raise AssertionError("the recreated indexes and constraints differ from the migrated schema")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    engine.dispose()
    return Loaded(time.perf_counter() - started, dict(loader.rows), loader.kinds)


# the normal path ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Timed:
    latencies_ms: list[float]
    seconds: float
    outcome: Counter[str]
    cpu_seconds: float = 0.0  # this process's CPU time over the stream
    server_cpu_seconds: float | None = None  # the PostgreSQL backend's (a local server: /proc), None on SQLite
    worker_cpu_seconds: float | None = None  # the worker processes' (/proc), None without them
    statements: int | None = None  # PostgreSQL: statements sent (commits included) over the stream; None on SQLite


def backend_cpu(session: Session) -> tuple[int, float] | None:
    """(pid, CPU seconds) of the session's PostgreSQL backend, when the server runs on this machine."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    pid = int(session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
    return pid, process_cpu(pid)


def process_cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def ingest(engine: sa.Engine, feed: NewsFeed, first: int, count: int, clusters: dict[int, int],
           commit_every: int = 1, verdicts: list[str] | None = None, cpu: CpuWorkers | None = None) -> Timed:
    """Items [first, first + count) through the crawler's path, one transaction each (``commit_every``: more); ``clusters``: index ->
    cluster id of the items stored so far beyond the bulk (bulk item i is in cluster i + 1 unless a repost).
    ``cpu``: the crawl's worker processes, which tag each article and prepare its dedup check
    (``itemwork.prepare_article``) up to ``AHEAD`` items ahead of the storing; None: all in this process."""
    items = items_of(feed, first, count)
    articles_in = [article_of(item) for item in items]
    latencies: list[float] = []
    outcome: Counter[str] = Counter()
    workers = cpu is not None and cpu.processes > 0
    pending: deque[Future[tuple[ArticleWork, ...]]] = deque()
    ready: deque[ArticleWork] = deque()

    def submit(index: int) -> None:
        """The chunk of articles starting at ``index`` to a worker."""
        if workers and index < len(articles_in):
            assert cpu is not None
            chunk = tuple(articles_in[index:index + PER_CALL])
            pending.append(cpu.submit(prepare_articles, chunk, (), KNOWN_STOCK.snapshot()))

    with Session(engine, expire_on_commit=False) as session:
        if workers:  # as monitor crawl: the process's known stock sentences from the database, once
            warm_known_stock(session, DedupConfig())
        source = Sources(session).row("feed", "html")
        session.commit()
        articles = Articles(session)
        backend = backend_cpu(session)
        pids = cpu.worker_pids() if workers and cpu is not None else []
        workers_started = sum(process_cpu(pid) for pid in pids)
        sent = [0]

        def one_more(*_args: object) -> None:
            sent[0] += 1

        if backend is not None:  # each a round trip and SQLAlchemy's and psycopg's work around it
            sa.event.listen(engine, "before_cursor_execute", one_more)
            sa.event.listen(engine, "commit", one_more)
        cpu_started = time.process_time()
        started = time.perf_counter()
        db.commit_unflushed(session)  # as monitor crawl's transactions (pipeline.handle_item): no wait on the disk
        for index in range(0, AHEAD, PER_CALL):
            submit(index)
        for index, item in enumerate(items):
            t0 = time.perf_counter()
            article = articles_in[index]
            if workers:
                if not ready:
                    ready.extend(pending.popleft().result())
                    submit(index + AHEAD)
                work = ready.popleft()
            else:
                work = prepare_article(article)  # tags only: the check does its own dedup work
            verdict = Deduplicator(session, DedupConfig()).check(article, work.dedup)
            result = articles.store_article(article, verdict, work.tags, source, NOW)
            if (item.index - first) % commit_every == commit_every - 1:
                session.commit()
                db.commit_unflushed(session)
            latencies.append((time.perf_counter() - t0) * 1000)
            clusters[item.index] = result.cluster_id
            if verdicts is not None:  # what two versions of the code must agree on (--verdicts)
                verdicts.append(json.dumps([item.index, type(verdict).__name__, getattr(verdict, "article_id", None),
                                            getattr(verdict, "level", None), getattr(verdict, "similarity", None),
                                            result.cluster_id, result.status,
                                            getattr(getattr(verdict, "evidence", None), "candidate_id", None)]))
            outcome[judged(item, verdict, result.cluster_id, clusters)] += 1
        session.commit()
        seconds = time.perf_counter() - started
        spent = time.process_time() - cpu_started
        server = None if backend is None else process_cpu(backend[0]) - backend[1]
        worker_cpu = sum(process_cpu(pid) for pid in pids) - workers_started if pids else None
        if backend is not None:
            sa.event.remove(engine, "before_cursor_execute", one_more)
            sa.event.remove(engine, "commit", one_more)
    return Timed(latencies, seconds, outcome, spent, server, worker_cpu, None if backend is None else sent[0])


def started_workers(processes: int, feed: NewsFeed) -> CpuWorkers:
    """The worker processes started and warm (tagger built) before anything is timed."""
    cpu = CpuWorkers(processes)
    cpu.start()
    sample = feed.item(0)
    article = ExtractedArticle(url=url_of(0), title=sample.title, body=sample.body)
    for future in [cpu.submit(prepare_article, article, (), KNOWN_STOCK.snapshot()) for _ in range(4 * processes)]:
        future.result()
    return cpu


def items_of(feed: NewsFeed, first: int, count: int) -> list[NewsItem]:
    return [feed.item(i) for i in range(first, first + count)]


def judged(item: NewsItem, verdict: object, cluster_id: int, clusters: dict[int, int]) -> str:
    if item.of is None:
        return f"{item.kind} {'merged' if isinstance(verdict, DuplicateOf) else 'new'}"
    expected = clusters.get(item.of, item.of + 1)
    if not isinstance(verdict, DuplicateOf):
        return "repost missed"
    return "repost found" if cluster_id == expected else "repost in another cluster"


def summary(timed: Timed) -> str:
    lat = sorted(timed.latencies_ms)
    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
    server = "" if timed.server_cpu_seconds is None else f" + server {timed.server_cpu_seconds * 1000 / len(lat):.2f}"
    if timed.worker_cpu_seconds is not None:
        server += f" + workers {timed.worker_cpu_seconds * 1000 / len(lat):.2f}"
    if timed.statements is not None:
        server += f"; {timed.statements / len(lat):.2f} statements per article"
    return (f"{len(lat) / timed.seconds:.0f} articles/s, p50 {statistics.median(lat):.1f} ms, p99 {p99:.1f} ms, "
            f"max {lat[-1]:.1f} ms; CPU per article: client {timed.cpu_seconds * 1000 / len(lat):.2f} ms{server} "
            f"(articles per CPU-second: {len(lat) / cpu_of(timed):.0f})")


def cpu_of(timed: Timed) -> float:
    """CPU seconds the stream cost: this process, its worker processes and, on PostgreSQL, its server backend (not
    the disk's waits)."""
    return timed.cpu_seconds + (timed.server_cpu_seconds or 0.0) + (timed.worker_cpu_seconds or 0.0)


def profiled(engine: sa.Engine, feed: NewsFeed, first: int, count: int, clusters: dict[int, int], commit_every: int,
             cpu: CpuWorkers | None = None) -> str:
    items = items_of(feed, first, count)
    made = {first + i: item for i, item in enumerate(items)}

    class Made(NewsFeed):  # the stream made before profiling: the profile is the ingest's alone
        def item(self, index: int) -> NewsItem:
            return made[index]

    # the profiling thread's CPU time, not wall time: what the database thread spends, which a loaded machine
    # distorts least (waits on the disk, the workers or the GIL count nothing)
    profile = cProfile.Profile(time.thread_time)
    profile.enable()
    timed = ingest(engine, Made(feed.seed), first, count, clusters, commit_every, cpu=cpu)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(18)
    stats.sort_stats("cumulative").print_stats(30)
    stats.print_callers(r"rawsql.py:\d+\((all|run|one|many|insert)\)|sqlite3.Connection' objects}|commit' of")
    return f"under cProfile: {summary(timed)}\n{out.getvalue()}"


def bulk(url: str, size: int, seed: int, workers: int, stock: frozenset[int]) -> Loaded:
    """Migrate the fresh database at ``url`` and load the first ``size`` items of the feed."""
    db.upgrade(url)
    engine = db.make_engine(url)
    with Session(engine) as session:
        Sources(session).row("bulk", "html")  # source id 1: the bulk rows'
        session.commit()
    engine.dispose()
    load = load_postgres if url.startswith("postgresql") else load_sqlite
    return load(url, size, seed, workers, stock)


def stored_state(url: str) -> tuple[int, int, dict[int, int]]:
    """A database this bench filled before (``--reuse``): the bulk size, the next feed index, and the cluster of
    each item streamed into it so far (their URLs carry their feed index)."""
    db.upgrade(url)  # a migration added since it was filled (new indexes) applies to it as to a user's database
    engine = db.make_engine(url)
    with engine.connect() as conn:
        size = int(conn.execute(sa.text("SELECT count(*) FROM article WHERE source_id = 1")).scalar_one())
        clusters = {int(u.rsplit("/", 1)[1].split(".")[0]): int(c) for u, c in conn.execute(
            sa.text("SELECT url, cluster_id FROM article WHERE source_id != 1"))}
    engine.dispose()
    return size, max(clusters, default=size - 1) + 1, clusters


def check_same_materials(url: str, feed: NewsFeed, size: int) -> None:
    """A reused corpus must be the texts this checkout's feed generates: the feed recombines the sentences of
    tests/data (tagging_real, roundups), so a checkout whose test data grew generates other texts, and its reposts
    would look for originals the corpus never held (every figure, verdicts first, would be wrong). Three bulk items'
    stored hashes are compared with this feed's."""
    sample = sorted({0, size // 2, size - 1})
    engine = db.make_engine(url)
    with engine.connect() as conn:
        stored = dict(conn.execute(sa.text("SELECT url, content_hash FROM article WHERE url IN :urls")
                                   .bindparams(sa.bindparam("urls", expanding=True)),
                                   {"urls": [url_of(i) for i in sample]}).all())
    engine.dispose()
    for index in sample:
        if stored.get(url_of(index)) != content_hash(feed.item(index).body):
            raise SystemExit(f"--reuse {url}: bulk item {index} is not the text this checkout's feed generates (the "
                             "feed recombines tests/data, which changed since the corpus was built): build the corpus "
                             "again with this checkout (--keep --name ...), or reuse it from the checkout that built it")


def run_size(url: str, size: int, args: argparse.Namespace, feed: NewsFeed, stock: frozenset[int],
             figures: dict[str, object], cpu: CpuWorkers) -> None:
    clusters: dict[int, int] = {}
    if args.reuse:
        size, first, clusters = stored_state(url)
        check_same_materials(url, feed, size)
        print(f"\n== {args.database}, {size:,} bulk items + {len(clusters):,} streamed before (reused database)",
              flush=True)
    else:
        print(f"\n== {args.database}, {size:,} stored items: bulk load ({args.workers} workers)", flush=True)
        loaded = bulk(url, size, args.seed, args.workers, stock)
        kinds = ", ".join(f"{k} {n:,} ({n / size:.0%})" for k, n in sorted(loaded.kinds.items()))
        print(f"loaded in {loaded.seconds:.0f} s: {kinds}; rows: "
              + ", ".join(f"{t} {n:,}" for t, n in loaded.rows.items()), flush=True)
        first = size
    engine = db.make_engine(url)
    rates: list[float] = []
    cpu_rates: list[float] = []
    thread_rates: list[float] = []
    verdicts: list[str] | None = [] if args.verdicts else None
    for commit_every in args.commit_every:  # several: consecutive streams, alternated by the caller's order
        timed = ingest(engine, feed, first, args.stream, clusters, commit_every, verdicts, cpu)
        first += args.stream
        with open("/proc/loadavg") as fh:
            load = fh.read().split()[:3]
        print(f"RESULT {args.database} stored {size:,}: {args.stream} articles through the normal path "
              f"(commit every {commit_every}): {summary(timed)}; load {' '.join(load)}", flush=True)
        print("  verdicts: " + ", ".join(f"{k} {n}" for k, n in sorted(timed.outcome.items())), flush=True)
        rates.append(len(timed.latencies_ms) / timed.seconds)
        cpu_rates.append(len(timed.latencies_ms) / cpu_of(timed))
        thread_rates.append(len(timed.latencies_ms) / timed.cpu_seconds)
        if timed.statements is not None:
            figures[f"{args.database}_{size}_statements_per_article"] = round(timed.statements / len(timed.latencies_ms), 2)
        found, reposts = timed.outcome["repost found"], sum(n for k, n in timed.outcome.items() if k.startswith("repost"))
        figures[f"{args.database}_{size}_reposts_found"] = round(found / max(reposts, 1), 3)
    if verdicts is not None:
        Path(args.verdicts).write_text("".join(f"{line}\n" for line in verdicts), encoding="utf-8")
    figures[f"{args.database}_{size}_articles_per_s"] = round(statistics.median(rates), 1)
    figures[f"{args.database}_{size}_articles_per_cpu_s"] = round(statistics.median(cpu_rates), 1)
    # this process alone (the crawl's database thread, with the pool's threads): what bounds a stream once the
    # workers have a core of their own
    figures[f"{args.database}_{size}_articles_per_db_cpu_s"] = round(statistics.median(thread_rates), 1)
    if args.profile:
        print(profiled(engine, feed, first, args.profile, clusters, args.commit_every[0], cpu), flush=True)
    engine.dispose()


@contextmanager
def database(args: argparse.Namespace, size: int) -> Iterator[str]:
    if args.reuse:
        yield args.reuse
        return
    if args.database == "sqlite" and args.name:  # a kept file, to stream into again with --reuse
        yield f"sqlite:///{Path(args.name).resolve()}"
        return
    if args.database == "sqlite":
        with tempfile.TemporaryDirectory(prefix="zm_scale_") as folder:
            yield f"sqlite:///{folder}/ingest_{size}.db"
        return
    with scratch_database(args.postgres, args.keep, args.name) as url:
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--sizes", default="10000,100000", help="stored items, comma-separated (one fresh database each)")
    parser.add_argument("--stream", type=int, default=2000, help="items timed through the normal path")
    parser.add_argument("--commit-every", type=lambda v: [int(n) for n in v.split(",")], default=[ITEM_GROUP],
                        help=f"articles per transaction (default {ITEM_GROUP}: monitor crawl's ITEM_GROUP, the group it "
                             "commits when fetches are ahead of storing, as at full ingest speed; 1: a commit per item, "
                             "as before it); "
                             "several, comma-separated: one stream each, in that order (e.g. 1,100,1,100)")
    parser.add_argument("--profile", type=int, default=0, help="items more under cProfile (0: none)")
    parser.add_argument("--workers", type=int, default=2, help="processes fingerprinting the bulk corpus")
    parser.add_argument("--postgres", default=ADMIN_URL, help="admin URL; fresh databases are made beside it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="do not drop the PostgreSQL databases")
    parser.add_argument("--name", help="the PostgreSQL database's name (one size; default zm_scale_<random>); SQLite: the file "
                                             "to fill and keep (one size)")
    parser.add_argument("--reuse", metavar="URL", help="stream into a database this bench filled and kept before "
                                                         "(no bulk load; --sizes ignored)")
    parser.add_argument("--verdicts", metavar="FILE", help="write each streamed item's verdict, cluster and evidence "
                                                           "candidate (one JSON list a line: compare two versions' files)")
    parser.add_argument("--cpu-workers", type=int, default=default_workers(),
                        help="worker processes that tag and prepare the dedup check ahead, as monitor crawl's "
                             "(MONITOR_CPU_WORKERS; default: one per core); 0: all in this process")
    parser.add_argument("--events", choices=("on", "off"), default="on",
                        help="off: event linking skipped, to show what the rest of the path costs (a measurement, "
                             "not a mode of the service)")
    args = parser.parse_args()
    if args.reuse:  # the figures' names say which database the reused URL is
        args.database = "postgres" if args.reuse.startswith("postgresql") else "sqlite"
    if args.events == "off":
        store_articles.link_event = lambda *_args, **_kwargs: None  # type: ignore[assignment]
    feed = NewsFeed(args.seed)
    stock = stock_hashes(feed)
    cpu = started_workers(args.cpu_workers, feed)
    print(f"corpus: {len(MATERIALS.pool):,} real sentences recombined, {len(MATERIALS.stock)} stock sentences, "
          f"{len(MATERIALS.templates)} real templates, {len(MATERIALS.zones)} zones; {len(stock)} stock hashes")
    figures: dict[str, object] = {"bench": "ingest_scale", "events": args.events}
    for size in ([0] if args.reuse else [int(s) for s in args.sizes.split(",")]):
        with database(args, size) as url:
            run_size(url, size, args, feed, stock, figures, cpu)
    cpu.close()
    figures["cpu_workers"] = args.cpu_workers
    figures["prepared_fingerprints_held"] = KNOWN_STOCK.held
    figures["prepared_fingerprints_made_again"] = KNOWN_STOCK.failed
    figures["candidate_facts_stored"] = FACT_COUNTS["stored"]  # read as stored (monitor/dedup/stored_facts.py)
    figures["candidate_facts_derived"] = FACT_COUNTS["derived"]  # derived from the body: none stored, or stale
    figures["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures), flush=True)  # for bench/summary.py


if __name__ == "__main__":
    main()
