"""The sources file (YAML): schema, loading and validation errors that name source and field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
import yaml
from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from monitor.errors import SourcesFileError

__all__ = ["SourceConfig", "Selectors", "SourcesFile", "load_sources", "parse_sources", "parse_interval"]

SourceKind = Literal["feed", "html", "sitemap", "epaper", "plugin"]
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_INTERVAL = re.compile(r"^every\s+(\d+)\s*(s|m|h|d)$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(schedule: str) -> int | None:
    """Seconds of an 'every 30m' schedule, or None when it is a cron expression."""
    match = _INTERVAL.match(schedule.strip())
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)] if match else None


def _check_selector(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        soupsieve.compile(value)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError and friends
        raise ValueError(f"not a valid CSS selector: {value!r} ({exc})") from None
    return value


class Selectors(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = None
    date: str | None = None
    author: str | None = None
    body: str | None = None

    _check = field_validator("title", "date", "author", "body")(classmethod(lambda cls, v: _check_selector(v)))


class SourceConfig(BaseModel):
    """One source as an operator configures it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    kind: SourceKind
    url: str
    schedule: str = "every 1h"
    enabled: bool = True
    links: str | None = None
    next_page: str | None = None
    max_pages: int = Field(default=5, ge=1, le=1000)
    rate_limit: float = Field(default=1.0, gt=0)
    encoding: str | None = None
    zones: tuple[str, ...] = ()
    selectors: Selectors = Selectors()
    pages: str | None = None
    module: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    include_types: tuple[str, ...] = ("html",)
    url_pattern: str | None = None
    timezone: str = "Asia/Shanghai"
    verified: bool = True
    priority: int = 0

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("must be lowercase letters, digits and dashes")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        if parse_interval(value) is not None:
            return value
        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"must be 'every N[s|m|h|d]' or a cron expression: {exc}") from None
        return value

    @field_validator("links", "next_page", "pages")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        return _check_selector(value)

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        if value is None:
            return None
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        return value

    @field_validator("url_pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _kind_fields(self) -> SourceConfig:
        if self.kind in ("html", "epaper") and not self.links:
            raise ValueError(f"field 'links': required for kind '{self.kind}'")
        if self.kind == "plugin" and not self.module:
            raise ValueError("field 'module': required for kind 'plugin'")
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class SourcesFile(BaseModel):
    model_config = ConfigDict(frozen=True)

    sources: tuple[SourceConfig, ...]

    def get(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise SourcesFileError(f"no source named {name!r} in the sources file (known: {known})")


def _describe(errors: list[Any], raw_sources: list[Any]) -> list[str]:
    lines = []
    for error in errors:
        loc = list(error["loc"])
        if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
            index = loc[1]
            raw = raw_sources[index] if index < len(raw_sources) else None
            name = raw.get("name") if isinstance(raw, dict) else None
            who = f"source {name!r}" if name else f"source #{index + 1}"
            field = ".".join(str(p) for p in loc[2:])
            message = error["msg"].removeprefix("Value error, ")
            if field:
                lines.append(f"{who}: field '{field}': {message}")
            else:
                lines.append(f"{who}: {message}")
        else:
            lines.append(f"{'.'.join(str(p) for p in loc) or 'file'}: {error['msg']}")
    return lines


MAX_NODES = 200_000


def _check_size(data: Any, origin: str) -> None:
    """Refuse documents that expand to a huge tree: YAML aliases can nest ('billion laughs')."""
    stack, seen = [data], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise SourcesFileError(f"{origin}: the document expands to more than {MAX_NODES} values "
                                   "(nested YAML aliases?); write the sources out plainly")
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def parse_sources(text: str, origin: str = "<sources>") -> SourcesFile:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesFileError(f"{origin}: not valid YAML: {exc}") from None
    if data is None:
        data = {"sources": []}
    _check_size(data, origin)
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        raise SourcesFileError(f"{origin}: expected a mapping with a 'sources' list")
    raw_sources = data.get("sources") or []
    try:
        parsed = SourcesFile.model_validate({"sources": raw_sources})
    except ValidationError as exc:
        raise SourcesFileError(f"{origin}:\n  " + "\n  ".join(_describe(exc.errors(), raw_sources))) from None
    seen: set[str] = set()
    for source in parsed.sources:
        if source.name in seen:
            raise SourcesFileError(f"{origin}: source {source.name!r}: field 'name': used by two sources")
        seen.add(source.name)
    return parsed


def load_sources(path: Path) -> SourcesFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesFileError(f"sources file {path} does not exist (set MONITOR_SOURCES)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read sources file {path}: {exc}") from None
    return parse_sources(text, str(path))
