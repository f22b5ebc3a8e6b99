"""Load run (issue 9): one `monitor crawl` of 10,000 articles across 200 sites with 5% faulty answers.

Each site is its own origin on loopback (127.0.0.10 ... 127.0.0.209), served by the fixture in
tests/load_site.py: HTTP 500 and 503, connection resets, bodies cut short, answers that never
come; most faulty URLs recover on a retry, some never do. The run passes when every good
article is stored exactly once, every broken URL is kept as ``failed`` for a later run, and
reposts join their original's cluster. It prints the figures and exits 1 on any problem.

Rate limits are raised to 200 requests/s per site: `monitor crawl` visits the sources one
after another, so at a polite 1 request/s the run would take about three hours however many
origins there are (`monitor serve` crawls up to 4 sources at once).

    .venv/bin/python bench/load.py [--sources 200] [--per-source 50] [--fault-rate 0.05] [--seed 9]
                                   [--database-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.load_site import LoadPlan, run_load  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--per-source", type=int, default=50)
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--rate-limit", type=float, default=200.0, help="requests/s per site")
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temporary folder")
    args = parser.parse_args()
    plan = LoadPlan(sources=args.sources, per_source=args.per_source, fault_rate=args.fault_rate, seed=args.seed)
    print(f"load: {plan.sources} sites x {plan.per_source} articles (+ ~{plan.repost_rate:.0%} reposts), "
          f"{plan.fault_rate:.0%} of URLs faulty, seed {plan.seed}, {args.rate_limit:g} requests/s per site", flush=True)
    figures = run_load(plan, args.database_url, rate_limit=args.rate_limit)
    faults = ", ".join(f"{kind} {count}" for kind, count in sorted(figures.faults.items()))
    print(f"articles stored: {figures.articles} of {figures.expected} good ({figures.broken} broken URLs kept as failed)")
    print(f"wall time: {figures.wall_seconds:.1f} s = {figures.articles_per_second:.1f} articles/s")
    print(f"requests: {figures.requests} served, {figures.logged_requests} in the fetch log; "
          f"faulty URLs {figures.faulty_urls}; faulty answers {sum(figures.faults.values())} ({faults}); "
          f"retries {figures.retries}")
    print(f"peak RSS of the crawler: {figures.peak_rss_mb:.0f} MB")
    for problem in figures.problems:
        print(f"PROBLEM: {problem}")
    print("OK: every good article stored exactly once" if not figures.problems else "FAILED")
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
