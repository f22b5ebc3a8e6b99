"""A multi-piece e-paper page is crawled into one stored article per signed piece."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from monitor.pipeline import crawl
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import Article
from tests.fixture_server import Response, fixture_server

PAGE = (Path(__file__).parent / "data" / "extraction" / "epaper-page.html").read_bytes()


def test_each_piece_is_its_own_article(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    edition = b'<html><head><meta charset="utf-8"></head><body><div id="list"><a href="/page5.html">5</a></div></body></html>'
    with fixture_server({"/edition.html": Response(200, edition, {"Content-Type": "text/html; charset=utf-8"}),
                         "/page5.html": Response(200, PAGE, {"Content-Type": "text/html"})}) as site:
        sources = parse_sources(f"""sources:
  - name: paper
    kind: html
    url: {site.base}/edition.html
    links: "#list a"
    rate_limit: 100
""").sources
        engine = db.make_engine(migrated_url)
        result = crawl(settings_for(migrated_url), list(sources), engine)[0]
    assert result.error is None and result.errors == 0
    with Session(engine) as session:
        rows = session.exec(select(Article).order_by(Article.url)).all()
    engine.dispose()
    assert len(rows) >= 2 and result.new == len(rows)
    assert [r.url.rsplit("#", 1)[1] for r in rows] == [f"piece-{n}" for n in range(1, len(rows) + 1)]
    assert all(r.title and r.author and r.body for r in rows)
    bodies = [r.body for r in rows]
    assert len(set(bodies)) == len(bodies)  # no piece's text repeated as another piece
