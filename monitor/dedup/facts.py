"""What a story is about, for verifying a candidate pair: zones, people, organisations, quantities, dates, ordinals.

Two stories filled into one template (a zone's policy launch, a monthly economic report, a signing
ceremony, an award list) share most of their shingles; what tells them apart are the facts put into
the template's slots. ``story_facts(body)`` reads them (zones, people and organisations with the
tagger of the tag stage, numbers with a regular expression) and ``compare(a, b)`` says which agree.

A kind of fact conflicts when each text holds a fact of that kind the other lacks: an abridged copy
drops facts (one side's set inside the other's), it does not replace them. Quantities tolerate a
minority of differences (a corrected figure, an OCR'd digit) and people or organisations conflict
only when the two texts share none of them (an OCR'd name is one difference among agreeing ones).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from monitor.normalise import nfkc

if TYPE_CHECKING:
    from monitor.tag import ZoneTagger

__all__ = ["FactCheck", "Figures", "KindCheck", "StoryFacts", "compare", "fact_tagger", "fingerprint_of", "figures",
           "story_facts", "tagger_fingerprint"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMERALS = "零〇一二两三四五六七八九十百千"
_CN_NUMBER = f"[{_CN_NUMERALS}]+"
_NUMBER = rf"(\d+(?:\.\d+)?|{_CN_NUMBER})"
# counts and amounts: a number with its unit (the unit keeps 8条 apart from 8家 and 8亿元). The units in the order
# they are tried, the first that fits wins (亿元 before 亿, 个 before 个百分点): 亿元|万元|元|亿美元|万美元|美元|亿|万人|
# 万|条|项|个|家|户|人次|人|名|所|座|批|届|次|场|件|台|套|款|平方公里|平方米|亩|公里|吨|倍|%|个百分点|岗位|份|余家|余个|
# 余项|余人; written below grouped by their first character (the same choices, fewer alternatives to try).
_UNITS = ("亿(?:元|美元)?|万(?:元|美元|人)?|元|美元|条|项|个|家|户|人次?|名|所|座|批|届|次|场|件|台|套|款|平方(?:公里|米)|"
          "亩|公里|吨|倍|%|岗位|份|余(?:家|个|项|人)")
# Each pattern starts with what it looks for (a digit, a numeral, a literal), so the regex engine skips ahead to
# it instead of trying every position of the text; a number's left edge (not after 第, a digit or a point) is
# checked after its first digit: (?<![第\d.]\d) there is (?<![第\d.]) before it.
_QUANTITY = re.compile(rf"(\d(?<![第\d.]\d)\d*(?:\.\d+)?)\s*(?:余|多)?({_UNITS})")
# Chinese numerals only before the count units templates write them with (共十四条, 十二项)
_QUANTITY_CN = re.compile(rf"([{_CN_NUMERALS}](?<![第{_CN_NUMERALS}].)[{_CN_NUMERALS}]*)(条|项|届|批)")
_ORDINAL = re.compile(rf"第{_NUMBER}\s*(个|批|届|次|名|位|家|季度|期|轮|号|站|场)")  # with its unit: 第1个, 第十一届
# Dates: [YYYY年]M月D日 and YYYY年M月, each number standing alone (no digit before it). Found from their 月 and
# 年 (a literal: a fast scan), the numbers before it read by ``_digits_before``.
_DAY_AFTER = re.compile(r"月(\d{1,2})日")
_MONTH_AFTER = re.compile(r"年(\d{1,2})月")
# Quantities conflict when fewer than this share of them agree (counting the smaller differing side): an OCR'd
# or corrected figure among agreeing ones is an edit, another issue of a report changes most of them.
_MIN_QUANTITY_AGREEMENT = 0.6


def _cn_to_int(text: str) -> int | None:
    """一 .. 九千九百九十九 (the numerals templates print: 十四条, 第二十届, 三百家)."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _number(text: str) -> str | None:
    if len(text) <= 15 and text.isascii() and text.isdigit():  # a plain integer (most figures): as float() would print it
        return text.lstrip("0") or "0"
    if text[0].isdigit():
        value = float(text)
        return str(int(value)) if value.is_integer() else f"{value:g}"
    found = _cn_to_int(text)
    return None if found is None else str(found)


