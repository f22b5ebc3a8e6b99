"""The repositories over one session, for the code that uses several of them in one unit of work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session

from monitor.store.articles import Articles
from monitor.store.queue import FetchHistory, UrlQueue
from monitor.store.sources import CrawlRuns, Sources

__all__ = ["Repositories"]


@dataclass(frozen=True, slots=True)
class Repositories:
    """A crawl's or a backfill's repositories, all on ``session`` (see each for which methods commit)."""

    session: Session
    sources: Sources
    runs: CrawlRuns
    queue: UrlQueue
    fetches: FetchHistory
    articles: Articles

    @classmethod
    def over(cls, session: Session, priorities: Mapping[str, int] | None = None) -> Repositories:
        """``priorities``: source name -> priority (sources file), the tie-break of a cluster's canonical member."""
        return cls(session, Sources(session), CrawlRuns(session), UrlQueue(session), FetchHistory(session),
                   Articles(session, priorities))
