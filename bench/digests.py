"""Digest benchmark (issue 23): daily digests for N subscribers over a realistic corpus on SQLite.

What it times is what a subscriber waits for, in a fresh process per measurement (so the corpus
build does not count in its memory):

- build: `send_digests` from start to end with a mailer that serialises every message to bytes and
  drops it: choosing, rendering, recording the digests and every delivery-row write, everything but
  the SMTP dialogue;
- total: `send_digests` to a real aiosmtpd server on loopback (its own process), from the start to
  the time that server accepted the last message;
- peak: the sending process's peak RSS (ru_maxrss) in each case;
- CPU: the sending process's user + system seconds in each case (on a shared machine the figure that
  moves least with the other processes' load; the SMTP server's own CPU is not in it).

The corpus: articles made from real news text (tests/data/tagging_real, tests/data/dedup), each
base text tagged once with the project's tagger (zones, people, places, topics, content type) and
its tags carried by every article made from it; a daily window of WINDOW articles, older days of the
same size behind it; 20% of a day's articles are reposts of a story of that day (cluster members,
not shown apart), 5% of stories belong to an event with other stories. Inserted in bulk (not through
the ingest path: that is bench/dedup_scale.py's subject) into a SQLite file kept under
/tmp/zm_digest_bench/ for the next run.

Subscribers: a mix of zone (popular zones more often), province, topic, keyword (some with an
excluded word), combined and unfiltered subscriptions; 20% grouped by topic, 10% in English.

    .venv/bin/python bench/digests.py [--subscribers 10000] [--articles 1000000] [--window 5000]
        [--connections 4] [--profile build|send] [--skip-send]

`--articles 100000,300000,1000000` measures each corpus size in turn.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.store import db  # noqa: E402
from monitor.store.models import (  # noqa: E402
    Article,
    ArticlePerson,
    ArticlePlace,
    ArticleTopic,
    ArticleZone,
    Cluster,
    Delivery,
    DigestRecord,
    Source,
    Subscriber,
    Subscription,
)

CACHE = Path("/tmp/zm_digest_bench")
NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 09:00 in Beijing: every daily digest is due
KEYWORDS = ["人才", "芯片", "集成电路", "生物医药", "新能源", "稀土", "招商", "孵化", "专精特新", "人工智能",
            "数字经济", "营商环境", "科技创新", "产业园", "氢能", "光伏", "机器人", "融资", "高质量发展", "新材料"]
EXCLUDED = ["招聘", "广告", "拍卖", "疫情"]

SINK = """
import sys, time
from aiosmtpd.controller import Controller
out = open(sys.argv[2], "a")
class Sink:
    async def handle_DATA(self, server, session, envelope):
        out.write(f"{time.time()}\\n"); out.flush()
        return "250 OK"
controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]), data_size_limit=0)
controller.start()
print("ready", flush=True)
time.sleep(36000)
"""


# the corpus ------------------------------------------------------------------------------
def _base_texts() -> list[dict[str, str]]:
    texts = []
    for path in sorted((ROOT / "tests/data/tagging_real").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            text = case["text"].strip()
            title = case.get("title") or text.split("\n")[0][:40]
            texts.append({"title": title, "body": text, "url": case.get("url") or ""})
    for name in ("labelled", "templated", "events"):
        for line in (ROOT / f"tests/data/dedup/{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("kind", "original") in ("original", None) or name != "labelled":
                texts.append({"title": row["title"], "body": row["body"], "url": row.get("url") or ""})
    return texts


def _tagged_bases() -> list[dict[str, object]]:
    """Each base text with the tags the project's tagger gives it (once per base, not per article)."""
    from monitor.items import ExtractedArticle
    from monitor.tag import tag_article

    bases = []
    for i, text in enumerate(_base_texts()):
        article = ExtractedArticle(url=text["url"] or f"https://news.example.cn/base/{i}.html", title=text["title"],
                                   body=text["body"])
        tags = tag_article(article)
        bases.append({"title": article.title, "body": article.body, "relevant": tags.relevant,
                      "content_type": tags.content_type,
                      "zones": [(z.zone_id, z.role, z.score) for z in tags.zones],
                      "topics": [(t.topic_id, t.score) for t in tags.topics],
                      "people": [(p.name, p.post, p.zone_id) for p in tags.people],
                      "places": sorted({(p.province, p.city) for p in tags.places})})
    return bases


