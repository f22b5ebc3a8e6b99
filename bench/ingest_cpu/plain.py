"""CPU time of dedup + tagging + storage (commit every 100) for N bench/dedup.py articles (10% noisy reposts), no tags.

Usage: python bench/ingest_cpu/plain.py TREE N  (TREE: the source tree to import monitor from)."""

# ruff: noqa: E402 -- monitor is imported from the tree named on the command line, after it is put on sys.path
import gc
import os
import random
import sys
import tempfile
import time

tree = sys.argv[1]
N = int(sys.argv[2])
sys.path.insert(0, tree)
os.chdir(tree)
from collections import deque

from sqlmodel import Session

import bench.dedup as b
from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import ExtractedArticle, TagSet
from monitor.store import Articles, Sources, db
from monitor.timefmt import utcnow

with tempfile.TemporaryDirectory() as tmp:
    url = f"sqlite:///{tmp}/b.db"
    db.upgrade(url)
    engine = db.make_engine(url)
    rng = random.Random(1)
    pool = b.sentence_pool()
    recent = deque(maxlen=1000)
    cpu = 0.0
    dups = 0
    with Session(engine, expire_on_commit=False) as s:
        st = Articles(s)
        src = Sources(s).row("bench", "html")
        d = Deduplicator(s, DedupConfig())
        gc.collect()  # the setup's garbage collected now, not in a full collection that falls in one side's loop
        for i in range(N):
            if i % 10 == 9 and recent:
                body = b.noisy(rng, rng.choice(recent))
            else:
                body = b.synthetic(rng, pool, rng.randint(4, 8))
                recent.append(body)
            art = ExtractedArticle(url=f"https://bench.invalid/{i}", title=f"标题{i}", body=body)
            t0 = time.process_time()
            r = st.store_article(art, d.check(art), TagSet(), src, utcnow())
            dups += r.status == "duplicate"
            if i % 100 == 99:
                s.commit()
            cpu += time.process_time() - t0
        s.commit()
    print(
        f"{tree}: bench/dedup.py corpus, {N} articles, CPU {cpu:.2f} s = {cpu / N * 1000:.2f} ms per article, duplicates {dups}",
        flush=True,
    )
