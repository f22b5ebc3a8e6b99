"""The catalogue of real sources (``monitor/data/catalogue.yaml``): one entry per national zone and the
national media that cover the zones, none of them verified, each URL with a note on the published page
it was taken from.

A zone's site is kept in one place only, the gazetteer's ``websites`` column: a zone entry of the
catalogue names its ``zone_id`` and holds no site URL; :func:`load_catalogue` gives it the URL of the
zone's first site, a host or a portal's section (``https`` when the entry's news list on that host is
``https``). Its name and province come from the gazetteer as well. A zone whose site is unknown has no URL: it is listed, but
cannot be added as a source.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from monitor.errors import CatalogueError
from monitor.tag.gazetteer import Gazetteer, Zone, load_gazetteer
from monitor.yamlfile import load_yaml

__all__ = ["Catalogue", "CatalogueEntry", "load_catalogue", "parse_catalogue", "site_url"]

_FIELDS = {"id", "zone_id", "name", "kind", "url", "list_url", "module", "verified", "note"}


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    zone_id: str | None  # None for the media
    name: str
    kind: str
    url: str | None  # a zone's: from the gazetteer's websites column
    list_url: str | None  # a news list page, where one is published
    verified: bool
    note: str
    province: str | None = None  # a zone's province (gazetteer); None for the media
    module: str | None = None  # the scrapers/sites module of a `plugin` entry

    @property
    def source_url(self) -> str | None:
        """The URL a source made from this entry starts from: its news list, else its site."""
        return self.list_url or self.url

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "zone_id": self.zone_id, "name": self.name, "kind": self.kind, "url": self.url,
                "list_url": self.list_url, "verified": self.verified, "note": self.note}


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]

    def get(self, entry_id: str) -> CatalogueEntry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise CatalogueError(f"no catalogue entry {entry_id!r}; {self._nearest(entry_id)} "
                             "(see `monitor sources catalogue`)")

    def in_province(self, province: str) -> tuple[CatalogueEntry, ...]:
        """The zone entries of a province, given as 江苏, 江苏省 or a part of the name."""
        wanted = province.strip().removesuffix("省").removesuffix("市")
        return tuple(e for e in self.entries if e.province and wanted and wanted in e.province)

    def _nearest(self, entry_id: str) -> str:
        ids = [e.id for e in self.entries]
        by_name = [e.id for e in self.entries if entry_id and (entry_id in e.name or e.name in entry_id)]
        zone = load_gazetteer().find(entry_id)  # a zone's Chinese name or alias names its entry
        near = ([zone.id] if zone else []) + by_name + difflib.get_close_matches(entry_id.lower(), ids, n=5, cutoff=0.6)
        near = list(dict.fromkeys(near))[:5]
        return f"did you mean: {', '.join(near)}?" if near else "no entry has a similar id"


def site_url(zone: Zone, list_url: str | None) -> str | None:
    """The URL of a zone's site: its first entry in the websites column (a host, or the section of a
    portal: http://www.example.gov.cn/gxq/), with the scheme of the entry's news list when that list is on
    the same host."""
    if not zone.websites:
        return None
    site = zone.sites[0]
    scheme = "http"
    if list_url:
        parts = urlsplit(list_url)
        if parts.hostname == site.host:
            scheme = parts.scheme
    return site.url(scheme)


def _text(raw: dict[str, Any], field: str, where: str, required: bool = True) -> str | None:
    value = raw.get(field)
    if value is None or value == "":
        if required:
            raise CatalogueError(f"{where}: field '{field}' is required")
        return None
    if not isinstance(value, str):
        raise CatalogueError(f"{where}: field '{field}' must be text, got {value!r}")
    return value


def _url(raw: dict[str, Any], field: str, where: str) -> str | None:
    value = _text(raw, field, where, required=False)
    if value is not None and not (urlsplit(value).scheme in ("http", "https") and urlsplit(value).hostname):
        raise CatalogueError(f"{where}: field '{field}' is not an http(s) URL: {value!r}")
    return value


def _entry(raw: Any, index: int, section: str, gazetteer: Gazetteer, origin: str) -> CatalogueEntry:
    where = f"{origin}: {section}[{index}]"
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: expected a mapping")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(_FIELDS))})")
    entry_id = _text(raw, "id", where) or ""
    where = f"{origin}: {section} entry {entry_id!r}"
    if raw.get("verified", False) is not False:
        raise CatalogueError(f"{where}: an entry is `verified: false` until someone checks it on the live site")
    list_url = _url(raw, "list_url", where)
    if section == "media":
        return CatalogueEntry(id=entry_id, zone_id=None, name=_text(raw, "name", where) or "",
                              kind=_text(raw, "kind", where) or "", url=_url(raw, "url", where), list_url=list_url,
                              verified=False, note=_text(raw, "note", where) or "", module=_text(raw, "module", where, False))
    if "url" in raw or "name" in raw:
        raise CatalogueError(f"{where}: a zone entry takes its name and site from the gazetteer "
                             "(national-hitech-zones.csv); remove 'url' and 'name'")
    zone_id = _text(raw, "zone_id", where) or ""
    zone = gazetteer.get(zone_id)
    if zone is None:
        raise CatalogueError(f"{where}: unknown zone_id {zone_id!r} (see `monitor zones list`)")
    return CatalogueEntry(id=entry_id, zone_id=zone.id, name=zone.full_name, kind=_text(raw, "kind", where) or "",
                          url=site_url(zone, list_url), list_url=list_url, verified=False,
                          note=_text(raw, "note", where, required=False) or "", province=zone.province)


def parse_catalogue(text: str, origin: str = "<catalogue>", gazetteer: Gazetteer | None = None) -> Catalogue:
    data = load_yaml(text, origin, CatalogueError)
    if not isinstance(data, dict) or set(data) - {"media", "zones"}:
        raise CatalogueError(f"{origin}: expected a mapping with the lists 'media' and 'zones'")
    gazetteer = gazetteer or load_gazetteer()
    entries: list[CatalogueEntry] = []
    for section in ("media", "zones"):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise CatalogueError(f"{origin}: '{section}' must be a list")
        entries.extend(_entry(raw, i, section, gazetteer, origin) for i, raw in enumerate(items))
    twice = [entry_id for entry_id, count in Counter(e.id for e in entries).items() if count > 1]
    if twice:
        raise CatalogueError(f"{origin}: id {twice[0]!r} is used by two entries")
    return Catalogue(entries=tuple(entries))


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The shipped catalogue, its zone entries completed from the gazetteer."""
    text = resources.files("monitor.data").joinpath("catalogue.yaml").read_text(encoding="utf-8")
    return parse_catalogue(text, "monitor/data/catalogue.yaml")