@dataclass(frozen=True, slots=True)
class StoryFacts:
    zones: frozenset[str]  # every zone the text names (zone ids)
    subjects: frozenset[str]  # the zones it is about
    people: frozenset[str]
    orgs: frozenset[str]
    quantities: frozenset[str]  # "14条", "3000元", "1.5亿元"
    dates: frozenset[str]  # "5-25", "2023-5-25", "2023-5" (a month of a report)
    ordinals: frozenset[str]  # "第7个"


@dataclass(frozen=True, slots=True)
class KindCheck:
    kind: str
    agreed: tuple[str, ...]
    only_mine: tuple[str, ...]
    only_theirs: tuple[str, ...]
    conflict: bool

    def as_json(self) -> list[object]:
        return [self.kind, list(self.agreed), list(self.only_mine), list(self.only_theirs), self.conflict]


@dataclass(frozen=True, slots=True)
class FactCheck:
    kinds: tuple[KindCheck, ...]

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(k.kind for k in self.kinds if k.conflict)

    @property
    def zone_conflict(self) -> bool:
        return any(k.conflict for k in self.kinds if k.kind == "zones")


@dataclass(frozen=True, slots=True)
class Figures:
    """The facts a regular expression reads: quantities, dates, ordinals."""

    quantities: frozenset[str]
    dates: frozenset[str]
    ordinals: frozenset[str]


def figures(body: str) -> Figures:
    # NFKC (full-width digits and marks to ASCII), spaces and lines kept: "2025-06-13 6月12日" stays two dates
    key = nfkc(body)
    quantities = set()
    for number, unit in [*_QUANTITY.findall(key), *_QUANTITY_CN.findall(key)]:
        # a plain integer (most figures) inline, as ``_number`` reads it: a call per figure costs as much
        value = (number.lstrip("0") or "0") if len(number) <= 15 and number.isascii() and number.isdigit() else _number(number)
        if value is not None:
            quantities.add(value + unit.removeprefix("余"))
    ordinals = set()
    if "第" in key:
        for number, unit in _ORDINAL.findall(key):
            value = _number(number)
            if value is not None:
                ordinals.add(f"第{value}{unit}")
    dates: set[str] = set()
    if "月" in key:
        for found in _DAY_AFTER.finditer(key):
            month = _digits_before(key, found.start(), 1, 2)
            if month:
                at = found.start() - len(month) - 1  # a year's 年 before the month
                year = _digits_before(key, at, 4, 4) if at > 0 and key[at] == "年" else ""
                day = f"{int(month)}-{int(found.group(1))}"
                dates.add(f"{year}-{day}" if year else day)
        for found in _MONTH_AFTER.finditer(key):
            year = _digits_before(key, found.start(), 4, 4)
            if year:
                dates.add(f"{year}-{int(found.group(1))}")
    # a date printed with its year also agrees with the same day printed without one
    dates |= {d.split("-", 1)[1] for d in dates if d.count("-") == 2}
    return Figures(frozenset(quantities), frozenset(dates), frozenset(ordinals))


def _digits_before(text: str, end: int, shortest: int, longest: int) -> str:
    """The number that ends at ``text[end]`` when it has ``shortest`` to ``longest`` digits (all of it: no digit
    before it), else "". Digits as ``\\d`` matches them (``str.isdecimal``)."""
    start = end
    while start > 0 and end - start <= longest and text[start - 1].isdecimal():
        start -= 1
    return text[start:end] if shortest <= end - start <= longest else ""


def fact_tagger() -> ZoneTagger:
    """The tag stage's tagger (its gazetteer and people finder), built once per process: a deduplicator asks
    for it when made, so building it (about 0.1 s) is not part of the first article's check."""
    from monitor.tag import shared_tagger  # imported here: the tag package is heavy, and only facts need it

    return shared_tagger()


