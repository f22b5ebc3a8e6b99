"""CPU time of this project's extractor on the annotated pages, for A/B comparisons of two trees.

Usage: taskset -c 1 python bench/extraction_cpu.py [--tree PATH] [--rounds 5] [--profile]

`--tree` is a checkout (or `git archive REV monitor bench | tar -x -C DIR`) whose `monitor` package
is timed; run two trees alternately in the same period, since the machine's load varies, and
report the load (`uptime`). Pages are read from ../shared/eval/extraction as bench/extraction.py
reads them; imports and one warm-up page are outside the timed loop; the figure is the fastest
round's process CPU time. `--profile` prints cProfile's top functions instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, default=HERE, help="the tree whose monitor package is timed")
    default_eval = next((p for p in (HERE.parent / "shared" / "eval", HERE.parents[1] / "shared" / "eval") if p.exists()),
                        HERE.parent / "shared" / "eval")  # as bench/extraction.py finds it
    parser.add_argument("--eval", type=Path, default=default_eval, help="shared/eval (annotated pages)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sys.path[:0] = [str(args.tree / "bench"), str(args.tree)]
    import extraction  # noqa: PLC0415 - from the tree given, not this file's

    data = args.eval / "extraction"
    pages = extraction.load_cwce(data / "cwce") + extraction.load_fixtures(data / "fixtures")
    extraction.ours(pages[0])
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for page in pages:
            extraction.ours(page)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
        return 0
    rounds = []
    for _ in range(args.rounds):
        started = time.process_time()
        for page in pages:
            extraction.ours(page)
        rounds.append(time.process_time() - started)
    print(f"{args.tree}: {len(pages)} pages, fastest round {min(rounds):.3f} s CPU = {len(pages) / min(rounds):.1f} pages/s "
          f"(rounds: {', '.join(f'{r:.3f}' for r in rounds)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
