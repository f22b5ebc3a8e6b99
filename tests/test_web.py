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

from monitor import db
from monitor.models import Subscriber
from monitor.settings import Settings
from monitor.tokens import make_token, read_token
from monitor.web import create_app
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
