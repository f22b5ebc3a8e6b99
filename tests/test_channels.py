"""Chat channels end to end: digests from stored articles to a loopback server that plays WeCom, DingTalk,
Feishu and a signed JSON webhook (tests/channel_server.py checks shapes, signatures and size limits)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import yaml
from sqlmodel import Session, select

from monitor.demo.server import SITE_ROOT, DemoSite
from monitor.digest.channel_delivery import messages_for
from monitor.digest.channel_registry import add_channel
from monitor.digest.channels import Story
from monitor.digest.delivery import digest_status, send_digests
from monitor.digest.mailer import mailer_for
from monitor.digest.subscribers import SubscriptionFilters
from monitor.store import db
from monitor.store.models import ChannelDelivery
from tests.channel_server import (
    DINGTALK_SECRET,
    DINGTALK_TOKEN,
    FEISHU_SECRET,
    FEISHU_TOKEN,
    WEBHOOK_SECRET,
    WECOM_KEY,
    PlatformServer,
    platform_server,
)
from tests.conftest import run_cli
from tests.digest_helpers import store_articles

SECRETS = {"wecom": None, "dingtalk": DINGTALK_SECRET, "feishu": FEISHU_SECRET, "webhook": WEBHOOK_SECRET}
BAOTOU = {"url": "http://news.example.cn/1.html", "title": "包头稀土高新区稀土产业产值增长三成",
          "body": "本报讯 包头稀土高新区前三季度稀土产业产值同比增长逾三成。一批稀土新材料项目开工。", "zones": ["baotouxitu"]}
BAOJI = {"url": "http://news.example.cn/2.html", "title": "宝鸡高新区钛产业项目加快建设",
         "body": "宝鸡高新区钛及钛合金产业链项目加快建设，中国钛谷再扩容。", "zones": ["baoji"]}
WUHAN = {"url": "http://news.example.cn/3.html", "title": "光谷发布光电子信息产业新政（附全文）",
         "body": "东湖高新区发布支持光电子信息产业发展的若干措施，涉及人才与金融。", "zones": ["donghu"]}
TITLES = [BAOTOU["title"], BAOJI["title"], WUHAN["title"]]


def _add_channels(url: str, server: PlatformServer, frequency: str = "daily", secrets: dict | None = None,
                  **filters: object) -> None:
    engine = db.make_engine(url)
    with Session(engine) as session:
        for kind, endpoint in server.urls().items():
            add_channel(session, f"{kind}-group", kind, endpoint, (secrets or SECRETS)[kind],
                        SubscriptionFilters(frequency=frequency, **filters))  # type: ignore[arg-type]
    engine.dispose()


def _send(url: str, settings):  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    try:
        return send_digests(engine, settings, mailer_for(settings), force=True)
    finally:
        engine.dispose()


def _text(received) -> str:  # type: ignore[no-untyped-def]
    payload = received.payload
    return {"wecom": lambda: payload["markdown"]["content"], "dingtalk": lambda: payload["markdown"]["text"],
            "feishu": lambda: payload["card"]["elements"][0]["content"], "webhook": lambda: payload["text"]}[received.kind]()


def test_each_kind_gets_the_daily_digest_once(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU, BAOJI, WUHAN])
    with platform_server() as server:
        _add_channels(migrated_url, server)
        result = _send(migrated_url, settings_for(migrated_url))
        assert (result.channels_sent, result.channels_failed) == (4, 0)
        for kind in SECRETS:
            [message] = server.of(kind)
            text = _text(message)
            assert all(title in text for title in TITLES), kind
            assert "【高新区动态】3篇新文章" in text
        [hook] = server.of("webhook")
        assert [s["title"] for s in hook.payload["stories"]] and hook.headers["idempotency-key"] == hook.payload["idempotency_key"]
        again = _send(migrated_url, settings_for(migrated_url))
        assert again.channels_sent == 0 and len(server.received) == 4  # the period's digest is never sent twice


def test_immediate_channel_gets_one_message_per_story(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU, BAOJI])
    with platform_server() as server:
        _add_channels(migrated_url, server, frequency="immediate", zones=("baotouxitu",))
        _send(migrated_url, settings_for(migrated_url))
        assert {m.kind for m in server.received} == set(SECRETS) and len(server.received) == 4
        assert all(BAOTOU["title"] in _text(m) and BAOJI["title"] not in _text(m) for m in server.received)
        store_articles(migrated_url, [WUHAN | {"zones": ["baotouxitu"], "url": "http://news.example.cn/4.html"}])
        _send(migrated_url, settings_for(migrated_url))
        assert len(server.received) == 8 and all(WUHAN["title"] in _text(m) for m in server.received[4:])


def test_long_digests_are_split_to_each_limit_between_stories(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    specs = [{"url": f"http://news.example.cn/long{i}.html", "title": f"包头稀土高新区第{i}号项目签约落地" + "稀土新材料" * 20,
              "body": ("包头稀土高新区" + "稀土永磁材料产业链延链补链强链，" * 30 + "。") * 3, "zones": ["baotouxitu"]}
             for i in range(40)]
    store_articles(migrated_url, specs)
    with platform_server() as server:
        _add_channels(migrated_url, server)
        result = _send(migrated_url, settings_for(migrated_url))
        assert result.channels_failed == 0
        wecom = server.of("wecom")
        assert len(wecom) > 1 and all(len(_text(m).encode()) <= 4096 for m in wecom)
        for kind in SECRETS:
            texts = [_text(m) for m in server.of(kind)]
            for spec in specs:  # every story exactly once, its title and lead in the same message
                holding = [t for t in texts if spec["title"] in t]
                assert len(holding) == 1 and "> 包头稀土高新区" in holding[0].split(spec["title"], 1)[1][:600], kind
            assert len(texts) == 1 or all(f"/{len(texts)}）" in t.splitlines()[0] for t in texts)


def test_messages_pack_whole_stories() -> None:
    stories = [Story(f"标题{i}" * 40, f"http://x.cn/{i}", "来源", None, "包头稀土高新区", "导语" * 100) for i in range(30)]
    messages = messages_for("wecom", stories, "k")
    assert len(messages) > 1 and [m.idempotency_key for m in messages] == [f"k-{i + 1}" for i in range(len(messages))]
    assert [s for m in messages for s in m.stories] == stories
    assert all(len(m.content.encode()) <= 4096 for m in messages)


def test_error_codes_in_a_200_fail_and_are_retried_with_the_same_key(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    with platform_server() as server:
        _add_channels(migrated_url, server)
        server.fail_next = {"wecom": [(200, {"errcode": 45009, "errmsg": "api freq out of limit"})],
                            "feishu": [(200, {"code": 11232, "msg": "frequency limited"})],
                            "webhook": [(503, {"error": "busy"})]}
        first = _send(migrated_url, settings_for(migrated_url))
        assert (first.channels_sent, first.channels_failed) == (1, 3) and {m.kind for m in server.received} == {"dingtalk"}
        engine = db.make_engine(migrated_url)
        [period] = digest_status(engine)
        assert period.counts["failed"] == 3 and period.counts["sent"] == 1
        assert {u.email for u in period.undelivered} == {"channel:wecom-group", "channel:feishu-group", "channel:webhook-group"}
        assert "45009" in next(u.last_error for u in period.undelivered if u.email == "channel:wecom-group")
        second = _send(migrated_url, settings_for(migrated_url))  # --force: the failed ones are due again
        assert second.channels_sent == 3 and len(server.received) == 4
        keys = [key for kind, key in server.attempts if kind == "webhook"]
        assert len(keys) == 2 and keys[0] == keys[1]  # the resend carries the first try's Idempotency-Key
        with Session(engine) as session:
            assert {r.state for r in session.exec(select(ChannelDelivery)).all()} == {"sent"}
        engine.dispose()


def test_a_wrong_secret_is_given_up_and_reported(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    store_articles(migrated_url, [BAOTOU])
    with platform_server() as server:
        _add_channels(migrated_url, server, secrets=SECRETS | {"dingtalk": "SECwrong", "feishu": "wrong"})
        result = _send(migrated_url, settings_for(migrated_url))
        assert result.channels_failed == 2
        assert {g.email for g in result.given_up} == {"channel:dingtalk-group", "channel:feishu-group"}
        assert any("310000" in g.reason for g in result.given_up) and any("19021" in g.reason for g in result.given_up)
        again = _send(migrated_url, settings_for(migrated_url))
        assert again.channels_sent == 0 and len([a for a in server.attempts if a[0] == "dingtalk"]) == 1


def test_cli_masks_tokens_and_secrets(tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    with platform_server() as server:
        urls = server.urls()
        for kind in SECRETS:
            extra = ["--secret", SECRETS[kind]] if SECRETS[kind] else []
            added = run_cli("channels", "add", f"{kind}-group", "--kind", kind, "--url", urls[kind], *extra,
                            "--zone", "baotouxitu", "--frequency", "immediate", env=env, cwd=tmp_path)
            assert added.returncode == 0, added.stderr
        listed = run_cli("channels", "list", "--json", env=env, cwd=tmp_path)
        plain = run_cli("channels", "list", env=env, cwd=tmp_path)
        rows = [json.loads(line) for line in listed.stdout.splitlines()]
        assert [r["kind"] for r in rows] == list(SECRETS) and rows[0]["filters"]["zones"] == ["baotouxitu"]
        for secret in (WECOM_KEY, DINGTALK_TOKEN, FEISHU_TOKEN, DINGTALK_SECRET, FEISHU_SECRET, WEBHOOK_SECRET):
            assert secret not in listed.stdout + listed.stderr + plain.stdout + plain.stderr
        tested = run_cli("channels", "test", "dingtalk-group", env=env, cwd=tmp_path)
        assert tested.returncode == 0, tested.stderr
        assert [m.kind for m in server.received] == ["dingtalk"]
        server.fail_next["wecom"] = [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
        refused = run_cli("channels", "test", "wecom-group", env=env, cwd=tmp_path)
        assert refused.returncode == 1 and "93000" in refused.stderr and WECOM_KEY not in refused.stderr
    assert run_cli("channels", "remove", "wecom-group", env=env, cwd=tmp_path).returncode == 0
    assert run_cli("channels", "remove", "wecom-group", env=env, cwd=tmp_path).returncode == 2
    assert run_cli("channels", "add", "x", "--kind", "slack", "--url", "https://x.cn/h", env=env, cwd=tmp_path).returncode == 2
    assert rows[0]["timezone"] == "Asia/Shanghai"
    bad_tz = run_cli("channels", "add", "x", "--kind", "webhook", "--url", "https://x.cn/h", "--tz", "Mars/Olympus",
                     env=env, cwd=tmp_path)
    assert bad_tz.returncode == 2 and "Mars/Olympus" in bad_tz.stderr


def test_a_send_killed_mid_digest_resends_only_the_unconfirmed_message(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'm.db'}"
    env = {"MONITOR_DATABASE_URL": url, "MONITOR_OUTBOX": str(tmp_path / "outbox")}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    specs = [{"url": f"http://news.example.cn/k{i}.html", "title": f"包头稀土高新区第{i}号项目签约" + "稀土新材料" * 20,
              "body": "包头稀土高新区" + "稀土永磁材料产业链延链补链强链，" * 40 + "。", "zones": ["baotouxitu"]}
             for i in range(30)]
    store_articles(url, specs)
    with platform_server() as server:
        assert run_cli("channels", "add", "g", "--kind", "wecom", "--url", server.urls()["wecom"], env=env,
                       cwd=tmp_path).returncode == 0
        server.hang_after["wecom"] = 2  # the third message is taken, then its sender is killed
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")} | env
        process = subprocess.Popen([sys.executable, "-m", "monitor", "digest", "send", "--force"], env=full_env,
                                   cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert server.hanging.wait(120)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        finally:
            server.release.set()
            if process.poll() is None:
                process.kill()
        rerun = run_cli("digest", "send", "--force", env=env, cwd=tmp_path)
        assert rerun.returncode == 0, rerun.stderr
        texts = [_text(m) for m in server.received]
        headings = [t.splitlines()[0] for t in texts]
        parts = int(headings[0].rsplit("/", 1)[1].rstrip("）"))
        assert parts > 3 and len(texts) == parts + 1  # the one in flight twice, every other message once
        assert headings.count(headings[2]) == 2 and len(set(headings)) == parts
        assert all(sum(spec["title"] in t for t in set(texts)) == 1 for spec in specs)


# Both runs read the shortened window: the robots' "minute" is 3 s here, so that the test waits seconds, not a minute.
SHORT_MINUTE = ("import runpy, monitor.digest.channel_rate as rate; rate.WINDOW = 3.0; "
                "runpy.run_module('monitor', run_name='__main__')")


def test_the_robots_rate_limit_holds_across_processes(migrated_url: str, tmp_path: Path) -> None:
    """Two `digest send` processes in one (shortened) minute post 12 alerts each to one WeCom robot, through two
    channels that share it: the second waits, so the robot never takes more than 20 a minute and refuses none.
    Before (a limit per process and channel): 4 refused with errcode 45009."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")} | {
        "MONITOR_DATABASE_URL": migrated_url, "MONITOR_OUTBOX": str(tmp_path / "outbox")}

    def send() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", SHORT_MINUTE, "digest", "send", "--force", "--json"], env=env,
                              capture_output=True, text=True, timeout=120)

    def alerts(batch: str) -> list[dict]:
        return [{"url": f"http://news.example.cn/{batch}{i}.html", "title": f"包头稀土高新区{batch}批第{i}个项目开工",
                 "body": f"包头稀土高新区{batch}批第{i}个稀土新材料项目开工建设。", "zones": ["baotouxitu"]} for i in range(12)]

    with platform_server() as server:
        server.rate_window = 3.0
        engine = db.make_engine(migrated_url)
        with Session(engine) as session:
            for name in ("alerts-a", "alerts-b"):  # two channels, one robot
                add_channel(session, name, "wecom", server.urls()["wecom"], None,
                            SubscriptionFilters(frequency="immediate", zones=("baotouxitu",)))
        engine.dispose()
        store_articles(migrated_url, alerts("a")[:6])
        first = send()  # 6 stories to each channel: 12 messages to the robot
        store_articles(migrated_url, alerts("b")[:6])
        second = send()  # 12 more, at once: the robot's 13th to 24th
        assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
        assert [json.loads(r.stdout)["channels_sent"] for r in (first, second)] == [12, 12]
        assert server.throttled == [] and len(server.of("wecom")) == 24


