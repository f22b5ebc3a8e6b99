"""Related coverage follows a story's changes (issue 19): a revised or retagged report leaves its event and is
linked again with what it says now, on SQLite and PostgreSQL, through dedup + tagging + storage."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import ExtractedArticle, PublishDate, TagSet, ZoneTag
from monitor.store import Articles, Sources, db
from monitor.store.models import Article, Cluster
from monitor.tag import tag_article
from monitor.timefmt import utcnow

EVENTS = {
    item["id"]: item
    for item in map(
        json.loads,
        (Path(__file__).parent / "data" / "dedup" / "events.jsonl").read_text(encoding="utf-8").splitlines(),
    )
}


def _article(url: str, key: str, body_of: str | None = None) -> ExtractedArticle:
    item, body = EVENTS[key], EVENTS[body_of or key]["body"]
    return ExtractedArticle(
        url=url,
        title=item["title"],
        body=body,
        published=PublishDate(datetime.fromisoformat(item["published_at"]), "minute"),
    )


def _crawl(session: Session, dedup: Deduplicator, slug: str, article: ExtractedArticle) -> str:
    """One crawled item as the pipeline stores it (a URL seen before with another body is a revision)."""
    result = Articles(session).store_article(
        article, dedup.check(article), tag_article(article), Sources(session).row(slug, "html"), utcnow()
    )
    session.commit()
    return result.status


def _events(session: Session) -> dict[str, int | None]:
    """Each article's event id, by URL (an ORM read: stories queued for linking are linked first)."""
    return dict(
        session.exec(
            select(Article.url, Cluster.event_id).join(  # type: ignore[arg-type]
                Cluster, col(Cluster.id) == col(Article.cluster_id)
            )
        ).all()
    )


def _two_reports(session: Session) -> Deduplicator:
    """Two outlets' reports of one groundbreaking (https://hefei.example/a, https://keji.example/b)."""
    dedup = Deduplicator(session, DedupConfig())
    _crawl(session, dedup, "hefei-site", _article("https://hefei.example/a", "event-2-r0"))
    _crawl(session, dedup, "keji", _article("https://keji.example/b", "event-2-r1"))
    return dedup


