"""Per-process memos of pure functions of an article body (its parsed sentences, its story facts), shared by the
dedup check and the reading of stored candidates."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from monitor.dedup.facts import StoryFacts, story_facts
from monitor.dedup.minhash import ParsedSentence, parse

__all__ = ["FACTS", "PARSED", "Memo"]

V = TypeVar("V")


class Memo(Generic[V]):
    """The last ``size`` results of a pure function of a body, by body text; ``put`` adds one computed elsewhere
    (a worker process's, with its page: ``functools.lru_cache`` cannot be given one)."""

    def __init__(self, compute: Callable[[str], V], size: int) -> None:
        self._compute, self._size = compute, size
        self._found: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()  # several database threads check at once (PostgreSQL)

    def __call__(self, body: str) -> V:
        with self._lock:
            found = self._found.get(body)
            if found is not None:
                self._found.move_to_end(body)
                return found
        value = self._compute(body)
        self.put(body, value)
        return value

    def peek(self, body: str) -> V | None:
        """The value if at hand, without computing it."""
        with self._lock:
            return self._found.get(body)

    def put(self, body: str, value: V) -> None:
        with self._lock:
            self._found[body] = value
            self._found.move_to_end(body)
            if len(self._found) > self._size:
                self._found.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


# Per process, by body text: the sentences of the bodies checked and verified lately (a copy's original, a recurring
# report's last issues), and their facts (one tagging pass each). A Deduplicator lives for one page of a crawl, so a
# cache of its own never served the next page; both functions are pure, and a revised article is another text. Bounded
# by memory: ~16 KB per parsed news body (numpy arrays of token ids), ~6 KB per body's facts, besides the body itself.
PARSED: Memo[list[ParsedSentence]] = Memo(parse, 1024)
FACTS: Memo[StoryFacts] = Memo(story_facts, 2048)
