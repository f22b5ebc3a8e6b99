"""Faults during crawls and digest runs (issue 9), with real parts only.

* PostgreSQL connection lost in the middle of a crawl and of a digest send: the app talks to
  PostgreSQL through a loopback TCP proxy (tests/tcp_proxy.py) that the test cuts, between two
  transactions, in the middle of one, or for good (the proxy then refuses connections, as a
  server that is down). The shared server itself is never touched.
* A full disk (SQLite ``max_page_count``) and a read-only database during a crawl and an import.
* An SMTP server that drops the connection after DATA, or answers 451.
* A source whose host does not resolve (``.invalid`` never does).
* Redirects and links to private addresses (cloud metadata, RFC 1918) with the address policy on.

The corpus a faulted crawl leaves (after its rerun) must equal the one an uninterrupted crawl
of the same demo sites leaves; each subscriber and period must get exactly one distinct
Message-ID, at most twice.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import ValidationError
from sqlmodel import Session, func, select

from monitor.demo.server import DemoSite, serve_demo_site
from monitor.digest.delivery import MAX_COPIES, send_digests
from monitor.digest.mailer import SmtpMailer
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.errors import BlockedURL, DatabaseFull, DatabaseReadOnly, DatabaseUnavailable, FetchError
from monitor.fetch.fetcher import Fetcher
from monitor.pipeline import ITEM_GROUP, crawl
from monitor.service import health, locks
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig, parse_sources
from monitor.store import db
from monitor.store.models import (
    Article,
    ArticleZone,
    Cluster,
    CrawlRun,
    Delivery,
    DigestRecord,
    DiscoveredUrl,
    FetchLog,
    Source,
    StoredPage,
    Subscriber,
)
from tests.conftest import POSTGRES_URL, _postgres_admin, free_port, terminate_backend
from tests.digest_helpers import serving, store_articles
from tests.fixture_server import Response, fixture_server
from tests.tcp_proxy import TcpProxy, tcp_proxy

CUT_AFTER = 5  # articles stored before the wire is cut (the demo sites have 22)
PG = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
_PG_URL = sa.engine.make_url(POSTGRES_URL)
PG_ADDRESS = (_PG_URL.host or "127.0.0.1", _PG_URL.port or 5432)


# the demo sites, an uninterrupted crawl of them, and what a database holds ---------------------
@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with serve_demo_site() as demo:
        yield demo


def _sources_text(site: DemoSite) -> str:
    return site.sources_yaml().replace("rate_limit: 50", "rate_limit: 500")


def _sources(site: DemoSite) -> list[SourceConfig]:
    return list(parse_sources(_sources_text(site)).sources)


def _settings(database_url: str, tmp: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": database_url, "allow_private_hosts": True, "secret_key": "faults",
                                 "outbox": tmp / "outbox", "sources": tmp / "sources.yaml", "fetch_retries": 0,
                                 "retry_backoff": 0.01, "lock_timeout": 5}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def corpus(database_url: str) -> dict[str, Any]:
    """What a crawl leaves, without ids and times: articles with their cluster, zones and source; raw pages
    and discovered URLs counted per URL (a duplicate row shows up as a count of 2)."""
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            articles = {a.id: a for a in session.exec(select(Article)).all()}
            sources = {s.id: s.name for s in session.exec(select(Source)).all()}
            canonical = {c.id: c.canonical_article_id for c in session.exec(select(Cluster)).all()}
            zones: dict[int, set[tuple[str, str]]] = defaultdict(set)
            for tag in session.exec(select(ArticleZone)).all():
                zones[tag.article_id].add((tag.zone_id, tag.role))
            rows = sorted(
                (a.url, a.title, a.body, a.content_hash, _utc(a.published_at), sources[a.source_id], a.dedup_level,
                 articles[canonical[a.cluster_id]].url if a.cluster_id in canonical and canonical[a.cluster_id] else None,
                 articles[a.duplicate_of_id].url if a.duplicate_of_id else None, tuple(sorted(zones[a.id] if a.id else ())))
                for a in articles.values()
            )
            pages = Counter(p.url for p in session.exec(select(StoredPage)).all())
            urls = Counter((u.url, u.state) for u in session.exec(select(DiscoveredUrl)).all())
        return {"articles": rows, "raw_pages": pages, "urls": urls, "clusters": len(canonical)}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def baseline(site: DemoSite, tmp_path_factory: pytest.TempPathFactory,
             postgres_available: bool) -> Iterator[Callable[[str], dict[str, Any]]]:
    """The corpus of one uninterrupted crawl of the demo sites, per backend (made when first asked for)."""
    made: dict[str, dict[str, Any]] = {}
    databases: list[str] = []

    def get(backend: str) -> dict[str, Any]:
        if backend not in made:
            tmp = tmp_path_factory.mktemp("baseline")
            if backend == "sqlite":
                url = f"sqlite:///{tmp / 'baseline.db'}"
            else:
                name = f"zm_test_{uuid.uuid4().hex[:12]}"
                with _postgres_admin().connect() as conn:
                    conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
                databases.append(name)
                url = _PG_URL.set(database=name).render_as_string(hide_password=False)
            db.upgrade(url)
            engine = db.make_engine(url)
            results = crawl(_settings(url, tmp), _sources(site), engine)
            engine.dispose()
            assert all(r.error is None for r in results), results
            made[backend] = corpus(url)
            assert len(made[backend]["articles"]) == 22
        return made[backend]

    yield get
    if databases:
        admin = _postgres_admin()
        with admin.connect() as conn:
            for name in databases:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _count(database_url: str, table: type) -> int:
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            return int(session.exec(select(func.count()).select_from(table)).one())
    finally:
        engine.dispose()


def _through(proxy: TcpProxy, database_url: str) -> str:
    return sa.engine.make_url(database_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


def _cli_env(database_url: str, sources: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update({"MONITOR_DATABASE_URL": database_url, "MONITOR_SOURCES": str(sources),
                "MONITOR_ALLOW_PRIVATE_HOSTS": "1", "MONITOR_FETCH_RETRIES": "0", "MONITOR_LOCK_TIMEOUT": "5"})
    return env


def _one_line(text: str) -> str:
    return " ".join(text.split())  # rich wraps long messages at 80 columns


# 1. PostgreSQL connection lost during a crawl -------------------------------------------------
def _inserts_article(statement: str) -> bool:
    """The statement that stores a new article (on PostgreSQL one statement with its cluster and index rows)."""
    return "INSERT INTO article (" in statement


def _count_statements(engine: sa.Engine, matches: Callable[[str], bool],
                      then: Callable[[int], None] | None = None) -> dict[str, int]:
    seen = {"n": 0}

    @sa.event.listens_for(engine, "before_cursor_execute")
    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if matches(statement):
            seen["n"] += 1
            if then is not None:
                then(seen["n"])

    return seen


@PG
def test_crawl_survives_a_cut_between_two_transactions(migrated_url: str, site: DemoSite, baseline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The pooled connection and the connections holding the source locks die while idle: pool_pre_ping
    reconnects, the run completes, and releasing a lock whose connection is gone is no error."""
    sources = _sources(site)
    with tcp_proxy(*PG_ADDRESS) as proxy:
        url = _through(proxy, migrated_url)
        engine = db.make_engine(url)
        inserted = _count_statements(engine, _inserts_article)

        @sa.event.listens_for(engine.pool, "checkin")  # back in the pool after a commit: no transaction open
        def cut(_dbapi, _record) -> None:  # type: ignore[no-untyped-def]
            if inserted["n"] >= CUT_AFTER and not proxy.cuts:  # items are stored in groups: the count may pass 5
                proxy.cut()

        with locks.hold_many(engine, [locks.source_lock_name(s.name) for s in sources], 5):
            results = crawl(_settings(url, tmp_path), sources, engine)
        engine.dispose()
    assert proxy.cuts >= 1 + len(sources), "the pooled connection and every lock connection were cut"
    assert [r.error for r in results] == [None] * len(sources)
    assert corpus(migrated_url) == baseline("postgres")


