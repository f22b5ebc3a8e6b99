"""The subscriber web app served by uvicorn on 127.0.0.1, driven over real HTTP."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlmodel import Session, select

from monitor.digest.tokens import make_token, read_token
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import Subscriber
from monitor.web.app import create_app
from tests.conftest import free_port
from tests.digest_helpers import SmtpSink, smtp_sink, store_articles


@contextmanager
def _running(settings: Settings) -> Iterator[str]:
    """The web app under uvicorn on a free port of 127.0.0.1 (settings.base_url must name that port)."""
    port = int(settings.base_url.rsplit(":", 1)[1])
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture
def web_app(migrated_url: str, settings_for, tmp_path: Path) -> Iterator[tuple[str, Settings]]:  # type: ignore[no-untyped-def]
    settings = settings_for(migrated_url, base_url=f"http://127.0.0.1:{free_port()}")
    with _running(settings) as base:
        yield base, settings


@pytest.fixture
def web_app_smtp(migrated_url: str, settings_for) -> Iterator[tuple[str, Settings, SmtpSink]]:  # type: ignore[no-untyped-def]
    """The web app sending its emails to a real SMTP server on loopback (aiosmtpd), which records each envelope."""
    with smtp_sink() as sink:
        settings = settings_for(migrated_url, base_url=f"http://127.0.0.1:{free_port()}",
                                smtp_url=f"smtp://127.0.0.1:{sink.port}")
        with _running(settings) as base:
            yield base, settings, sink


def _subscriber(url: str, email: str) -> Subscriber | None:
    engine = db.make_engine(url)
    with Session(engine) as session:
        row = session.exec(select(Subscriber).where(Subscriber.email == email)).first()
    engine.dispose()
    return row


def test_double_opt_in_then_unsubscribe(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        assert "订阅" in client.get("/subscribe").text
        response = client.post("/subscribe", data={"email": "new@example.com", "name": "新读者", "zones": "包头稀土高新区",
                                                   "frequency": "daily", "hour": "8"})
        assert response.status_code == 200 and "请查收邮件" in response.text
        subscriber = _subscriber(migrated_url, "new@example.com")
        assert subscriber is not None and not subscriber.confirmed
        [mail] = list(Path(settings.outbox).glob("*.eml"))
        body = message_from_bytes(mail.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        link = re.search(r"http://\S+/confirm/\S+", body).group(0)  # type: ignore[union-attr]
        page = client.get(link.replace(base, ""))
        assert page.status_code == 200 and 'method="post"' in page.text  # a page with a button: scanners GET links
        assert not _subscriber(migrated_url, "new@example.com").confirmed  # type: ignore[union-attr]
        assert client.post(link.replace(base, "")).status_code == 200
        assert _subscriber(migrated_url, "new@example.com").confirmed  # type: ignore[union-attr]

        token = make_token(settings.secret_key, "unsubscribe", subscriber.id)
        page = client.get(f"/unsubscribe/{token}")
        assert page.status_code == 200 and _subscriber(migrated_url, "new@example.com").status == "active"  # type: ignore[union-attr]
        one_click = client.post(f"/unsubscribe/{token}", content=b"List-Unsubscribe=One-Click",
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert one_click.status_code == 200
        assert _subscriber(migrated_url, "new@example.com").status == "unsubscribed"  # type: ignore[union-attr]


def test_tokens_cannot_be_forged_or_reused_for_another_subscriber(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        client.post("/subscribe", data={"email": "a@example.com"})
        client.post("/subscribe", data={"email": "b@example.com"})
        a, b = _subscriber(migrated_url, "a@example.com"), _subscriber(migrated_url, "b@example.com")
        assert a and b
        token_a = make_token(settings.secret_key, "manage", a.id)  # type: ignore[arg-type]
        assert client.get(f"/manage/{token_a}").status_code == 200
        forged = token_a.replace(f"{a.id}.", f"{b.id}.", 1)
        assert client.get(f"/manage/{forged}").status_code == 404
        assert client.get(f"/manage/{b.id}").status_code == 404  # a bare id is no token
        unsubscribe_a = make_token(settings.secret_key, "unsubscribe", a.id)  # type: ignore[arg-type]
        assert client.get(f"/manage/{unsubscribe_a}").status_code == 404  # another purpose
        assert client.get(f"/confirm/{make_token('other-key', 'confirm', a.id)}").status_code == 404  # type: ignore[arg-type]


def test_confirm_tokens_expire() -> None:
    token = make_token("k", "confirm", 7, issued_at=1_000_000)
    assert read_token("k", "confirm", token, max_age=3600, now=1_000_100) == 7
    assert read_token("k", "confirm", token, max_age=3600, now=1_000_000 + 7200) is None


def test_manage_changes_filters_and_archive_lists(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    base, settings = web_app
    store_articles(migrated_url, [{"url": "http://n.example.cn/1.html", "title": "包头稀土高新区<b>新闻</b>",
                                   "body": "包头稀土高新区稀土产业加快发展。", "zones": ["baotouxitu"]}])
    with httpx.Client(base_url=base) as client:
        client.post("/subscribe", data={"email": "m@example.com"})
        subscriber = _subscriber(migrated_url, "m@example.com")
        token = make_token(settings.secret_key, "manage", subscriber.id)  # type: ignore[union-attr, arg-type]
        form = _manage_form(client.get(f"/manage/{token}").text)
        [sid] = form["subscription"]
        form[f"s{sid}-zone_search"] = ["宝鸡高新区"]
        form[f"s{sid}-frequency"], form[f"s{sid}-hour"] = ["weekly"], ["9"]
        saved = client.post(f"/manage/{token}", data=form)
        assert saved.status_code == 200
        assert 'value="baoji" checked' in client.get(f"/manage/{token}").text
        form[f"s{sid}-zone_search"] = ["不存在高新区"]
        bad = client.post(f"/manage/{token}", data=form)
        assert bad.status_code == 400 and "未知的高新区“不存在高新区”" in bad.text
        assert 'value="不存在高新区"' in bad.text  # the form keeps what was typed
        archive = client.get("/archive", params={"zone": "baotouxitu"})
        assert archive.status_code == 200 and "包头稀土高新区&lt;b&gt;新闻&lt;/b&gt;" in archive.text


def _manage_form(page: str) -> dict[str, list[str]]:
    """The fields a browser would post from the manage page as shown (checked boxes, selected options, text)."""
    import html5lib

    document = html5lib.parse(page, namespaceHTMLElements=False)
    [form] = [f for f in document.iter("form") if f.get("id") == "manage"]
    fields: dict[str, list[str]] = {}
    for element in form.iter("input"):
        kind = element.get("type", "text")
        if element.get("name") and (kind not in ("checkbox", "radio") or element.get("checked") is not None):
            fields.setdefault(element.get("name"), []).append(element.get("value", ""))
    for select_element in form.iter("select"):
        chosen = [o for o in select_element.iter("option") if o.get("selected") is not None]
        fields[select_element.get("name")] = [chosen[0].get("value")] if chosen else []
    return fields


def test_a_stranger_cannot_change_a_confirmed_subscribers_filters(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Found writing SECURITY.md: /subscribe with a confirmed subscriber's address added the stranger's filters
    (say, 'immediate' digests of every article) to that subscriber's account, with no email to confirm it."""
    base, settings = web_app
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        from monitor.digest.subscribers import SubscriptionFilters, add_subscriber

        add_subscriber(session, "victim@example.com", None, "Asia/Shanghai", SubscriptionFilters(zones=("baoji",)))
        add_subscriber(session, "left@example.com", None, "Asia/Shanghai", SubscriptionFilters(zones=("baoji",)))
    with httpx.Client(base_url=base) as client:
        for email in ("victim@example.com", "left@example.com"):
            answer = client.post("/subscribe", data={"email": email, "frequency": "immediate", "zones": ""})
            assert answer.status_code == 200 and "请查收邮件" in answer.text  # the same answer as for a stranger
        from monitor.store.models import Subscription

        with Session(engine) as session:
            rows = session.exec(select(Subscription)).all()
            assert [(r.frequency, r.zones_json) for r in rows] == [("daily", '["baoji"]')] * 2  # nothing added
        left = _subscriber(migrated_url, "left@example.com")
        assert left is not None
        with Session(engine) as session:
            row = session.get(Subscriber, left.id)
            row.status = "unsubscribed"  # type: ignore[union-attr]
            session.add(row)
            session.commit()
        client.post("/subscribe", data={"email": "left@example.com"})  # coming back: a link in their own inbox
        mails: dict[str, str] = {}
        for path in Path(settings.outbox).glob("*.eml"):
            mail = message_from_bytes(path.read_bytes(), policy=policy.default)
            mails[str(mail["To"])] = mails.get(str(mail["To"]), "") + mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "/manage/" in mails["victim@example.com"] and "/confirm/" not in mails["victim@example.com"]
        resume = re.search(r"http://\S+/change/\S+", mails["left@example.com"]).group(0)  # type: ignore[union-attr]
        assert client.get(resume.replace(base, "")).status_code == 200
        assert _subscriber(migrated_url, "left@example.com").status == "unsubscribed"  # type: ignore[union-attr]
        assert client.post(resume.replace(base, "")).status_code == 200
        assert _subscriber(migrated_url, "left@example.com").status == "active"  # type: ignore[union-attr]
    engine.dispose()


