"""The tag stage: which national high-tech zones an article is about, and which it mentions.

Thin version: names and aliases from the gazetteer are matched longest first without
overlaps on the match key of title and body. A zone named in the title, in the source's
default zones, or named most often is a ``subject``; every other zone found is
``mentioned``. The score grows with the count and a title mention.
"""

from __future__ import annotations

import re
from collections import Counter

from .gazetteer import Gazetteer, load_gazetteer
from .items import TagSet, ZoneTag
from .normalise import match_key

__all__ = ["ZoneTagger"]


class ZoneTagger:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        names = self.gazetteer.names()
        # Keys that are too generic to mean one zone on their own are left out.
        self._zone_by_key = {match_key(name): zone for name, zone in names.items() if len(name) >= 3}
        ordered = sorted(self._zone_by_key, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(key) for key in ordered))

    def _count(self, text: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for match in self._pattern.finditer(match_key(text)):
            counts[self._zone_by_key[match.group(0)].id] += 1
        return counts

    def tag(self, title: str, body: str, default_zones: tuple[str, ...] = (), byline: str = "") -> TagSet:
        """`byline` is the author's post: a zone named there is what a signed piece is about."""
        in_title = self._count(title) + self._count(byline)
        in_body = self._count(body)
        total = in_title + in_body
        for zone_id in default_zones:
            total[zone_id] += 0  # present even if never named
        if not total:
            return TagSet()
        top = max(total.values())
        tags = []
        for zone_id, count in total.items():
            zone = self.gazetteer.get(zone_id)
            if zone is None:
                continue
            subject = zone_id in in_title or zone_id in default_zones or count == top
            score = round(min(1.0, 0.2 * count + (0.4 if zone_id in in_title else 0.0)), 3)
            tags.append(ZoneTag(zone_id, zone.full_name, "subject" if subject else "mentioned", score))
        tags.sort(key=lambda t: (t.role != "subject", -t.score, t.zone_id))
        return TagSet(zones=tuple(tags))
