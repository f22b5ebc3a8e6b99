"""`monitor demo`: the whole pipeline on the embedded default, against the bundled offline site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.demo.server import DemoSite, serve_demo_site
from monitor.digest.delivery import send_digests
from monitor.digest.mailer import mailer_for
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.digest.wording import DEMO_LINES
from monitor.pipeline import crawl
from monitor.settings import Settings
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import Article, ArticleZone, DiscoveredUrl, Source

__all__ = ["run_demo", "DEMO_SUBSCRIBER"]

DEMO_SUBSCRIBER = "demo@example.com"


def _ports_of_last_run(engine: Engine) -> tuple[int, int]:
    """The ports the demo sites had when this database stored their items (0: none stored yet).

    Serving on them again keeps the demo's URLs, and so its stored articles, the same from one run to
    the next. Not fixed ports: every demo on a machine (other users, parallel test runs) would want the
    same ones, and one that finds them taken would store every article again under new URLs."""
    placeholder = DemoSite("http://127.0.0.1:1", "http://127.0.0.1:2")  # port 1: site A, port 2: site B
    site_of = {s.name: (urlsplit(s.url).port or 1) - 1 for s in parse_sources(placeholder.sources_yaml()).sources}
    ports = [0, 0]
    with Session(engine) as session:
        for name, site in site_of.items():
            url = session.exec(select(DiscoveredUrl.url).join(Source, col(Source.id) == col(DiscoveredUrl.source_id))
                               .where(Source.name == name).limit(1)).first()
            if url and not ports[site]:
                ports[site] = urlsplit(url).port or 0
    return ports[0], ports[1]


def run_demo(settings: Settings, console: Console) -> None:
    say = DEMO_LINES
    settings = settings.model_copy(update={"allow_private_hosts": True})
    console.print(f"[bold]1/5[/bold] {say['upgrade'].format(url=settings.database_url)}")
    before, after = db.upgrade(settings.database_url)
    console.print(say["revision"].format(after=after, was="" if before == after else say["was"].format(before=before or "空")))
    engine = db.make_engine(settings.database_url)
    try:
        last = _ports_of_last_run(engine)
        with serve_demo_site(ports=last) as site:
            console.print(f"[bold]2/5[/bold] {say['serving'].format(a=site.site_a, b=site.site_b)}")
            moved = [f"{port}" for port, now in zip(last, (site.site_a, site.site_b), strict=True)
                     if port and urlsplit(now).port != port]
            if moved:
                console.print(say["moved"].format(ports="、".join(moved)))
            sources_text = site.sources_yaml()
            demo_sources = Path(settings.outbox).parent / "demo-sources.yaml"
            demo_sources.parent.mkdir(parents=True, exist_ok=True)
            demo_sources.write_text(sources_text, encoding="utf-8")
            sources = parse_sources(sources_text, str(demo_sources)).sources
            console.print(f"[bold]3/5[/bold] {say['crawling'].format(count=len(sources))}")
            with console.status("抓取中 / crawling") as status:
                results = crawl(settings, list(sources), engine, lambda name, what: status.update(f"[{name}] {what}"))
        for result in results:
            console.print(say["result"].format(name=result.name, listed=result.discovered, fetched=result.fetched, new=result.new,
                                               duplicates=result.duplicates, errors=result.errors)
                          + (say["failed"].format(error=result.error) if result.error else ""))
        with Session(engine) as session:
            add_subscriber(session, DEMO_SUBSCRIBER, "演示用户", "Asia/Shanghai", SubscriptionFilters(frequency="daily"))
        console.print(f"[bold]4/5[/bold] {say['subscriber'].format(email=DEMO_SUBSCRIBER)}")
        outcome = send_digests(engine, settings, mailer_for(settings), frequency="daily",
                               force=True)
        where = say["via_smtp"] if settings.smtp_url else say["to_outbox"].format(outbox=settings.outbox)
        console.print(f"[bold]5/5[/bold] {say['digests'].format(sent=outcome.sent, where=where)}"
                      + (say["already"].format(count=outcome.already_sent) if outcome.already_sent else ""))
        with Session(engine) as session:
            articles = session.exec(select(func.count()).select_from(Article)).one()
            duplicates = session.exec(select(func.count()).select_from(Article).where(col(Article.duplicate_of_id).is_not(None))).one()
            tags = session.exec(select(func.count()).select_from(ArticleZone)).one()
        console.print(say["summary"].format(sources=len(sources), articles=articles, duplicates=duplicates, tags=tags,
                                            sent=outcome.sent))
    finally:
        engine.dispose()
