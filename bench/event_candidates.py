"""Event linking's candidate statement at scale (SQLite): the ±2-day window first (as ``monitor/store/events.py``
runs it) against starting from ``articlezone.zone_id`` (the zone's subject rows, then the window), each with and
without a covering index.

    .venv/bin/python bench/event_candidates.py [--articles 200000] [--per-day 1000] [--zones-per-batch 20]

A corpus of ARTICLES rows published PER_DAY a day, each about one of 178 zones (skewed: the first zones are the
busiest, as 中关村 and 张江 are), half also mentioning another, is written straight into a migrated database
(no bodies: only what the statement reads). Then 30 batches of stories from the second half of the corpus, each
batch naming ZONES_PER_BATCH zones, run the statement; it prints ms per statement and rows returned. Both forms
return the same rows. A zone's subject rows grow with the corpus; the window's rows with articles per day.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.store import db  # noqa: E402
from monitor.store.events import _Timestamps  # noqa: E402

ZONES = [f"z{i:03d}" for i in range(178)]
WEIGHTS = [1 / (i + 1) ** 0.8 for i in range(178)]
START = datetime(2023, 1, 1, tzinfo=UTC)
WINDOW_FIRST = (
    "SELECT article.id, article.content_hash, article.cluster_id, article.published_at, articlezone.zone_id "
    "FROM article CROSS JOIN articlezone WHERE article.published_at >= ? AND article.published_at <= ? "
    "AND articlezone.article_id = article.id AND +articlezone.zone_id IN ({in}) "
    "AND articlezone.role = 'subject' AND article.duplicate_of_id IS NULL"
)
ZONE_FIRST = (
    "SELECT article.id, article.content_hash, article.cluster_id, article.published_at, articlezone.zone_id "
    "FROM articlezone CROSS JOIN article WHERE articlezone.zone_id IN ({in}) AND articlezone.role = 'subject' "
    "AND article.id = articlezone.article_id AND article.published_at >= ? AND article.published_at <= ? "
    "AND article.duplicate_of_id IS NULL"
)
INDEXES = {
    "window first": "CREATE INDEX ix_bench_cover ON articlezone (article_id, role, zone_id)",
    "zone first": "CREATE INDEX ix_bench_cover ON articlezone (zone_id, role, article_id)",
}


def build(path: str, articles: int, per_day: int) -> None:
    url = f"sqlite:///{path}"
    db.upgrade(url)
    engine = db.make_engine(url)
    with engine.connect() as connection:
        bind = _Timestamps(connection.dialect).bind
    engine.dispose()
    rng = random.Random(1)
    rows, tags = [], []
    for i in range(1, articles + 1):
        stamp = bind(START + timedelta(seconds=i * 86400 // per_day))
        rows.append((i, f"https://bench.invalid/{i}", stamp, f"h{i}", i, stamp, stamp))
        zone = rng.choices(ZONES, WEIGHTS)[0]
        tags.append((i, zone, "subject"))
        other = rng.choice(ZONES)
        if rng.random() < 0.5 and other != zone:
            tags.append((i, other, "mentioned"))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.executemany(
        "INSERT INTO article (id, url, title, published_at, body, content_hash, source_id, cluster_id, fetched_at, "
        "stored_at, revision, relevant, backfilled) VALUES (?, ?, '', ?, '', ?, 1, ?, ?, ?, 1, 1, 0)",
        rows,
    )
    connection.executemany(
        "INSERT INTO articlezone (article_id, zone_id, role, score) VALUES (?, ?, ?, 0)", tags
    )
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--zones-per-batch", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/events.db"
        build(path, args.articles, args.per_day)
        engine = db.make_engine(f"sqlite:///{path}")
        with engine.connect() as connection:
            bind = _Timestamps(connection.dialect).bind
        engine.dispose()
        batches = []
        for _ in range(30):
            middle = START + timedelta(
                seconds=rng.randrange(args.articles // 2, args.articles) * 86400 // args.per_day
            )
            zones = sorted({rng.choices(ZONES, WEIGHTS)[0] for _ in range(args.zones_per_batch)})
            batches.append((bind(middle - timedelta(days=2)), bind(middle + timedelta(days=2)), zones))
        connection = sqlite3.connect(path)
        print(f"{args.articles:,} articles, {args.per_day:,} a day, {args.zones_per_batch} zones a batch")
        print("| statement | covering index | ms per statement | rows |")
        print("|---|---|---|---|")
        for covered in (False, True):
            for name, statement in (("window first", WINDOW_FIRST), ("zone first", ZONE_FIRST)):
                connection.execute("DROP INDEX IF EXISTS ix_bench_cover")
                if covered:
                    connection.execute(INDEXES[name])
                connection.execute("ANALYZE")
                started, rows = time.process_time(), 0
                for low, high, zones in batches:
                    sql = statement.replace("{in}", ",".join("?" * len(zones)))
                    params = [low, high, *zones] if name == "window first" else [*zones, low, high]
                    rows += len(connection.execute(sql, params).fetchall())
                took = (time.process_time() - started) / len(batches) * 1000
                index = INDEXES[name].split(" ON ")[1] if covered else "none"
                print(f"| {name} | {index} | {took:.2f} | {rows / len(batches):.0f} |")
        connection.close()


if __name__ == "__main__":
    main()
