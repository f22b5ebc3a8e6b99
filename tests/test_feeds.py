"""Atom feeds per zone, per topic and per subscription, over HTTP (Starlette's TestClient), parsed with feedparser."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from sqlmodel import Session, select

with warnings.catch_warnings():  # Starlette's note that it will prefer httpx2: the client works as it is
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from monitor.digest.build import make_lead
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import Subscription
from monitor.timefmt import SHANGHAI
from monitor.web.app import create_app
from monitor.web.feeds import subscription_feed_url
from tests.digest_helpers import store_articles

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST = "中关村科技园区发布新一轮支持政策，鼓励企业加大研发投入。政策明确了研发费用补贴的比例和上限。"
SECRET_LATER = "这一句在第三句之后，只属于正文，不应出现在订阅源的摘要里。"
BODY = FIRST + "会议还听取了各园区的工作汇报，并部署了下一阶段的重点任务和考核办法，要求各单位抓好落实。" * 3 + SECRET_LATER


@pytest.fixture
def client(migrated_url: str, settings_for) -> Iterator[tuple[TestClient, Settings]]:  # type: ignore[no-untyped-def]
    settings = settings_for(migrated_url, base_url="http://feeds.example")
    store_articles(migrated_url, [
        {"url": "https://www.zgc.gov.cn/news/1.html", "title": "中关村发布<新政>", "body": BODY, "zones": ["zhongguancun"],
         "topics": ["electronic-information"], "people": ["张三"],
         "published": datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI)},
        {"url": "https://news.example.cn/a/2.html", "title": "中关村企业走访", "body": BODY + "二", "zones": ["zhongguancun"],
         "published": datetime(2022, 11, 13, 8, 0, tzinfo=SHANGHAI)},
        {"url": "https://tj.example.cn/3.html", "title": "天津滨海高新区\x0b签约", "body": BODY + "三",
         "zones": ["tianjinbinhai"], "topics": ["electronic-information"]},
    ])
    with TestClient(create_app(settings)) as test_client:
        yield test_client, settings


def _parsed(response) -> feedparser.FeedParserDict:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    _assert_atom_requirements(response.content)
    return feed


def _assert_atom_requirements(document: bytes) -> None:
    """What RFC 4287 requires of a feed and its entries: id, title, updated; an author on each entry or the feed."""
    root = etree.fromstring(document)
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.iter(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{required}") is not None, (element.tag, required)
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='self']") is not None


def test_a_zone_feed_lists_its_stories_with_source_tags_and_lead_only(client) -> None:  # type: ignore[no-untyped-def]
    test_client, _ = client
    feed = _parsed(test_client.get("/feeds/zone/zhongguancun.atom"))
    assert "中关村科技园区" in feed.feed.title
    assert [e.link for e in feed.entries] == ["https://www.zgc.gov.cn/news/1.html", "https://news.example.cn/a/2.html"]
    first = feed.entries[0]
    assert first.title == "中关村发布<新政>"
    assert first.published_parsed[:5] == (2022, 11, 14, 1, 30)  # 09:30 in Shanghai, in UTC
    assert first.source.title == "zgc.gov.cn"  # the host: no source title yet, never the slug 'zone-news'
    terms = {tag.term for tag in first.tags}
    assert {"zhongguancun", "electronic-information", "张三"} <= terms
    assert any(tag.label == "中关村科技园区" for tag in first.tags)
    assert first.summary == make_lead(BODY) and first.summary.startswith(FIRST[:20])
    assert SECRET_LATER not in first.summary and "content" not in first  # the lead, not the whole body
    # a name of the zone is as good as its id
    assert len(_parsed(test_client.get("/feeds/zone/中关村.atom")).entries) == 2


def test_a_topic_feed_and_a_control_character_in_a_title_still_make_valid_atom(client) -> None:  # type: ignore[no-untyped-def]
    test_client, _ = client
    feed = _parsed(test_client.get("/feeds/topic/electronic-information.atom"))
    assert sorted(e.title for e in feed.entries) == ["中关村发布<新政>", "天津滨海高新区签约"]


def test_unknown_zones_topics_and_tokens_are_404_with_a_clear_message(client) -> None:  # type: ignore[no-untyped-def]
    test_client, _ = client
    zone = test_client.get("/feeds/zone/atlantis.atom")
    assert zone.status_code == 404 and "没有这个高新区：atlantis" in zone.text and "monitor zones list" in zone.text
    topic = test_client.get("/feeds/topic/alchemy.atom")
    assert topic.status_code == 404 and "没有这个主题：alchemy" in topic.text
    assert "electronic-information（电子信息）" in topic.text  # the valid choices, with their labels
    assert test_client.get("/feeds/s/1.abc.AAAAAAAAAAAAAAAAAAAAAAAA.atom").status_code == 404


def test_a_subscription_feed_shows_what_its_filters_match_and_its_link_is_signed(client, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    test_client, settings = client
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        add_subscriber(session, "feed@example.com", None, "Asia/Shanghai", SubscriptionFilters(zones=("tianjinbinhai",)))
        subscription_id = session.exec(select(Subscription.id)).one()
    engine.dispose()
    assert subscription_id is not None
    url = subscription_feed_url(settings, subscription_id)
    assert url.startswith("http://feeds.example/feeds/s/") and url.endswith(".atom")
    path = url.removeprefix("http://feeds.example")
    feed = _parsed(test_client.get(path))
    assert [e.title for e in feed.entries] == ["天津滨海高新区签约"]
    tampered = re.sub(r"^(/feeds/s/)(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1}", path)
    assert test_client.get(tampered).status_code == 404
    manage_token = path.removeprefix("/feeds/s/").removesuffix(".atom")  # a feed token is no manage token
    assert test_client.get(f"/manage/{manage_token}").status_code == 404


def test_the_archive_links_its_feed(client) -> None:  # type: ignore[no-untyped-def]
    test_client, _ = client
    page = test_client.get("/archive", params={"zone": "中关村"})
    found = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', page.text)
    assert found and found[1] == "/feeds/zone/zhongguancun.atom"
    assert len(_parsed(test_client.get(found[1])).entries) == 2
    everything = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"',
                           test_client.get("/archive").text)
    assert everything and len(_parsed(test_client.get(everything[1])).entries) == 3


def test_feeds_are_plain_handlers_run_in_the_thread_pool() -> None:
    """Database reads must never block the event loop (the scheduler shares it under `monitor serve`)."""
    import inspect

    from monitor.web.feeds import feed_routes

    settings = Settings(database_url=f"sqlite:///{Path('/nonexistent/x.db')}")
    for route in feed_routes(settings, None):  # type: ignore[arg-type]
        assert not inspect.iscoroutinefunction(route.endpoint), route.path