@PG
@pytest.mark.parametrize("how", ["proxy-cut", "pg_terminate_backend"])
def test_crawl_retries_an_article_whose_transaction_was_cut(migrated_url: str, site: DemoSite, baseline, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            how: str) -> None:
    """The connection dies under the INSERT of an article (the wire is cut, or the backend is terminated):
    the server rolls the transaction back, the crawl runs that article's transaction once more on a new
    connection and goes on."""
    with tcp_proxy(*PG_ADDRESS) as proxy:
        url = _through(proxy, migrated_url)
        engine = db.make_engine(url)
        killed: list[int] = []

        @sa.event.listens_for(engine, "before_cursor_execute")
        def kill(connection, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if _inserts_article(statement):
                killed.append(1)
                if len(killed) == CUT_AFTER + 1 and how == "proxy-cut":
                    proxy.cut()
                elif len(killed) == CUT_AFTER + 1:
                    terminate_backend(connection)

        results = crawl(_settings(url, tmp_path), _sources(site), engine)
        engine.dispose()
    # the cut transaction ran twice, on two connections: its articles' INSERTs twice (items already fetched are
    # stored together, up to ITEM_GROUP in one transaction: how many depends on which fetches had finished)
    assert 22 + 1 <= len(killed) <= 22 + ITEM_GROUP
    assert [r.error for r in results] == [None] * 4
    assert corpus(migrated_url) == baseline("postgres")
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        assert {run.status for run in session.exec(select(CrawlRun)).all()} == {"ok"}
    engine.dispose()


@PG
def test_crawl_with_the_database_gone_fails_clearly_and_the_rerun_completes(migrated_url: str, site: DemoSite, baseline,  # type: ignore[no-untyped-def]
                                                                           tmp_path: Path) -> None:
    """`monitor crawl` as a process: the database goes away (connections cut, new ones refused) once some
    articles are stored. It exits 1 with a message naming the database and what to do, not a traceback;
    the rerun, as the service's next tick would do, completes the corpus with nothing twice."""
    sources = tmp_path / "sources.yaml"
    sources.write_text(_sources_text(site), encoding="utf-8")
    with tcp_proxy(*PG_ADDRESS) as proxy:
        env = _cli_env(_through(proxy, migrated_url), sources)
        process = subprocess.Popen([sys.executable, "-m", "monitor", "crawl", "--json"], env=env, cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            while _count(migrated_url, Article) < CUT_AFTER and process.poll() is None:
                time.sleep(0.005)
            proxy.refusing = True
            proxy.cut()
            _out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        stored = _count(migrated_url, Article)
        assert process.returncode == 1, err
        assert "Traceback" not in err and "[SQL:" not in err, err
        message = _one_line(err)
        assert "the database postgresql+psycopg://postgres@127.0.0.1" in message, message
        assert "lost the connection" in message or "cannot connect" in message, message
        assert "run again once the database is reachable" in message, message
        assert CUT_AFTER <= stored < 22
        proxy.refusing = False
        rerun = subprocess.run([sys.executable, "-m", "monitor", "crawl", "--json"], env=env, cwd=tmp_path,
                               capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert corpus(migrated_url) == baseline("postgres")


@PG
def test_database_gone_while_a_source_records_its_discovered_urls_is_a_database_error(migrated_url: str, site: DemoSite,  # type: ignore[no-untyped-def]
                                                                                     tmp_path: Path) -> None:
    """The database goes away just as a source stores the URLs its discovery found (the timing that the
    process test above meets on a loaded machine, when a slow source is still discovering as the others
    store articles): the pass ends with DatabaseUnavailable, not with the PendingRollbackError of a write
    after the failure on the same session, which the CLI would print as a traceback."""
    with tcp_proxy(*PG_ADDRESS) as proxy:
        url = _through(proxy, migrated_url)
        engine = db.make_engine(url)

        @sa.event.listens_for(engine, "before_cursor_execute")
        def cut(_connection, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if statement.startswith("SELECT discoveredurl.url") and not proxy.refusing:
                proxy.refusing = True
                proxy.cut()

        # one source: with several, whichever reaches its discovered URLs first is cut, and the pass raises
        # the error of the first source in the file's order
        news = [s for s in _sources(site) if s.name == "demo-portal-news"]
        # recording the URLs commits through commit_retrying, whose second try meets the refusing proxy
        with pytest.raises(DatabaseUnavailable, match=r"(lost the connection to|cannot connect to) the database"):
            crawl(_settings(url, tmp_path), news, engine)
        engine.dispose()
    assert proxy.refusing, "the cut happened in discovery"


# 2. PostgreSQL connection lost during a digest send -------------------------------------------
@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps (recipient, Message-ID) of what it accepts; ``on_data(n, rcpt)`` runs at
    the n-th DATA (from 1) and may answer "drop" (keep the message, close without a reply) or "451"."""

    port: int = field(default_factory=free_port)
    received: list[tuple[str, str]] = field(default_factory=list)
    on_data: Callable[[int, str], str | None] | None = None
    seen: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.seen += 1
        recipient = envelope.rcpt_tos[0]
        action = self.on_data(self.seen, recipient) if self.on_data else None
        if action == "451":
            return "451 4.3.0 try again later"
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append((recipient, str(message["Message-ID"])))
        if action == "drop":  # the message is in; the reply never leaves
            server.transport.close()
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with serving(Mailbox()) as box:
        yield box, box.port


SUBSCRIBERS = [f"reader{i}@example.com" for i in range(1, 7)]
ARTICLES = [
    {"url": "http://news.example.cn/1.html", "title": "包头稀土高新区稀土产业产值增长三成",
     "body": "本报讯 包头稀土高新区前三季度稀土产业产值同比增长逾三成。一批稀土新材料项目开工。", "zones": ["baotouxitu"]},
    {"url": "http://news.example.cn/2.html", "title": "宝鸡高新区钛产业项目加快建设",
     "body": "宝鸡高新区钛及钛合金产业链项目加快建设，中国钛谷再扩容。", "zones": ["baoji"]},
]


def _digest_setup(database_url: str, emails: list[str]) -> None:
    store_articles(database_url, ARTICLES)
    engine = db.make_engine(database_url)
    with Session(engine) as session:
        for email in emails:
            add_subscriber(session, email, None, "Asia/Shanghai", SubscriptionFilters())
    engine.dispose()


def _send(database_url: str, settings: Settings, port: int, engine: sa.Engine | None = None):  # type: ignore[no-untyped-def]
    own = engine is None
    engine = engine or db.make_engine(database_url)
    try:
        return send_digests(engine, settings, SmtpMailer(f"smtp://127.0.0.1:{port}", timeout=5), force=True)
    finally:
        if own:
            engine.dispose()


def _deliveries(database_url: str) -> dict[str, tuple[str, str, int]]:
    """email -> (Message-ID, state, attempts) of its one delivery."""
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(Subscriber.email, Delivery.message_id, Delivery.state, Delivery.attempts)
                                .join(DigestRecord, DigestRecord.id == Delivery.digest_id)  # type: ignore[arg-type]
                                .join(Subscriber, Subscriber.id == DigestRecord.subscriber_id)).all()  # type: ignore[arg-type]
    finally:
        engine.dispose()
    found = {email: (message_id, state, attempts) for email, message_id, state, attempts in rows}
    assert len(found) == len(rows), "one delivery per subscriber and period"
    return found


def _assert_one_message_id_each(box: Mailbox, deliveries: dict[str, tuple[str, str, int]], resent: set[str]) -> None:
    assert {rcpt for rcpt, _ in box.received} == set(deliveries), "nobody is missing, nobody unexpected"
    for email, (message_id, state, _attempts) in deliveries.items():
        got = [mid for rcpt, mid in box.received if rcpt == email]
        assert set(got) == {message_id}, (email, got)  # one distinct Message-ID: the recorded one
        assert len(got) == (2 if email in resent else 1), (email, got)  # at most one resend of it
        assert state == "sent", (email, state)


@PG
@pytest.mark.parametrize("when", ["while-smtp-talks", "under-the-update"])
def test_digest_send_survives_a_cut(migrated_url: str, settings_for, mailbox, when: str) -> None:  # type: ignore[no-untyped-def]
    """Cut while the app waits for the SMTP reply (its connection idle in the pool), or under the UPDATE that
    records a delivery as sent: the outcome is written on a new connection, nobody gets a second copy."""
    box, port = mailbox
    _digest_setup(migrated_url, SUBSCRIBERS)
    with tcp_proxy(*PG_ADDRESS) as proxy:
        url = _through(proxy, migrated_url)
        engine = db.make_engine(url)
        if when == "while-smtp-talks":
            def cut_at_third(n: int, _rcpt: str) -> None:
                if n == 3:
                    proxy.cut()

            box.on_data = cut_at_third
        else:
            _count_statements(engine, lambda sql: sql.startswith("UPDATE delivery SET"), lambda n: n == 3 and proxy.cut())
        result = _send(url, settings_for(url), port, engine)
        engine.dispose()
    assert proxy.cuts >= 1
    assert (result.sent, result.failed) == (len(SUBSCRIBERS), 0)
    deliveries = _deliveries(migrated_url)
    _assert_one_message_id_each(box, deliveries, resent=set())
    assert {attempts for _, _, attempts in deliveries.values()} == {1}


@PG
def test_digest_send_with_the_database_gone_resends_only_the_one_in_flight(migrated_url: str, settings_for, mailbox) -> None:  # type: ignore[no-untyped-def]
    """The database goes away while the 3rd digest is being accepted by SMTP: its 'sent' can't be recorded.
    The run stops with DatabaseUnavailable; the rerun resends that one digest once, with the same
    Message-ID, and sends the ones the first run never reached, once."""
    box, port = mailbox
    _digest_setup(migrated_url, SUBSCRIBERS)
    with tcp_proxy(*PG_ADDRESS) as proxy:
        url = _through(proxy, migrated_url)

        def database_down(n: int, _rcpt: str) -> None:
            if n == 3:
                proxy.refusing = True
                proxy.cut()

        box.on_data = database_down
        with pytest.raises(DatabaseUnavailable, match="(lost the connection to|cannot connect to) the database postgresql"):
            _send(url, settings_for(url), port)
        in_flight = box.received[-1][0]
        assert len(box.received) == 3
        box.on_data = None
        proxy.refusing = False
        again = _send(url, settings_for(url), port)
        assert again.sent == len(SUBSCRIBERS) - 2 and again.failed == 0
        assert _send(url, settings_for(url), port).sent == 0
    _assert_one_message_id_each(box, _deliveries(migrated_url), resent={in_flight})


# 3. a full disk and a read-only database (SQLite) ----------------------------------------------
def _page_count(database_url: str) -> int:
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    engine.dispose()
    return pages


def _assert_nothing_half_stored(database_url: str) -> None:
    """Every stored article is whole (raw page, cluster, its URL fetched) and every fetched URL has its article."""
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    engine.dispose()
    engine = db.make_engine(database_url)
    with Session(engine) as session:
        articles = session.exec(select(Article)).all()
        pages = session.exec(select(StoredPage)).all()
        fetched = {u.url for u in session.exec(select(DiscoveredUrl).where(DiscoveredUrl.state == "fetched")).all()}
        clusters = {c.id: c.canonical_article_id for c in session.exec(select(Cluster)).all()}
    engine.dispose()
    assert {a.url.split("#")[0] for a in articles} == fetched  # a page of several pieces stores URL#piece-N
    assert sorted(p.url for p in pages) == sorted(fetched) and all(p.article_id is not None for p in pages)
    assert all(a.cluster_id in clusters and clusters[a.cluster_id] is not None for a in articles)


def _page_limit(extra_pages: int, path: Path) -> Callable[..., None]:
    """A connect hook that caps one SQLite file at its current size plus ``extra_pages`` pages."""
    limit = _page_count(f"sqlite:///{path}") + extra_pages

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        import sqlite3

        if isinstance(dbapi_connection, sqlite3.Connection):
            files = {row[2] for row in dbapi_connection.execute("PRAGMA database_list")}
            if str(path) in files:
                dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    return cap


@SQLITE
def test_crawl_on_a_full_disk_stops_clearly_with_nothing_half_stored(migrated_url: str, site: DemoSite, baseline,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    engine = db.make_engine(migrated_url)
    sa.event.listen(engine, "connect", _page_limit(30, tmp_path / "monitor.db"))
    with pytest.raises(DatabaseFull) as info:
        crawl(_settings(migrated_url, tmp_path), _sources(site), engine)
    engine.dispose()
    message = str(info.value)
    assert f"the database {tmp_path / 'monitor.db'} is full while " in message
    assert "free disk space" in message and "[SQL:" not in message
    assert 0 < _count(migrated_url, Article) < 22
    _assert_nothing_half_stored(migrated_url)
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:  # sources run concurrently: the one that hit the full disk failed,
        runs = session.exec(select(CrawlRun)).all()  # the others finished or were stopped, none left running
        assert [r.status for r in runs].count("failed") >= 1
        assert all("is full" in (r.error or "") for r in runs if r.status == "failed")
        assert {r.status for r in runs} <= {"ok", "failed", "interrupted"}
    # Space freed: the next crawl completes the corpus.
    assert all(r.error is None for r in crawl(_settings(migrated_url, tmp_path), _sources(site), engine))
    engine.dispose()
    assert corpus(migrated_url) == baseline("sqlite")


def _import_lines(count: int) -> str:
    """Lines of distinct articles (bodies of random common characters: no two are near duplicates)."""
    import random

    zones = ["包头稀土高新区", "宝鸡高新区", "东湖高新区", "中关村科技园区", "苏州工业园区", "成都高新区"]
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    lines = []
    for i in range(count):
        zone, rng = zones[i % len(zones)], random.Random(i)
        body = "\n\n".join(zone + "".join(rng.choice(chars) for _ in range(400)) + "。" for _ in range(4))
        lines.append(json.dumps({"url": f"http://import.example.cn/{i}.html", "title": f"{zone}第{i}号项目开工",
                                 "body": body, "published_at": f"2024-05-{i % 28 + 1:02d}"}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """The `monitor` entry point in this process (so a connect hook of the test applies to it)."""
    from monitor.cli import main

    monkeypatch.setattr(sys, "argv", ["monitor", *args])
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@SQLITE
def test_import_on_a_full_disk_exits_1_naming_the_line_and_resumes(migrated_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(_import_lines(40), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MONITOR_DATABASE_URL", migrated_url)
    cap = _page_limit(25, tmp_path / "monitor.db")
    sa.event.listen(sa.pool.Pool, "connect", cap)
    try:
        code = _run_main(monkeypatch, "import", str(path), "--json")
    finally:
        sa.event.remove(sa.pool.Pool, "connect", cap)
    out, err = capsys.readouterr()
    message = _one_line(err)
    assert code == 1, message
    assert "Traceback" not in err and "[SQL:" not in err
    stored = [json.loads(line) for line in out.splitlines()]
    assert 0 < len(stored) < 40 and all(row["status"] == "new" for row in stored)
    assert f"is full while importing line {len(stored) + 1} (http://import.example.cn/{len(stored)}.html)" in message
    assert _count(migrated_url, Article) == len(stored)  # the line that hit the limit left nothing behind
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        assert all(a.cluster_id is not None for a in session.exec(select(Article)).all())
    engine.dispose()
    assert _run_main(monkeypatch, "import", str(path), "--json") == 0
    statuses = Counter(json.loads(line)["status"] for line in capsys.readouterr().out.splitlines())
    assert statuses["unchanged"] == len(stored) and statuses["unchanged"] + statuses["new"] + statuses["duplicate"] == 40
    assert _count(migrated_url, Article) == 40


@SQLITE
def test_read_only_database_gives_a_clear_error(migrated_url: str, site: DemoSite, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Opened read-only with SQLite's own URI parameter (the tests run as root, where chmod stops nothing):
    the crawl (a process) and an import exit 1 saying the database is read-only; nothing is written,
    and the lock file lands beside the database, not in a folder named 'file:'."""
    sources = tmp_path / "sources.yaml"
    sources.write_text(_sources_text(site), encoding="utf-8")
    database = tmp_path / "monitor.db"
    read_only = f"sqlite:///file:{database}?mode=ro&uri=true"
    work = tmp_path / "cwd"
    work.mkdir()
    result = subprocess.run([sys.executable, "-m", "monitor", "crawl", "--json"], env=_cli_env(read_only, sources),
                            cwd=work, capture_output=True, text=True, timeout=120)
    message = _one_line(result.stderr)
    assert result.returncode == 1, message
    assert "Traceback" not in result.stderr
    assert f"the database {database} is read-only" in message and "mode=ro" in message, message
    assert list(work.iterdir()) == [] and database.with_name("monitor.db.write.lock").exists()
    engine = db.make_engine(read_only)
    with pytest.raises(DatabaseReadOnly, match="attempt to write a readonly database"):
        crawl(_settings(read_only, tmp_path), _sources(site), engine)
    engine.dispose()
    (tmp_path / "items.jsonl").write_text(_import_lines(1), encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setenv("MONITOR_DATABASE_URL", read_only)
    assert _run_main(monkeypatch, "import", str(tmp_path / "items.jsonl")) == 1
    assert f"the database {database} is read-only while importing line 1" in _one_line(capsys.readouterr().err)
    assert _count(migrated_url, Article) == 0 and _count(migrated_url, CrawlRun) == 0


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions bind, also for root (no CAP_DAC_OVERRIDE)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions would not bind (the mode=ro test covers it)")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


@SQLITE
@pytest.mark.parametrize("folder_mode, expected", [(0o755, "is read-only while"), (0o555, "is read-only while reading its schema revision")],
                         ids=["file-0444", "file-0444-folder-0555"])
def test_read_only_file_gives_a_clear_error(migrated_url: str, site: DemoSite, tmp_path: Path, folder_mode: int,
                                            expected: str) -> None:
    """chmod as an operator might get it wrong; as root the CLI runs without the capability to override it."""
    prefix = _without_root_powers()
    sources = tmp_path / "sources.yaml"
    sources.write_text(_sources_text(site), encoding="utf-8")
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "monitor.db"
    (tmp_path / "monitor.db").rename(database)
    database.chmod(0o444)
    folder.chmod(folder_mode)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "monitor", "crawl"],
                                env=_cli_env(f"sqlite:///{database}", sources), cwd=tmp_path, capture_output=True,
                                text=True, timeout=120)
    finally:
        folder.chmod(0o755)
        database.chmod(0o644)
    message = _one_line(result.stderr)
    assert result.returncode == 1 and "Traceback" not in result.stderr, message
    assert expected in message and str(database) in message, message
    assert _count(f"sqlite:///{database}", Article) == 0 and _count(f"sqlite:///{database}", CrawlRun) == 0


# 4. the SMTP server drops the connection after DATA, or defers --------------------------------
@SQLITE
@pytest.mark.parametrize("fault", ["drop", "451"])
def test_smtp_fault_after_data_is_resent_with_the_same_message_id(migrated_url: str, settings_for, mailbox,  # type: ignore[no-untyped-def]
                                                                   fault: str) -> None:
    """"drop": the server takes the message and closes without replying (so it was delivered, unknown
    to us); "451": it defers. Either way the digest is 'failed' with a retry time, the subscribers
    after it still get theirs, and the next run sends it again with the same Message-ID."""
    box, port = mailbox
    flaky = SUBSCRIBERS[1]
    _digest_setup(migrated_url, SUBSCRIBERS[:4])
    box.on_data = lambda _n, rcpt: fault if rcpt == flaky else None
    settings = settings_for(migrated_url)
    first = _send(migrated_url, settings, port)
    assert (first.sent, first.failed) == (3, 1)
    state = _deliveries(migrated_url)
    assert state[flaky][1] == "failed" and all(s == "sent" for e, (_, s, _) in state.items() if e != flaky)
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        failed = session.exec(select(Delivery).where(Delivery.state == "failed")).one()
        assert failed.next_attempt_at is not None and failed.last_error
        assert ("Connection unexpectedly closed" if fault == "drop" else "451") in failed.last_error
    engine.dispose()
    box.on_data = None
    assert _send(migrated_url, settings, port).sent == 1
    assert _send(migrated_url, settings, port).sent == 0
    _assert_one_message_id_each(box, _deliveries(migrated_url), resent={flaky} if fault == "drop" else set())


@SQLITE
def test_a_send_cut_after_its_data_is_a_copy_and_the_policy_stops_at_three(migrated_url: str, settings_for,  # type: ignore[no-untyped-def]
                                                                             mailbox) -> None:
    """The server takes the message and drops the connection before answering, every time: each send may
    have reached the subscriber, so the third is the last (MAX_COPIES), all three with one Message-ID, and the
    digest is given up on and reported. Before: it was resent on every run up to 8 times."""
    box, port = mailbox
    flaky = SUBSCRIBERS[1]
    _digest_setup(migrated_url, SUBSCRIBERS[:3])
    box.on_data = lambda _n, rcpt: "drop" if rcpt == flaky else None
    settings = settings_for(migrated_url)
    runs = [_send(migrated_url, settings, port) for _ in range(MAX_COPIES + 1)]
    assert [(r.sent, r.failed, len(r.given_up)) for r in runs] == [(2, 1, 0), (0, 1, 0), (0, 1, 1), (0, 0, 0)]
    message_id, state, attempts = _deliveries(migrated_url)[flaky]
    assert (state, attempts) == ("abandoned", MAX_COPIES)
    assert [mid for rcpt, mid in box.received if rcpt == flaky] == [message_id] * MAX_COPIES
    assert "Connection unexpectedly closed" in runs[2].given_up[0].reason


@SQLITE
def test_a_refused_send_is_no_copy_and_is_retried_past_three(migrated_url: str, settings_for, mailbox) -> None:  # type: ignore[no-untyped-def]
    """A 451 answer to the data: the server did not take the message, so the try costs no copy."""
    box, port = mailbox
    flaky = SUBSCRIBERS[1]
    _digest_setup(migrated_url, SUBSCRIBERS[:2])
    box.on_data = lambda _n, rcpt: "451" if rcpt == flaky else None
    settings = settings_for(migrated_url)
    assert [_send(migrated_url, settings, port).failed for _ in range(MAX_COPIES + 1)] == [1] * (MAX_COPIES + 1)
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        failed = session.exec(select(Delivery).where(Delivery.state == "failed")).one()
    engine.dispose()
    assert (failed.attempts, failed.copies) == (MAX_COPIES + 1, 0)
    box.on_data = None
    assert _send(migrated_url, settings, port).sent == 1
    _assert_one_message_id_each(box, _deliveries(migrated_url), resent=set())


# 5. a host that does not resolve ---------------------------------------------------------------
LIST = b"""<html><head><meta charset="utf-8"></head><body><ul class="news">
<li><a href="/a/1.html">1</a></li></ul></body></html>"""
ARTICLE = ("<html><head><meta charset='utf-8'></head><body><h1>东湖高新区光谷建设提速</h1><div class='time'>2024-05-20</div>"
           "<div class='content'><p>武汉东湖高新区光谷科创大走廊建设提速，今年新增高新技术企业一千余家。</p>"
           "<p>园区负责人介绍，今年将新建孵化载体和中试平台，服务更多科技型中小企业。</p></div></body></html>").encode()


@SQLITE
@pytest.mark.parametrize("policy_on", [False, True], ids=["private-allowed", "allowlist"])
def test_unresolvable_host_fails_its_source_clearly_and_the_others_run(migrated_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       policy_on: bool) -> None:
    routes = {"/list.html": Response(200, LIST), "/a/1.html": Response(200, ARTICLE)}
    with fixture_server(routes) as good:  # type: ignore[arg-type]
        text = f"""sources:
  - name: gone
    kind: html
    url: http://news.zone-monitor.invalid/list.html
    links: "ul.news a"
  - name: fine
    kind: html
    url: {good.base}/list.html
    links: "ul.news a"
    rate_limit: 200
"""
        overrides: dict[str, object] = {"allow_private_hosts": False, "private_allowlist": "127.0.0.1"} if policy_on else {}
        settings = _settings(migrated_url, tmp_path, fetch_retries=2, **overrides)
        engine = db.make_engine(migrated_url)
        gone, fine = crawl(settings, list(parse_sources(text).sources), engine)
        verdict = health.record_run(engine, settings, gone)
    assert (fine.new, fine.error) == (1, None)
    assert gone.error is not None and "cannot resolve host 'news.zone-monitor.invalid'" in gone.error, gone.error
    assert "robots.txt unreachable" not in gone.error  # the cause, not a symptom
    assert verdict.health == "failing"
    with Session(engine) as session:
        source = session.exec(select(Source).where(Source.name == "gone")).one()
        run = session.exec(select(CrawlRun).where(CrawlRun.source_id == source.id)).one()
        log = session.exec(select(FetchLog).where(FetchLog.source_id == source.id)).all()
    engine.dispose()
    assert run.status == "failed" and "cannot resolve host" in (run.error or "")
    assert source.consecutive_failures == 1 and "cannot resolve host" in (source.last_error or "")
    # No such name is not worth retrying within the run (a DNS timeout would be): one attempt, logged.
    assert len(log) == (0 if policy_on else 1) and all("cannot resolve host" in (r.error or "") for r in log)


# 6. redirects and links to private addresses, with the address policy on ----------------------
METADATA = "http://169.254.169.254/latest/meta-data/"
INTRANET = "http://10.0.0.1/"


def _policy(tmp_path: Path, allowlist: str = "127.0.0.1") -> Settings:
    return _settings(f"sqlite:///{tmp_path / 'x.db'}", tmp_path, allow_private_hosts=False, private_allowlist=allowlist)


def test_redirects_to_private_addresses_are_refused_without_connecting(tmp_path: Path) -> None:
    import asyncio

    routes = {"/ok": Response(200, b"fine"), "/to-metadata": Response(302, b"", {"Location": METADATA}),
              "/to-intranet": Response(301, b"", {"Location": INTRANET}),
              "/via-hop": Response(307, b"", {"Location": "/to-metadata"})}

    async def attempt(settings: Settings, base: str, path: str) -> tuple[bytes | BlockedURL, list[str]]:
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(base, 200)
            try:
                outcome: bytes | BlockedURL = (await fetcher.get(base + path)).content
            except BlockedURL as exc:
                outcome = exc
            return outcome, [record.url for record in fetcher.records]

    with fixture_server(routes) as site:  # type: ignore[arg-type]
        assert asyncio.run(attempt(_policy(tmp_path), site.base, "/ok"))[0] == b"fine"  # the allowlisted loopback
        for path, target in (("/to-metadata", "169.254.169.254"), ("/to-intranet", "10.0.0.1"), ("/via-hop", "169.254.169.254")):
            outcome, requested = asyncio.run(attempt(_policy(tmp_path), site.base, path))
            assert isinstance(outcome, BlockedURL), (path, outcome)
            assert f"non-public address {target}" in str(outcome) and "MONITOR_PRIVATE_ALLOWLIST" in str(outcome)
            assert not any(target in url for url in requested), requested  # refused before any request
        blocked, requested = asyncio.run(attempt(_policy(tmp_path, allowlist="10.9.0.0/16, intranet.example"), site.base, "/ok"))
        assert isinstance(blocked, BlockedURL) and "127.0.0.1" in str(blocked) and requested == []


def test_a_name_that_resolves_differently_at_connect_time_gets_no_connection(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """DNS rebinding: the name answers a public address to the check and the loopback to the connection.
    The connection is checked on the address it goes to, so the local server is never reached."""
    import asyncio
    import socket
    from types import SimpleNamespace

    from monitor.fetch import urls

    real_getaddrinfo = socket.getaddrinfo
    asked: list[str] = []

    def answer(address: str):  # type: ignore[no-untyped-def]
        def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
            if host not in ("rebind.example", b"rebind.example"):  # anyio asks with the IDNA-encoded bytes
                return real_getaddrinfo(host, port, *args, **kwargs)
            asked.append(address)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return getaddrinfo

    # the check (monitor.fetch.urls) is answered a public address; everyone else, the HTTP client included, the loopback
    monkeypatch.setattr(urls, "socket", SimpleNamespace(getaddrinfo=answer("93.184.216.34"), gaierror=socket.gaierror,
                                                        EAI_AGAIN=socket.EAI_AGAIN, SOCK_STREAM=socket.SOCK_STREAM))
    monkeypatch.setattr(socket, "getaddrinfo", answer("127.0.0.1"))

    async def attempt(settings: Settings, url: str) -> bytes | BlockedURL:
        async with Fetcher(settings) as fetcher:
            try:
                return (await fetcher.get(url)).content
            except BlockedURL as exc:
                return exc

    with fixture_server({"/ok": Response(200, b"local secret")}) as site:  # type: ignore[arg-type]
        url = site.base.replace("127.0.0.1", "rebind.example") + "/ok"
        outcome = asyncio.run(attempt(_policy(tmp_path, allowlist="10.9.0.0/16"), url))
        assert "93.184.216.34" in asked and "127.0.0.1" in asked, "resolved for the check, and again to connect"
        assert isinstance(outcome, BlockedURL), outcome
        assert "non-public address 127.0.0.1" in str(outcome) and outcome.url == url
        assert site.hits == []


@pytest.mark.parametrize("certified", ["guarded.example", "someone-else.example"])
def test_https_through_the_address_guard_verifies_the_host_name(tmp_path: Path, monkeypatch, certified: str) -> None:  # type: ignore[no-untyped-def]
    """The guard connects to the checked address, not to the name; TLS must still verify the certificate
    against the name (a certificate for another name is refused)."""
    import asyncio
    import http.server
    import socket
    import ssl
    import threading

    import trustme

    from monitor.fetch import fetcher as fetch

    authority = trustme.CA()
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    monkeypatch.setattr(fetch, "_tls_context", lambda: client_context)
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host in ("guarded.example", b"guarded.example"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server interface
            hits.append(self.path)
            body = b"secure" if self.path == "/ok" else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(certified).configure_cert(server_context)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def attempt() -> bytes | FetchError:
        async with Fetcher(_policy(tmp_path, allowlist="127.0.0.1")) as fetcher:
            try:
                return (await fetcher.get(f"https://guarded.example:{server.server_port}/ok")).content
            except FetchError as exc:
                return exc

    try:
        outcome = asyncio.run(attempt())
    finally:
        server.shutdown()
        server.server_close()
    if certified == "guarded.example":
        assert outcome == b"secure" and hits == ["/robots.txt", "/ok"]
    else:
        assert isinstance(outcome, FetchError) and "certificate" in str(outcome).lower(), outcome
        assert "/ok" not in hits


def test_list_links_to_private_addresses_are_never_fetched(tmp_path: Path) -> None:
    listing = f"""<html><head><meta charset="utf-8"></head><body><ul class="news">
<li><a href="/a/1.html">ok</a></li><li><a href="{METADATA}">meta</a></li><li><a href="{INTRANET}x.html">lan</a></li>
</ul></body></html>""".encode()
    database = f"sqlite:///{tmp_path / 'x.db'}"
    db.upgrade(database)
    with fixture_server({"/list.html": Response(200, listing), "/a/1.html": Response(200, ARTICLE)}) as site:
        for allowed in ("[]", "[169.254.169.254, 10.0.0.1]"):  # the second lets the links through discovery
            text = (f"sources:\n  - name: s\n    kind: html\n    url: {site.base}/list.html\n    links: 'ul.news a'\n"
                    f"    rate_limit: 200\n    allowed_hosts: {allowed}\n")
            engine = db.make_engine(database)
            [result] = crawl(_policy(tmp_path), list(parse_sources(text).sources), engine)
            assert result.error is None
            with Session(engine) as session:
                urls = {u.url: u for u in session.exec(select(DiscoveredUrl)).all()}
                logged = [r.url for r in session.exec(select(FetchLog)).all()]
            engine.dispose()
            assert not any("169.254" in url or "10.0.0.1" in url for url in logged), logged
        assert not any("169.254" in path or "10.0.0.1" in path for path in site.hits)
    private = {url: row for url, row in urls.items() if "127.0.0.1" not in url}
    assert set(private) == {METADATA, INTRANET + "x.html"}
    assert all(row.state == "failed" and "non-public address" in (row.last_error or "") for row in private.values())
    assert _count(database, Article) == 1


def test_private_allowlist_setting() -> None:
    settings = Settings(_env_file=None, private_allowlist="10.8.0.0/16, intranet.example ,127.0.0.1")  # type: ignore[call-arg]
    assert settings.private_allowlist
    for bad in ("10.0.0.0/33", "http://10.0.0.1/", "a b/c"):
        with pytest.raises(ValidationError, match="neither a host name"):
            Settings(_env_file=None, private_allowlist=bad)  # type: ignore[call-arg]
    assert Settings(_env_file=None).allow_private_hosts is False  # type: ignore[call-arg]
