"""The subject decision from evidence: a small logistic model over features of each (text, zone) pair.

The tagger's rules (`tagger.ZoneTagger._zone_tags`) decide from wording; this module describes each candidate zone by
general evidence the tagger has already found (where it is named, how often, how its mentions sit: in a person's post,
in a list, after a comparison, in another name's place; whether it opens a sentence as its actor; the site's and the
source's zone; how many zones the text names; a headline about the kind of zone) and weighs that evidence with
weights fitted on the tune halves of the real-text set (tests/data/tagging_real) by ``bench/subject_fit.py``. The
weights below are that script's output, pasted; ``tests/test_tag_subject_model.py`` checks that they reproduce.

Pure functions of plain values: the tagger computes what they read, nothing here scans text but `opens_sentence`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import mul

__all__ = ["FEATURES", "MODEL_BRANCH", "MODEL_MIN_BODY", "Candidate", "confirmed", "decide", "evidence", "opens_sentence", "probability"]

# Feature names, in the order of a row. Every value is in [0, 1] or a small count's log, so that weights compare.
FEATURES = (
    "title",            # named in the headline
    "byline",           # named in the author's post
    "default",          # the site's or the source's zone
    "other_headline",   # the headline names zones, not this one
    "other_default",    # the site or source has a zone, not this one
    "headline_many",    # the headline names three zones or more (a ranking)
    "log_body",         # log(1 + mentions in the body, any kind)
    "plain_share",      # share of the body mentions that are plain (not in a list, comparison, remit, career ...)
    "first_in_lead",    # first body mention in the first paragraph
    "first_pos",        # where the first body mention is, 0 (start) .. 1 (end or none)
    "aside",            # every mention aside (list, comparison, former post, one post in a roll)
    "post_share",       # share of the body mentions inside a person's post
    "list_share",       # share of the body mentions as items of a list or a tour
    "side_share",       # share of the body mentions after comparison words, in a remit, a career, a partner, a facility,
                        # an organisation's address
    "log_zones",        # log(number of distinct zones in the text)
    "score_ratio",      # its salience over the text's highest
    "top",              # the highest salience of the text (ties included)
    "mention_share",    # its share of all zone mentions of the text
    "kind_headline",    # the headline names the kind of zone (国家高新区) and no zone
    "own_title",        # the headline speaks as a zone (来区, 我区)
    "leader",           # named in the post of the one who leads a visiting party
    "actor",            # some mention opens its sentence (after a date at most): the main clause's actor
    "listed_many",      # the text lists three zones or more
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One zone the tagger found in a text, with the evidence about it (`FEATURES`, in order)."""

    zone_id: str
    row: tuple[float, ...]


_SIDE = frozenset(("compare", "remit", "career", "partner", "facility", "address"))
_BODY = frozenset(("body", "list")) | _SIDE
_SENTENCE_ENDS = ("。", ";", "!", "?", "|")  # in a match key, full-width marks are ASCII and line breaks are gone
# what may open a sentence before its actor: a date or a time (2024年3月5日上午,), nothing else
_OPENING = re.compile(r"(?:[0-9]{1,4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}[日号])?"
                      r"(?:上午|下午|晚上|晚|上旬|中旬|下旬|近日|日前|近期|目前|今年以来|昨天|今天|近年来)?,?")
_OPENING_SPAN = 16
# every character `_OPENING` matches (none is a sentence end)
_OPENING_CHARS = frozenset("0123456789年月日号上下午晚中旬近前期目今以来昨天,")


def opens_sentence(body_k: str, position: int) -> bool:
    """Whether the zone named at `position` of the body's match key opens its sentence, after a date at most
    (3月5日,成都高新区召开…): the zone is what the sentence is about, the actor of its main clause.

    Read backwards over the characters a date may hold (most mentions stop at the first: 发挥潍坊高新区), to the
    sentence's end before it or the body's start, at most `_OPENING_SPAN` characters back; then the date is checked."""
    stop = max(0, position - _OPENING_SPAN)
    at = position - 1
    while at >= stop and body_k[at] in _OPENING_CHARS:
        at -= 1
    if at >= stop:
        if body_k[at] not in _SENTENCE_ENDS:
            return False  # something other than a date comes first in the sentence
    elif stop > 0:
        return False  # the sentence began further back than a date reaches
    return _OPENING.fullmatch(body_k, at + 1, position) is not None


