"""Publish dates as Chinese pages print them. Pure functions; no I/O.

Patterns, in the order :func:`parse_date` tries them at each position of a text:
1. ISO 8601 with an offset (``2022-11-14T09:30:00+08:00``, ``...Z``): converted, not guessed;
2. ``2022年11月14日 09:30``, ``2022-11-14 09:30:05``, ``2022/11/14``, ``2022.11.14``,
   a month alone ``2022年11月``;
3. newspaper numerals ``二〇二二年十一月十四日``;
4. English forms as old portals and blogs print them: ``9/17/2004 5:54:13 AM`` (month first),
   ``September 10th, 2005 10:56 am``, ``Sep 10, 2005``.
A time without an offset is in the source's zone (Asia/Shanghai by default), never UTC.
:func:`date_from_url` reads ``/2022-11/14/``, ``/20221114/``, ``t20221114_`` and ``/2022/11/14/``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from monitor.items import Precision, PublishDate
from monitor.timefmt import SHANGHAI

__all__ = ["parse_date", "date_from_url", "chinese_numeral_date", "DATE_LABEL"]

_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})")
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})(?:\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?)?"
    r"(?:[\sT]*(?:(?:上午|下午|晚上)\s*)?(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
_NUMERALS = "〇一二三四五六七八九"
_CN_DATE = re.compile(r"([〇○零O０一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_/]?(0[1-9]|1[0-2])[-_/]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_HAS_LATIN = re.compile(r"[A-Za-z]{3}")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_CLOCK = r"(?:[\s,]+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
_US_DATE = re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])" + _CLOCK)
_EN_DATE = re.compile(r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?"
                      r"\s+(?P<y>(?:19|20)\d{2})\b" + _CLOCK, re.I)
# Labels that introduce a publish date on a page (a bare date elsewhere may be a copyright year).
DATE_LABEL = re.compile(r"(发布|发表|更新|出版|刊发|上传|录入|添加|日期|时间|发表于|发布于|Posted|posted)")


def _cn_number(text: str) -> int:
    """一..九十九 as newspapers print month and day numbers: 十一 = 11, 二十四 = 24, 三十 = 30."""
    if "十" not in text:
        return _NUMERALS.index(text)
    tens, _, units = text.partition("十")
    return (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(units) if units else 0)


def chinese_numeral_date(text: str, tz: ZoneInfo = SHANGHAI) -> PublishDate | None:
    """'二〇二二年十一月十四日' -> 2022-11-14 (day precision)."""
    match = _CN_DATE.search(text)
    if not match:
        return None
    try:
        year = int("".join(str(_NUMERALS.index(c)) if c in _NUMERALS else "0" for c in match[1]))
        month = _cn_number(match[2])
        day = _cn_number(match[3]) if match[3] else None
        return PublishDate(datetime(year, month, day or 1, tzinfo=tz), "day" if day else "month")
    except (ValueError, IndexError):
        return None


def _plausible(value: datetime) -> bool:
    return 1990 <= value.year <= datetime.now(value.tzinfo).year + 1


def _from_match(match: re.Match[str], tz: ZoneInfo) -> PublishDate | None:
    year, month = int(match["y"]), int(match["m"])
    day = int(match["d"]) if match["d"] else None
    if day is None and match["sep"] != "年":
        return None  # '2022-11' alone is too often a version or a range
    precision: Precision = "month" if day is None else "day"
    hour = minute = second = 0
    if day is not None and match["H"] is not None:
        hour, minute = int(match["H"]), int(match["M"])
        second = int(match["S"]) if match["S"] else 0
        precision = "second" if match["S"] else "minute"
        if hour < 12 and ("下午" in match.group(0) or "晚上" in match.group(0)):
            hour += 12
    try:
        value = datetime(year, month, day or 1, hour, minute, second, tzinfo=tz)
    except ValueError:
        try:  # an impossible time next to a good date: keep the date
            value, precision = datetime(year, month, day or 1, tzinfo=tz), "day" if day else "month"
        except ValueError:
            return None
    return PublishDate(value, precision) if _plausible(value) else None


def _english(text: str, tz: ZoneInfo) -> PublishDate | None:
    """'9/17/2004 5:54:13 AM' (month first; day first when the first number exceeds 12), 'Sep 10th, 2005'."""
    for pattern in (_US_DATE, _EN_DATE):
        for match in pattern.finditer(text):
            if pattern is _US_DATE:
                month, day = int(match["m"]), int(match["d"])
                if month > 12:
                    month, day = day, month
            else:
                month, day = _MONTHS.index(match["mon"][:3].lower()) + 1, int(match["d"])
            hour = minute = second = 0
            precision: Precision = "day"
            if match["H"] is not None:
                hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
                precision = "second" if match["S"] else "minute"
                ampm = (match["ampm"] or "").lower()
                if ampm.startswith("p") and hour < 12:
                    hour += 12
                elif ampm.startswith("a") and hour == 12:
                    hour = 0
            try:
                value = datetime(int(match["y"]), month, day, hour, minute, second, tzinfo=tz)
            except ValueError:
                continue
            if _plausible(value):
                return PublishDate(value, precision)
    return None


def parse_date(text: str, tz: ZoneInfo = SHANGHAI) -> PublishDate | None:
    """The first plausible date in a text; a naive time is in `tz` (Asia/Shanghai by default)."""
    iso = _ISO.search(text)
    first = _DATE.search(text)
    if iso and (first is None or iso.start() <= first.start()):
        y, mo, d, h, mi, s, offset = iso.groups()
        if offset == "Z":
            zone = ZoneInfo("UTC")
            value = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tzinfo=zone)
        else:
            sign = 1 if offset[0] == "+" else -1
            digits = offset[1:].replace(":", "")
            delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            value = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tzinfo=timezone(sign * delta))
        value = value.astimezone(tz)
        if _plausible(value):
            return PublishDate(value, "second" if s else "minute")
    for match in _DATE.finditer(text):
        found = _from_match(match, tz)
        if found:
            return found
    return chinese_numeral_date(text, tz) or (
        _english(text, tz) if "/" in text or _HAS_LATIN.search(text) else None)


def date_from_url(url: str, tz: ZoneInfo = SHANGHAI) -> PublishDate | None:
    """A day printed in the URL path: /2022-11/14/, /20221114/, t20221114_, /2022/11/14/."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for match in _URL_DATE.finditer(path):
        try:
            value = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=tz)
        except ValueError:
            continue
        if _plausible(value):
            return PublishDate(value, "day")
    return None
