"""SIGKILL at random points of a crawl and of a digest run, then a rerun: nothing lost, nothing twice (issue 9).

Each round starts a real `monitor` subprocess, kills it with SIGKILL at a point drawn from a
seeded RNG, reruns it to completion and compares what is stored (and, for digests, what the
SMTP server received) with an uninterrupted run. The seed of each round is printed and is in
every assertion message; ``MONITOR_KILL_SEED=N`` replays a session. ``MONITOR_KILL_ROUNDS``
sets the rounds per loop and database (default 3; ``make soak`` runs 20).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.demo.server import DemoSite, serve_demo_site
from monitor.digest.delivery import MAX_COPIES
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.pipeline import crawl
from monitor.sourcesfile import load_sources
from monitor.store import db
from monitor.store.models import (
    Article,
    ArticleBand,
    ArticlePerson,
    ArticlePlace,
    ArticleTopic,
    ArticleZone,
    Cluster,
    CrawlRun,
    Delivery,
    DigestRecord,
    DiscoveredUrl,
    ParagraphFingerprint,
    SentenceFrequency,
    StoredPage,
    Subscriber,
)
from tests.conftest import free_port, run_cli
from tests.digest_helpers import SmtpSink, serving, store_articles

ROUNDS = int(os.environ.get("MONITOR_KILL_ROUNDS", "3"))
BASE_SEED = int(os.environ.get("MONITOR_KILL_SEED") or random.SystemRandom().randrange(1 << 30))
WAIT = 60.0  # upper bound of every wait; the tests never measure time
# Articles a crawl kill leaves at least to store: the worker processes prepare items in parallel, so the database
# thread stores a group at ~4 ms per article, and the last few articles could all be stored within a kill's delay
# (0-20 ms), leaving the kill nothing to cut short.
SPARE = 10
SUBSCRIBERS = 40  # each kill lands at message 1 to 39: some digests sent, some not


def _seed(loop: str, database_url: str, round_no: int) -> int:
    seed = BASE_SEED + 1000 * round_no + (1 if database_url.startswith("postgresql") else 0) + (2 if loop == "digest" else 0)
    print(f"{loop} kill loop, round {round_no}: seed {seed} (replay with MONITOR_KILL_SEED={BASE_SEED})")
    return seed


def _env(database_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update({"MONITOR_DATABASE_URL": database_url, "MONITOR_ALLOW_PRIVATE_HOSTS": "1", "MONITOR_SECRET_KEY": "test",
                "MONITOR_OUTBOX": str(tmp_path / "outbox"), "MONITOR_FETCH_RETRIES": "0", "MONITOR_LOCK_TIMEOUT": "30"})
    env.update(extra)
    return env


@dataclass(frozen=True)
class Kill:
    """Where a round killed its process (for the assertion messages)."""

    what: str
    alive: bool  # still running when the signal was sent (False: it had finished already)


def _kill_when(args: list[str], env: dict[str, str], ready: Callable[[], bool], delay: float, what: str) -> Kill:
    """Start `monitor ARGS`, wait until ``ready()``, then ``delay`` more seconds, then SIGKILL it."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a pipe nobody reads can fill and stall the child
        process = subprocess.Popen([sys.executable, "-m", "monitor", *args], env=env, stdout=subprocess.DEVNULL,
                                   stderr=errors)
        try:
            deadline = time.monotonic() + WAIT
            while process.poll() is None and not ready():
                if time.monotonic() > deadline:
                    pytest.fail(f"timed out waiting for the kill point: {what}")
                time.sleep(0.005)
            time.sleep(delay)
            alive = process.poll() is None
            process.kill()
        finally:
            process.wait(timeout=20)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if not alive:
        assert process.returncode == 0, f"{what}: the run failed before it could be killed: {stderr}"
    return Kill(f"{what}, then {delay * 1000:.0f} ms", alive)