def evidence(score: dict[str, float], mentions: Sequence[tuple[str, str, int]], defaults: Sequence[str],
             headline: set[str], aside: set[str], lead_end: int, body_k: str, posts: Iterable[tuple[int, int, bool]],
             kind_headline: bool, own_title: bool, leaders: set[str], listed: set[str],
             only: set[str] | None = None) -> list[Candidate]:
    """One `Candidate` per zone of `score` (the tagger's salience, a zone per key; of `only` when given: the zones the
    model is asked about, the rest of the text read for its text-level evidence alone), from the mentions
    (zone, section, position: the body's positions in `body_k`), the source's and site's zones, the zones named in the
    headline, the zones set aside, where the lead ends, the posts' spans in the body, and the text-level cues."""
    text = _Text(score, mentions, defaults, headline, aside, lead_end, body_k, kind_headline, own_title, leaders, listed)
    by_zone = _by_zone(mentions, only)
    posts_at = _Posts(posts)
    out = []
    for zone_id, salience in score.items():
        if only is None or zone_id in only:
            reading = _Reading(by_zone.get(zone_id, []), posts_at)
            out.append(Candidate(zone_id, text.row(zone_id, salience, reading, reading.actor(body_k))))
    return out


def _by_zone(mentions: Sequence[tuple[str, str, int]], only: set[str] | None) -> dict[str, list[tuple[str, int]]]:
    """(section, position) of each zone's mentions, of the zones in `only` when given."""
    by_zone: dict[str, list[tuple[str, int]]] = {}
    for zone_id, section, position in mentions:
        if only is None or zone_id in only:
            held = by_zone.get(zone_id)
            if held is None:
                held = by_zone[zone_id] = []
            held.append((section, position))
    return by_zone


