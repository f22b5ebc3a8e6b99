"""Event linking reads a zone's newest subject rows, not every article of the story's days (issue 23), and links
the stories as the days' statement does: on SQLite and PostgreSQL, through dedup, tagging and storage."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import ExtractedArticle, PublishDate, TagSet, ZoneTag
from monitor.store import Articles, Sources, db
from monitor.store import events as events_module
from monitor.store.models import Article, Cluster
from monitor.tag import tag_article
from monitor.timefmt import utcnow
from tests.conftest import statements_seen

EVENTS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "dedup" / "events.jsonl").read_text(encoding="utf-8").splitlines()
]
# characters of filler reports: no figures (digits or Chinese numerals), so a filler shares none with a report
_POOL = "园区企业创新发展项目建设产业服务科技平台合作推进会议活动人才政策资金市场产品技术研发成果交流座谈调研"


def _filler_body(n: int) -> str:
    rng = random.Random(n)
    return "。".join("".join(rng.choice(_POOL) for _ in range(24)) for _ in range(4)) + "。"


def _items(with_fillers: int) -> list[tuple[str, ExtractedArticle, TagSet | None]]:
    """Two events' reports and their distractors in arrival order, each followed by ``with_fillers`` reports of other
    news of the same zone and days (tags None: tagged from the text)."""
    chosen = [i for i in EVENTS if i["event"] in ("event-2", "event-2-distractor", "event-3", "event-3-distractor")]
    out: list[tuple[str, ExtractedArticle, TagSet | None]] = []
    for n, item in enumerate(chosen):
        published = datetime.fromisoformat(item["published_at"])
        article = ExtractedArticle(url=f"https://outlet{n}.example/{item['id']}", title=item["title"],
                                   body=item["body"], published=PublishDate(published, "minute"))
        tags = tag_article(article)
        out.append((f"outlet{n}", article, None))
        subjects = tuple(z for z in tags.zones if z.role == "subject")
        assert subjects, item["id"]
        for k in range(with_fillers):
            body = _filler_body(n * 1000 + k)
            filler = ExtractedArticle(url=f"https://local{n}.example/news/{k}", title=body[:12], body=body,
                                      published=PublishDate(published + timedelta(minutes=k + 1), "minute"))
            out.append((f"local{n}", filler, TagSet(zones=subjects)))
    return out


def _store(url: str, items: list[tuple[str, ExtractedArticle, TagSet | None]], commit_each: bool) -> set[frozenset[str]]:
    """Store the items (one commit each, or one for all); the events as sets of their reports' URLs."""
    engine = db.make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        articles, dedup = Articles(session), Deduplicator(session, DedupConfig())
        for slug, article, tags in items:
            source = Sources(session).row(slug, "html")
            verdict = dedup.check(article)
            articles.store_article(article, verdict, tags or tag_article(article), source, utcnow())
            if commit_each:
                session.commit()
        session.commit()
        groups: dict[int, set[str]] = {}
        for article_url, event_id in session.exec(
            select(Article.url, Cluster.event_id).join(Cluster, col(Article.cluster_id) == col(Cluster.id))
            .where(col(Cluster.event_id).is_not(None))
        ).all():
            groups.setdefault(int(event_id), set()).add(article_url)  # type: ignore[arg-type]
    engine.dispose()
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("commit_each", [True, False], ids=["one-commit-each", "one-batch"])
def test_events_are_the_same_whichever_rows_decide(migrated_url: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, commit_each: bool) -> None:
    # few reports compared per story, so that the newest-first reading must find the same few as the days' statement
    monkeypatch.setattr(events_module, "MAX_REPORTS", 3)
    items = _items(with_fillers=2)
    found = {}
    for scan in (0, 2, 5, 10_000):  # 0: the days' statement always (as before); 10,000: the newest rows always
        monkeypatch.setattr(events_module, "_SCAN", scan)
        if migrated_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path}/scan{scan}.db"
            db.upgrade(url)
        else:  # the fixture's PostgreSQL database, emptied between rounds
            url = migrated_url
            _empty(url)
        found[scan] = _store(url, items, commit_each)
    assert sum(len(g) >= 2 for g in found[0]) >= 2  # two events of several reports each
    assert found[2] == found[0]
    assert found[5] == found[0]
    assert found[10_000] == found[0]


