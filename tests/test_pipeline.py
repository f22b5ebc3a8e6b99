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
