"""Tagging benchmark: precision, recall and F1 per tag type on the hand-labelled set, next to a
naive baseline (plain substring search for official and short names), and throughput.

    .venv/bin/python bench/tagging.py [--articles 3000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.normalise import match_key  # noqa: E402
from monitor.tag.gazetteer import load_gazetteer  # noqa: E402
from monitor.tag.tagger import ZoneTagger  # noqa: E402

DATA = ROOT / "tests" / "data" / "tagging"
KINDS = ("subject", "mentioned", "any zone", "people", "topics")


def load_cases(folder: Path = DATA) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])
    return cases


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set[Any], want: set[Any]) -> None:
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def expected(case: dict[str, Any]) -> dict[str, set[Any]]:
    subject, mentioned = set(case.get("subject") or ()), set(case.get("mentioned") or ())
    return {"subject": subject, "mentioned": mentioned, "any zone": subject | mentioned,
            "people": {(p["name"], match_key(p["post"])) for p in case.get("people") or ()},
            "topics": set(case.get("topics") or ())}


def tagger_output(tagger: ZoneTagger, case: dict[str, Any]) -> dict[str, set[Any]]:
    tags = tagger.tag(case.get("title") or "", case["text"], tuple(case.get("source_zones") or ()))
    subject = {z.zone_id for z in tags.zones if z.role == "subject"}
    mentioned = {z.zone_id for z in tags.zones if z.role == "mentioned"}
    return {"subject": subject, "mentioned": mentioned, "any zone": subject | mentioned,
            "people": {(p.name, match_key(p.post or "")) for p in tags.people},
            "topics": {t.topic_id for t in tags.topics}}


def baseline_output(case: dict[str, Any]) -> dict[str, set[Any]]:
    """Substring search for official and short names; named in the title or most often: subject."""
    title, text = case.get("title") or "", (case.get("title") or "") + case["text"]
    counts = Counter({z.id: sum(text.count(n) for n in {z.full_name, z.short_name}) for z in load_gazetteer().zones})
    found = {z: c for z, c in counts.items() if c}
    top = max(found.values(), default=0)
    in_title = {z.id for z in load_gazetteer().zones if z.id in found and (z.full_name in title or z.short_name in title)}
    subject = in_title or {z for z, c in found.items() if c == top}
    return {"subject": subject, "mentioned": set(found) - subject, "any zone": set(found), "people": set(), "topics": set()}


def evaluate(cases: list[dict[str, Any]], tagger: ZoneTagger) -> tuple[dict[str, Score], dict[str, Score], list[str]]:
    ours, base = {k: Score() for k in KINDS}, {k: Score() for k in KINDS}
    errors = []
    for case in cases:
        want, got, naive = expected(case), tagger_output(tagger, case), baseline_output(case)
        for kind in KINDS:
            ours[kind].add(got[kind], want[kind])
            base[kind].add(naive[kind], want[kind])
            if got[kind] != want[kind]:
                errors.append(f"{case['id']} {kind}: got {sorted(got[kind])} want {sorted(want[kind])}")
    return ours, base, errors


def throughput(tagger: ZoneTagger, cases: list[dict[str, Any]], articles: int, size: int = 3000) -> tuple[float, float]:
    """Articles per second of CPU time (one core, whatever else the machine runs) and of wall time."""
    texts, pool = [], "\n".join(c["text"] for c in cases)
    for i in range(articles):
        start = (i * 997) % max(1, len(pool) - size)
        texts.append(pool[start:start + size].ljust(size, "。"))
    cpu, wall = time.process_time(), time.perf_counter()
    for i, text in enumerate(texts):
        tagger.tag(cases[i % len(cases)].get("title") or "", text)
    return articles / (time.process_time() - cpu), articles / (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles of 3,000 characters for the throughput run")
    parser.add_argument("--repeat", type=int, default=5, help="throughput runs (min/median/max are printed)")
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    cases = load_cases()
    tagger = ZoneTagger()
    ours, base, errors = evaluate(cases, tagger)
    print(f"{len(cases)} hand-labelled texts in {DATA.relative_to(ROOT)}")
    print(f"{'tag type':<12} {'P':>6} {'R':>6} {'F1':>6}   {'baseline P':>10} {'R':>6} {'F1':>6}")
    for kind in KINDS:
        o, b = ours[kind], base[kind]
        print(f"{kind:<12} {o.p:6.3f} {o.r:6.3f} {o.f1:6.3f}   {b.p:10.3f} {b.r:6.3f} {b.f1:6.3f}")
    if args.errors:
        print("\n".join(errors))
    runs = [throughput(tagger, cases, args.articles) for _ in range(args.repeat)]
    for label, rates in (("CPU time", sorted(r[0] for r in runs)), ("wall time", sorted(r[1] for r in runs))):
        print(f"throughput ({label}): min {rates[0]:,.0f}, median {statistics.median(rates):,.0f}, "
              f"max {rates[-1]:,.0f} articles/s (3,000 characters each, one core, {args.repeat} runs)")


if __name__ == "__main__":
    main()
