"""The figures of a story (dedup/facts.py) read by its fast scan are those the plain patterns read.

``figures`` finds dates from their 月 and 年 and starts each pattern with what it looks for, so the regex
engine skips ahead (several times faster on a long text); the plain patterns below are the definition it
must keep: every date, quantity and ordinal they find, and no other. Checked on the real texts of the dedup
sets and on generated strings made of the characters the patterns turn on.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from monitor.dedup.facts import _number, figures
from monitor.normalise import match_key, nfkc

DATA = Path(__file__).parent / "data" / "dedup"

_CN = "[零〇一二两三四五六七八九十百千]+"
_UNITS = ("亿元|万元|元|亿美元|万美元|美元|亿|万人|万|条|项|个|家|户|人次|人|名|所|座|批|届|次|场|件|台|套|款|平方公里|平方米|"
          "亩|公里|吨|倍|%|个百分点|岗位|份|余家|余个|余项|余人")
_PLAIN = {
    "quantity": re.compile(rf"(?<![第\d.])(\d+(?:\.\d+)?)\s*(?:余|多)?({_UNITS})"),
    "quantity_cn": re.compile(rf"(?<![第零〇一二两三四五六七八九十百千])({_CN})(条|项|届|批)"),
    "ordinal": re.compile(rf"第(\d+(?:\.\d+)?|{_CN})\s*(个|批|届|次|名|位|家|季度|期|轮|号|站|场)"),
    "date": re.compile(r"(?:(?<!\d)(\d{4})年)?(?<!\d)(\d{1,2})月(\d{1,2})日"),
    "year_month": re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月"),
}


def _plain(body: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The figures as the plain patterns read them, on the NFKC text."""
    key = unicodedata.normalize("NFKC", body)
    quantities = {value + unit.removeprefix("余")
                  for number, unit in [*_PLAIN["quantity"].findall(key), *_PLAIN["quantity_cn"].findall(key)]
                  if (value := _number(number)) is not None}
    ordinals = {f"第{value}{unit}" for number, unit in _PLAIN["ordinal"].findall(key)
                if (value := _number(number)) is not None}
    dates = {f"{y}-{int(m)}-{int(d)}" if y else f"{int(m)}-{int(d)}" for y, m, d in _PLAIN["date"].findall(key)}
    dates |= {f"{y}-{int(m)}" for y, m in _PLAIN["year_month"].findall(key)}
    dates |= {d.split("-", 1)[1] for d in dates if d.count("-") == 2}
    return frozenset(quantities), frozenset(dates), frozenset(ordinals)


def _read(body: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    found = figures(body)
    return found.quantities, found.dates, found.ordinals


@pytest.mark.parametrize(("body", "dates"), [
    ("2024年5月3日签约，5月3日开工", {"2024-5-3", "5-3", "2024-5"}),
    ("12024年5月3日", {"5-3"}),  # five digits are no year
    ("2024年123月3日", set()),  # nor three a month
    ("2024年12月31日", {"2024-12-31", "12-31", "2024-12"}),
    ("５月２０日，２０２３年６月", {"5-20", "2023-6"}),  # full-width digits
    ("于5月5月3日", {"5-3"}),
    ("第2024年5月3日", {"2024-5-3", "5-3", "2024-5"}),
    ("2024年5月", {"2024-5"}),
    ("3月至5月", set()),
])
def test_dates_from_their_month(body: str, dates: set[str]) -> None:
    assert _read(body)[1] == frozenset(dates) == _plain(body)[1]


@pytest.mark.parametrize(("body", "quantities", "ordinals"), [
    ("共14条，投资1.5亿元，吸引3000余家企业", {"14条", "1.5亿元", "3000家"}, set()),
    ("第7个项目，第十一届，第 8条", {"8条"}, {"第7个", "第11届"}),
    ("增长2.50个百分点，引进十四项", {"2.5个", "14项"}, set()),
    ("合计12.3.4万元", set(), set()),  # no number of its own after a point or a digit
    ("１２０万美元、0080人", {"120万美元", "80人"}, set()),
])
def test_quantities_and_ordinals(body: str, quantities: set[str], ordinals: set[str]) -> None:
    found = _read(body)
    assert (found[0], found[2]) == (frozenset(quantities), frozenset(ordinals))
    assert found == _plain(body)


def test_the_dedup_sets_read_the_same_figures() -> None:
    bodies = [json.loads(line)["body"] for name in ("labelled.jsonl", "templated.jsonl", "events.jsonl")
              for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(bodies) > 500
    assert sum(1 for body in bodies if _read(body)[1]) > 50  # the sets do hold dates
    assert [_read(body) for body in bodies] == [_plain(body) for body in bodies]


def test_generated_strings_read_the_same_figures() -> None:
    alphabet = list("0123456789０１２３٣.．年月日第 \n余多亿元万美人次个百分点平方公里米条项届批零〇一二两三四五六七八九十百千%％家期号，。")
    rng = random.Random(19)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(30000)]
    assert [_read(t) for t in texts] == [_plain(t) for t in texts]


@pytest.mark.parametrize("text", [
    "高新区，２０２４年（第一季度）…增长５％", "＜\u0338，", "a\u00a0b\u3000c", "Ａ\u0301", "", "東湖 高新區",
    "，\u0301", "…\u0323", "１\u20e3",
])
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    assert match_key(text) == "".join(unicodedata.normalize("NFKC", text).casefold().split())
