"""The store stage: the SQLModel tables (models), the database (db: engines, migrations, commit_retrying),
``Storage`` (sources and runs, the URL queue and fetch log, articles, clusters and tags) and read queries.

Names load on first use (PEP 562): storage writes the dedup stage's index rows, and the dedup stage reads
the tables, so importing storage here would make ``import monitor.dedup`` circular."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.store.storage import MAX_ATTEMPTS, Storage, StoreResult, end_running_runs

__all__ = ["MAX_ATTEMPTS", "Storage", "StoreResult", "end_running_runs"]

_HOMES = dict.fromkeys(__all__, "monitor.store.storage")


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
