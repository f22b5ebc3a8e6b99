"""The subscription form: the choices its pickers offer, a subscription as the form shows it, and a posted
form read back, checked against those choices.

A form shows each filter in one *form value*: a picker (zones, provinces, topics, content types) as the
sorted list of checked values, a free-text list (cities, people, keywords, exclusions, sources) as the text
of its field, a choice (frequency, hour, weekday, match mode) as its text. The manage page sends the form
values it was shown along (``orig``); a filter whose posted value equals the one shown was not edited and
keeps what is stored, so nothing set elsewhere (the CLI, another tab) is lost by saving a page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.support import NullTranslations

from monitor.digest.subscribers import CONTENT_TYPES, FREQUENCIES, SubscriptionFilters
from monitor.i18n import LANGUAGE_NAMES, LANGUAGES, language_or_default, translator
from monitor.tag.gazetteer import Gazetteer, load_gazetteer
from monitor.tag.topics import load_taxonomy

__all__ = ["FormData", "Choices", "ZoneChoice", "ReadForm", "choices", "form_values", "read_subscription",
           "read_subscriber", "subscriber_values", "split_list", "field_name", "type_label", "shown_values", "PICKERS", "TEXT_LISTS",
           "SCALARS", "SUBSCRIBER_FIELDS"]

FormData = Mapping[str, list[str]]
PICKERS = ("zones", "provinces", "topics", "types")
TEXT_LISTS = ("cities", "people", "keywords", "exclude", "sources")
SCALARS = ("frequency", "hour", "weekday", "match")
SUBSCRIBER_FIELDS = ("name", "timezone", "group_by", "language")


def split_list(text: str) -> tuple[str, ...]:
    """A typed list: commas (ASCII or Chinese), 、 or line breaks between values."""
    for sep in ("，", "、", "\n", "\r"):
        text = text.replace(sep, ",")
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    id: str
    name: str
    search: str  # every name and alias, for the search box


@dataclass(frozen=True, slots=True)
class Choices:
    """What the pickers offer, in the gazetteer's and the taxonomy's order."""

    provinces: tuple[str, ...]
    zones_by_province: tuple[tuple[str, tuple[ZoneChoice, ...]], ...]
    topics: tuple[tuple[str, str, str], ...]  # id, Chinese label, English label
    zone_ids: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def choices() -> Choices:
    gazetteer = load_gazetteer()
    by_province: dict[str, list[ZoneChoice]] = {}
    for zone in gazetteer.zones:
        by_province.setdefault(zone.province, []).append(
            ZoneChoice(zone.id, zone.full_name, " ".join(dict.fromkeys((*zone.names, zone.city, zone.id)))))
    return Choices(tuple(by_province), tuple((p, tuple(z)) for p, z in by_province.items()),
                   tuple((t.id, t.zh, t.en) for t in load_taxonomy().topics), frozenset(z.id for z in gazetteer.zones))


def form_values(filters: SubscriptionFilters) -> dict[str, Any]:
    """A subscription as its form shows it (see the module docstring)."""
    values: dict[str, Any] = {name: sorted(getattr(filters, name)) for name in PICKERS}
    values.update({name: ", ".join(getattr(filters, name)) for name in TEXT_LISTS})
    values.update({name: str(getattr(filters, name)) for name in SCALARS})
    values["zone_search"] = ""
    return values


def subscriber_values(name: str | None, timezone: str, group_by: str, language: str) -> dict[str, str]:
    return {"name": name or "", "timezone": timezone, "group_by": group_by, "language": language}


def field_name(prefix: str, name: str) -> str:
    """The form field of filter ``name``: bare on the subscribe form (prefix ""), ``s<id>-name`` on the manage page."""
    return f"{prefix}-{name}" if prefix else name


def _posted(form: FormData, prefix: str) -> dict[str, Any]:
    def one(name: str) -> str:
        return (form.get(field_name(prefix, name)) or [""])[-1].strip()

    def many(name: str) -> list[str]:
        values = form.get(field_name(prefix, name), [])
        if name == "zones":  # a script may post names, several to a value, as the old text field took them
            values = [part for value in values for part in split_list(value)]
        return sorted(dict.fromkeys(v.strip() for v in values if v.strip()))

    values: dict[str, Any] = {name: many(name) for name in PICKERS}
    values.update({name: one(name) for name in (*TEXT_LISTS, *SCALARS)})
    values["zone_search"] = one("zone_search")
    return values


@dataclass(slots=True)
class ReadForm:
    """A posted subscription: the form values to show again, the filters it changes, what is wrong with it."""

    values: dict[str, Any]
    changes: dict[str, Any]
    errors: list[str]


def _resolve_zone_names(gazetteer: Gazetteer, text: str, t: NullTranslations) -> tuple[list[str], list[str]]:
    ids, errors = [], []
    for name in split_list(text):
        zone = gazetteer.find(name)
        if zone is None:
            errors.append(t.gettext("Unknown zone “%(name)s”: choose zones from the list (search by name or alias).")
                          % {"name": name})
        else:
            ids.append(zone.id)
    return ids, errors


def read_subscription(form: FormData, prefix: str, language: str, shown: Mapping[str, Any] | None = None
                      ) -> ReadForm:
    """The subscription posted under ``prefix``. ``shown``: the form values the page was shown (the manage page);
    only the filters whose value differs are in ``changes``. Without it (a new subscription) every filter is."""
    gazetteer, offered = load_gazetteer(), choices()
    t = translator(language)
    chinese = language_or_default(language) != "en"
    values = _posted(form, prefix)
    if shown is None:  # a new subscription: a choice left out takes its default
        defaults = form_values(SubscriptionFilters())
        values.update({name: values[name] or defaults[name] for name in SCALARS})
    errors: list[str] = []
    kept = {name: set(shown.get(name) or ()) for name in PICKERS} if shown else {name: set() for name in PICKERS}
    typed_ids, zone_errors = _resolve_zone_names(gazetteer, values["zone_search"], t)
    errors += zone_errors
    if typed_ids and not zone_errors:
        values["zones"] = sorted(set(values["zones"]) | set(typed_ids))
        values["zone_search"] = ""
    # a zone given by name becomes its id; a stored id the gazetteer no longer has stays as it is
    values["zones"] = sorted({zone.id if (zone := gazetteer.find(z)) and z not in kept["zones"] else z
                              for z in values["zones"]})
    edited = [name for name in values if name != "zone_search" and (shown is None or values[name] != shown.get(name))]
    known = {
        "zones": offered.zone_ids,
        "provinces": set(offered.provinces),
        "topics": {topic_id for topic_id, _zh, _en in offered.topics},
        "types": set(CONTENT_TYPES),
    }
    labels = {"zones": t.gettext("zones"), "provinces": t.gettext("provinces"), "topics": t.gettext("topics"),
              "types": t.gettext("content types")}
    valid = {"zones": t.gettext("the zones in the list"), "provinces": "、".join(offered.provinces),
             "topics": "、".join(zh if chinese else en for _id, zh, en in offered.topics),
             "types": "、".join(type_label(c, t) for c in CONTENT_TYPES)}
    changes: dict[str, Any] = {}
    for name in edited:
        value = values[name]
        if name in PICKERS:
            # a value stored before (a zone or topic since dropped) may stay; a new one must be on offer
            unknown = [v for v in value if v not in known[name] and v not in kept[name]]
            if unknown:
                errors.append(t.gettext("Unknown %(what)s: %(values)s. Valid choices: %(valid)s.")
                              % {"what": labels[name], "values": "、".join(unknown), "valid": valid[name]})
            changes[name] = tuple(value)
        elif name in TEXT_LISTS:
            changes[name] = split_list(value)
        else:
            changes[name] = _scalar(name, value, t, errors)
    return ReadForm(values, changes, errors)


def _scalar(name: str, value: str, t: NullTranslations, errors: list[str]) -> Any:
    if name == "frequency":
        if value not in FREQUENCIES:
            errors.append(t.gettext("Choose how often digests are sent."))
        return value
    if name == "match":
        if value not in ("any", "all"):
            errors.append(t.gettext("Choose whether any or all keywords must appear."))
        return value
    limit = 23 if name == "hour" else 6
    if not value.isdigit() or not 0 <= int(value) <= limit:
        errors.append(t.gettext("The hour must be from 0 to 23.") if name == "hour"
                      else t.gettext("Choose a day of the week."))
        return 0
    return int(value)


def read_subscriber(form: FormData, language: str, shown: Mapping[str, str] | None = None
                    ) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """The subscriber's own settings as posted: (form values, the edited ones, errors)."""
    t = translator(language)
    values = {name: (form.get(name) or [""])[-1].strip() for name in SUBSCRIBER_FIELDS}
    if shown is None:  # a new subscriber: a choice left out takes its default
        defaults = subscriber_values(None, "Asia/Shanghai", "zone", language_or_default(language))
        values.update({name: values[name] or defaults[name] for name in SUBSCRIBER_FIELDS})
    errors = []
    edited = {name: value for name, value in values.items() if shown is None or value != shown.get(name)}
    if "timezone" in edited:
        try:
            ZoneInfo(edited["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            errors.append(t.gettext("Unknown timezone “%(tz)s”: use a name such as Asia/Shanghai.")
                          % {"tz": edited["timezone"]})
    if "group_by" in edited and edited["group_by"] not in ("zone", "topic"):
        errors.append(t.gettext("Choose how digests are grouped."))
    if "language" in edited and edited["language"] not in LANGUAGES:
        errors.append(t.gettext("Choose a language: %(valid)s.") % {"valid": "、".join(LANGUAGE_NAMES.values())})
    return values, edited, errors


def type_label(content_type: str, t: NullTranslations) -> str:
    labels = {"commentary": t.gettext("Commentary"), "interview": t.gettext("Interview"), "news": t.gettext("News"),
              "policy": t.gettext("Policy"), "notice": t.gettext("Notice")}
    return labels.get(content_type, content_type)


def shown_values(raw: str | None) -> dict[str, Any] | None:
    """The ``orig`` form values a manage page carried (None when missing or not JSON: every filter counts as edited
    is never assumed; the caller refuses the post instead)."""
    try:
        value = json.loads(raw or "")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
