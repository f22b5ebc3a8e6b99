"""What a Chinese reader sees in a digest: Chinese sentences, source names rather than slugs or numbers, the
people a story names, a short subject prefix, dates as ``2022年11月14日 09:30`` in the reader's timezone."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from monitor.digest.build import DigestLinks, build_digest, source_label
from monitor.digest.delivery import send_digests
from monitor.digest.mailer import SmtpMailer
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.digest.wording import local_date
from monitor.items import DigestItem, PublishDate
from monitor.store import db
from monitor.timefmt import SHANGHAI
from tests.digest_helpers import smtp_sink, store_articles

LINKS = DigestLinks(unsubscribe="https://m.example/u/t", manage="https://m.example/m/t", web="https://m.example/w/t",
                    archive="https://m.example/a")
NOON = PublishDate(datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI), "minute")


def _item(article_id: int, **fields: object) -> DigestItem:
    values: dict[str, object] = {
        "title": f"高新区新闻{article_id}", "url": f"https://www.zgc.gov.cn/news/{article_id}.html", "source": "zgc.gov.cn",
        "published": NOON, "author": None, "author_post": None, "zone_names": ("中关村科技园区",),
        "lead": "中关村科技园区发布新一轮支持政策。"}
    values.update(fields)
    return DigestItem(article_id, **values)  # type: ignore[arg-type]


def _words_outside_links(text: str) -> list[str]:
    """Latin words left once URLs, addresses and host names are taken out: none should be English."""
    text = re.sub(r"https?://\S+|\S+@\S+|[\w.-]+\.(?:cn|com|org|net)\b", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def test_a_digest_reads_in_chinese_with_a_short_subject_names_and_people() -> None:
    items = [_item(1, people=("张三", "李四"), topic_names=("科技创新",),
                   also_published_by=("https://news.example.cn/a/1.html", "http://www.baotou.gov.cn/b/2.html")),
             _item(2, zone_names=(), title="没有高新区的文章"),
             *[_item(i) for i in range(3, 21)]]
    digest = build_digest(to_email="reader@example.org", to_name="王  读者", items=items, tz=SHANGHAI, links=LINKS)
    assert digest.subject == "【高新区动态】20篇新文章：中关村科技园区"
    assert "  " not in digest.subject
    text, html = digest.text, digest.html
    assert "本期有20篇关于国家高新区的新文章符合您的订阅条件。" in text
    assert "王 读者，您好：" in text
    assert "== 其他 ==" in text and "Other" not in text
    assert "中关村科技园区、科技创新 · 人物：张三、李四" in text and "人物：张三、李四" in html
    assert "另有2家网站刊发：news.example.cn https://news.example.cn/a/1.html；baotou.gov.cn" in text
    assert re.search(r'<a href="https://news.example.cn/a/1.html"[^>]*>news.example.cn</a>', html)  # a name, not "1"
    assert "2022年11月14日 09:30" in text
    assert "退订：https://m.example/u/t" in text
    assert _words_outside_links(text) == [], _words_outside_links(text)
    assert _words_outside_links(re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1].split(">", 1)[1])) == []


def test_dates_are_in_the_readers_timezone_and_only_as_precise_as_known() -> None:
    assert local_date(NOON, SHANGHAI) == "2022年11月14日 09:30"
    assert local_date(NOON, ZoneInfo("America/New_York")) == "2022年11月13日 20:30"
    day = PublishDate(datetime(2022, 3, 5, tzinfo=SHANGHAI), "day")
    assert local_date(day, SHANGHAI) == "2022年3月5日"
    assert local_date(PublishDate(datetime(2022, 3, 1, tzinfo=SHANGHAI), "month"), SHANGHAI) == "2022年3月"
    assert local_date(None, SHANGHAI) is None
    digest = build_digest(to_email="r@example.org", to_name=None, items=[_item(1)], tz=ZoneInfo("Europe/Berlin"),
                          links=LINKS)
    assert "2022年11月14日 02:30" in digest.text and "1篇新文章" in digest.subject


def test_a_source_is_shown_by_its_title_or_host_never_a_slug_or_number() -> None:
    assert source_label("https://www.zgc.gov.cn/news/1.html") == "zgc.gov.cn"
    assert source_label("https://www.zgc.gov.cn/news/1.html", "中关村管委会") == "中关村管委会"
    assert source_label("http://[::1/broken") == "http://[::1/broken"  # a malformed URL is shown as it is


def test_a_sent_digest_shows_the_stored_people_host_and_local_date(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [
        {"url": "https://www.zgc.gov.cn/news/9.html", "title": "中关村管委会主任调研企业", "zones": ["zhongguancun"],
         "body": "中关村管委会主任张三到企业调研，了解研发进展。" * 10, "people": ["张三"],
         "published": datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI)}])
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        add_subscriber(session, "ny@example.org", None, "America/New_York", SubscriptionFilters())
    with smtp_sink() as sink:
        result = send_digests(engine, settings_for(migrated_url), SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        [(_, message)] = sink.messages
    engine.dispose()
    assert result.sent == 1
    assert str(message["Subject"]) == "【高新区动态】1篇新文章：中关村科技园区"
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "zgc.gov.cn · 2022年11月13日 20:30" in body
    assert "人物：张三" in body and "zone-news" not in body


def test_a_digest_speaks_its_subscribers_language_through_the_catalogue() -> None:
    items = [_item(1, people=("张三",), also_published_by=("https://news.example.cn/a/1.html",)),
             _item(2, zone_names=(), title="没有高新区的文章")]
    english = build_digest(to_email="r@example.org", to_name="Wang", items=items, tz=SHANGHAI, links=LINKS,
                           language="en")
    assert english.subject == "[Zone news] 2 new articles: 中关村科技园区"
    assert "Hello Wang," in english.text
    assert "2 new articles about national high-tech zones match your subscription." in english.text
    assert "== Other ==" in english.text and "People: 张三" in english.text
    assert "Also published by 1 site: news.example.cn https://news.example.cn/a/1.html" in english.text
    assert "14 Nov 2022 09:30" in english.text and "Unsubscribe: https://m.example/u/t" in english.text
    assert '<html lang="en">' in english.html and "您好" not in english.text + english.html
    chinese = build_digest(to_email="r@example.org", to_name=None, items=items, tz=SHANGHAI, links=LINKS)
    assert '<html lang="zh-CN">' in chinese.html and "== 其他 ==" in chinese.text and "Hello" not in chinese.text


def test_a_subscriber_who_chose_english_is_sent_an_english_digest(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [
        {"url": "https://www.zgc.gov.cn/news/9.html", "title": "中关村管委会主任调研企业", "zones": ["zhongguancun"],
         "body": "中关村管委会主任张三到企业调研，了解研发进展。" * 10}])
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        add_subscriber(session, "en@example.org", None, "Asia/Shanghai", SubscriptionFilters(), language="en")
    with smtp_sink() as sink:
        result = send_digests(engine, settings_for(migrated_url), SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        [(_, message)] = sink.messages
    engine.dispose()
    assert result.sent == 1
    assert str(message["Subject"]) == "[Zone news] 1 new article: 中关村科技园区"
    assert "1 new article about national high-tech zones matches your subscription." in \
        message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
