"""Related coverage: independent reports of one event by different outlets, a level above copies.

Two stories (clusters) report the same event when they are about the same zone, happened on the same
day, and share the event's particulars: its figures (quantities), people or organisations. Their
wording differs (else they would be copies), so shingles say nothing here; the facts do: the zones
and people of the tag stage (stored with each article) and the figures of ``dedup/facts.py``.
Storage (``Articles.store_article``) links a new story to the best stored report of its zone and days;
each report stays its own article and cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.dedup.facts import Figures

__all__ = ["EVENT_WINDOW", "EventMatch", "Report", "can_score", "event_match"]

EVENT_WINDOW = timedelta(days=2)  # reports of one event are published within this of each other
_MIN_SCORE = 3  # two shared figures, or a shared figure and a shared person (and the day)


@dataclass(frozen=True, slots=True)
class Report:
    """What event grouping compares of a story."""

    subjects: frozenset[str]  # subject zones
    people: frozenset[str]
    figures: Figures
    published: datetime | None


@dataclass(frozen=True, slots=True)
class EventMatch:
    score: int
    shared: tuple[str, ...]  # the particulars both reports give


def _days(figures: Figures) -> frozenset[str]:
    """The days a report names ("5-25"), without the year (a brief leaves it out)."""
    return frozenset(d for d in figures.dates if d.count("-") == 1 and len(d.split("-")[0]) <= 2)


def event_match(mine: Report, theirs: Report) -> EventMatch | None:
    """The match of two reports, or None when they report different events."""
    if not (mine.subjects & theirs.subjects):
        return None
    my_days, their_days = _days(mine.figures), _days(theirs.figures)
    if my_days and their_days and not (my_days & their_days):
        return None  # each names the day it happened: not the same day
    if not (my_days & their_days):
        a, b = mine.published, theirs.published
        if a is None or b is None or abs(a - b) > EVENT_WINDOW:
            return None
    quantities = mine.figures.quantities & theirs.figures.quantities
    people = mine.people & theirs.people
    if not can_score(len(quantities), len(people)):
        return None
    return EventMatch(_score(len(quantities), len(people)), tuple(sorted(quantities | people | (my_days & their_days))))


def _score(quantities: int, people: int) -> int:
    return 2 * quantities + people


def can_score(quantities: int, people: int) -> bool:
    """Whether two reports sharing this many figures (quantities) and people can match (on the same day).
    A figure is what tells the event apart: the zone's officials attend every event of their zone."""
    return quantities > 0 and _score(quantities, people) >= _MIN_SCORE
