"""The district rule: a bare 高新区 named together with the county-level district the zone lies in names that zone.

A zone that shares its administration with a district signs as both (江门高新区(江海区), 高新区（江海区）,
新吴区（高新区）), and local news writes 高新区 with the district where another text would write the city.
The gazetteer's ``districts`` column says which district each zone lies in; this module turns it into names
the tagger's zone automaton matches as that zone:

- ``高新区(江海区)``, ``高新区(江海)``, ``国家高新区(江海区)``, ``高新区·掇刀区``: the zone signing with its district;
- ``江海区(高新区)``: the district signing with its zone;
- ``江海区高新区``: the district's high-tech zone;
- ``高新江海区`` (桂林高新七星区): the zone and its district written as one place.

Left out, so that a name never means two things: a district listed under two zones, and a district that is
already a place of ``places.csv`` (三河, 昆山: a place before 高新区 already names its zone there).
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.normalise import match_key
from monitor.tag.gazetteer import Gazetteer, Place

__all__ = ["district_names"]

_SUFFIXES = ("区", "县", "市")
_DOTS = ("·", "•", "・")  # the middle dots joining two names of one body (高新区·掇刀区), as printed


def district_names(gazetteer: Gazetteer, places: Iterable[Place]) -> dict[str, str]:
    """Match keys of the district forms of a bare 高新区 -> the zone id they name."""
    place_names = {place.name for place in places}
    owners: dict[str, set[str]] = {}
    for zone in gazetteer.zones:
        for district in zone.districts:
            owners.setdefault(district, set()).add(zone.id)
    names: dict[str, str] = {}
    for district, zone_ids in owners.items():
        stem = district[:-1] if district.endswith(_SUFFIXES) and len(district) >= 3 else district
        if len(zone_ids) != 1 or district in place_names or stem in place_names:
            continue
        (zone_id,) = zone_ids
        forms = [f"高新区({district})", f"国家高新区({district})", f"{district}(高新区)", f"{district}高新区"]
        forms += [f"高新区{dot}{district}" for dot in _DOTS]  # 荆门市…集中开工高新区·掇刀区分会场
        if district.endswith("区"):  # 高新江海区, 桂林高新七星区: the zone's 高新 before the district it runs
            forms.append(f"高新{district}")
        if len(stem) >= 2:  # 高新区(滨江); a one-character stem is too short to name anything
            forms += [f"高新区({stem})", f"国家高新区({stem})"]
        for form in forms:
            names.setdefault(match_key(form), zone_id)
    return names
