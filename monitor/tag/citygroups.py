"""City-group abbreviations before the kind of zone: 呼包鄂三市国家级高新区 names the zones of 呼和浩特, 包头 and 鄂尔多斯.

News names a group of neighbouring cities by one character of each (呼包鄂, 长株潭, 郑洛新) and then speaks of "the
three cities' high-tech zones" (呼包鄂三市国家级高新区, 长株潭高新区): each city's zone is named, as an item of a list
(no subject), as a list of cities before a count is (长治、锦州、连云港等14家高新区). Which character stands for which
city is no rule (潭 is 湘潭's last), so the groups are a table: the usual abbreviations of city groups that hold
national zones. A city with two zones (苏州, 常州, 长春) names neither and is left out of its group.
"""

from __future__ import annotations

import re

from monitor.tag.gazetteer import Gazetteer

__all__ = ["CITY_GROUPS", "city_group_zones", "group_before"]

# abbreviation -> its cities as the gazetteer's ``city`` column writes them
CITY_GROUPS: dict[str, tuple[str, ...]] = {
    "呼包鄂": ("呼和浩特市", "包头市", "鄂尔多斯市"),
    "长株潭": ("长沙市", "株洲市", "湘潭市"),
    "郑洛新": ("郑州市", "洛阳市", "新乡市"),
    "成德绵": ("成都市", "德阳市", "绵阳市"),
    "宁镇扬": ("南京市", "镇江市", "扬州市"),
    "厦漳泉": ("厦门市", "漳州市", "泉州市"),
    "福厦泉": ("福州市", "厦门市", "泉州市"),
    "哈大齐": ("哈尔滨市", "大庆市", "齐齐哈尔市"),
    "济青烟": ("济南市", "青岛市", "烟台市"),
    "沈大": ("沈阳市", "大连市"),
    "兰白": ("兰州市", "白银市"),
    "西咸": ("西安市", "咸阳市"),
}


def city_group_zones(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Abbreviation -> the zone ids of its cities that have exactly one zone, in the table's order."""
    by_city: dict[str, list[str]] = {}
    for zone in gazetteer.zones:
        by_city.setdefault(zone.city, []).append(zone.id)
    groups = {}
    for name, cities in CITY_GROUPS.items():
        zones = tuple(by_city[city][0] for city in cities if len(by_city.get(city, ())) == 1)
        if zones:
            groups[name] = zones
    return groups


def group_before(names: list[str] | tuple[str, ...] | dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """A pattern for ``Pattern.search(text, pos, kind_start)``: one of `names` ending where the kind of zone starts,
    maybe with a count of cities between (呼包鄂三市国家级高新区, 长株潭3市的高新区, 长株潭高新区)."""
    alternatives = "|".join(sorted(names, key=len, reverse=True))
    return re.compile(f"({alternatives})(?:[两三四五六七八九十0-9]+[市地座个])?的?$")
