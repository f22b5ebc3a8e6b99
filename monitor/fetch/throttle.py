"""In-memory sliding-window limits for the public web form (one web process; several `serve`
processes each keep their own, which still bounds what one of them can be made to send)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["Throttle"]

_PRUNE_AT = 10_000  # keys kept before the stale ones are dropped, so memory stays bounded


class Throttle:
    """At most `limit` events per key within `window` seconds. Thread-safe: the web app's handlers run in
    Starlette's thread pool, and two requests counted at once must not both take the last place."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self._clock = limit, window, clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for `key` if the limit allows it; False (nothing counted) if not."""
        with self._lock:
            now = self._clock()
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > _PRUNE_AT:
                self._prune(now)
            return True

    def retry_after(self, key: str) -> int:
        """Whole seconds until `key` may have another event."""
        with self._lock:
            events = self._events.get(key)
            if not events or len(events) < self.limit:
                return 0
            return max(1, int(self.window - (self._clock() - events[0])) + 1)

    def _prune(self, now: float) -> None:
        for key in [k for k, events in self._events.items() if not events or now - events[-1] >= self.window]:
            del self._events[key]
