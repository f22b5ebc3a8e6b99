"""Dedup lookups at scale: N stored articles on PostgreSQL (default 1M), 1,000 probes timed.

    .venv/bin/python bench/dedup_scale.py [--articles 1000000] [--postgres ADMIN_URL] [--keep] [--explain]

1. A fresh database ``zm_scale_<random>`` on the admin URL's server, migrated with
   ``monitor.store.db.upgrade``; dropped at the end WITH (FORCE), also on error (``--keep`` keeps it).
2. Bulk load with COPY of N articles as the ingest leaves a new article (monitor/dedup/article_rows.py,
   ``ArticleRows.insert``): one source; per article one cluster whose canonical member it is, the
   article row (unique url and content_hash, a short body, 128 random uint32 little-endian
   MinHash values in ``signature``, the evidence JSON of a ``New`` verdict), 32 ``articleband``
   rows (random hashes in [0, 2**63), the range ``minhash.band_hashes`` yields), ``--sentences``
   ``paragraphfingerprint`` rows (default 20: what bench/dedup.py's synthetic articles get, one
   per distinct sentence) and one ``sentencefrequency`` row per sentence (doc_count 1), except
   for ``STOCK`` real stock sentences that ~30% of articles carry, counted as often as they occur.
   Random hashes stand in for real ones, which are uniformly distributed. Secondary indexes,
   the three index tables' primary keys and the foreign keys are dropped for the load and
   recreated from their own definitions afterwards (checked equal), then VACUUM ANALYZE (this
   test server runs without autovacuum; production's would have analyzed). Indexes built in one
   go are denser than ones grown by inserts: a little optimistic on cache use.
3. ``--real`` (2,000) synthetic articles through the real path, Deduplicator.check then
   Articles.store_article, every 10th a noisy repost (as bench/dedup.py's speed()).
4. 1,000 probes through Deduplicator.check, not stored: odd ones noisy copies of the real
   originals (each must come back as a duplicate in the original's cluster), even ones new
   texts, every other one carrying a stock sentence. p50/p95/p99/max of the dedup step, load
   time, database size and rows per table. Targets (issue 5): p50 <= 5 ms, p99 <= 25 ms at 1M.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.dedup import noisy, sentence_pool, synthetic  # noqa: E402
from monitor.dedup.deduplicator import DedupConfig, Deduplicator  # noqa: E402
from monitor.dedup.minhash import BANDS, NUM_PERM, parse  # noqa: E402
from monitor.items import DedupEvidence, DuplicateOf, ExtractedArticle, TagSet  # noqa: E402
from monitor.store import (  # noqa: E402
    Articles,
    Sources,
    db,  # noqa: E402
)
from monitor.timefmt import utcnow  # noqa: E402

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TABLES = ("cluster", "article", "articleband", "paragraphfingerprint", "sentencefrequency")
STOCK = 300  # stock sentences (policy quotes, slogans) of the bulk corpus
STOCK_SHARE = 0.3  # share of bulk articles carrying one of them
CHUNK = 10_000  # articles generated per numpy batch
_MASK63 = (1 << 63) - 1


# bulk data -------------------------------------------------------------------------------
def mix63(counters: np.ndarray) -> np.ndarray:
    """Distinct counters -> distinct, uniformly spread hashes in [0, 2**63) (a bijection on 63 bits)."""
    mask = np.uint64(_MASK63)
    h = counters.astype(np.uint64) & mask
    with np.errstate(over="ignore"):
        h = ((h ^ (h >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9)) & mask
        h = ((h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & mask
        h = h ^ (h >> np.uint64(31))
    return h.astype(np.int64)


def stock_sentences(pool: list[str]) -> list[tuple[str, int, int]]:
    """(text, hash63 of its match key, key length) of STOCK real sentences, as the ingest fingerprints them."""
    found: dict[int, tuple[str, int, int]] = {}
    for text in pool:
        for key, digest, _ in parse(text):
            found.setdefault(digest, (text, digest, len(key)))
        if len(found) >= STOCK:
            break
    return list(found.values())[:STOCK]


def check_range(values: np.ndarray, what: str) -> None:
    low, high = int(values.min()), int(values.max())
    if low < 0 or high > _MASK63:
        raise AssertionError(f"{what}: hashes outside [0, 2**63): {low}..{high}")


@contextmanager
def copies(url: str) -> Iterator[dict[str, object]]:
    """One COPY per bulk table, each on its own raw psycopg connection: the server parses them in parallel."""
    columns = {
        "cluster": "id, canonical_article_id, created_at",
        "article": ("id, url, title, published_at, published_precision, body, content_hash, source_id, cluster_id, "
                    "revision, fetched_at, stored_at, content_type, relevant, signature, dedup_evidence, backfilled"),
        "articleband": "article_id, band, hash",
        "paragraphfingerprint": "article_id, position, hash, length",
        "sentencefrequency": "hash, doc_count",
    }
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with ExitStack() as stack:
        found: dict[str, object] = {}
        for table in TABLES:
            raw = engine.raw_connection()
            stack.callback(raw.close)
            driver = raw.driver_connection
            stack.callback(driver.commit)  # runs after its COPY has ended (callbacks unwind in reverse)
            cursor = stack.enter_context(driver.cursor())
            found[table] = stack.enter_context(cursor.copy(f"COPY {table} ({columns[table]}) FROM STDIN"))
        yield found
    engine.dispose()


def bulk_load(url: str, articles: int, sentences: int, source_id: int, stock: list[tuple[str, int, int]],
              seed: int) -> dict[str, int]:
    """COPY ``articles`` articles with their clusters and index rows; returns rows written per table."""
    now = utcnow()
    evidence = json.dumps(asdict(DedupEvidence("none", stock_sentences=0)), ensure_ascii=False)
    stock_hashes = np.array([s[1] for s in stock], dtype=np.int64)
    stock_lengths = np.array([s[2] for s in stock], dtype=np.int64)
    stock_counts = np.zeros(len(stock), dtype=np.int64)
    rows = dict.fromkeys(TABLES, 0)
    sentence_counter = 0
    started = time.perf_counter()
    with copies(url) as copy:
        cl, ar, ba, pa, sf = (copy[t] for t in TABLES)
        for start in range(1, articles + 1, CHUNK):
            n = min(CHUNK, articles + 1 - start)
            rng = np.random.default_rng([seed, start])
            ids = np.arange(start, start + n)
            signatures = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint32).astype("<u4")
            bands = rng.integers(0, _MASK63, size=(n, BANDS), dtype=np.int64, endpoint=True)
            check_range(bands, "band hashes")
            spread = min(9, sentences - 1)
            counts = rng.integers(sentences - spread, sentences + spread, size=n, endpoint=True)
            total = int(counts.sum())
            hashes = mix63(np.arange(sentence_counter, sentence_counter + total, dtype=np.uint64))
            sentence_counter += total
            lengths = rng.integers(8, 90, size=total)
            firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
            with_stock = np.flatnonzero(rng.random(n) < STOCK_SHARE)
            picks = rng.integers(0, len(stock), size=len(with_stock))
            slots = firsts[with_stock] + rng.integers(0, counts[with_stock])
            hashes[slots], lengths[slots] = stock_hashes[picks], stock_lengths[picks]
            np.add.at(stock_counts, picks, 1)
            unique = np.ones(total, dtype=bool)
            unique[slots] = False
            check_range(hashes, "sentence hashes")
            published = rng.integers(0, 3 * 365, size=n)

            for k, article_id in enumerate(ids.tolist()):
                cl.write_row((article_id, article_id, now))
                body = f"第{article_id}号合成稿件。{stock[k % len(stock)][0]}"
                ar.write_row((
                    article_id, f"https://site{article_id % 997}.bulk.invalid/news/{article_id}.html",
                    f"合成标题{article_id}", now - timedelta(days=int(published[k])), "day", body,
                    hashlib.sha256(body.encode()).hexdigest(), source_id, article_id, 1, now, now, "news", True,
                    signatures[k].tobytes(), evidence, False))
            for article_id, band_row in zip(ids.tolist(), bands.tolist(), strict=True):
                for band, digest in enumerate(band_row):
                    ba.write_row((article_id, band, digest))
            owner = np.repeat(ids, counts).tolist()
            position = (np.arange(total) - np.repeat(firsts, counts)).tolist()
            for row in zip(owner, position, hashes.tolist(), lengths.tolist(), strict=True):
                pa.write_row(row)
            for digest in hashes[unique].tolist():
                sf.write_row((digest, 1))
            rows["cluster"] += n
            rows["article"] += n
            rows["articleband"] += n * BANDS
            rows["paragraphfingerprint"] += total
            rows["sentencefrequency"] += int(unique.sum())
            done = start + n - 1
            if done % 100_000 == 0 or done == articles:
                elapsed = time.perf_counter() - started
                print(f"  loaded {done:,} articles ({sum(rows.values()):,} rows) in {elapsed:.0f} s, "
                      f"{done / elapsed:,.0f} articles/s", flush=True)
        for digest, count in zip(stock_hashes.tolist(), stock_counts.tolist(), strict=True):
            if count:
                sf.write_row((digest, count))
                rows["sentencefrequency"] += 1
    return rows


# schema around the load ------------------------------------------------------------------
def schema_objects(conn: sa.Connection) -> dict[str, tuple[str, str, str]]:
    """name -> (kind, table, definition) of the bulk tables' constraints and plain indexes."""
    found: dict[str, tuple[str, str, str]] = {}
    for name, table, kind, definition in conn.execute(sa.text(
            "SELECT conname, conrelid::regclass::text, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(:tables) AND contype IN ('p', 'f', 'u')"), {"tables": list(TABLES)}):
        found[name] = (kind, table, definition)
    for name, table, definition in conn.execute(sa.text(
            "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(:tables) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"), {"tables": list(TABLES)}):
        found[name] = ("i", table, definition)
    return found


