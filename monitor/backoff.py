"""The one backoff policy: how long to wait after a failed try, and how many tries there are.

``Backoff.delay(failures)`` after the n-th failed try (n >= 1)::

    min(cap, base * factor ** (n - 1)) * uniform(1 - jitter, 1 + jitter), never above limit

``cap`` stops the growth while the jitter still spreads the waits around it (delivery retries of one
outage do not all fall due at once); ``limit`` is a hard bound, jitter included (a fetch never waits
longer than MONITOR_RETRY_MAX_WAIT). Every retry of the project takes its numbers from here:

=================  =====================================  ==================================
policy             used by                                waits
=================  =====================================  ==================================
``fetch_backoff``  fetch/fetcher.py, within one fetch      MONITOR_RETRY_BACKOFF, doubling,
                                                          ±50 %, at most MONITOR_RETRY_MAX_WAIT;
                                                          MONITOR_FETCH_RETRIES + 1 tries
``URL_RETRY``      store/queue.py, a failed item URL       10 min, doubling, up to 21 h 20 min;
                   (``next_attempt_at``, later runs)       5 tries
``DELIVERY_RETRY`` digest/delivery.py, a digest a server   2 min, doubling, up to 1 h, ±20 %;
                   refused for now (``next_attempt_at``)   8 sends
``COMMIT_RETRY``   store/db.py ``commit_retrying``         at once, on a new connection; 2 tries
=================  =====================================  ==================================

A small module rather than tenacity or stamina: only the fetch retries in a loop around a call (and that
loop also honours Retry-After, the fetch deadline and the origin's rate limit); a URL's and a digest's
next try is a time stored in the database and acted on by a later run. What they share is the delay
and the number of tries, which a retry decorator does not hand out on their own.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.settings import Settings

__all__ = ["Backoff", "COMMIT_RETRY", "DELIVERY_RETRY", "URL_RETRY", "fetch_backoff"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Backoff:
    attempts: int  # tries in all, the first one included
    base: float = 0.0  # seconds waited after the first failed try
    factor: float = 2.0
    cap: float = math.inf  # the growth stops here (the jitter still applies)
    jitter: float = 0.0  # relative: 0.2 spreads each wait over ±20 %
    limit: float = math.inf  # no wait is longer, jitter included

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base < 0 or self.factor < 1 or not 0 <= self.jitter <= 1:
            raise ValueError(f"not a backoff policy: {self!r} (attempts >= 1, base >= 0, factor >= 1, 0 <= jitter <= 1)")

    def delay(self, failures: int) -> float:
        """Seconds to wait after the ``failures``-th failed try (1 for the first)."""
        try:
            grown = self.base * self.factor ** max(0, failures - 1) if self.base else 0.0
        except OverflowError:
            grown = math.inf
        wait = min(self.cap, grown)
        if self.jitter:
            wait *= random.uniform(1 - self.jitter, 1 + self.jitter)
        return min(wait, self.limit)

    def exhausted(self, tries: int) -> bool:
        """Whether ``tries`` tries (failed ones) leave none to make."""
        return tries >= self.attempts


URL_RETRY = Backoff(attempts=5, base=600.0, cap=600.0 * 2 ** 7)
DELIVERY_RETRY = Backoff(attempts=8, base=120.0, cap=3600.0, jitter=0.2)
COMMIT_RETRY = Backoff(attempts=2)


def fetch_backoff(settings: Settings) -> Backoff:
    """The retries within one fetch, from MONITOR_FETCH_RETRIES, MONITOR_RETRY_BACKOFF and MONITOR_RETRY_MAX_WAIT."""
    return Backoff(attempts=settings.fetch_retries + 1, base=settings.retry_backoff, jitter=0.5,
                   limit=settings.retry_max_wait)
