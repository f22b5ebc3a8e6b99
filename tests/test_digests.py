"""Digests against a real SMTP server on loopback (aiosmtpd), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from sqlmodel import Session, select

from monitor.digest.delivery import send_digests
from monitor.digest.mailer import SmtpMailer
from monitor.digest.subscribers import (
    SubscriptionFilters,
    add_subscriber,
    erase_subscriber,
    export_subscriber,
    find_subscriber,
)
from monitor.store import db
from monitor.store.models import Delivery, Subscriber
from tests.conftest import run_cli
from tests.digest_helpers import smtp_sink, store_articles

BAOTOU = {"url": "http://news.example.cn/1.html", "title": "包头稀土高新区稀土产业产值增长三成",
          "body": "本报讯 包头稀土高新区前三季度稀土产业产值同比增长逾三成。一批稀土新材料项目开工。", "zones": ["baotouxitu"]}
BAOJI = {"url": "http://news.example.cn/2.html", "title": "宝鸡高新区钛产业项目加快建设",
         "body": "宝鸡高新区钛及钛合金产业链项目加快建设，中国钛谷再扩容。", "zones": ["baoji"]}
WUHAN = {"url": "http://news.example.cn/3.html", "title": "光谷发布光电子信息产业新政",
         "body": "东湖高新区发布支持光电子信息产业发展的若干措施，涉及人才与金融。", "zones": ["donghu"]}


def _add(url: str, email: str, **filters: object) -> None:
    engine = db.make_engine(url)
    with Session(engine) as session:
        add_subscriber(session, email, None, "Asia/Shanghai", SubscriptionFilters(**filters))  # type: ignore[arg-type]
    engine.dispose()


def _send(url: str, settings, port: int, **kwargs: object):  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    try:
        return send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{port}", timeout=5), force=True, **kwargs)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _body(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body(("plain",)).get_content()


def test_each_subscriber_gets_what_matches_once(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU, BAOJI, WUHAN])
    _add(migrated_url, "rare@example.com", zones=("baotouxitu",))
    _add(migrated_url, "shaanxi@example.com", provinces=("陕西省",))
    _add(migrated_url, "talent@example.com", keywords=("人才", "金融"), match="all")
    _add(migrated_url, "notitan@example.com", exclude=("钛",))
    _add(migrated_url, "nothing@example.com", keywords=("区块链",))
    settings = settings_for(migrated_url)
    with smtp_sink() as sink:
        result = _send(migrated_url, settings, sink.port)
        assert (result.sent, result.skipped_empty, result.failed) == (4, 1, 0)
        got = {rcpt[0]: _body(message) for rcpt, message in sink.messages}
        assert BAOTOU["title"] in got["rare@example.com"] and BAOJI["title"] not in got["rare@example.com"]
        assert BAOJI["title"] in got["shaanxi@example.com"] and BAOTOU["title"] not in got["shaanxi@example.com"]
        assert WUHAN["title"] in got["talent@example.com"] and BAOTOU["title"] not in got["talent@example.com"]
        assert BAOJI["title"] not in got["notitan@example.com"] and WUHAN["title"] in got["notitan@example.com"]
        assert "nothing@example.com" not in got
        again = _send(migrated_url, settings, sink.port)
        assert again.sent == 0 and len(sink.messages) == 4  # a period is never sent twice


def test_email_is_well_formed_and_scraped_text_is_inert(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    evil = dict(BAOTOU, url="http://news.example.cn/evil.html",
                title="包头稀土高新区\r\nBcc: victim@example.com\n<script>alert(1)</script><img src=x onerror=alert(2)>")
    store_articles(migrated_url, [evil])
    _add(migrated_url, "reader@example.com")
    with smtp_sink() as sink:
        _send(migrated_url, settings_for(migrated_url), sink.port)
        [(rcpts, message)] = sink.messages
    assert rcpts == ["reader@example.com"]
    assert message["Bcc"] is None and "\n" not in str(message["Subject"])
    assert message.get_content_type() == "multipart/alternative"
    for header in ("Date", "Message-ID", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert message[header], header
    html = message.get_body(("html",)).get_content()
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;" in html
    html5lib.HTMLParser(strict=True).parse(html)  # raises on any parse error
    assert 'style="' in html and "<style" not in html  # CSS inlined
    assert len(html.encode()) < 100_000


class DiesOnCall(SmtpMailer):
    """A sender whose process dies (KeyboardInterrupt) at one send, after its row says 'sending'."""

    die_at = 2
    calls = 0

    def send(self, message):  # type: ignore[no-untyped-def]
        DiesOnCall.calls += 1
        if DiesOnCall.calls == DiesOnCall.die_at:
            raise KeyboardInterrupt
        super().send(message)


def _states(engine) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return sorted((d.state, d.attempts) for d in session.exec(select(Delivery)).all())


def test_crash_between_record_and_send_resends_same_message_id(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "a@example.com")
    _add(migrated_url, "b@example.com")
    settings = settings_for(migrated_url)
    with smtp_sink() as sink:
        engine = db.make_engine(migrated_url)
        DiesOnCall.calls, DiesOnCall.die_at = 0, 2
        with pytest.raises(KeyboardInterrupt):
            send_digests(engine, settings, DiesOnCall(f"smtp://127.0.0.1:{sink.port}"), force=True)
        assert _states(engine) == [("sending", 1), ("sent", 1)]
        send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        with Session(engine) as session:
            deliveries = session.exec(select(Delivery)).all()
        engine.dispose()
    ids = [str(m["Message-ID"]) for _, m in sink.messages]
    assert sorted(r[0] for r, _ in sink.messages) == ["a@example.com", "b@example.com"]
    assert len(set(ids)) == 2 and set(ids) == {d.message_id for d in deliveries}
    assert all(d.state == "sent" for d in deliveries)


def test_a_row_found_sending_twice_is_not_resent_again(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "a@example.com")
    settings = settings_for(migrated_url)
    with smtp_sink() as sink:
        engine = db.make_engine(migrated_url)
        for attempt in (1, 2):
            DiesOnCall.calls, DiesOnCall.die_at = 0, 1
            with pytest.raises(KeyboardInterrupt):
                send_digests(engine, settings, DiesOnCall(f"smtp://127.0.0.1:{sink.port}"), force=True)
            assert _states(engine) == [("sending", attempt)]
        send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        assert _states(engine) == [("abandoned", 2)] and sink.messages == []
        send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        assert _states(engine) == [("abandoned", 2)] and sink.messages == []
        engine.dispose()


def test_smtp_down_then_back_delivers_everything(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import free_port

    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "a@example.com")
    settings = settings_for(migrated_url)
    port = free_port()
    down = _send(migrated_url, settings, port)  # nothing listens yet
    assert down.failed == 1 and down.sent == 0
    with smtp_sink(port) as sink:
        back = _send(migrated_url, settings, port)
        assert back.sent == 1 and len(sink.messages) == 1
        assert _send(migrated_url, settings, port).sent == 0


def test_permanent_bounce_does_not_block_others(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "bounce@example.com")
    _add(migrated_url, "good@example.com")
    with smtp_sink() as sink:
        sink.mode = "reject-550"
        result = _send(migrated_url, settings_for(migrated_url), sink.port)
        assert result.sent == 1 and result.failed == 1
        assert [r for r, _ in sink.messages] == [["good@example.com"]]
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        bounced = session.exec(select(Subscriber).where(Subscriber.email == "bounce@example.com")).one()
        assert bounced.bounces == 1
        assert {d.state for d in session.exec(select(Delivery)).all()} == {"sent", "bounced"}
    engine.dispose()


def test_an_address_is_one_subscriber_whatever_its_case(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        first, created = add_subscriber(session, " Reader@Example.COM ", None, "Asia/Shanghai", SubscriptionFilters())
        assert created and first.email == "Reader@example.com"  # the domain has no case; the local part as typed
        again, created = add_subscriber(session, "reader@example.com", None, "Asia/Shanghai",
                                        SubscriptionFilters(zones=("baotouxitu",)))
        assert not created and again.id == first.id
        found = find_subscriber(session, "READER@EXAMPLE.COM")
        assert found is not None and found.id == first.id
        assert len(session.exec(select(Subscriber)).all()) == 1
        assert erase_subscriber(session, "rEADER@example.com")
        assert find_subscriber(session, "Reader@example.com") is None
    engine.dispose()


def test_subscriber_cli_export_remove_erase(tmp_path: Path) -> None:
    """The commands on one subscriber: an unknown address is exit 2 naming it, for each of them."""
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    assert run_cli("subscribers", "add", "one@example.com", "--zone", "baotouxitu", env=env, cwd=tmp_path).returncode == 0
    exported = run_cli("subscribers", "export", "one@example.com", env=env, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["subscriptions"][0]["zones"] == ["baotouxitu"]
    removed = run_cli("subscribers", "remove", "one@example.com", env=env, cwd=tmp_path)
    assert removed.returncode == 0 and "removed one@example.com" in removed.stderr
    erased = run_cli("subscribers", "erase", "one@example.com", env=env, cwd=tmp_path)
    assert erased.returncode == 0 and "erased one@example.com" in erased.stderr
    for command in ("export", "remove", "erase"):
        unknown = run_cli("subscribers", command, "one@example.com", env=env, cwd=tmp_path)
        assert unknown.returncode == 2 and "no subscriber 'one@example.com'" in unknown.stderr, command
        assert unknown.stdout == ""


def test_export_and_erase(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "gone@example.com", zones=("baotouxitu",))
    with smtp_sink() as sink:
        _send(migrated_url, settings_for(migrated_url), sink.port)
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        data = export_subscriber(session, "gone@example.com")
        assert data is not None and data["subscriptions"][0]["zones"] == ["baotouxitu"]  # type: ignore[index]
        assert len(data["digests"]) == 1  # type: ignore[arg-type]
        assert erase_subscriber(session, "gone@example.com")
        assert export_subscriber(session, "gone@example.com") is None
        assert len(session.exec(select(Delivery)).all()) == 1  # the anonymous count stays
    engine.dispose()