def test_a_channel_keeps_the_hours_and_days_of_its_timezone(migrated_url: str) -> None:
    """Two daily channels at 20:00, one in Berlin (--tz), one on Beijing time: at 19:30 UTC only Berlin's is due,
    its period and its stories' dates are Berlin's."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from monitor.digest.channel_delivery import deliver_to_channels
    from monitor.timefmt import utcnow

    berlin = ZoneInfo("Europe/Berlin")
    store_articles(migrated_url, [BAOTOU | {"published": datetime(2022, 11, 14, 20, 0, tzinfo=ZoneInfo("UTC"))}])
    now = (utcnow() - timedelta(days=1)).replace(hour=19, minute=30)  # 20:30 or 21:30 in Berlin, 03:30 in Beijing
    with platform_server() as server:
        engine = db.make_engine(migrated_url)
        with Session(engine) as session:
            for name, tz in (("berlin", "Europe/Berlin"), ("beijing", "Asia/Shanghai")):
                add_channel(session, name, "webhook", server.urls(robot=name)["webhook"], WEBHOOK_SECRET,
                            SubscriptionFilters(frequency="daily", hour=20), tz)
        result = deliver_to_channels(engine, now=now)
        assert (result.sent, result.not_due) == (1, 1)
        [message] = server.received
        assert message.robot == "berlin" and message.payload["stories"][0]["date"] == "2022年11月14日 21:00"  # 04:00 on the 15th in Beijing
        with Session(engine) as session:
            [row] = session.exec(select(ChannelDelivery)).all()
        assert row.period_key == f"{now.astimezone(berlin):%Y-%m-%d}"
        engine.dispose()


def test_the_demo_corpus_reaches_a_channel_of_each_kind_as_alerts_and_a_daily_digest(
        migrated_url: str, demo_site: DemoSite, tmp_path: Path) -> None:
    """Issue 22's check, through the CLI as an operator runs it: the demo sites crawled, then a daily and an immediate
    channel of each kind for 包头稀土高新区; every kind gets the daily digest once and one alert per Baotou story."""
    expected = yaml.safe_load((SITE_ROOT / "expected.yaml").read_text(encoding="utf-8"))
    baotou = [a["title"] for a in expected["articles"] if "baotouxitu" in a["zones"] and not a["repost_of"]]
    others = [a["title"] for a in expected["articles"]
              if "baotouxitu" not in a["zones"] + a["mentioned_zones"] and not a["repost_of"]]
    assert len(baotou) >= 2 and others
    sources = tmp_path / "sources.yaml"
    sources.write_text(demo_site.sources_yaml(), encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "1",
           "MONITOR_OUTBOX": str(tmp_path / "outbox"), "MONITOR_SECRET_KEY": "channels-demo"}
    crawl = run_cli("crawl", "--json", env=env, cwd=tmp_path)
    assert crawl.returncode == 0, crawl.stderr
    with platform_server() as server:
        for frequency in ("daily", "immediate"):
            for kind, url in server.urls(robot=frequency).items():
                secret = ["--secret", SECRETS[kind]] if SECRETS[kind] else []
                added = run_cli("channels", "add", f"{kind}-{frequency}", "--kind", kind, "--url", url, *secret,
                                "--zone", "baotouxitu", "--frequency", frequency, env=env, cwd=tmp_path)
                assert added.returncode == 0, added.stderr
        send = run_cli("digest", "send", "--force", "--json", env=env, cwd=tmp_path)
        assert send.returncode == 0, send.stderr
        [summary] = [json.loads(line) for line in send.stdout.splitlines() if line.strip()]
        assert summary["channels_failed"] == 0
        for kind in SECRETS:
            [daily] = [m for m in server.of(kind) if m.robot == "daily"]
            assert all(title in _text(daily) for title in baotou), kind
            assert not any(title in _text(daily) for title in others), kind
            alerts = [_text(m) for m in server.of(kind) if m.robot == "immediate"]
            assert sorted(next(t for t in baotou if t in alert) for alert in alerts) == sorted(baotou), kind
        taken = len(server.received)
        again = run_cli("digest", "send", "--force", "--json", env=env, cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert len(server.received) == taken  # nothing is delivered twice
