"""A candidate's dedup facts are stored with it and read back (monitor/dedup/stored_facts.py), on SQLite and
PostgreSQL; derived from its body again only when they no longer hold; event linking reads a report's figures from
them. (That they give the verdict facts derived from the bodies give, over a news-like stream:
tests/test_dedup_prepared.py.)"""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import sqlalchemy as sa
from sqlmodel import Session

from bench.ingest_scale import NOW, url_of
from bench.news_corpus import NewsFeed, NewsItem
from monitor.dedup import facts, stored_facts
from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.dedup.prepared import KNOWN_STOCK
from monitor.dedup.stored_candidates import StoredCandidates
from monitor.dedup.stored_facts import decode, encode, story_figures
from monitor.items import DuplicateOf, ExtractedArticle, New, PublishDate
from monitor.itemwork import prepare_article
from monitor.retag import retag_articles
from monitor.store import Articles, Sources, StoreResult, db
from monitor.store import events as events_module
from monitor.store.rawsql import RawSql
from tests.conftest import statements_seen
from tests.test_events_recent import EVENTS

_BODY_READ = "SELECT id, body, content_hash FROM article"


def _store_a_story(session: Session) -> StoreResult:
    """A story of the news feed stored as a crawl stores it (prepared as in a worker: its facts at hand)."""
    feed = NewsFeed(seed=11)
    item = next(feed.item(i) for i in range(50) if feed.kind(i) == "story")
    article = ExtractedArticle(url=url_of(0), title=item.title, body=item.body)
    work = prepare_article(article, (), KNOWN_STOCK.snapshot())
    verdict = Deduplicator(session, DedupConfig()).check(article, work.dedup)
    return Articles(session).store_article(article, verdict, work.tags, Sources(session).row("feed", "html"), NOW)


def _a_repost() -> tuple[NewsItem, NewsItem]:
    """An item of the news feed and a repost of it."""
    feed = NewsFeed(seed=11)
    index = next(i for i in range(500) if feed.kind(i) == "repost")
    return feed.item(feed.item(index).of), feed.item(index)  # type: ignore[arg-type]


def _check(session: Session, engine: sa.Engine, article: ExtractedArticle) -> tuple[object, list[str]]:
    session.commit()
    with statements_seen(engine) as statements:
        verdict = Deduplicator(session, DedupConfig()).check(article)
        session.commit()
    return verdict, statements


def test_a_candidate_is_read_from_its_stored_facts_and_derived_again_only_when_they_no_longer_hold(
    migrated_url: str,
) -> None:
    """A copy's original, stored as a crawl stores it, is judged from the facts stored with it (its body is not
    read); after one of its
    sentences became a stock phrase, or on a row stored before migration 0016 (no facts), its body is fingerprinted
    once and the facts written back."""
    original, copy = _a_repost()
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            source = Sources(session).row("feed", "html")
            stored = ExtractedArticle(url=url_of(0), title=original.title, body=original.body)
            work = prepare_article(
                stored, (), KNOWN_STOCK.snapshot()
            )  # as a crawl's worker: story facts at hand
            verdict = Deduplicator(session, DedupConfig()).check(stored, work.dedup)
            assert isinstance(verdict, New) and verdict.fingerprint is not None and verdict.fingerprint.facts
            result = Articles(session).store_article(stored, verdict, work.tags, source, NOW)
            session.commit()
            probe = ExtractedArticle(url=url_of(1), title=copy.title, body=copy.body)

            first, statements = _check(session, engine, probe)
            assert isinstance(first, DuplicateOf) and first.article_id == result.article_id
            assert not any(_BODY_READ in s for s in statements), "the candidate's body was read"

            # one of the original's sentences is now a stock phrase: its stored shingles no longer hold
            sentence = verdict.fingerprint.sentence_hashes[0]
            session.execute(
                sa.text("UPDATE sentencefrequency SET doc_count = 99 WHERE hash = :h"), {"h": sentence}
            )
            again, statements = _check(session, engine, probe)
            assert any(_BODY_READ in s for s in statements)
            blob = session.execute(
                sa.text("SELECT dedup_facts FROM article WHERE id = :i"), {"i": result.article_id}
            ).scalar_one()
            facts = decode(bytes(blob))
            assert (
                facts is not None and sentence in facts.stock
            )  # written back with the stock sentence left out
            third, statements = _check(session, engine, probe)
            assert not any(_BODY_READ in s for s in statements)
            assert again == third

            # a row without facts (stored before migration 0016): derived once, then read
            session.execute(sa.text("UPDATE article SET dedup_facts = NULL"))
            fourth, statements = _check(session, engine, probe)
            assert any(_BODY_READ in s for s in statements) and fourth == third
            fifth, statements = _check(session, engine, probe)
            assert not any(_BODY_READ in s for s in statements) and fifth == third
    finally:
        engine.dispose()


