"""Every statement the normal ingest path issues, with its count, time and plan (issue 23).

    .venv/bin/python bench/ingest_explain.py URL [--stream 300] [--plans]

Streams ``--stream`` more items of bench/news_corpus.py's feed into a database kept by bench/ingest_scale.py
(``--name``/``--keep``; SQLite file or PostgreSQL database) through the crawler's path, as ``ingest_scale.py
--reuse URL`` does (the items are stored: stream into a copy to keep the corpus as it was), and times each
statement on the client (SQLAlchemy's cursor events; IN lists of any length count as one statement).
``--plans``: then each statement's plan with the first parameters it ran with: SQLite ``EXPLAIN QUERY PLAN``;
PostgreSQL ``EXPLAIN (ANALYZE, BUFFERS)`` for reads (``read=`` counts pages not found in shared buffers: what
grows once the indexes outgrow them) and plain ``EXPLAIN`` for writes (run again they would conflict).

On PostgreSQL a new article's INSERT is sent without waiting for its answer (``deferred_write``): its client
time is ~0 and the server's time shows in the next statement's or the commit's.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bench.ingest_scale import ingest, stored_state  # noqa: E402
from bench.news_corpus import NewsFeed  # noqa: E402
from monitor.store import db  # noqa: E402
from monitor.store.rawsql import RawSql  # noqa: E402

_LIST = re.compile(r"(?:\?|%s|%\(\w+\)s)(?:\s*,\s*(?:\?|%s|%\(\w+\)s))+")
_SPACE = re.compile(r"\s+")


def shape(statement: str) -> str:
    """The statement with each list of placeholders as one ``…``: one key per statement shape."""
    return _SPACE.sub(" ", _LIST.sub("…", statement)).strip()


class Statements:
    """Client time per statement shape, with the first statement text and parameters of each."""

    def __init__(self, engine: sa.Engine) -> None:
        self.time: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        self.rows: dict[str, int] = defaultdict(int)
        self.example: dict[str, tuple[str, Any, bool]] = {}
        sa.event.listen(engine, "before_cursor_execute", self.before)
        sa.event.listen(engine, "after_cursor_execute", self.after)
        self.commit_cpu = 0.0
        commit = engine.dialect.do_commit

        def timed_commit(dbapi_connection: Any) -> None:  # the driver's commit (SQLite: the WAL write and sync)
            started, cpu = time.perf_counter(), time.process_time()
            commit(dbapi_connection)
            self.time["COMMIT"] += time.perf_counter() - started
            self.commit_cpu += time.process_time() - cpu
            self.count["COMMIT"] += 1
            self.rows["COMMIT"] += 1

        engine.dialect.do_commit = timed_commit  # type: ignore[method-assign]
        # SQLite's hot-path statements go to the driver directly (monitor/store/rawsql.py), past the cursor events
        direct = RawSql._sqlite

        def timed_direct(sql: RawSql, statement: str, parameters: Any, *, many: bool) -> Any:
            started = time.perf_counter()
            try:
                return direct(sql, statement, parameters, many=many)
            finally:
                self.record(statement, parameters, many, time.perf_counter() - started)

        RawSql._sqlite = timed_direct  # type: ignore[method-assign]

    def before(self, conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        conn.info["zm_started"] = time.perf_counter()

    def after(self, conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        self.record(statement, parameters, many, time.perf_counter() - conn.info.pop("zm_started"))

    def record(self, statement: str, parameters: Any, many: bool, seconds: float) -> None:
        key = shape(statement)
        self.time[key] += seconds
        self.count[key] += 1
        self.rows[key] += len(parameters) if many else 1
        self.example.setdefault(key, (statement, parameters[0] if many else parameters, many))

    def table(self, articles: int) -> str:
        lines = [f"{'ms/article':>10} {'calls/art':>9} {'rows/art':>8} {'ms/call':>8}  statement"]
        for key in sorted(self.time, key=self.time.get, reverse=True):  # type: ignore[arg-type]
            lines.append(f"{self.time[key] * 1000 / articles:10.3f} {self.count[key] / articles:9.2f} "
                         f"{self.rows[key] / articles:8.2f} {self.time[key] * 1000 / self.count[key]:8.3f}  {key[:150]}")
        lines.append(f"{sum(self.time.values()) * 1000 / articles:10.3f}  all statements (commits: "
                     f"{self.commit_cpu * 1000 / articles:.3f} ms CPU per article)")
        return "\n".join(lines)


def plans(engine: sa.Engine, statements: Statements) -> str:
    out = []
    with engine.connect() as conn:
        postgres = conn.dialect.name == "postgresql"
        for key in sorted(statements.time, key=statements.time.get, reverse=True):  # type: ignore[arg-type]
            if key == "COMMIT":
                continue
            statement, parameters, _many = statements.example[key]
            reads = statement.lstrip().upper().startswith(("SELECT", "WITH")) and " INSERT " not in statement.upper()
            prefix = ("EXPLAIN (ANALYZE, BUFFERS) " if reads else "EXPLAIN ") if postgres else "EXPLAIN QUERY PLAN "
            try:
                rows = conn.exec_driver_sql(prefix + statement, parameters).all()
            except sa.exc.DBAPIError as error:
                out.append(f"===== {key[:200]}\n(not explained: {str(error.orig).splitlines()[0]})")
                conn.rollback()
                continue
            text = "\n".join(str(r[0]) for r in rows) if postgres else "\n".join(f"{r[1]:>3} {r[3]}" for r in rows)
            out.append(f"===== {key[:200]}\n{text}")
        conn.rollback()
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--stream", type=int, default=300)
    parser.add_argument("--commit-every", type=int, default=32)
    parser.add_argument("--plans", action="store_true")
    args = parser.parse_args()
    size, first, clusters = stored_state(args.url)
    engine = db.make_engine(args.url)
    statements = Statements(engine)
    timed = ingest(engine, NewsFeed(1), first, args.stream, clusters, args.commit_every)
    print(f"{engine.dialect.name}, {size:,} bulk items + {first - size:,} streamed before: {args.stream} items, "
          f"{args.stream / timed.seconds:.0f} articles/s, client CPU {timed.cpu_seconds * 1000 / args.stream:.2f} ms "
          f"per article" + ("" if timed.server_cpu_seconds is None
                            else f", server {timed.server_cpu_seconds * 1000 / args.stream:.2f} ms"))
    print(statements.table(args.stream))
    if args.plans:
        print(plans(engine, statements))
    engine.dispose()


if __name__ == "__main__":
    main()
