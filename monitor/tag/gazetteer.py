"""The gazetteer of national high-tech zones, and the places the tagger knows, shipped as package data.

- ``national-hitech-zones.csv``: one row per zone. Zone ids are the ``id`` column: stable,
  never changed or reused. Whether the approval year is verified is read from the ``notes``
  cell (``[year verified]``), so ``monitor zones show`` keeps the uncertainty visible. The
  ``websites`` column holds the hosts of the zone's official sites (``;``-separated, blank where
  unknown): the one place zone sites are kept (see the notes file for how each was found). The
  ``districts`` column holds the county-level districts a zone lies in (``;``-separated, blank where
  not sourced; the notes file says which are unverified): 江门高新区 -> 江海区.
- ``ambiguous-aliases.csv``: names that more than one zone uses (火炬高新区 ...). They are
  never matched straight to a zone; the tagger resolves them from the text or the source.
- ``places.csv``: provinces and cities by the form printed in news (包头, 内蒙古), with the
  zone a bare 高新区 next to that city means, and whether the name only counts with a
  suffix (长治 is also a word: 长治久安).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Zone", "Gazetteer", "Place", "AmbiguousAlias", "load_gazetteer", "load_places", "load_ambiguous_aliases"]


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    full_name: str
    short_name: str
    aliases: tuple[str, ...]
    province: str
    city: str
    approved_year: int | None
    notes: str
    year_verified: bool = False
    sources: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()  # hosts of the zone's official sites (www. kept as published)
    districts: tuple[str, ...] = ()  # county-level districts it lies in (江海区), as the notes file sources them

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full_name, self.short_name, *self.aliases)

    @property
    def prefecture(self) -> str:
        """The city without the county-level part: 苏州市(昆山市) -> 苏州市."""
        return self.city.split("(")[0].split("/")[0]


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # as printed in text: 包头, 内蒙古
    province: str  # 内蒙古自治区
    city: str  # 包头市; "" for a province
    zone_id: str  # the zone a bare 高新区 next to this place means ("" none)
    needs_suffix: bool  # only counted as 长治市/长治县/长治区


@dataclass(frozen=True, slots=True)
class AmbiguousAlias:
    alias: str
    candidates: tuple[str, ...]
    fallback: str | None  # zone id taken when nothing in the text decides
    note: str


class Gazetteer:
    def __init__(self, zones: list[Zone]) -> None:
        self.zones = tuple(zones)
        self._by_id = {zone.id: zone for zone in zones}
        self._by_name: dict[str, Zone] = {}
        self._by_host: dict[str, Zone] = {}
        for zone in zones:
            for name in zone.names:
                self._by_name.setdefault(name, zone)
            for host in zone.websites:
                self._by_host.setdefault(_bare_host(host), zone)

    def get(self, zone_id: str) -> Zone | None:
        return self._by_id.get(zone_id)

    def find(self, text: str) -> Zone | None:
        """A zone by id or by any of its names."""
        return self._by_id.get(text) or self._by_name.get(text.strip())

    def zone_for_host(self, host: str | None) -> Zone | None:
        """The zone whose official site `host` is (or a subdomain of one), by the `websites` column.
        A city's portal or any other host names no zone, whatever city it names."""
        host = _bare_host(host or "")
        while host:
            zone = self._by_host.get(host)
            if zone is not None:
                return zone
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None

    def names(self) -> dict[str, Zone]:
        return dict(self._by_name)


def _bare_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("monitor.data").joinpath(filename).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    zones = []
    for row in _rows("national-hitech-zones.csv"):
        year = row["approved_year"]
        zones.append(
            Zone(
                id=row["id"],
                full_name=row["full_name"],
                short_name=row["short_name"],
                aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                province=row["province"],
                city=row["city"],
                approved_year=int(year) if year.isdigit() else None,
                notes=row["notes"],
                year_verified=row["notes"].startswith("[year verified]"),
                sources=tuple(s for s in row.get("source", "").split(";") if s),
                websites=tuple(h.strip() for h in row.get("websites", "").split(";") if h.strip()),
                districts=tuple(d.strip() for d in row.get("districts", "").split(";") if d.strip()),
            )
        )
    return Gazetteer(zones)


@lru_cache(maxsize=1)
def load_places() -> tuple[Place, ...]:
    return tuple(Place(r["name"], r["province"], r["city"], r["zone"], r["needs_suffix"] == "yes")
                 for r in _rows("places.csv"))


@lru_cache(maxsize=1)
def load_ambiguous_aliases() -> tuple[AmbiguousAlias, ...]:
    return tuple(AmbiguousAlias(r["alias"], tuple(c for c in r["candidates"].split(";") if c), r["fallback"] or None,
                                r["note"]) for r in _rows("ambiguous-aliases.csv"))
