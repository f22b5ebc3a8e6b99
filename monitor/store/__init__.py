"""The store stage: the database (engine, schema check, the one retrying commit) and the repositories.

Public interface:

* ``Sources``, ``CrawlRuns`` (sources.py): source rows and crawl runs;
* ``UrlQueue``, ``FetchHistory``, ``MAX_ATTEMPTS`` (queue.py): discovered URLs, raw pages, the fetch log
  and list validators;
* ``Articles``, ``StoreResult`` (articles.py): articles, clusters, tags and the dedup index rows;
* ``Repositories`` (repositories.py): all of them over one session;
* ``db``: ``make_engine``, ``session_scope``, ``commit_retrying``, ``upgrade``, ``require_current``,
  ``database_error``; ``models``: the tables; ``queries``: the article listing.

Each repository's docstring says which of its methods commit. Every commit goes through
``db.commit_retrying``: a transaction whose connection was lost is run once more on a new one.

The names are loaded on first use: articles.py builds on the dedup index, whose modules import
``monitor.store.models``, so importing them here eagerly would be an import cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.store.articles import Articles, StoreResult
    from monitor.store.db import commit_retrying, commit_together, make_engine, session_scope
    from monitor.store.queue import MAX_ATTEMPTS, FetchHistory, UrlQueue
    from monitor.store.repositories import Repositories
    from monitor.store.sources import CrawlRuns, Sources

_HOMES = {
    "Sources": "sources", "CrawlRuns": "sources",
    "UrlQueue": "queue", "FetchHistory": "queue", "MAX_ATTEMPTS": "queue",
    "Articles": "articles", "StoreResult": "articles",
    "Repositories": "repositories",
    "make_engine": "db", "session_scope": "db", "commit_retrying": "db", "commit_together": "db",
}

__all__ = ["Articles", "CrawlRuns", "FetchHistory", "MAX_ATTEMPTS", "Repositories", "Sources", "StoreResult",
           "UrlQueue", "commit_retrying", "commit_together", "make_engine", "session_scope"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"monitor.store.{home}"), name)
