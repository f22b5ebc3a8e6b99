"""Other names of a zone built from its short name's stem: 东湖开发区, 东湖国家自主创新示范区, 大庆开发区.

News and older documents call a high-tech zone by its stem and the generic 开发区 (the zones were set up
as 高新技术产业开发区, and a zone's own officials still write 东湖开发区党工委书记), or by the stem and
国家自主创新示范区 (东湖, 张江, 深圳 were made such demonstration zones). Two cases:

- a stem that is no place name (东湖, 张江, 松山湖, 中山火炬): ``X开发区`` and ``X国家自主创新示范区`` name
  the zone, whatever the text;
- a stem that is a city (大庆, 青岛): ``X开发区`` is more often the city's 经济技术开发区 (青岛开发区,
  大连开发区). It names the high-tech zone only in a text that speaks of the high-tech kind (高新) and
  never of the economic one (经济技术开发区, 经济开发区, 经开区); in any other text it is another kind of
  zone, and its city then anchors no bare 高新区 (see ``city_dev_names`` and ``names_high_tech_kind``).

The forms go into the tagger's zone automaton (no extra pass over the text); a text is read again, with
three substring tests, only when it holds a city's ``X开发区``.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.normalise import match_key
from monitor.tag.gazetteer import Gazetteer, Place

__all__ = ["city_dev_names", "names_high_tech_kind", "stem_names"]

_STEM_FORMS = ("开发区", "国家自主创新示范区")
_ECONOMIC_KIND = ("经济技术开发区", "经济开发区", "经开区")


def _stems(gazetteer: Gazetteer) -> Iterable[tuple[str, str]]:
    """(match key of the stem, zone id): 大庆高新区 -> 大庆; a short name without 高新区 has none."""
    for zone in gazetteer.zones:
        short = match_key(zone.short_name)
        stem = short.removesuffix("高新区")
        if stem != short and len(stem) >= 2:
            yield stem, zone.id


def stem_names(gazetteer: Gazetteer, places: Iterable[Place]) -> dict[str, str]:
    """Match keys of the stem forms that name a zone in any text -> zone id (东湖开发区 -> donghu)."""
    place_names = {match_key(p.name) for p in places}
    names: dict[str, str] = {}
    for stem, zone_id in _stems(gazetteer):
        for form in _STEM_FORMS:
            if form == "开发区" and stem in place_names:
                continue  # 大庆开发区: see city_dev_names
            names.setdefault(stem + form, zone_id)
    return names


def city_dev_names(gazetteer: Gazetteer, places: Iterable[Place]) -> dict[str, str]:
    """Match keys of ``city开发区`` for a zone whose stem is a city -> zone id (大庆开发区 -> daqing)."""
    place_names = {match_key(p.name) for p in places}
    return {stem + "开发区": zone_id for stem, zone_id in _stems(gazetteer) if stem in place_names}


def names_high_tech_kind(text: str) -> bool:
    """Whether a text's 开发区 are high-tech ones: it says 高新 and never names the economic kind."""
    return "高新" in text and not any(kind in text for kind in _ECONOMIC_KIND)
