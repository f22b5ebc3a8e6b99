"""The tag stage: zones, people, places, topics, content type and relevance of an article.

Zones, in order:
1. Title, byline (the author's post) and body are folded (traditional -> simplified, then
   ``match_key``) and scanned once by a leftmost-longest Aho-Corasick automaton holding every
   zone name and alias, ambiguous aliases, place names, other kinds of zone (经开区, 自贸区, 工业园区,
   保税区 ... alone or after a place name) and the bare 高新区 (a second pass, overlapping, finds topic
   phrases and office words). Matches never overlap, so 马鞍山高新区 is not also 鞍山高新区, 昆明经开区 is not a mention of 昆明,
   and 苏州工业园区 (a zone name, the one 工业园区 counted as a national zone) beats the
   generic 苏州 + 工业园区.
2. Ambiguous aliases (火炬高新区 ...) resolve to the candidate named by the source's zones or
   by a place in the text, else to the row's fallback, else to nothing.
3. A bare 高新区 right after a place (包头市高新区) means that place's zone; after 国家/省级/各/家
   it is the category, not a zone; after another unknown name (衡水高新区) it is some other
   zone; otherwise it is the source's zone, else the title's or byline's single zone, else the zone
   of the one city a visit goes to (来安康市考察), else the nearest zone or city mentioned before it
   (after it, when none is before). A city group's abbreviation before the kind of zone
   (呼包鄂三市国家级高新区) lists each city's zone (`citygroups`).
4. Salience: title +3, byline +3, lead +1, each mention +0.5 (at most 6). Zones named in the
   title or byline are the subjects; without any, the source's zones, else the most salient
   zone and those close to it. Every other zone is ``mentioned``.
5. When the body alone decides (no headline or byline zone, no site or source zone), the evidence model
   (`monitor.tag.subject`, fitted on the tune halves of the real-text set) may veto a subject the rules propose.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import ahocorasick_rs

from monitor.items import ContentType, ExtractedArticle, PersonOrg, PersonTag, PlaceTag, TagSet, ZoneTag
from monitor.normalise import is_plain, is_usual, looks_traditional, match_key, strip_ruby, to_simplified
from monitor.tag.aliases import kaifaqu_names, reads_kaifaqu, stem_names
from monitor.tag.citygroups import city_group_zones, group_before
from monitor.tag.districts import district_names
from monitor.tag.gazetteer import Gazetteer, Place, load_ambiguous_aliases, load_gazetteer, load_places
from monitor.tag.people import (
    COMPOUND_SURNAMES,
    OFFICES,
    SURNAMES,
    FoundPerson,
    find_byline,
    find_bylines,
    find_people,
    may_sign,
    office_spans,
)
from monitor.tag.subject import MODEL_BRANCH, MODEL_MIN_BODY, Candidate, confirmed, decide, evidence
from monitor.tag.topics import Taxonomy, TopicMatcher

__all__ = ["ZoneTagger", "OTHER_ZONE_KINDS", "shared_tagger", "tag_article"]

# Kinds of zone that are not national high-tech zones.
OTHER_ZONE_KINDS = ("经开区", "经济技术开发区", "经济开发区", "自贸区", "自贸试验区", "自由贸易试验区", "自由贸易区",
                    "自贸港", "自由贸易港", "工业园区", "工业园", "保税区", "综合保税区", "保税港区", "出口加工区",
                    "综试区", "临空经济区", "临港经济区", "农业园区", "产业园区")
_GENERIC_ZONE = ("国家高新区", "国家级高新区", "省级高新区", "国家自主创新示范区")
_CATEGORY_BEFORE = ("各", "省", "国家", "级", "家", "个", "类", "批", "全国", "地", "市", "县", "的高新区")
# ... but 市 opening a sentence or after 我/本/该 (市高新区成立于1994年, 我市高新区), or after a joiner or a word of place or
# direction (市委常委、市高新区党工委书记; 来到市高新区; 代表市高新区) is the city's own zone, not a kind (各市, 全市, 县市 are;
# so are 省、市高新区 and 县区、市高新区: levels listed)
_LISTED_CITY = frozenset(("和市", "与市", "及市", "、市"))
_COUNTED = re.compile("[0-9一二三四五六七八九十两等]")  # a count or 等 between listed places and the kind of zone
_OWN_CITY = re.compile("(?:^|[。,;:!?|我本该和与及在到至赴于对向为表]|(?<![省县区家级镇乡])、)市$")
_BARE = "高新区"
_LEAD = 200
_NEAR = 60  # a city this close to a bare 高新区 names it
_LIST_TAIL = 6  # 中关村、张江、东湖等高新区: at most this far from the last listed zone to 等高新区
_DOMINANT = 3  # body mentions from which a headline zone outweighs one named half as often

_ZONE, _AMBIG, _PLACE, _OTHER, _BARE_KIND, _GENERIC, _WEAK_PLACE, _KAIFAQU, _KAIFAQU_WORD = range(9)
_NOT_MENTIONS = frozenset((_PLACE, _WEAK_PLACE, _OTHER))
_PLACES = (_PLACE, _WEAK_PLACE)
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
        for i, place in enumerate(self.places):
            # 长治, 中山, 白银 without their 市 are common words (长治久安, 中山路, 白银价格): weak evidence, used
            # only for a list of places before a count of zones (长治、锦州、连云港等14家高新区) and to pick
            # among the candidates of an ambiguous alias (火炬开发区 in a text naming 中山)
            if place.needs_suffix and place.city and place.zone_id:
                entries.setdefault(match_key(place.name), (_WEAK_PLACE, str(i)))
        # 昆明经开区, 昆明市经开区: a place right before another kind of zone is joined to it after
        # the scan (see `_zone_hits`), which keeps thousands of place x kind names out of the automaton.
        for kind in OTHER_ZONE_KINDS:
            entries[match_key(kind)] = (_OTHER, "")
        entries[_BARE] = (_BARE_KIND, "")
        # 哈尔滨市高新技术产业开发区, 深圳市高新技术产业园区, 大连高新园区: the kind's long and older forms, a zone only
        # right after a place (宜都高新技术产业园区, 新昌高新园区: a place without a national zone, another zone)
        for full in _LONG_KINDS:
            entries[match_key(full)] = (_BARE_KIND, "full")
        entries["高区"] = (_BARE_KIND, "full")  # 威海高区, 淄博高区: the short form, only right after a place
        for generic in _GENERIC_ZONE:
            entries[match_key(generic)] = (_GENERIC, "")
        for zone in self.gazetteer.zones:
            for name in zone.names:
                key = match_key(name)
                if len(key) >= 2 and not key.isascii() and key not in self.ambiguous:
                    entries[key] = (_ZONE, zone.id)
        # 东湖国家自主创新示范区, 东湖开发区, 大庆开发区: a zone's stem with the generic names (aliases.py); an
        # X开发区 is read as the zone or as another kind of zone from the whole text (`_zone_hits`)
        for key, zone_id in stem_names(self.gazetteer, self.places).items():
            if key not in self.ambiguous:
                entries.setdefault(key, (_ZONE, zone_id))
        # a city's 开发区 (大庆开发区) is not a name of its own: 开发区 right after the city's place hit is joined
        # to it (`_zone_hits`), as 经开区 is, which keeps 150 names out of the automaton
        self._city_kaifaqu: dict[str, str] = {}
        for key, (zone_id, city) in kaifaqu_names(self.gazetteer, self.places).items():
            if city:
                self._city_kaifaqu.setdefault(key.removesuffix("开发区"), zone_id)
            elif key not in self.ambiguous:
                entries.setdefault(key, (_KAIFAQU, zone_id))
        entries.setdefault("开发区", (_KAIFAQU_WORD, ""))
        for key, zone_id in _usual_forms(self.gazetteer, self.ambiguous):  # 紫竹国家高新区, 秀洲国家高新区
            entries.setdefault(key, (_ZONE, zone_id))
        for key, zone_id in district_names(self.gazetteer, self.places).items():  # 高新区(江海区): see districts.py
            entries.setdefault(key, (_ZONE, zone_id))
        for key in self.ambiguous:
            entries[key] = (_AMBIG, key)
        # Two automata. Zone-side names, leftmost-longest: the scan returns just the hits kept (an overlapping
        # scan returns 宝鸡, 高新区 and 宝鸡高新区 for every 宝鸡高新区, five times the hits, to sort and drop in
        # Python). Topic phrases (every overlapping hit) and office words for the people finder share the other.
        # ahocorasick_rs (Rust) rather than pyahocorasick: with a large CJK alphabet pyahocorasick
        # walks each trie node's children one by one, about three times slower over the same patterns.
        self._zone_values = list(entries.values())
        self._zone_automaton = ahocorasick_rs.AhoCorasick(list(entries), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                                          implementation=ahocorasick_rs.Implementation.DFA)
        patterns: dict[str, tuple[tuple[int, int, float], ...]] = dict(self.topics.phrases)
        for office in OFFICES:
            patterns.setdefault(office, ())
        # the topic phrases come first, in the order of `self.topics.phrases` (their indexes are the matcher's: it
        # scores the hits as the scan returns them); office words are told by index
        self._office_indexes = frozenset(i for i, key in enumerate(patterns) if key in _OFFICE_WORDS)
        self.topics.pad(len(patterns))
        self._special_indexes = self._office_indexes | self.topics.other_indexes
        self._automaton = ahocorasick_rs.AhoCorasick(list(patterns), matchkind=ahocorasick_rs.MatchKind.Standard,
                                                     implementation=ahocorasick_rs.Implementation.DFA)
        self._orgs: dict[tuple[str, str | None, str | None], PersonOrg] = {}
        self._post_zones: dict[str, str | None] = {}
        # a frozen dataclass costs about a microsecond to build and an article has a dozen zone tags, most of
        # them seen before (zone, role and raw score take few values): equal tags are shared (bounded cache)
        self._zone_tag_cache: dict[tuple[str, str, float], tuple[tuple[bool, float, str], ZoneTag]] = {}
        self._name_keys = {z.id: tuple(match_key(n) for n in z.names) for z in self.gazetteer.zones}
        self._zone_by_place = {str(i): p.zone_id for i, p in enumerate(self.places) if p.zone_id}
        # a prefecture's place (长沙: 长沙市) printed with 县 or 区 is a county or district of that name (长沙县, 吉安县), not
        # the city: its parks are no national zone; a county-level place (宁乡, 昆山) keeps its zone whatever its suffix
        self._prefecture_places = frozenset(str(i) for i, p in enumerate(self.places) if p.city == p.name + "市")
        # the zone of each place's prefecture (宁乡 -> 长沙's): what 市高新区 after a list of the prefecture's places means
        city_zone = {p.city: p.zone_id for p in self.places if p.city == p.name + "市" and p.zone_id}
        self._prefecture_zone = {str(i): city_zone[p.city] for i, p in enumerate(self.places) if p.city in city_zone}
        self._city_groups = city_group_zones(self.gazetteer)  # 呼包鄂三市国家级高新区: see citygroups.py
        self._group_before = group_before(self._city_groups)
        self._group_last = frozenset(name[-1] for name in self._city_groups) | frozenset("市地座个的")  # a cheap test first
        self._city_stems = _city_stems(self.gazetteer, self.places)
        self._stem_items = {ref: tuple(stem + "、" for stem, _ in stems) for ref, stems in self._city_stems.items()}
        self._prefectures = {z.id: z.prefecture for z in self.gazetteer.zones}
        # what `_places` reads, looked up once: (province, city) of each zone and of each place; and the place
        # tags, shared (their keys come from these two tables, a bounded set)
        self._zone_places = {z.id: (z.province, z.prefecture) for z in self.gazetteer.zones}
        self._place_keys = {str(i): (p.province, p.city) for i, p in enumerate(self.places)}
        self._place_tags: dict[tuple[str, str], PlaceTag] = {}
        # a city joins a following other kind of zone as 昆明 or 昆明市, not as 昆明县
        self._joins_other_kind = {match_key(p.name + suffix) for p in self.places if p.city for suffix in ("", "市")}

    # matching ----------------------------------------------------------------------------
    def _scan(self, text: str) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]],
                                        list[tuple[int, int, int]], list[tuple[int, int]]]:
        """The hits of both scans as they return them (index, start, end): zone side (leftmost-longest, in order;
        `_zone_hits` reads them), topics and offices (`TopicMatcher.score` reads them), and of these the hits of
        the phrases that blank or block topics; and every office word (start, end)."""
        try:
            found = self._zone_automaton.find_matches_as_indexes(text)
        except UnicodeEncodeError:  # lone surrogates from a hostile page: one U+FFFD each keeps the offsets
            text = _SURROGATE.sub("\ufffd", text)
            found = self._zone_automaton.find_matches_as_indexes(text)
        matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        # one pass over the (many) hits for the few that are office words or blank or block topics
        special_indexes = self._special_indexes
        special = [m for m in matches if m[0] in special_indexes]
        office_indexes = self._office_indexes
        offices = [(start, end) for index, start, end in special if index in office_indexes]
        other_indexes = self.topics.other_indexes
        return found, matches, [m for m in special if m[0] in other_indexes], offices

    def _zone_hits(self, text: str, found: list[tuple[int, int, int]], bounds: tuple[int, int]) -> list[_Hit]:
        """Zone-side hits from the leftmost-longest scan's (index, start, end) (in order, not overlapping); a place
        joined to a following other kind of zone (昆明经开区) becomes that kind. `bounds`: where the byline and the
        body start."""
        hits: list[_Hit] = []
        b0, b1 = bounds
        high_tech: tuple[bool, bool] | None = None  # how the text's X开发区 read, decided at the first one
        values = self._zone_values
        for index, start, end in found:
            kind, ref = values[index]
            if kind >= _KAIFAQU:  # 大庆开发区: the zone, or (青岛开发区 in a text of 经济开发区) another kind of zone
                if kind == _KAIFAQU_WORD:  # 开发区: only right after a city that is a zone's stem
                    before = hits[-1] if hits and hits[-1].end == start and hits[-1].kind in _PLACES else None
                    zone_id = self._city_kaifaqu.get(text[before.start:start]) if before is not None else None
                    if zone_id is None:
                        continue
                    if high_tech is None:
                        high_tech = reads_kaifaqu(text)
                    hits[-1] = (_Hit(_ZONE, before.start, end, zone_id, before.section) if high_tech[1]
                                else _Hit(_OTHER, before.start, end, "", before.section))
                    continue
                if high_tech is None:
                    high_tech = reads_kaifaqu(text)
                kind, ref = (_ZONE, ref) if high_tech[0] else (_OTHER, "")
            if (kind == _OTHER and hits and hits[-1].end == start and hits[-1].kind == _PLACE
                    and text[hits[-1].start:start] in self._joins_other_kind):
                hits[-1] = _Hit(_OTHER, hits[-1].start, end, "", hits[-1].section)
                continue
            section = "title" if start < b0 else "byline" if start < b1 else "body"
            hits.append(_Hit(kind, start, end, ref, section))
        return hits

    def _zone_ids(self, key: str) -> list[str]:
        """The zones named in a short text (a post), in order."""
        key = _SURROGATE.sub("\ufffd", key)  # lone surrogates from a hostile page: one U+FFFD each
        found = self._zone_automaton.find_matches_as_indexes(key)
        return [h.ref for h in self._zone_hits(key, found, (len(key), len(key))) if h.kind == _ZONE]

    def _resolve_ambiguous(self, hit: _Hit, named: set[str | None], cities: set[str], defaults: tuple[str, ...]
                           ) -> str | None:
        """`named`: the zones of the places named in the text; `cities`: their cities."""
        alias = self.ambiguous[hit.ref]
        for zone_id in defaults:
            if zone_id in alias.candidates:
                return zone_id
        # a place right before the alias (厦门火炬高新区 is a full alias; 厦门市火炬高新区 is not)
        for zone_id in alias.candidates:
            if zone_id in named or self._prefectures.get(zone_id) in cities:
                return zone_id
        return alias.fallback

    def _visit_destination(self, text: str, hits: list[_Hit], body_start: int) -> str | None:
        """The zone of the one city a visit in the body goes to (宝鸡市政协主席…带领考察团一行,来安康市考察), or None: a
        bare 高新区 of such a text is the host's zone, whatever city the visitors' posts name nearer to it (the visit
        convention of tests/data/tagging_real/README.md)."""
        found = None
        for hit in hits:
            if hit.kind == _PLACE and hit.start > body_start and text[hit.start - 1] in _VISIT_TO \
                    and text[hit.start - 2:hit.start] not in _NOT_VISIT_TO and _VISIT_WHAT.match(text, hit.end):
                zone_id = self._zone_by_place.get(hit.ref)
                if zone_id is None or found not in (None, zone_id):
                    return None  # a city without a zone, or two cities: no one host
                found = zone_id
        return found

    def _county_like_city(self, place: _Hit, text: str) -> bool:
        """Whether a place hit is a county or district named like its prefecture (长沙县, 吉安县: see _prefecture_places)."""
        return place.ref in self._prefecture_places and text[place.end - 1] in "县区"

    def _resolve_bare(self, index: int, hits: list[_Hit], text: str, defaults: tuple[str, ...],
                      anchors: set[str], only_city: str | None = None, destination: str | None = None) -> str | None:
        hit = hits[index]
        before = hits[index - 1] if index else None
        if before is not None and before.end == hit.start and before.kind == _PLACE:
            if self._county_like_city(before, text):
                return None  # 长沙县高新园区, 吉安县高新技术产业园区: a county's park named like the city (review)
            return self._zone_by_place.get(before.ref)  # 包头市高新区; a place without a zone: another zone
        if hit.ref == "full":
            return None  # “高新技术开发区”, 高区 (提高区域): the kind of zone or no zone, unless a place is right before it
        after = hits[index + 1] if index + 1 < len(hits) else None
        if (after is not None and after.kind == _OTHER and text[hit.end:after.start] in _LIST_JOINERS) or (
                before is not None and before.kind == _OTHER and text[before.end:hit.start] in _LIST_JOINERS):
            return None  # 高新区和经开区: kinds of zone side by side
        if text[hit.start - 1:hit.start] == "、" and text[hit.end:hit.end + 1] in _KIND_LIST_NEXT \
                and (before is None or before.end < hit.start - 1):
            return None  # 经信局、省产业转移园、高新区和工业园区协会: one kind of body in a list of kinds, no one zone
        prefix = text[max(0, hit.start - 4):hit.start]
        own_city = prefix.endswith("市") and _OWN_CITY.search(prefix) is not None
        if own_city and before is not None and before.kind == _PLACE and text[hit.start - 2:hit.start] in _LISTED_CITY:
            # 浏阳市、宁乡市和市高新区: the places a meeting of their prefecture lists, then 'the city's zone': the
            # prefecture's, not the last place listed (review)
            return self._prefecture_zone.get(before.ref)
        if (prefix.endswith(_CATEGORY_BEFORE) and not own_city) or _COUNT_BEFORE.search(prefix):
            return None
        if prefix.endswith("等") and before is not None and before.kind in (_ZONE, _PLACE) \
                and hit.start - before.end <= _LIST_TAIL:
            return None  # 中关村、张江、东湖等高新区: the kind the listed zones are, not one more zone
        if prefix and "\u4e00" <= prefix[-1] <= "\u9fff" and not own_city \
                and prefix[-1] not in "的在与和及了是为对该本我从到将把让向于由经使等入驻至给同跟被里即称区原":
            return None  # 衡水高新区: a zone the gazetteer does not hold
        if defaults:
            return defaults[0]
        if len(anchors) == 1:
            return next(iter(anchors))
        if destination is not None:
            return destination
        for step in (range(index - 1, -1, -1), range(index + 1, len(hits))):
            for other in step:
                ref, near = hits[other].ref, abs(hits[other].start - hit.start) <= _NEAR
                if hits[other].kind == _ZONE:
                    return ref
                if hits[other].kind == _PLACE and ref in self._zone_by_place and near \
                        and not _in_place_list(hits, other, text):
                    return self._zone_by_place[ref]
        if only_city is not None:
            return only_city  # a text saying 高新区 again and again and naming one city with a zone
        return None

    def _zone_mentions(self, text: str, hits: list[_Hit], body_start: int, defaults: tuple[str, ...]
                       ) -> list[tuple[str, str, int]]:
        """(zone id, section, position) of every zone mention in `text` (title|byline|body keys)."""
        mentions: list[tuple[str, str, int]] = []
        zone_by_place = self._zone_by_place
        ambiguous_context: tuple[set[str | None], set[str]] | None = None  # built at the first ambiguous alias
        bare_hits: list[int] = []
        experience: list[int] | None = None  # where the text's experience words (经验, 理念, 模式) start
        companies: list[int] | None = None  # where the text's company words (集团, 有限公司) start
        has_remit: bool | None = None  # whether it has a word of an official's remit (分管 ...)
        spans: list[tuple[int, int]] = []  # two different zones in the body a few characters apart, as in a list
        ranked: list[int] = []  # mentions with a rank number just before them (1中关村科技园区北京84.1 2深圳...)
        listed: list[int] = []  # zone names next to a 、: the lists of zones and cities are read from them
        city_stems, stem_items = self._city_stems, self._stem_items
        last_start, last_end, last_zone = -_CLAUSE_WINDOW, -_CLAUSE_WINDOW, ""
        for i, hit in enumerate(hits):
            kind = hit.kind
            if kind == _ZONE:
                after = text[hit.end:hit.end + 1]
                if after in _AFTER_ZONE_FIRST:  # rare characters after a zone, looked at further (one set test)
                    if after == "、":  # 中关村、深圳: a zone's name listed beside a city (`_cities_listed_with_zones`)
                        if i + 1 < len(hits) and hits[i + 1].kind == _PLACE and hits[i + 1].start == hit.end + 1:
                            listed.append(i)
                    elif _INSIDE_NAME.match(text, hit.end):
                        continue  # 中关村发展集团, 张江路: the zone's name inside another name
                if companies is None:  # found once: most texts name no company, or none right after a zone
                    companies = _starts(text, _COMPANY_WORDS)
                if companies and (at := bisect_right(companies, hit.end)) < len(companies) \
                        and companies[at] <= hit.end + _COMPANY_REACH and _COMPANY_NAME.match(text, hit.end):
                    continue  # 广州开发区人才工作集团: a company named after the zone
                mark = text[hit.start - 1:hit.start]
                included = False  # 14个县市区委书记(含宜昌高新区): one member of a set the text counts
                if mark in _BEFORE_ZONE:  # a dash, a dot, 与, 同, 、, 含 right before the zone: rare, looked at further
                    if mark in _INCLUDED_LAST:
                        included = text.endswith(_INCLUDED, 0, hit.start)
                    elif mark == "、":  # 深圳、中关村
                        if i and hits[i - 1].kind == _PLACE and hits[i - 1].end == hit.start - 1:
                            listed.append(i)
                    elif mark in _JOINED_NAME:
                        if "\u4e00" <= text[hit.start - 2:hit.start - 1] <= "\u9fff":
                            continue  # 天津滨海—中关村科技园, 南宁·中关村创新中心: a park named after a place and the zone
                    elif _is_partner(text, hits, i):
                        mentions.append((hit.ref, "partner", hit.start - (body_start if hit.section == "body" else 0)))
                        continue  # 石河子高新区…与大连高新区签署合作共建协议: the other party of a zone's agreement
                section = hit.section
                if section == "body":
                    if experience is None:  # found once (most texts hold none, some a few): the regex runs only
                        # for a zone with one close after it (a verb of learning is looked for in the few characters
                        # before each zone: fewer than 14 whole-text tests)
                        experience = _starts(text, _EXPERIENCE_WORDS)
                    if hit.start - last_end <= _LIST_GAP and hit.ref != last_zone:
                        spans.append((last_start, hit.start))
                    last_start, last_end, last_zone = hit.start, hit.end, hit.ref
                    before = text[hit.start - 1]  # a zone's name holds its city's: 任 or a rank comes right before
                    if after in _FACILITY_FIRST and _FACILITY.match(text, hit.end):
                        section = "facility"  # 西安高新区创业园: an incubator the zone runs, not the zone itself
                    elif (_LEARN_FROM.search(text, max(body_start, hit.start - 12), hit.start)
                            or (experience and (at := bisect_left(experience, hit.end)) < len(experience)
                                and experience[at] <= hit.end + _EXPERIENCE_REACH and _EXPERIENCE_OF.match(text, hit.end))):
                        section = "compare"  # 学习借鉴苏州工业园区先进经验: a model held up, not the subject
                    elif (has_remit if has_remit is not None else (has_remit := _has_remit(text))) \
                            and text.find("工作", hit.end, hit.end + _REMIT_REACH) >= 0 and _in_remit(text, hit.start, hit.end):
                        section = "remit"  # 副市长X分管工业、郑州高新区和郑州经开区工作: his remit, not the subject
                    elif after == "等" and _EXAMPLE_OF_SET.match(text, hit.end):
                        section = "list"  # 确定了中关村科技园区等100家高新园区: one example of a set of zones
                    elif before == "任" and _career_step(text, hit.start):
                        section = "career"  # 2012年4月任西安高新区党工委委员: a step of someone's career
                    elif _is_address(text, hit.start, hit.end, body_start):
                        section = "address"  # 位于浦东张江的中科院上海药物研究所: where a body is, not the subject
                    if included:
                        section = "list"
                    if before in _RANK_DIGITS:
                        ranked.append(len(mentions))
                    mentions.append((hit.ref, section, hit.start - body_start))
                else:
                    mentions.append((hit.ref, section, hit.start))
                continue
            if kind in _NOT_MENTIONS:
                if hit.ref in stem_items and kind == _PLACE and text.startswith(stem_items[hit.ref], hit.end):
                    listed.append(i)  # 武汉东湖、: a city with its zone's stem in a list
                continue  # places and other kinds of zone count only next to what follows
            if kind == _BARE_KIND:
                bare_hits.append(i)
            if kind in (_GENERIC, _BARE_KIND) and i and hits[i - 1].kind in _PLACES \
                    and _LIST_COUNT.fullmatch(text, hits[i - 1].end, hit.start) \
                    and (_COUNTED.search(text, hits[i - 1].end, hit.start) or i > 1 and hits[i - 2].kind in _PLACES
                         and text[hits[i - 2].end:hits[i - 1].start] in _LIST_JOINERS):
                # 长治、锦州、连云港等14家高新区; 克拉玛依、遵义、信阳、滁州四个高新区: each place's zone (one place before
                # the kind without a count is no list: `_resolve_bare` reads it, 长沙县高新园区 and 株洲省级… included: review)
                j = i - 1
                while j >= 0 and hits[j].kind in _PLACES:
                    zone_id = zone_by_place.get(hits[j].ref)
                    if zone_id and self._county_like_city(hits[j], text):
                        zone_id = None  # 长沙县: a county named like the city
                    if zone_id:  # a list names no subject: "list" marks where it sits
                        mentions.append((zone_id, "list" if hits[j].section == "body" else hits[j].section,
                                         hits[j].start - (body_start if hits[j].section == "body" else 0)))
                    if j == 0 or text[hits[j - 1].end:hits[j].start] not in _LIST_JOINERS:
                        break
                    j -= 1
            elif (kind == _BARE_KIND and hit.ref != "full" or kind == _GENERIC and text[hit.start:hit.end] in _NATIONAL) \
                    and text[hit.start - 1:hit.start] in self._group_last \
                    and (group := self._group_before.search(text, max(0, hit.start - _GROUP_REACH), hit.start)):
                # 呼包鄂三市国家级高新区: each city's zone, an item of a list
                at = group.start() - (body_start if hit.section == "body" else 0)
                mentions += [(zone_id, "list" if hit.section == "body" else hit.section, at)
                             for zone_id in self._city_groups[group.group(1)]]
            elif kind in (_GENERIC, _BARE_KIND) and text[hit.end:hit.end + 1] in _NAMED_AFTER_FIRST \
                    and (kind == _GENERIC or text[hit.start - 1:hit.start] in "个家所"):
                # 共有8个国家级高新区,分别是长沙、株洲、湘潭…和郴州: each listed place's zone, an item of the list
                intro = _NAMED_AFTER.match(text, hit.end)
                j, at = i + 1, intro.end() if intro else -1
                while intro and j < len(hits) and hits[j].kind in _PLACES and (
                        hits[j].start == at or _OTHER_ITEMS.fullmatch(text, at, hits[j].start)):  # 岳阳: no place
                    zone_id = zone_by_place.get(hits[j].ref)
                    if zone_id:
                        mentions.append((zone_id, "list" if hits[j].section == "body" else hits[j].section,
                                         hits[j].start - (body_start if hits[j].section == "body" else 0)))
                    at = hits[j].end + (text[hits[j].end] in _LIST_JOINERS if hits[j].end < len(text) else 0)
                    j += 1
            elif kind == _AMBIG:
                if ambiguous_context is None:
                    place_refs = {h.ref for h in hits if h.kind in _PLACES}
                    ambiguous_context = ({zone_by_place.get(ref) for ref in place_refs},
                                         {self.places[int(ref)].city for ref in place_refs})
                zone_id = self._resolve_ambiguous(hit, *ambiguous_context, defaults)
                if zone_id:
                    section = "address" if hit.section == "body" and _is_address(text, hit.start, hit.end, body_start) \
                        else hit.section  # 位于中山市火炬开发区的中山市鸿瑞学校
                    mentions.append((zone_id, section, hit.start - (body_start if hit.section == "body" else 0)))
        if len(ranked) >= _RANKED and len({mentions[i][0] for i in ranked}) >= _RANKED:
            # 1中关村科技园区北京84.1 2深圳市高新技术产业园区深圳77.3 3上海张江…: a ranking, each zone one item of it
            for i in ranked:
                mentions[i] = (mentions[i][0], "list", mentions[i][2])
        toured = _mark_tour_and_example_lists(text, body_start, mentions, spans) if spans else set()
        if toured:
            mentions = _mark_toured(mentions, toured)
        if listed and (in_lists := _cities_listed_with_zones(text, hits, listed, zone_by_place, city_stems)):
            # 西安、武汉东湖、成都位居前10; 中关村、深圳、上海张江等: a city listed beside zone names is its zone
            mentions += [(zone_id, "list", at - body_start) for zone_id, at in in_lists]
        # a city in the title (深圳) names its zone only when the body names that zone too: weaker
        # evidence than a zone name, so it needs the corroboration (a stop of a tour is none)
        in_body = {z for z, section, _ in mentions if section == "body"}
        for i, hit in enumerate(hits):
            if hit.section != "title":
                break  # hits are in text order: the title's come first
            if hit.kind == _PLACE and zone_by_place.get(hit.ref) in in_body:
                after = hits[i + 1] if i + 1 < len(hits) else None
                if (after is not None and after.kind == _OTHER and after.start - hit.end <= 3) or \
                        _NEW_AREA.match(text, hit.end):
                    continue  # 南京江北新区, 昆明经开区: the city names another kind of zone, not its high-tech zone
                mentions.append((zone_by_place[hit.ref], "title", hit.start))
        if not bare_hits:
            return mentions
        anchors = {z for z, section, _ in mentions if section in ("title", "byline")}
        only_city = None
        if not in_body and sum(1 for i in bare_hits if hits[i].ref != "full") >= 3:
            # 抽调干部充实北京、深圳、苏州3个办事处 ... 勇当珠海发展龙头: a list of places says where things are,
            # not which city the text is about (as for the nearest city: `_in_place_list`)
            city_zones = {zone_by_place[h.ref] for i, h in enumerate(hits) if h.kind == _PLACE
                          and h.ref in zone_by_place and not _in_place_list(hits, i, text)}
            if not city_zones and not any(h.kind == _PLACE and self.places[int(h.ref)].city for h in hits):
                # 高新区是益阳工业强市的希望: a city that needs its 市 (长治, 益阳) is the one city of such a text
                # when it names no other city (a province may be named); not in a name (中山路, 中山大学)
                city_zones = {zone_by_place[h.ref] for h in hits if h.kind == _WEAK_PLACE and h.ref in zone_by_place
                              and not _WEAK_CITY_INSIDE.match(text, h.end)}
            only_city = next(iter(city_zones)) if len(city_zones) == 1 else None
        destination = None if defaults or anchors else self._visit_destination(text, hits, body_start)
        before_bare = len(mentions)
        for i in bare_hits:
            hit = hits[i]
            zone_id = self._resolve_bare(i, hits, text, defaults, anchors, only_city, destination)
            if zone_id:
                section = hit.section
                if section == "body" and (has_remit if has_remit is not None else (has_remit := _has_remit(text))) \
                        and text.find("工作", hit.end, hit.end + _REMIT_REACH) >= 0 and _in_remit(text, hit.start, hit.end):
                    section = "remit"
                elif section == "body" and text.find("任", max(0, hit.start - 8), hit.start) >= 0 \
                        and _career_step(text, hit.start):
                    section = "career"  # 去年3月,…任芜湖市高新区管委会主任: a step of someone's career
                mentions.append((zone_id, section, hit.start - (body_start if hit.section == "body" else 0)))
        if toured and len(mentions) > before_bare:  # a bare 高新区 naming a stop of the tour
            mentions = _mark_toured(mentions, toured)
        return mentions

    # the stage ---------------------------------------------------------------------------
    def evidence(self, title: str, body: str, default_zones: tuple[str, ...] = (), byline: str = "",
                 author: str | None = None, url: str | None = None) -> list[tuple[Candidate, bool, str]]:
        """What the subject decision reads, for fitting and inspecting it (bench/subject_fit.py): for each zone of
        the text, its evidence (`subject.evidence`), whether the wording rules make it a subject, and which
        branch decides (``headline``: zones in the title or byline; ``default``: the site's or source's zone;
        ``body``: the body alone). Tags exactly as `tag` does."""
        rows: list[tuple[Candidate, bool, str]] = []
        self.tag(title, body, default_zones, byline, author, url, _rows=rows)
        return rows

    def tag(self, title: str, body: str, default_zones: tuple[str, ...] = (), byline: str = "",
            author: str | None = None, url: str | None = None, *,
            _rows: list[tuple[Candidate, bool, str]] | None = None) -> TagSet:
        """Tag one article. `byline` is the author's post (a zone named there is what a signed
        piece is about), `author` the extractor's author name, `default_zones` the source's zones,
        `url` the page's address: a page on a zone's official site or its section of a portal (gazetteer
        ``websites``, read by :meth:`Gazetteer.zone_for_url`) is about
        that zone, as a page of a source configured with zones is about those, unless it names
        another zone as its subject.

        Title, byline and body are folded to simplified script when they hold traditional characters,
        normalised once (``match_key``) and scanned twice (zone side; topics and offices). `_rows`: for
        `evidence` only (one function for both, not a wrapper: a call less per article on the hot path)."""
        # pinyin ruby left by a scraper or a script converter (東湖(hu)高新區(qū)) would split the names
        title, byline, body = strip_ruby(title), strip_ruby(byline), strip_ruby(body)
        title_s, byline_s, body_s = title, byline, body
        usual, plain = _shortcuts(title, byline, body)
        if not all(usual) and (looks_traditional(title) or looks_traditional(byline) or looks_traditional(body)):
            try:
                title_s, byline_s, body_s = to_simplified(title), to_simplified(byline), to_simplified(body)
            except UnicodeEncodeError:  # lone surrogates from a hostile page: one U+FFFD each
                title_s, byline_s, body_s = (to_simplified(_SURROGATE.sub("\ufffd", s)) for s in (title, byline, body))
            usual, plain = _shortcuts(title_s, byline_s, body_s)  # converted, most texts are plain
        title_k, byline_k, body_k = (match_key(title_s, usual[0], plain[0]), match_key(byline_s, usual[1], plain[1]),
                                     match_key(body_s, usual[2], plain[2]))
        text = title_k + "|" + byline_k + "|" + body_k
        found, topic_hits, topic_others, office_hits = self._scan(text)
        body_start = len(title_k) + len(byline_k) + 2
        hits = self._zone_hits(text, found, (len(title_k) + 1, body_start))
        defaults = tuple(z for z in default_zones if self.gazetteer.get(z))
        if url:
            site = self.gazetteer.zone_for_url(url)
            if site is not None and site.id not in defaults:
                defaults += (site.id,)
        mentions = self._zone_mentions(text, hits, body_start, defaults)
        signable = may_sign(body_s)  # whether a line of the body may be a signature (read by two steps)
        people, posts = self._people(title_k, byline_k, body_s, body_k, author, byline_s, hits, mentions, office_hits,
                                     defaults, signable)
        lead_end = _lead_end(body_s, len(body_k))
        own_title = bool(title_k) and _OWN_TITLE.search(title_k) is not None
        zones = self._zone_tags(mentions, defaults, _aside(mentions, posts), lead_end, own_title,
                                lambda: _body_rules(own_title, title_k, body_k, lead_end, hits, mentions, posts,
                                                    self._zone_by_place, body_start),
                                body_k, posts, _rows)
        # topics read title and body: the byline's hits are left out (the | around it ends any sentence)
        topics = self.topics.score(text, len(title_k), topic_hits, (len(title_k), body_start) if byline_k else None,
                                   topic_others)
        places = self._places(zones, hits, body_start + _LEAD)
        content_type = _content_type(title_s, body_s[:400], people, bool(byline_k), signable)
        return TagSet(zones=zones, people=people, places=places, topics=topics, content_type=content_type,
                      relevant=bool(zones or topics))

    def _zone_tags(self, mentions: list[tuple[str, str, int]], defaults: tuple[str, ...], aside: set[str] = frozenset(),
                   lead_end: int = _LEAD, own_title: bool = False,
                   body_rules: Callable[[], tuple[set[str], set[str], bool]] | None = None,
                   body_k: str = "", posts: Sequence[tuple[int, int, bool]] = (),
                   rows: list[tuple[Candidate, bool, str]] | None = None) -> tuple[ZoneTag, ...]:
        """Scores and roles. `defaults`: the source's and the site's zones, the subject of a page that
        names no other zone as its subject; `aside`: zones named only in lists, in former posts or in
        the post of one official among others (never a subject unless in the headline); `lead_end`:
        where the first paragraph of the body ends (a zone named once after it is not the subject); `own_title`:
        the headline speaks as a zone (调查组来区考察, 我区): the one zone the text names is the one speaking;
        `body_rules`: the zones the body's rules set aside more, the zones that are subjects whenever eligible and
        whether the headline names the kind of zone (`_body_rules`: run when the body alone decides, no headline zone
        and no default; for `rows`, always); `body_k`, `posts`: what the evidence model reads besides (the body's match
        key, the posts' spans in it);
        `rows`: when given, each zone's evidence, the rules' decision and the deciding branch are added to it."""
        score: dict[str, float] = dict.fromkeys(defaults, 0.0)
        counts: dict[str, int] = {}
        flags: dict[str, set[str]] = {}  # the places a zone scored in once: lead, title, byline
        first: dict[str, int] = {}  # its first position in the body
        listed: set[str] = set()
        sided: set[str] = set()  # zones with a mention in a comparison, a remit, a career, a partner clause, a facility
        mention, weights = _WEIGHTS["mention"], _WEIGHTS
        for zone_id, section, position in mentions:
            count = counts[zone_id] = counts.get(zone_id, 0) + 1
            gain = mention if count <= _MAX_MENTIONS else 0.0
            where = section
            if section in _BODY_SECTIONS:
                if position < first.get(zone_id, position + 1):
                    first[zone_id] = position
                if section == "list":
                    listed.add(zone_id)
                elif section != "body":
                    sided.add(zone_id)
                where = "lead" if position < _LEAD and section == "body" else ""
            if where:
                seen = flags.get(zone_id)
                if seen is None:
                    seen = flags[zone_id] = set()
                if where not in seen:
                    gain += weights[where]
                    seen.add(where)
            score[zone_id] = score.get(zone_id, 0.0) + gain
        if not score:
            return ()
        headline = named = {z for z, s in flags.items() if "title" in s or "byline" in s}
        set_aside = aside  # as the mentions show it, before the body's rules (the evidence reads this one)
        leaders: set[str] = set()
        kind_headline = False
        if not headline and not defaults and body_rules is not None:
            more, leaders, kind_headline = body_rules()
            aside = (aside | more) - leaders  # a visit's leader is no one official in a roll: his zone is not aside
        eligible = {z: s for z, s in score.items() if z not in aside and
                    (counts.get(z, 0) >= 2 or first.get(z, 0) < lead_end or z in defaults)}
        if len(headline) >= 2:
            # 光谷与张江、中关村共话...: a headline zone the body names far less than the main one is a partner
            body = {z: sum(1 for m in mentions if m[0] == z and m[1] == "body") for z in headline}
            top = max(body.values())
            if top >= _DOMINANT:
                headline = {z for z in headline if 2 * body[z] > top}
        if len(headline) >= 3:
            subjects = set()  # 中关村、张江、深圳综合排名居前: a headline listing three zones or more (a ranking) has no subject
        elif headline:
            subjects = headline
        elif defaults:
            subjects = set(defaults)
        elif len(listed) >= 3:
            subjects = set()  # a text listing three zones or more (克拉玛依、遵义、信阳、滁州四个高新区): no subject
        elif eligible:
            top = max(eligible.values())
            subjects = {z for z, s in eligible.items() if s == top or (s >= 0.6 * top and counts.get(z, 0) >= 3)}
            subjects |= leaders & eligible.keys()  # 渭南高新区党工委书记…带领考察团赴咸阳高新区: both zones act
            if len(subjects) >= 3 and all(counts.get(z, 0) == 1 for z in subjects):
                subjects = set()  # a roll call of zones, each named once: none is the subject
        elif own_title and len(score) == 1 and not aside:
            subjects = set(score)  # 国家调查组来区考察 ... 大庆开发区发展很快: the zone of a 来区/我区 headline
        else:
            subjects = set()
        branch = "headline" if headline else "default" if defaults else "body"
        # the model may take away a subject the rules propose, in a body as long as those it was fitted on; not under a
        # headline speaking as a zone (来区, 我区): the zone wrote the text about itself (on the tune halves the rules are
        # right on every such text the body decides, and the model vetoed one: d017)
        vetoes = branch == MODEL_BRANCH and bool(subjects) and len(body_k) >= MODEL_MIN_BODY and not own_title
        if rows is None:
            if vetoes:  # `decide(evidence(...))`, from the counts above where they settle it
                subjects = confirmed(subjects, score, counts, first, listed, sided, mentions, set_aside, lead_end,
                                     body_k, posts, own_title, kind_headline, leaders)
        else:  # every zone's evidence, for fitting and inspecting the model
            if branch != MODEL_BRANCH and body_rules is not None:  # the body's cues of a text decided elsewhere
                _, leaders, kind_headline = body_rules()
            candidates = evidence(score, mentions, defaults, named, set_aside, lead_end, body_k, posts, kind_headline,
                                  own_title, leaders, listed)
            rows.extend((c, c.zone_id in subjects, branch) for c in candidates)
            if vetoes:
                subjects = decide(candidates, subjects)
        tags = []
        made = self._zone_tag_cache
        for zone_id, raw in score.items():
            role = "subject" if zone_id in subjects else "mentioned"
            entry = made.get((zone_id, role, raw))
            if entry is None:
                tag = self._new_zone_tag(zone_id, role, raw)
                entry = made[(zone_id, role, raw)] = ((role != "subject", -tag.score, zone_id), tag)
            tags.append(entry)
        if len(made) > _ORG_CACHE:
            made.clear()
        tags.sort(key=_SORT_KEY)  # subjects first, then by score, then by id: the key kept with the tag
        return tuple(map(_TAG, tags))

    def _new_zone_tag(self, zone_id: str, role: str, raw: float) -> ZoneTag:
        zone = self.gazetteer.get(zone_id)
        assert zone is not None
        return ZoneTag(zone_id, zone.full_name, role, round(min(1.0, raw / 6), 3))  # type: ignore[arg-type]

    def _people(self, title_k: str, byline_k: str, body_s: str, body_k: str, author: str | None, byline_s: str,
                hits: list[_Hit], mentions: list[tuple[str, str, int]], office_hits: list[tuple[int, int]],
                defaults: tuple[str, ...] = (), signable: bool = True
                ) -> tuple[tuple[PersonTag, ...], list[tuple[int, int, bool]]]:
        """The people, and the spans of the posts found in the body (start, end, former). `signable`: whether the
        body may hold a signature line (`may_sign`)."""
        posts: list[tuple[int, int, bool]] = []
        found: dict[str, PersonTag] = {}
        if author and byline_s and 2 <= len(author.strip()) <= 4:
            post = match_key(byline_s)
            found[author.strip()] = PersonTag(author.strip(), post, self._post_zone(post))
        for signed in find_bylines(list(filter(None, map(str.strip, body_s.splitlines())))) if signable else ():
            if signed.name not in found:
                found[signed.name] = PersonTag(signed.name, signed.post, self._post_zone(signed.post or ""))
        if not office_hits:
            return tuple(found.values()), posts
        body_offset = len(title_k) + len(byline_k) + 2
        unnamed = False  # an office word of the body followed by a surname or a colon, and no name found after it
        for section, key, offset in (("body", body_k, body_offset), ("title", title_k, 0)):
            spans = [(s - offset, e - offset) for s, e in office_hits if offset <= s and e - offset <= len(key)]
            people = find_people(key, office_spans(key, spans)) if spans else []
            if section == "body" and spans:
                named = {person.end for person in people}
                unnamed = any(end not in named and key[end:end + 1] in _NAME_OR_ROSTER_FIRST
                              and _ends_a_line(key, end + (key[end] == ":"), body_s) for _, end in spans) \
                    or any(_unfound_next(key, person, people, body_s) for person in people)
            if not people:
                continue
            # a post's zone: the first zone mention (in `mentions` order) inside the post's span; its place:
            # the last place inside it. Positions sorted once, each post looked up by bisection.
            first_zone: dict[int, tuple[int, str]] = {}
            for order, (zone_id, where, pos) in enumerate(mentions):
                if where == section and pos not in first_zone:
                    first_zone[pos] = (order, zone_id)
            zone_positions = sorted(first_zone)
            places = [(h.start - offset, h.ref) for h in hits if h.kind == _PLACE and h.section == section]
            place_starts = [start for start, _ in places]
            for person in people:
                if section == "body":
                    posts.append((person.start, person.end, person.former))
                if person.name in found or (section == "title" and any(
                        name.startswith(person.name) for name in found)):
                    continue  # 武汉市委书记郭元强调研 in the title: the body's 郭元强, not a 郭元
                low = bisect_left(zone_positions, person.start)
                high = bisect_left(zone_positions, person.end, low)
                zone_id = min(first_zone[pos] for pos in zone_positions[low:high])[1] if low < high else None
                if zone_id is None and defaults and _ZONE_ORGAN.search(person.post) and not any(
                        h.section == section and person.start <= h.start - offset < person.end
                        and h.kind in (_PLACE, _OTHER, _ZONE, _AMBIG, _BARE_KIND) for h in hits):
                    zone_id = defaults[0]  # 区党工委副书记 on a zone's own site: that zone's official
                # the place nearest the office: 湖南省委常委、长沙市委书记 is 长沙市's
                last = bisect_left(place_starts, person.end) - 1
                place = places[last][1] if last >= 0 and place_starts[last] >= person.start else None
                found[person.name] = PersonTag(person.name, person.post, zone_id,
                                               self._org(person.post, zone_id, place), person.former)
        if unnamed and "\n" in body_s:  # only then may a name be hidden by the line after it
            self._line_end_people(body_s, body_k, found, posts)
        return tuple(found.values()), posts

    def _line_end_people(self, body_s: str, body_k: str, found: dict[str, PersonTag],
                         posts: list[tuple[int, int, bool]]) -> None:
        """A name that ends its line (a subheading 宜都市委书记夏明海, a roster 管委会副主任:马腾飞、杨明): the match key
        joins the lines, so the next line's first characters follow the name and hide where it ends. Such a line
        (a surname a name's length from its end, after an office word or a roster's mark) is read again on its own."""
        for end in _LINE_END_NAME.finditer(body_s):  # one regex pass; most bodies have no such line
            tail = end.group(1)  # a surname a name's length from the line's end
            if not (tail[-2] in SURNAMES or tail[-3:-2] in SURNAMES or tail[-4:-2] in COMPOUND_SURNAMES
                    or tail[-3:-1] in COMPOUND_SURNAMES):
                continue
            # the line's last characters: a post (at most 40, `people._MAX_POST`) and the names after it
            line = body_s[max(body_s.rfind("\n", 0, end.start()) + 1, end.end() - _LINE_END_SPAN):end.end()].strip()
            key = match_key(line)
            people = find_people(key) if _OFFICE_IN_LINE.search(key) else ()
            at = -1
            for person in people:
                if person.name in found or not key.endswith(person.name):
                    continue
                if at < 0:
                    at = body_k.find(key)
                zone_id = self._post_zone(person.post)
                found[person.name] = PersonTag(person.name, person.post, zone_id,
                                               self._org(person.post, zone_id, None), person.former)
                if at >= 0:
                    posts.append((at + person.start, at + person.end, person.former))

    def _post_zone(self, post: str) -> str | None:
        """The first zone a byline's post names. Bylines recur (a paper's columnists, a site's editors):
        the answers are kept (bounded, per tagger, as for `_org`)."""
        zone_id = self._post_zones.get(post, _UNKNOWN)
        if zone_id is _UNKNOWN:
            zone_id = self._post_zones[post] = next(iter(self._zone_ids(match_key(post))), None)
            if len(self._post_zones) > _ORG_CACHE:
                self._post_zones.clear()
        return zone_id  # type: ignore[return-value]

    def _org(self, post: str, zone_id: str | None, place_ref: str | None) -> PersonOrg:
        """The organisation of a post: the unit naming the zone (else the last unit) without its office;
        `place_ref`: the place named in the post nearest its office. Posts recur (副市长, 区领导, a zone's
        党工委书记): the answers are kept (bounded, per tagger)."""
        cache_key = (post, zone_id, place_ref)
        org = self._orgs.get(cache_key)
        if org is None:
            place = self.places[int(place_ref)] if place_ref is not None else None
            org = self._orgs[cache_key] = self._org_of(post, zone_id, place)
            if len(self._orgs) > _ORG_CACHE:
                self._orgs.clear()  # bounded; clearing (not evicting one) is safe if threads share the tagger
        return org

    def _org_of(self, post: str, zone_id: str | None, place: Place | None) -> PersonOrg:
        zone = self.gazetteer.get(zone_id) if zone_id else None
        start, end = max(post.rfind(sep) for sep in _UNIT_SEPARATORS) + 1, len(post)
        if zone is not None:
            for key in self._name_keys[zone.id]:
                at = post.find(key)
                if at >= 0:
                    start = max(post.rfind(sep, 0, at) for sep in _UNIT_SEPARATORS) + 1
                    end = min((j for j in (post.find(sep, at) for sep in _UNIT_SEPARATORS) if j >= 0), default=end)
                    break
        unit = post[start:end]
        length = next((n for n in _OFFICE_LENGTHS if unit[-n:] in _OFFICE_WORDS), 0)
        unit = unit[:len(unit) - length]
        name = unit.removesuffix(next((d for d in _DEPUTIES if unit.endswith(d)), "")).removeprefix("原") or None
        if zone is not None:
            return PersonOrg(name, zone.id, zone.prefecture or None, zone.province or None)
        if place is not None:
            return PersonOrg(name, None, place.city or None, place.province or None)
        return PersonOrg(name, None, None, None)

    def _places(self, zones: tuple[ZoneTag, ...], hits: list[_Hit], lead_end: int) -> tuple[PlaceTag, ...]:
        zone_places, place_keys = self._zone_places, self._place_keys
        places = dict.fromkeys(zone_places[tag.zone_id] for tag in zones if tag.zone_id in zone_places)
        named = [(hit.start, hit.ref) for hit in hits if hit.kind == _PLACE]
        if named:
            counts: dict[str, int] = {}
            for _, ref in named:
                counts[ref] = counts.get(ref, 0) + 1
            for start, ref in named:
                if start < lead_end or counts[ref] >= 2:
                    places[place_keys[ref]] = None
        cities = {p for p, c in places if c}
        made = self._place_tags
        return tuple(made.get(key) or made.setdefault(key, PlaceTag(*key)) for key in places
                     if key[1] or key[0] not in cities)


_OFFICE_WORDS = frozenset(OFFICES)


def _city_stems(gazetteer: Gazetteer, places: Sequence[Place]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Place ref -> (stem, zone id) of the zones of that city whose short name's stem is no place (武汉: 东湖)."""
    place_names = {match_key(p.name) for p in places}
    refs = {match_key(p.name): str(i) for i, p in enumerate(places) if p.city}
    found: dict[str, list[tuple[str, str]]] = {}
    for zone in gazetteer.zones:
        stem = match_key(zone.short_name).removesuffix("高新区")
        city = match_key(zone.prefecture).removesuffix("市")
        if stem != match_key(zone.short_name) and len(stem) >= 2 and stem not in place_names and city in refs:
            found.setdefault(refs[city], []).append((stem, zone.id))
    return {ref: tuple(stems) for ref, stems in found.items()}


def _cities_listed_with_zones(text: str, hits: list[_Hit], seeds: list[int], zone_by_place: Mapping[str, str],
                              city_stems: Mapping[str, tuple[tuple[str, str], ...]]) -> list[tuple[str, int]]:
    """(zone id, position) of the cities in a list of three or more items joined by 、 (和, 与, 及 before the last)
    of which one at least is a zone's name (中关村, 上海张江, or a city with its zone's stem: 武汉东湖): a ranking or a
    roundup of zones, each city one of them. `seeds`: the hits of zone names next to a 、 (the lists are read from
    them, not from every hit: a text has many places). A city item is the place alone, right before the joiner (the
    last item before punctuation or a word that follows a list: 等, 位居; not 重庆两江新区, a longer name); a city
    with its zone's stem is that zone. Body hits only."""

    def item(j: int) -> tuple[str, int, bool, bool, int, int] | None:
        """(zone id, start, named as a zone, not yet a mention, end, index of its last hit) of the item at hit j."""
        hit = hits[j]
        if hit.section != "body":
            return None
        if hit.kind == _ZONE:
            return hit.ref, hit.start, True, False, hit.end, j
        if hit.kind != _PLACE or hit.ref not in zone_by_place:
            return None
        after = hits[j + 1] if j + 1 < len(hits) else None
        if after is not None and after.kind == _ZONE and after.start == hit.end:  # 上海张江: the zone
            return after.ref, hit.start, True, False, after.end, j + 1
        for stem, zone_id in city_stems.get(hit.ref, ()):
            if text.startswith(stem, hit.end):  # 武汉东湖
                return zone_id, hit.start, True, True, hit.end + len(stem), j
        return zone_by_place[hit.ref], hit.start, False, True, hit.end, j

    found: list[tuple[str, int]] = []
    read: set[int] = set()
    for seed in seeds:
        if seed in read or (first := item(seed)) is None:
            continue
        items = [first]
        j = seed
        while j > 0:  # leftwards: an item right before a joiner
            k = j - 1
            if k > 0 and hits[k].kind == _ZONE and hits[k - 1].kind == _PLACE and hits[k - 1].end == hits[k].start:
                k -= 1  # 上海张江: read from the city
            left = item(k)
            if left is None or left[5] != j - 1 or text[left[4]:items[0][1]] not in _LIST_JOINERS:
                break
            items.insert(0, left)
            j = k
        j = items[-1][5] + 1
        while j < len(hits):  # rightwards
            right = item(j)
            if right is None or text[items[-1][4]:right[1]] not in _LIST_JOINERS:
                break
            end = right[4]
            if not right[2] and end < len(text) and text[end] not in _LIST_JOINERS:
                if text[end] in _AFTER_LAST_CITY or not "\u4e00" <= text[end] <= "\u9fff":
                    items.append(right)  # the last item: 成都位居前10, 深圳等 (not 重庆两江新区: a longer name)
                break
            items.append(right)
            j = right[5] + 1
        read.update(range(items[0][5], items[-1][5] + 1))
        if len(items) >= 3 and any(named for _, _, named, *_ in items):
            found += [(zone_id, at) for zone_id, at, _, new, *_ in items if new]
    return found


_AFTER_LAST_CITY = frozenset("等位在的均都分也已将为居列排")


# the kind's written forms after a place: the official one, the older 产业园区 (the provincial zones most national ones grew
# from were 高新技术产业园区: 漳州, 莫干山), and the short 高新园区 / 高新开发区 of news
_LONG_KINDS = ("高新技术产业开发区", "高新技术开发区", "高新技术产业园区", "高新园区", "高新开发区")
_USUAL_FORMS = ("国家高新区", "国家级高新区", "国家高新技术产业开发区", "国家级高新技术产业开发区", *_LONG_KINDS)


def _usual_forms(gazetteer: Gazetteer, ambiguous: Mapping[str, object]) -> Iterable[tuple[str, str]]:
    """(match key, zone id) of the usual forms of every name of a zone that ends with 高新区, the short name's
    first (the gazetteer lists a few of them per zone, news writes any): 紫竹国家高新区, 石河子高新技术产业开发区 from
    the short name, 秀洲国家高新区 from the alias 秀洲高新区; and, for a name that opens with its city and goes on
    with a kind (泰州医药, 包头稀土), 国家 between the two: 泰州国家医药高新区, 泰州国家医药高新技术产业开发区."""
    names = [(zone, zone.short_name) for zone in gazetteer.zones]  # the short names win a form two zones share
    names += [(zone, alias) for zone in gazetteer.zones for alias in zone.aliases]
    for zone, name in names:
        city = match_key(zone.prefecture)
        city = city.removesuffix("市") if len(city) >= 3 else city
        key = match_key(name)
        stem = key.removesuffix("高新区")
        if stem == key or len(stem) < 2 or key in ambiguous or stem.endswith(("国家", "国家级")):
            continue
        forms = [stem + form for form in _USUAL_FORMS]
        if len(city) >= 2 and stem.startswith(city) and len(stem) > len(city) and stem[len(city)] != "市":
            kind = stem[len(city):]
            forms += [city + "国家" + kind + form for form in ("高新区", "高新技术产业开发区")]
        for form in forms:
            if form not in ambiguous:
                yield form, zone.id


def _body_rules(own_title: bool, title_k: str, body_k: str, lead_end: int, hits: list[_Hit],
                mentions: list[tuple[str, str, int]], posts: list[tuple[int, int, bool]],
                zone_by_place: dict[str, str], body_start: int) -> tuple[set[str], set[str], bool]:
    """When the body alone decides: (zones set aside, zones that are subjects when eligible, whether the headline
    names the kind of zone). A text under a headline
    about the kind of zone, whose body zones are never the subject, a zone named once in a text about its city
    (`_city_texts`), and the zone whose leadership leads a visit.
    (A third rule, the zones a visit to a city tours as stops, was tried and dropped: README of the real set, round 8.)"""
    if not own_title and _names_kind(hits, title_k):
        return {m[0] for m in mentions}, set(), True  # 湖南有多少个国家级高新区?: the headline is about the kind of zone
    return (_city_texts(hits, mentions, zone_by_place, body_k, body_start, _lead_opening(body_k, lead_end)),
            _visit_leaders(body_k, lead_end, mentions, posts), False)


_CITY_TEXT = 3  # the city named on its own this often, its zone once: the text is about the city
# a city's office after its name: the office acts (洛阳市委书记, 株洲市政府), the city is no topic of the text there
_CITY_OFFICE = re.compile("市?(?:委|政府|长|人大|政协|纪委|领导|党政)")


_OPENING = 20  # match-key characters: where a lead's first sentence names its actor ('3月1日，洛阳高新区一季度…')


def _lead_opening(body_k: str, lead_end: int) -> int:
    """Where the opening of the lead's first sentence ends, in match-key characters."""
    ends = [at for at in (body_k.find(mark, 0, lead_end) for mark in "。！？；") if at >= 0]
    return min(min(ends, default=lead_end), _OPENING)


def _city_texts(hits: list[_Hit], mentions: list[tuple[str, str, int]], zone_by_place: dict[str, str],
                body_k: str, body_start: int, opening_end: int) -> set[str]:
    """The zones named once in a body that names the zone's city on its own `_CITY_TEXT` times or more: the text is about
    the city (包头 as 稀土之都, a city's tour, a city's project news) and names its zone in passing (拥有…国家级高新区——包头
    稀土高新区). The city counts on its own: not inside a name (包头稀土高新区 is one hit), not right before another hit
    (包头市高新区, 湘潭经开区), not before the word of one of its offices (洛阳市委书记, 株洲市政府). A zone opening the
    lead's first sentence is the text's actor, not a passing name ('3月1日，洛阳高新区一季度重大项目集中开工', then 该区
    and the city's leaders and economy; review). On the tune halves it sets aside two false subjects (h033, r005) and no
    subject (k006 was the third before the review: its city is counted in 咸宁市政府副秘书长, an office)."""
    if not mentions:
        return set()
    once: dict[str, int] = {}
    for zone_id, section, at in mentions:
        # the actor opening the lead is never 'named in passing'
        once[zone_id] = once.get(zone_id, 0) + (2 if section == "body" and at < opening_end else 1)
    single = {z for z, n in once.items() if n == 1}
    if not single:
        return set()
    alone: dict[str, int] = {}
    for i, hit in enumerate(hits):
        if hit.kind == _PLACE and hit.section == "body":
            zone_id = zone_by_place.get(hit.ref)
            if zone_id in single and not (i + 1 < len(hits) and hits[i + 1].start == hit.end) \
                    and not _CITY_OFFICE.match(body_k, hit.end - body_start):
                alone[zone_id] = alone.get(zone_id, 0) + 1
    return {z for z, n in alone.items() if n >= _CITY_TEXT}


def _names_kind(hits: list[_Hit], title_k: str) -> bool:
    """Whether the headline names the kind of zone (国家高新区, 国家级高新区, 省级高新区, 国家自主创新示范区) and no zone:
    湖南有多少个国家级高新区?, 工信部:中西部国家级高新区追赶势头强劲, 国家高新区是什么意思. Such a text is about the kind or
    a set of zones; the zones its body names are examples or items (on the tune halves 10 of the 11 such texts have no
    subject; the 11th has a 来区 headline, left to `own_title`). Not when a possessive stands right before the kind word
    (我市国家级高新区营收突破千亿, 本市国家高新区…): the kind word then names the city's one zone."""
    for hit in hits:
        if hit.section != "title":
            return False  # hits are in text order: the title's come first
        if hit.kind == _GENERIC:
            # 我市/本市/全市/该市/我区/本区国家高新区: the speaker's own zone (江门市国家高新区 is read as that city's zone
            # when the hits are made, `_zone_hits`: a zone in the headline, so this rule never runs)
            return _OWN_KIND.search(title_k, max(0, hit.start - 2), hit.start) is None
    return False


# 我市国家级高新区: a city's own zone named by its kind (not 全区 or 我省: a region's or a province's are many)
_OWN_KIND = re.compile("(?:我|本|全|该)市$|(?:我|本)区$")


# A party arriving somewhere, in the lead: 渭南高新区党工委书记…薛清军带领考察团赴, 哈尔滨高新区管委会常务副主任钟利一行来
_VISIT = re.compile("(?:一行|考察团|考察组|调研组|代表团|参访团|学习团|率队|带队|率团)[^。;|]{0,6}?(?:来到|来|到|赴|莅临|前往)")
_VISIT_SPAN = 100  # the party and its destination open the lead (on the tune halves within its first 35 characters)
_LEADER_GAP = 12  # a name and 带领/率 (or nothing before 一行) between the leader's post and the party word


def _visit_leaders(body_k: str, lead_end: int, mentions: list[tuple[str, str, int]],
                   posts: list[tuple[int, int, bool]]) -> set[str]:
    """The zones named in the post of the one who leads a visiting party, told in the lead (渭南高新区党工委书记、管委会主任
    薛清军带领考察团赴咸阳高新区): the visitors' own zone acts, a subject beside the host (tests/data/tagging_real README,
    visit convention). A member's post in another body's party is no lead (the roll rule sets it aside)."""
    match = _VISIT.search(body_k, 0, min(lead_end, _VISIT_SPAN))
    if match is None:
        return set()
    party = match.start()
    for start, end, _ in posts:  # the leader's post: a name's length before the party word, in its sentence
        if end <= party <= end + _LEADER_GAP and not any(mark in body_k[end:party] for mark in _SENTENCE_ENDS):
            return {zone_id for zone_id, section, position in mentions if section == "body" and start <= position < end}
    return set()


_BODY_SECTIONS = frozenset(("body", "list", "compare", "remit", "facility", "career", "partner", "address"))
_ASIDE_SECTIONS = frozenset(("list", "compare", "remit", "facility", "career", "partner", "address"))
# A zone given as the address of an organisation: 位于(中山市)火炬开发区的中山市鸿瑞学校, 位于浦东张江的中科院上海药物研究所
# (位于 a few characters before the zone, 的 right after it, an organisation's word closing the clause's next words). A
# zone named only so is mentioned: the text is about the school, the institute or the company (u034, q029); named once
# more plainly, it is kept.
_ADDRESS_BEFORE = re.compile("位于[\u4e00-\u9fff]{0,4}$")
_ADDRESS_REACH = 10  # 位于 starts at most this far before the zone's name (位于中国光谷, 位于中山市火炬开发区)
# A single dash or dot between a place and a zone's name joins them into the name of a third park (天津滨海—中关村
# 科技园); a double dash (先行者——中新苏滁高新区) is punctuation
_JOINED_NAME = frozenset("—·•-")
# 与/同 before a zone that another zone named earlier in the sentence signs or builds with: the other party
_MARKS_BEFORE = _JOINED_NAME | frozenset("与同")
# A bracket that says what a count includes (14个县市区委书记(含宜昌高新区)): the zone is one member of the set
_INCLUDED = ("(含", "(包括", "(包含")
_INCLUDED_LAST = frozenset(word[-1] for word in _INCLUDED)
_BEFORE_ZONE = _MARKS_BEFORE | frozenset("、") | _INCLUDED_LAST  # what the zone loop looks at before a zone's name
_PARTNER_CUE = re.compile("[^。;!?|]{0,40}?(?:共建|合作|签约|签署|签订|联姻|结对|对口|缔结)")
_SENTENCE_BREAK = re.compile("[。;!?|]")
_PARTNER_SPAN = 80  # characters from the first zone to 与: one sentence at most
# After a zone's name, a facility it runs or hosts (西安高新区创业园, 中关村软件园): a text naming the zone only
# there is about the facility; the zone is mentioned
# (苏州工业园区展示中心: the zone's own exhibition hall, a stop of a visit: the zone is named, mentioned)
_FACILITY = re.compile("创业园|创业中心|孵化器|孵化园|孵化基地|软件园|创新园|产业园|展示中心")
_FACILITY_FIRST = frozenset(word[0] for word in _FACILITY.pattern.split("|"))
_ZONE_ORGAN = re.compile("党工委|管委会|管委|工委")
# After a zone's name, the rest of another name: a company, a building, a road, a town (中关村发展集团, 张江路,
# 京津中关村科技城: a town built with the zone's brand elsewhere; 中关村信息谷: a company running parks in other cities)
# (上海张江高科技园区开发股份有限公司, 上海张江(集团)有限公司: a company whose park word or trade comes between
# the name and the company word is a company too)
_INSIDE_NAME = re.compile("发展集团|控股|集团|股份|有限公司|公司|大厦|大道|大街|路(?![径线演])|会展中心|会议中心|酒店|宾馆|广场|科技城|信息谷"
                          r"|(?:高科技园区|科技园区|高科技园|园区)?(?:开发|投资|建设|实业|置业)(?:股份|有限公司|公司|集团)"
                          r"|(?:高科技园区|科技园区|高科技园|园区)(?:股份|有限公司|公司|集团)|\((?:集团|控股)\)")
# the first characters of its words: a cheap test first
_INSIDE_NAME_FIRST = frozenset("发控集股有公大路会酒宾广开投建实置(高科园信")
# A company's trade between the zone's name and a company word (广州开发区人才工作集团): a company named after the zone.
# The trade is a business word ('人才工作', '城市发展', '投资', '建设'); a brand after a zone's name is a company the zone
# hosts (西安高新区陕鼓集团, 长沙高新区三一集团: the zone is named; review).
_COMPANY_NAME = re.compile("[\u4e00-\u9fff]{0,2}?(?:人才|发展|投资|建设|产业|国资|资产|运营|科创|服务|控股|城投|创投|实业|置业"
                           "|开发|管理|咨询|人力资源|金融|担保|融资|基金)(?:工作|服务|管理|发展|投资|控股|运营)?(?:集团|有限公司)")
_COMPANY_WORDS = ("集团", "有限公司")
_COMPANY_REACH = 6  # the trade's characters at most between the zone's name and where the company word starts
_AFTER_ZONE_FIRST = _INSIDE_NAME_FIRST | frozenset("、")  # what the zone loop looks at after a zone's name
_COUNT_BEFORE = re.compile(r"[0-9一二三四五六七八九十几多两]$")  # 14家, 三个 ... before 高新区: a count, not a zone
# ... and a count of the places themselves: 潍坊、长沙两地高新区, 株洲、湘潭三市国家高新区
_LIST_COUNT = re.compile("等?(?:[0-9一二三四五六七八九十两]*[家个所]?|[0-9一二三四五六七八九十两]+[地市])(?:国家级|国家|省级)?")
_NEW_AREA = re.compile("(?:(?!高新区)[\u4e00-\u9fff]){0,3}?新区")  # 长春新区, 南京江北新区 (not 高新区: that is a zone)
# A zone held up as a model: a verb of learning before it, or its experience after it
_LEARN_FROM = re.compile("学习|借鉴|对标|比肩|媲美|看齐|效仿|复制|参照|取经|仅次于|堪比|不亚于|赶超")
_EXPERIENCE_OF = re.compile("[\u4e00-\u9fff]{0,6}?(?:先进经验|成功经验|经验做法|发展经验|先进理念|成功模式)")
_EXPERIENCE_WORDS = ("经验", "理念", "模式")  # every _EXPERIENCE_OF phrase holds one
_EXPERIENCE_REACH = 8  # ... starting at most this far after the zone: 6 characters, then the word 2 into the phrase
_SURROGATE = re.compile("[\ud800-\udfff]")
_LIST_JOINERS = ("、", "和", "与", "及")
# a count of zones, then the places whose zones they are: 8个国家级高新区,分别是长沙、株洲…和郴州
_NAMED_AFTER = re.compile("[,:]?(?:分别是|分别为|包括|即)[:]?")
_NAMED_AFTER_FIRST = frozenset(",:分包即")
_OTHER_ITEMS = re.compile("(?:[\u4e00-\u9fff]{2,3}[、和与及]){1,3}")  # items of the list that are no place of the table
_NATIONAL = frozenset(("国家高新区", "国家级高新区"))  # the kinds a city group's zones are (not 省级高新区)
_GROUP_REACH = 8  # a group's abbreviation and a count before the kind: 呼包鄂三市
# 来安康市考察, 赴深圳调研: a city the verb before it makes a visit's destination
_VISIT_TO = frozenset("来到赴抵")
# ... unless the verb's character ends a word of receiving (安康市迎来宝鸡市考察团: the visitors' city follows 迎来) and the
# visit word is a verb, not a group of visitors (考察团, 调研组)
_NOT_VISIT_TO = frozenset(("迎来", "受到", "得到", "带来", "引来", "请来", "招来", "看到", "想到", "说到", "提到", "谈到"))
_VISIT_WHAT = re.compile("市?(?:考察|调研|参观|学习|访问|交流|观摩)(?![团组队])")
_WEAK_CITY_INSIDE = re.compile("路|街|大道|大街|大学|公园|久安|纪念|陵|舰|号")  # 中山路, 长治久安: not the city
_OWN_TITLE = re.compile("来区(?!域)|我区|本区(?!域)|莅临高新区")  # a headline written by a zone about itself
_KIND_LIST_NEXT = frozenset("、和与及等")  # after a bare 高新区 that follows 、: it is an item of a list
_ORG_CACHE = 4096
_LINE_END_SPAN = 48
_NAME_OR_ROSTER_FIRST = frozenset(SURNAMES) | frozenset(name[0] for name in COMPOUND_SURNAMES) | frozenset(":")
# a line ending with a name right after an office word's last character or a roster's mark
_LINE_END_NAME = re.compile("[记任长员席理人监师委导、:：]([\u4e00-\u9fff]{2,4})[ \t\u3000\xa0]*$", re.M)
_OFFICE_IN_LINE = re.compile("|".join(map(re.escape, OFFICES)))  # an office word in a line ending with a name
_UNKNOWN = object()  # not yet in a cache (None is an answer)
_UNIT_SEPARATORS = ("、", "，", ",", "兼")
_OFFICE_LENGTHS = tuple(sorted({len(w) for w in OFFICES}, reverse=True))
_DEPUTIES = ("常务副", "执行副", "副", "代理")
_INTERVIEW = re.compile(r"专访|访谈|对话|答记者问|记者[:：]|^问[:：]", re.M)
_POLICY = re.compile(r"办法|细则|实施意见|若干措施|若干政策|政策措施|条例|规定|行动方案|实施方案|指导意见")
_NOTICE = re.compile(r"公告|公示|通知|通告|启事|名单")
_QUESTION_LINE = re.compile(r"(?:^|\n)\s*(?:问|记者)[:：]")
_NEWS_CUE = re.compile(r"本报讯|记者|讯\s*[(（]|通讯员|日电|新华社|据.{1,8}报道")


_SORT_KEY, _TAG = itemgetter(0), itemgetter(1)


def _shortcuts(*texts: str) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """`is_usual` and `is_plain` of each text, for `match_key`'s shortcuts: one regex pass over each text for what
    match_key and looks_traditional would test character by character. A plain text (most) is usual too: one pass."""
    plain = tuple(map(is_plain, texts))
    return tuple(p or is_usual(text) for p, text in zip(plain, texts, strict=True)), plain


def _content_type(title: str, head: str, people: tuple[PersonTag, ...], has_byline: bool, signable: bool = True
                  ) -> ContentType:
    """commentary (signed by an official or expert), interview, policy, notice or news, from page cues.
    `signable`: whether the body may hold a signature line (`may_sign`: the head is part of it)."""
    if _INTERVIEW.search(title) or (("问" in head or "记者" in head) and _QUESTION_LINE.search(head)):
        return "interview"
    if _POLICY.search(title) and not _NEWS_CUE.search(head):
        return "policy"
    if _NOTICE.search(title) and not _NEWS_CUE.search(head):
        return "notice"
    signed = has_byline or signable and bool(find_byline([line for line in map(str.strip, head.splitlines()) if line]))
    if signed and not _NEWS_CUE.search(head):
        return "commentary"
    return "news"


def _aside(mentions: list[tuple[str, str, int]], posts: list[tuple[int, int, bool]]) -> set[str]:
    """Zones whose every mention is aside: in a list of zones, held up as a model (学习借鉴…经验), in a
    former post (原…高新区管委会副主任: the first post holding the mention is a former one), or in the post
    of one official in a roll of three or more (市委常委、副市长X，…，中关村管委会主任Y，市科委副主任Z出席:
    the zone's official attends; the text is about the meeting, not the zone)."""
    any_former = any(former for _, _, former in posts)
    aside: set[str] = set()
    kept: set[str] = set()  # zones with a mention that is not aside
    in_posts: dict[str, set[int]] = {}  # the posts (by index) naming each zone, when every mention so far is in one
    roll = len(posts) >= _ROLL
    spans = sorted((start, end) for start, end, _ in posts) if roll else []
    starts = [start for start, _ in spans]
    for zone_id, section, position in mentions:
        if zone_id in kept:
            continue
        if section in _ASIDE_SECTIONS:
            aside.add(zone_id)
        elif section == "body" and any_former and _in_former_post(position, posts):
            aside.add(zone_id)
        elif section == "body" and roll and (post := _post_at(position, spans, starts)) is not None:
            in_posts.setdefault(zone_id, set()).add(post)
        else:
            kept.add(zone_id)
    aside |= {zone_id for zone_id, held in in_posts.items() if len(held) == 1}
    return aside - kept


def _mark_tour_and_example_lists(text: str, body_start: int, mentions: list[tuple[str, str, int]],
                                 spans: list[tuple[int, int]]) -> set[str]:
    """Two or more zones named in one clause as the stops of a tour (赴苏州工业园区、相城区和苏州高新区等地参观考察)
    or as examples (以中关村、张江、深圳为代表的国家高新区): a list, as before a count of zones (`mentions` is
    changed in place). The text is about the tour or the kind, not about one of them; a stop of a tour named
    again later is the tour going on: the zones toured are returned, for the caller to mark their later mentions."""
    # `spans`: (start, start) in `text` of two different zones of the body next to each other, as in a list:
    # only after them can a cue close one. Most texts hold no cue there: nothing else is done.
    cues = [cue for a, b in spans for cue in _LIST_TRIGGER.finditer(text, b, a + _CLAUSE_WINDOW)]
    if not cues:
        return set()
    body = sorted((body_start + m[2], i) for i, m in enumerate(mentions) if m[1] == "body")
    positions = [position for position, _ in body]
    toured: set[str] = set()
    listed: set[int] = set()
    seen: set[int] = set()
    # each cue (等地, 为代表, 考察 ...) after such a pair looks back over its own clause for the zones it closes
    for cue in cues:
        at = cue.start()
        if at in seen:
            continue
        seen.add(at)
        window = text[max(body_start, at - _CLAUSE_WINDOW):at]
        start = at - len(window) + max(window.rfind(mark) for mark in _CLAUSE_ENDS) + 1
        inside = body[bisect_left(positions, start):bisect_left(positions, at)]
        if len({mentions[i][0] for _, i in inside}) < 2:
            continue
        if cue.group() in _TOUR_VERBS:
            if not _TOUR_TO.search(text, start, inside[0][0]):
                continue
            toured.update(mentions[i][0] for _, i in inside)
        listed.update(i for _, i in inside)
    for i in listed:
        zone_id, _, position = mentions[i]
        mentions[i] = (zone_id, "list", position)
    return toured


def _mark_toured(mentions: list[tuple[str, str, int]], toured: set[str]) -> list[tuple[str, str, int]]:
    return [(z, "list", p) if z in toured and section == "body" else (z, section, p) for z, section, p in mentions]


_CLAUSE_ENDS = ("。", ",", ";", "!", "?", "|", "，", "；", "！", "？")  # in a match key, full-width marks are ASCII
_LIST_GAP = 12  # 苏州工业园区、相城区和苏州高新区: at most this many characters between two zones of a list
_CLAUSE_WINDOW = 60  # characters a cue looks back for the start of its clause
_TOUR_VERBS = ("考察", "参观", "学习", "取经", "观摩")
_LIST_TRIGGER = re.compile("等地区|等地|等园区|等国家高新区|等高新区|等开发区|等城市|为代表|" + "|".join(_TOUR_VERBS))
_TOUR_TO = re.compile("赴|前往")  # a study tour (到 also leads to an inspection: 市委书记到A、B调研考察)


_ROLL = 3  # officials named with posts: a roll of attendance, where one of them holding a zone post is an aside


def _post_at(position: int, spans: list[tuple[int, int]], starts: list[int]) -> int | None:
    """The index of the post span (sorted, not overlapping; `starts` their starts) holding `position`, if any."""
    index = bisect_right(starts, position) - 1
    return index if index >= 0 and position < spans[index][1] else None


def _in_remit(text: str, start: int, end: int) -> bool:
    """Whether a zone named at text[start:end] is in the list of an official's remit (主要负责工业、科技、郑州
    高新区和郑州经开区建设等工作): 分管/负责/主管 before it and 工作 after it, in one sentence. What the
    official answers for, not what the text is about."""
    stop = text.find("工作", end, end + _REMIT_REACH)  # (tested by the callers first, without a call)
    if stop < 0 or any(mark in text[end:stop] for mark in _SENTENCE_ENDS):
        return False
    before = text[max(0, start - 32):start]
    cut = max(before.rfind(mark) for mark in _SENTENCE_ENDS)
    if cut >= 0:
        before = before[cut + 1:]
    return any(word in before for word in _REMIT_WORDS)


_SENTENCE_ENDS = ("。", "；", "！", "？", "|", "\n")
# 任 just before a zone (its city's name may come between), in a sentence that starts with a date: a step of a
# career told in order (2012年4月任西安高新区党工委委员; 去年3月,X晋升副厅级干部,任芜湖市高新区管委会主任; 次月任…)
_CAREER_VERB = re.compile("任(?:[\u4e00-\u9fff]{1,3}[市州])?$")
_CAREER_DATE = re.compile(r"\s*(?:[0-9]{4}年|[0-9]{1,2}月|去年|前年|次月|次年|同年|当年|其后|此后|随后)")


_LATER_STEP = re.compile(r"[。\n]\s*(?:[0-9]{4}年|[0-9]{1,2}月|去年|前年|次月|次年|同年|当年|其后|此后|随后)[^。\n]{0,40}?"
                         "(?:任|跻身|当选)")


def _career_step(text: str, start: int) -> bool:
    """Whether the zone named at `start` is a post someone held on the way to later ones, in a career told date by
    date: 任 just before it, its sentence opening with a date, and the next sentence another dated step (次月任…,
    去年9月…跻身市委常委). A former post, though not marked 原: the zone is mentioned. A notice of the zone's new
    head (7月5日,市委宣布张三任…高新区党工委书记。) tells no later step: the zone stays."""
    if not _CAREER_VERB.search(text, max(0, start - 5), start):
        return False
    before = text[max(0, start - _CLAUSE_WINDOW):start]
    sentence_start = max(before.rfind(mark) for mark in _SENTENCE_ENDS) + 1
    if _CAREER_DATE.match(before, sentence_start) is None:
        return False
    end = text.find("。", start)
    return end >= 0 and _LATER_STEP.match(text, end) is not None


_EXAMPLE_OF_SET = re.compile("等[0-9一二三四五六七八九十百千几多两]+[家个所]")  # 等100家: the zone is one example
_RANK_DIGITS = frozenset("0123456789")
_RANKED = 3  # zones with a rank number before them: this many make a ranking


_REMIT_WORDS = ("分管", "负责", "主管", "协管")
_REMIT_REACH = 32  # the remit's 工作 at most this far after the zone's name


# The organisation's word closing the words after 的: a company's (_COMPANY_WORDS, 公司), a research body's, a hospital's, a
# school's; never the generic 企业 nor a count of bodies (位于成都高新区的高新技术企业已突破1.5万家, 位于苏州工业园区的
# 多家生物医药公司: the zone's enterprises, its news)
_ORGANISATION = re.compile("的(?!(?:[0-9]{2,}|[2-9]|[二三四五六七八九十两几多数众]+)[家个所批]|一批|部分|各)"
                           "(?:(?![,.;:!?|,。;:!?、]|企业)[\u4e00-\u9fffa-z0-9()]){1,16}?(?:"
                           + "|".join((*_COMPANY_WORDS, "公司", "研究所", "研究院", "医院", "实验室", "大学", "学院", "学校", "小学",
                                       "中学", "幼儿园")) + ")(?!家)")


def _is_address(text: str, start: int, end: int, body_start: int) -> bool:
    """Whether the zone's name at `start:end` is an organisation's address (位于…<zone>的…研究所)."""
    if not text.startswith("的", end):
        return False  # most zones: the one-character test first
    at = text.rfind("位于", max(body_start, start - _ADDRESS_REACH), start)
    return at >= 0 and _ADDRESS_BEFORE.search(text, at, start) is not None and _ORGANISATION.match(text, end) is not None


def _starts(text: str, words: Iterable[str]) -> list[int]:
    """Where each occurrence of the words starts in `text`, sorted."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    found.sort()
    return found


def _has_remit(text: str) -> bool:
    return any(word in text for word in _REMIT_WORDS)


def _is_partner(text: str, hits: list[_Hit], index: int) -> bool:
    """Whether the zone `hit` (right after 与/同) is the other party of an agreement or a co-built park: another
    zone (`before`, the zone hit before it) is named earlier in the same sentence, not right before 与, and a word
    of co-operation (共建, 签约, 合作 ...) follows in it. 某公司与济宁高新区签约 names no other zone: the zone stays a
    party; 成都高新区与重庆高新区签署协议 names both as the parties (A与B: one subject of two zones), while in
    石河子高新区参加交流会并与大连高新区签约 the first zone acts and the second is the one it signs with."""
    hit = hits[index]
    for j in range(index - 1, -1, -1):
        before = hits[j]
        if hit.start - before.end > _PARTNER_SPAN:
            return False
        if before.kind == _ZONE:
            return (before.ref != hit.ref and before.end < hit.start - 1
                    and _SENTENCE_BREAK.search(text, before.end, hit.start) is None
                    and _PARTNER_CUE.match(text, hit.end) is not None)
    return False


def _unfound_next(key: str, person: FoundPerson, people: list[FoundPerson], body_s: str) -> bool:
    """Whether a 、 and a surname follow the person's name with no one found there (管委会副主任:马腾飞、杨明, the
    last name hidden by the next line's first characters)."""
    at = key.find(person.name, person.end)
    if at < 0 or key[at + len(person.name):at + len(person.name) + 1] != "、":
        return False
    at += len(person.name) + 1
    return key[at:at + 1] in _NAME_OR_ROSTER_FIRST and not any(key.startswith(other.name, at) for other in people) \
        and _ends_a_line(key, at, body_s)


def _ends_a_line(key: str, at: int, body_s: str) -> bool:
    """Whether a name's length of the key from `at` ends a line of the body (a C-level search per length)."""
    return any(key[at:at + n] + "\n" in body_s for n in (2, 3, 4))


def _in_former_post(position: int, posts: list[tuple[int, int, bool]]) -> bool:
    for start, end, former in posts:
        if start <= position < end:
            return former
    return False


_DISTRICT = re.compile("[\u4e00-\u9fff]{1,4}[区县旗]、")


def _in_place_list(hits: list[_Hit], index: int, text: str) -> bool:
    """Whether the place hit at `index` is one of a list of places (北京、深圳、苏州3个办事处): such a list
    names where things are, not the city whose zone a bare 高新区 nearby is."""
    for other in (index - 1, index + 1):
        if 0 <= other < len(hits) and hits[other].kind in _PLACES:
            low, high = sorted((index, other))
            between = text[hits[low].end:hits[high].start]
            if between == "、" or (between[-1:] == "、" and _DISTRICT.fullmatch(between)):
                return True  # 上海市青浦区、苏州市吴江区、嘉兴市嘉善县: each place with its district
    return False


def _lead_end(body: str, body_key_length: int) -> int:
    """Where the body's first paragraph ends, in match-key characters: the first line of 40
    characters or more (a source or date line before it is not the lead) and the lines before it."""
    end = start = 0
    while start <= len(body):  # line by line, without splitting the whole body: the lead comes early
        stop = body.find("\n", start)
        if stop < 0:
            stop = len(body)
        line = body[start:stop]
        end += len(line) - sum(map(line.count, " \t\r\u3000\xa0"))  # match_key drops whitespace
        if len(line.strip()) >= 40:
            return min(end, body_key_length)
        start = stop + 1
    return body_key_length


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
    not given): a page on a zone's own site is about that zone. `tagger`: the process's shared one by default."""
    return (tagger or shared_tagger()).tag(article.title, article.body, tuple(default_zones),
                                           article.author_post or "", article.author, url=url or article.url or None)