# the crawl kill loop ----------------------------------------------------------------------
@dataclass(frozen=True)
class Corpus:
    """What a crawl stored, keyed by URL (row ids differ between two databases)."""

    articles: dict[str, tuple[Any, ...]]  # url -> content hash, title, revision, dedup level, published
    article_rows: int
    clusters: frozenset[tuple[str, frozenset[str]]]  # (canonical url, member urls)
    duplicate_of: dict[str, str | None]
    tags: Counter[tuple[Any, ...]]
    index: Counter[tuple[Any, ...]]
    sentences: dict[int, int]
    raw_pages: Counter[str]
    discovered: dict[str, str]  # url -> state


def _corpus(database_url: str) -> Corpus:
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(Article)).all()
            url = {a.id: a.url for a in rows}
            members: dict[int | None, set[str]] = {}
            for a in rows:
                members.setdefault(a.cluster_id, set()).add(a.url)
            clusters = frozenset((url[c.canonical_article_id], frozenset(members.get(c.id, ())))
                                 for c in session.exec(select(Cluster)).all() if c.canonical_article_id in url)
            tags: Counter[tuple[Any, ...]] = Counter()
            tags.update(("zone", url[t.article_id], t.zone_id, t.role, round(t.score, 6))
                        for t in session.exec(select(ArticleZone)).all())
            tags.update(("topic", url[t.article_id], t.topic_id, round(t.score, 6))
                        for t in session.exec(select(ArticleTopic)).all())
            tags.update(("person", url[t.article_id], t.name, t.post, t.zone_id)
                        for t in session.exec(select(ArticlePerson)).all())
            tags.update(("place", url[t.article_id], t.province, t.city) for t in session.exec(select(ArticlePlace)).all())
            index: Counter[tuple[Any, ...]] = Counter()
            index.update(("band", url[b.article_id], b.band, b.hash) for b in session.exec(select(ArticleBand)).all())
            index.update(("paragraph", url[p.article_id], p.position, p.hash, p.length)
                         for p in session.exec(select(ParagraphFingerprint)).all())
            return Corpus(
                articles={a.url: (a.content_hash, a.title, a.revision, a.dedup_level,
                                  a.published_at.isoformat() if a.published_at else None) for a in rows},
                article_rows=len(rows),
                clusters=clusters,
                duplicate_of={a.url: url.get(a.duplicate_of_id) if a.duplicate_of_id else None for a in rows},
                tags=tags,
                index=index,
                sentences={s.hash: s.doc_count for s in session.exec(select(SentenceFrequency)).all()},
                raw_pages=Counter(p.url for p in session.exec(select(StoredPage)).all()),
                discovered={d.url: d.state for d in session.exec(select(DiscoveredUrl)).all()},
            )
    finally:
        engine.dispose()


def _sources(site: DemoSite, path: Path) -> Path:
    path.write_text(site.sources_yaml(), encoding="utf-8")  # every source at 50 requests/s
    return path


@dataclass(frozen=True)
class CrawlReference:
    site: DemoSite
    sources: Path
    corpus: Corpus


@pytest.fixture(scope="module")
def crawl_reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlReference]:
    """The demo sites on loopback for the whole module, and one uninterrupted crawl of them."""
    from monitor.settings import Settings

    folder = tmp_path_factory.mktemp("kill-reference")
    with serve_demo_site() as site:
        sources = _sources(site, folder / "sources.yaml")
        url = f"sqlite:///{folder / 'reference.db'}"
        db.upgrade(url)
        engine = db.make_engine(url)
        settings = Settings(_env_file=None, database_url=url, sources=sources, allow_private_hosts=True,  # type: ignore[call-arg]
                            fetch_retries=0, outbox=folder / "outbox")
        results = crawl(settings, list(load_sources(sources).sources), engine)
        engine.dispose()
        assert not any(r.failed or r.errors for r in results), results
        corpus = _corpus(url)
        assert len(corpus.articles) >= 10 and any(d for d in corpus.duplicate_of.values()), \
            "the demo sites should give a corpus with reposts"
        yield CrawlReference(site, sources, corpus)