def test_the_web_app_is_not_served_beyond_loopback_with_the_default_secret(tmp_path: Path) -> None:
    """Found writing SECURITY.md: docker-compose serves on 0.0.0.0 and defaults the key to 'change-me', with which
    anyone can sign a manage token for each subscriber id and read every subscriber's address."""
    from monitor.errors import ConfigError
    from monitor.web.app import refuse_default_secret
    from tests.conftest import run_cli

    default = Settings(_env_file=None)  # type: ignore[call-arg]
    for host in ("0.0.0.0", "::", "192.0.2.7", "zone-monitor.example"):
        with pytest.raises(ConfigError, match="MONITOR_SECRET_KEY"):
            refuse_default_secret(default, host)
    for host in ("127.0.0.1", "::1", "[::1]", "localhost"):
        refuse_default_secret(default, host)  # the demo and a developer's machine
    refuse_default_secret(Settings(_env_file=None, secret_key="k" * 32), "0.0.0.0")  # type: ignore[call-arg]
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}", "MONITOR_SOURCES": str(tmp_path / "none.yaml")}
    (tmp_path / "none.yaml").write_text("sources: []\n", encoding="utf-8")
    for command in (["web", "--host", "0.0.0.0"], ["serve", "--host", "0.0.0.0"]):
        refused = run_cli(*command, env=env, cwd=tmp_path, timeout=60)
        assert refused.returncode == 2 and "MONITOR_SECRET_KEY" in refused.stderr, refused.stderr


