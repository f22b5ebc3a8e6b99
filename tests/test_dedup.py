"""Dedup levels, hard negatives, clusters and the dedup CLI, on SQLite and PostgreSQL.

Bodies come from the labelled set (tests/data/dedup/labelled.jsonl, built from real texts).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bench.dedup_eval import evaluate_monitor, load_items, total
from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.dedup.minhash import fingerprint, jaccard
from monitor.dedup.rebuild import rebuild
from monitor.importer import import_file
from monitor.items import (
    DuplicateOf,
    ExtractedArticle,
    New,
    PersonTag,
    PlaceTag,
    PublishDate,
    Revision,
    TagSet,
    TopicTag,
    Unchanged,
    ZoneTag,
)
from monitor.store import db
from monitor.store.articles import Articles
from monitor.store.models import (
    Article,
    ArticleBand,
    ArticlePerson,
    ArticlePlace,
    ArticleTopic,
    ArticleZone,
    Cluster,
    ParagraphFingerprint,
    SentenceFrequency,
    Source,
)
from monitor.store.sources import Sources
from monitor.timefmt import SHANGHAI, utcnow
from tests.conftest import run_cli

ITEMS = {str(item["id"]): item for item in load_items()}
SEED = Path(__file__).parent / "data" / "seed" / "newspaper-page-2022.txt"
DAY = datetime(2022, 11, 14, 9, 0, tzinfo=SHANGHAI)


def _body(ident: str) -> str:
    return str(ITEMS[ident]["body"])


def _article(url: str, body: str, title: str = "标题", published: datetime | None = DAY) -> ExtractedArticle:
    return ExtractedArticle(url=url, title=title, body=body,
                            published=PublishDate(published, "second") if published else None)


class Corpus:
    """Dedup + storage on one session, as the pipeline wires them."""

    def __init__(self, url: str, priorities: dict[str, int] | None = None) -> None:
        self.engine = db.make_engine(url)
        self.session = Session(self.engine, expire_on_commit=False)
        self.articles, self.sources = Articles(self.session, priorities), Sources(self.session)
        self.dedup = Deduplicator(self.session, DedupConfig())

    def add(self, article: ExtractedArticle, source: str = "site-a") -> tuple[Any, Any]:
        verdict = self.dedup.check(article)
        result = self.articles.store_article(article, verdict, TagSet(), self.sources.row(source, "html"), utcnow())
        self.session.commit()
        return verdict, result

    def close(self) -> None:
        self.session.close()
        self.engine.dispose()


@pytest.fixture
def corpus(migrated_url: str):  # type: ignore[no-untyped-def]
    c = Corpus(migrated_url, {"paper": 5})
    yield c
    c.close()


def test_levels_url_hash_near_contained_with_evidence(corpus: Corpus) -> None:
    original = _body("cwce-3")
    verdict, first = corpus.add(_article("https://a.example/1", original))
    assert isinstance(verdict, New) and first.status == "new"
    assert isinstance(corpus.dedup.check(_article("https://a.example/1", original)), Unchanged)
    assert isinstance(corpus.dedup.check(_article("https://a.example/1", original + "\n\n（更正）")), Revision)

    verdict, repost = corpus.add(_article("https://b.example/9", original.replace("\n\n", "\n\n\n"), "另一个标题"))
    assert isinstance(verdict, DuplicateOf) and verdict.level == "hash" and repost.duplicate_of == first.article_id

    noisy = _body("cwce-3/ocr_noise")
    verdict, copy = corpus.add(_article("https://c.example/ocr", noisy))
    assert isinstance(verdict, DuplicateOf) and verdict.level == "near", verdict
    assert verdict.evidence is not None and verdict.evidence.jaccard is not None
    assert verdict.evidence.jaccard >= DedupConfig().near_threshold
    assert copy.cluster_id == first.cluster_id and copy.duplicate_of == first.article_id

    paragraphs = original.split("\n\n")
    lead = next(n for n in range(1, len(paragraphs)) if len("".join(paragraphs[:n])) >= len(original) * 0.35)
    short = "\n\n".join(paragraphs[:lead])  # an excerpt: the lead paragraphs only
    assert jaccard(fingerprint(short).shingles, fingerprint(original).shingles) < DedupConfig().near_threshold
    verdict, excerpt = corpus.add(_article("https://d.example/lead", short))
    assert isinstance(verdict, DuplicateOf) and verdict.level == "contained", verdict
    assert excerpt.cluster_id == first.cluster_id

    row = corpus.session.get(Article, copy.article_id)
    assert row is not None and row.dedup_level == "near" and row.similarity is not None
    evidence = json.loads(row.dedup_evidence or "{}")
    assert evidence["level"] == "near" and evidence["candidate_id"] in (first.article_id, repost.article_id)
    bands = corpus.session.exec(select(func.count()).select_from(ArticleBand)
                                .where(ArticleBand.article_id == copy.article_id)).one()
    assert bands == 32


def test_multi_piece_page_containing_a_stored_piece(corpus: Corpus) -> None:
    piece = _body("seed-1")
    _, stored = corpus.add(_article("https://zone.example/piece", piece))
    page = "\n\n".join([_body("seed-0"), piece, _body("seed-2")])
    verdict, page_row = corpus.add(_article("https://paper.example/page", page))
    assert isinstance(verdict, DuplicateOf) and verdict.level == "contained"
    assert page_row.cluster_id == stored.cluster_id


@pytest.mark.parametrize("variant", ["same_zone", "report_template", "same_page"])
def test_hard_negatives_stay_separate(corpus: Corpus, variant: str) -> None:
    probes = [i for i in ITEMS.values() if i["variant"] == variant]
    originals = {"same_zone": "zone-", "report_template": "report-", "same_page": "seed-"}[variant]
    for ident, item in ITEMS.items():
        if item["kind"] == "original" and ident.startswith(originals):
            corpus.add(_article(f"https://a.example/{ident}", str(item["body"])))
    for probe in probes:
        verdict, _ = corpus.add(_article(f"https://b.example/{probe['id']}", str(probe["body"])))
        assert isinstance(verdict, New), (probe["id"], verdict)


def test_shared_policy_quote_is_a_stock_phrase(corpus: Corpus) -> None:
    quoting = [i for i in ITEMS.values() if str(i["id"]).startswith("quote-")]
    background = [i for i in quoting if i["kind"] == "background"]
    probe = next(i for i in quoting if i["variant"] == "policy_quote")
    config = DedupConfig()
    assert len(background) >= config.stock_min_docs
    # Without the stock phrases learned, the quote alone would merge the two stories.
    first = next(i for i in quoting if i["kind"] == "original")
    assert jaccard(fingerprint(str(first["body"])).shingles, fingerprint(str(probe["body"])).shingles) >= 0.2
    for item in background:
        verdict, _ = corpus.add(_article(f"https://bg.example/{item['id']}", str(item["body"])))
        assert isinstance(verdict, New), verdict
    stock = corpus.session.exec(select(func.count()).select_from(SentenceFrequency)
                                .where(SentenceFrequency.doc_count >= config.stock_min_docs)).one()
    assert stock >= 4  # the quote's sentences
    corpus.add(_article("https://a.example/first", str(first["body"])))
    verdict, _ = corpus.add(_article("https://b.example/probe", str(probe["body"])))
    assert isinstance(verdict, New), verdict
    assert verdict.evidence is not None and verdict.evidence.stock_sentences >= 4


def test_backfill_becomes_canonical_and_links_move(corpus: Corpus) -> None:
    body = _body("cwce-5")
    _, first = corpus.add(_article("https://a.example/1", body, published=DAY))
    _, second = corpus.add(_article("https://b.example/2", _body("cwce-5/furniture"), published=DAY + timedelta(days=1)))
    assert second.duplicate_of == first.article_id
    _, backfill = corpus.add(_article("https://c.example/3", _body("cwce-5/abridged"), published=DAY - timedelta(days=2)))
    assert backfill.cluster_id == first.cluster_id and backfill.duplicate_of is None
    corpus.session.expire_all()
    cluster = corpus.session.get(Cluster, first.cluster_id)
    assert cluster is not None and cluster.canonical_article_id == backfill.article_id
    links = dict(corpus.session.exec(select(Article.id, Article.duplicate_of_id)
                                     .where(Article.cluster_id == first.cluster_id)).all())
    assert links == {first.article_id: backfill.article_id, second.article_id: backfill.article_id,
                     backfill.article_id: None}
    # Same publish time: the source with the higher priority wins.
    _, tie = corpus.add(_article("https://paper.example/4", _body("cwce-5/reordered_split"),
                                 published=DAY - timedelta(days=2)), source="paper")
    corpus.session.expire_all()
    assert corpus.session.get(Cluster, first.cluster_id).canonical_article_id == tie.article_id  # type: ignore[union-attr]


def test_rows_stored_without_the_orm_read_back_as_the_orm_wrote_them(corpus: Corpus) -> None:
    """New articles go in by plain SQL (one statement on PostgreSQL): each field, the timestamps as aware
    UTC datetimes, the tags, the cluster and the index rows read back through the ORM as given."""
    tags = TagSet(zones=(ZoneTag("baotouxitu", "包头稀土高新技术产业开发区", "subject", 0.9),),
                  people=(PersonTag("张三", "包头稀土高新区管委会主任", "baotouxitu"),),
                  places=(PlaceTag("内蒙古自治区", "包头市"), PlaceTag("内蒙古自治区")),
                  topics=(TopicTag("innovation", "科技创新", 0.5),), content_type="commentary", relevant=False)
    fetched = datetime(2022, 11, 15, 3, 4, 5, 678000, tzinfo=UTC)
    article = ExtractedArticle(url="https://a.example/rows", title="标题", body=_body("cwce-3"), author="李四",
                               author_post="记者", source_name="科技日报",
                               published=PublishDate(DAY, "second"))
    verdict = corpus.dedup.check(article)
    result = corpus.articles.store_article(article, verdict, tags, corpus.sources.row("site-a", "html"), fetched)
    copy = _article("https://b.example/rows", _body("cwce-3/furniture"), published=None)
    copied = corpus.articles.store_article(copy, corpus.dedup.check(copy), TagSet(),
                                           corpus.sources.row("site-b", "html"), fetched)
    corpus.session.commit()
    corpus.session.expire_all()
    row = corpus.session.get(Article, result.article_id)
    assert row is not None
    assert (row.url, row.title, row.author, row.author_post, row.source_name) == (
        article.url, "标题", "李四", "记者", "科技日报")
    assert row.published_at == DAY and row.published_at.tzinfo is not None and row.published_precision == "second"
    assert row.fetched_at == fetched and row.stored_at.tzinfo is not None
    assert (row.content_type, row.relevant, row.backfilled, row.revision) == ("commentary", False, False, 1)
    assert row.duplicate_of_id is None and row.dedup_level is None and row.signature == verdict.fingerprint.signature
    assert json.loads(row.dedup_evidence or "{}")["level"] == "none"
    cluster = corpus.session.get(Cluster, row.cluster_id)
    assert cluster is not None and cluster.canonical_article_id == row.id and cluster.created_at.tzinfo is not None
    assert [(z.zone_id, z.role) for z in corpus.session.exec(select(ArticleZone)).all()] == [("baotouxitu", "subject")]
    assert [(p.name, p.zone_id) for p in corpus.session.exec(select(ArticlePerson)).all()] == [("张三", "baotouxitu")]
    assert sorted((p.province, p.city) for p in corpus.session.exec(select(ArticlePlace)).all()) == [
        ("内蒙古自治区", ""), ("内蒙古自治区", "包头市")]
    assert [t.topic_id for t in corpus.session.exec(select(ArticleTopic)).all()] == ["innovation"]
    assert corpus.session.exec(select(func.count()).select_from(ArticleBand)
                               .where(ArticleBand.article_id == row.id)).one() == 32
    duplicate = corpus.session.get(Article, copied.article_id)
    assert duplicate is not None and copied.status == "duplicate"
    assert (duplicate.cluster_id, duplicate.duplicate_of_id) == (row.cluster_id, row.id)
    assert duplicate.published_at is None and duplicate.similarity == copied.similarity is not None
    assert duplicate.dedup_level in ("near", "contained")


def test_seed_page_repeated_paragraphs_are_fingerprinted_once(corpus: Corpus) -> None:
    text = SEED.read_text(encoding="utf-8")
    _, result = corpus.add(_article("https://paper.example/page-2022", text))
    rows = corpus.session.exec(select(ParagraphFingerprint.hash)
                               .where(ParagraphFingerprint.article_id == result.article_id)).all()
    assert len(rows) == len(set(rows)) > 20
    repeated = "坚持创新驱动发展,打造创新高地。"
    assert text.count(repeated) == 2


def test_quality_gate_on_the_labelled_set(migrated_url: str) -> None:
    items = load_items()
    keep = {f"cwce-{i}" for i in range(8)} | {f"seed-{i}" for i in range(4)}
    subset = [i for i in items if i["of"] in keep or i["kind"] in ("original", "background") or
              (i["kind"] == "probe" and i["of"] is None)]
    engine = db.make_engine(migrated_url)
    try:
        counts = evaluate_monitor(engine, subset)
    finally:
        engine.dispose()
    overall = total(counts)
    assert overall.precision >= 0.99, counts
    assert overall.tp + overall.fn >= 50
    for variant in ("furniture", "title_changed"):
        assert counts[variant].recall >= 0.97, (variant, counts[variant])
    for variant in ("abridged", "ocr_noise", "reordered_split"):
        assert counts[variant].recall >= 0.90, (variant, counts[variant])


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_import_show_and_rebuild_cli(migrated_url: str, tmp_path: Path) -> None:
    if not migrated_url.startswith("sqlite"):
        pytest.skip("the CLI contract does not depend on the database; the stages are tested on both above")
    rows = [
        {"url": "https://a.example/1", "title": "原文", "body": _body("cwce-7"), "published_at": "2022-11-14T09:00:00+08:00"},
        {"url": "https://b.example/2", "title": "转载", "body": _body("cwce-7/ocr_noise"), "published_at": "2022-11-15",
         "source": "portal"},
        "not json",
        {"url": "https://c.example/3", "title": "另一篇", "body": _body("cwce-9"), "published_at": "2022-11-16 10:00"},
        {"url": "https://d.example/4", "title": "缺正文"},
    ]
    source = tmp_path / "items.jsonl"
    source.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                      encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(tmp_path / "none.yaml")}
    first = run_cli("import", str(source), "--source", "bulk", "--json", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    out = _lines(first.stdout)
    assert [o.get("status") for o in out] == ["new", "duplicate", None, "new", None]
    assert out[2]["line"] == 3 and "JSON" in out[2]["error"] and out[4]["line"] == 5 and "body" in out[4]["error"]
    assert set(out[1]) == {"url", "id", "status", "cluster_id", "duplicate_of", "similarity"}
    assert out[1]["duplicate_of"] == "https://a.example/1" and out[1]["cluster_id"] == out[0]["cluster_id"]
    assert out[0]["duplicate_of"] is None and 0.5 <= out[1]["similarity"] <= 1
    again = _lines(run_cli("import", str(source), "--json", env=env, cwd=tmp_path).stdout)
    assert [o.get("status") for o in again if "error" not in o] == ["unchanged"] * 3

    show = run_cli("articles", "show", str(out[1]["id"]), "--json", env=env, cwd=tmp_path)
    assert show.returncode == 0, show.stderr
    detail = _lines(show.stdout)[0]
    assert detail["source"] == "portal" and detail["evidence"]["level"] == "near"
    assert {m["id"] for m in detail["cluster"]} == {out[0]["id"], out[1]["id"]}
    assert [m["canonical"] for m in detail["cluster"]] == [True, False]

    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:  # an interrupted rebuild: one article left to do
            session.execute(update(Article).where(col(Article.id) == out[3]["id"]).values(signature=None))
            session.execute(update(Article).where(col(Article.id) == out[3]["id"]).values(cluster_id=None))
            session.commit()
        resumed = rebuild(engine, DedupConfig(), {}, 10)
        assert (resumed.resumed, resumed.processed, resumed.total) == (True, 1, 3)
        full = run_cli("dedup", "rebuild", "--batch", "2", env=env, cwd=tmp_path)
        assert full.returncode == 0 and "3 of 3" in full.stderr and "2 cluster(s), 1 duplicate(s)" in full.stderr
        with Session(engine) as session:
            by_url = {a.url: a for a in session.exec(select(Article)).all()}
            assert by_url["https://b.example/2"].duplicate_of_id == by_url["https://a.example/1"].id
            assert by_url["https://c.example/3"].duplicate_of_id is None
            assert session.exec(select(func.count()).select_from(ArticleBand)).one() == 3 * 32
    finally:
        engine.dispose()


def test_import_in_batches_reports_each_line_in_order(migrated_url: str, tmp_path: Path) -> None:
    """Lines go in transactions of several lines: a copy and a repeat of a line in the same batch are
    found (the batch's own rows are visible to its dedup), bad lines keep their place, and the next
    import of the same file finds every line unchanged."""
    rows = [
        {"url": "https://a.example/1", "title": "原文", "body": _body("cwce-7"), "published_at": "2022-11-14"},
        "{not json",
        {"url": "https://b.example/2", "title": "转载", "body": _body("cwce-7/furniture"), "source": "portal"},
        {"url": "https://a.example/1", "title": "原文", "body": _body("cwce-7"), "published_at": "2022-11-14"},
        {"url": "https://c.example/3", "title": "另一篇", "body": _body("cwce-9")},
        {"url": "https://d.example/4", "title": "节选", "body": _body("cwce-9/abridged")},
        {"url": "https://e.example/5", "title": "缺正文"},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    engine = db.make_engine(migrated_url)
    try:
        first = list(import_file(engine, path, "bulk", DedupConfig(), batch_lines=3))
        assert [o.line for o in first] == [1, 2, 3, 4, 5, 6, 7]
        assert [o.status for o in first] == ["new", None, "duplicate", "unchanged", "new", "duplicate", None]
        assert first[1].error and "JSON" in first[1].error and first[6].error and "body" in first[6].error
        assert first[2].duplicate_of == "https://a.example/1" and first[2].cluster_id == first[0].cluster_id
        assert first[5].duplicate_of == "https://c.example/3" and first[5].similarity is not None
        assert first[3].id == first[0].id
        again = list(import_file(engine, path, "bulk", DedupConfig(), batch_lines=2))
        assert [o.status for o in again if o.error is None] == ["unchanged"] * 5
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(Article)).one() == 4
            sources = dict(session.exec(select(Article.url, Source.name).join(Source)).all())
            assert sources["https://b.example/2"] == "portal" and sources["https://a.example/1"] == "bulk"
    finally:
        engine.dispose()


def test_vectorised_minhash_equals_datasketch() -> None:
    """Our numpy MinHash is datasketch's affine32 MinHash over the same 32-bit shingle hashes."""
    import numpy as np
    from datasketch import MinHash

    from monitor.dedup.minhash import _PERM_A, _PERM_B, _SEED, NUM_PERM, signature

    shingles = fingerprint(_body("cwce-3")).shingles
    assert len(shingles) > 100
    reference = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32", hashfunc=lambda x: x)
    # the permutations are drawn without datasketch (its import costs scipy's): the same ones
    assert np.array_equal(reference.permutations[0], _PERM_A) and np.array_equal(reference.permutations[1], _PERM_B)
    assert reference.permutations.dtype == _PERM_A.dtype == np.uint32
    reference.update_batch([int(h) & 0xFFFFFFFF for h in shingles])
    assert np.array_equal(reference.hashvalues.astype(np.uint32), signature(shingles))
    # Set semantics: the exact Jaccard of a body with itself plus a changed tail is below 1, above 0.
    other = fingerprint(_body("cwce-3") + "\n\n另起一段完全不同的文字内容用于测试。").shingles
    assert 0.5 < jaccard(shingles, other) < 1.0
