"""Publish dates as Chinese pages print them. Pure functions; no I/O.

Patterns, in the order :func:`parse_date` tries them at each position of a text:
1. ISO 8601 with an offset (``2022-11-14T09:30:00+08:00``, ``...Z``): converted, not guessed;
2. ``2022年11月14日 09:30``, ``2022-11-14 09:30:05``, ``2022/11/14``, ``2022.11.14``,
   a month alone ``2022年11月``;
3. newspaper numerals ``二〇二二年十一月十四日``;
4. year last, as old portals, blogs and reposting sites print it: ``9/17/2004 5:54:13 AM``,
   ``02.03.2018 12:52``: the order of day and month from the numbers, else from the page's other
   dates (:func:`day_first_hint`), else the separator (a slash month first, a dot day first);
   English forms ``September 10th, 2005 10:56 am``, ``Sep 10, 2005``;
5. a two-digit year first with its time, as Chinese date lines print it: ``18-05-03 15:37``.
A time without an offset is in the source's zone (Asia/Shanghai by default), never UTC.
:func:`date_from_url` reads ``/2022-11/14/``, ``/20221114/``, ``t20221114_`` and ``/2022/11/14/``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from monitor.items import Precision, PublishDate
from monitor.normalise import looks_traditional
from monitor.timefmt import SHANGHAI

__all__ = ["parse_date", "date_from_url", "chinese_numeral_date", "day_first_hint", "script_day_first", "DATE_LABEL"]

_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})")
_DATE = re.compile(
    # the day may run into the time when the page prints them in two elements ('<span>2019-03-05</span><span>10:20'
    # reads '2019-03-0510:20'): two digits, then a time
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})(?:\s*(?:[-/.]|月)\s*"
    r"(?P<d>\d{1,2}(?!\d)|\d{2}(?=\d{1,2}\s*[:：]\d{2}))\s*日?)?"
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
# Year last: '9/17/2004' (US, month first), '02.03.2018' (day first). Which number is the month
# is decided by the numbers (one above 12), else by the page's other dates (day_first_hint),
# else by the separator: a slash is read month first, a dot or a hyphen day first.
_YEAR_LAST = re.compile(r"(?<![\d/.:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d/.-])"
                        + _CLOCK)
_EN_DATE = re.compile(r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?"
                      r"\s+(?P<y>(?:19|20)\d{2})\b" + _CLOCK, re.I)
# A two-digit year first, then month, day and a 24-hour time ('Pub Date:18-05-03 15:37', '时间:15-02-11 09:43'), as
# Chinese sites' date lines print it (datecheck ninth batch, english.anhuinews.com, tune half: only the URL's day was
# read). The time is required: without it '10.2.3' is a section or a version number.
_SHORT_YEAR = re.compile(r"(?<![\d/.-])(?P<y>\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/.-])\s+"
                         r"(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?(?![\d:]|\s*[AaPp]\.?[Mm]\b)")
# A 24-hour time right before an English date ('19:04, May 09, 2024'), as English pages of Chinese media print it.
_CLOCK_BEFORE = re.compile(r"(?<![\d:])(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?P<ampm>)\s*,?\s*$")
# Labels that introduce a publish date on a page (a bare date elsewhere may be a copyright year).
# The same labels in traditional script ('發布時間', '發表於'): Hong Kong, Macau and Taiwan pages (issue 18).
DATE_LABEL = re.compile(r"(发布|发表|更新|出版|刊发|上传|录入|添加|日期|时间|发表于|发布于|Posted|posted|"
                        r"發布|發佈|發表|刊發|上傳|錄入|時間)")


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


def _short_year(text: str, tz: ZoneInfo) -> PublishDate | None:
    """'18-05-03 15:37' -> 2018-05-03 15:37 (see _SHORT_YEAR): the century that puts the year at most a year ahead."""
    for match in _SHORT_YEAR.finditer(text):
        now = datetime.now(tz).year
        year = 2000 + int(match["y"]) if 2000 + int(match["y"]) <= now + 1 else 1900 + int(match["y"])
        try:
            value = datetime(year, int(match["m"]), int(match["d"]), int(match["H"]), int(match["M"]),
                             int(match["S"] or 0), tzinfo=tz)
        except ValueError:
            continue
        if _plausible(value):
            return PublishDate(value, "second" if match["S"] else "minute")
    return None


def day_first_hint(text: str) -> bool | None:
    """Whether the year-last dates of a page put the day first, from its own evidence: one of them
    with a first number above 12 (day first) or a second above 12 (month first), or the same day
    written the Chinese way elsewhere on the page ('02.03.2018' and '3月2日' -> day first)."""
    ambiguous = []
    for match in _YEAR_LAST.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            return True
        if b > 12 >= a:
            return False
        ambiguous.append((a, b))
    for a, b in ambiguous:
        if a != b and f"{b}月{a}日" in text:
            return True
        if a != b and f"{a}月{b}日" in text:
            return False
    return None


def _english(text: str, tz: ZoneInfo, day_first: bool | None = None, script_day_first: bool = False) -> PublishDate | None:
    """'9/17/2004 5:54:13 AM', '02.03.2018 12:52' (see _YEAR_LAST for the order), 'Sep 10th, 2005'."""
    for pattern in (_YEAR_LAST, _EN_DATE):
        for match in pattern.finditer(text):
            if pattern is _YEAR_LAST:
                a, b = int(match["a"]), int(match["b"])
                first_is_day = a > 12 or (b <= 12 and _day_first(match, day_first, script_day_first))
                day, month = (a, b) if first_is_day else (b, a)
            else:
                month, day = _MONTHS.index(match["mon"][:3].lower()) + 1, int(match["d"])
            hour = minute = second = 0
            precision: Precision = "day"
            clock: re.Match[str] | None = match
            if match["H"] is None and pattern is _EN_DATE:
                # the time printed before the date ('Xinhua) 19:04, May 09, 2024': datecheck ninth batch, en.people.cn,
                # tune half)
                clock = _CLOCK_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if clock is not None and clock["H"] is not None:
                hour, minute, second = int(clock["H"]), int(clock["M"]), int(clock["S"] or 0)
                precision = "second" if clock["S"] else "minute"
                ampm = (clock["ampm"] or "").lower()
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


def _day_first(match: re.Match[str], day_first: bool | None, script_day_first: bool) -> bool:
    """The order of a year-last date its numbers leave open (issue 18: decided by the page's other dates and its
    language): the page's other dates (`day_first`, :func:`day_first_hint`) first; then a 12-hour clock with AM/PM
    is the US order, month first ('9/7/2004 5:54:13 AM': a server's English locale); then a page in traditional
    script (`script_day_first`: Hong Kong and Macau print '05/06/2018' for 5 June) day first; else the separator
    (a slash month first, a dot or a hyphen day first)."""
    if day_first is not None:
        return day_first
    if match["ampm"]:
        return False
    return script_day_first or match["sep"] != "/"


def script_day_first(text: str) -> bool:
    """Whether a page's script makes an open year-last date day first: traditional Chinese (see :func:`_day_first`)."""
    return looks_traditional(text)


def parse_date(text: str, tz: ZoneInfo = SHANGHAI, day_first: bool | None = None,
               script_day_first: bool = False) -> PublishDate | None:
    """The first plausible date in a text; a naive time is in `tz` (Asia/Shanghai by default);
    `day_first` orders a year-last date whose numbers leave it open (see :func:`day_first_hint`), then
    `script_day_first` (the page's script: :func:`script_day_first`)."""
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
    separated = "/" in text or "." in text or "-" in text
    return chinese_numeral_date(text, tz) or (
        _english(text, tz, day_first, script_day_first) if separated or _HAS_LATIN.search(text) else None) or (
        _short_year(text, tz) if separated else None)


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
