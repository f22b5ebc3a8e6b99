"""EXPLAIN (ANALYZE, BUFFERS) of the dedup stage's statements on a corpus kept by bench/ingest_scale.py (issue 23).

    .venv/bin/python bench/ingest_explain.py POSTGRES_URL FIRST_FEED_INDEX COUNT

Runs ``Deduplicator.check`` for COUNT feed items from FIRST_FEED_INDEX (past those stored) and prints, for each
statement it runs, its plan with timings and buffer reads (``read=`` counts pages not found in shared buffers:
what grows with the corpus once its indexes outgrow them). Reads only: nothing is stored.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from bench.ingest_scale import url_of  # noqa: E402
from bench.news_corpus import NewsFeed  # noqa: E402
from monitor.dedup.deduplicator import DedupConfig, Deduplicator  # noqa: E402
from monitor.items import ExtractedArticle, PublishDate  # noqa: E402
from monitor.store import db  # noqa: E402
from monitor.store.rawsql import RawSql  # noqa: E402


def main() -> None:
    url, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    plans: list[tuple[str, str]] = []
    plain = RawSql.all

    def explained(self: RawSql, sql: str, params: list[object] | tuple[object, ...]) -> list[tuple[object, ...]]:
        if self.postgres and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            rows = plain(self, "EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plans.append((sql[:100], "\n".join(str(r[0]) for r in rows)))
        return plain(self, sql, params)

    RawSql.all = explained  # type: ignore[method-assign]
    feed = NewsFeed(1)
    engine = db.make_engine(url)
    with Session(engine) as session:
        dedup = Deduplicator(session, DedupConfig())
        for index in range(first, first + count):
            item = feed.item(index)
            dedup.check(ExtractedArticle(url=url_of(index), title=item.title, body=item.body,
                                         published=PublishDate(item.published, "minute")))
        session.rollback()
    engine.dispose()
    for head, plan in plans:
        print(f"===== {head}\n{plan}")


if __name__ == "__main__":
    main()