def test_a_full_figures_cache_loses_no_candidate(migrated_url: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The figures cache is cleared when full, also while a story's candidates are being read into it (a crawl
    of 50,000 items met that: KeyError in the middle of storing, the whole crawl stopped). With a cache of two
    entries, the events are those of an unbounded one."""
    monkeypatch.setattr(events_module, "MAX_REPORTS", 3)
    items = _items(with_fillers=2)
    found = {}
    for limit in (1_000_000, 2):
        monkeypatch.setattr(events_module, "_FIGURES_LIMIT", limit)
        monkeypatch.setattr(events_module, "_FIGURES", {})
        if migrated_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path}/limit{limit}.db"
            db.upgrade(url)
        else:
            url = migrated_url
            _empty(url)
        found[limit] = _store(url, items, commit_each=True)
    assert sum(len(g) >= 2 for g in found[1_000_000]) >= 2
    assert found[2] == found[1_000_000]


# what the read of the zones' newest subject rows says (one statement for every story and zone of a batch)
_RECENT_READ = "(SELECT article_id, zone_id FROM articlezone WHERE zone_id = "


def test_a_batch_reads_its_stories_zones_newest_rows_in_one_statement(migrated_url: str) -> None:
    """A crawl commits a group of articles together: the newest rows of every zone of every story of the group are
    read in one statement (a statement per story and zone was a round trip each on PostgreSQL)."""
    items = _items(with_fillers=2)
    engine = db.make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        articles, dedup = Articles(session), Deduplicator(session, DedupConfig())
        sources = {slug: Sources(session).row(slug, "html") for slug, _, _ in items}  # an ORM read links the batch
        stories = 0
        with statements_seen(engine, session) as statements:
            for slug, article, tags in items:
                verdict = dedup.check(article)
                result = articles.store_article(article, verdict, tags or tag_article(article), sources[slug],
                                                utcnow())
                stories += result.status == "new"
            session.commit()
        linked = session.exec(select(Cluster.event_id).where(col(Cluster.event_id).is_not(None))).all()
    engine.dispose()
    assert stories >= 10 and linked  # many stories of several zones, and some of them linked
    assert sum(_RECENT_READ in s for s in statements) == 1


def _empty(url: str) -> None:
    from sqlalchemy import text

    engine = db.make_engine(url)
    with engine.begin() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        connection.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    engine.dispose()


def test_a_busy_days_story_is_linked_from_its_zones_newest_rows(migrated_url: str) -> None:
    """A zone with more reports in the story's days than a story compares with: its newest rows settle the
    candidates, and no statement reads the days' articles (on a busy day: tens of thousands)."""
    report, later = (next(i for i in EVENTS if i["id"] == key) for key in ("event-2-r0", "event-2-r1"))
    engine = db.make_engine(migrated_url)
    with Session(engine, expire_on_commit=False) as session:
        articles, dedup = Articles(session), Deduplicator(session, DedupConfig())

        def store(slug: str, url: str, title: str, body: str, published: datetime, tags: TagSet | None) -> None:
            article = ExtractedArticle(url=url, title=title, body=body, published=PublishDate(published, "minute"))
            articles.store_article(article, dedup.check(article), tags or tag_article(article),
                                   Sources(session).row(slug, "html"), utcnow())
            session.commit()

        first = datetime.fromisoformat(report["published_at"])
        store("hefei", "https://hefei.example/a", report["title"], report["body"], first, None)
        zones = tuple(z for z in tag_article(ExtractedArticle(url="https://hefei.example/a", title=report["title"],
                                                              body=report["body"])).zones if z.role == "subject")
        for k in range(events_module.MAX_REPORTS - 5):  # the report stays among the newest MAX_REPORTS
            body = _filler_body(k)
            store("local", f"https://local.example/{k}", body[:12], body, first + timedelta(minutes=k + 1),
                  TagSet(zones=zones))
        for k in range(3 * events_module.MAX_REPORTS):  # and the days hold many more articles of other zones
            body = _filler_body(10_000 + k)
            store("elsewhere", f"https://elsewhere.example/{k}", body[:12], body, first + timedelta(minutes=k),
                  TagSet(zones=(ZoneTag("zz-other", "其他高新区", "subject", 1.0),)))

        with statements_seen(engine, session) as statements:
            store("keji", "https://keji.example/b", later["title"], later["body"], datetime.fromisoformat(
                later["published_at"]), None)
        linked = dict(session.exec(select(Article.url, Cluster.event_id).join(
            Cluster, col(Article.cluster_id) == col(Cluster.id))).all())
    engine.dispose()
    assert linked["https://keji.example/b"] is not None
    assert linked["https://keji.example/b"] == linked["https://hefei.example/a"]
    assert any(_RECENT_READ in s for s in statements)
    assert not any("CROSS JOIN articlezone" in s for s in statements), "the days' statement ran"
