"""Digest benchmark (issue 7): N subscribers with varied filters over a corpus of 50,000 articles
on PostgreSQL; build all daily digests and send them to a local SMTP sink (aiosmtpd on loopback).

Prints, for each subscriber count: total time, and the time spent rendering (Jinja2 + css-inline),
in the database (queries, digest and delivery rows) and in SMTP, plus the process's peak memory.

    .venv/bin/python bench/digests.py [--subscribers 1000,5000,10000] [--articles 50000]

Each synthetic body names 3 of the 10 keywords (a keyword filter matches about 27% of the
articles, as a common word such as 人才 does in zone news), so digests hold tens to hundreds of
articles, not the whole day's corpus.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.digest import build as digest
from monitor.digest import delivery, mailer
from monitor.settings import Settings  # noqa: E402
from monitor.store import db  # noqa: E402
from monitor.store.models import Article, ArticleTopic, ArticleZone, Cluster, Source, Subscriber, Subscription  # noqa: E402
from monitor.tag.gazetteer import load_gazetteer  # noqa: E402
from monitor.timefmt import utcnow  # noqa: E402
from tests.conftest import free_port  # noqa: E402

SINK = """
import sys, time
from aiosmtpd.controller import Controller
count = open(sys.argv[2], "a")
class Sink:
    async def handle_DATA(self, server, session, envelope):
        count.write("1\\n"); count.flush()
        return "250 OK"
controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
time.sleep(36000)
"""


@contextmanager
def smtp_sink_process(tmp: Path):  # type: ignore[no-untyped-def]
    """A local SMTP sink in its own process, so its work is not counted as ours."""
    import subprocess

    port, counter = free_port(), tmp / f"smtp-{uuid.uuid4().hex[:6]}.count"
    process = subprocess.Popen([sys.executable, "-c", SINK, str(port), str(counter)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    try:
        yield port, counter
    finally:
        process.terminate()
        process.wait(10)

ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TOPICS = ["rare-earth-new-materials", "electronic-information", "advanced-equipment", "biomedicine", "new-energy",
          "digital-economy-ai", "talent", "business-environment"]
WORDS = ["稀土", "芯片", "人才", "金融", "光伏", "氢能", "机器人", "数据", "孵化", "园区"]


class Timer:
    def __init__(self) -> None:
        self.totals: dict[str, float] = {"render": 0.0, "smtp": 0.0}

    @contextmanager
    def part(self, name: str):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            yield
        finally:
            self.totals[name] = self.totals.get(name, 0.0) + time.perf_counter() - started


def load_corpus(url: str, articles: int, days: int) -> None:
    zones = [z.id for z in load_gazetteer().zones]
    engine = db.make_engine(url)
    now = utcnow()
    rng = random.Random(7)
    with engine.begin() as conn:
        conn.execute(sa.insert(Source), [{"name": "bench", "kind": "html", "items_last_run": 0, "consecutive_failures": 0,
                                          "health": "ok"}])
        source_id = conn.execute(sa.text("select id from source")).scalar_one()
        batch = 5000
        for start in range(0, articles, batch):
            count = min(batch, articles - start)
            conn.execute(sa.insert(Cluster), [{"created_at": now} for _ in range(count)])
            rows = []
            for i in range(start, start + count):
                stored = now - timedelta(seconds=rng.uniform(0, days * 86400))
                rows.append({"url": f"https://news.example.cn/{i}.html", "title": f"高新区新闻 {i} " + rng.choice(WORDS),
                             "body": "。".join([*(rng.choice(WORDS) + "产业加快发展" for _ in range(3)),
                                               *("项目集中签约，营商环境持续优化" for _ in range(27))]),
                             "content_hash": uuid.uuid4().hex, "source_id": source_id, "cluster_id": i + 1,
                             "published_at": stored, "published_precision": "minute", "fetched_at": stored,
                             "stored_at": stored, "revision": 1, "relevant": True})
            conn.execute(sa.insert(Article), rows)
            ids = range(start + 1, start + count + 1)
            conn.execute(sa.insert(ArticleZone), [{"article_id": a, "zone_id": rng.choice(zones), "role": "subject",
                                                  "score": 1.0} for a in ids])
            conn.execute(sa.insert(ArticleTopic), [{"article_id": a, "topic_id": rng.choice(TOPICS), "score": 0.5}
                                                   for a in ids])
    engine.dispose()


def add_subscribers(url: str, count: int) -> None:
    zones = [z.id for z in load_gazetteer().zones]
    provinces = sorted({z.province for z in load_gazetteer().zones})
    rng = random.Random(11)
    engine = db.make_engine(url)
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(sa.insert(Subscriber), [{"email": f"s{i}@example.com", "timezone": "Asia/Shanghai", "confirmed": True,
                                              "bounces": 0, "status": "active", "group_by": "zone", "created_at": now}
                                             for i in range(count)])
        rows = []
        for i in range(count):
            kind = i % 4
            filters = {"zones_json": "[]", "provinces_json": "[]", "topics_json": "[]", "keywords_json": "[]"}
            if kind == 0:
                filters["zones_json"] = '["' + '","'.join(rng.sample(zones, 8)) + '"]'
            elif kind == 1:
                filters["provinces_json"] = f'["{rng.choice(provinces)}"]'
            elif kind == 2:
                filters["topics_json"] = f'["{rng.choice(TOPICS)}"]'
            else:
                filters["keywords_json"] = f'["{rng.choice(WORDS)}"]'
            rows.append({"subscriber_id": i + 1, "frequency": "daily", "cities_json": "[]", "people_json": "[]",
                         "exclude_json": "[]", "types_json": "[]", "sources_json": "[]", "match": "any", "hour": 0,
                         "weekday": 0, "created_at": now, **filters})
        conn.execute(sa.insert(Subscription), rows)
    engine.dispose()


def run(subscribers: int, articles: int, days: int) -> dict[str, float]:
    name = f"zm_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(ADMIN).set(database=name).render_as_string(hide_password=False)
    try:
        db.upgrade(url)
        load_corpus(url, articles, days)
        add_subscribers(url, subscribers)
        timer = Timer()
        original_render, original_send = digest._render, mailer.SmtpMailer.send

        def timed_render(context):  # type: ignore[no-untyped-def]
            with timer.part("render"):
                return original_render(context)

        def timed_send(self, message):  # type: ignore[no-untyped-def]
            with timer.part("smtp"):
                return original_send(self, message)

        digest._render = timed_render  # type: ignore[assignment]
        mailer.SmtpMailer.send = timed_send  # type: ignore[method-assign]
        with smtp_sink_process(Path("/tmp")) as (port, counter):
            settings = Settings(_env_file=None, database_url=url, secret_key="bench")  # type: ignore[call-arg]
            engine = db.make_engine(url)
            started = time.perf_counter()
            result = delivery.send_digests(engine, settings, mailer.SmtpMailer(f"smtp://127.0.0.1:{port}"),
                                           frequency="daily", force=True)
            total = time.perf_counter() - started
            engine.dispose()
            delivered = len(counter.read_text().splitlines()) if counter.exists() else 0
        digest._render, mailer.SmtpMailer.send = original_render, original_send  # type: ignore[assignment,method-assign]
        other = total - timer.totals["render"] - timer.totals["smtp"]
        return {"subscribers": subscribers, "sent": result.sent, "delivered": delivered, "empty": result.skipped_empty,
                "total_s": total, "render_s": timer.totals["render"], "smtp_s": timer.totals["smtp"],
                "db_and_matching_s": other}
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", default="1000,5000,10000")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=100, help="stored_at spread: a daily window holds articles/days")
    args = parser.parse_args()
    print(f"corpus {args.articles} articles over {args.days} days on PostgreSQL; daily digests, force=True")
    print(f"{'subscribers':>11} {'sent':>6} {'received':>8} {'total s':>8} {'render s':>9} {'db+match s':>11} {'smtp s':>7}")
    for count in (int(c) for c in args.subscribers.split(",")):
        row = run(count, args.articles, args.days)
        print(f"{row['subscribers']:>11} {row['sent']:>6} {row['delivered']:>8} {row['total_s']:>8.1f} {row['render_s']:>9.1f} "
              f"{row['db_and_matching_s']:>11.1f} {row['smtp_s']:>7.1f}", flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process, corpus loading included): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
