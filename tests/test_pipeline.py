"""Crawl passes against a scriptable server: no item is lost when a run fails half way."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from monitor.pipeline import crawl
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import Article, DiscoveredUrl, Source
from tests.fixture_server import Response, fixture_server

LIST = """<html><head><meta charset="utf-8"></head><body><ul class="news">
<li><a href="/a/1.html">一</a></li><li><a href="/a/2.html">二</a></li><li><a href="/a/3.html#top">三</a></li>
<li><a href="javascript:void(0)">x</a></li><li><a href="/files/report.pdf">pdf</a></li></ul></body></html>"""


_BODIES = {
    "包头稀土高新区": ["包头稀土高新区稀土新材料产业园今年新签约项目十二个，总投资超过八十亿元。",
                  "园区围绕永磁电机、抛光材料和储氢合金延伸产业链，引进上下游企业。",
                  "管委会表示，下一步将建设稀土功能材料中试基地，服务中小企业研发。"],
    "宝鸡高新区": ["宝鸡高新区钛及钛合金产业产值同比增长百分之二十，形成从海绵钛到钛材深加工的完整链条。",
               "当地企业与高校共建研发平台，攻关航空航天用高端钛材。",
               "高新区还设立产业基金，支持钛材企业技术改造和上市融资。"],
}


def _article(title: str, zone: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in _BODIES[zone])
    return f"<html><head><meta charset='utf-8'></head><body><h1>{title}</h1><div class='time'>2022-11-14 10:00</div><div class='content'>{paragraphs}</div></body></html>".encode()


def _sources(base: str) -> list:  # type: ignore[type-arg]
    text = f"""sources:
  - name: zone-news
    kind: html
    url: {base}/list.html
    links: "ul.news a"
    rate_limit: 100
"""
    return list(parse_sources(text).sources)


def _let_backoff_pass(engine) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from monitor.timefmt import utcnow

    with Session(engine) as session:
        for row in session.exec(select(DiscoveredUrl).where(DiscoveredUrl.state == "failed")).all():
            assert row.next_attempt_at is not None and row.next_attempt_at > utcnow()  # backoff was set
            row.next_attempt_at = utcnow() - timedelta(seconds=1)
            session.add(row)
        session.commit()


def test_failed_items_are_retried_and_gone_ones_dropped(migrated_url: str, settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(migrated_url, retry_backoff=0.01, fetch_retries=1)
    state = {"fail": True}

    def flaky(_handler):  # type: ignore[no-untyped-def]
        return Response(500, b"oops") if state["fail"] else Response(200, _article("宝鸡高新区钛产业", "宝鸡高新区"))

    routes = {"/list.html": Response(200, LIST.encode()), "/a/1.html": Response(200, _article("包头稀土高新区新闻", "包头稀土高新区")),
              "/a/2.html": flaky, "/a/3.html": Response(404, b"")}
    engine = db.make_engine(migrated_url)
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        first = crawl(settings, _sources(site.base), engine)[0]
        assert (first.fetched, first.new, first.errors, first.error) == (1, 1, 2, None)
        state["fail"] = False
        _let_backoff_pass(engine)
        routes["/list.html"] = Response(500, b"down")  # the list fails: pending items are still fetched
        second = crawl(settings, _sources(site.base), engine)[0]
    assert second.new == 1 and second.error is not None and "list.html" in second.error
    with Session(engine) as session:
        states = {row.url.rsplit("/", 1)[1]: row.state for row in session.exec(select(DiscoveredUrl)).all()}
        assert states == {"1.html": "fetched", "2.html": "fetched", "3.html": "gone"}  # no pdf, no javascript:
        assert len(session.exec(select(Article)).all()) == 2
        source = session.exec(select(Source)).one()
        assert source.consecutive_failures == 1 and source.last_success_at is not None
    engine.dispose()


def _copies_source(name: str, base: str, path: str, priority: int) -> str:
    return (f"  - name: {name}\n    kind: html\n    url: {base}/{path}\n    links: 'ul.news a'\n"
            f"    rate_limit: 100\n    priority: {priority}\n")


def test_the_corpus_does_not_depend_on_which_copy_arrives_first(settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Sources are crawled concurrently, so which of two copies of a story is stored first is timing: the
    cluster must end the same either way (the higher-priority copy canonical with no level, the other a
    hash copy of it)."""
    page = _article("包头稀土高新区新材料项目签约", "包头稀土高新区")
    listing = '<html><body><ul class="news"><li><a href="{}">x</a></li></ul></body></html>'
    routes = {"/low.html": Response(200, listing.format("/low/1.html").encode()), "/low/1.html": Response(200, page),
              "/high.html": Response(200, listing.format("/high/1.html").encode()), "/high/1.html": Response(200, page)}
    outcomes = []
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        text = "sources:\n" + _copies_source("copy-low", site.base, "low.html", 0) + \
            _copies_source("copy-high", site.base, "high.html", 5)
        sources = {s.name: s for s in parse_sources(text).sources}
        for order in (("low", "high"), ("high", "low")):
            url = f"sqlite:///{tmp_path / ('-'.join(order) + '.db')}"  # a fresh corpus for each order
            db.upgrade(url)
            engine = db.make_engine(url)
            for name in order:  # one after the other: this order, then the other
                assert crawl(settings_for(url, fetch_retries=0), [sources[f"copy-{name}"]], engine)[0].error is None
            with Session(engine) as session:
                outcomes.append(sorted((a.url.rsplit("/", 2)[1], a.dedup_level, a.duplicate_of_id is None)
                                       for a in session.exec(select(Article)).all()))
            engine.dispose()
    assert outcomes[0] == outcomes[1] == [("high", None, True), ("low", "hash", False)]


