"""Dedup benchmark: quality on the labelled set next to two baselines, then ingest and lookup speed.

    .venv/bin/python bench/dedup.py [--articles 20000] [--postgres URL] [--skip-quality] [--skip-sqlite]
                                    [--skip-postgres]

1. Precision / recall / F1 per variant on tests/data/dedup/labelled.jsonl for the monitor's
   dedup stage (SQLite), datasketch's in-memory MinHashLSH (threshold 0.5) and an exact
   shingle-Jaccard baseline (>= 0.5 against every stored original); then issue 19's table: false
   merges on the templated set (tests/data/dedup/templated.jsonl), copy precision / recall and event
   pairwise precision / recall (events.jsonl), each on the tune and the held-out half, with the facts
   verified and without (shingles alone, the behaviour before).
2. Ingest: synthetic Chinese articles (sentences of the real texts recombined, with numbers;
   every 10th one a noisy repost of one of the last 1,000 originals) through dedup + storage,
   committed every 100; articles/s per slice of the corpus, database size per article, the
   process's RSS (now and peak) and the load average. The bench keeps only a bounded window of
   bodies, so RSS growth is the service's.
3. Lookup: 1,000 probe articles checked (not stored) against the full corpus, half of them
   noisy copies of a uniform sample of the originals: p50/p99 of the dedup step.
At 1M stored articles on PostgreSQL: bench/dedup_scale.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.dedup_eval import evaluate_baselines, evaluate_monitor, load_items, total  # noqa: E402
from monitor.dedup.deduplicator import DedupConfig, Deduplicator  # noqa: E402
from monitor.items import ExtractedArticle, TagSet  # noqa: E402
from monitor.store import (  # noqa: E402
    Articles,
    Sources,
    db,  # noqa: E402
)
from monitor.timefmt import utcnow  # noqa: E402


def quality() -> dict[str, float]:
    """Prints the table; returns each system's overall F1 (for the JSON line bench/summary.py reads)."""
    items = load_items()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/quality.db"
        db.upgrade(url)
        engine = db.make_engine(url)
        ours = evaluate_monitor(engine, items)
        engine.dispose()
    systems = {"monitor": ours, **evaluate_baselines(items)}
    variants = sorted(ours)
    print("| variant | " + " | ".join(f"{name} P / R / F1" for name in systems) + " |")
    print("|---|" + "---|" * len(systems))
    for variant in [*variants, "overall"]:
        cells = []
        for counts in systems.values():
            c = total(counts) if variant == "overall" else counts[variant]
            cells.append(f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f}")
        print(f"| {variant} | " + " | ".join(cells) + " |")
    return {name: total(counts).f1 for name, counts in systems.items()}


def _half(item: dict[str, object]) -> str:
    """The labelled set's halves: by a hash of the original a probe copies (or its own id), fixed before tuning."""
    import hashlib

    key = str(item["of"] or item["id"]) if item["kind"] == "probe" else str(item["id"])
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "heldout"


def templated_table() -> None:
    from bench.dedup_templated import EVENTS, TEMPLATED, evaluate_events, evaluate_templated, load

    items = load_items()
    print("\n| set | half | fact verification | result | CPU s |")
    print("|---|---|---|---|---|")
    for verify in (False, True):
        config = DedupConfig(verify_facts=verify)
        label = "on" if verify else "off (shingles only)"
        for half in ("tune", "heldout"):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/t.db"
                db.upgrade(url)
                engine = db.make_engine(url)
                t0 = time.process_time()
                t = evaluate_templated(engine, load(TEMPLATED, half), config)
                print(f"| templated ({t.stories} stories, {t.pairs} pairs) | {half} | {label} | false merges "
                      f"{t.false_merges}, reposts found {t.reposts_found}/{t.reposts} ({t.repost_recall:.3f}) | "
                      f"{time.process_time() - t0:.2f} |")
                engine.dispose()
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/c.db"
                db.upgrade(url)
                engine = db.make_engine(url)
                chosen = [i for i in items if i["kind"] != "probe" or _half(i) == half]
                t0 = time.process_time()
                c = total(evaluate_monitor(engine, chosen, config))
                print(f"| copies (labelled.jsonl) | {half} | {label} | P {c.precision:.3f} R {c.recall:.3f} "
                      f"(tp {c.tp}, fp {c.fp}, fn {c.fn}) | {time.process_time() - t0:.2f} |")
                engine.dispose()
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/e.db"
                db.upgrade(url)
                engine = db.make_engine(url)
                t0 = time.process_time()
                e = evaluate_events(engine, load(EVENTS, half), config)
                print(f"| events (pairwise) | {half} | {label} | P {e.precision:.3f} R {e.recall:.3f} "
                      f"(tp {e.tp}, fp {e.fp}, fn {e.fn}) | {time.process_time() - t0:.2f} |")
                engine.dispose()