def _count(engine: sa.Engine, table: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_crawl_killed_at_random_points_then_rerun_stores_the_same_corpus(
        crawl_reference: CrawlReference, migrated_url: str, tmp_path: Path, round_no: int) -> None:
    seed = _seed("crawl", migrated_url, round_no)
    rng = random.Random(seed)
    expected = crawl_reference.corpus
    total = len(expected.articles)
    env = _env(migrated_url, tmp_path, MONITOR_SOURCES=str(crawl_reference.sources))
    kills: list[Kill] = []
    cut_short: list[bool] = []
    poll = db.make_engine(migrated_url)
    try:
        for _ in range(rng.choice((1, 2))):  # a second kill lands in the run that resumes the first
            stored = _count(poll, Article)
            if stored >= total - SPARE:
                break
            # Kill once this many articles are stored, and a little later. The crawl runs flat out, so most
            # kills land in a fetch, a worker's extraction, dedup or a commit.
            target = rng.randint(stored, total - SPARE)
            delay = rng.uniform(0, 0.02)
            kills.append(_kill_when(["crawl"], env, lambda t=target: _count(poll, CrawlRun) > 0 and _count(poll, Article) >= t,  # type: ignore[misc]
                                    delay, f"crawl killed at {target} of {total} articles"))
            with poll.connect() as conn:
                left_open = conn.execute(sa.select(sa.func.count()).select_from(CrawlRun)  # type: ignore[arg-type]
                                         .where(CrawlRun.status == "running")).scalar_one()
            cut_short.append(_count(poll, Article) < total or left_open > 0)
    finally:
        poll.dispose()
    context = f"seed {seed}: {[k.what for k in kills]}"
    assert all(k.alive for k in kills), f"a crawl finished before its kill: {context}"
    # At least one kill cut the crawl short (articles left to store, or runs left open). A later kill may land in
    # the process's last moments: the worker processes prepare items in parallel, so the last group is stored
    # quickly, and the process then closes its workers before it exits.
    assert any(cut_short), f"the kills cut nothing short: {context}"

    rerun = run_cli("crawl", "--json", env=env)
    assert rerun.returncode == 0, f"{context}\n{rerun.stderr}"
    got = _corpus(migrated_url)
    assert got.article_rows == len(got.articles), f"an article stored twice: {context}"
    assert got.articles == expected.articles, context
    assert got.clusters == expected.clusters and got.duplicate_of == expected.duplicate_of, context
    assert got.tags == expected.tags, context
    assert got.index == expected.index and got.sentences == expected.sentences, context
    assert got.raw_pages == expected.raw_pages, context
    assert got.discovered == expected.discovered, context  # every item fetched, none pending or failed
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        runs = Counter(r.status for r in session.exec(select(CrawlRun)).all())
    engine.dispose()
    # A kill leaves no run open: 'interrupted' counts only the runs a kill landed in, at most one per source
    # (sources are crawled concurrently) and kill.
    sources = len(load_sources(crawl_reference.sources).sources)
    assert runs["running"] == 0 and runs["interrupted"] <= len(kills) * sources, f"runs {dict(runs)} ({context})"


def test_a_run_left_running_by_a_dead_process_is_marked_interrupted_by_the_next(migrated_url: str) -> None:
    """Found by the crawl kill loop: after a SIGKILL and a rerun with `monitor crawl`, the killed run said
    'running' for ever (only `monitor serve`'s nightly maintenance marked such runs)."""
    from monitor.store import CrawlRuns, Sources

    engine = db.make_engine(migrated_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            sources, runs = Sources(session), CrawlRuns(session)
            source, other = sources.row("zone-news", "html"), sources.row("other-news", "html")
            dead, elsewhere = runs.start(source), runs.start(other)  # both processes were killed
            runs.start(source)  # the next run of zone-news holds its lock: nobody else runs it
        with Session(engine) as session:
            assert session.get(CrawlRun, dead.id).status == "interrupted"  # type: ignore[union-attr]
            assert session.get(CrawlRun, elsewhere.id).status == "running"  # another source's runs are not touched
    finally:
        engine.dispose()


# the digest kill loop ---------------------------------------------------------------------
@dataclass
class KillingSink(SmtpSink):
    """The digest tests' SMTP sink, which can SIGKILL the sending process from inside the SMTP conversation.

    ``arm(pid, "mail", k, delay)``: kill when the k-th MAIL FROM arrives (that message is in flight and
    will not be delivered); ``"data"``: once the k-th message is stored by the server but before the
    client reads the 250 (delivered, yet the sender cannot know). ``delay`` moves the kill that much later.
    """

    mails: int = 0
    target: tuple[int, str, int, float] | None = None  # pid, "mail" | "data", k, delay
    fired: bool = False

    def arm(self, pid: int, when: str, k: int, delay: float) -> None:
        self.target = (pid, when, k, delay)

    def _maybe_kill(self, when: str, count: int) -> None:
        if self.target is None or self.fired or self.target[1] != when or count < self.target[2]:
            return
        self.fired = True
        pid, delay = self.target[0], self.target[3]
        if delay:
            threading.Timer(delay, os.kill, (pid, signal.SIGKILL)).start()
        else:
            os.kill(pid, signal.SIGKILL)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, mail_options: Any) -> str:  # noqa: N802
        self.mails += 1
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        self._maybe_kill("mail", self.mails)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        answer = await super().handle_DATA(server, session, envelope)
        self._maybe_kill("data", len(self.messages))
        return answer


@pytest.fixture
def killing_sink() -> Iterator[KillingSink]:
    with serving(KillingSink(free_port())) as sink:
        yield sink


ZONES = ("baotouxitu", "baoji", "donghu")
ARTICLES = [
    {"url": "http://news.example.cn/1.html", "title": "包头稀土高新区稀土产业产值增长三成",
     "body": "本报讯 包头稀土高新区前三季度稀土产业产值同比增长逾三成。一批稀土新材料项目开工。", "zones": ["baotouxitu"]},
    {"url": "http://news.example.cn/2.html", "title": "宝鸡高新区钛产业项目加快建设",
     "body": "宝鸡高新区钛及钛合金产业链项目加快建设，中国钛谷再扩容。", "zones": ["baoji"]},
    {"url": "http://news.example.cn/3.html", "title": "光谷发布光电子信息产业新政",
     "body": "东湖高新区发布支持光电子信息产业发展的若干措施，涉及人才与金融。", "zones": ["donghu"]},
]


def _subscribe(database_url: str, count: int) -> list[str]:
    """``count`` subscribers, each with a filter that matches one article at least (so each is owed one digest)."""
    engine = db.make_engine(database_url)
    emails = [f"reader{i:03d}@example.org" for i in range(count)]
    with Session(engine) as session:
        for i, email in enumerate(emails):
            zones = () if i % 4 == 3 else (ZONES[i % 4],)
            add_subscriber(session, email, None, "Asia/Shanghai", SubscriptionFilters(zones=zones))
    engine.dispose()
    return emails


def _received(sink: SmtpSink) -> dict[str, list[str]]:
    """recipient -> the Message-IDs of what the SMTP server took for them, in order."""
    received: dict[str, list[str]] = {}
    for recipients, message in sink.messages:
        for recipient in recipients:
            received.setdefault(recipient, []).append(str(message["Message-ID"]))
    return received


def _stored_deliveries(database_url: str) -> list[tuple[str, str, str]]:
    """(email, Message-ID, state) of every delivery."""
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(Subscriber.email, Delivery.message_id, Delivery.state)
                                     .join(DigestRecord, DigestRecord.subscriber_id == Subscriber.id)  # type: ignore[arg-type]
                                     .join(Delivery, Delivery.digest_id == DigestRecord.id)).all())  # type: ignore[arg-type]
    finally:
        engine.dispose()


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_digest_run_killed_at_random_points_then_rerun_delivers_each_message_id_once(
        migrated_url: str, tmp_path: Path, killing_sink: KillingSink, round_no: int) -> None:
    seed = _seed("digest", migrated_url, round_no)
    rng = random.Random(seed)
    store_articles(migrated_url, ARTICLES)
    emails = _subscribe(migrated_url, SUBSCRIBERS)
    sink = killing_sink
    env = _env(migrated_url, tmp_path, MONITOR_SMTP_URL=f"smtp://127.0.0.1:{sink.port}")
    # a few messages before the end, so that the kill's delay still lands inside the run
    when, k = rng.choice(("mail", "data")), rng.randint(1, SUBSCRIBERS - 5)
    delay = rng.choice((0.0, rng.uniform(0, 0.01)))  # in one of the two windows, or a little after it
    process = subprocess.Popen([sys.executable, "-m", "monitor", "digest", "send", "--force"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sink.arm(process.pid, when, k, delay)
    try:
        _, stderr = process.communicate(timeout=WAIT)
    finally:
        process.kill()
    context = (f"seed {seed}: killed at {when} of message {k} + {delay * 1000:.1f} ms; "
               f"{len(sink.messages)} message(s) received before the kill")
    assert process.returncode == -signal.SIGKILL, f"the digest run was not killed: {context}\n{stderr!r}"
    # (a kill a few ms after the last accepted message may still find every message received: then
    # the outcomes were not recorded, which the checks below cover as well)

    rerun = run_cli("digest", "send", "--force", "--json", env=env)
    assert rerun.returncode == 0, f"{context}\n{rerun.stderr}"

    received = _received(sink)
    stored = _stored_deliveries(migrated_url)
    assert sorted(email for email, _id, _state in stored) == emails, f"one digest per subscriber and period: {context}"
    assert {state for _email, _id, state in stored} == {"sent"}, context
    assert sorted(received) == emails, f"missing: {sorted(set(emails) - set(received))} ({context})"
    for email, message_id, _state in stored:
        got = received[email]
        assert set(got) == {message_id}, f"{email}: received {got}, stored {message_id} ({context})"
        assert len(got) <= 2, f"{email}: {message_id} delivered {len(got)} times ({context})"


@dataclass
class HoldingSink(SmtpSink):
    """An SMTP server that takes the message of one recipient (kept in ``messages``: it may reach the inbox)
    and then holds its answer until ``holding`` is cleared, so that a test can kill the sender right then."""

    hold_for: str = ""  # "*": every recipient
    holding: bool = True
    held: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        answer = await super().handle_DATA(server, session, envelope)
        if self.holding and (self.hold_for in envelope.rcpt_tos or self.hold_for == "*"):
            self.held += 1
            while self.holding:
                await asyncio.sleep(0.02)
        return answer


@pytest.mark.parametrize("kills", [2, MAX_COPIES])
def test_digest_run_killed_again_and_again_on_the_same_message_then_rerun(migrated_url: str, tmp_path: Path,
                                                                           kills: int) -> None:
    """SIGKILL `monitor digest send` each time the same subscriber's message is in flight (the server has it
    and holds its answer), then rerun: two kills leave one more copy to send (the policy's limit is
    MAX_COPIES), so that digest is delivered; after MAX_COPIES kills it is never sent again, and the rerun
    reports it failed (exit 1), alerts the operators and `monitor digest status` lists the address.
    Before: two kills left it 'abandoned' and the rerun said failed 0, exit 0.

    On one SMTP connection, so that the held message is the only one in flight at each kill (with several,
    the messages beside it are cut by the same kills: test_digest_run_killed_with_every_connection_in_flight)."""
    store_articles(migrated_url, ARTICLES)
    emails = _subscribe(migrated_url, 6)
    victim = emails[2]
    with serving(HoldingSink(free_port(), hold_for=victim)) as sink:
        env = _env(migrated_url, tmp_path, MONITOR_SMTP_URL=f"smtp://127.0.0.1:{sink.port}",
                   MONITOR_ALERT_EMAILS="ops@example.org", MONITOR_SMTP_CONNECTIONS="1")
        for k in range(kills):
            held = sink.held
            kill = _kill_when(["digest", "send", "--force"], env, lambda held=held: sink.held > held, 0.0,  # type: ignore[misc]
                              f"kill {k + 1} of {kills}, with {victim}'s message held")
            assert kill.alive, kill.what
        sink.holding = False
        rerun = run_cli("digest", "send", "--force", "--json", env=env)
        status = run_cli("digest", "status", "--json", env=env)
    received = _received(sink)
    stored = {email: (message_id, state) for email, message_id, state in _stored_deliveries(migrated_url)}
    assert sorted(stored) == emails, "one digest per subscriber and period"
    for email in emails:  # every copy anyone got has the one stored Message-ID
        assert set(received[email]) == {stored[email][0]}, (email, received[email])
    assert all(len(received[e]) == 1 and stored[e][1] == "sent" for e in emails if e != victim)
    assert status.returncode == 0, status.stderr
    [period] = [json.loads(line) for line in status.stdout.splitlines()]
    if kills < MAX_COPIES:
        assert rerun.returncode == 0, rerun.stderr
        assert json.loads(rerun.stdout)["failed"] == 0
        assert len(received[victim]) == kills + 1 and stored[victim][1] == "sent"
        assert (period["counts"]["sent"], period["counts"]["failed"], period["undelivered"]) == (6, 0, [])
        assert "ops@example.org" not in received
    else:
        assert rerun.returncode == 1, rerun.stderr
        assert json.loads(rerun.stdout)["failed"] == 1
        assert len(received[victim]) == MAX_COPIES and stored[victim][1] == "abandoned"  # no copy beyond the limit
        assert (period["counts"]["sent"], period["counts"]["failed"], period["undelivered"]) == (5, 1, [victim])
        [alert] = [m for recipients, m in sink.messages if recipients == ["ops@example.org"]]
        assert victim in alert.get_content()


def test_digest_run_killed_with_every_connection_in_flight_then_rerun(migrated_url: str, tmp_path: Path) -> None:
    """Four SMTP connections (MONITOR_SMTP_CONNECTIONS=4), each with a message the server has taken and holds
    its answer to, when `monitor digest send` is SIGKILLed: those four were counted before they went out and
    are resent once by the rerun with their own Message-IDs; the others, never begun, are sent once.
    (The code before parallel connections never had more than one message in flight: it fails here.)"""
    store_articles(migrated_url, ARTICLES)
    emails = _subscribe(migrated_url, 7)
    with serving(HoldingSink(free_port(), hold_for="*")) as sink:
        env = _env(migrated_url, tmp_path, MONITOR_SMTP_URL=f"smtp://127.0.0.1:{sink.port}", MONITOR_SMTP_CONNECTIONS="4")
        kill = _kill_when(["digest", "send", "--force"], env, lambda: sink.held >= 4, 0.0, "kill with 4 messages held")
        assert kill.alive, kill.what
        assert len(sink.messages) == 4  # one on each connection, and no fifth begun
        in_flight = {recipients[0] for recipients, _ in sink.messages}
        sink.holding = False
        rerun = run_cli("digest", "send", "--force", "--json", env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["sent"] == 7
    received = _received(sink)
    stored = {email: (message_id, state) for email, message_id, state in _stored_deliveries(migrated_url)}
    assert sorted(stored) == sorted(received) == emails
    for email in emails:
        assert set(received[email]) == {stored[email][0]} and stored[email][1] == "sent", (email, received[email])
        assert len(received[email]) == (2 if email in in_flight else 1), (email, received[email])