def test_items_fetched_together_are_stored_together_or_not_at_all(migrated_url: str, settings_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Items whose fetches finished together share one transaction (ITEM_GROUP): a failure while storing one of
    them rolls back the others' articles AND their URLs' states, so the next run stores each exactly once."""
    import threading

    import pytest
    import sqlalchemy as sa

    from monitor.errors import DatabaseError
    from monitor.store.articles import Articles

    count = 8
    listing = "".join(f'<li><a href="/a/{i}.html">{i}</a></li>' for i in range(1, count + 1))
    last_requested = threading.Event()

    def first(_handler):  # type: ignore[no-untyped-def]
        # answered once the last item was asked for: by then the items between are fetched, so they form one group
        last_requested.wait(10)
        return Response(200, _article("包头稀土高新区新闻 1", "包头稀土高新区"))

    def last(_handler):  # type: ignore[no-untyped-def]
        last_requested.set()
        return Response(200, _article(f"宝鸡高新区钛产业 {count}", "宝鸡高新区"))

    routes = {"/list.html": Response(200, f'<html><body><ul class="news">{listing}</ul></body></html>'.encode()),
              "/a/1.html": first, f"/a/{count}.html": last}
    for i in range(2, count):
        routes[f"/a/{i}.html"] = Response(200, _article(f"包头稀土高新区新闻 {i}", "包头稀土高新区"))
    store = Articles.store_article
    calls = {"n": 0}

    def failing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 6:
            raise sa.exc.OperationalError("INSERT INTO article ...", {}, Exception("injected failure"))
        return store(self, *args, **kwargs)

    settings = settings_for(migrated_url, concurrency_per_origin=count)
    engine = db.make_engine(migrated_url)
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        monkeypatch.setattr(Articles, "store_article", failing)
        with pytest.raises(DatabaseError, match="injected failure"):
            crawl(settings, _sources(site.base), engine)
        with Session(engine) as session:
            assert session.exec(select(Article)).all() == []  # the five stored before the failure rolled back with it
            assert {row.state for row in session.exec(select(DiscoveredUrl)).all()} == {"pending"}
        monkeypatch.setattr(Articles, "store_article", store)
        again = crawl(settings, _sources(site.base), engine)[0]
    assert (again.fetched, again.error) == (count, None)
    with Session(engine) as session:
        urls = [row.url.rsplit("/", 1)[1] for row in session.exec(select(Article)).all()]
        assert sorted(urls) == sorted(f"{i}.html" for i in range(1, count + 1))  # each once
        assert {row.state for row in session.exec(select(DiscoveredUrl)).all()} == {"fetched"}
    engine.dispose()
