"""The dedup work done ahead in a worker process (``prepare_body``, monitor/dedup/prepared.py) gives the verdict
the check gives without it, on SQLite and PostgreSQL.

Each item of a news-like stream (bench/news_corpus.py: stories, reposts of stored items, templated reports
whose template sentences are stock phrases) is checked twice against the same stored corpus: in the storing
process alone, then with its body prepared in a worker process (pickled there and back, as in a crawl), under
three assumptions about which of its sentences are stock: what the process learnt so far (a crawl's), none,
and every one of them (wrong: the check must fingerprint again), and once more with the candidates' stored
dedup facts ignored (each derived from its body, as before migration 0016). Verdict, evidence and fingerprint
must be equal; then the item is stored and the next one checked against it.
"""

from __future__ import annotations

import numpy as np
import pytest
from sqlmodel import Session

from bench.ingest_scale import NOW, article_of, bulk, stock_hashes
from bench.news_corpus import NewsFeed
from monitor.dedup import deduplicator, stored_candidates
from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.dedup.minhash import parse
from monitor.dedup.prepared import KNOWN_STOCK, KnownStock
from monitor.dedup.stored_facts import COUNTS
from monitor.items import DuplicateOf, ExtractedArticle, New
from monitor.itemwork import CpuWorkers, prepare_article
from monitor.store import Articles, Sources, db

BULK, STREAM = 150, 90


def _forget() -> None:
    """The process's memos and learnt stock emptied: the next check computes everything itself."""
    deduplicator._parsed.clear()
    deduplicator._facts.clear()