# The packaged files the fact tagger reads (the gazetteer, its places and ambiguous names, the match-key characters)
_TAGGER_DATA = ("national-hitech-zones.csv", "ambiguous-aliases.csv", "places.csv", "match-key-chars.txt")


def fingerprint_of(parts: Iterable[bytes]) -> int:
    """A 64-bit fingerprint of byte strings, in order (each with its length: two files' bytes cannot run together)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return int.from_bytes(digest.digest(), "little")


# Bumped by hand whenever the tagger's story facts of a text change (a rule, a model refit, the gazetteer's code):
# tests/test_dedup_stored_facts.py's golden test fails on such a change until this number and its digest move together.
# A number, not a hash of the code: an edit of a comment or of the topics' code must not make every stored fact stale.
STORY_FACTS_VERSION = 7


@lru_cache(maxsize=1)
def tagger_fingerprint() -> int:
    """Which gazetteer and tagger made a text's story facts: the packaged files the tagger reads (line ends made
    the same, so a checkout with CRLF line ends gives the fingerprint of one with LF), the Unicode tables that
    normalise the text (NFKC moves with the Python release), and ``STORY_FACTS_VERSION`` for the code. Story facts
    stored with an article (``monitor.dedup.stored_facts``) carry it; facts of another fingerprint read as absent and
    are derived again, so a changed gazetteer (a zone renamed, an alias added) never judges with the old facts."""
    import unicodedata

    data = resources.files("monitor.data")
    parts = [data.joinpath(name).read_bytes().replace(b"\r\n", b"\n") for name in _TAGGER_DATA]
    return fingerprint_of([*parts, unicodedata.unidata_version.encode(), str(STORY_FACTS_VERSION).encode()])


def story_facts(body: str) -> StoryFacts:
    tags = fact_tagger().tag("", body)
    found = figures(body)
    orgs = {p.org.name for p in tags.people if p.org is not None and p.org.name}
    return StoryFacts(
        zones=frozenset(z.zone_id for z in tags.zones),
        subjects=frozenset(z.zone_id for z in tags.zones if z.role == "subject"),
        people=frozenset(p.name for p in tags.people),
        orgs=frozenset(orgs),
        quantities=found.quantities,
        dates=found.dates,
        ordinals=found.ordinals,
    )


def _kind(kind: str, mine: frozenset[str], theirs: frozenset[str], conflict: bool) -> KindCheck:
    return KindCheck(kind, tuple(sorted(mine & theirs)), tuple(sorted(mine - theirs)), tuple(sorted(theirs - mine)),
                     conflict)


def _alike(a: str, b: str) -> bool:
    """The same organisation's name with one character misread (OCR): equal length, one position differs."""
    return a == b or (len(a) == len(b) >= 4 and sum(x != y for x, y in zip(a, b, strict=True)) <= 1)


def _any_alike(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    return any(_alike(a, b) for a in mine for b in theirs)


def compare(mine: StoryFacts, theirs: StoryFacts) -> FactCheck:
    """Which facts agree; a kind conflicts when each side holds one the other lacks (see the module doc)."""
    # zones: a subject of one text that the other does not name at all, both ways
    zone_conflict = bool(mine.subjects - theirs.zones) and bool(theirs.subjects - mine.zones)
    kinds = [_kind("zones", mine.zones, theirs.zones, zone_conflict)]
    a, b = mine.people, theirs.people
    kinds.append(_kind("people", a, b, bool(a - b) and bool(b - a) and not (a & b)))
    a, b = mine.orgs, theirs.orgs
    kinds.append(_kind("orgs", a, b, bool(a - b) and bool(b - a) and not _any_alike(a, b)))
    a, b = mine.quantities, theirs.quantities
    differing = min(len(a - b), len(b - a))
    shared = len(a & b)
    kinds.append(_kind("quantities", a, b, differing > 0 and shared / (shared + differing) < _MIN_QUANTITY_AGREEMENT))
    for kind, a, b in (("dates", mine.dates, theirs.dates), ("ordinals", mine.ordinals, theirs.ordinals)):
        kinds.append(_kind(kind, a, b, bool(a - b) and bool(b - a)))
    return FactCheck(tuple(kinds))
