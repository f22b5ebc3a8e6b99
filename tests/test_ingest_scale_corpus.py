"""The ingest-at-scale corpus (bench/news_corpus.py, bench/ingest_scale.py) keeps the shape of a real feed.

A bench over a corpus whose reposts the dedup stage no longer finds, or whose stories it merges,
would time another workload than the one it names. So: the kinds come at the feed's rates, and
after a small bulk load (fingerprints computed by the bench, rows written by its loader) the
normal ingest path finds the stream's reposts in their original's cluster, stored or bulk-loaded,
and keeps new and templated stories apart, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bench.ingest_scale import bulk, ingest, stock_hashes
from bench.news_corpus import REPOST_RATE, TEMPLATE_RATE, NewsFeed
from monitor.store import db

BULK, STREAM = 150, 120


def test_kinds_come_at_the_feed_rates_and_reposts_copy_earlier_originals() -> None:
    feed = NewsFeed(seed=3)
    kinds = Counter(feed.kind(i) for i in range(4000))
    assert abs(kinds["repost"] / 4000 - REPOST_RATE) < 0.03
    assert abs(kinds["templated"] / 4000 - TEMPLATE_RATE) < 0.03
    for i in (5, 500, 3999):
        if feed.kind(i) == "repost":
            j = feed.original_of(i)
            assert j < i and feed.kind(j) != "repost"
    items = [feed.item(i) for i in range(60)]
    assert [item.body for item in items] == [NewsFeed(seed=3).item(i).body for i in range(60)]  # pure by index
    stories = [item.body for item in items if item.kind == "story"]
    assert len(set(stories)) == len(stories)


@pytest.mark.usefixtures("postgres_available")
def test_normal_path_finds_the_reposts_of_a_bulk_loaded_corpus(database_url: str) -> None:
    feed = NewsFeed(seed=5)
    loaded = bulk(database_url, BULK, seed=5, workers=1, stock=stock_hashes(feed, sample=600))
    assert loaded.rows["article"] == BULK and loaded.rows["articleband"] == 32 * BULK
    engine = db.make_engine(database_url)
    try:
        outcome = ingest(engine, feed, BULK, STREAM, {}).outcome
    finally:
        engine.dispose()
    reposts = sum(n for k, n in outcome.items() if k.startswith("repost"))
    originals = STREAM - reposts
    assert reposts >= 15 and originals >= 60, outcome
    assert outcome["repost found"] >= 0.9 * reposts, outcome
    merged = outcome["story merged"] + outcome["templated merged"]
    assert merged <= 0.05 * originals, outcome
