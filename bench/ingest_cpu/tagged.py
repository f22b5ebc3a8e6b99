"""CPU time of dedup + tagging + storage (commit every 100) for N load-site articles (10% reposts).

Usage: python bench/ingest_cpu/tagged.py TREE N  (TREE: the source tree to import monitor from). The timed loop starts
after a full garbage collection: one full collection of a heap holding the tagger takes ~80 ms, and whether
the collector's counters let it fall inside a run's loop depends on what the setup allocated, not on the code
measured."""

# ruff: noqa: E402 -- monitor is imported from the tree named on the command line, after it is put on sys.path
import gc
import os
import random
import re
import sys
import tempfile
import time

tree = sys.argv[1]
N = int(sys.argv[2])
sys.path.insert(0, tree)
os.chdir(tree)
from datetime import datetime

from sqlmodel import Session

from monitor.dedup import DedupConfig, Deduplicator
from monitor.items import ExtractedArticle, PublishDate
from monitor.store import Articles, Sources, db
from monitor.tag import shared_tagger, tag_article
from monitor.timefmt import SHANGHAI, utcnow
from tests.load_site import LoadPlan, _article

plan = LoadPlan(sources=60, per_source=50, fault_rate=0.0, seed=9)
texts = []
for i in range(N):
    title, html = _article(plan, i % 60, i // 60)
    body = "\n\n".join(re.sub("<[^>]+>", "", p) for p in re.findall(r"<p>.*?</p>", html.decode()))
    day = int(re.search(r"2024-05-(\d\d)", html.decode()).group(1))
    texts.append((title, body, datetime(2024, 5, day, 9, 0, tzinfo=SHANGHAI)))
rng = random.Random(3)
shared_tagger()
with tempfile.TemporaryDirectory() as tmp:
    url = f"sqlite:///{tmp}/i.db"
    db.upgrade(url)
    engine = db.make_engine(url)
    cpu = 0.0
    status = {}
    with Session(engine, expire_on_commit=False) as s:
        st = Articles(s)
        src = Sources(s).row("load", "html")
        d = Deduplicator(s, DedupConfig())
        gc.collect()  # the setup's garbage collected now, not in a full collection that falls in one side's loop
        for i in range(N):
            if i % 10 == 9:
                title, body, when = texts[rng.randrange(i)]
                body = "来源：高新区管委会\n\n" + body + "\n\n【打印本页】【关闭窗口】"
            else:
                title, body, when = texts[i]
            art = ExtractedArticle(
                url=f"https://load.invalid/{i}", title=title, body=body, published=PublishDate(when, "minute")
            )
            t0 = time.process_time()
            r = st.store_article(art, d.check(art), tag_article(art), src, utcnow())
            if i % 100 == 99:
                s.commit()
            cpu += time.process_time() - t0
            status[r.status] = status.get(r.status, 0) + 1
        s.commit()
    print(
        f"{tree}: {N} articles, CPU {cpu:.2f} s = {cpu / N * 1000:.2f} ms per article, {status}", flush=True
    )
