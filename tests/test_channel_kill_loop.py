"""SIGKILL `monitor digest send` while it posts to chat channels, rerun it: every message, few copies (issue 22).

Eight channels (WeCom, DingTalk, Feishu and a webhook, each once daily and once immediate, each its own robot)
owe a daily digest split into several messages and one alert per story. Each round starts a real
`monitor digest send --force`; the loopback platform server (tests/channel_server.py) SIGKILLs it at its k-th
request, drawn from a seeded RNG: before the message is taken (lost) or after it is taken and before the
answer (posted, the sender cannot know), at once or a few ms later (the kill lands in the commits after a post
or the next message's start). Half the rounds kill the first rerun again. Then a rerun to completion, and:

- every message of an uninterrupted run (the reference) was received by the same robot, and nothing else;
- each kill adds one copy at most (one message is in flight at a time), no message more than MAX_COPIES;
- the webhook's copies carry one Idempotency-Key per message, so a receiver that drops repeats gets each once;
- the delivery rows are those of the reference run (one per channel and period, one per story for immediate),
  all sent, every part confirmed, each send counted.

The seed of each round is in every assertion message; ``MONITOR_KILL_SEED=N`` replays a session,
``MONITOR_KILL_ROUNDS`` sets the rounds per database (default 3; ``make soak`` runs 20).
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from monitor.digest.channel_delivery import MAX_COPIES
from monitor.digest.channel_registry import add_channel
from monitor.digest.subscribers import SubscriptionFilters
from monitor.store import db
from monitor.store.models import Article, Channel, ChannelDelivery
from tests.channel_server import (
    DINGTALK_SECRET,
    FEISHU_SECRET,
    WEBHOOK_SECRET,
    KillAt,
    PlatformServer,
    Received,
    platform_server,
)
from tests.conftest import run_cli
from tests.digest_helpers import store_articles
from tests.test_kill_loops import BASE_SEED, ROUNDS, WAIT, _env

SECRETS = {"wecom": None, "dingtalk": DINGTALK_SECRET, "feishu": FEISHU_SECRET, "webhook": WEBHOOK_SECRET}
# 36 long stories of Baotou and 4 of Baoji for the daily digest (WeCom splits it into 7 messages, DingTalk and
# Feishu into 2, the webhook sends 1); the immediate channels want Baoji's, one alert each: 28 messages in all.
ARTICLES = [{"url": f"http://news.example.cn/b{i}.html", "title": f"包头稀土高新区第{i}号项目签约落地" + "稀土新材料" * 8,
             "body": f"本报讯（第{i}期）包头稀土高新区" + "稀土永磁材料产业链延链补链强链，" * 30 + "。", "zones": ["baotouxitu"]}
            for i in range(36)] + \
           [{"url": f"http://news.example.cn/j{i}.html", "title": f"宝鸡高新区钛产业第{i}个项目加快建设",
             "body": f"宝鸡高新区钛及钛合金产业链第{i}个项目加快建设，中国钛谷再扩容。", "zones": ["baoji"]} for i in range(4)]


def _text(received: Received) -> str:
    payload = received.payload
    return {"wecom": lambda: payload["markdown"]["content"], "dingtalk": lambda: payload["markdown"]["text"],
            "feishu": lambda: payload["card"]["elements"][0]["content"], "webhook": lambda: payload["text"]}[received.kind]()


def _setup(database_url: str, server: PlatformServer) -> None:
    store_articles(database_url, ARTICLES)
    engine = db.make_engine(database_url)
    with Session(engine) as session:
        for frequency, filters in (("daily", {}), ("immediate", {"zones": ("baoji",)})):
            for kind in SECRETS:
                add_channel(session, f"{kind}-{frequency}", kind, server.urls(robot=f"{kind}-{frequency}")[kind], SECRETS[kind],
                            SubscriptionFilters(frequency=frequency, **filters))  # type: ignore[arg-type]
    engine.dispose()


def _messages(server: PlatformServer) -> Counter[tuple[str | None, str]]:
    """(robot, text) of every message the server took, with its copies."""
    return Counter((r.robot, _text(r)) for r in server.received)


def _rows(database_url: str) -> Counter[tuple[str, str, str, tuple[str, ...], int]]:
    """(channel, frequency, state, article URLs, parts sent) of every channel delivery."""
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            urls = {a.id: a.url for a in session.exec(select(Article)).all()}
            return Counter((name, row.frequency, row.state, tuple(urls[i] for i in json.loads(row.article_ids_json)),
                            row.parts_sent)
                           for row, name in session.exec(select(ChannelDelivery, Channel.name)
                                                         .join(Channel, col(Channel.id) == col(ChannelDelivery.channel_id))))
    finally:
        engine.dispose()


def _sends(database_url: str) -> list[tuple[str, int, int]]:
    """(idempotency key, copies, attempts) of every channel delivery."""
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            return [(r.idempotency_key, r.copies, r.attempts) for r in session.exec(select(ChannelDelivery)).all()]
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Reference:
    messages: Counter[tuple[str | None, str]]
    rows: Counter[tuple[str, str, str, tuple[str, ...], int]]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """One uninterrupted `digest send` of the same channels and articles, on SQLite."""
    folder = tmp_path_factory.mktemp("channel-kill-reference")
    url = f"sqlite:///{folder / 'reference.db'}"
    db.upgrade(url)
    with platform_server() as server:
        _setup(url, server)
        run = run_cli("digest", "send", "--force", "--json", env=_env(url, folder))
        assert run.returncode == 0, run.stderr
        messages = _messages(server)
    assert set(messages.values()) == {1}, "every message of an uninterrupted run is different"
    assert len(messages) == 28 and len({robot for robot, _ in messages}) == 8, Counter(r for r, _ in messages)
    return Reference(messages, _rows(url))


def _run_killed(env: dict[str, str], server: PlatformServer, kill: KillAt) -> tuple[bool, str]:
    """Run `digest send --force`, SIGKILLed by the server at ``kill`` (its pid filled in): (killed, stderr)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a pipe nobody reads can fill and stall the child
        process = subprocess.Popen([sys.executable, "-m", "monitor", "digest", "send", "--force"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        server.arm(KillAt(process.pid, kill.stage, kill.k, kill.delay))
        try:
            process.wait(timeout=WAIT)
        finally:
            server.kill_at = None
            if process.poll() is None:
                process.kill()
                process.wait(timeout=20)
        errors.seek(0)
        return process.returncode == -signal.SIGKILL, errors.read().decode(errors="replace")


def _kill_point(rng: random.Random, requests: int) -> KillAt:
    stage = rng.choice(("drop", "taken"))
    delay = 0.0 if stage == "drop" or rng.random() < 0.5 else rng.uniform(0, 0.02)
    return KillAt(0, stage, rng.randint(1, requests), delay)


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_channel_delivery_killed_at_random_requests_then_rerun_delivers_every_message(
        migrated_url: str, tmp_path: Path, reference: Reference, round_no: int) -> None:
    seed = BASE_SEED + 1000 * round_no + (1 if migrated_url.startswith("postgresql") else 0) + 4
    print(f"channel kill loop, round {round_no}: seed {seed} (replay with MONITOR_KILL_SEED={BASE_SEED})")
    rng = random.Random(seed)
    expected = reference.messages
    with platform_server() as server:
        _setup(migrated_url, server)
        env = _env(migrated_url, tmp_path)
        kills: list[str] = []
        for _ in range(rng.choice((1, 2))):  # a second kill lands in the run that resumes after the first
            left = len(expected) - len(set(_messages(server)))
            if left < 4:
                break
            kill = _kill_point(rng, left - 3)  # a few requests before the end: the delay still lands in the run
            killed, stderr = _run_killed(env, server, kill)
            kills.append(f"{kill.stage} at request {kill.k} + {kill.delay * 1000:.1f} ms")
            assert killed, f"seed {seed}: the run was not killed at {kills[-1]}: {stderr}"
        context = f"seed {seed}: killed {kills}; {len(server.received)} message(s) taken before the rerun"
        rerun = run_cli("digest", "send", "--force", "--json", env=env)
        assert rerun.returncode == 0, f"{context}\n{rerun.stderr}"
        got = _messages(server)
        print(f"  {context}; after the rerun {len(server.received)} taken, {len(set(got))} different")
        hooks = [r for r in server.received if r.kind == "webhook"]

    missing = [m for m in expected if m not in got]
    assert not missing, f"{len(missing)} message(s) never taken, e.g. {missing[0][0]}: {missing[0][1][:80]!r} ({context})"
    assert set(got) == set(expected), f"messages no uninterrupted run sends: {set(got) - set(expected)} ({context})"
    extra = {m: n for m, n in got.items() if n > 1}
    assert sum(n - 1 for n in extra.values()) <= len(kills), f"copies beyond one per kill: {extra} ({context})"
    assert all(n <= MAX_COPIES for n in got.values()), context
    keys: dict[str, set[str]] = {}
    for hook in hooks:  # a receiver dropping repeated Idempotency-Keys sees each message once
        keys.setdefault(hook.headers["idempotency-key"], set()).add(_text(hook))
    assert all(len(texts) == 1 for texts in keys.values()), f"one key, two messages: {context}"
    assert len(keys) == sum(1 for robot, _ in expected if robot and robot.startswith("webhook")), context

    assert _rows(migrated_url) == reference.rows, f"delivery rows differ from the uninterrupted run's: {context}"
    for key, copies, attempts in _sends(migrated_url):
        assert 1 <= copies <= 1 + len(kills) and copies <= attempts <= 1 + len(kills), (key, copies, attempts, context)
