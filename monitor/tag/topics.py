"""Topics of an article from the operator-editable taxonomy (monitor/data/topics.yaml).

1. Sentences that quote a central document (a ``generic_sentences`` marker such as
   二十大报告 in them) and the taxonomy's ``generic`` phrases are blanked: every zone piece
   repeats them, so they say nothing about its topic.
2. Every topic phrase is found in one Aho-Corasick pass over the match key of title and body
   (the zone tagger's pass for topics and office words, or ``match``'s own); a hit inside one of the topic's
   negative phrases (民生 in 民生银行) does not count.
3. A topic's raw score is the sum of phrase weights, each phrase counted at most three times
   and a title hit twice; the topic is tagged when the score reaches the threshold. The
   reported score is raw / (2 * threshold), capped at 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick_rs

from monitor.errors import ConfigError
from monitor.items import TopicTag
from monitor.normalise import match_key
from monitor.yamlfile import load_yaml

__all__ = ["Topic", "Taxonomy", "TopicMatcher", "UnknownTopicError", "load_taxonomy", "validate_topic_ids"]

_MAX_COUNT = 3
_SENTENCE_REACH = 120  # characters `score` looks back for a sentence's start before reading the whole text
_SENTENCE_END = re.compile(r"[。！？!?；;\n|]")
_MADE_CACHE = 8192
_UNMADE = object()  # not yet in the cache (None is an answer)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    zh: str
    en: str
    phrases: tuple[tuple[str, float], ...]
    negative: tuple[str, ...]
    threshold: float


@dataclass(frozen=True, slots=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    generic: tuple[str, ...]
    generic_sentences: tuple[str, ...]

    def get(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def _parse(data: Any, where: str) -> Taxonomy:
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ConfigError(f"{where}: a mapping with a 'topics' list is required")
    default = float(data.get("threshold", 3.0))
    topics, seen = [], set()
    for i, item in enumerate(data["topics"]):
        tid = str(item.get("id") or "") if isinstance(item, dict) else ""
        if not tid or tid in seen:
            raise ConfigError(f"{where}: topic #{i + 1}: missing or duplicate 'id'")
        seen.add(tid)
        phrases = item.get("phrases") or {}
        if not isinstance(phrases, dict) or not phrases:
            raise ConfigError(f"{where}: topic {tid!r}: 'phrases' must map phrase -> weight")
        topics.append(Topic(tid, str(item.get("zh") or tid), str(item.get("en") or tid),
                            tuple((match_key(str(p)), float(w)) for p, w in phrases.items()),
                            tuple(match_key(str(n)) for n in item.get("negative") or ()),
                            float(item.get("threshold", default))))
    return Taxonomy(tuple(topics), tuple(match_key(str(g)) for g in data.get("generic") or ()),
                    tuple(match_key(str(g)) for g in data.get("generic_sentences") or ()))


class UnknownTopicError(ConfigError):
    """A topic id the taxonomy does not hold (the message lists the valid ones)."""


def validate_topic_ids(ids: Iterable[str], taxonomy: Taxonomy | None = None) -> tuple[str, ...]:
    """The topic ids as given (blank ones dropped), or UnknownTopicError naming the unknown ones and
    listing every valid id with its Chinese label."""
    taxonomy = taxonomy or load_taxonomy()
    wanted = tuple(i.strip() for i in ids if i and i.strip())
    unknown = [i for i in wanted if taxonomy.get(i) is None]
    if unknown:
        valid = ", ".join(f"{t.id} ({t.zh})" for t in taxonomy.topics)
        raise UnknownTopicError(f"unknown topic id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                                f"Valid topic ids: {valid}")
    return wanted


@lru_cache(maxsize=4)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy shipped in the package, or an operator's copy at `path`."""
    if path is None:
        text = resources.files("monitor.data").joinpath("topics.yaml").read_text(encoding="utf-8")
        where = "monitor/data/topics.yaml"
    else:
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise ConfigError(f"cannot read the topics file: {exc}") from None
    return _parse(load_yaml(text, where), where)


