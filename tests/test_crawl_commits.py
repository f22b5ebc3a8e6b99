"""How a crawl's transactions reach the disk: each item's commit, and the commit of what the run listed, do not wait
for it (the items of a run lost to a machine crash are listed or stay pending, and are fetched again), the run's last
commit does, and flushes them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, func, select

from monitor.pipeline import crawl
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import Article, DiscoveredUrl
from tests.fixture_server import Response, fixture_server

LIST = (
    b"<html><head><meta charset='utf-8'></head><body><ul class='news'><li><a href='/a/1.html'>1</a></li>"
    b"<li><a href='/a/2.html'>2</a></li><li><a href='/a/3.html'>3</a></li></ul></body></html>"
)
PARAGRAPHS = (
    "包头稀土高新区稀土新材料产业园今年新签约项目{n}个，总投资超过八十亿元。",
    "园区围绕永磁电机、抛光材料和储氢合金延伸产业链，引进上下游企业第{n}批。",
    "管委会表示，下一步将建设稀土功能材料中试基地，服务中小企业研发，编号{n}。",
)


def _article(n: int) -> bytes:
    body = "".join(f"<p>{p.format(n=n * 7)}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><meta charset='utf-8'></head><body><h1>包头稀土高新区新闻{n}</h1>"
        f"<div class='time'>2024-05-0{n} 10:00</div><div class='content'>{body}</div></body></html>"
    ).encode()


def test_item_commits_do_not_wait_for_the_disk_and_the_run_end_does(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    engine = db.make_engine(migrated_url)
    sqlite = engine.dialect.name == "sqlite"
    commits: list[bool] = []  # per commit: did it wait for the disk?

    @sa.event.listens_for(engine, "commit")
    def _durability(connection: sa.Connection) -> None:
        raw = connection.connection.driver_connection
        if sqlite:
            commits.append(raw.execute("PRAGMA synchronous").fetchone()[0] == 2)  # FULL
        else:
            with raw.cursor() as cursor:
                cursor.execute("SHOW synchronous_commit")
                commits.append(cursor.fetchone()[0] == "on")

    routes = {
        "/list.html": Response(200, LIST),
        **{f"/a/{n}.html": Response(200, _article(n)) for n in (1, 2, 3)},
    }
    try:
        with fixture_server(routes) as site:  # type: ignore[arg-type]
            sources = list(
                parse_sources(
                    f"sources:\n  - name: zone-news\n    kind: html\n    url: {site.base}/list.html\n"
                    '    links: "ul.news a"\n    rate_limit: 100\n'
                ).sources
            )
            results = crawl(settings_for(migrated_url), sources, engine)
        assert (results[0].fetched, results[0].errors) == (3, 0)
        # one per group of items handed to the database together (fetches already done join the group): 1 to 3
        assert 1 <= commits.count(False) <= 3, commits
        # the run's start (a source not seen before: its row) and its end; what it listed does not wait, as the items
        assert commits.count(True) == 2, commits
        assert commits[-1] is True  # the run's end: waits for the disk, and so flushes the items' commits too
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(Article)).one() == 3
            assert {row.state for row in session.exec(select(DiscoveredUrl)).all()} == {"fetched"}
    finally:
        engine.dispose()
