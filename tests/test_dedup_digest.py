"""What subscribers see of dedup (issue 19), through dedup + tagging + storage + digests, on SQLite and PostgreSQL:
a templated story about another zone is not hidden as a copy, a story reaches the subscribers of every zone
its members name, related coverage shows once with its other reports, and sources show by display name."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.items import ExtractedArticle, PublishDate, TagSet, ZoneTag
from monitor.store import Articles, Sources, db
from monitor.tag import tag_article
from monitor.timefmt import utcnow
from tests.conftest import run_cli
from tests.digest_helpers import smtp_sink
from tests.test_digests import _body, _send

DATA = Path(__file__).parent / "data" / "dedup"
STORIES = json.loads((DATA / "issue19_stories.json").read_text(encoding="utf-8"))
EVENTS = [json.loads(line) for line in (DATA / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def _ingest(url: str, entries: list[tuple[str, str, str | None, ExtractedArticle, TagSet | None]]) -> list[int]:
    """entries: (source slug, kind, display title, article, tags or None to tag it as a crawl does)."""
    engine = db.make_engine(url)
    ids = []
    with Session(engine, expire_on_commit=False) as session:
        articles, sources = Articles(session), Sources(session)
        dedup = Deduplicator(session, DedupConfig())
        for slug, kind, title, article, tags in entries:
            source = sources.row(slug, kind, title)
            verdict = dedup.check(article)
            ids.append(articles.store_article(article, verdict, tags or tag_article(article), source, utcnow()).article_id)
            session.commit()
    engine.dispose()
    return ids


def _story(key: str, url: str, body: str | None = None) -> ExtractedArticle:
    return ExtractedArticle(url=url, title=STORIES[key]["title"], body=body or STORIES[key]["body"],
                            published=PublishDate(datetime.fromisoformat("2025-06-12T10:00:00+08:00"), "minute"))


def _subscribe(url: str, email: str, zone: str) -> None:
    engine = db.make_engine(url)
    with Session(engine) as session:
        add_subscriber(session, email, None, "Asia/Shanghai", SubscriptionFilters(zones=(zone,)))
    engine.dispose()


def test_each_zone_subscriber_gets_its_templated_story(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    _ingest(migrated_url, [("weifang-site", "html", None, _story("policy_weifang", "https://wf.example/a/1"), None),
                           ("chengdu-site", "html", None, _story("policy_chengdu", "https://cd.example/a/1"), None)])
    _subscribe(migrated_url, "weifang@example.com", "weifang")
    _subscribe(migrated_url, "chengdu@example.com", "chengdu")
    with smtp_sink() as sink:
        result = _send(migrated_url, settings_for(migrated_url), sink.port)
        assert (result.sent, result.skipped_empty) == (2, 0)
        got = {rcpt[0]: _body(message) for rcpt, message in sink.messages}
    assert STORIES["policy_chengdu"]["title"] in got["chengdu@example.com"]
    assert STORIES["policy_weifang"]["title"] in got["weifang@example.com"]


def test_a_zone_named_only_in_a_copy_reaches_its_subscriber_with_display_names(  # type: ignore[no-untyped-def]
        migrated_url: str, settings_for) -> None:
    body = STORIES["policy_chengdu"]["body"]
    original = _story("policy_chengdu", "https://cd.example/a/2")
    copy = _story("policy_chengdu", "https://www.stdaily.example/news/9", "来源：科技日报\n\n" + body)
    only_chengdu = TagSet(zones=(ZoneTag("chengdu", "成都高新技术产业开发区", "subject", 1.0),))
    # the copy's page names another zone (a sidebar, an editor's note): its tags hold it as mentioned
    with_mianyang = TagSet(zones=(*only_chengdu.zones, ZoneTag("mianyang", "绵阳高新技术产业开发区", "mentioned", 0.4)))
    _ingest(migrated_url, [("chengdu-site", "html", None, original, only_chengdu),
                           ("keji", "epaper", "科技日报", copy, with_mianyang)])
    _subscribe(migrated_url, "mianyang@example.com", "mianyang")
    with smtp_sink() as sink:
        result = _send(migrated_url, settings_for(migrated_url), sink.port)
        assert (result.sent, result.skipped_empty) == (1, 0)
        text = _body(sink.messages[0][1])
    assert text.count(STORIES["policy_chengdu"]["title"]) == 1
    assert "另有1家网站刊发：科技日报 https://www.stdaily.example/news/9" in text


def test_related_coverage_is_one_digest_entry_and_listed_by_articles_show(  # type: ignore[no-untyped-def]
        migrated_url: str, settings_for, tmp_path: Path) -> None:
    reports = [i for i in EVENTS if i["event"] == "event-2"]  # one groundbreaking, five outlets' reports
    distractor = next(i for i in EVENTS if i["event"] == "event-2-distractor")
    outlets = [("hefei-site", None), ("keji", "科技日报"), ("jingji", "经济日报"), ("gaoxin", "中国高新网"), ("people", None)]
    entries = []
    for (slug, title), item in zip(outlets, [*reports, distractor][:5], strict=False):
        article = ExtractedArticle(url=f"https://{slug}.example/{item['id']}", title=item["title"], body=item["body"],
                                   published=PublishDate(datetime.fromisoformat(item["published_at"]), "minute"))
        entries.append((slug, "html", title, article, None))
    distractor_article = ExtractedArticle(
        url=f"https://hefei-site.example/{distractor['id']}", title=distractor["title"], body=distractor["body"],
        published=PublishDate(datetime.fromisoformat(distractor["published_at"]), "minute"))
    entries.append(("hefei-site", "html", None, distractor_article, None))
    ids = _ingest(migrated_url, entries)
    _subscribe(migrated_url, "hefei@example.com", "hefei")
    with smtp_sink() as sink:
        assert _send(migrated_url, settings_for(migrated_url), sink.port).sent == 1
        text = _body(sink.messages[0][1])
    headlines = [line[2:] for line in text.splitlines() if line.startswith("* ")]
    assert len(headlines) == 2, headlines  # the event once, and the distractor (another event that week)
    assert distractor["title"] in headlines
    assert f"另有{len(reports) - 1}篇报道：" in text
    assert "科技日报 https://keji.example/" in text and "经济日报 https://jingji.example/" in text

    show = run_cli("articles", "show", str(ids[0]), "--json", env={"MONITOR_DATABASE_URL": migrated_url}, cwd=tmp_path)
    assert show.returncode == 0, show.stderr
    record = json.loads(show.stdout.splitlines()[0])
    assert sorted(r["id"] for r in record["event"]) == sorted(ids[1:len(reports)])
    assert {r["source_name"] for r in record["event"]} >= {"科技日报", "经济日报"}
    human = run_cli("articles", "show", str(ids[0]), env={"MONITOR_DATABASE_URL": migrated_url}, cwd=tmp_path)
    assert f"{len(reports) - 1} other report(s) of the same event" in human.stdout
    assert "first paragraph" in human.stdout and "hefei(subject)" in human.stdout


def test_a_source_display_name_is_its_top_level_title_else_the_host(migrated_url: str, tmp_path: Path) -> None:
    from monitor.sourcesfile import load_sources
    from monitor.store.models import Source
    from monitor.store.sources import display_name

    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: keji\n    kind: html\n    url: https://www.stdaily.example/list.html\n"
                    "    links: \"ul a\"\n    title: 科技日报\n    selectors: {title: \"h1.title\"}\n", encoding="utf-8")
    source = load_sources(path).sources[0]
    assert source.title == "科技日报" and source.selectors.title == "h1.title"
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        Sources(session).ensure(source.name, source.kind, source.title)
        Sources(session).ensure("bulk", "import")  # an import names no title
        session.commit()
        titles = {row.name: row.title for row in session.exec(select(Source)).all()}
    engine.dispose()
    assert titles == {"keji": "科技日报", "bulk": None}
    assert display_name(titles["keji"], "https://www.stdaily.example/a/1") == "科技日报"
    assert display_name(None, "https://www.stdaily.example/a/1") == "stdaily.example"


def _event_batch(url: str, commit_each: bool) -> tuple[list[int | None], list[int | None]]:
    """Two events' reports and distractors stored in one session: the clusters' event ids as an ORM read
    sees them before the commit, and as stored after it (ids made relative to the first cluster)."""
    from monitor.store.models import Article, Cluster

    items = [i for i in EVENTS if i["event"] in ("event-2", "event-2-distractor", "event-3", "event-3-distractor")]
    engine = db.make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        articles, dedup = Articles(session), Deduplicator(session, DedupConfig())
        clusters = []
        for n, item in enumerate(items):
            source = Sources(session).row(f"outlet{n}", "html")
            article = ExtractedArticle(url=f"https://outlet{n}.example/{item['id']}", title=item["title"], body=item["body"],
                                       published=PublishDate(datetime.fromisoformat(item["published_at"]), "minute"))
            clusters.append(articles.store_article(article, dedup.check(article), tag_article(article), source,
                                                   utcnow()).cluster_id)
            if commit_each:
                session.commit()

        def events() -> list[int | None]:
            found = dict(session.exec(select(Cluster.id, Cluster.event_id).join(
                Article, Article.cluster_id == Cluster.id)).all())
            return [None if found[c] is None else found[c] - clusters[0] for c in clusters]

        before = events()  # an ORM read links the queued stories first
        session.commit()
        after = events()
    engine.dispose()
    return before, after


def test_events_linked_per_batch_are_those_linked_on_arrival(migrated_url: str, tmp_path: Path) -> None:
    before, after = _event_batch(migrated_url, commit_each=False)
    assert before == after
    assert sum(e is not None for e in after) >= 4  # two events of several reports each, distractors alone
    one_by_one_url = f"sqlite:///{tmp_path}/one_by_one.db"  # the same stories, committed one at a time
    db.upgrade(one_by_one_url)
    one_by_one, _ = _event_batch(one_by_one_url, commit_each=True)
    assert one_by_one == after


def _event_groups(session: Session) -> set[frozenset[str]]:
    """The events as sets of their reports' URLs (cluster ids change in a rebuild)."""
    from monitor.store.models import Article, Cluster

    groups: dict[int, set[str]] = {}
    for url, event_id in session.exec(select(Article.url, Cluster.event_id).join(
            Cluster, Article.cluster_id == Cluster.id).where(Cluster.event_id.is_not(None))).all():  # type: ignore[union-attr]
        groups.setdefault(event_id, set()).add(url)
    return {frozenset(g) for g in groups.values()}


def test_dedup_rebuild_rebuilds_the_events(migrated_url: str) -> None:
    from monitor.dedup.rebuild import rebuild

    _event_batch(migrated_url, commit_each=False)
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        before = _event_groups(session)
    result = rebuild(engine, DedupConfig(), {}, batch_size=3)  # events spread over several batches
    with Session(engine) as session:
        after = _event_groups(session)
    engine.dispose()
    assert result.processed == result.total
    assert len(before) >= 2 and all(len(g) >= 2 for g in before)
    assert after == before
