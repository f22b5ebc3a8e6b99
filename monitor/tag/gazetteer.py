"""The gazetteer of national high-tech zones, and the places the tagger knows, shipped as package data.

- ``national-hitech-zones.csv``: one row per zone. Zone ids are the ``id`` column: stable,
  never changed or reused. Whether the approval year is verified is read from the ``notes``
  cell (``[year verified]``), so ``monitor zones show`` keeps the uncertainty visible. The
  ``websites`` column holds the zone's official sites (``;``-separated, blank where unknown): a host
  (``gxq.example.gov.cn``, its subdomains included) or, for a zone that publishes only as a section of a
  city's or district's portal, host and path prefix (``www.example.gov.cn/gxq``: that host's pages under
  ``/gxq/``, nothing else of the portal). The one place zone sites are kept (see the notes file for how
  each was found); a malformed entry, or one another zone's entry already covers, stops loading with a
  :class:`~monitor.errors.GazetteerError` naming the row. The
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
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from monitor.errors import GazetteerError

__all__ = ["Zone", "Gazetteer", "Place", "AmbiguousAlias", "Website", "parse_website", "check_websites", "split_url",
           "load_gazetteer", "load_places", "load_ambiguous_aliases"]


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
    websites: tuple[str, ...] = ()  # its official sites as published: host or host/path (www. kept)
    districts: tuple[str, ...] = ()  # county-level districts it lies in (江海区), as the notes file sources them

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full_name, self.short_name, *self.aliases)

    @property
    def prefecture(self) -> str:
        """The city without the county-level part: 苏州市(昆山市) -> 苏州市."""
        return self.city.split("(")[0].split("/")[0]

    @property
    def sites(self) -> tuple[Website, ...]:
        """The websites entries read: host, and path prefix for a section of a portal."""
        return tuple(parse_website(entry) for entry in self.websites)


@dataclass(frozen=True, slots=True)
class Website:
    """One entry of the websites column. `path` is "" for a whole host (and its subdomains), else the
    prefix of a portal's section without a trailing slash ("/gxq"): only that host's pages at or under it."""

    host: str  # lower-case, www. kept as published
    path: str = ""

    @property
    def bare_host(self) -> str:
        return _bare_host(self.host)

    def url(self, scheme: str = "http") -> str:
        """The address of the site's front page (its section's, for a section)."""
        return f"{scheme}://{self.host}{self.path}/"

    def __str__(self) -> str:
        return self.host + self.path


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
        # a portal's host -> its zones' sections, longest prefix first; a host here is matched exactly, never as
        # the parent of a page's host (a city's other subdomains are other sites)
        self._sections: dict[str, tuple[tuple[str, Zone], ...]] = {}
        for zone in zones:
            for name in zone.names:
                self._by_name.setdefault(name, zone)
            for site in zone.sites:
                if site.path:
                    sections = (*self._sections.get(site.bare_host, ()), (site.path, zone))
                    self._sections[site.bare_host] = tuple(sorted(sections, key=lambda s: -len(s[0])))
                else:
                    self._by_host.setdefault(site.bare_host, zone)

    def get(self, zone_id: str) -> Zone | None:
        return self._by_id.get(zone_id)

    def find(self, text: str) -> Zone | None:
        """A zone by id or by any of its names."""
        return self._by_id.get(text) or self._by_name.get(text.strip())

    def zone_for_url(self, url: str | None) -> Zone | None:
        """The zone whose official site the page at `url` is on, by the `websites` column: a section's prefix
        (matched on whole path segments, case-insensitively: /gxq/1.html and /GXQ yes, /gxqx/ no) before the
        host. The rest of a portal that carries a section names no zone."""
        plain = _PLAIN_URL.match(url) if url else None
        if plain is not None:  # split_url's common case, inlined: this runs once per article tagged with a URL
            host, path = plain.groups()
            host = host.rstrip(".")  # the pattern's host is lower-case ASCII already
            if host.startswith("www."):
                host = host[4:]
        else:
            host, path = split_url(url or "")
            if host is None:
                return None
            host = _bare_host(host)
        sections = self._sections.get(host) if self._sections else None
        if sections is not None:
            path = path.lower() if path else ""
            for prefix, zone in sections:
                if path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/"):
                    return zone
        return self._zone_for_bare_host(host)

    def zone_for_host(self, host: str | None) -> Zone | None:
        """The zone whose official site `host` is (or a subdomain of one), by the `websites` column: hosts
        only, a section of a portal is not the portal's host. A city's portal or any other host names no
        zone, whatever city it names."""
        return self._zone_for_bare_host(_bare_host(host or ""))

    def _zone_for_bare_host(self, host: str) -> Zone | None:
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


def split_url(url: str) -> tuple[str | None, str]:
    """The host (lower-case, as urlsplit reads it; None when there is none or the address does not parse)
    and the path of a page's address, read once per article."""
    plain = _PLAIN_URL.match(url)
    if plain is not None:  # http(s)://host.example/path...: what urlsplit reads, in one regex step
        return plain.group(1), plain.group(2) or ""
    try:
        parts = urlsplit(url.strip())
        return parts.hostname, parts.path
    except ValueError:  # an address that does not parse (a bad IPv6 literal) names no host
        return None, ""