def test_a_weak_secret_is_refused_unless_both_the_bind_and_the_base_url_are_loopback(tmp_path: Path) -> None:
    """Issue 15: a loopback bind behind a reverse proxy with a public MONITOR_BASE_URL (the documented production
    shape) served the app with the default key, so anyone could forge tokens; and a short key was accepted anywhere."""
    from monitor.errors import ConfigError
    from monitor.web.app import MIN_SECRET_BYTES, refuse_default_secret
    from tests.conftest import run_cli

    public = "https://zone-monitor.example"
    for key in ("change-me", "short-but-not-default", "x" * (MIN_SECRET_BYTES - 1), "密" * 10):  # 30 bytes
        weak_public = Settings(_env_file=None, secret_key=key, base_url=public)  # type: ignore[call-arg]
        for host in ("127.0.0.1", "::1", "0.0.0.0"):
            with pytest.raises(ConfigError, match="MONITOR_SECRET_KEY"):
                refuse_default_secret(weak_public, host)
        with pytest.raises(ConfigError, match="MONITOR_SECRET_KEY"):
            refuse_default_secret(Settings(_env_file=None, secret_key=key), "0.0.0.0")  # type: ignore[call-arg]
        for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):  # the demo and tests
            refuse_default_secret(Settings(_env_file=None, secret_key=key, base_url=base), "127.0.0.1")  # type: ignore[call-arg]
    strong = Settings(_env_file=None, secret_key="k" * MIN_SECRET_BYTES, base_url=public)  # type: ignore[call-arg]
    for host in ("127.0.0.1", "0.0.0.0"):
        refuse_default_secret(strong, host)
    (tmp_path / "none.yaml").write_text("sources: []\n", encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}", "MONITOR_SOURCES": str(tmp_path / "none.yaml"),
           "MONITOR_BASE_URL": public, "MONITOR_SECRET_KEY": "test"}
    for command in (["web", "--host", "127.0.0.1"], ["serve", "--host", "127.0.0.1"]):
        refused = run_cli(*command, env=env, cwd=tmp_path, timeout=60)
        assert refused.returncode == 2, refused.stderr
        assert "MONITOR_SECRET_KEY" in refused.stderr and "Traceback" not in refused.stderr, refused.stderr