def test_facts_derived_from_a_body_are_not_written_over_a_revision_stored_since(migrated_url: str) -> None:
    """A probe derives a candidate's facts from the body it read; another writer stores a revision of that article
    (new text, its own facts) before the probe writes back: the revision keeps its facts."""
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            result = _store_a_story(session)
            session.execute(sa.text("UPDATE article SET dedup_facts = NULL"))  # stored before migration 0016
            session.commit()
            candidates = StoredCandidates(RawSql(session), [result.article_id], DedupConfig().stock_min_docs)
            assert result.article_id in candidates.facts  # derived from the body it read
            revision = b"facts of the revision"
            session.execute(sa.text("UPDATE article SET content_hash = 'revised', dedup_facts = :b WHERE id = :i"),
                            {"b": revision, "i": result.article_id})
            candidates.write_back()
            session.commit()
            blob = session.execute(sa.text("SELECT dedup_facts FROM article WHERE id = :i"),
                                   {"i": result.article_id}).scalar_one()
            assert bytes(blob) == revision
    finally:
        engine.dispose()


def test_a_damaged_blob_is_no_facts_not_an_error() -> None:
    """A cut or damaged blob (a disk, a copy, a hand edit) is read as no facts: the check derives them from the body
    and writes them back, where an exception would fail every run that meets the article."""
    feed = NewsFeed(seed=11)
    item = next(feed.item(i) for i in range(50) if feed.kind(i) == "story")
    work = prepare_article(ExtractedArticle(url=url_of(0), title=item.title, body=item.body), (),
                           KNOWN_STOCK.snapshot())
    assert work.dedup is not None
    blob = encode(work.dedup.probe.text, frozenset(work.dedup.probe.stock), work.dedup.facts)
    assert blob and decode(blob) is not None and story_figures(blob) is not None
    for damaged in (blob[:-8], blob[: len(blob) // 2], blob[:30], blob[:5], b"", blob[:24] + b"\xff" * 40):
        assert decode(damaged) is None
        story_figures(damaged)  # no exception (a cut after the story facts still holds them: event linking reads a prefix)
    assert story_figures(blob[:5]) is None and story_figures(blob[:24] + b"\xff" * 40) is None


def test_event_linking_reads_the_figures_stored_with_a_report_not_its_body(migrated_url: str) -> None:
    """Two reports of one event, stored as a crawl stores them: the second is linked to the first's event from
    the figures in the first's stored facts (its body is not read)."""
    first, later = (next(i for i in EVENTS if i["id"] == key) for key in ("event-2-r0", "event-2-r1"))
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            articles = Articles(session)

            def store(slug: str, report: dict[str, str]) -> int:
                article = ExtractedArticle(url=f"https://{slug}.example/a", title=report["title"], body=report["body"],
                                           published=PublishDate(datetime.fromisoformat(report["published_at"]),
                                                                 "minute"))
                work = prepare_article(article, (), KNOWN_STOCK.snapshot())
                verdict = Deduplicator(session, DedupConfig()).check(article, work.dedup)
                stored = articles.store_article(article, verdict, work.tags, Sources(session).row(slug, "html"), NOW)
                session.commit()
                return stored.cluster_id

            one = store("hefei", first)
            events_module._FIGURES.clear()  # a process that has not met the first report
            with statements_seen(engine) as statements:
                two = store("keji", later)
            linked = dict(session.execute(sa.text("SELECT id, event_id FROM cluster")).all())
    finally:
        engine.dispose()
    assert linked[two] is not None and linked[two] == linked[one]
    assert any("substr(dedup_facts" in s for s in statements)
    assert not any("SELECT content_hash, body FROM article" in s for s in statements), "a report's body was read"


def test_retagging_drops_the_story_facts_stored_by_the_tagger_it_replaces(migrated_url: str) -> None:
    """``monitor retag`` runs after a gazetteer change: the stored facts (zones, people, organisations from the old
    tagger) are dropped, so the next probe derives them with the new one, as it did before migration 0016."""
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            _store_a_story(session)
            session.commit()
        assert retag_articles(engine, {}) == 1
        with Session(engine) as session:
            assert session.execute(sa.text("SELECT dedup_facts FROM article")).scalar_one() is None
    finally:
        engine.dispose()


def test_story_facts_made_by_another_gazetteer_read_as_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blob carries the fingerprint of the tagger that made its story facts: after a gazetteer change (another
    fingerprint) they read as absent, so the check derives them with the new tagger; the shingles, which no tagger
    makes, are kept."""
    feed = NewsFeed(seed=11)
    item = next(feed.item(i) for i in range(50) if feed.kind(i) == "story")
    work = prepare_article(ExtractedArticle(url=url_of(0), title=item.title, body=item.body), (),
                           KNOWN_STOCK.snapshot())
    assert work.dedup is not None and work.dedup.facts is not None
    blob = encode(work.dedup.probe.text, frozenset(work.dedup.probe.stock), work.dedup.facts)
    found = decode(blob)
    assert found is not None and found.story == work.dedup.facts and story_figures(blob) is not None

    monkeypatch.setattr(stored_facts, "tagger_fingerprint", lambda: facts.tagger_fingerprint() ^ 1)
    found = decode(blob)
    assert found is not None and found.story is None
    assert np.array_equal(found.text.shingles, work.dedup.probe.text.shingles)
    # the figures are read by a pattern, not by the tagger: event linking keeps them (no body read after a deploy)
    assert story_figures(blob) == facts.figures(item.body)


def test_the_tagger_fingerprint_follows_the_gazetteer_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = resources.files("monitor.data")
    for name in facts._TAGGER_DATA:
        (tmp_path / name).write_bytes(packaged.joinpath(name).read_bytes())
    monkeypatch.setattr(facts, "resources", SimpleNamespace(files=lambda _package: tmp_path))
    assert facts.tagger_fingerprint.__wrapped__() == facts.tagger_fingerprint()  # the same files: the same
    gazetteer = tmp_path / "national-hitech-zones.csv"
    text = gazetteer.read_text(encoding="utf-8")
    gazetteer.write_text(text.replace("中关村", "中官村", 1), encoding="utf-8")  # a zone's name edited
    assert facts.tagger_fingerprint.__wrapped__() != facts.tagger_fingerprint()


def test_the_tagger_fingerprint_ignores_line_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout with CRLF line ends packages the same gazetteer: the same fingerprint, no facts made stale."""
    packaged = resources.files("monitor.data")
    for name in facts._TAGGER_DATA:
        (tmp_path / name).write_bytes(packaged.joinpath(name).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    monkeypatch.setattr(facts, "resources", SimpleNamespace(files=lambda _package: tmp_path))
    assert facts.tagger_fingerprint.__wrapped__() == facts.tagger_fingerprint()


# The story facts of the first texts of the real tagging set, and the STORY_FACTS_VERSION they were made under. When
# this test fails, the tagger's facts changed: bump facts.STORY_FACTS_VERSION (stored facts are then derived again)
# and write the new digest here, both in the same commit.
_GOLDEN_VERSION, _GOLDEN_DIGEST = 7, "1107c08385c9b38a"


def test_changed_story_facts_come_with_a_new_facts_version() -> None:
    import hashlib

    import yaml

    texts = []
    for path in sorted((Path(__file__).parent / "data" / "tagging_real").glob("*.yaml"))[:3]:
        texts += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"][:10]]
    digest = hashlib.blake2b(digest_size=8)
    for text in texts:
        found = facts.story_facts(text)
        digest.update(repr([sorted(getattr(found, f)) for f in found.__dataclass_fields__]).encode())
    assert (facts.STORY_FACTS_VERSION, digest.hexdigest()) == (_GOLDEN_VERSION, _GOLDEN_DIGEST), (
        "the tagger's story facts changed: bump facts.STORY_FACTS_VERSION and this test's digest together")


def test_a_candidate_stored_under_another_gazetteer_has_its_story_facts_derived_and_written_back(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An original stored while another gazetteer was packaged: a copy's check reads its shingles as stored but
    derives its story facts from its body with the tagger of now, and writes them back with its fingerprint."""
    original, copy = _a_repost()
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            stored = ExtractedArticle(url=url_of(0), title=original.title, body=original.body)
            work = prepare_article(stored, (), KNOWN_STOCK.snapshot())
            with monkeypatch.context() as before:  # stored under the old gazetteer
                before.setattr(stored_facts, "tagger_fingerprint", lambda: facts.tagger_fingerprint() ^ 1)
                verdict = Deduplicator(session, DedupConfig()).check(stored, work.dedup)
                result = Articles(session).store_article(stored, verdict, work.tags, Sources(session).row("feed", "html"),
                                                         NOW)
                session.commit()
            old = bytes(session.execute(sa.text("SELECT dedup_facts FROM article WHERE id = :i"),
                                        {"i": result.article_id}).scalar_one())
            found = decode(old)
            assert found is not None and found.story is None  # read now: another gazetteer's facts

            checked, statements = _check(session, engine, ExtractedArticle(url=url_of(1), title=copy.title,
                                                                           body=copy.body))
            assert isinstance(checked, DuplicateOf) and checked.article_id == result.article_id
            assert any(_BODY_READ in s for s in statements), "the story facts were not derived from the body"
            blob = bytes(session.execute(sa.text("SELECT dedup_facts FROM article WHERE id = :i"),
                                         {"i": result.article_id}).scalar_one())
            found = decode(blob)
            assert found is not None and found.story is not None and blob != old
    finally:
        engine.dispose()
