"""The demo pipeline end to end: the fixture sites over real HTTP on loopback, the CLI as a
subprocess, SQLite and PostgreSQL, digests to a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller

from monitor.demo.server import SITE_ROOT, DemoSite
from tests.conftest import free_port, run_cli

EXPECTED = yaml.safe_load((SITE_ROOT / "expected.yaml").read_text(encoding="utf-8"))


class Collect:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
def smtp_server():  # type: ignore[no-untyped-def]
    handler = Collect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _json_lines(stdout: str) -> list[dict[str, Any]]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # every stdout line must be JSON


def _base(site: DemoSite, which: str) -> str:
    return site.site_a if which == "a" else site.site_b


def _expected_published(value: str) -> str:
    return value if len(value) == 10 else f"{value}:00+08:00"


def test_demo_pipeline_end_to_end(migrated_url: str, demo_site: DemoSite, tmp_path: Path, smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, smtp_port = smtp_server
    sources = tmp_path / "sources.yaml"
    sources.write_text(demo_site.sources_yaml(), encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(sources),
           "MONITOR_ALLOW_PRIVATE_HOSTS": "1", "MONITOR_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
           "MONITOR_SECRET_KEY": "e2e"}

    crawl = run_cli("crawl", "--json", env=env, cwd=tmp_path)
    assert crawl.returncode == 0, crawl.stderr
    per_source = _json_lines(crawl.stdout)
    assert [r["name"] for r in per_source] == ["demo-portal-news", "demo-portal-feed", "demo-paper-epaper", "demo-paper-news"]
    for record in per_source:
        assert set(record) >= {"name", "fetched", "new", "duplicates", "errors"}
        assert record["errors"] == 0
    reposts = [a for a in EXPECTED["articles"] if a["repost_of"]]
    assert sum(r["new"] for r in per_source) == len(EXPECTED["articles"]) - len(reposts)
    assert sum(r["duplicates"] for r in per_source) == len(reposts)

    listing = run_cli("articles", "list", "--json", env=env, cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    stored = {row["url"]: row for row in _json_lines(listing.stdout)}
    assert len(stored) == len(EXPECTED["articles"])
    for expected in EXPECTED["articles"]:
        url = _base(demo_site, expected["site"]) + expected["path"]
        row = stored[url]
        assert row["title"] == expected["title"]
        assert row["published_at"] == _expected_published(expected["published"]), url
        assert isinstance(row["id"], int) and isinstance(row["cluster_id"], int)
        subject = {z["id"] for z in row["zones"] if z["role"] == "subject"}
        assert subject == set(expected["zones"]), (url, row["zones"])
        assert all(z["name"] and z["role"] in ("subject", "mentioned") for z in row["zones"])
        if expected["repost_of"]:
            original = demo_site.site_a + expected["repost_of"]
            assert row["duplicate_of"] == original
            assert row["cluster_id"] == stored[original]["cluster_id"]
        else:
            assert row["duplicate_of"] is None
        if expected["author"]:
            assert row["author"] == expected["author"], url
        if expected["author_post"]:
            assert row["author_post"] == expected["author_post"], url

    by_zone = _json_lines(run_cli("articles", "list", "--zone", "包头稀土高新区", "--json", env=env, cwd=tmp_path).stdout)
    assert by_zone and all(any(z["id"] == "baotouxitu" for z in row["zones"]) for row in by_zone)

    add = run_cli("subscribers", "add", "reader@example.com", "--name", "读者", "--zone", "baotouxitu", env=env, cwd=tmp_path)
    assert add.returncode == 0, add.stderr
    send = run_cli("digest", "send", "--force", "--json", env=env, cwd=tmp_path)
    assert send.returncode == 0, send.stderr
    assert _json_lines(send.stdout) == [{"considered": 1, "sent": 1, "skipped_empty": 0, "failed": 0, "already_sent": 0, "not_due": 0,
                                         "channels_sent": 0, "channels_failed": 0}]
    assert len(handler.messages) == 1
    recipients, message = handler.messages[0]
    assert recipients == ["reader@example.com"]
    assert message.get_content_type() == "multipart/alternative"
    assert "包头稀土高新技术产业开发区" in str(message["Subject"])
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    baotou = [a for a in EXPECTED["articles"] if "baotouxitu" in a["zones"] and not a["repost_of"]]
    for article in baotou:
        assert article["title"] in text
    others = [a for a in EXPECTED["articles"] if "baotouxitu" not in a["zones"] + a["mentioned_zones"]]
    for article in others:
        assert article["title"] not in text
    assert "<script" not in html

    # A second pass stores nothing new and sends nothing twice.
    again = _json_lines(run_cli("crawl", "--json", env=env, cwd=tmp_path).stdout)
    assert sum(r["new"] + r["duplicates"] for r in again) == 0
    resend = _json_lines(run_cli("digest", "send", "--force", "--json", env=env, cwd=tmp_path).stdout)
    assert resend[0]["sent"] == 0 and resend[0]["already_sent"] == 1
    assert len(handler.messages) == 1


@contextmanager
def _listening_on(*ports: int) -> Iterator[None]:
    """Hold the ports (those that are free) as another program's servers would."""
    held: list[socket.socket] = []
    try:
        for port in ports:
            server = socket.socket()
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past the last run's TIME_WAIT
            try:
                server.bind(("127.0.0.1", port))
                server.listen()
                held.append(server)
            except OSError:  # held by something else already: as good
                server.close()
        yield
    finally:
        for server in held:
            server.close()


def _demo_addresses(stderr: str) -> tuple[str, ...]:
    found = re.search(r"演示网站已启动：(\S+?)（UTF-8）和 (\S+?)（GBK）", " ".join(stderr.split()))  # rich wraps
    assert found, stderr
    return found.groups()


def test_demo_command_runs_twice(tmp_path: Path) -> None:
    first = run_cli("demo", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    emails = list((tmp_path / "var" / "outbox").glob("*.eml"))
    assert len(emails) == 1
    message = message_from_bytes(emails[0].read_bytes(), policy=policy.default)
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    titles = {a["title"] for a in EXPECTED["articles"]}
    assert all(title in body for title in titles)
    headlines = [line[2:] for line in body.splitlines() if line.startswith("* ")]
    assert sorted(headlines) == sorted(titles)  # a repost cluster appears once
    assert body.count("另有1家网站刊发") == 2
    said = " ".join(first.stderr.split())  # rich wraps long lines
    assert "汇总" in said and "邮件 1" in said
    # Another program on the ports the demo once always took (another demo, another user's test run on a
    # shared machine) made the second run serve elsewhere and store all 22 articles again as duplicates.
    with _listening_on(18431, 18432):
        second = run_cli("demo", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert _demo_addresses(second.stderr) == _demo_addresses(first.stderr)  # the same URLs as the first run
    said = " ".join(second.stderr.split())
    assert "重复 2，" in said  # the two reposts, no new duplicates
    assert "文章 22，" in said
    assert len(list((tmp_path / "var" / "outbox").glob("*.eml"))) == 1
