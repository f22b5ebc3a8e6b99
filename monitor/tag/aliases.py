"""Other names of a zone built from its short name's stem: 东湖开发区, 东湖国家自主创新示范区, 大庆开发区.

News and older documents call a high-tech zone by its stem and the generic 开发区 (the zones were set up
as 高新技术产业开发区, and a zone's own officials still write 东湖开发区党工委书记), or by the stem and
国家自主创新示范区 (东湖, 张江). But ``X开发区`` is as often an 经济技术开发区 (青岛开发区, 武进开发区), so:

- ``X国家自主创新示范区``, for a stem that is no place name (东湖, 张江): the zone, whatever the text;
- ``X开发区``, for a stem that is no place name (东湖, 武进, 松山湖): the zone in a text that never names the
  economic kind (经济技术开发区, 经济开发区, 经开区);
- ``X开发区``, for a stem that is a city (大庆, 青岛): the zone only in a text that also speaks of the
  high-tech kind (高新) and never of the economic one.

Otherwise ``X开发区`` is another kind of zone, and its city then anchors no bare 高新区. The non-place stems' forms
go into the tagger's zone automaton; a city's ``X开发区`` is found by joining 开发区 to the city's place hit after the
scan (no extra pass over the text). A text is read again, with four substring tests, only when it holds one.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.normalise import match_key
from monitor.tag.gazetteer import Gazetteer, Place

__all__ = ["kaifaqu_names", "reads_kaifaqu", "stem_names"]

_ECONOMIC_KIND = ("经济技术开发区", "经济开发区", "经开区")


def _stems(gazetteer: Gazetteer) -> Iterable[tuple[str, str]]:
    """(match key of the stem, zone id): 大庆高新区 -> 大庆; a short name without 高新区 has none."""
    for zone in gazetteer.zones:
        short = match_key(zone.short_name)
        stem = short.removesuffix("高新区")
        if stem != short and len(stem) >= 2:
            yield stem, zone.id


def stem_names(gazetteer: Gazetteer, places: Iterable[Place]) -> dict[str, str]:
    """Match keys of the forms that name a zone in any text -> zone id (东湖国家自主创新示范区 -> donghu)."""
    place_names = {match_key(p.name) for p in places}
    return {
        stem + "国家自主创新示范区": zone_id for stem, zone_id in _stems(gazetteer) if stem not in place_names
    }


def kaifaqu_names(gazetteer: Gazetteer, places: Iterable[Place]) -> dict[str, tuple[str, bool]]:
    """Match keys of ``X开发区`` -> (zone id, whether X is a city): 大庆开发区 -> (daqing, True)."""
    place_names = {match_key(p.name) for p in places}
    return {stem + "开发区": (zone_id, stem in place_names) for stem, zone_id in _stems(gazetteer)}


def reads_kaifaqu(text: str) -> tuple[bool, bool]:
    """Whether the text's ``X开发区`` are high-tech zones: (for a stem that is no place, for a city's stem)."""
    if any(kind in text for kind in _ECONOMIC_KIND):
        return False, False
    return True, "高新" in text
