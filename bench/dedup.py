"""Dedup benchmark: quality on the labelled set next to two baselines, then ingest and lookup speed.

    .venv/bin/python bench/dedup.py [--articles 20000] [--postgres URL] [--skip-quality]

1. Precision / recall / F1 per variant on tests/data/dedup/labelled.jsonl for the monitor's
   dedup stage (SQLite), datasketch's in-memory MinHashLSH (threshold 0.5) and an exact
   shingle-Jaccard baseline (>= 0.5 against every stored original).
2. Ingest: synthetic Chinese articles (sentences of the real texts recombined, with numbers;
   every 10th one a noisy repost) through dedup + storage, committed every 100; articles/s per
   slice of the corpus, database size per article and the process's peak RSS.
3. Lookup: 1,000 probe articles checked (not stored) against the full corpus: p50/p99 of the
   dedup step.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.dedup_eval import evaluate_baselines, evaluate_monitor, load_items, total  # noqa: E402
from monitor import db  # noqa: E402
from monitor.dedup import DedupConfig, Deduplicator  # noqa: E402
from monitor.items import ExtractedArticle, TagSet  # noqa: E402
from monitor.store import Storage  # noqa: E402
from monitor.timefmt import utcnow  # noqa: E402


def quality() -> None:
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


def speed(url: str, articles: int, label: str) -> None:
    db.upgrade(url)
    engine = db.make_engine(url)
    rng = random.Random(1)
    pool = sentence_pool()
    bodies: list[str] = []
    slice_size = max(articles // 5, 1)
    print(f"\n{label}: ingest of {articles} articles (dedup + store, commit every 100)")
    print("| stored | articles/s (this slice) | duplicates found | peak RSS MB |")
    print("|---|---|---|---|")
    with Session(engine, expire_on_commit=False) as session:
        storage = Storage(session)
        source = storage.source("bench", "html")
        dedup = Deduplicator(session, DedupConfig())
        busy, dups = 0.0, 0
        for i in range(articles):
            if i % 10 == 9 and bodies:
                body = noisy(rng, rng.choice(bodies[-1000:]))
            else:
                body = synthetic(rng, pool, rng.randint(4, 8))
                bodies.append(body)
            article = ExtractedArticle(url=f"https://bench.invalid/{i}", title=f"标题{i}", body=body)
            t0 = time.perf_counter()  # only dedup + store + commit count, not making up the text
            result = storage.store_article(article, dedup.check(article), TagSet(), source, utcnow())
            dups += result.status == "duplicate"
            if i % 100 == 99:
                session.commit()
            busy += time.perf_counter() - t0
            if (i + 1) % slice_size == 0:
                session.commit()
                elapsed = busy
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"| {i + 1} | {slice_size / elapsed:.0f} | {dups} | {rss:.0f} |", flush=True)
                busy = 0.0
        session.commit()
        size = db_size(engine, url)
        print(f"database size: {size / 1e6:.1f} MB, {size / articles / 1024:.1f} KB per article")
        latencies = []
        for i in range(1000):
            body = noisy(rng, rng.choice(bodies)) if i % 2 else synthetic(rng, pool, 6)
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
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    if not args.skip_quality:
        quality()
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


if __name__ == "__main__":
    main()