def test_a_name_with_a_line_break_neither_breaks_nor_adds_headers(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Found writing SECURITY.md: a name with CR/LF (anyone can type one into /subscribe) made the email package
    refuse the To header: HTTP 500, and no confirmation email could ever reach that address again."""
    from monitor.digest.messages import recipient

    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        answer = client.post("/subscribe", data={"email": "eve@example.com", "name": "Eve\r\nBcc: all@evil.example\n"})
        assert answer.status_code == 200 and "请查收邮件" in answer.text
    [path] = list(Path(settings.outbox).glob("*.eml"))
    mail = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert mail["Bcc"] is None and str(mail["To"]) == '"Eve Bcc: all@evil.example" <eve@example.com>'
    assert _subscriber(migrated_url, "eve@example.com").name == "Eve Bcc: all@evil.example"  # type: ignore[union-attr]
    assert recipient("A\rB\u2028C", "a@example.com") == "A B C <a@example.com>"  # names stored before this fix


def test_the_subscribe_form_cannot_flood_an_inbox_or_be_hammered(web_app) -> None:  # type: ignore[no-untyped-def]
    from monitor.web.app import SUBSCRIBE_EMAILS_PER_ADDRESS, SUBSCRIBE_POSTS_PER_CLIENT

    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        for _ in range(SUBSCRIBE_EMAILS_PER_ADDRESS + 2):
            answer = client.post("/subscribe", data={"email": "stranger@example.com", "zones": "baoji"})
            assert answer.status_code == 200 and "请查收邮件" in answer.text  # the same answer every time
        assert len(list(Path(settings.outbox).glob("*.eml"))) == SUBSCRIBE_EMAILS_PER_ADDRESS
        for n in range(SUBSCRIBE_POSTS_PER_CLIENT - SUBSCRIBE_EMAILS_PER_ADDRESS - 2):
            assert client.post("/subscribe", data={"email": f"r{n}@example.com"}).status_code == 200
        refused = client.post("/subscribe", data={"email": "one-more@example.com"})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        assert client.get("/subscribe").status_code == 200  # the form itself stays readable


def _add(url: str, email: str, confirmed: bool, **filters: object) -> Subscriber:
    from monitor.digest.subscribers import SubscriptionFilters, add_subscriber

    engine = db.make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        subscriber, _created = add_subscriber(session, email, None, "Asia/Shanghai", SubscriptionFilters(**filters),  # type: ignore[arg-type]
                                              confirmed=confirmed)
    engine.dispose()
    return subscriber


def _subscriptions(url: str) -> list[tuple[str, str]]:
    from monitor.store.models import Subscription

    engine = db.make_engine(url)
    with Session(engine) as session:
        rows = [(r.frequency, r.zones_json) for r in session.exec(select(Subscription).order_by(Subscription.id)).all()]  # type: ignore[arg-type]
    engine.dispose()
    return rows


def test_head_and_get_never_change_state_only_post_does(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: HEAD /unsubscribe/<token> unsubscribed (Starlette answers HEAD on GET routes, and the handler took
    every method but GET for the one-click POST), and GET /confirm/<token> confirmed: a mail scanner did both."""
    base, settings = web_app
    subscriber = _add(migrated_url, "head@example.com", confirmed=False)
    assert subscriber.id is not None
    confirm, unsubscribe, manage = (make_token(settings.secret_key, purpose, subscriber.id)
                                    for purpose in ("confirm", "unsubscribe", "manage"))
    with httpx.Client(base_url=base) as client:
        for method in ("HEAD", "GET", "HEAD"):
            for path in (f"/confirm/{confirm}", f"/unsubscribe/{unsubscribe}", f"/manage/{manage}"):
                assert client.request(method, path).status_code == 200, (method, path)
        row = _subscriber(migrated_url, "head@example.com")
        assert row is not None and not row.confirmed and row.status == "active"
        assert client.post(f"/confirm/{confirm}").status_code == 200
        assert _subscriber(migrated_url, "head@example.com").confirmed  # type: ignore[union-attr]
        assert client.head(f"/unsubscribe/{unsubscribe}").status_code == 200
        assert _subscriber(migrated_url, "head@example.com").status == "active"  # type: ignore[union-attr]
        assert client.request("PUT", f"/unsubscribe/{unsubscribe}").status_code == 405
        assert client.request("DELETE", f"/confirm/{confirm}").status_code == 405
        assert _subscriber(migrated_url, "head@example.com").status == "active"  # type: ignore[union-attr]
        one_click = client.post(f"/unsubscribe/{unsubscribe}", content=b"List-Unsubscribe=One-Click",  # RFC 8058
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert one_click.status_code == 200
        assert _subscriber(migrated_url, "head@example.com").status == "unsubscribed"  # type: ignore[union-attr]


def _bodies(sink: SmtpSink) -> list[tuple[list[str], str]]:
    return [(rcpt, message.get_body(("plain",)).get_content()) for rcpt, message in sink.messages]  # type: ignore[union-attr]


def _link(body: str, route: str) -> str:
    found = re.search(rf"http://\S+(/{route}/\S+)", body)
    assert found, body
    return found.group(1)


def test_a_form_post_for_a_known_address_changes_nothing_until_its_owner_confirms(web_app_smtp, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: a second /subscribe for an address waiting for confirmation added the poster's filters to it, so a
    stranger could choose what someone else would receive once they confirmed."""
    base, _settings, sink = web_app_smtp
    with httpx.Client(base_url=base) as client:
        assert client.post("/subscribe", data={"email": "owner@example.com", "zones": "宝鸡高新区", "name": "Owner"}).status_code == 200
        stranger = client.post("/subscribe", data={"email": "Owner@EXAMPLE.com", "frequency": "immediate", "name": "Other",
                                                   "keywords": "中奖, 请访问 http://evil.example"})
        assert stranger.status_code == 200 and "请查收邮件" in stranger.text  # the same answer as ever
        assert _subscriptions(migrated_url) == [("daily", '["baoji"]')]  # nothing changed, nothing added
        row = _subscriber(migrated_url, "owner@example.com")
        assert row is not None and row.name == "Owner" and not row.confirmed
        [(first_to, first), (second_to, second)] = _bodies(sink)
        assert first_to == second_to == ["owner@example.com"]  # the link goes to the address, whoever typed it
        assert "/confirm/" in first and "/change/" not in first and "/confirm/" not in second
        assert "关键词: 2" in second and "evil.example" not in second  # no stranger's words in an email
        change = _link(second, "change")
        for method in ("GET", "HEAD"):
            assert client.request(method, change).status_code == 200
        assert _subscriptions(migrated_url) == [("daily", '["baoji"]')]
        page = client.get(change).text  # the page says what pressing the button will do
        assert "即时" in page and "请访问 http://evil.example" in page
        assert client.post(change).status_code == 200  # the owner, from their inbox: applied (and confirmed)
        assert _subscriptions(migrated_url) == [("immediate", "[]")]
        row = _subscriber(migrated_url, "owner@example.com")
        assert row is not None and row.confirmed and row.name == "Other"
        assert client.post(change).status_code == 404  # used once

        # confirmed now: the same rule, and the email also carries the owner's manage link
        client.post("/subscribe", data={"email": "owner@example.com", "zones": "包头稀土高新区"})
        assert _subscriptions(migrated_url) == [("immediate", "[]")]
        [(third_to, third)] = _bodies(sink)[2:]
        assert third_to == ["owner@example.com"] and "/manage/" in third and "/confirm/" not in third
        assert client.post(_link(third, "change")).status_code == 200
        assert _subscriptions(migrated_url) == [("daily", '["baotouxitu"]')]
        forged = make_token(_settings.secret_key, "change", 1)  # a change that does not exist (any more)
        assert client.post(f"/change/{forged}").status_code == 404


NOT_ADDRESSES = ["victim@example.com(1)", "victim@example.com(2)", "root(x@y.z)", "Victim <victim@example.com>",
                 "g: victim@example.com;", "victim@example.com, other@example.com", "victim@example.com.",
                 '"vic tim"@example.com', "victim@example.com\x00", "vic\x01tim@example.com", "victim@exam ple.com",
                 "victim%other.example@example.com"]


def test_one_mailbox_is_one_subscriber_and_the_envelope_is_its_canonical_address(web_app_smtp, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: `victim@example.com(1)`, `(2)` ... each counted as a new address (a new subscriber, a fresh
    per-address email limit) and all reached one inbox; `root(x@y.z)` was sent to the local user `root`."""
    base, _settings, sink = web_app_smtp
    with httpx.Client(base_url=base) as client:
        assert client.post("/subscribe", data={"email": "victim@example.com"}).status_code == 200
        for text in NOT_ADDRESSES:
            refused = client.post("/subscribe", data={"email": text})
            assert refused.status_code == 400, text
        assert "不是有效的电子邮箱地址" in client.post("/subscribe", data={"email": "root(x@y.z)"}).text
        assert client.post("/subscribe", data={"email": " victim@EXAMPLE.com "}).status_code == 200
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        assert [s.email for s in session.exec(select(Subscriber)).all()] == ["victim@example.com"]
    engine.dispose()
    assert [rcpt for rcpt, _message in sink.messages] == [["victim@example.com"], ["victim@example.com"]]


MALFORMED_TOKENS = ["1.x.%C3%A9", "%00", "1.2.%FF", "%C2%B2.1.aaaaaaaaaaaaaaaaaaaaaaaa", "1.1." + "%C3%A9" * 24,
                    "9" * 400 + ".1.x", "1.1.1.1", "-1.1.aaaaaaaaaaaaaaaaaaaaaaaa", "%EF%BC%91.1.aaaaaaaaaaaaaaaaaaaaaaaa"]


def test_malformed_tokens_and_nul_characters_get_400_or_404_never_500(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: /manage/1.x.%C3%A9 answered 500 (hmac.compare_digest refuses non-ASCII text), and so did a NUL in a
    form field on PostgreSQL (text cannot hold one)."""
    base, settings = web_app
    subscriber = _add(migrated_url, "nul@example.com", confirmed=True)
    manage = make_token(settings.secret_key, "manage", subscriber.id)  # type: ignore[arg-type]
    with httpx.Client(base_url=base) as client:
        for token in MALFORMED_TOKENS:
            for route in ("confirm", "unsubscribe", "manage", "digests", "change"):
                for method in ("GET", "HEAD", "POST"):
                    status = client.request(method, f"/{route}/{token}").status_code
                    assert status in (404, 405), (method, route, token, status)
        for field in ("email", "name", "zones", "keywords", "provinces", "frequency", "hour"):
            data = {"email": "fresh@example.com", field: "a\x00b"}
            assert client.post("/subscribe", data=data).status_code == 400, field
            assert client.post(f"/manage/{manage}", data={field: "x\x00"}).status_code == 400, field
        assert client.post("/subscribe", data={"email": "fresh@example.com", "name\x00": "x"}).status_code == 400
        assert client.post("/subscribe", files={"email": ("a.txt", b"fresh@example.com")}).status_code == 400
        for query in ({"q": "稀土\x00"}, {"zone": "\x00"}, {"q": "\x1b[31m"}):
            assert client.get("/archive", params=query).status_code == 400, query
    assert _subscriber(migrated_url, "fresh@example.com") is None
    assert _subscriptions(migrated_url) == [("daily", "[]")]


def _token_like() -> object:
    """Three dot-separated parts, each near what make_token writes (digits, hex, URL-safe base64) or any text."""
    from hypothesis import strategies as st

    part = st.text(alphabet="0123456789abcdefxABCXYZ_-=²é\x00", min_size=0, max_size=26) | st.text(max_size=26)
    return st.tuples(st.from_regex(r"[0-9]{1,20}", fullmatch=True) | part, part, part).map(".".join)


_TOKEN_LIKE = _token_like()


def test_any_token_path_is_answered_without_a_server_error(web_app) -> None:  # type: ignore[no-untyped-def]
    """Random text in each token route, by every method the routes take: a 404 (or 405), never a 500."""
    from urllib.parse import quote

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base, _settings = web_app
    # "." and ".." are dot segments: the client resolves /confirm/.. to / (the front page) before sending it
    tokens = (st.text(max_size=60) | _TOKEN_LIKE).filter(lambda token: token not in (".", ".."))

    with httpx.Client(base_url=base) as client:
        @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(token=tokens, route=st.sampled_from(["confirm", "unsubscribe", "manage", "digests", "change"]),
               method=st.sampled_from(["GET", "HEAD", "POST"]))
        def check(token: str, route: str, method: str) -> None:
            status = client.request(method, f"/{route}/{quote(token, safe='')}").status_code
            # 307: a token ending in '/' is redirected to the path without it (Starlette's redirect_slashes)
            assert status in (307, 404, 405), (method, route, token, status)

        check()


def test_reading_a_token_never_raises() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text() | _TOKEN_LIKE, st.sampled_from(["confirm", "manage", "change"]), st.none() | st.integers(0, 10**6))
    def check(token: str, purpose: str, max_age: int | None) -> None:
        assert read_token("k", purpose, token, max_age=max_age) is None or token.count(".") == 2

    check()
    assert read_token("k", "manage", make_token("k", "manage", 42)) == 42


def test_the_web_copy_of_a_digest_holds_the_emails_articles(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """The link in a digest's footer shows the same articles: read back from the list packed in the digest's row
    (monitor/digest/article_ids.py)."""
    from monitor.digest.delivery import send_digests
    from monitor.digest.mailer import SmtpMailer
    from monitor.digest.subscribers import SubscriptionFilters, add_subscriber

    base, settings = web_app
    store_articles(migrated_url, [
        {"url": "http://news.example.cn/1.html", "title": "包头稀土高新区稀土产业产值增长三成",
         "body": "本报讯 包头稀土高新区前三季度稀土产业产值同比增长逾三成。", "zones": ["baotouxitu"]},
        {"url": "http://news.example.cn/2.html", "title": "宝鸡高新区钛产业项目加快建设",
         "body": "宝鸡高新区钛及钛合金产业链项目加快建设，中国钛谷再扩容。", "zones": ["baoji"]}])
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        add_subscriber(session, "reader@example.com", None, "Asia/Shanghai", SubscriptionFilters(zones=("baotouxitu",)))
    with smtp_sink() as sink:
        assert send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{sink.port}"), force=True).sent == 1
    engine.dispose()
    [(_rcpts, message)] = sink.messages
    text = message.get_body(("plain",)).get_content()
    [link] = re.findall(r"https?://\S+/digests/\S+", text)
    with httpx.Client() as client:
        page = client.get(link)
    assert page.status_code == 200 and link.startswith(base)
    assert "包头稀土高新区稀土产业产值增长三成" in page.text and "宝鸡高新区钛产业项目加快建设" not in page.text
