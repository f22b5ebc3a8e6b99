"""A feed-shaped stream of news-like Chinese articles built from real text, for the ingest-at-scale bench.

Every item is a pure function of (seed, index), so a corpus of any size is generated in
parallel chunks and a stream continues it without keeping the corpus in memory. Three kinds,
at the rates of the crawled feeds (REPOST_RATE, TEMPLATE_RATE):

- ``story``: a new report on one zone: a dated lead, then 5-9 paragraphs of real sentences
  (the labelled dedup set, the event and template sets, the tagging and roundup texts)
  recombined, their numbers redrawn, zone names replaced by the story's zone, and a few
  characters of each sentence redrawn from real text's characters. Without that last step
  a sentence reused across a million stories would be a stock phrase of every one of them,
  where a real sentence belongs to its story. About a third carry one of ``STOCK`` real
  sentences verbatim (policy quotes, slogans), as real reports do.
- ``repost``: another site's copy of an earlier story or templated item: its page furniture
  around the body (source line, editor line, print/close links), and one of the edits
  copies get (verbatim, abridged by its last paragraphs, a few characters retyped, a new
  title). Half copy one of the last ``RECENT`` items, half any earlier one (a story
  resurfacing: its rows are cold).
- ``templated``: a real recurring report (tests/data/dedup/templated.jsonl stories: policy
  releases, contests, statistics) filled in for another zone with other numbers and dates:
  much of its text is the template's, its facts differ, so the dedup stage must not merge it.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REPOST_RATE = 0.25
TEMPLATE_RATE = 0.15
STOCK = 300
STOCK_SHARE = 0.3
RECENT = 2000
START = datetime(2023, 1, 1, tzinfo=UTC)
PER_DAY = 1000  # items published per day: a 1M corpus spans about three years

ZONE_MARK = "\ue000"  # a private-use character: no real text has it
Kind = Literal["story", "repost", "templated"]
_SENTENCE = re.compile(r"[^。！？]*[。！？]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_OUTLETS = ("科技日报", "经济日报", "中国高新网", "人民网", "新华网", "中国日报网", "光明网", "中国新闻网", "澎湃新闻", "第一财经")
_EDITORS = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "晓明丽华建国芳军伟静敏强磊洋艳勇杰娟涛超"


@dataclass(frozen=True, slots=True)
class NewsItem:
    index: int
    kind: Kind
    title: str
    body: str
    zone_id: str  # the zone the item reports on (a repost: its original's)
    published: datetime
    of: int | None  # a repost: the index of the item it copies


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    name: str  # the short name used in reports, e.g. 潍坊高新区


class Materials:
    """The real text the items are made of, loaded once per process."""

    @cached_property
    def zones(self) -> tuple[Zone, ...]:
        with (ROOT / "monitor" / "data" / "national-hitech-zones.csv").open(encoding="utf-8") as fh:
            return tuple(Zone(r["id"], r["short_name"] or r["full_name"]) for r in csv.DictReader(fh))

    @cached_property
    def zone_names(self) -> re.Pattern[str]:
        names = sorted({z.name for z in self.zones if len(z.name) >= 3}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names)))

    @cached_property
    def texts(self) -> tuple[str, ...]:
        found: list[str] = []
        for name in ("labelled.jsonl", "events.jsonl"):
            for line in (DATA / "dedup" / name).read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if row.get("kind") in (None, "original", "story") and not row.get("of"):
                    found.append(row["body"])
        for path in sorted((DATA / "tagging_real").glob("*.yaml")):
            found += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
        found += [p.read_text(encoding="utf-8") for p in sorted((DATA / "roundups").glob("r*.txt"))]
        return tuple(found)

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """Distinct real sentences of 15-150 characters, mostly Chinese."""
        seen: dict[str, None] = {}
        for text in self.texts:
            for s in _SENTENCE.findall(text.replace("\n", "")):
                s = s.strip()
                if 15 <= len(s) <= 150 and len(_CJK.findall(s)) >= 0.6 * len(s):
                    seen.setdefault(s)
        return tuple(seen)

    @cached_property
    def stock(self) -> tuple[str, ...]:
        """Sentences printed verbatim in many stories; set apart from the recombined ones."""
        return self.sentences[::max(1, len(self.sentences) // STOCK)][:STOCK]

    @cached_property
    def pool(self) -> tuple[str, ...]:
        stock = set(self.stock)
        return tuple(s for s in self.sentences if s not in stock)

    @cached_property
    def pool_marked(self) -> tuple[str, ...]:
        """The pool with each zone name replaced by ZONE_MARK (one regex pass per sentence, once per process)."""
        return tuple(self.zone_names.sub(ZONE_MARK, s) for s in self.pool)

    @cached_property
    def characters(self) -> str:
        """Real text's CJK characters, as often as they occur: what a redrawn character is drawn from."""
        return "".join(_CJK.findall("".join(self.pool)))

    @cached_property
    def templates(self) -> tuple[tuple[str, str], ...]:
        rows = [json.loads(line) for line in (DATA / "dedup" / "templated.jsonl").read_text(encoding="utf-8").splitlines()]
        return tuple((r["title"], r["body"]) for r in rows if r["kind"] == "story")