def sentence_pool() -> list[str]:
    import re

    pool: list[str] = []
    for item in load_items():
        if item["kind"] == "original":
            pool += [s for s in re.split(r"(?<=[。！？])", str(item["body"]).replace("\n\n", "")) if len(s) >= 12]
    return pool


def synthetic(rng: random.Random, pool: list[str], n: int) -> str:
    """n paragraphs of recombined real sentences, a quarter of their characters redrawn: unique text."""
    paragraphs = []
    for _ in range(n):
        sentences = ["".join(rng.choice(CHARS) if rng.random() < 0.25 else ch for ch in s) for s in rng.sample(pool, 3)]
        sentences[rng.randrange(3)] += f"全年完成投资{rng.randint(1, 999)}.{rng.randint(0, 99)}亿元，同比增长{rng.randint(1, 40)}%。"
        paragraphs.append("".join(sentences))
    return "\n\n".join(paragraphs)


CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"


def noisy(rng: random.Random, body: str) -> str:
    chars = list(body)
    for _ in range(len(chars) // 60):
        chars[rng.randrange(len(chars))] = rng.choice("的一是在了有和人")
    return "页面导航 > 新闻\n\n" + "".join(chars) + "\n\n【打印】【关闭】"


def db_size(engine: sa.Engine, url: str) -> int:
    if url.startswith("sqlite"):
        return Path(sa.engine.make_url(url).database or "").stat().st_size
    with engine.connect() as conn:
        return int(conn.execute(sa.text("select pg_database_size(current_database())")).scalar_one())


REPOST_WINDOW = 1000  # reposts copy one of the last this many originals
PROBE_SAMPLE = 1000  # probes copy one of a uniform sample of this many originals (reservoir)


def rss_mb() -> float:
    """Resident set size now, in MiB like the peak from getrusage (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


DEDUP_TABLES = ("article", "cluster", "articleband", "paragraphfingerprint", "sentencefrequency")
AUTOANALYZE_SCALE = 0.1  # PostgreSQL's default autovacuum_analyze_scale_factor


def autovacuum_off(engine: sa.Engine) -> bool:
    """True on a PostgreSQL server whose autovacuum is off (this test server): its tables have no statistics
    unless analyzed, and the planner's defaults then pick plans production never sees."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as conn:
        return conn.execute(sa.text("SHOW autovacuum")).scalar_one() == "off"


def speed(url: str, articles: int, label: str) -> None:
    db.upgrade(url)
    engine = db.make_engine(url)
    rng = random.Random(1)
    pool = sentence_pool()
    # Bounded: keeping every generated body would grow with the corpus and be the bench's
    # memory, not the service's.
    recent: deque[str] = deque(maxlen=REPOST_WINDOW)
    sample: list[str] = []
    originals = 0
    slice_size = max(articles // 5, 1)
    print(f"\n{label}: ingest of {articles} articles (dedup + store, commit every 100)")
    analyze, next_analyze = autovacuum_off(engine), 0
    if analyze:
        print("(autovacuum is off on this server: the bench runs ANALYZE each time the corpus grew by "
              f"{AUTOANALYZE_SCALE:.0%}, as autovacuum would, outside the timed parts)")
    print("| stored | articles/s (this slice) | duplicates found | RSS MB | peak RSS MB | load avg 1 min |")
    print("|---|---|---|---|---|---|")
    first_rss: float | None = None
    with Session(engine, expire_on_commit=False) as session:
        article_store = Articles(session)
        source = Sources(session).row("bench", "html")
        dedup = Deduplicator(session, DedupConfig())
        busy, cpu, dups = 0.0, 0.0, 0
        for i in range(articles):
            if i % 10 == 9 and recent:
                body = noisy(rng, rng.choice(recent))
            else:
                body = synthetic(rng, pool, rng.randint(4, 8))
                recent.append(body)
                originals += 1
                if len(sample) < PROBE_SAMPLE:  # reservoir sampling: a uniform sample of all originals
                    sample.append(body)
                elif (j := rng.randrange(originals)) < PROBE_SAMPLE:
                    sample[j] = body
            article = ExtractedArticle(url=f"https://bench.invalid/{i}", title=f"标题{i}", body=body)
            t0 = time.perf_counter()  # only dedup + store + commit count, not making up the text
            c0 = time.process_time()
            result = article_store.store_article(article, dedup.check(article), TagSet(), source, utcnow())
            dups += result.status == "duplicate"
            if i % 100 == 99:
                session.commit()
            busy += time.perf_counter() - t0
            cpu += time.process_time() - c0
            if analyze and i % 100 == 99 and i + 1 >= next_analyze:  # untimed, as autovacuum's would be
                session.connection().exec_driver_sql(f"ANALYZE {', '.join(DEDUP_TABLES)}")
                session.commit()
                next_analyze = int((i + 1) * (1 + AUTOANALYZE_SCALE)) + 50
            if (i + 1) % slice_size == 0:
                session.commit()
                elapsed = busy
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                now = rss_mb()
                first_rss = now if first_rss is None else first_rss
                print(f"| {i + 1} | {slice_size / elapsed:.0f} | {dups} | {now:.0f} | {peak:.0f} | "
                      f"{os.getloadavg()[0]:.2f} |", flush=True)
                busy = 0.0
        session.commit()
        if first_rss is not None:
            print(f"RSS growth from the first slice to the last: {rss_mb() - first_rss:+.0f} MB")
        print(f"CPU time of dedup + store + commit: {cpu:.1f} s, {cpu / articles * 1000:.2f} ms per article")
        size = db_size(engine, url)
        print(f"database size: {size / 1e6:.1f} MB, {size / articles / 1024:.1f} KB per article")
        latencies = []
        for i in range(1000):
            body = noisy(rng, rng.choice(sample)) if i % 2 else synthetic(rng, pool, 6)
            article = ExtractedArticle(url=f"https://probe.invalid/{i}", title="探针", body=body)
            t0 = time.perf_counter()
            dedup.check(article)
            latencies.append((time.perf_counter() - t0) * 1000)
        latencies.sort()
        print(f"lookup (dedup step, 1000 probes, half noisy copies): p50 {statistics.median(latencies):.1f} ms, "
              f"p99 {latencies[989]:.1f} ms")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    figures: dict[str, object] = {"bench": "dedup"}
    if not args.skip_quality:
        f1 = quality()
        figures |= {"f1_overall": round(f1["monitor"], 3), "datasketch_f1_overall": round(f1["datasketch-lsh"], 3),
                    "exact_jaccard_f1_overall": round(f1["exact-jaccard"], 3)}
        templated_table()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            speed(f"sqlite:///{tmp}/bench.db", args.articles, "SQLite")
    if not args.skip_postgres:
        name = f"zm_bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            speed(sa.engine.make_url(args.postgres).set(database=name).render_as_string(hide_password=False),
                  args.articles, "PostgreSQL")
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(json.dumps(figures))  # for bench/summary.py


if __name__ == "__main__":
    main()
