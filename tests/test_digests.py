"""Digests against a real SMTP server on loopback (aiosmtpd), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import html5lib
import pytest
from sqlmodel import Session, select

from monitor.digest.delivery import MAX_ATTEMPTS, MAX_COPIES, digest_status, send_digests
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


def _crash_sending(engine, settings, port: int, times: int) -> None:  # type: ignore[no-untyped-def]
    """``times`` runs that each die while the digest is in flight (after its row says 'sending')."""
    for _ in range(times):
        DiesOnCall.calls, DiesOnCall.die_at = 0, 1
        with pytest.raises(KeyboardInterrupt):
            send_digests(engine, settings, DiesOnCall(f"smtp://127.0.0.1:{port}"), force=True)


def _copies(engine) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return [(d.state, d.attempts, d.copies) for d in session.exec(select(Delivery)).all()]


def test_two_crashes_on_one_digest_then_it_is_delivered_with_its_message_id(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    """Two runs die while the same digest is in flight: the third sends it (the policy allows 3 copies)."""
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "a@example.com")
    settings = settings_for(migrated_url)
    with smtp_sink() as sink:
        engine = db.make_engine(migrated_url)
        _crash_sending(engine, settings, sink.port, 2)
        assert _copies(engine) == [("sending", 2, 2)]
        result = send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        assert (result.sent, result.failed, result.given_up) == (1, 0, ())
        assert _copies(engine) == [("sent", 3, 3)]
        with Session(engine) as session:
            message_id = session.exec(select(Delivery.message_id)).one()
        engine.dispose()
    assert [(r, str(m["Message-ID"])) for r, m in sink.messages] == [(["a@example.com"], message_id)]


def test_a_digest_cut_as_often_as_the_policy_allows_is_given_up_counted_failed_and_alerted(  # type: ignore[no-untyped-def]
        migrated_url: str, settings_for) -> None:
    """Before: two crashes left the delivery 'abandoned' and the next run said failed 0: nobody heard of it."""
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "a@example.com")
    _add(migrated_url, "b@example.com", zones=("baoji",))  # nothing for b: a's digest is the only one
    with smtp_sink() as sink:
        settings = settings_for(migrated_url, smtp_url=f"smtp://127.0.0.1:{sink.port}", alert_emails="ops@example.org")
        engine = db.make_engine(migrated_url)
        _crash_sending(engine, settings, sink.port, MAX_COPIES)
        assert _copies(engine) == [("sending", MAX_COPIES, MAX_COPIES)]
        result = send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        assert (result.sent, result.failed) == (0, 1) and result.alert_sent
        [given_up] = result.given_up
        assert (given_up.email, given_up.frequency) == ("a@example.com", "daily")
        assert "in flight" in given_up.reason and f"at most {MAX_COPIES} copies" in given_up.reason
        assert _copies(engine) == [("abandoned", MAX_COPIES, MAX_COPIES)]
        [(recipients, alert)] = sink.messages  # the alert, and no 4th copy of the digest
        assert recipients == ["ops@example.org"] and "1 digest not delivered" in str(alert["Subject"])
        assert "a@example.com" in alert.get_content() and given_up.message_id in alert.get_content()
        again = send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        assert (again.sent, again.failed, len(sink.messages)) == (0, 0, 1)  # reported once, never resent
        [period] = digest_status(engine)
        engine.dispose()
    assert (period.frequency, period.counts["failed"], period.counts["sent"]) == ("daily", 1, 0)
    assert [(u.email, u.state) for u in period.undelivered] == [("a@example.com", "abandoned")]


def test_a_digest_refused_on_every_retry_is_given_up_and_counted_failed(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    """Before: after MAX_ATTEMPTS refusals the delivery stayed 'failed', never tried again, never reported."""
    from tests.conftest import free_port

    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "a@example.com")
    settings = settings_for(migrated_url)
    port = free_port()  # nothing listens: every send is refused before a byte of the message goes out
    results = [_send(migrated_url, settings, port) for _ in range(MAX_ATTEMPTS)]
    assert [r.failed for r in results] == [1] * MAX_ATTEMPTS
    assert [len(r.given_up) for r in results] == [0] * (MAX_ATTEMPTS - 1) + [1]
    assert f"not delivered after {MAX_ATTEMPTS} attempts" in results[-1].given_up[0].reason
    engine = db.make_engine(migrated_url)
    assert _copies(engine) == [("abandoned", MAX_ATTEMPTS, 0)]  # refused sends are no copies
    engine.dispose()
    with smtp_sink(port) as sink:
        assert _send(migrated_url, settings, port).sent == 0 and sink.messages == []


def test_digest_status_cli(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    for email in ("a@example.com", "b@example.com", "bounce@example.com"):
        _add(migrated_url, email)
    _add(migrated_url, "weekly@example.com", frequency="weekly")
    settings = settings_for(migrated_url)
    with smtp_sink() as sink:
        sink.mode = "reject-550"
        engine = db.make_engine(migrated_url)
        DiesOnCall.calls, DiesOnCall.die_at = 0, 2  # b's digest is in flight when the run dies
        with pytest.raises(KeyboardInterrupt):
            send_digests(engine, settings, DiesOnCall(f"smtp://127.0.0.1:{sink.port}"), force=True, frequency="daily")
        _crash_sending(engine, settings, sink.port, MAX_COPIES - 1)
        send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True)
        engine.dispose()
    env = {"MONITOR_DATABASE_URL": migrated_url}
    shown = run_cli("digest", "status", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    periods = [json.loads(line) for line in shown.stdout.splitlines()]
    assert all(set(p) == {"frequency", "period", "counts", "undelivered"} for p in periods)
    by_frequency = {p["frequency"]: p for p in periods}
    assert by_frequency["daily"]["counts"] == {"sent": 1, "failed": 1, "bounced": 1, "sending": 0, "pending": 0}
    assert by_frequency["daily"]["undelivered"] == ["b@example.com", "bounce@example.com"]
    assert by_frequency["weekly"]["counts"]["sent"] == 1 and by_frequency["weekly"]["undelivered"] == []
    only = run_cli("digest", "status", "--json", "--frequency", "weekly", "--limit", "5", env=env)
    assert [json.loads(line)["frequency"] for line in only.stdout.splitlines()] == ["weekly"]
    later = run_cli("digest", "status", "--json", "--since", "2999-01-01", env=env)
    assert later.returncode == 0 and later.stdout == ""
    text = run_cli("digest", "status", env=env)
    assert "not delivered: b@example.com (abandoned)" in text.stdout and "1 failed" in text.stdout
    for bad in (["--frequency", "hourly"], ["--since", "yesterday"], ["--limit", "0"]):
        refused = run_cli("digest", "status", *bad, env=env)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, bad
    explained = " ".join(run_cli("digest", "status", "--help", env=env).stdout.split())
    assert "undelivered" in explained and f"at most {MAX_COPIES} copies" in explained


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


def test_an_oversized_title_never_pushes_other_articles_out_of_a_digest(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from monitor.normalise import MAX_TITLE_CHARS
    from monitor.store.models import Article

    huge_title = "包头稀土高新区" * 15_000  # 105,000 characters, 315 kB in UTF-8
    huge = dict(BAOTOU, url="http://news.example.cn/huge.html", title=huge_title, body=BAOTOU["body"] + "（续）")
    [huge_id, *_] = store_articles(migrated_url, [huge, BAOTOU, BAOJI, WUHAN])
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:
            stored = session.get(Article, huge_id)
            assert stored is not None and len(stored.title) == MAX_TITLE_CHARS and stored.title.endswith("…")
            # A row stored before titles were limited: the digest bounds what it shows all the same.
            session.execute(update(Article).where(Article.id == huge_id).values(title=huge_title))  # type: ignore[arg-type]
            session.commit()
    finally:
        engine.dispose()
    _add(migrated_url, "reader@example.com")
    with smtp_sink() as sink:
        _send(migrated_url, settings_for(migrated_url), sink.port)
        [(_rcpts, message)] = sink.messages
    html, text = message.get_body(("html",)).get_content(), _body(message)
    for item in (BAOTOU, BAOJI, WUHAN):
        assert item["title"] in html and item["title"] in text
    assert huge_title[:MAX_TITLE_CHARS - 1] + "…" in text and huge_title[:MAX_TITLE_CHARS + 7] not in html
    assert "more:" not in text and len(html.encode()) < 100_000


def test_a_digest_holds_what_was_stored_since_the_subscribers_last_one(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    """A run reads only the articles its due digests can hold (from the earliest of their starts): a subscriber
    whose last digest is four days old still gets the four days' articles, a new daily one only the last day's,
    a weekly one the week's."""
    import sqlalchemy as sa

    from monitor.store.models import Article, DigestRecord
    from monitor.timefmt import utcnow

    baotou, baoji, wuhan = store_articles(migrated_url, [BAOTOU, BAOJI, WUHAN])
    _add(migrated_url, "back@example.com")
    _add(migrated_url, "new@example.com")
    _add(migrated_url, "weekly@example.com", frequency="weekly")
    now = utcnow()
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        for article_id, age in ((baotou, timedelta(days=3)), (baoji, timedelta(days=6)), (wuhan, timedelta(hours=2))):
            session.exec(sa.update(Article).where(Article.id == article_id).values(stored_at=now - age))  # type: ignore[call-overload]
        back = find_subscriber(session, "back@example.com")
        assert back is not None
        session.add(DigestRecord(subscriber_id=back.id, frequency="daily", period_key="2000-01-01", subject="s",
                                 created_at=now - timedelta(days=4)))
        session.commit()
    engine.dispose()
    with smtp_sink() as sink:
        result = _send(migrated_url, settings_for(migrated_url), sink.port, now=now)
        got = {rcpt[0]: _body(message) for rcpt, message in sink.messages}
    assert result.sent == 3
    assert BAOTOU["title"] in got["back@example.com"] and WUHAN["title"] in got["back@example.com"]
    assert BAOJI["title"] not in got["back@example.com"]  # stored before their last digest
    assert WUHAN["title"] in got["new@example.com"] and BAOTOU["title"] not in got["new@example.com"]
    assert all(a["title"] in got["weekly@example.com"] for a in (BAOTOU, BAOJI, WUHAN))
