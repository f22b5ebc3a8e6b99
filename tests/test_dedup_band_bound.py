"""The dedup candidate lookup reads a bounded number of articles per shared LSH band (issue 23), on SQLite and
PostgreSQL: every issue of a recurring report shares its template's bands, so without a bound the rows read
per new issue grew with the corpus. A copy of an old issue is still found through its own rarer bands and
sentences, however many newer issues share the template's bands.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import DuplicateOf, ExtractedArticle, New, TagSet
from monitor.store import Articles, Sources, db
from monitor.timefmt import utcnow

_STORIES = [row["body"] for row in map(json.loads,
            (Path(__file__).parent / "data" / "dedup" / "labelled.jsonl").read_text(encoding="utf-8").splitlines())
            if row["kind"] == "original"]
_BODIES = [body for body in dict.fromkeys(_STORIES) if len(body) > 400][:9]
BOUND = 2


def _store(session: Session, dedup: Deduplicator, key: str, body: str) -> tuple[object, int]:
    article = ExtractedArticle(url=f"https://example.invalid/{key}", title=key, body=body)
    verdict = dedup.check(article)
    result = Articles(session).store_article(article, verdict, TagSet(), Sources(session).row("site", "html"), utcnow())
    session.commit()
    return verdict, result.article_id


def _share_bands(session: Session, article_ids: list[int], of: int) -> None:
    """Give the articles the band values of article ``of``: as every issue of a template shares its bands."""
    for article_id in article_ids:
        session.execute(sa.text("UPDATE articleband SET hash = (SELECT other.hash FROM articleband AS other "
                                "WHERE other.article_id = :of AND other.band = articleband.band) "
                                "WHERE article_id = :a"), {"of": of, "a": article_id})
    session.commit()


def test_a_shared_band_gives_only_its_newest_articles(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:
            dedup = Deduplicator(session, DedupConfig(max_band_rows=BOUND))
            ids = []
            for n, body in enumerate(_BODIES[:6]):
                verdict, article_id = _store(session, dedup, f"story-{n}", body)
                assert isinstance(verdict, New), verdict
                ids.append(article_id)
            _share_bands(session, ids[1:], of=ids[0])
            probe = dedup.probe(_BODIES[0])
            found = {candidate.article_id for candidate in dedup._candidates(probe)}
            unbounded = {c.article_id for c in Deduplicator(session, DedupConfig(max_band_rows=100))._candidates(probe)}
    finally:
        engine.dispose()
    assert unbounded == set(ids)  # every article holds the probe's bands
    # the newest two from the bands; the first also from the sentences it shares with the probe (its own text)
    assert found == {ids[0], *ids[-BOUND:]}


def test_a_copy_is_found_behind_newer_articles_sharing_its_bands(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:
            dedup = Deduplicator(session, DedupConfig(max_band_rows=BOUND))
            _, original = _store(session, dedup, "original", _BODIES[0])
            newer = [_store(session, dedup, f"story-{n}", body)[1] for n, body in enumerate(_BODIES[1:7])]
            _share_bands(session, newer, of=original)  # its bands give the newer articles only
            copy = "来源：高新区管委会　浏览次数：120\n\n" + _BODIES[0] + "\n\n责任编辑：王丽\n\n【打印】【关闭】"
            verdict, _ = _store(session, dedup, "copy", copy)
    finally:
        engine.dispose()
    assert isinstance(verdict, DuplicateOf), verdict
    assert verdict.article_id == original