@pytest.mark.usefixtures("postgres_available")
def test_a_body_prepared_in_a_worker_gets_the_verdict_of_the_check_alone(database_url: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    feed = NewsFeed(seed=7)
    bulk(database_url, BULK, seed=7, workers=1, stock=stock_hashes(feed, sample=600))
    engine = db.make_engine(database_url)
    cpu = CpuWorkers(1)
    KNOWN_STOCK.clear()
    held, failed = KNOWN_STOCK.held, KNOWN_STOCK.failed
    stored, derived = COUNTS["stored"], COUNTS["derived"]
    kinds: set[str] = set()
    try:
        with Session(engine, expire_on_commit=False) as session:
            source = Sources(session).row("feed", "html")
            articles = Articles(session)
            for index in range(BULK, BULK + STREAM):
                item = feed.item(index)
                article = article_of(item)
                mine = np.array(sorted({h for _, h, _ in parse(item.body)}), dtype=np.int64)
                stock = (KNOWN_STOCK.snapshot(), np.zeros(0, dtype=np.int64), mine)[index % 3]
                work = cpu.submit(prepare_article, article, (), stock).result()
                assert work.dedup is not None
                _forget()
                alone = Deduplicator(session, DedupConfig()).check(article)
                _forget()
                prepared = Deduplicator(session, DedupConfig()).check(article, work.dedup)
                assert prepared == alone, (index, item.kind)
                with monkeypatch.context() as patch:  # stored facts ignored, none written back: the bodies decide
                    patch.setattr(stored_candidates, "decode", lambda _blob: None)
                    patch.setattr(stored_candidates.StoredCandidates, "write_back", lambda _self: None)
                    _forget()
                    from_bodies = Deduplicator(session, DedupConfig()).check(article)
                assert from_bodies == alone, (index, item.kind)
                assert getattr(from_bodies, "evidence", None) == getattr(alone, "evidence", None)
                kinds.add(f"{item.kind} {type(alone).__name__}")
                articles.store_article(article, alone, work.tags, source, NOW)
                session.commit()
    finally:
        cpu.close()
        engine.dispose()
    # both ways of the check were taken: the prepared fingerprint, and a fingerprint made again; candidates' stored
    # facts, and facts derived from a body (missing or stale: the bulk load assumed other stock sentences)
    assert KNOWN_STOCK.held > held and KNOWN_STOCK.failed > failed
    assert COUNTS["stored"] > stored and COUNTS["derived"] > derived
    assert {"repost DuplicateOf", "story New", "templated New"} <= kinds, kinds


def test_a_prepared_fingerprint_is_taken_only_when_its_stock_sentences_are_the_databases(migrated_url: str) -> None:
    """One body, two stored copies apart: with the right assumption the worker's fingerprint is the check's, with
    a wrong one the check makes its own (else the stored bands and the verdict's evidence would differ)."""
    feed = NewsFeed(seed=11)
    body = next(feed.item(i).body for i in range(200) if feed.kind(i) == "story")
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            article = ExtractedArticle(url="https://a.invalid/1", title="t", body=body)
            right = prepare_article(article, (), np.zeros(0, dtype=np.int64)).dedup
            claimed = np.array(sorted({h for _, h, _ in parse(body)}), dtype=np.int64)
            wrong = prepare_article(article, (), claimed).dedup
            assert right is not None and wrong is not None and wrong.probe.stock and not right.probe.stock
            alone = Deduplicator(session, DedupConfig()).check(article)
            assert isinstance(alone, New)
            assert Deduplicator(session, DedupConfig()).check(article, right) == alone
            assert Deduplicator(session, DedupConfig()).check(article, wrong) == alone
            assert wrong.probe.fingerprint != alone.fingerprint  # what the check would have stored, unchecked
    finally:
        engine.dispose()


def test_known_stock_hands_out_fixed_snapshots_and_stops_at_its_limit() -> None:
    known = KnownStock(limit=3)
    known.add([5, 1])
    first = known.snapshot()
    known.add([1, 9, 7])
    assert first.tolist() == [1, 5] and known.snapshot().tolist() == [1, 5, 9]
    known.add([2])
    assert known.snapshot().tolist() == [1, 5, 9]


def test_a_duplicate_found_with_a_prepared_body_is_a_duplicate_of_the_same_article() -> None:
    """The verdict classes compare by value (``==`` above is meaningful): evidence and fingerprint included."""
    from monitor.items import DedupEvidence, Fingerprint

    fp = Fingerprint(b"x", (1,), (2,), (3,))
    a = DuplicateOf(1, 0.9, "near", "h", fp, DedupEvidence("near", 1, 0.9))
    assert a == DuplicateOf(1, 0.9, "near", "h", fp, DedupEvidence("near", 1, 0.9))
    assert a != DuplicateOf(1, 0.9, "near", "h", Fingerprint(b"y", (1,), (2,), (3,)), DedupEvidence("near", 1, 0.9))


def test_a_refetched_url_does_not_pay_the_candidate_search(tmp_path: object) -> None:
    """A prepared article's candidates are read in its lookup statement, but only when they can be used: a URL
    stored before (unchanged) is decided without them. Counted in SQLite's virtual-machine steps, which do not
    depend on the machine's speed: the re-fetch's check costs what the check without the candidates' arm costs,
    not a search over the stored reposts' bands and sentences (review: the arm ran for every re-fetch)."""
    from pathlib import Path

    from monitor.items import Unchanged

    url = f"sqlite:///{Path(str(tmp_path)) / 'refetch.db'}"
    db.upgrade(url)
    bulk(url, 60, seed=5, workers=1, stock=frozenset())
    feed = NewsFeed(seed=5)
    item = feed.item(60)
    article = article_of(item)
    engine = db.make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            work = prepare_article(article, (), np.zeros(0, dtype=np.int64))
            assert work.dedup is not None
            verdict = Deduplicator(session, DedupConfig()).check(article, work.dedup)
            Articles(session).store_article(article, verdict, work.tags, Sources(session).row("feed", "html"), NOW)
            session.commit()
            raw = session.connection().connection.dbapi_connection
            assert raw is not None
            steps = [0]

            def count() -> int:
                steps[0] += 1
                return 0

            def steps_of(prepared: object) -> int:
                steps[0] = 0
                raw.set_progress_handler(count, 1)
                try:
                    found = Deduplicator(session, DedupConfig()).check(article, prepared)  # type: ignore[arg-type]
                finally:
                    raw.set_progress_handler(None, 1)
                assert isinstance(found, Unchanged)
                return steps[0]

            with_arm, without_arm = steps_of(work.dedup), steps_of(None)
    finally:
        engine.dispose()
    assert with_arm < 2 * without_arm + 100, (with_arm, without_arm)
