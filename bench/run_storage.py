"""CPU of the database side of scheduled runs over a stored corpus: what `monitor serve`'s database thread does per run.

Each of ``--runs`` runs stores one new article (a real news text, tests/data/tagging_real, published on the corpus's
latest day: a busy day) through dedup and storage and commits it (event linking runs at the commit), and makes the
run's other reads and writes: the tick's check of the source's last start, its due URLs, the run's start and end.
Extraction and tagging are done before the clock starts (worker processes do them in the service). Run it on a copy
of a corpus (it writes), e.g. one that bench/scheduler.py's warm-up built with --database-url:

    nice -n 19 .venv/bin/python bench/run_storage.py sqlite:////tmp/copy.db --runs 300

Prints CPU ms per run (this thread's CPU clock) and one JSON line. Two code versions compared: run both at the same
moment, each on its own copy.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from monitor.dedup import DedupConfig, Deduplicator  # noqa: E402
from monitor.items import ExtractedArticle, PublishDate  # noqa: E402
from monitor.service.scheduler import Service  # noqa: E402
from monitor.store import Repositories, db  # noqa: E402
from monitor.store.models import Article, Source  # noqa: E402
from monitor.tag import tag_article  # noqa: E402
from monitor.timefmt import utcnow  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database_url")
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    db.upgrade(args.database_url)
    engine = db.make_engine(args.database_url)
    texts = []
    for path in sorted((ROOT / "tests" / "data" / "tagging_real").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts.append((case.get("title") or case["text"].split("。")[0][:30], case["text"]))
    with Session(engine) as session:
        latest = session.exec(select(func.max(Article.published_at))).one()
        sources = list(session.exec(select(Source).order_by(Source.id).limit(args.runs)).all())
        stored = session.exec(select(func.count()).select_from(Article)).one()
    assert latest is not None and sources, "an empty corpus: build one with bench/scheduler.py --database-url"
    stamp = int(time.time())
    prepared = []
    for n in range(args.runs):
        title, text = texts[(n * 13 + stamp) % len(texts)]
        article = ExtractedArticle(url=f"https://runs.example/{stamp}/{n}.html", title=title,
                                   body=f"{text}\n（第{n}号来源 第{stamp}期）",
                                   published=PublishDate(latest + timedelta(minutes=n % 600), "minute"))
        prepared.append((sources[n % len(sources)], article, tag_article(article)))
    service = SimpleNamespace(engine=engine)
    spent, linked = 0.0, 0
    for source, article, tags in prepared:
        started = time.thread_time()
        Service._ran_recently(service, source.name, 30)  # type: ignore[arg-type]
        with Session(engine, expire_on_commit=False) as session:
            repos = Repositories.over(session, {})
            row = session.get(Source, source.id)
            assert row is not None
            run = repos.runs.start(row)
            repos.queue.due(row)
            verdict = Deduplicator(session, DedupConfig()).check(article)
            linked += repos.articles.store_article(article, verdict, tags, row, utcnow()).status == "new"
            session.commit()  # event linking runs here
            repos.runs.finish(run, row, fetched=1, new=1, duplicates=0, errors=0, error=None)
        spent += time.thread_time() - started
    engine.dispose()
    per_run = spent / args.runs * 1000
    print(f"{args.runs} runs over {stored} stored articles ({linked} new stories, the others copies): "
          f"{per_run:.2f} ms CPU per run (database side)")
    print(json.dumps({"bench": "run_storage", "runs": args.runs, "stored": stored, "new_stories": linked,
                      "cpu_ms_per_run": round(per_run, 2)}))


if __name__ == "__main__":
    main()