def test_a_revised_report_leaves_its_event_and_rejoins_it(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        dedup = _two_reports(session)
        linked = _events(session)
        assert linked["https://hefei.example/a"] is not None
        assert linked["https://hefei.example/a"] == linked["https://keji.example/b"]

        # the zone's page is rewritten into another story of that week: the event is gone (one report is none)
        revised = _article("https://hefei.example/a", "event-2-r0", body_of="event-2-distractor")
        assert _crawl(session, dedup, "hefei-site", revised) == "revision"
        assert _events(session) == {"https://hefei.example/a": None, "https://keji.example/b": None}

        # and back: linked again, with the report stored after it
        assert (
            _crawl(session, dedup, "hefei-site", _article("https://hefei.example/a", "event-2-r0"))
            == "revision"
        )
        again = _events(session)
        assert again["https://hefei.example/a"] is not None
        assert again["https://hefei.example/a"] == again["https://keji.example/b"]
    engine.dispose()


def test_a_retagged_report_leaves_its_event_the_others_stay_together(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    urls = [
        f"https://outlet{n}.example/{key}" for n, key in enumerate(("event-2-r0", "event-2-r1", "event-2-r2"))
    ]
    with Session(engine, expire_on_commit=False) as session:
        dedup = Deduplicator(session, DedupConfig())
        for n, (url, key) in enumerate(zip(urls, ("event-2-r0", "event-2-r1", "event-2-r2"), strict=True)):
            _crawl(session, dedup, f"outlet{n}", _article(url, key))
        linked = _events(session)
        assert len({linked[u] for u in urls}) == 1 and linked[urls[0]] is not None
        first = session.exec(select(Article).where(Article.url == urls[0])).one()
        assert linked[urls[0]] == first.cluster_id  # the first report's cluster names the event

        # a gazetteer change makes the first report about another zone: it leaves, the other two stay one event,
        # now named after the first cluster left in it
        tags = tag_article(_article(urls[0], "event-2-r0"))
        other_zone = replace(tags, zones=(ZoneTag("wuhan", "武汉东湖新技术开发区", "subject", 1.0),))
        Articles(session).retag(first.id, other_zone)  # type: ignore[arg-type]
        session.commit()
        after = _events(session)
        assert after[urls[0]] is None
        assert after[urls[1]] == after[urls[2]] is not None
        clusters = [session.exec(select(Article.cluster_id).where(Article.url == u)).one() for u in urls[1:]]
        assert after[urls[1]] == min(clusters)  # type: ignore[type-var]

        # retagged as before: it rejoins the event of the reports stored after it
        Articles(session).retag(first.id, tags)  # type: ignore[arg-type]
        session.commit()
        back = _events(session)
        assert back[urls[0]] == back[urls[1]] == back[urls[2]] is not None

        # a retag that changes neither the subject zones nor the people leaves the events alone
        Articles(session).retag(first.id, replace(tags, topics=(), content_type="notice"))  # type: ignore[arg-type]
        session.commit()
        assert _events(session) == back
    engine.dispose()


def test_a_story_revised_before_its_batch_is_linked_is_linked_with_its_new_text(migrated_url: str) -> None:
    """Stored and revised in one transaction: reading the stored row for the revision links the queued story with
    its first text (an ORM read links first); the revision then takes it out again."""
    engine = db.make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        dedup = Deduplicator(session, DedupConfig())
        _crawl(session, dedup, "keji", _article("https://keji.example/b", "event-2-r1"))
        articles, source = Articles(session), Sources(session).row("hefei-site", "html")
        for article in (
            _article("https://hefei.example/a", "event-2-r0"),
            _article("https://hefei.example/a", "event-2-r0", body_of="event-2-distractor"),
        ):
            articles.store_article(article, dedup.check(article), tag_article(article), source, utcnow())
        session.commit()
        assert _events(session) == {"https://hefei.example/a": None, "https://keji.example/b": None}
    engine.dispose()


def test_a_retag_with_no_subject_leaves_the_event(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        _two_reports(session)
        second = session.exec(select(Article).where(Article.url == "https://keji.example/b")).one()
        Articles(session).retag(second.id, TagSet())  # type: ignore[arg-type]
        session.commit()
        assert _events(session) == {"https://hefei.example/a": None, "https://keji.example/b": None}
    engine.dispose()


def test_two_reports_retagged_in_one_transaction_both_leave(migrated_url: str) -> None:
    """`monitor retag` commits every 200 articles: a retag's rows, written through the ORM, are flushed before the
    next linking pass reads them."""
    engine = db.make_engine(migrated_url)
    keys = ("event-2-r0", "event-2-r1", "event-2-r2")
    urls = [f"https://outlet{n}.example/{key}" for n, key in enumerate(keys)]
    with Session(engine, expire_on_commit=False) as session:
        dedup = Deduplicator(session, DedupConfig())
        for n, (url, key) in enumerate(zip(urls, keys, strict=True)):
            _crawl(session, dedup, f"outlet{n}", _article(url, key))
        assert len(set(_events(session).values())) == 1
        elsewhere = (ZoneTag("wuhan", "武汉东湖新技术开发区", "subject", 1.0),)
        for url, key in zip(urls[:2], keys[:2], strict=True):
            row = session.exec(select(Article).where(Article.url == url)).one()
            Articles(session).retag(row.id, replace(tag_article(_article(url, key)), zones=elsewhere))  # type: ignore[arg-type]
        session.commit()
        after = _events(session)
    engine.dispose()
    # the two retagged reports are about Wuhan now: both leave Hefei's event (the last one left is no event); they
    # match each other as Wuhan's reports of that day
    assert after[urls[2]] is None
    assert after[urls[0]] == after[urls[1]] is not None