MATERIALS = Materials()


class NewsFeed:
    """Items by index: ``feed.item(i)``. Same seed, same items, in any process."""

    def __init__(self, seed: int = 1, materials: Materials = MATERIALS, repost_rate: float = REPOST_RATE,
                 template_rate: float = TEMPLATE_RATE) -> None:
        self.seed, self.m = seed, materials
        self.repost_rate, self.template_rate = repost_rate, template_rate

    def _rng(self, index: int, salt: int) -> random.Random:
        return random.Random((self.seed * 1_000_003 + index) * 7 + salt)

    def kind(self, index: int) -> Kind:
        if index == 0:
            return "story"
        draw = self._rng(index, 1).random()
        return "repost" if draw < self.repost_rate else "templated" if draw < self.repost_rate + self.template_rate else "story"

    def original_of(self, index: int) -> int:
        """The earlier non-repost item a repost copies: one of the last RECENT half the time, else any."""
        rng = self._rng(index, 2)
        while True:
            j = index - rng.randint(1, min(RECENT, index)) if rng.random() < 0.5 else rng.randrange(index)
            if self.kind(j) != "repost":
                return j

    def item(self, index: int) -> NewsItem:
        kind = self.kind(index)
        rng = self._rng(index, 3)
        published = START + timedelta(seconds=index * 86400 // PER_DAY)
        if kind == "repost":
            j = self.original_of(index)
            original = self.item(j)
            title, body = self._repost(rng, original)
            return NewsItem(index, kind, title, body, original.zone_id, published + timedelta(minutes=rng.randint(0, 600)), j)
        zone = rng.choice(self.m.zones)
        title, body = (self._templated if kind == "templated" else self._story)(rng, zone, published)
        return NewsItem(index, kind, title, body, zone.id, published, None)

    # the three kinds ---------------------------------------------------------------------
    def _sentence(self, rng: random.Random, zone: Zone) -> str:
        s = rng.choice(self.m.pool_marked).replace(ZONE_MARK, zone.name)
        s = _NUMBER.sub(lambda found: _redraw(rng, found.group()), s)
        chars = list(s)
        positions = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
        for i in rng.sample(positions, min(len(positions), max(2, len(chars) // 25))):
            chars[i] = rng.choice(self.m.characters)
        return "".join(chars)

    def _story(self, rng: random.Random, zone: Zone, published: datetime) -> tuple[str, str]:
        paragraphs = []
        for _ in range(rng.randint(5, 9)):
            paragraphs.append("".join(self._sentence(rng, zone) for _ in range(rng.randint(2, 5))))
        paragraphs[0] = f"{published.month}月{published.day}日，{zone.name}" + paragraphs[0]
        if rng.random() < STOCK_SHARE:
            paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(self.m.stock))
        title = zone.name + self._sentence(rng, zone)[:rng.randint(10, 22)].rstrip("，。、")
        return title, "\n\n".join(paragraphs)

    def _templated(self, rng: random.Random, zone: Zone, published: datetime) -> tuple[str, str]:
        title, body = rng.choice(self.m.templates)

        def fill(text: str) -> str:
            text = self.m.zone_names.sub(zone.name, text)
            return _NUMBER.sub(lambda found: _redraw(rng, found.group()), text)

        return fill(title), fill(body)

    def _repost(self, rng: random.Random, original: NewsItem) -> tuple[str, str]:
        paragraphs = original.body.split("\n\n")
        edit = rng.random()
        if edit < 0.3 and len(paragraphs) > 3:  # abridged
            paragraphs = paragraphs[:len(paragraphs) - rng.randint(1, 2)]
        elif edit < 0.6:  # retyped: a character in 80 changed
            text = list("\n\n".join(paragraphs))
            for _ in range(len(text) // 80):
                text[rng.randrange(len(text))] = rng.choice(self.m.characters)
            paragraphs = "".join(text).split("\n\n")
        title = original.title if rng.random() < 0.6 else f"【{rng.choice(_OUTLETS)}】{original.title}"
        editor = rng.choice(_EDITORS) + rng.choice(_GIVEN)
        head = f"来源：{rng.choice(_OUTLETS)}　发布时间：{original.published:%Y-%m-%d}　浏览次数：{rng.randint(10, 9999)}"
        tail = [f"责任编辑：{editor}", "【打印】【关闭】"]
        return title, "\n\n".join([head, *paragraphs, *tail])


def _redraw(rng: random.Random, number: str) -> str:
    """Another number of as many digits (a month stays a plausible month, an amount an amount)."""
    whole, _, part = number.partition(".")
    low = 10 ** (len(whole) - 1) if len(whole) > 1 else 1
    drawn = str(rng.randint(low, 10 ** len(whole) - 1))
    return f"{drawn}.{rng.randint(0, 10 ** len(part) - 1):0{len(part)}d}" if part else drawn
