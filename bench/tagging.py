"""Tagging benchmark: precision, recall and F1 on the hand-labelled sets, next to a naive
baseline (plain substring search for official and short names), and throughput.

Sets, printed side by side:
- written: the 62 texts written for the project (tests/data/tagging);
- real tune / real held-out: excerpts of published pages (tests/data/tagging_real), split by a
  hash of the page URL (``real_half``), fixed before any rule was tuned. Rules are written from
  the tune half only; the held-out half is reported, never read for failures. The held-out half
  is printed per batch: the first batch's was scored while rules were written (partly seen), the
  later batches (d-second.yaml, e-third.yaml) were collected and labelled afterwards. Batches in
  ``APART`` (g-fifth.yaml … v-twentieth.yaml) are printed apart, both halves; since the sixth batch their tune
  halves are part of "real tune" and of ``--errors tune`` like every other batch's.

The tagger is called the way the crawler calls it: title, text and the page URL.
A person counts as found when the name is the same and the post names the same office
(``offices``: the title words ending each unit of the post, e.g. 副书记 and 主任).

    .venv/bin/python bench/tagging.py [--articles 3000] [--errors tune]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import re
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

from monitor.normalise import match_key, to_simplified  # noqa: E402
from monitor.tag.gazetteer import load_gazetteer  # noqa: E402
from monitor.tag.tagger import ZoneTagger  # noqa: E402

WRITTEN = ROOT / "tests" / "data" / "tagging"
REAL = ROOT / "tests" / "data" / "tagging_real"
KINDS = ("subject", "mentioned", "any zone", "people", "topics")
# The latest batches: both their halves are also scored apart ("held-out old" is the first four batches'), so
# that a rule's effect on pages collected after it can be read per batch.
APART = ("fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
         "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth")


def load_cases(folder: Path = WRITTEN) -> list[dict[str, Any]]:
    """Every case of the folder's files; each carries its file's ``batch`` (``first`` unless the file
    says otherwise: texts collected after rules were written from the first batch form a later one)."""
    cases: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            case.setdefault("batch", data.get("batch", "first"))
        cases.extend(data["cases"])
    return cases


def real_half(url: str) -> str:
    """'tune' or 'held-out', from the page URL alone (stable across runs and machines)."""
    return "tune" if hashlib.sha1(url.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def real_sets(folder: Path = REAL) -> dict[str, list[dict[str, Any]]]:
    sets: dict[str, list[dict[str, Any]]] = {"tune": [], "held-out": []}
    for case in load_cases(folder):
        sets[real_half(case["url"])].append(case)
    return sets


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set[Any], want: set[Any]) -> None:
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def add_counts(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


_UNIT_SPLIT = re.compile(r"[、，,;；\s]|兼")
_OFFICE = re.compile(r"(?:常务副|副)?(?:[^\s、，,]{0,2}?)(书记|主任|主席|市长|区长|县长|省长|局长|部长|厅长|司长|处长|科长|"
                     r"院长|校长|所长|会长|组长|委员|常委|秘书长|总经理|经理|董事长|总监|巡视员|调研员|主任委员|"
                     r"负责人|领导|总工程师|总经济师|副总经理|经济学家|关长|社长|行长|理事长|主管|设计师)$")


def offices(post: str) -> set[str]:
    """The offices a post names: the title ending each unit, with its 副/常务副 (党工委副书记 -> 副书记)."""
    found = set()
    for unit in _UNIT_SPLIT.split(match_key(_simplified(post or ""))):
        unit = unit.strip("（）()")
        for title in ("秘书长", "理事长", "董事长", "总经理", "主任委员", "巡视员", "调研员", "负责人", "总工程师",
                      "书记", "主任", "主席", "市长", "区长", "县长", "省长", "局长", "部长", "厅长", "司长", "处长",
                      "科长", "院长", "校长", "所长", "会长", "组长", "委员", "常委", "经理", "总监", "领导", "关长",
                      "社长", "行长", "经济学家", "设计师"):
            if unit.endswith(title):
                head = unit[:-len(title)]
                deputy = "常务副" if head.endswith("常务副") else "副" if head.endswith("副") else ""
                found.add(deputy + title)
                break
    return found


def _simplified(text: str) -> str:
    """Every traditional character folded (to_simplified skips texts without a hint character, as
    a name of three characters often is)."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return str(_T2S.convert(text))


