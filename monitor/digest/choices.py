"""The values a filter may take, and the one check of them that the CLI and the web form share.

Zones (an id or any name or alias of the gazetteer), provinces (as the gazetteer names them, 江苏省; the
short form 江苏 is taken too), topics (the taxonomy's ids) and content types (commentary, interview, news,
policy, notice, or their Chinese labels). A value that is none of these would silently match nothing, so it
is refused, and the error lists the valid choices: ``UnknownChoice`` (a ConfigError: exit 2 in the CLI)
carries the kind, the unknown values and the choices, so that a form can show them in its own words; an
unknown topic raises the taxonomy's own UnknownTopicError (also a ConfigError, listing the topics).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from monitor.digest.subscribers import CONTENT_TYPES
from monitor.errors import ConfigError
from monitor.tag.gazetteer import Gazetteer, load_gazetteer
from monitor.tag.topics import load_taxonomy, validate_topic_ids

__all__ = ["CONTENT_TYPE_LABELS", "Chosen", "UnknownChoice", "check_choices", "province_names", "valid_choices",
           "zones_in_provinces"]

CONTENT_TYPE_LABELS = {"commentary": "评论", "interview": "访谈", "news": "新闻", "policy": "政策", "notice": "通知公告"}
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")
_KIND_NAMES = {"zones": ("高新区", "zone"), "provinces": ("省份", "province"), "topics": ("主题", "topic"),
               "types": ("内容类型", "content type")}


class UnknownChoice(ConfigError):
    """A filter value that is not one of its kind's choices."""

    def __init__(self, kind: str, unknown: tuple[str, ...], choices: tuple[str, ...], hint: str = "") -> None:
        self.kind, self.unknown, self.choices = kind, unknown, choices
        zh, en = _KIND_NAMES[kind]
        listed = "、".join(choices)
        super().__init__(f"未知的{zh} / unknown {en}: {', '.join(map(repr, unknown))}. "
                         f"{hint or f'可选 / valid choices: {listed}'}")


@dataclass(frozen=True, slots=True)
class Chosen:
    """Filter values as stored: zone ids, the gazetteer's province names, topic ids, content type ids."""

    zones: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


def province_names(gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """The provinces that have a national high-tech zone, as the gazetteer names them, in its order."""
    return tuple(dict.fromkeys(zone.province for zone in (gazetteer or load_gazetteer()).zones))


def _short(province: str) -> str:
    for suffix in _SUFFIXES:
        if province.endswith(suffix) and len(province) > len(suffix):
            province = province.removesuffix(suffix)
            break
    return province.removesuffix("壮族").removesuffix("回族").removesuffix("维吾尔")


def valid_choices(kind: str, gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """What an error message lists for a kind: provinces by name, topics and types as ``id（label）``; zones are
    too many to list, so the message names the closest ones and `monitor zones list`."""
    if kind == "provinces":
        return province_names(gazetteer)
    if kind == "topics":
        return tuple(f"{t.id}（{t.zh}）" for t in load_taxonomy().topics)
    if kind == "types":
        return tuple(f"{c}（{CONTENT_TYPE_LABELS[c]}）" for c in CONTENT_TYPES)
    if kind == "zones":
        return tuple(zone.id for zone in (gazetteer or load_gazetteer()).zones)
    raise ValueError(f"no such kind of filter: {kind!r}")


def _zones(gazetteer: Gazetteer, values: Iterable[str]) -> tuple[str, ...]:
    found = {value: gazetteer.find(value) for value in values}
    unknown = [value for value, zone in found.items() if zone is None]
    if unknown:
        names = list(gazetteer.names())
        close = list(dict.fromkeys(gazetteer.names()[match].full_name for value in unknown
                                   for match in difflib.get_close_matches(value, names, n=3, cutoff=0.5)))
        hint = (f"相近的 / closest: {'、'.join(close)}; " if close else "") + \
            f"全部 {len(gazetteer.zones)} 个见 `monitor zones list` / every zone: `monitor zones list`"
        raise UnknownChoice("zones", tuple(unknown), valid_choices("zones", gazetteer), hint)
    return tuple(dict.fromkeys(zone.id for zone in found.values() if zone is not None))


def _provinces(gazetteer: Gazetteer, values: Iterable[str]) -> tuple[str, ...]:
    by_short = {_short(name): name for name in province_names(gazetteer)}
    found = {value: by_short.get(_short(value)) for value in values}
    unknown = [value for value, name in found.items() if name is None]
    if unknown:
        raise UnknownChoice("provinces", tuple(unknown), province_names(gazetteer))
    return tuple(dict.fromkeys(name for name in found.values() if name is not None))


def _topics(values: Iterable[str]) -> tuple[str, ...]:
    """Ids, a Chinese label standing for its id; validate_topic_ids (the taxonomy's own check) refuses the rest."""
    by_label = {t.zh: t.id for t in load_taxonomy().topics}
    return tuple(dict.fromkeys(validate_topic_ids(by_label.get(value, value) for value in values)))


def _types(values: Iterable[str]) -> tuple[str, ...]:
    by_label = {label: type_id for type_id, label in CONTENT_TYPE_LABELS.items()}
    found = {value: value.lower() if value.lower() in CONTENT_TYPES else by_label.get(value) for value in values}
    unknown = [value for value, type_id in found.items() if type_id is None]
    if unknown:
        raise UnknownChoice("types", tuple(unknown), valid_choices("types"))
    return tuple(dict.fromkeys(type_id for type_id in found.values() if type_id is not None))


def check_choices(*, zones: Iterable[str] = (), provinces: Iterable[str] = (), topics: Iterable[str] = (),
                  types: Iterable[str] = (), gazetteer: Gazetteer | None = None) -> Chosen:
    """The values as stored (blank ones dropped, each once), or UnknownChoice for the first kind with an unknown
    value. Topics and types may be given by their Chinese labels, zones by any name, provinces without 省/市."""
    gazetteer = gazetteer or load_gazetteer()

    def given(values: Iterable[str]) -> list[str]:
        return [v.strip() for v in values if v and v.strip()]

    return Chosen(zones=_zones(gazetteer, given(zones)), provinces=_provinces(gazetteer, given(provinces)),
                  topics=_topics(given(topics)), types=_types(given(types)))


def zones_in_provinces(provinces: Iterable[str], gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """The ids of the zones in these provinces (names as ``check_choices`` returns them)."""
    wanted = set(provinces)
    return tuple(zone.id for zone in (gazetteer or load_gazetteer()).zones if zone.province in wanted)