def build_corpus(path: Path, articles: int, window: int) -> dict[str, object]:
    """A SQLite corpus of `articles` rows, `window` of them stored in the 24 hours before NOW."""
    url = f"sqlite:///{path}"
    db.upgrade(url)
    bases = _tagged_bases()
    rng = random.Random(7)
    engine = db.make_engine(url)
    started = time.perf_counter()
    sources = [{"id": i + 1, "name": f"src-{i}", "kind": "html", "title": rng.choice([None, f"高新区新闻网{i}", f"科技日报{i}"]),
                "items_last_run": 0, "consecutive_failures": 0, "health": "ok"} for i in range(300)]
    hosts = [f"news{i}.example.cn" for i in range(300)]
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.execute(sa.insert(Source), sources)
    article_id = cluster_id = 0
    days = max(1, -(-articles // window))
    for day in range(days):
        count = min(window, articles - day * window)
        day_start = NOW - timedelta(days=day + 1)
        arts, clusters, zones, topics, people, places = [], [], [], [], [], []
        stories: list[tuple[int, int, int]] = []  # (article id, cluster id, base) of the day's canonical articles
        for _ in range(count):
            article_id += 1
            base_no = rng.randrange(len(bases))
            base = bases[base_no]
            stored = day_start + timedelta(seconds=rng.uniform(1, 86399))
            source = rng.randrange(len(sources))
            duplicate_of = None
            if stories and rng.random() < 0.2:  # a repost of one of the day's stories
                duplicate_of, cluster, base_no = rng.choice(stories)
                base = bases[base_no]
            else:
                cluster_id += 1
                cluster = cluster_id
                event = None
                if stories and rng.random() < 0.05:  # related coverage: joins an event of the day
                    first = clusters[rng.randrange(len(clusters))]
                    event = first["event_id"] = first["event_id"] or first["id"]
                clusters.append({"id": cluster, "canonical_article_id": article_id, "created_at": stored, "event_id": event})
                stories.append((article_id, cluster, base_no))
            arts.append({"id": article_id, "url": f"https://{hosts[source]}/{day}/{article_id}.html",
                         "title": base["title"], "body": base["body"], "content_hash": uuid.UUID(int=article_id).hex,
                         "source_id": source + 1, "cluster_id": cluster, "duplicate_of_id": duplicate_of,
                         "published_at": stored - timedelta(hours=rng.uniform(0, 6)), "published_precision": "minute",
                         "fetched_at": stored, "stored_at": stored, "revision": 1, "content_type": base["content_type"],
                         "relevant": base["relevant"], "backfilled": False})
            zones += [{"article_id": article_id, "zone_id": z, "role": r, "score": s} for z, r, s in base["zones"]]  # type: ignore[attr-defined]
            topics += [{"article_id": article_id, "topic_id": t, "score": s} for t, s in base["topics"]]  # type: ignore[attr-defined]
            people += [{"article_id": article_id, "name": n, "post": p, "zone_id": z} for n, p, z in base["people"]]  # type: ignore[attr-defined]
            places += [{"article_id": article_id, "province": p, "city": c} for p, c in base["places"]]  # type: ignore[attr-defined]
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            for table, rows in ((Cluster, clusters), (Article, arts), (ArticleZone, zones), (ArticleTopic, topics),
                                (ArticlePerson, people), (ArticlePlace, places)):
                if rows:
                    conn.execute(sa.insert(table), rows)
        if day % 20 == 0:
            print(f"  corpus: {article_id} articles ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        counts = {name: conn.exec_driver_sql(f"select count(*) from {name}").scalar_one()
                  for name in ("article", "articlezone", "articletopic", "articleperson", "articleplace", "cluster")}
        in_window = conn.execute(sa.select(sa.func.count()).select_from(Article)
                                 .where(Article.stored_at > NOW - timedelta(days=1),  # type: ignore[arg-type]
                                        Article.duplicate_of_id.is_(None), Article.relevant.is_(True))).scalar_one()  # type: ignore[union-attr,attr-defined]
    engine.dispose()
    meta = {"articles": articles, "window": window, "bases": len(bases), "rows": counts,
            "window_canonical_relevant": in_window, "build_s": round(time.perf_counter() - started, 1)}
    path.with_suffix(".json").write_text(json.dumps(meta))
    return meta


def corpus(articles: int, window: int) -> tuple[Path, dict[str, object]]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"corpus-{articles}-{window}.db"
    if path.exists() and path.with_suffix(".json").exists():
        db.upgrade(f"sqlite:///{path}")  # a corpus cached by older code: migrated to this code's schema
        return path, json.loads(path.with_suffix(".json").read_text())
    for stale in CACHE.glob(f"corpus-{articles}-{window}.*"):
        stale.unlink()
    return path, build_corpus(path, articles, window)


# the subscribers -------------------------------------------------------------------------
def _zipf(rng: random.Random, values: list[str]) -> str:
    """Popular values first: the k-th is chosen with weight 1/k."""
    return rng.choices(values, weights=[1 / (k + 1) for k in range(len(values))])[0]


def set_subscribers(path: Path, count: int) -> Counter[str]:
    """`count` confirmed daily subscribers with a realistic mix of filters (replacing any earlier ones)."""
    from monitor.tag.topics import load_taxonomy

    engine = db.make_engine(f"sqlite:///{path}")
    rng = random.Random(11)
    with engine.begin() as conn:
        zones = [z for z, in conn.exec_driver_sql("select zone_id from articlezone where role='subject' group by zone_id "
                                                   "order by count(*) desc")]
        provinces = [p for p, in conn.exec_driver_sql("select province from articleplace group by province "
                                                       "order by count(*) desc")]
    topics = [t.id for t in load_taxonomy().topics]
    kinds: Counter[str] = Counter()
    subscribers, subscriptions = [], []
    for i in range(count):
        f: dict[str, list[str]] = {}
        roll = rng.random()
        if roll < 0.30:
            kind = "zone"
            f["zones"] = list({_zipf(rng, zones) for _ in range(rng.choice((1, 1, 1, 2, 3)))})
        elif roll < 0.50:
            kind = "province"
            f["provinces"] = list({_zipf(rng, provinces) for _ in range(rng.choice((1, 1, 1, 2)))})
        elif roll < 0.65:
            kind = "topic"
            f["topics"] = list({rng.choice(topics) for _ in range(rng.choice((1, 1, 2)))})
        elif roll < 0.80:
            kind = "keyword"
            f["keywords"] = list({_zipf(rng, KEYWORDS) for _ in range(rng.choice((1, 1, 2)))})
            if rng.random() < 0.1:
                f["exclude"] = [rng.choice(EXCLUDED)]
        elif roll < 0.90:
            kind = "province+topic"
            f["provinces"], f["topics"] = [_zipf(rng, provinces)], [rng.choice(topics)]
        elif roll < 0.95:
            kind = "zone+keyword"
            f["zones"], f["keywords"] = [_zipf(rng, zones)], [_zipf(rng, KEYWORDS)]
        else:
            kind = "everything"
        kinds[kind] += 1
        subscribers.append({"id": i + 1, "email": f"reader{i:05d}@example.org", "name": None,
                            "timezone": "Asia/Shanghai", "confirmed": True, "bounces": 0, "status": "active",
                            "group_by": "topic" if rng.random() < 0.2 else "zone",
                            "language": "en" if rng.random() < 0.1 else "zh-CN", "created_at": NOW - timedelta(days=30)})
        subscriptions.append({"subscriber_id": i + 1, "frequency": "daily", "match": "any", "hour": 8, "weekday": 0,
                              "created_at": NOW - timedelta(days=30),
                              **{f"{name}_json": json.dumps(f.get(name, []), ensure_ascii=False)
                                 for name in ("zones", "provinces", "cities", "topics", "people", "keywords", "exclude",
                                              "types", "sources")}})
    with engine.begin() as conn:
        for table in (*_link_tables(conn), Delivery, DigestRecord, Subscription, Subscriber):
            conn.execute(sa.delete(table))
        conn.execute(sa.insert(Subscriber), subscribers)
        conn.execute(sa.insert(Subscription), subscriptions)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return kinds


def _link_tables(conn: sa.Connection) -> list[sa.Table]:
    """digestarticle where the code under test still has it (before migration 0013)."""
    return [sa.table("digestarticle")] if sa.inspect(conn).has_table("digestarticle") else []


def reset_digests(path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for table in (*_link_tables(conn), Delivery, DigestRecord):
            conn.execute(sa.delete(table))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


# one measured run, in a process of its own -----------------------------------------------
class BytesMailer:
    """Serialises each message as SMTP would send it, then drops it: the build without the SMTP dialogue."""

    def __init__(self, connections: int) -> None:
        self.connections = connections  # sent through the same pool as with SMTP
        self.count = 0
        self.bytes = 0

    def send(self, message) -> None:  # type: ignore[no-untyped-def]
        from monitor.digest.mailer import envelope_recipients

        envelope_recipients(message)
        data = getattr(message, "data", None)  # a WireEmail is written already; an EmailMessage (older code) is not
        self.bytes += len(data if data is not None else message.as_bytes())
        self.count += 1

    def close(self) -> None:
        pass


def child(path: Path, port: int | None, connections: int, profile: str | None) -> None:
    from monitor.digest import delivery
    from monitor.digest.mailer import SmtpMailer
    from monitor.settings import Settings

    url = f"sqlite:///{path}"
    extra = {"smtp_connections": connections} if "smtp_connections" in Settings.model_fields else {}
    settings = Settings(_env_file=None, database_url=url, secret_key="bench", **extra)  # type: ignore[call-arg]
    mailer: object
    if port is None:
        mailer = BytesMailer(connections)
    else:
        try:
            mailer = SmtpMailer(f"smtp://127.0.0.1:{port}", connections=connections)  # type: ignore[call-arg]
        except TypeError:  # the code before parallel connections
            mailer = SmtpMailer(f"smtp://127.0.0.1:{port}")
    engine = db.make_engine(url)
    # Serialising and the SMTP dialogue run in the pool's threads, which cProfile does not see: timed here
    # (thread CPU of writing each email, wall time of each send).
    timed = {"serialise_cpu_s": 0.0, "send_wall_s": 0.0}
    writer_name = "digest_wire_email" if hasattr(delivery, "digest_wire_email") else "digest_email"
    writer = getattr(delivery, writer_name)

    def timed_writer(*a, **k):  # type: ignore[no-untyped-def]
        started = time.thread_time()
        try:
            return writer(*a, **k)
        finally:
            timed["serialise_cpu_s"] += time.thread_time() - started

    setattr(delivery, writer_name, timed_writer)
    send = mailer.send  # type: ignore[attr-defined]

    def timed_send(message):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return send(message)
        finally:
            timed["send_wall_s"] += time.perf_counter() - started

    mailer.send = timed_send  # type: ignore[attr-defined]
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    wall, started = time.time(), time.perf_counter()
    result = delivery.send_digests(engine, settings, mailer, frequency="daily", now=NOW, force=True)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    engine.dispose()
    print(json.dumps({"seconds": seconds, "wall_start": wall, "sent": result.sent, "failed": result.failed,
                      "empty": result.skipped_empty, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
                      "bytes": getattr(mailer, "bytes", 0), **{k: round(v, 2) for k, v in timed.items()}}))


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux), NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(path: Path, smtp: bool, connections: int, profile: str | None) -> dict[str, float]:
    reset_digests(path)
    args = [sys.executable, __file__, "--child", str(path), "--connections", str(connections)]
    if profile:
        args += ["--profile-out", profile]
    if not smtp:
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        return json.loads(out.splitlines()[-1])
    from tests.conftest import free_port

    port, log = free_port(), CACHE / f"smtp-{uuid.uuid4().hex[:6]}.log"
    sink = subprocess.Popen([sys.executable, "-c", SINK, str(port), str(log)], stdout=subprocess.PIPE, text=True)
    try:
        assert sink.stdout is not None and sink.stdout.readline().strip() == "ready"
        out = subprocess.run([*args, "--port", str(port)], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr)
        row = json.loads(out.stdout.splitlines()[-1])
        times = [float(t) for t in log.read_text().split()] if log.exists() else []
        row["accepted"] = len(times)
        row["server_cpu_s"] = _cpu_of(sink.pid)
        row["total_s"] = (max(times) - row["wall_start"]) if times else float("nan")
        return row
    finally:
        sink.terminate()
        sink.wait(10)
        log.unlink(missing_ok=True)


# What each phase of a run is, by the functions that do it (cumulative time in the profile; the profiler
# slows pure-Python code more than C, so read the shares, not the seconds).
PHASES = (
    ("query: candidates", "matching.py", "load_candidates"),
    ("query: history", "delivery.py", "load"),
    ("query: what each subscriber got before", "delivery.py", "load_sent"),
    ("match", "delivery.py", "choose"),
    ("render (shared renderings)", "delivery.py", "shared"),
    ("render (personal copies)", "delivery.py", "build"),
    ("serialise", "messages.py", "digest_wire_email"),
    ("serialise (email package)", "messages.py", "digest_email"),
    ("record digests and links", "delivery.py", "_deliver_batch"),
    ("  of which link rows", "delivery.py", "_insert_links"),
    ("send outcomes (commits)", "delivery.py", "_record"),
    ("SMTP dialogue", "mailer.py", "_send_on"),
    ("send_digests", "delivery.py", "send_digests"),
)


def print_phases(path: str) -> None:
    import pstats

    stats = pstats.Stats(path).stats  # type: ignore[attr-defined]
    for label, filename, function in PHASES:
        total = sum(row[3] for (file, _line, name), row in stats.items() if file.endswith(filename) and name == function)
        if total:
            print(f"  phase {label:<30} {total:8.1f} s (cumulative, profiled)", file=sys.stderr)


def main() -> None:
    global CACHE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--articles", default="1000000", help="corpus size(s), comma-separated")
    parser.add_argument("--window", type=int, default=5_000, help="articles stored in the daily window")
    parser.add_argument("--connections", type=int, default=4, help="SMTP connections (MONITOR_SMTP_CONNECTIONS)")
    parser.add_argument("--profile", choices=("build", "send"), help="write a cProfile of that run to /tmp/zm_digest_bench/ "
                        "and print the time of each phase from it")
    parser.add_argument("--skip-send", action="store_true", help="measure the build only")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where corpora are kept (one per schema: A/B runs "
                        "of code before and after a migration need two)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    CACHE = args.cache
    if args.child:
        child(args.child, args.port, args.connections, args.profile_out)
        return
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min), {os.cpu_count()} cores")
    print(f"{'subscribers':>11} {'corpus':>9} {'window':>6} {'sent':>6} {'build s':>8} {'build MB':>8} "
          f"{'accepted':>8} {'total s':>8} {'send MB':>8} {'conns':>5} {'build CPU s':>11} {'send CPU s':>10}")
    for articles in (int(a) for a in args.articles.split(",")):
        path, meta = corpus(articles, args.window)
        print(f"  corpus {articles}: {meta}", file=sys.stderr)
        kinds = set_subscribers(path, args.subscribers)
        print(f"  subscribers: {dict(kinds)}", file=sys.stderr)
        profile = str(CACHE / f"profile-{args.profile}-{articles}.pstats") if args.profile else None
        build = measure(path, False, args.connections, profile if args.profile == "build" else None)
        send = (measure(path, True, args.connections, profile if args.profile == "send" else None)
                if not args.skip_send else {"accepted": 0, "total_s": float("nan"), "peak_mb": float("nan"), "cpu_s": float("nan")})
        print(f"{args.subscribers:>11} {articles:>9} {meta['window_canonical_relevant']:>6} {build['sent']:>6} "
              f"{build['seconds']:>8.1f} {build['peak_mb']:>8.0f} {send['accepted']:>8} {send['total_s']:>8.1f} "
              f"{send['peak_mb']:>8.0f} {args.connections:>5} {build['cpu_s']:>11.1f} {send['cpu_s']:>10.1f}", flush=True)
        if profile:
            print(f"  profile: {profile}", file=sys.stderr)
            print_phases(profile)
        def num(value: float, digits: int | None = 1) -> float | None:  # NaN (not measured) as null
            return None if value != value else round(value, digits)

        figures = {"bench": "digests", "subscribers": args.subscribers, "articles": articles,
                   "window": meta["window_canonical_relevant"], "sent": build["sent"],
                   "build_s": round(build["seconds"], 1), "build_cpu_s": round(build["cpu_s"], 1),
                   "build_peak_mb": round(build["peak_mb"]), "total_s": num(send["total_s"]),
                   "send_cpu_s": num(send["cpu_s"]), "send_peak_mb": num(send["peak_mb"], None),
                   "smtp_server_cpu_s": num(send.get("server_cpu_s", float("nan"))),
                   "serialise_cpu_s": build.get("serialise_cpu_s"), "smtp_send_wall_s": send.get("send_wall_s"),
                   "accepted": send["accepted"], "connections": args.connections,
                   "load_1min": round(os.getloadavg()[0], 2)}
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print(json.dumps(figures))  # the last size measured, for bench/summary.py


if __name__ == "__main__":
    main()
