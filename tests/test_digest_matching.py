"""The digest run's index over its candidates selects exactly what `matches` selects, filter by filter."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from monitor.digest.matching import Candidate, CandidateIndex, Wanted, matches
from monitor.digest.subscribers import SubscriptionFilters
from monitor.items import ZoneTag

ZONES = ["baotouxitu", "baoji", "donghu", "zhongguancun", "suzhou"]
PROVINCES = ["内蒙古自治区", "陕西省", "湖北省", "北京市", "江苏省"]
CITIES = ["包头市", "宝鸡市", "武汉市", "北京市", "苏州市"]
TOPICS = ["talent", "biomedicine", "new-energy", "digital-economy-ai"]
PEOPLE = ["张伟", "李娜", "王强"]
WORDS = ["稀土", "芯片", "人才", "光伏", "孵化"]
TYPES = ["news", "policy", "commentary", None]
SOURCES = ["src-a", "src-b", "src-c"]


def _candidate(rng: random.Random, i: int) -> Candidate:
    zones = rng.sample(ZONES, rng.randint(0, 2))
    return Candidate(
        i, f"https://news.example.cn/{i}.html", f"标题{rng.choice(WORDS)}", "。".join(rng.sample(WORDS, rng.randint(0, 3))),
        rng.choice(SOURCES), None, datetime(2026, 12, 6, tzinfo=UTC), rng.choice([None, "张伟 李娜", "王强"]), None,
        rng.choice(TYPES), tuple(ZoneTag(z, z, rng.choice(["subject", "mentioned"]), 1.0) for z in zones),
        tuple(rng.sample(TOPICS, rng.randint(0, 2))), tuple(rng.sample(PEOPLE, rng.randint(0, 1))),
        frozenset(rng.sample(PROVINCES, rng.randint(0, 2))), frozenset(rng.sample(CITIES, rng.randint(0, 1))), ())


def _filters(rng: random.Random) -> SubscriptionFilters:
    def some(values: list) -> tuple:  # type: ignore[type-arg]
        return tuple(rng.sample(values, rng.randint(1, 2))) if rng.random() < 0.3 else ()

    # provinces and cities as subscribers type them: with or without 省/市
    return SubscriptionFilters(zones=some(ZONES), provinces=tuple(p.removesuffix("省") for p in some(PROVINCES)),
                               cities=some(CITIES), topics=some(TOPICS), people=some(PEOPLE), keywords=some(WORDS),
                               exclude=some(WORDS) if rng.random() < 0.3 else (), match=rng.choice(["any", "all"]),
                               types=some([t for t in TYPES if t]), sources=some(SOURCES))


def test_the_index_selects_exactly_what_matches_selects() -> None:
    rng = random.Random(23)
    candidates = [_candidate(rng, i) for i in range(400)]
    index = CandidateIndex(candidates)
    nonempty = 0
    for _ in range(600):
        wanted = Wanted.of(_filters(rng))
        expected = {i for i, c in enumerate(candidates) if matches(wanted, c)}
        assert index.select(wanted) == expected, wanted
        assert index.select(wanted) == expected  # the second time from the run's cache
        nonempty += bool(expected) and len(expected) < len(candidates)
    assert nonempty > 100  # the filters drawn select some candidates, not none or all


def test_no_filter_selects_every_candidate_and_an_empty_window_nothing() -> None:
    rng = random.Random(5)
    candidates = [_candidate(rng, i) for i in range(30)]
    assert CandidateIndex(candidates).select(Wanted.of(SubscriptionFilters())) == set(range(30))
    assert CandidateIndex([]).select(Wanted.of(SubscriptionFilters(zones=("baoji",)))) == set()
