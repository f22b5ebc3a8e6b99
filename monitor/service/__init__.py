"""The service stage: ``serve`` (the scheduler: crawls, digests, maintenance, with the web app, /healthz and
/metrics), ``run_backfill``, and what they use: health (source alerts), metrics, locks.

Names load on first use (PEP 562): the CLI takes ``monitor.service.locks`` for every write command, which
must not pull in the scheduler and the web server."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.service.backfill import BackfillWindow, run_backfill
    from monitor.service.scheduler import serve

__all__ = ["BackfillWindow", "run_backfill", "serve"]

_HOMES = {"BackfillWindow": "monitor.service.backfill", "run_backfill": "monitor.service.backfill",
          "serve": "monitor.service.scheduler"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
