"""Results of a pure function of a body text, kept for the bodies asked for most recently.

The dedup stage reads the same stored bodies again and again: a copy's original (a story is reposted
by several sites within days), the issues of a recurring report (each new issue is verified against the
last ones). Parsing a body into sentences and reading its facts cost ~1 ms each, more than the lookups
that found it. A ``Deduplicator`` lives for one page of a crawl, so the memo is per process, keyed by
the text itself (a revised article is another text), and bounded: the least recently used body leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["BodyMemo"]

T = TypeVar("T")


class BodyMemo(Generic[T]):
    def __init__(self, compute: Callable[[str], T], limit: int) -> None:
        self.compute = compute
        self.limit = limit
        self._found: dict[str, T] = {}  # in order of last use (a dict keeps insertion order)

    def __call__(self, body: str) -> T:
        found = self._found.pop(body, None)
        if found is None:
            found = self.compute(body)
            if len(self._found) >= self.limit:
                del self._found[next(iter(self._found))]
        self._found[body] = found
        return found

    def clear(self) -> None:
        self._found.clear()