class _Phrase:
    """What one phrase of the taxonomy does: the topics it counts for, as (topic index, weight, key) with
    `key` telling (phrase, topic) pairs apart, and the rest (kind, topic index): kind 1 a topic's negative
    phrase, 2 a generic phrase, 3 a generic sentence marker. Built once, shared by all the phrase's hits."""

    __slots__ = ("positive", "other")

    def __init__(self, number: int, values: list[tuple[int, int, float]]) -> None:
        self.positive = tuple((topic, weight, (number << 10) | topic) for kind, topic, weight in values if kind == 0)
        self.other = tuple((kind, topic) for kind, topic, _ in values if kind)


class TopicMatcher:
    """Scores topics from phrase hits. `match` scans a text itself; the zone tagger instead puts
    `phrases` into its topic-and-office automaton and hands the hits to `score`."""

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        if len(self.taxonomy.topics) >= 1024:  # `score` packs the topic index into 10 bits
            raise ConfigError("the taxonomy holds more than 1023 topics")
        # value: (kind, topic index, weight); kind 0 positive, 1 negative, 2 generic, 3 sentence marker
        entries: dict[str, list[tuple[int, int, float]]] = {}
        for index, topic in enumerate(self.taxonomy.topics):
            for phrase, weight in topic.phrases:
                entries.setdefault(phrase, []).append((0, index, weight))
            for phrase in topic.negative:
                entries.setdefault(phrase, []).append((1, index, 0.0))
        for phrase in self.taxonomy.generic:
            entries.setdefault(phrase, []).append((2, -1, 0.0))
        for phrase in self.taxonomy.generic_sentences:
            entries.setdefault(phrase, []).append((3, -1, 0.0))
        self.phrases: dict[str, _Phrase] = {p: _Phrase(number, v) for number, (p, v) in enumerate(entries.items()) if p}
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._values: list[_Phrase] = list(self.phrases.values())
        # `score` reads hits by phrase index: each phrase's topics (None: none), padded with None for
        # the patterns another scan puts after the phrases (`pad`); and the phrases that blank or block
        self._positive: list[tuple[tuple[int, float, int], ...] | None] = [p.positive or None for p in self._values]
        self._other_indexes = frozenset(i for i, phrase in enumerate(self._values) if phrase.other)
        # the tag (or None: under the threshold) of a topic's raw score: building a frozen dataclass costs about
        # a microsecond, and scores recur (sums of a few weights); equal tags are shared
        self._made: dict[tuple[int, float], TopicTag | None] = {}

    def match(self, title_key: str, body_key: str) -> tuple[TopicTag, ...]:
        """Topics of a text given as match keys (see monitor.normalise.match_key)."""
        if self._automaton is None:
            self._automaton = ahocorasick_rs.AhoCorasick(list(self.phrases), matchkind=ahocorasick_rs.MatchKind.Standard)
        text = title_key + "|" + body_key
        return self.score(text, len(title_key), self._automaton.find_matches_as_indexes(text, overlapping=True))

    def pad(self, count: int) -> None:
        """Let `score` take the hits of a scan holding `count` patterns: the phrases first, in the order
        of `phrases`, then others (the tagger's office words), which it leaves out."""
        self._positive += [None] * (count - len(self._positive))

    @property
    def other_indexes(self) -> frozenset[int]:
        """The indexes of the phrases that blank or block (generic phrases, sentence markers, negative phrases)."""
        return self._other_indexes

    def score(self, text: str, title_end: int, matches: list[tuple[int, int, int]],
              skip: tuple[int, int] | None = None, others: list[tuple[int, int, int]] | None = None
              ) -> tuple[TopicTag, ...]:
        """Topics from every hit of an overlapping scan of `text`, as the scan returns them: (phrase index, start,
        end exclusive), in order of end (read as they come: no tuple is built per hit); hits ending by `title_end`
        are in the title; hits starting strictly between the two ends of `skip` (the byline, between title and
        body) are left out. `others`: the hits of `other_indexes` among `matches`, when the caller has them
        (the tagger picks them out with its office words, in one pass over the hits)."""
        other_indexes = self._other_indexes
        if others is None:
            others = [m for m in matches if m[0] in other_indexes]
        if skip is not None:
            low, high = skip
            matches = [m for m in matches if not low < m[1] < high]
            others = [m for m in others if not low < m[1] < high]
        positive, values = self._positive, self._values
        # each topic's score by index (a list: a few topics, and an item is cheaper to add to than a dict's entry),
        # summed in the same order as before
        scores = [0.0] * len(self.taxonomy.topics)
        counts: dict[int, int] = {}  # hits counted per (topic, phrase)
        seen_of = counts.get
        if not others:  # nothing blanked, nothing negative
            for _index, _start, stop in matches:
                entries = positive[_index]
                if entries is None:
                    continue
                for topic, weight, key in entries:
                    seen = seen_of(key, 0)
                    if seen < _MAX_COUNT:
                        counts[key] = seen + 1
                        scores[topic] += weight + weight if stop <= title_end else weight
            return self._tags(scores)
        everywhere: list[tuple[int, int]] = []  # blanked for every topic: start, last (inclusive)
        negative: dict[int, list[tuple[int, int]]] = {}
        for index, start, stop in others:
            for kind, topic in values[index].other:
                if kind == 1:
                    negative.setdefault(topic, []).append((start, stop - 1))
                elif kind == 2:
                    everywhere.append((start, stop - 1))
                else:
                    # the sentence's start: looked for in the characters just before first (a sentence is seldom
                    # longer); the whole text before only when none of its ends is there (the same last end)
                    left = max(text.rfind(c, max(0, start - _SENTENCE_REACH), start) for c in "。！？；;|")
                    if left < 0:
                        left = max(text.rfind(c, 0, start) for c in "。！？；;|")
                    found = _SENTENCE_END.search(text, stop - 1)
                    everywhere.append((left + 1, found.start() if found else len(text)))
        mask = bytearray(len(text) + 1)  # 1: blanked for every topic
        for b0, b1 in everywhere:
            mask[b0:b1 + 1] = b"\x01" * (b1 + 1 - b0)
        for index, start, stop in matches:
            entries = positive[index]
            if entries is None:
                continue
            last = stop - 1
            if mask[start] or mask[last]:
                continue
            for topic, weight, key in entries:
                seen = seen_of(key, 0)
                if seen == _MAX_COUNT:  # cheapest test first: most repeats of a phrase are past the cap
                    continue
                if topic in negative and any(b0 <= start and last <= b1 for b0, b1 in negative[topic]):
                    continue  # (most topics have no negative phrase hit: one dict test, not a call)
                counts[key] = seen + 1
                scores[topic] += weight + weight if last < title_end else weight
        return self._tags(scores)

    def _tags(self, scores: list[float]) -> tuple[TopicTag, ...]:
        """`scores`: by topic index, 0.0 for a topic no hit counted for (every weight is positive)."""
        tags = []
        made = self._made
        for index, raw in enumerate(scores):
            if not raw:
                continue
            tag = made.get((index, raw), _UNMADE)
            if tag is _UNMADE:
                topic = self.taxonomy.topics[index]
                tag = made[(index, raw)] = TopicTag(topic.id, topic.zh, round(min(1.0, raw / (2 * topic.threshold)), 3)) \
                    if raw >= topic.threshold else None
            if tag is not None:
                tags.append(tag)
        if len(made) > _MADE_CACHE:
            made.clear()  # bounded; clearing (not evicting one) is safe if threads share the matcher
        tags.sort(key=lambda t: (-t.score, t.topic_id))
        return tuple(tags)
