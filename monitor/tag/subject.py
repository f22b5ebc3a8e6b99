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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

__all__ = ["FEATURES", "MODEL_BRANCHES", "MODE", "Candidate", "evidence", "probability", "opens_sentence", "decide"]

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
    "side_share",       # share of the body mentions after comparison words, in a remit, a career, a partner, a facility
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


_SIDE = frozenset(("compare", "remit", "career", "partner", "facility"))
_BODY = frozenset(("body", "list")) | _SIDE
_SENTENCE_ENDS = ("。", ";", "!", "?", "|")  # in a match key, full-width marks are ASCII and line breaks are gone
# what may open a sentence before its actor: a date or a time (2024年3月5日上午,), nothing else
_OPENING = re.compile(r"(?:[0-9]{1,4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}[日号])?"
                      r"(?:上午|下午|晚上|晚|上旬|中旬|下旬|近日|日前|近期|目前|今年以来|昨天|今天|近年来)?,?")
_OPENING_SPAN = 16
_OPENING_LAST = frozenset("".join(_SENTENCE_ENDS) + ",年月日号午上晚旬前期来天")  # the last characters `_OPENING` matches


def opens_sentence(body_k: str, position: int) -> bool:
    """Whether the zone named at `position` of the body's match key opens its sentence, after a date at most
    (3月5日,成都高新区召开…): the zone is what the sentence is about, the actor of its main clause."""
    if position and body_k[position - 1] not in _OPENING_LAST:
        return False  # a cheap test first: most mentions follow a character that no date and no sentence end ends with
    start = max(0, position - _OPENING_SPAN)
    window = body_k[start:position]
    cut = max(window.rfind(mark) for mark in _SENTENCE_ENDS)
    if cut < 0 and start > 0:
        return False  # the sentence began further back: something longer than a date comes first
    return _OPENING.fullmatch(window, cut + 1) is not None


def evidence(score: dict[str, float], mentions: Sequence[tuple[str, str, int]], defaults: Sequence[str],
             headline: set[str], aside: set[str], lead_end: int, body_k: str, posts: Iterable[tuple[int, int, bool]],
             kind_headline: bool, own_title: bool, leaders: set[str], listed: set[str],
             only: set[str] | None = None) -> list[Candidate]:
    """One `Candidate` per zone of `score` (the tagger's salience, a zone per key; of `only` when given: the zones the
    model is asked about, the rest of the text read for its text-level evidence alone), from the mentions
    (zone, section, position: the body's positions in `body_k`), the source's and site's zones, the zones named in the
    headline, the zones set aside, where the lead ends, the posts' spans in the body, and the text-level cues."""
    spans = sorted((start, end) for start, end, _ in posts)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))  # the furthest end of the posts starting up to each one
    body_n: dict[str, int] = {}
    plain: dict[str, int] = {}
    in_post: dict[str, int] = {}
    in_list: dict[str, int] = {}
    side: dict[str, int] = {}
    first: dict[str, int] = {}
    actor: set[str] = set()
    byline: set[str] = set()
    title: set[str] = set()
    total = len(mentions)
    counts: dict[str, int] = {}
    for zone_id, section, position in mentions if only is None else [m for m in mentions if m[0] in only]:
        counts[zone_id] = counts.get(zone_id, 0) + 1
        if section == "title":
            title.add(zone_id)
        elif section == "byline":
            byline.add(zone_id)
        elif section in _BODY:
            body_n[zone_id] = body_n.get(zone_id, 0) + 1
            if position < first.get(zone_id, position + 1):
                first[zone_id] = position
            if section == "body":
                plain[zone_id] = plain.get(zone_id, 0) + 1
                at = bisect_right(starts, position) - 1
                if at >= 0 and position < reach[at]:  # inside a post: one starting before it ends after it
                    in_post[zone_id] = in_post.get(zone_id, 0) + 1
                elif zone_id not in actor and opens_sentence(body_k, position):
                    actor.add(zone_id)
            elif section == "list":
                in_list[zone_id] = in_list.get(zone_id, 0) + 1
            else:
                side[zone_id] = side.get(zone_id, 0) + 1
    top = max(score.values(), default=0.0)
    length = max(1, len(body_k))
    zones = len(score)
    text_level = (float(len(headline) >= 3), math.log(max(1, zones)), float(kind_headline), float(own_title),
                  float(len(listed) >= 3))
    out = []
    for zone_id, salience in score.items():
        if only is not None and zone_id not in only:
            continue
        n = body_n.get(zone_id, 0)
        share = 1.0 / n if n else 0.0
        row = (float(zone_id in title), float(zone_id in byline), float(zone_id in defaults),
               float(bool(headline) and zone_id not in headline), float(bool(defaults) and zone_id not in defaults),
               text_level[0], math.log1p(n), plain.get(zone_id, 0) * share,
               float(zone_id in first and first[zone_id] < lead_end),
               min(1.0, first[zone_id] / length) if zone_id in first else 1.0,
               float(zone_id in aside), in_post.get(zone_id, 0) * share, in_list.get(zone_id, 0) * share,
               side.get(zone_id, 0) * share, text_level[1], salience / top if top > 0 else 0.0,
               float(salience == top), counts.get(zone_id, 0) / total if total else 0.0,
               text_level[2], text_level[3], float(zone_id in leaders), float(zone_id in actor), text_level[4])
        out.append(Candidate(zone_id, row))
    return out


# Fitted by bench/subject_fit.py on the tune halves (see its docstring); pasted from its output. MODEL_BRANCHES: where
# the model takes part ("body": texts whose body alone decides, no zone in the headline or byline and no site or source
# zone); MODE "veto": there the rules propose and the model may only take a subject away (cross-validation on the tune
# halves preferred it to the model deciding alone, and the body alone to every wider scope).
WEIGHTS: tuple[float, ...] = (
    0.0,  # title
    0.0,  # byline
    0.0,  # default
    0.0,  # other_headline
    0.0,  # other_default
    0.0,  # headline_many
    0.9039,  # log_body
    0.4107,  # plain_share
    0.6705,  # first_in_lead
    -1.3259,  # first_pos
    -0.4829,  # aside
    0.9689,  # post_share
    -0.32,  # list_share
    -0.8948,  # side_share
    -0.3269,  # log_zones
    0.2244,  # score_ratio
    0.1778,  # top
    0.8477,  # mention_share
    -0.4908,  # kind_headline
    1.1586,  # own_title
    0.6567,  # leader
    0.3462,  # actor
    -0.3647,  # listed_many
)
BIAS = -2.439
THRESHOLD = 0.5
MODEL_BRANCHES: frozenset[str] = frozenset(("body",))
MODE = "veto"


def probability(row: Sequence[float], weights: Sequence[float] = WEIGHTS, bias: float = BIAS) -> float:
    """The model's probability that the zone described by `row` is a subject of its text."""
    z = bias + sum(w * x for w, x in zip(weights, row, strict=True))
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def decide(candidates: Sequence[Candidate], proposed: set[str], weights: Sequence[float] = WEIGHTS,
           bias: float = BIAS, threshold: float = THRESHOLD, mode: str = MODE) -> set[str]:
    """The subjects among `candidates`: those whose probability reaches the threshold; in ``veto`` mode only those of
    `proposed` (the rules' subjects) that do."""
    return {c.zone_id for c in candidates if (mode == "replace" or c.zone_id in proposed)
            and probability(c.row, weights, bias) >= threshold}
