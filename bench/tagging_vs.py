"""The worktree's tagger against the tagger of another commit, in one process: identical output, then
throughput side by side (CPU time, the taggers taking turns every few articles: the machine is shared).

The other commit's monitor/tag/ is copied out of git into a temporary package (it must have that
layout); the rest of monitor/ (items, normalise, data) is this worktree's.
Output: every text of tests/data/tagging, tests/data/tagging_real and tests/data/dedup, tagged several
ways (with and without URL, title, byline), and the throughput articles; TagSets compared with ==.

    .venv/bin/python bench/tagging_vs.py [--ref HEAD] [--articles 1500] [--rounds 6]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tagging as bench  # noqa: E402

from monitor.tag.tagger import ZoneTagger  # noqa: E402

DATA = ROOT / "tests" / "data"


def reference_tagger(ref: str, folder: Path) -> Any:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "monitor/tag"], check=True,
                             capture_output=True).stdout
    package = folder / "reftag"
    package.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".py"):
                source = tar.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
                source = source.replace("monitor.tag.", "reftag.").replace("from monitor.tag import", "from reftag import")
                (package / Path(member.name).name).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("reftag.tagger").ZoneTagger


def calls() -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    found: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for folder in ("tagging", "tagging_real"):
        for case in bench.load_cases(DATA / folder):
            title, text, zones = case.get("title") or "", case["text"], tuple(case.get("source_zones") or ())
            found.append((case["id"], (title, text, zones), {"url": case.get("url")}))
            found.append((case["id"] + "/no-url", (title, text), {}))
            found.append((case["id"] + "/no-title", ("", text), {}))
            for person in (case.get("people") or ())[:1]:
                found.append((case["id"] + "/byline", (title, text, zones, person.get("post") or "", person["name"]),
                              {"url": case.get("url")}))
    for line in (DATA / "dedup" / "labelled.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        found.append((item["id"], (item.get("title") or "", item["body"]), {}))
        found.append((item["id"] + "/no-title", ("", item["body"]), {}))
    titles, texts = articles(1500)
    found += [(f"article {i}", (title, text), {}) for i, (title, text) in enumerate(zip(titles, texts, strict=True))]
    return found


def articles(count: int, size: int = 3000) -> tuple[list[str], list[str]]:
    """The throughput articles of bench/tagging.py."""
    cases = bench.load_cases()
    pool = "\n".join(c["text"] for c in cases)
    texts = [pool[(i * 997) % max(1, len(pool) - size):][:size].ljust(size, "。") for i in range(count)]
    return [cases[i % len(cases)].get("title") or "" for i in range(count)], texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD", help="the commit to compare with (default HEAD)")
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--chunk", type=int, default=50, help="articles per turn (the taggers take turns)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        reference, ours = reference_tagger(args.ref, Path(folder))(), ZoneTagger()
        # a tagger from before pages' URLs were passed is called without one
        takes_url = "url" in inspect.signature(reference.tag).parameters
        differ = [label for label, a, k in calls()
                  if reference.tag(*a, **(k if takes_url else {})) != ours.tag(*a, **k)]
        print(f"identical output: {'yes' if not differ else 'NO'} ({len(differ)} calls differ"
              + (f": {', '.join(differ[:5])}" if differ else "") + ")")
        titles, texts = articles(args.articles)
        pair = [(args.ref, reference), ("worktree", ours)]
        # the machine is shared: the two taggers take turns every `--chunk` articles (which one goes first
        # alternates), so that a change of load falls on both alike; each round's CPU time is summed
        spent: dict[str, list[float]] = {args.ref: [], "worktree": []}
        for turn in range(args.rounds):
            totals = dict.fromkeys(spent, 0.0)
            for number, low in enumerate(range(0, len(texts), args.chunk)):
                for name, tagger in pair if (turn + number) % 2 == 0 else pair[::-1]:
                    start = time.process_time()
                    for title, text in zip(titles[low:low + args.chunk], texts[low:low + args.chunk], strict=True):
                        tagger.tag(title, text)
                    totals[name] += time.process_time() - start
            for name, value in totals.items():
                spent[name].append(value)
        for name, values in spent.items():
            rates = [args.articles / v for v in values]
            print(f"{name:>10}: median {statistics.median(rates):,.0f} articles/s (CPU time; rounds: "
                  + ", ".join(f"{r:,.0f}" for r in rates) + ")")
        ratios = [r / w for r, w in zip(spent[args.ref], spent["worktree"], strict=True)]
        print(f"worktree / {args.ref}: {statistics.median(ratios):.3f} (median of the rounds' ratios; "
              f"all rounds: {sum(spent[args.ref]) / sum(spent['worktree']):.3f})")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