# The common address: lower-case ASCII host, maybe a port, then a path without whitespace or backslash (or none), then
# a query, a fragment or the end. Anything else (user info, upper case, spaces, tabs, IPv6, a port that is no number)
# goes through urlsplit (a few microseconds), which reads the common address the same way.
_PLAIN_URL = re.compile(r"https?://([a-z0-9.-]+)(?::[0-9]*)?(/[^?#\s\\]*)?(?=[?#]|\Z)")

# A websites entry: lower-case LDH labels (RFC 1123), at least two, an alphabetic top-level label; then, for a section,
# path segments of unreserved characters without a trailing slash. Upper case is refused: the tagger compares
# after lower-casing, and the catalogue builds URLs from the entry as written.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,63}}")
_SEGMENT = re.compile(r"[a-z0-9._~%-]+")


def parse_website(entry: str) -> Website:
    """One websites entry, `host` or `host/path/prefix`; GazetteerError (saying what is wrong) otherwise."""
    host, slash, path = entry.partition("/")
    problem = None
    if entry != entry.strip() or not entry:
        problem = "blank or with spaces around it"
    elif "://" in entry:
        problem = "has a scheme: write the host (and path) alone"
    elif entry != entry.lower():
        problem = "has upper case: write it in lower case"
    elif not _HOST.fullmatch(host):
        problem = f"{host!r} is not a hostname (no port, user or IP address; at least two labels)"
    elif slash and not path:
        problem = "ends in '/': write a whole host without it"
    elif slash and (path.endswith("/") or not all(
            _SEGMENT.fullmatch(s) and s not in (".", "..") for s in path.split("/"))):
        problem = ("its path is not a section prefix (segments of a-z 0-9 . _ ~ % -, no query, no '.' or '..', "
                   "no empty segment, no trailing '/')")
    if problem is not None:
        raise GazetteerError(f"websites entry {entry!r} {problem}; an entry is a host (gxq.example.gov.cn) or "
                             "host/path of a portal's section (www.example.gov.cn/gxq)")
    return Website(host, "/" + path if slash else "")


def check_websites(zones: tuple[Zone, ...] | list[Zone], where: dict[str, str] | None = None) -> None:
    """Refuse (GazetteerError, every problem, each naming its rows by `where`: zone id -> "line 12") a websites
    column in which one page would belong to two entries: a host or section listed twice or under two zones, a
    host under another zone's host, a section of a host that is (or sits under) a zone's whole host, a section
    inside another section. The lookup itself cannot refuse them: it would silently keep one."""
    where = where or {}

    def row(zone_id: str) -> str:
        return f"{zone_id} ({where[zone_id]})" if zone_id in where else zone_id

    problems: list[str] = []
    hosts: dict[str, str] = {}  # bare host -> zone id
    sections: dict[str, list[tuple[str, str, Website]]] = {}  # bare host -> (path, zone id, entry)
    for zone in zones:
        for entry in zone.websites:
            try:
                site = parse_website(entry)
            except GazetteerError as exc:
                problems.append(f"{row(zone.id)}: {exc}")
                continue
            if site.path:
                for path, owner, other in sections.get(site.bare_host, ()):
                    inner, outer = sorted((path, site.path), key=len, reverse=True)
                    if inner == outer or inner.startswith(outer + "/"):
                        problems.append(f"{site} ({row(zone.id)}) overlaps {other} ({row(owner)})")
                sections.setdefault(site.bare_host, []).append((site.path, zone.id, site))
            elif site.bare_host in hosts:
                problems.append(f"{site} is listed under {row(hosts[site.bare_host])} and {row(zone.id)}")
            else:
                hosts[site.bare_host] = zone.id
    for host, zone_id in hosts.items():
        parent = host
        while parent.count(".") > 1:
            parent = parent.partition(".")[2]
            if parent in hosts and hosts[parent] != zone_id:
                problems.append(f"{host} ({row(zone_id)}) sits under {parent} ({row(hosts[parent])})")
    for host, entries in sections.items():
        parent = host
        while parent:
            if parent in hosts:
                for _path, zone_id, site in entries:
                    problems.append(f"{site} ({row(zone_id)}) is a section of {parent}, the whole site of "
                                    f"{row(hosts[parent])}: a section is only for a portal no zone owns")
            parent = parent.partition(".")[2] if parent.count(".") > 1 else ""
    if problems:
        raise GazetteerError("national-hitech-zones.csv, websites column: " + "; ".join(problems))


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("monitor.data").joinpath(filename).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    zones = []
    lines: dict[str, str] = {}
    for index, row in enumerate(_rows("national-hitech-zones.csv")):
        lines[row["id"]] = f"line {index + 2}"  # after the header; no cell of the file spans lines
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
    check_websites(zones, lines)
    return Gazetteer(zones)


@lru_cache(maxsize=1)
def load_places() -> tuple[Place, ...]:
    return tuple(Place(r["name"], r["province"], r["city"], r["zone"], r["needs_suffix"] == "yes")
                 for r in _rows("places.csv"))


@lru_cache(maxsize=1)
def load_ambiguous_aliases() -> tuple[AmbiguousAlias, ...]:
    return tuple(AmbiguousAlias(r["alias"], tuple(c for c in r["candidates"].split(";") if c), r["fallback"] or None,
                                r["note"]) for r in _rows("ambiguous-aliases.csv"))