def droppable(objects: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """What slows a COPY down: foreign keys, plain indexes and the primary keys nothing references."""
    keep = {"cluster", "article"}  # their primary keys are referenced; ids arrive in order, so cheap to keep
    return {name: obj for name, obj in objects.items() if obj[0] in "fi" or (obj[0] == "p" and obj[1] not in keep)}


def drop(conn: sa.Connection, objects: dict[str, tuple[str, str, str]]) -> None:
    for name, (kind, table, _) in sorted(objects.items(), key=lambda item: item[1][0] != "f"):
        if kind == "i":
            conn.execute(sa.text(f'DROP INDEX "{name}"'))
        else:
            conn.execute(sa.text(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"'))


def recreate(conn: sa.Connection, objects: dict[str, tuple[str, str, str]]) -> None:
    """Primary keys, then indexes, then foreign keys (which check every row against the keys)."""
    for name, (kind, table, definition) in sorted(objects.items(), key=lambda item: "pif".index(item[1][0])):
        t0 = time.perf_counter()
        if kind == "i":
            conn.execute(sa.text(definition))
        else:
            conn.execute(sa.text(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
        print(f"  {name}: {time.perf_counter() - t0:.1f} s", flush=True)


# the real path and the probes ------------------------------------------------------------
def ingest_real(session: Session, articles: Articles, dedup: Deduplicator, source_name: str, count: int,
                rng: random.Random, pool: list[str]) -> tuple[list[tuple[int, str]], dict[int, int], float]:
    """Store ``count`` synthetic articles (every 10th a noisy repost); returns originals, id -> cluster, seconds."""
    source = Sources(session).row(source_name, "html")
    originals: list[tuple[int, str]] = []
    clusters: dict[int, int] = {}
    busy = 0.0
    for i in range(count):
        repost = i % 10 == 9 and bool(originals)
        body = noisy(rng, rng.choice(originals[-1000:])[1]) if repost else synthetic(rng, pool, rng.randint(4, 8))
        article = ExtractedArticle(url=f"https://real.invalid/{i}", title=f"标题{i}", body=body)
        t0 = time.perf_counter()
        result = articles.store_article(article, dedup.check(article), TagSet(), source, utcnow())
        if i % 100 == 99:
            session.commit()
        busy += time.perf_counter() - t0
        clusters[result.article_id] = result.cluster_id
        if not repost:
            originals.append((result.article_id, body))
    session.commit()
    return originals, clusters, busy


def probes(rng: random.Random, pool: list[str], originals: list[tuple[int, str]],
           stock: list[tuple[str, int, int]], count: int) -> list[tuple[ExtractedArticle, int | None]]:
    """(probe, id of the original it copies or None for a new text), copies at odd positions."""
    made: list[tuple[ExtractedArticle, int | None]] = []
    for i in range(count):
        if i % 2:
            original_id, body = rng.choice(originals)
            made.append((ExtractedArticle(url=f"https://probe.invalid/{i}", title="探针", body=noisy(rng, body)),
                         original_id))
        else:
            body = synthetic(rng, pool, 6)
            if i % 4 == 0:
                body += "\n\n" + rng.choice(stock)[0]
            made.append((ExtractedArticle(url=f"https://probe.invalid/{i}", title="探针", body=body), None))
    return made


def explain(engine: sa.Engine, session: Session, article: ExtractedArticle, label: str) -> None:
    """The statements one check runs, each with its plan and server-side time."""
    captured: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        captured.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        Deduplicator(session, DedupConfig()).check(article)
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)
    print(f"\n{label}: {len(captured)} statements (plan's top node, indexes used, server time)")
    for statement, parameters in captured:
        plan = [line for (line,) in session.connection().exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()]
        indexes = sorted({line.split(" using " if " using " in line else " on ")[1].split()[0]
                          for line in plan if "Index Scan" in line or "Index Only Scan" in line})
        print("  " + " ".join(statement.split())[:100] + " ...")
        print(f"    {plan[0].strip()[:150]}\n    {plan[1].strip()[:150]}\n"
              f"    indexes: {', '.join(indexes) or 'none'}; {plan[-1].strip()}")


def report(conn: sa.Connection) -> None:
    size = int(conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one())
    print(f"\ndatabase size: {size / 1e9:.2f} GB")
    print("| table | rows | heap MB | indexes MB |")
    print("|---|---|---|---|")
    for table in TABLES:
        count = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
        heap, indexes = conn.execute(sa.text(
            "SELECT pg_table_size(CAST(:t AS regclass)), pg_indexes_size(CAST(:t AS regclass))"), {"t": table}).one()
        print(f"| {table} | {count:,} | {heap / 1e6:,.0f} | {indexes / 1e6:,.0f} |")


def run(url: str, args: argparse.Namespace) -> None:
    db.upgrade(url)
    engine = db.make_engine(url)
    rng = random.Random(args.seed)
    pool = sentence_pool()
    stock = stock_sentences(pool)
    with Session(engine, expire_on_commit=False) as session:
        source = Sources(session).row("bulk", "html")
        session.commit()
        assert source.id is not None
        source_id = source.id

    with engine.connect() as conn:
        objects = schema_objects(conn)
        dropped = droppable(objects)
        drop(conn, dropped)
        conn.commit()
    print(f"bulk load of {args.articles:,} articles ({len(dropped)} indexes and constraints dropped for it)")
    t0 = time.perf_counter()
    rows = bulk_load(url, args.articles, args.sentences, source_id, stock, args.seed)
    copied = time.perf_counter() - t0
    print(f"COPY: {copied:.0f} s, {sum(rows.values()):,} rows")
    t1 = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(sa.text("SET maintenance_work_mem = '1GB'"))
        recreate(conn, dropped)
        for table in ("article", "cluster"):
            conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), {"n": args.articles})
        conn.commit()
        if schema_objects(conn) != objects:
            raise AssertionError("the recreated indexes and constraints differ from the migrated schema")
    indexed = time.perf_counter() - t1
    t2 = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    vacuumed = time.perf_counter() - t2
    print(f"load: COPY {copied:.0f} s + indexes and keys {indexed:.0f} s + VACUUM ANALYZE {vacuumed:.0f} s "
          f"= {copied + indexed + vacuumed:.0f} s")

    with Session(engine, expire_on_commit=False) as session:
        articles = Articles(session)
        dedup = Deduplicator(session, DedupConfig())
        originals, clusters, busy = ingest_real(session, articles, dedup, "bulk", args.real, rng, pool)
        print(f"real path: {args.real} synthetic articles stored (every 10th a noisy repost), "
              f"{args.real / busy:.0f} articles/s (dedup + store + commit)")
        made = probes(rng, pool, originals, stock, args.probes)
        latencies: list[float] = []
        found = right = false_merges = 0
        for article, original_id in made:
            t0 = time.perf_counter()
            verdict = dedup.check(article)
            latencies.append((time.perf_counter() - t0) * 1000)
            duplicate = isinstance(verdict, DuplicateOf)
            if original_id is None:
                false_merges += duplicate
            elif duplicate:
                found += 1
                right += clusters.get(verdict.article_id) == clusters[original_id]
        copies_made = sum(1 for _, o in made if o is not None)
        latencies.sort()

        def pct(p: float) -> float:
            return latencies[min(len(latencies) - 1, int(p * len(latencies)))]

        print(f"\nlookup at {args.articles:,} bulk + {args.real} real articles, {len(made)} probes "
              f"(dedup step, Deduplicator.check):")
        print(f"  p50 {statistics.median(latencies):.2f} ms, p95 {pct(0.95):.2f} ms, p99 {pct(0.99):.2f} ms, "
              f"max {latencies[-1]:.2f} ms, mean {statistics.fmean(latencies):.2f} ms")
        print(f"  noisy copies found as duplicates: {found} / {copies_made} ({right} in the original's cluster); "
              f"new texts merged by mistake: {false_merges} / {len(made) - copies_made}")
        if args.explain:
            explain(engine, session, made[1][0], "a noisy copy")
            explain(engine, session, made[0][0], "a new text with a stock sentence")
        session.rollback()
    with engine.connect() as conn:
        report(conn)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000, help="bulk-loaded articles")
    parser.add_argument("--sentences", type=int, default=20, help="mean sentence fingerprints per bulk article")
    parser.add_argument("--real", type=int, default=2000, help="articles stored through the real path")
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--postgres", default=ADMIN_URL, help="admin URL; a fresh database is made beside it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--explain", action="store_true", help="print the plans of one copy's and one new text's check")
    args = parser.parse_args()
    with scratch_database(args.postgres, args.keep) as url:
        run(url, args)


@contextmanager
def scratch_database(admin_url: str, keep: bool, name: str | None = None) -> Iterator[str]:
    """A fresh database (``name``, or ``zm_scale_<random>``) beside ``admin_url``'s, dropped WITH (FORCE) at the end
    unless ``keep``."""
    name = name or f"zm_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    print(f"database {name}")
    try:
        yield sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        if keep:
            print(f"kept database {name}")
        else:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
