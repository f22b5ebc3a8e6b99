"""The tag stage: zones, people, places, topics, content type and relevance of an article.

Zones, in order:
1. Title, byline (the author's post) and body are folded (traditional -> simplified, then
   ``match_key``) and scanned once by an Aho-Corasick automaton holding every zone name and
   alias, ambiguous aliases, place names, other kinds of zone (经开区, 自贸区, 工业园区,
   保税区 ... alone or after a place name) and the bare 高新区. Matches are leftmost-longest and
   never overlap, so 马鞍山高新区 is not also 鞍山高新区, 昆明经开区 is not a mention of 昆明,
   and 苏州工业园区 (a zone name, the one 工业园区 counted as a national zone) beats the
   generic 苏州 + 工业园区.
2. Ambiguous aliases (火炬高新区 ...) resolve to the candidate named by the source's zones or
   by a place in the text, else to the row's fallback, else to nothing.
3. A bare 高新区 right after a place (包头市高新区) means that place's zone; after 国家/省级/各/家
   it is the category, not a zone; after another unknown name (衡水高新区) it is some other
   zone; otherwise it is the source's zone, else the title's or byline's single zone, else
   the nearest zone or city mentioned before it (after it, when none is before).
4. Salience: title +3, byline +3, lead +1, each mention +0.5 (at most 6). Zones named in the
   title or byline are the subjects; without any, the source's zones, else the most salient
   zone and those close to it. Every other zone is ``mentioned``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import ahocorasick_rs

from monitor.items import ContentType, ExtractedArticle, PersonTag, PlaceTag, TagSet, ZoneTag
from monitor.normalise import looks_traditional, match_key, to_simplified
from monitor.tag.gazetteer import Gazetteer, Place, load_ambiguous_aliases, load_gazetteer, load_places
from monitor.tag.people import find_byline, find_bylines, name_at, post_at
from monitor.tag.topics import Taxonomy, TopicMatcher

__all__ = ["ZoneTagger", "OTHER_ZONE_KINDS", "shared_tagger", "tag_article"]

# Kinds of zone that are not national high-tech zones.
OTHER_ZONE_KINDS = ("经开区", "经济技术开发区", "经济开发区", "自贸区", "自贸试验区", "自由贸易试验区", "自由贸易区",
                    "自贸港", "自由贸易港", "工业园区", "工业园", "保税区", "综合保税区", "保税港区", "出口加工区",
                    "综试区", "临空经济区", "临港经济区", "农业园区", "产业园区")
_GENERIC_ZONE = ("国家高新区", "国家级高新区", "省级高新区", "国家自主创新示范区")
_CATEGORY_BEFORE = ("各", "省", "国家", "级", "家", "个", "类", "批", "全国", "地", "市", "县", "的高新区")
_BARE = "高新区"
_LEAD = 200
_NEAR = 60  # a city this close to a bare 高新区 names it
_DOMINANT = 3  # body mentions from which a headline zone outweighs one named half as often

_ZONE, _AMBIG, _PLACE, _OTHER, _BARE_KIND, _GENERIC = range(6)
_WEIGHTS = {"title": 3.0, "byline": 3.0, "lead": 1.0, "mention": 0.5}
_MAX_MENTIONS = 6


@dataclass(slots=True)
class _Hit:
    kind: int
    start: int
    end: int  # exclusive
    ref: str  # zone id, place index or ""
    section: str  # title | byline | body


class ZoneTagger:
    """Builds its automata once; `tag` is pure and cheap (thousands of articles per second)."""

    def __init__(self, gazetteer: Gazetteer | None = None, taxonomy: Taxonomy | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.places = load_places()
        self.topics = TopicMatcher(taxonomy)
        self.ambiguous = {match_key(a.alias): a for a in load_ambiguous_aliases()}
        entries: dict[str, tuple[int, str]] = {}
        for i, place in enumerate(self.places):
            forms = [place.name + s for s in ("市", "县", "区")] if place.city else [place.name + "省", place.province]
            if not place.needs_suffix:
                forms.append(place.name)
            for form in forms:
                entries.setdefault(match_key(form), (_PLACE, str(i)))
        # 昆明经开区, 昆明市经开区: a place right before another kind of zone is joined to it after
        # the scan (see `_zone_hits`), which keeps thousands of place x kind names out of the automaton.
        for kind in OTHER_ZONE_KINDS:
            entries[match_key(kind)] = (_OTHER, "")
        entries[_BARE] = (_BARE_KIND, "")
        for generic in _GENERIC_ZONE:
            entries[match_key(generic)] = (_GENERIC, "")
        for zone in self.gazetteer.zones:
            for name in zone.names:
                key = match_key(name)
                if len(key) >= 2 and not key.isascii() and key not in self.ambiguous:
                    entries[key] = (_ZONE, zone.id)
        for key in self.ambiguous:
            entries[key] = (_AMBIG, key)
        # One automaton for everything the tagger looks for: zone-side names (matched leftmost-longest
        # after the scan) and topic phrases (every overlapping hit).
        patterns: dict[str, tuple[tuple[int, str] | None, tuple[tuple[int, int, float], ...]]] = {}
        for key, value in entries.items():
            patterns[key] = (value, ())
        for phrase, values in self.topics.phrases.items():
            zone_value = patterns.get(phrase, (None, ()))[0]
            patterns[phrase] = (zone_value, values)
        self._values = list(patterns.values())
        self._zone_values = [v[0] for v in self._values]
        self._topic_values = [v[1] for v in self._values]
        # ahocorasick_rs (Rust) rather than pyahocorasick: with a large CJK alphabet pyahocorasick
        # walks each trie node's children one by one, about three times slower over the same patterns.
        self._automaton = ahocorasick_rs.AhoCorasick(list(patterns), matchkind=ahocorasick_rs.MatchKind.Standard,
                                                     implementation=ahocorasick_rs.Implementation.DFA)
        self._zone_by_place = {str(i): p.zone_id for i, p in enumerate(self.places) if p.zone_id}
        # a city joins a following other kind of zone as 昆明 or 昆明市, not as 昆明县
        self._joins_other_kind = {match_key(p.name + suffix) for p in self.places if p.city for suffix in ("", "市")}

    # matching ----------------------------------------------------------------------------
    def _scan(self, text: str) -> tuple[list[tuple[int, int, tuple[int, str]]],
                                        list[tuple[int, int, tuple[tuple[int, int, float], ...]]]]:
        """One pass: every zone-side hit (start, end, value) and every topic hit."""
        try:
            matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # lone surrogates from a hostile page: one U+FFFD each keeps the offsets
            matches = self._automaton.find_matches_as_indexes(re.sub("[\ud800-\udfff]", "\ufffd", text),
                                                              overlapping=True)
        zone_side, topic_side = [], []
        zone_values, topic_values = self._zone_values, self._topic_values
        for index, start, end in matches:
            value = zone_values[index]
            if value is not None:
                zone_side.append((start, end, value))
            topics = topic_values[index]
            if topics:
                topic_side.append((start, end, topics))
        return zone_side, topic_side

    def _zone_hits(self, text: str, found: list[tuple[int, int, tuple[int, str]]], bounds: tuple[int, int]
                   ) -> list[_Hit]:
        """Leftmost-longest, non-overlapping zone-side hits; a place joined to a following other kind of
        zone (昆明经开区) becomes that kind. `bounds`: where the byline and the body start."""
        # by start, longest first: two stable C-level sorts beat one with a tuple-building key
        found.sort(key=itemgetter(1), reverse=True)
        found.sort(key=itemgetter(0))
        hits: list[_Hit] = []
        last_end = -1
        b0, b1 = bounds
        for start, end, (kind, ref) in found:
            if start < last_end:
                continue
            last_end = end
            if (kind == _OTHER and hits and hits[-1].end == start and hits[-1].kind == _PLACE
                    and text[hits[-1].start:start] in self._joins_other_kind):
                hits[-1] = _Hit(_OTHER, hits[-1].start, end, "", hits[-1].section)
                continue
            section = "title" if start < b0 else "byline" if start < b1 else "body"
            hits.append(_Hit(kind, start, end, ref, section))
        return hits

    def _zone_ids(self, key: str) -> list[str]:
        """The zones named in a short text (a post), in order."""
        found = [(start, end, self._values[index][0]) for index, start, end
                 in self._automaton.find_matches_as_indexes(key, overlapping=True) if self._values[index][0] is not None]
        return [h.ref for h in self._zone_hits(key, found, (len(key), len(key))) if h.kind == _ZONE]  # type: ignore[arg-type]

    def _resolve_ambiguous(self, hit: _Hit, place_refs: set[str], defaults: tuple[str, ...]) -> str | None:
        """`place_refs`: the places named in the text."""
        alias = self.ambiguous[hit.ref]
        for zone_id in defaults:
            if zone_id in alias.candidates:
                return zone_id
        named = {self._zone_by_place.get(ref) for ref in place_refs}
        cities = {self.places[int(ref)].city for ref in place_refs}
        # a place right before the alias (厦门火炬高新区 is a full alias; 厦门市火炬高新区 is not)
        for zone_id in alias.candidates:
            zone = self.gazetteer.get(zone_id)
            if zone_id in named or (zone and zone.prefecture in cities):
                return zone_id
        return alias.fallback

    def _resolve_bare(self, index: int, hits: list[_Hit], text: str, defaults: tuple[str, ...],
                      anchors: set[str]) -> str | None:
        hit = hits[index]
        before = hits[index - 1] if index else None
        if before is not None and before.end == hit.start and before.kind == _PLACE:
            return self._zone_by_place.get(before.ref)  # 包头市高新区; a place without a zone: another zone
        prefix = text[max(0, hit.start - 4):hit.start]
        if prefix.endswith(_CATEGORY_BEFORE) or re.search(r"[0-9一二三四五六七八九十几多两]$", prefix):
            return None
        if prefix and "\u4e00" <= prefix[-1] <= "\u9fff" and prefix[-1] not in "的在与和及了是为对该本我从到将把让向于由经使等入驻至给同跟被里即称区":
            return None  # 衡水高新区: a zone the gazetteer does not hold
        if defaults:
            return defaults[0]
        if len(anchors) == 1:
            return next(iter(anchors))
        for step in (range(index - 1, -1, -1), range(index + 1, len(hits))):
            for other in step:
                ref, near = hits[other].ref, abs(hits[other].start - hit.start) <= _NEAR
                if hits[other].kind == _ZONE:
                    return ref
                if hits[other].kind == _PLACE and ref in self._zone_by_place and near:
                    return self._zone_by_place[ref]
        return None

    def _zone_mentions(self, text: str, hits: list[_Hit], body_start: int, defaults: tuple[str, ...]
                       ) -> list[tuple[str, str, int]]:
        """(zone id, section, position) of every zone mention in `text` (title|byline|body keys)."""
        mentions: list[tuple[str, str, int]] = []
        place_refs = {hit.ref for hit in hits if hit.kind == _PLACE}
        for hit in hits:
            if hit.kind == _ZONE:
                mentions.append((hit.ref, hit.section, hit.start - (body_start if hit.section == "body" else 0)))
            elif hit.kind == _AMBIG:
                zone_id = self._resolve_ambiguous(hit, place_refs, defaults)
                if zone_id:
                    mentions.append((zone_id, hit.section, hit.start - (body_start if hit.section == "body" else 0)))
        # a city in the title (深圳) names its zone only when the body names that zone too: weaker
        # evidence than a zone name, so it needs the corroboration
        in_body = {z for z, section, _ in mentions if section == "body"}
        for hit in hits:
            if hit.section == "title" and hit.kind == _PLACE and self._zone_by_place.get(hit.ref) in in_body:
                mentions.append((self._zone_by_place[hit.ref], "title", hit.start))
        anchors = {z for z, section, _ in mentions if section in ("title", "byline")}
        for i, hit in enumerate(hits):
            if hit.kind == _BARE_KIND:
                zone_id = self._resolve_bare(i, hits, text, defaults, anchors)
                if zone_id:
                    mentions.append((zone_id, hit.section, hit.start - (body_start if hit.section == "body" else 0)))
        return mentions

    # the stage ---------------------------------------------------------------------------
    def tag(self, title: str, body: str, default_zones: tuple[str, ...] = (), byline: str = "",
            author: str | None = None) -> TagSet:
        """Tag one article. `byline` is the author's post (a zone named there is what a signed
        piece is about), `author` the extractor's author name, `default_zones` the source's zones.

        Title, byline and body are folded to simplified script when they hold traditional characters,
        normalised once (``match_key``) and scanned once."""
        title_s, byline_s, body_s = title, byline, body
        if looks_traditional(title) or looks_traditional(byline) or looks_traditional(body):
            title_s, byline_s, body_s = to_simplified(title), to_simplified(byline), to_simplified(body)
        title_k, byline_k, body_k = match_key(title_s), match_key(byline_s), match_key(body_s)
        text = title_k + "|" + byline_k + "|" + body_k
        found, topic_hits = self._scan(text)
        body_start = len(title_k) + len(byline_k) + 2
        hits = self._zone_hits(text, found, (len(title_k) + 1, body_start))
        defaults = tuple(z for z in default_zones if self.gazetteer.get(z))
        mentions = self._zone_mentions(text, hits, body_start, defaults)
        zones = self._zone_tags(mentions, defaults)
        people = self._people(title_k, byline_k, body_s, body_k, author, byline_s, hits, mentions)
        # topics read title and body: the byline's hits are left out (the | around it ends any sentence)
        if byline_k:
            topic_hits = [h for h in topic_hits if not len(title_k) < h[0] < body_start]
        topics = self.topics.score(text, len(title_k), topic_hits)
        places = self._places(zones, hits, body_start + _LEAD)
        content_type = _content_type(title_s, body_s[:400], people, bool(byline_k))
        return TagSet(zones=zones, people=people, places=places, topics=topics, content_type=content_type,
                      relevant=bool(zones or topics))

    def _zone_tags(self, mentions: list[tuple[str, str, int]], defaults: tuple[str, ...]) -> tuple[ZoneTag, ...]:
        score: dict[str, float] = {z: 0.0 for z in defaults}
        counts: dict[str, int] = {}
        flags: dict[str, set[str]] = {}
        for zone_id, section, position in mentions:
            seen = flags.setdefault(zone_id, set())
            counts[zone_id] = counts.get(zone_id, 0) + 1
            gain = _WEIGHTS["mention"] if counts[zone_id] <= _MAX_MENTIONS else 0.0
            where = section if section != "body" else ("lead" if position < _LEAD else "")
            if where and where not in seen:
                gain += _WEIGHTS[where]
                seen.add(where)
            score[zone_id] = score.get(zone_id, 0.0) + gain
        if not score:
            return ()
        headline = {z for z, s in flags.items() if s & {"title", "byline"}}
        if len(headline) >= 2:
            # 光谷与张江、中关村共话...: a headline zone the body names far less than the main one is a partner
            body = {z: sum(1 for m in mentions if m[0] == z and m[1] == "body") for z in headline}
            top = max(body.values())
            if top >= _DOMINANT:
                headline = {z for z in headline if 2 * body[z] > top}
        if headline:
            subjects = headline | set(defaults)
        elif defaults:
            subjects = set(defaults)
        else:
            top = max(score.values())
            subjects = {z for z, s in score.items() if s == top or (s >= 0.6 * top and counts.get(z, 0) >= 3)}
            if len(subjects) >= 3 and all(counts.get(z, 0) == 1 for z in subjects):
                subjects = set()  # a roll call of zones, each named once: none is the subject
        tags = []
        for zone_id, raw in score.items():
            zone = self.gazetteer.get(zone_id)
            assert zone is not None
            role = "subject" if zone_id in subjects else "mentioned"
            tags.append(ZoneTag(zone_id, zone.full_name, role, round(min(1.0, raw / 6), 3)))
        tags.sort(key=lambda t: (t.role != "subject", -t.score, t.zone_id))
        return tuple(tags)

    def _people(self, title_k: str, byline_k: str, body_s: str, body_k: str, author: str | None, byline_s: str,
                hits: list[_Hit], mentions: list[tuple[str, str, int]]) -> tuple[PersonTag, ...]:
        found: dict[str, PersonTag] = {}

        def zone_of(post: str) -> str | None:
            return next(iter(self._zone_ids(match_key(post))), None)

        if author and byline_s and 2 <= len(author.strip()) <= 4:
            post = match_key(byline_s)
            found[author.strip()] = PersonTag(author.strip(), post, zone_of(post))
        for signed in find_bylines([line.strip() for line in body_s.splitlines() if line.strip()]):
            if signed.name not in found:
                found[signed.name] = PersonTag(signed.name, signed.post, zone_of(signed.post or ""))
        offset = len(title_k) + len(byline_k) + 2
        bare_zone = {pos: z for z, section, pos in mentions if section == "body"}
        for hit in hits:
            if hit.section != "body" or hit.kind not in (_ZONE, _BARE_KIND, _AMBIG):
                continue
            start, end = hit.start - offset, hit.end - offset
            got = post_at(body_k, end)
            if got is None:
                continue
            post, post_end = got
            name = name_at(body_k, post_end)
            if name is None or name in found:
                continue
            zone_id = hit.ref if hit.kind == _ZONE else bare_zone.get(start)
            found[name] = PersonTag(name, body_k[start:post_end], zone_id)
        return tuple(found.values())

    def _places(self, zones: tuple[ZoneTag, ...], hits: list[_Hit], lead_end: int) -> tuple[PlaceTag, ...]:
        places: dict[tuple[str, str], None] = {}
        for tag in zones:
            zone = self.gazetteer.get(tag.zone_id)
            if zone is not None:
                places[(zone.province, zone.prefecture)] = None
        counts: dict[str, int] = {}
        for hit in hits:
            if hit.kind == _PLACE:
                counts[hit.ref] = counts.get(hit.ref, 0) + 1
        for hit in hits:
            if hit.kind == _PLACE and (hit.start < lead_end or counts[hit.ref] >= 2):
                place: Place = self.places[int(hit.ref)]
                places[(place.province, place.city)] = None
        cities = {p for p, c in places if c}
        return tuple(PlaceTag(p, c) for p, c in places if c or p not in cities)


_INTERVIEW = re.compile(r"专访|访谈|对话|答记者问|记者[:：]|^问[:：]", re.M)
_POLICY = re.compile(r"办法|细则|实施意见|若干措施|若干政策|政策措施|条例|规定|行动方案|实施方案|指导意见")
_NOTICE = re.compile(r"公告|公示|通知|通告|启事|名单")
_NEWS_CUE = re.compile(r"本报讯|记者|讯\s*[(（]|通讯员|日电|新华社|据.{1,8}报道")


def _content_type(title: str, head: str, people: tuple[PersonTag, ...], has_byline: bool) -> ContentType:
    """commentary (signed by an official or expert), interview, policy, notice or news, from page cues."""
    if _INTERVIEW.search(title) or len(re.findall(r"(?:^|\n)\s*(?:问|记者)[:：]", head)) >= 1:
        return "interview"
    if _POLICY.search(title) and not _NEWS_CUE.search(head):
        return "policy"
    if _NOTICE.search(title) and not _NEWS_CUE.search(head):
        return "notice"
    signed = has_byline or bool(find_byline([line.strip() for line in head.splitlines() if line.strip()]))
    if signed and not _NEWS_CUE.search(head):
        return "commentary"
    return "news"


@lru_cache(maxsize=1)
def shared_tagger() -> ZoneTagger:
    """The process's tagger over the packaged gazetteer and taxonomy: building its automaton takes
    about 20 ms, too much for every crawl of a service running a thousand sources a minute."""
    return ZoneTagger()


def tag_article(article: ExtractedArticle, default_zones: Sequence[str] = (), *, url: str | None = None,
                tagger: ZoneTagger | None = None) -> TagSet:
    """The one tagging call: crawl, backfill, reextract, import, retag and ``monitor tag`` all tag through it,
    so that one article gets the same tags whichever way it came in.

    Reads the article's title, body, author and author's post (its byline); `default_zones` are the zones of
    the source it came from (the sources file's ``zones``), `url` the page's address (the article's own when
    not given; kept for site-host evidence, not read yet). `tagger`: the process's shared one by default."""
    del url  # accepted now so that callers need not change when the tagger starts reading the host
    return (tagger or shared_tagger()).tag(article.title, article.body, tuple(default_zones),
                                           article.author_post or "", article.author)