class _Posts:
    """The posts' spans in the body, sorted, overlapping ones joined (a shared post is given to each of its names):
    built at the first question."""

    __slots__ = ("posts", "spans", "starts")

    def __init__(self, posts: Iterable[tuple[int, int, bool]]) -> None:
        self.posts = posts
        self.spans: list[tuple[int, int]] | None = None
        self.starts: list[int] = []

    def _build(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for start, end in sorted((start, end) for start, end, _ in self.posts):
            if spans and start < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        self.spans, self.starts = spans, [start for start, _ in spans]
        return spans

    def count(self, positions: list[int]) -> int:
        """How many of `positions` (sorted) are inside a post: by bisection, post by post (posts are few)."""
        inside = 0
        for start, end in self.spans if self.spans is not None else self._build():
            inside += bisect_left(positions, end) - bisect_left(positions, start)
        return inside

    def holds(self, position: int) -> bool:
        spans = self.spans if self.spans is not None else self._build()
        at = bisect_right(self.starts, position) - 1
        return at >= 0 and position < spans[at][1]


class _Reading:
    """One zone's mentions counted: in the title, the byline, the body (plain, listed, in a post), the first in the
    body. Whether one opens a sentence is read apart (`actor`): the costliest part, often not needed."""

    __slots__ = ("in_title", "in_byline", "count", "n", "plain", "listed", "in_post", "first", "positions", "posts")

    def __init__(self, held: list[tuple[str, int]], posts: _Posts) -> None:
        # one loop over the few mentions (a zone has a handful): cheaper than a comprehension per count
        in_title = in_byline = False
        n = listed = 0
        first = -1
        plain: list[int] = []
        for section, position in held:
            if section == "body":
                plain.append(position)
            elif section == "list":
                listed += 1
            elif section not in _BODY:
                in_title = in_title or section == "title"
                in_byline = in_byline or section == "byline"
                continue
            n += 1
            if first < 0 or position < first:
                first = position
        plain.sort()
        self.in_title, self.in_byline, self.count, self.n, self.plain, self.listed, self.first = (
            in_title, in_byline, len(held), n, len(plain), listed, first)
        self.in_post = posts.count(plain) if plain and posts.posts else 0
        self.positions, self.posts = plain, posts

    def actor(self, body_k: str) -> int:
        """1 when a plain mention outside every post opens its sentence (`opens_sentence`, its first step inline:
        most mentions follow a character that is neither a sentence's end nor part of a date)."""
        for position in self.positions:
            before = body_k[position - 1] if position else "|"
            if (before in _SENTENCE_ENDS or (before in _OPENING_CHARS and opens_sentence(body_k, position))) \
                    and not (self.in_post and self.posts.holds(position)):
                return 1
        return 0


class _Text:
    """What every row of one text shares, and the row of one zone from its counts (`evidence` and `confirmed`)."""

    __slots__ = ("defaults", "headline", "aside", "lead_end", "leaders", "total", "top", "length", "levels",
                 "has_headline", "has_defaults")

    def __init__(self, score: dict[str, float], mentions: Sequence[tuple[str, str, int]], defaults: Sequence[str],
                 headline: set[str], aside: set[str], lead_end: int, body_k: str, kind_headline: bool,
                 own_title: bool, leaders: set[str], listed: set[str]) -> None:
        self.defaults, self.headline, self.aside, self.lead_end, self.leaders = (defaults, headline, aside, lead_end,
                                                                                 leaders)
        self.total = len(mentions)
        self.top = max(score.values(), default=0.0)
        self.length = max(1, len(body_k))
        self.levels = (float(len(headline) >= 3), math.log(max(1, len(score))), float(kind_headline),
                       float(own_title), float(len(listed) >= 3))
        self.has_headline, self.has_defaults = bool(headline), bool(defaults)

    def row(self, zone_id: str, salience: float, reading: _Reading, actor: int) -> tuple[float, ...]:
        """The zone's row (`FEATURES`) from its `reading` and whether it is a sentence's actor."""
        n, first, levels = reading.n, reading.first, self.levels
        share = 1.0 / n if n else 0.0
        return (float(reading.in_title), float(reading.in_byline), float(zone_id in self.defaults),
                float(self.has_headline and zone_id not in self.headline),
                float(self.has_defaults and zone_id not in self.defaults),
                levels[0], math.log1p(n), reading.plain * share,
                float(first >= 0 and first < self.lead_end), min(1.0, first / self.length) if first >= 0 else 1.0,
                float(zone_id in self.aside), reading.in_post * share, reading.listed * share,
                (n - reading.plain - reading.listed) * share, levels[1], salience / self.top if self.top > 0 else 0.0,
                float(salience == self.top), reading.count / self.total if self.total else 0.0,
                levels[2], levels[3], float(zone_id in self.leaders), float(actor), levels[4])


# Where and how the model takes part: on texts whose body alone decides (`MODEL_BRANCH`: no zone in the headline or
# byline, no site or source zone) the rules propose and the model may only take a subject away (a veto). That is the one
# use the runtime has: bench/subject_fit.py also tries the model deciding alone and wider scopes, and its cross-validation
# on the tune halves chose this one (its --check fails should it ever choose another). `decide` and its fast path
# `confirmed` are both built for it alone.
MODEL_BRANCH = "body"
# ... of a body this long at least (characters of its match key): the tune texts it is fitted on are all longer (the
# shortest, 96), and its position features are relative to the length, so that a one-sentence text's zone named
# halfway reads as a late one. Below it the model has seen nothing; the rules decide (bench/subject_fit.py checks
# that no fitted text is shorter).
MODEL_MIN_BODY = 80

# Fitted by bench/subject_fit.py on the tune halves (see its docstring); pasted from its output.
WEIGHTS: tuple[float, ...] = (
    0.0,  # title
    0.0,  # byline
    0.0,  # default
    0.0,  # other_headline
    0.0,  # other_default
    0.0,  # headline_many
    0.5951,  # log_body
    0.3592,  # plain_share
    0.516,  # first_in_lead
    -0.93,  # first_pos
    -0.3775,  # aside
    0.4464,  # post_share
    -0.2898,  # list_share
    -0.4776,  # side_share
    -0.2296,  # log_zones
    0.2635,  # score_ratio
    0.2046,  # top
    0.5489,  # mention_share
    -0.305,  # kind_headline
    0.0,  # own_title
    0.4583,  # leader
    0.3337,  # actor
    -0.3131,  # listed_many
)
BIAS = -1.719
THRESHOLD = 0.5


def probability(row: Sequence[float], weights: Sequence[float] = WEIGHTS, bias: float = BIAS) -> float:
    """The model's probability that the zone described by `row` is a subject of its text."""
    z = bias + sum(map(mul, weights, row))
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def decide(candidates: Sequence[Candidate], proposed: set[str], weights: Sequence[float] = WEIGHTS,
           bias: float = BIAS, threshold: float = THRESHOLD) -> set[str]:
    """The subjects among `candidates`: those of `proposed` (the rules' subjects) whose probability reaches the
    threshold. The model vetoes; it never adds a subject."""
    return {c.zone_id for c in candidates if c.zone_id in proposed and probability(c.row, weights, bias) >= threshold}


_POST, _ACTOR = FEATURES.index("post_share"), FEATURES.index("actor")
# the weights `confirmed` reads, by name: every feature but those of the headline and the default, which are 0 for a
# text of `MODEL_BRANCH` (a test holds this list to FEATURES)
_STEP_ONE = ("post_share", "actor", "plain_share", "log_zones", "own_title", "kind_headline", "listed_many", "log_body",
             "mention_share", "first_pos", "score_ratio", "first_in_lead", "aside", "top", "leader", "list_share",
             "side_share")
_NOT_IN_BODY_BRANCH = ("title", "byline", "default", "other_headline", "other_default", "headline_many")


@lru_cache(maxsize=8)
def _terms(weights: tuple[float, ...], threshold: float) -> tuple[float, ...]:
    """The threshold's logit and the weights `confirmed` reads by name (once per set of weights, not per text)."""
    named = dict(zip(FEATURES, weights, strict=True))
    return (math.log(threshold / (1.0 - threshold)), *(named[name] for name in _STEP_ONE))
_MARGIN = 1e-9  # a bound this close to the threshold's logit is no decision (rounding): the zone is read in full


def confirmed(proposed: set[str], score: dict[str, float], counts: dict[str, int], first: dict[str, int],
              listed: set[str], sided: set[str], mentions: Sequence[tuple[str, str, int]], aside: set[str],
              lead_end: int, body_k: str, posts: Sequence[tuple[int, int, bool]], own_title: bool,
              kind_headline: bool, leaders: set[str], weights: Sequence[float] = WEIGHTS, bias: float = BIAS,
              threshold: float = THRESHOLD) -> set[str]:
    """`decide(evidence(...), proposed)` for a text whose body alone decides (`MODEL_BRANCH`: no zone in the headline
    or byline, no default): the same answer with less work, in three steps, each taken only for
    the zones the one before leaves near the threshold (the extremes of what is not yet read on either side of it):
    1. the tagger's own `counts`, `first` body positions, `listed` and `sided` zones (a comparison, a remit, a career,
       a partner, a facility) give every feature of a zone never listed nor sided but its share of mentions inside a
       post (0 when the text has no post) and whether it opens a sentence;
    2. its mentions read (`_Reading`): all but the sentence opening, as corrections to step 1's sum;
    3. the sentence opening, and the model's probability from the zone's whole row."""
    (cut, post_w, actor_w, plain_w, log_zones_w, own_title_w, kind_headline_w, listed_many_w, log_body_w,
     mention_share_w, first_pos_w, score_ratio_w, first_in_lead_w, aside_w, top_w, leader_w, list_w, side_w) = (
        _DEFAULT_TERMS if weights is WEIGHTS and threshold == THRESHOLD else _terms(tuple(weights), threshold))
    low = (actor_w if actor_w < 0 else 0.0) + (post_w if posts and post_w < 0 else 0.0)
    high = (actor_w if actor_w > 0 else 0.0) + (post_w if posts and post_w > 0 else 0.0)
    # step 1: `_Text.row`'s terms for such a text (no headline, no default) and such a zone (every mention plain:
    # plain share 1, list and side shares 0); tests hold this to `row`
    total, top, length = len(mentions), max(score.values()), max(1, len(body_k))
    common = (bias + log_zones_w * math.log(max(1, len(score))) + (own_title_w if own_title else 0.0)
              + (kind_headline_w if kind_headline else 0.0) + (listed_many_w if len(listed) >= 3 else 0.0) + plain_w)
    kept: set[str] = set()
    unsure: dict[str, float | None] = {}  # zone: its step-1 logit (None: no body mention, read in full)
    for zone_id in proposed:
        at = first.get(zone_id, -1)
        if at < 0:
            unsure[zone_id] = None
            continue
        n = counts[zone_id]  # no headline zone: every mention is in the body
        salience = score[zone_id]
        z = (common + log_body_w * math.log1p(n) + mention_share_w * (n / total) + first_pos_w * min(1.0, at / length)
             + score_ratio_w * (salience / top) + (first_in_lead_w if at < lead_end else 0.0)
             + (aside_w if zone_id in aside else 0.0) + (top_w if salience == top else 0.0)
             + (leader_w if zone_id in leaders else 0.0))
        if zone_id in listed or zone_id in sided:
            unsure[zone_id] = z  # its list and side shares are not known yet
        elif z + low >= cut + _MARGIN:
            kept.add(zone_id)
        elif z + high >= cut - _MARGIN:
            unsure[zone_id] = z
    if not unsure:
        return kept
    # step 2: the shares read off the mentions correct the step-1 logit (which took every mention as plain); step 3
    by_zone = _by_zone(mentions, set(unsure))
    posts_at = _Posts(posts)
    text: _Text | None = None
    for zone_id, z in unsure.items():
        reading = _Reading(by_zone[zone_id], posts_at)
        if z is not None:
            share = 1.0 / reading.n
            z += (plain_w * (reading.plain * share - 1.0) + list_w * (reading.listed * share)
                  + side_w * ((reading.n - reading.plain - reading.listed) * share) + post_w * (reading.in_post * share))
            if z + (actor_w if actor_w < 0 else 0.0) >= cut + _MARGIN:
                kept.add(zone_id)
                continue
            if z + (actor_w if actor_w > 0 else 0.0) < cut - _MARGIN:
                continue
        if text is None:
            text = _Text(score, mentions, (), set(), aside, lead_end, body_k, kind_headline, own_title, leaders,
                         listed)
        if probability(text.row(zone_id, score[zone_id], reading, reading.actor(body_k)), weights, bias) >= threshold:
            kept.add(zone_id)
    return kept


_DEFAULT_TERMS = _terms(WEIGHTS, THRESHOLD)
