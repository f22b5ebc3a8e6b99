"""Related coverage on the web (issue 19), over real HTTP from the running app: the archive and the front page show
an event once, its other reports listed under it by outlet name with their links, as a digest does."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path

import httpx
from sqlmodel import Session

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import ExtractedArticle, PublishDate
from monitor.settings import Settings
from monitor.store import Articles, Sources, db
from monitor.tag import tag_article
from monitor.timefmt import utcnow
from tests.test_web import web_app  # noqa: F401  (fixture)

EVENTS = {
    item["id"]: item
    for item in map(
        json.loads,
        (Path(__file__).parent / "data" / "dedup" / "events.jsonl").read_text(encoding="utf-8").splitlines(),
    )
}
# one groundbreaking reported by four outlets (one without a display name: its host is shown), and another
# story of the zone that week
OUTLETS = [
    ("hefei-site", None, "event-2-r0"),
    ("keji", "科技日报", "event-2-r1"),
    ("jingji", "经济日报", "event-2-r2"),
    ("gaoxin", "中国高新网", "event-2-r3"),
    ("hefei-site", None, "event-2-distractor"),
]


def _crawl(url: str) -> None:
    """The reports through dedup, tagging and storage, as a crawl stores them."""
    engine = db.make_engine(url)
    with Session(engine) as session:
        articles, dedup = Articles(session), Deduplicator(session, DedupConfig())
        for slug, title, key in OUTLETS:
            item = EVENTS[key]
            article = ExtractedArticle(
                url=f"https://www.{slug}.example/{key}",
                title=item["title"],
                body=item["body"],
                published=PublishDate(datetime.fromisoformat(item["published_at"]), "minute"),
            )
            source = Sources(session).row(slug, "html", title)
            articles.store_article(article, dedup.check(article), tag_article(article), source, utcnow())
            session.commit()
    engine.dispose()


def _stories(page: str) -> list[tuple[str, str]]:
    """(headline, related-coverage line or "") of each story on a page."""
    found = []
    for item in re.findall(
        r'<div class="item">(.*?)</div>\s*(?=<div class="item">|<p>|</section>)', page, re.S
    ):
        headline = re.search(r'<a href="[^"]*">([^<]*)</a>', item)
        also = re.search(r'<div class="also">(.*)', item, re.S)
        found.append((html.unescape(headline.group(1)) if headline else "", also.group(1) if also else ""))
    return found


def test_the_archive_and_front_page_show_an_event_once_with_its_other_reports(
    web_app: tuple[str, Settings],  # noqa: F811
    migrated_url: str,
) -> None:
    _crawl(migrated_url)
    base, _settings = web_app
    with httpx.Client(base_url=base) as client:
        archive = client.get("/archive")
        home = client.get("/").text
        english = client.get("/archive", params={"lang": "en"}).text
    assert archive.status_code == 200
    stories = _stories(archive.text)
    # the newest report stands for the event; the week's other story is its own item, with no related line
    assert [title for title, _ in stories] == [
        EVENTS["event-2-r3"]["title"],
        EVENTS["event-2-distractor"]["title"],
    ]
    related = stories[0][1]
    assert related.startswith("另有3篇报道：")
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', related) == [
        (
            "https://www.hefei-site.example/event-2-r0",
            "hefei-site.example",
        ),  # no display name: the page's host
        ("https://www.keji.example/event-2-r1", "科技日报"),
        ("https://www.jingji.example/event-2-r2", "经济日报"),
    ]
    assert stories[1][1] == ""
    assert _stories(home)[:2] == stories  # the front page's latest stories likewise
    assert _stories(english)[0][1].startswith("3 other reports: ")


def test_the_archive_filtered_to_one_report_still_lists_the_others(
    web_app: tuple[str, Settings],  # noqa: F811
    migrated_url: str,
) -> None:
    _crawl(migrated_url)
    base, _settings = web_app
    with httpx.Client(base_url=base) as client:
        page = client.get(
            "/archive", params={"q": "动员会"}
        ).text  # only the 经济日报 report's headline says it
    [(title, related)] = _stories(page)
    assert title == EVENTS["event-2-r2"]["title"]
    assert related.startswith("另有3篇报道：") and "中国高新网" in related and "经济日报" not in related
