"""The subscriber web app served by uvicorn on 127.0.0.1, driven over real HTTP."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
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
from tests.digest_helpers import store_articles


@pytest.fixture
def web_app(migrated_url: str, settings_for, tmp_path: Path) -> Iterator[tuple[str, Settings]]:  # type: ignore[no-untyped-def]
    port = free_port()
    settings = settings_for(migrated_url, base_url=f"http://127.0.0.1:{port}")
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", settings
    finally:
        server.should_exit = True
        thread.join(5)


def _subscriber(url: str, email: str) -> Subscriber | None:
    engine = db.make_engine(url)
    with Session(engine) as session:
        row = session.exec(select(Subscriber).where(Subscriber.email == email)).first()
    engine.dispose()
    return row


def test_double_opt_in_then_unsubscribe(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        assert "Subscribe" in client.get("/subscribe").text
        response = client.post("/subscribe", data={"email": "new@example.com", "name": "新读者", "zones": "包头稀土高新区",
                                                   "frequency": "daily", "hour": "8"})
        assert response.status_code == 200 and "Check your inbox" in response.text
        subscriber = _subscriber(migrated_url, "new@example.com")
        assert subscriber is not None and not subscriber.confirmed
        [mail] = list(Path(settings.outbox).glob("*.eml"))
        body = message_from_bytes(mail.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        link = re.search(r"http://\S+/confirm/\S+", body).group(0)  # type: ignore[union-attr]
        assert client.get(link.replace(base, "")).status_code == 200
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
        saved = client.post(f"/manage/{token}", data={"email": "m@example.com", "zones": "宝鸡高新区", "frequency": "weekly", "hour": "9"})
        assert saved.status_code == 200
        assert 'value="baoji"' in client.get(f"/manage/{token}").text
        bad = client.post(f"/manage/{token}", data={"zones": "不存在高新区"})
        assert bad.status_code == 400 and "unknown zone" in bad.text
        archive = client.get("/archive", params={"zone": "baotouxitu"})
        assert archive.status_code == 200 and "包头稀土高新区&lt;b&gt;新闻&lt;/b&gt;" in archive.text


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
            assert answer.status_code == 200 and "Check your inbox" in answer.text  # the same answer as for a stranger
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
        resume = re.search(r"http://\S+/confirm/\S+", mails["left@example.com"]).group(0)  # type: ignore[union-attr]
        assert client.get(resume.replace(base, "")).status_code == 200
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
    refuse_default_secret(Settings(_env_file=None, secret_key="a-long-random-value"), "0.0.0.0")  # type: ignore[call-arg]
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}", "MONITOR_SOURCES": str(tmp_path / "none.yaml")}
    (tmp_path / "none.yaml").write_text("sources: []\n", encoding="utf-8")
    for command in (["web", "--host", "0.0.0.0"], ["serve", "--host", "0.0.0.0"]):
        refused = run_cli(*command, env=env, cwd=tmp_path, timeout=60)
        assert refused.returncode == 2 and "MONITOR_SECRET_KEY" in refused.stderr, refused.stderr


def test_a_name_with_a_line_break_neither_breaks_nor_adds_headers(web_app, migrated_url: str) -> None:  # type: ignore[no-untyped-def]
    """Found writing SECURITY.md: a name with CR/LF (anyone can type one into /subscribe) made the email package
    refuse the To header: HTTP 500, and no confirmation email could ever reach that address again."""
    from monitor.digest.mailer import recipient

    base, settings = web_app
    with httpx.Client(base_url=base) as client:
        answer = client.post("/subscribe", data={"email": "eve@example.com", "name": "Eve\r\nBcc: all@evil.example\n"})
        assert answer.status_code == 200 and "Check your inbox" in answer.text
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
            assert answer.status_code == 200 and "Check your inbox" in answer.text  # the same answer every time
        assert len(list(Path(settings.outbox).glob("*.eml"))) == SUBSCRIBE_EMAILS_PER_ADDRESS
        for n in range(SUBSCRIBE_POSTS_PER_CLIENT - SUBSCRIBE_EMAILS_PER_ADDRESS - 2):
            assert client.post("/subscribe", data={"email": f"r{n}@example.com"}).status_code == 200
        refused = client.post("/subscribe", data={"email": "one-more@example.com"})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        assert client.get("/subscribe").status_code == 200  # the form itself stays readable
