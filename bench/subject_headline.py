"""Experiment (issue 17, round 14): may the subject model judge the headline branch too?

On texts whose headline names a zone the rules make that zone the subject (`ZoneTagger._zone_tags`, branch
``headline``); the model (monitor/tag/subject.py) vetoes only in the body branch. This script adds features of a
headline-derived zone — where the headline names it: opening the headline (its subject), as an item of a list, inside
a place's or a company's name (光谷广场, 东湖高新集团, 中关村大街), after a comparison or a destination word (对标, 赴,
来自); whether the headline names the zone itself or only its city; whether the body names it at all — and scores the
model as a veto on the body and headline branches together, leaving one batch out (`subject_fit.assignments(..,
True)`), against the runtime's configuration (veto on the body branch) scored the same way. Tune halves only.

    .venv/bin/python bench/subject_headline.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import subject_fit as fitting  # noqa: E402
import tagging as bench  # noqa: E402

from monitor.normalise import match_key, strip_ruby, to_simplified  # noqa: E402
from monitor.tag import subject  # noqa: E402
from monitor.tag.gazetteer import load_gazetteer  # noqa: E402

HEADLINE_FEATURES = ("h_opens", "h_list", "h_name", "h_side", "h_city_only", "h_no_body")
_NAME_AFTER = re.compile(r"^.{0,3}(?:集团|公司|股份|广场|大街|街道|步行街|路|大道|学校|小学|中学|大厦|银行|控股|产业园|科技园|股票|\()")
_SIDE_BEFORE = re.compile(r"(?:对标|学习|赴|到|走进|来自|比肩|媲美|借鉴|向|考察|参观)$")


def _title_key(title: str) -> str:
    return match_key(to_simplified(strip_ruby(title)))


def headline_row(title_k: str, zone, body_count: int) -> tuple[float, ...]:
    """The headline features of one zone (see the module's docstring)."""
    names = sorted({match_key(n) for n in (zone.full_name, zone.short_name, *zone.aliases) if n}, key=len, reverse=True)
    at, name = -1, ""
    for n in names:
        at = title_k.find(n)
        if at >= 0:
            name = n
            break
    if at < 0:
        return (0.0, 0.0, 0.0, 0.0, 1.0, float(body_count == 0))
    before, after = title_k[max(0, at - 4):at], title_k[at + len(name):]
    opens = at == 0 or before[-1:] in (":", "|", " ", "!", "?", ",")
    listed = before[-1:] in ("、", "和", "与", "及") or after[:1] in ("、",)
    return (float(opens), float(listed), float(_NAME_AFTER.match(after) is not None),
            float(_SIDE_BEFORE.search(before) is not None), 0.0, float(body_count == 0))


def load() -> list[fitting.Text]:
    texts = fitting.load_texts()
    gazetteer = load_gazetteer()
    cases = {c["id"]: c for c in bench.real_sets()["tune"]}
    count = subject.FEATURES.index("log_body")
    for text in texts:
        title_k = _title_key(cases[text.case_id].get("title") or "")
        extra = [headline_row(title_k, gazetteer.get(z), round(float(np.expm1(row[count]))))
                 if text.branch == "headline" else (0.0,) * len(HEADLINE_FEATURES)
                 for z, row in zip(text.zones, text.rows, strict=True)]
        text.rows = np.hstack([text.rows, np.array(extra, dtype=float).reshape(len(text.zones), len(HEADLINE_FEATURES))])
    return texts


def main() -> None:
    texts = load()
    base_groups = dict(fitting.GROUPS)
    n = len(subject.FEATURES)
    all_groups = tuple(base_groups)
    print("headline-branch tune texts with zones:", sum(1 for t in texts if t.branch == "headline" and t.zones))
    rules = fitting.score(texts, {})
    print(f"rules: {rules[0]:.3f} / {rules[1]:.3f} / {rules[2]:.3f} (tp {rules[3]}, fp {rules[4]}, fn {rules[5]})")
    # the runtime's configuration (the one bench/subject_fit.py chooses), scored leaving one batch out on the same rows
    chosen = fitting.choose(texts, verbose=False)
    r = fitting.cross_validate(texts, chosen["scope"], chosen["penalty"], chosen["kept"], chosen["mode"],
                               by_batch=True)[chosen["threshold"]]
    print(f"runtime config (veto, body, penalty {chosen['penalty']}, th {chosen['threshold']}) LOBO: "
          f"{r[0]:.3f} / {r[1]:.3f} / {r[2]:.3f} (tp {r[3]}, fp {r[4]}, fn {r[5]})")
    # with the headline features: columns appended after the model's
    original = fitting.columns
    def columns(kept):  # noqa: ANN001, ANN202 — the headline group is columns n.. of the extended rows
        cols = original(tuple(g for g in kept if g != "headline_new"))
        return cols + (list(range(n, n + len(HEADLINE_FEATURES))) if "headline_new" in kept else [])
    fitting.columns = columns
    results = []
    for scope in (frozenset(("body", "headline")), frozenset(("body", "default", "headline"))):
        for extra in ((), ("headline_new",)):
            for penalty in fitting.PENALTIES:
                got = fitting.cross_validate(texts, scope, penalty, all_groups + extra, "veto", by_batch=True)
                for th, res in got.items():
                    results.append((res[2], res, sorted(scope), bool(extra), penalty, th))
    results.sort(key=lambda x: -x[0])
    for _f1, res, scope, extra, penalty, th in results[:15]:
        print(f"veto {'+'.join(scope):<22} headline features {extra!s:<5} penalty {penalty:>5} th {th}: LOBO "
              f"{res[0]:.3f} / {res[1]:.3f} / {res[2]:.3f} (tp {res[3]}, fp {res[4]}, fn {res[5]})")
    # a model of its own for the headline branch (fitted on headline texts alone), beside the runtime's body model
    fold_of = fitting.assignments(texts, True)[0]
    body_probs = fitting.out_of_fold(texts, chosen["scope"], chosen["penalty"], chosen["kept"], fold_of)
    separate = []
    for kept in (("counts", "headline_new"), ("counts", "position", "headline_new"),
                 ("counts", "position", "asides", "headline_new"), all_groups + ("headline_new",)):
        for penalty in fitting.PENALTIES:
            head = fitting.out_of_fold(texts, frozenset(("headline",)), penalty, kept, fold_of)
            for th in fitting.THRESHOLDS:
                decided = {i: fitting.combine(p >= chosen["threshold"], texts[i].rule, "veto") for i, p in body_probs.items()}
                decided.update({i: fitting.combine(p >= th, texts[i].rule, "veto") for i, p in head.items()})
                separate.append((fitting.score(texts, decided), kept, penalty, th))
    separate.sort(key=lambda x: -x[0][2])
    for res, kept, penalty, th in separate[:6]:
        print(f"body model + a headline model of its own ({'+'.join(kept)}), penalty {penalty} th {th}: LOBO "
              f"{res[0]:.3f} / {res[1]:.3f} / {res[2]:.3f} (tp {res[3]}, fp {res[4]}, fn {res[5]})")
    configs = [(kept, penalty) for kept in (("counts", "headline_new"), ("counts", "position", "headline_new"),
                                            ("counts", "position", "asides", "headline_new"),
                                            all_groups + ("headline_new",)) for penalty in fitting.PENALTIES]
    res = nested(texts, chosen, fold_of, body_probs, configs)
    print(f"body model + a headline model of its own, its settings chosen inside each left-out batch: LOBO "
          f"{res[0]:.3f} / {res[1]:.3f} / {res[2]:.3f} (tp {res[3]}, fp {res[4]}, fn {res[5]})")
    best = {}
    for _f1, res, scope, extra, penalty, th in results:
        best.setdefault((tuple(scope), extra), (res[2], res, penalty, th))
    for key, (_f1, res, penalty, th) in best.items():
        print("best of", key, f"penalty {penalty} th {th}: {res[0]:.3f} / {res[1]:.3f} / {res[2]:.3f} "
              f"(tp {res[3]}, fp {res[4]}, fn {res[5]})")


def nested(texts: list[fitting.Text], chosen: dict, fold_of: list[object], body_probs: dict[int, np.ndarray],
           configs: list[tuple[tuple[str, ...], float]]) -> tuple[float, ...]:
    """The headline model's settings chosen inside each left-out batch (on the other batches, left out in turn), then
    scored on that batch: the out-of-fold figure of the whole procedure, not of settings picked after seeing it."""
    base = {i: fitting.combine(p >= chosen["threshold"], texts[i].rule, "veto") for i, p in body_probs.items()}
    heads = [i for i, t in enumerate(texts) if t.branch == "headline" and t.zones]
    batches = list(dict.fromkeys(fold_of))

    def predict(train: list[int], test: list[int], kept: tuple[str, ...], penalty: float) -> dict[int, np.ndarray]:
        cols = fitting.columns(kept)
        x = np.vstack([texts[i].rows for i in train])[:, cols]
        y = np.array([z in texts[i].subjects for i in train for z in texts[i].zones], dtype=float)
        weights, bias = fitting.fit(x, y, penalty)
        return {i: 1.0 / (1.0 + np.exp(-(texts[i].rows[:, cols] @ weights + bias))) for i in test}

    final = dict(base)
    for left in batches:
        best: tuple | None = None
        outside = {i: d for i, d in base.items() if fold_of[i] != left}
        for kept, penalty in configs:
            probs: dict[int, np.ndarray] = {}
            for inner in batches:
                test = [i for i in heads if fold_of[i] == inner]
                if inner != left and test:
                    probs.update(predict([i for i in heads if fold_of[i] not in (left, inner)], test, kept, penalty))
            for th in fitting.THRESHOLDS:
                decided = {**outside, **{i: fitting.combine(p >= th, texts[i].rule, "veto") for i, p in probs.items()}}
                res = fitting.score([t for i, t in enumerate(texts) if fold_of[i] != left],
                                    {j: decided[i] for j, i in enumerate(i for i in range(len(texts)) if fold_of[i] != left)
                                     if i in decided})
                key = (res[2], penalty, -abs(th - 0.5))  # ties: the larger penalty, the threshold nearest 0.5
                if best is None or key > best[0]:
                    best = (key, kept, penalty, th)
        assert best is not None
        _, kept, penalty, th = best
        test = [i for i in heads if fold_of[i] == left]
        if test:
            got = predict([i for i in heads if fold_of[i] != left], test, kept, penalty)
            final.update({i: fitting.combine(p >= th, texts[i].rule, "veto") for i, p in got.items()})
    return fitting.score(texts, final)


if __name__ == "__main__":
    main()
