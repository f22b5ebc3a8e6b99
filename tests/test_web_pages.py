"""The subscriber pages over real HTTP, as a browser without JavaScript posts them: the manage page keeps what the
person did not edit, subscriptions are added and removed, unknown choices are refused with the valid ones while
the form keeps what was typed, the front page, the archive's filters and pages, and the language of a page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import httpx
import pytest
from sqlmodel import Session

from monitor.digest.subscribers import SubscriptionFilters, add_subscriber, list_subscribers
from monitor.digest.tokens import make_token
from monitor.store import db
from monitor.timefmt import SHANGHAI
from tests.digest_helpers import store_articles
from tests.test_web import _manage_form, _subscriber, web_app  # noqa: F401  (fixture)

EVERY_FILTER = SubscriptionFilters(frequency="weekly", zones=("baoji", "baotouxitu"), provinces=("江苏省",),
                                   cities=("宝鸡市",), topics=("talent",), people=("张三",), keywords=("稀土,新材料", "钛"),
                                   exclude=("招聘",), match="all", types=("policy", "interview"), sources=("zone-news",),
                                   hour=6, weekday=4)
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # no database rule of its own


def _views(url: str):  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    with Session(engine) as session:
        views = {v.email: v for v in list_subscribers(session)}
    engine.dispose()
    return views


def _add(url: str, email: str, *filters: SubscriptionFilters, **options: str) -> int:
    engine = db.make_engine(url)
    with Session(engine) as session:
        for item in filters:
            subscriber, _ = add_subscriber(session, email, options.get("name"), options.get("tz", "Asia/Shanghai"), item,
                                           language=options.get("language", "zh-CN"))
        subscriber_id = subscriber.id
    engine.dispose()
    assert subscriber_id is not None
    return subscriber_id


def test_the_manage_page_shows_every_subscription_and_saves_only_what_was_edited(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base, settings = web_app
    other = SubscriptionFilters(frequency="immediate", keywords=("孵化器",))
    subscriber_id = _add(migrated_url, "m@example.com", EVERY_FILTER, other, name="读者")
    token = make_token(settings.secret_key, "manage", subscriber_id)
    with httpx.Client(base_url=base) as client:
        page = client.get(f"/manage/{token}").text
        form = _manage_form(page)
        first, second = form["subscription"]
        for value in ('value="baoji" checked', 'value="baotouxitu" checked', 'value="江苏省" checked',
                      'value="talent" checked', 'value="policy" checked', 'value="interview" checked',
                      'value="稀土,新材料, 钛"', 'value="招聘"', 'value="宝鸡市"', 'value="张三"', 'value="zone-news"',
                      f'name="s{first}-match" value="all" checked', 'value="孵化器"', "人才"):
            assert value in page, value
        assert form[f"s{first}-weekday"] == ["4"] and form[f"s{first}-hour"] == ["6"]
        assert form[f"s{second}-frequency"] == ["immediate"]

        # meanwhile the CLI changes the first subscription; the person edits only the second one's hour
        engine = db.make_engine(migrated_url)
        with Session(engine) as session:
            from monitor.store.models import Subscription

            row = session.get(Subscription, int(first))
            row.exclude_json = '["广告"]'  # type: ignore[union-attr]
            session.add(row)
            session.commit()
        engine.dispose()
        form[f"s{second}-hour"] = ["20"]
        saved = client.post(f"/manage/{token}", data=form)
        assert saved.status_code == 200 and "您的订阅已更新" in saved.text
    [first_after, second_after] = _views(migrated_url)["m@example.com"].subscriptions
    assert first_after == replace(EVERY_FILTER, exclude=("广告",))
    assert first_after.keywords == ("稀土,新材料", "钛")  # a comma inside a keyword set from the CLI survives
    assert second_after == SubscriptionFilters(frequency="immediate", keywords=("孵化器",), hour=20)


def test_subscriptions_are_added_and_removed_on_the_manage_page(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base, settings = web_app
    subscriber_id = _add(migrated_url, "two@example.com", EVERY_FILTER)
    token = make_token(settings.secret_key, "manage", subscriber_id)
    with httpx.Client(base_url=base) as client:
        added = client.post(f"/manage/{token}", data={"add": "1"})
        assert added.status_code == 200 and added.text.count('name="subscription"') == 2
        assert _views(migrated_url)["two@example.com"].subscriptions == (EVERY_FILTER, SubscriptionFilters())
        first = _manage_form(added.text)["subscription"][0]
        removed = client.post(f"/manage/{token}", data={"remove": first})
        assert removed.status_code == 200 and removed.text.count('name="subscription"') == 1
    assert _views(migrated_url)["two@example.com"].subscriptions == (SubscriptionFilters(),)


@SQLITE_ONLY
def test_unknown_choices_are_refused_with_the_valid_ones_and_the_form_keeps_what_was_typed(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        posted = {"email": "new@example.com", "topics": ["talent", "no-such-topic"], "provinces": ["火星省"],
                  "types": ["rumour"], "zone_search": "不存在高新区", "keywords": "稀土, 钛", "timezone": "Mars/Base"}
        refused = client.post("/subscribe", data=posted)
        assert refused.status_code == 400
        page = refused.text
        assert "未知的高新区“不存在高新区”" in page and "未知的主题：no-such-topic。可选：" in page and "人才" in page
        assert "未知的省份：火星省。可选：" in page and "江苏省" in page and "未知的内容类型：rumour。可选：" in page
        assert "未知的时区“Mars/Base”" in page
        for kept in ('value="new@example.com"', 'value="不存在高新区"', 'value="稀土, 钛"', 'value="talent" checked',
                     'value="Mars/Base"'):
            assert kept in page, kept
        english = client.post("/subscribe?lang=en", data=posted).text
        assert "Unknown topics: no-such-topic. Valid choices:" in english and "Talent" in english
        assert _subscriber(migrated_url, "new@example.com") is None

        subscriber_id = _add(migrated_url, "m@example.com", EVERY_FILTER)
        token = make_token(settings.secret_key, "manage", subscriber_id)
        form = _manage_form(client.get(f"/manage/{token}").text)
        [sid] = form["subscription"]
        form[f"s{sid}-topics"] = ["no-such-topic"]
        form[f"s{sid}-keywords"] = ["改过的词"]
        bad = client.post(f"/manage/{token}", data=form)
        assert bad.status_code == 400 and "未知的主题：no-such-topic" in bad.text and 'value="改过的词"' in bad.text
    assert _views(migrated_url)["m@example.com"].subscriptions == (EVERY_FILTER,)  # nothing saved


@SQLITE_ONLY
def test_front_page_and_archive_filters_pages_and_dates(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base, _settings = web_app
    start = datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI)
    store_articles(migrated_url, [{"url": f"http://n.example.cn/{n}.html", "title": f"宝鸡高新区新闻{n:02d}",
                                   "body": f"宝鸡高新区第{n}条消息。", "zones": ["baoji"], "published": start - timedelta(days=n)}
                                  for n in range(45)])
    store_articles(migrated_url, [{"url": "http://n.example.cn/p.html", "title": "包头稀土高新区人才政策", "body": "人才新政。",
                                   "zones": ["baotouxitu"], "topics": ["talent"],
                                   "content_type": "policy", "published": start + timedelta(days=1)}])
    with httpx.Client(base_url=base) as client:
        home = client.get("/").text
        assert "本服务每天浏览" in home and 'name="email"' in home and "包头稀土高新区人才政策" in home
        assert "2022年11月15日 09:30" in home  # dates as readers write them, in Shanghai time
        first = client.get("/archive").text
        assert first.count('class="item"') == 20 and 'rel="next"' in first and 'rel="prev"' not in first
        last = client.get("/archive", params={"page": "3"}).text
        assert last.count('class="item"') == 6 and 'rel="next"' not in last and 'rel="prev"' in last
        by_alias = client.get("/archive", params={"zone": "宝鸡高新区", "q": "新闻07"}).text
        assert by_alias.count('class="item"') == 1 and "宝鸡高新区新闻07" in by_alias
        by_province = client.get("/archive", params={"province": "内蒙古自治区"}).text
        assert by_province.count('class="item"') == 1 and "包头稀土高新区人才政策" in by_province
        assert client.get("/archive", params={"topic": "talent", "type": "policy"}).text.count('class="item"') == 1
        assert client.get("/archive", params={"type": "notice"}).text.count('class="item"') == 0
        unknown = client.get("/archive", params={"topic": "nope", "q": "保留的词"})
        assert unknown.status_code == 400 and "未知的主题：nope" in unknown.text and 'value="保留的词"' in unknown.text
        paged = client.get("/archive", params={"zone": "baoji", "page": "2", "lang": "en"}).text
        assert 'href="/archive?zone=baoji&amp;page=3&amp;lang=en"' in paged and " Oct 2022 09:30" in paged


@SQLITE_ONLY
def test_a_page_speaks_the_language_asked_for_then_remembers_it(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        assert '<html lang="zh-CN">' in client.get("/subscribe").text and "订阅" in client.get("/subscribe").text
        english = client.get("/subscribe", params={"lang": "en"})
        assert '<html lang="en">' in english.text and "Email address" in english.text
        assert '<option value="en" lang="en" selected>' in english.text  # the subscriber's language defaults to the page's
        assert "Search titles and text" in client.get("/archive").text  # remembered (a cookie)
        client.post("/subscribe", data={"email": "en@example.com", "language": "en"})
    row = _subscriber(migrated_url, "en@example.com")
    assert row is not None and row.language == "en"
    with httpx.Client(base_url=base) as fresh:  # a manage link speaks its subscriber's language
        assert "Your subscriptions" in fresh.get(f"/manage/{make_token(settings.secret_key, 'manage', row.id)}").text  # type: ignore[arg-type]


def test_each_subscription_on_the_manage_page_links_its_own_signed_feed(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    import re

    import feedparser

    base, settings = web_app
    store_articles(migrated_url, [{"url": "https://www.zgc.gov.cn/news/1.html", "title": "中关村发布新政策",
                                   "zones": ["zhongguancun"], "body": "中关村管委会发布支持企业创新的新政策。" * 8}])
    subscriber_id = _add(migrated_url, "feeds@example.com", SubscriptionFilters(zones=("zhongguancun",)),
                         SubscriptionFilters(zones=("hefei",)))
    token = make_token(settings.secret_key, "manage", subscriber_id)
    with httpx.Client(base_url=base) as client:
        page = client.get(f"/manage/{token}").text
        links = re.findall(r'<a href="([^"]+/feeds/s/[^"]+\.atom)"', page)
        assert len(links) == 2 and links[0] != links[1]
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="[^"]+/feeds/s/', page)
        feeds = [feedparser.parse(client.get(httpx.URL(link).path).text) for link in links]
    assert [not feed.bozo for feed in feeds] == [True, True]
    assert [entry.title for entry in feeds[0].entries] == ["中关村发布新政策"] and feeds[1].entries == []