_T2S = None


def person_key(name: str) -> str:
    return re.sub(r"\s+", "", _simplified(name or ""))


def match_people(got: list[tuple[str, str]], want: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(tp, fp, fn): a found person matches a labelled one with the same name and a shared office."""
    left = [(person_key(n), offices(p)) for n, p in want]
    tp = 0
    for name, post in got:
        mine = offices(post)
        for i, (gold_name, gold_offices) in enumerate(left):
            if gold_name == person_key(name) and (mine & gold_offices or not gold_offices and not mine):
                del left[i]
                tp += 1
                break
    return tp, len(got) - tp, len(left)


def expected(case: dict[str, Any]) -> dict[str, Any]:
    subject, mentioned = set(case.get("subject") or ()), set(case.get("mentioned") or ())
    return {"subject": subject, "mentioned": mentioned, "any zone": subject | mentioned,
            "people": [(p["name"], p["post"]) for p in case.get("people") or ()],
            "topics": set(case.get("topics") or ())}


def _tag(tagger: ZoneTagger, case: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    if case.get("url") and "url" in inspect.signature(tagger.tag).parameters:
        kwargs["url"] = case["url"]
    return tagger.tag(case.get("title") or "", case["text"], tuple(case.get("source_zones") or ()), **kwargs)


def tagger_output(tagger: ZoneTagger, case: dict[str, Any]) -> dict[str, Any]:
    tags = _tag(tagger, case)
    subject = {z.zone_id for z in tags.zones if z.role == "subject"}
    mentioned = {z.zone_id for z in tags.zones if z.role == "mentioned"}
    return {"subject": subject, "mentioned": mentioned, "any zone": subject | mentioned,
            "people": [(p.name, p.post or "") for p in tags.people],
            "topics": {t.topic_id for t in tags.topics}}


def baseline_output(case: dict[str, Any]) -> dict[str, Any]:
    """Substring search for official and short names; named in the title or most often: subject."""
    title = to_simplified(case.get("title") or "")
    text = title + to_simplified(case["text"])
    zones = load_gazetteer().zones
    counts = Counter({z.id: sum(text.count(n) for n in {z.full_name, z.short_name}) for z in zones})
    found = {z: c for z, c in counts.items() if c}
    top = max(found.values(), default=0)
    in_title = {z.id for z in zones if z.id in found and (z.full_name in title or z.short_name in title)}
    subject = in_title or {z for z, c in found.items() if c == top}
    return {"subject": subject, "mentioned": set(found) - subject, "any zone": set(found), "people": [],
            "topics": set()}


def evaluate(cases: list[dict[str, Any]], tagger: ZoneTagger, topics: bool = True
             ) -> tuple[dict[str, Score], dict[str, Score], list[str]]:
    ours, base = {k: Score() for k in KINDS}, {k: Score() for k in KINDS}
    errors = []
    for case in cases:
        want, got, naive = expected(case), tagger_output(tagger, case), baseline_output(case)
        for kind in KINDS:
            if kind == "topics" and not topics:
                continue
            if kind == "people":
                counts = match_people(got[kind], want[kind])
                ours[kind].add_counts(*counts)
                base[kind].add_counts(*match_people(naive[kind], want[kind]))
                if counts[1] or counts[2]:
                    errors.append(f"{case['id']} people: got {got[kind]} want {want[kind]}")
                continue
            ours[kind].add(got[kind], want[kind])
            base[kind].add(naive[kind], want[kind])
            if got[kind] != want[kind]:
                errors.append(f"{case['id']} {kind}: got {sorted(got[kind])} want {sorted(want[kind])}")
    return ours, base, errors


def throughput(tagger: ZoneTagger, cases: list[dict[str, Any]], articles: int, size: int = 3000) -> tuple[float, float]:
    """Articles per second of CPU time (one core, whatever else the machine runs) and of wall time.
    Texts are built before the timed loop; the loop only tags."""
    texts, pool = [], "\n".join(c["text"] for c in cases)
    for i in range(articles):
        start = (i * 997) % max(1, len(pool) - size)
        texts.append(pool[start:start + size].ljust(size, "。"))
    titles = [cases[i % len(cases)].get("title") or "" for i in range(articles)]
    cpu, wall = time.process_time(), time.perf_counter()
    for title, text in zip(titles, texts, strict=True):
        tagger.tag(title, text)
    return articles / (time.process_time() - cpu), articles / (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles of 3,000 characters for the throughput run")
    parser.add_argument("--repeat", type=int, default=5, help="throughput runs (min/median/max are printed)")
    parser.add_argument("--only-scores", action="store_true", help="skip the throughput runs")
    parser.add_argument("--errors", choices=("written", "tune"), help="print every disagreement of that set "
                        "(the held-out half has no such option: its failures are not for writing rules)")
    args = parser.parse_args()
    tagger = ZoneTagger()
    written = load_cases()
    real = real_sets()
    held = real["held-out"]
    tune = real["tune"]
    sets = {"written": (written, True), "real tune": (tune, False),
            "tune old": ([c for c in tune if c["batch"] not in APART], False),
            **{f"tune {batch}": ([c for c in tune if c["batch"] == batch], False) for batch in APART},
            **{f"held-out {batch}": ([c for c in held if c["batch"] == batch], False)
               for batch in dict.fromkeys(c["batch"] for c in held)},
            "held-out old": ([c for c in held if c["batch"] not in APART], False),
            "held-out all": (held, False),
            # The newest batches whole (both halves), as first scored before any rule was written from their tune halves.
            **{f"{batch} both halves": ([c for c in tune + held if c["batch"] == batch], False) for batch in APART[-2:]}}
    results = {name: evaluate(cases, tagger, topics) for name, (cases, topics) in sets.items()}
    print("sets: " + ", ".join(f"{name} {len(cases)} texts" for name, (cases, _) in sets.items()))
    header = f"{'':<22}" + "".join(f"{name:>26}" for name in sets)
    print(header)
    print(f"{'':<22}" + "".join(f"{'tagger':>14}{'baseline':>12}" for _ in sets))
    rows = [("subject P", "subject", "p"), ("subject R", "subject", "r"), ("subject F1", "subject", "f1"),
            ("mentioned F1", "mentioned", "f1"), ("any-zone F1", "any zone", "f1"),
            ("people (name+post) P", "people", "p"), ("people (name+post) R", "people", "r"),
            ("people F1", "people", "f1"), ("topics F1", "topics", "f1")]
    for label, kind, attr in rows:
        line = f"{label:<22}"
        for name in sets:
            ours, base, _ = results[name]
            if kind == "topics" and name != "written":
                line += f"{'-':>14}{'-':>12}"
                continue
            line += f"{getattr(ours[kind], attr):14.3f}{getattr(base[kind], attr):12.3f}"
        print(line)
    if args.errors:
        name = "written" if args.errors == "written" else "real tune"
        print("\n".join(results[name][2]))
    if args.only_scores:
        return
    runs = [throughput(tagger, written, args.articles) for _ in range(args.repeat)]
    for label, rates in (("CPU time", sorted(r[0] for r in runs)), ("wall time", sorted(r[1] for r in runs))):
        print(f"throughput ({label}): min {rates[0]:,.0f}, median {statistics.median(rates):,.0f}, "
              f"max {rates[-1]:,.0f} articles/s (3,000 characters each, one core, {args.repeat} runs)")
    # The last line is for bench/summary.py (make bench): the real set's held-out figures, the naive baseline's beside.
    ours, base, _ = results["held-out all"]
    print(json.dumps({"bench": "tagging", "articles_per_s": round(statistics.median(r[0] for r in runs)),
                      "subject_f1_tune": round(results["real tune"][0]["subject"].f1, 3),
                      "subject_f1_heldout": round(ours["subject"].f1, 3),
                      "baseline_subject_f1_heldout": round(base["subject"].f1, 3),
                      "any_zone_f1_heldout": round(ours["any zone"].f1, 3),
                      "people_p_heldout": round(ours["people"].p, 3), "people_r_heldout": round(ours["people"].r, 3)}))


if __name__ == "__main__":
    main()
