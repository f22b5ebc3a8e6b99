"""The gazetteer of national high-tech zones, shipped as data in the package.

Zone ids are the CSV's ``id`` column: stable, never changed or reused.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Zone", "Gazetteer", "load_gazetteer"]


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

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full_name, self.short_name, *self.aliases)


class Gazetteer:
    def __init__(self, zones: list[Zone]) -> None:
        self.zones = tuple(zones)
        self._by_id = {zone.id: zone for zone in zones}
        self._by_name: dict[str, Zone] = {}
        for zone in zones:
            for name in zone.names:
                self._by_name.setdefault(name, zone)

    def get(self, zone_id: str) -> Zone | None:
        return self._by_id.get(zone_id)

    def find(self, text: str) -> Zone | None:
        """A zone by id or by any of its names."""
        return self._by_id.get(text) or self._by_name.get(text.strip())

    def names(self) -> dict[str, Zone]:
        return dict(self._by_name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    text = resources.files("monitor.data").joinpath("national-hitech-zones.csv").read_text(encoding="utf-8")
    zones = []
    for row in csv.DictReader(text.splitlines()):
        year = row["approved_year"].strip()
        zones.append(
            Zone(
                id=row["id"].strip(),
                full_name=row["full_name"].strip(),
                short_name=row["short_name"].strip(),
                aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                province=row["province"].strip(),
                city=row["city"].strip(),
                approved_year=int(year) if year.isdigit() else None,
                notes=row["notes"].strip(),
            )
        )
    return Gazetteer(zones)
