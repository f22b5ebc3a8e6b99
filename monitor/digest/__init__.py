"""The digest stage: what each subscriber gets, built by a pure function and sent exactly once.

``send_digests`` sends what is due (and resends unfinished digests), ``preview_digest`` builds one without
sending it, ``digest_status`` reports deliveries. Private: build (the pure builder), mailer, matching
(filters), subscribers, tokens (signed links), alerts (operator emails).

The names are loaded on first use (as in ``monitor.store``): a command that needs only
``monitor.digest.subscribers`` does not import delivery, channels and the dedup stage behind them
(about a third of a second at each start of the CLI).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.digest.delivery import DigestRunResult, digest_status, preview_digest, send_digests

__all__ = ["DigestRunResult", "digest_status", "preview_digest", "send_digests"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module("monitor.digest.delivery"), name)
