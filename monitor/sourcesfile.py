"""The sources file (YAML): the fields every source has, loading, and errors that name source and field.

Each kind of source is one module of the ``scrapers`` package, which declares the kind's config model
(a subclass of :class:`SourceConfig` whose ``kind`` is a ``Literal``), its checks (the model's
validators) and its scraper. A source is validated as the pydantic discriminated union, on ``kind``, of
the config models of the kinds found there (:func:`scrapers.scraper_registry`), so adding a kind edits
no file here.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self, Union
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
from apscheduler.triggers.cron import CronTrigger
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from monitor.errors import SourcesFileError
from monitor.yamlfile import YamlPositions, load_yaml

__all__ = ["CssSelector", "DEFAULT_MAX_PAGES", "SourceConfig", "SourceProblem", "Selectors", "SourcesFile",
           "check_url", "load_sources", "nearest", "parse_sources", "parse_interval", "raw_sources_of",
           "read_sources_text", "schema_problems", "unknown_name"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_INTERVAL = re.compile(r"^every\s+(\d+)\s*(s|m|h|d)$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_MAX_PAGES = 5


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """One mistake in a sources file, where it is written and, for a misspelt name, the nearest valid one."""

    file: str
    line: int | None
    column: int | None
    source: str | None  # the source's name, or '#N' (from 1) for a source without a usable name
    field: str | None  # dotted: 'selectors.title', 'zones.0'
    message: str
    suggestion: str | None = None

    def text(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        who = ("" if self.source is None else f"source {self.source!r}: " if not self.source.startswith("#")
               else f"source {self.source}: ")
        field = f"field {self.field!r}: " if self.field else ""
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{where}: {who}{field}{self.message}{hint}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "source": self.source,
                "field": self.field, "message": self.message, "suggestion": self.suggestion}


def nearest(name: str, choices: Iterable[str]) -> str | None:
    """The valid name closest to a misspelt one ('next_pag' -> 'next_page'), if any is close."""
    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_name(what: str, name: str, choices: Iterable[str]) -> PydanticCustomError:
    """The error a validator raises for a name that is not one of ``choices``; the nearest one travels in the
    error's context, so the problem reported carries it as its suggestion."""
    choices = sorted(choices)
    return PydanticCustomError("unknown_name", "unknown {what} {name} (known: {known})",
                               {"what": what, "name": repr(name), "known": ", ".join(choices) or "none",
                                "suggestion": nearest(name, choices)})


def parse_interval(schedule: str) -> int | None:
    """Seconds of an 'every 30m' schedule, or None when it is a cron expression."""
    match = _INTERVAL.match(schedule.strip())
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)] if match else None


def _check_selector(value: str) -> str:
    try:
        soupsieve.compile(value)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError and friends
        raise ValueError(f"not a valid CSS selector: {value!r} ({exc})") from None
    return value


CssSelector = Annotated[str, AfterValidator(_check_selector)]
"""A field holding a CSS selector, refused at load time when soupsieve cannot compile it."""


class Selectors(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: CssSelector | None = None
    date: CssSelector | None = None
    author: CssSelector | None = None
    body: CssSelector | None = None


def check_url(value: str) -> str:
    """An http(s) URL with a host (and, if given, a valid port)."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number in range)
    except ValueError as exc:
        raise ValueError(f"not a valid URL: {value!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value


class SourceConfig(BaseModel):
    """One source as an operator configures it: the fields of every kind.

    A kind's module subclasses this with ``kind: Literal["its-name"]`` and its own fields.
    ``SourceConfig.model_validate(data)`` validates ``data`` as the kind it names.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    kind: str
    url: str
    title: str | None = Field(default=None, min_length=1, max_length=200)  # display name: 科技日报 (not selectors.title)
    schedule: str = "every 1h"
    enabled: bool = True
    rate_limit: float = Field(default=1.0, gt=0)
    zones: tuple[str, ...] = ()
    # How item pages are read (Scraper.parse), whatever lists them.
    encoding: str | None = None
    selectors: Selectors = Selectors()
    timezone: str = "Asia/Shanghai"
    verified: bool = True
    priority: int = 0
    run_budget: float | None = Field(default=None, ge=0)  # seconds per run (0: no limit); None: MONITOR_SOURCE_RUN_BUDGET

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        if cls is SourceConfig:  # the union of the kinds, not this base alone
            return _adapters(_kind_models())[0].validate_python(obj, **kwargs)  # type: ignore[no-any-return]
        return super().model_validate(obj, **kwargs)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("must be lowercase letters, digits and dashes")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_url(value)

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        seconds = parse_interval(value)
        if seconds == 0:
            raise ValueError(f"{value!r} would run without pause; an interval is at least 'every 1m'")
        if seconds is not None:
            return value
        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"must be 'every N[s|m|h|d]' or a cron expression: {exc}") from None
        return value

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        if value is None:
            return None
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

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def list_pages(self) -> int:
        """List pages (or e-paper pages, child sitemaps...) one run reads; a backfill reads 20 times as many.
        A kind with one list and no such field says the default."""
        return DEFAULT_MAX_PAGES

    def with_list_pages(self, pages: int) -> Self:
        """This source reading up to ``pages`` list pages per run (a backfill's depth); unchanged for a
        kind that has no such field."""
        return self


def _kinds() -> dict[str, type[SourceConfig]]:
    """Kind name -> its config model, as the registered scrapers declare them."""
    from scrapers import scraper_registry  # the kinds are the modules of that package; they import this one

    return {name: scraper.config for name, scraper in scraper_registry().items()}


def _kind_models() -> tuple[type[SourceConfig], ...]:
    return tuple(_kinds().values())


@cache
def _adapters(models: tuple[type[SourceConfig], ...]) -> tuple[TypeAdapter[Any], TypeAdapter[list[Any]]]:
    """Validators of one source and of a list of them: the discriminated union of the kinds' models."""
    one_source: Any = Annotated[Union[models], Field(discriminator="kind")]  # noqa: UP007 (a tuple known at run time)
    return TypeAdapter(one_source), TypeAdapter(list[one_source])


class SourcesFile(BaseModel):
    model_config = ConfigDict(frozen=True)

    sources: tuple[SourceConfig, ...]

    def get(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise SourcesFileError(f"no source named {name!r} in the sources file (known: {known})")


def _kind_names() -> str:
    """'a', 'b' or 'c'."""
    names = [f"'{name}'" for name in _kinds()]
    return " or ".join(part for part in (", ".join(names[:-1]), names[-1]) if part) if names else "none"


def _fields_at(kind: Any, field_path: list[Any]) -> Iterable[str]:
    """The field names valid where ``field_path`` points (a source's own fields, or those of its selectors)."""
    model = _kinds().get(kind) if isinstance(kind, str) else None
    if len(field_path) == 2 and field_path[0] == "selectors":
        return Selectors.model_fields
    return model.model_fields if model and len(field_path) == 1 else ()


def _source_label(raw: Any, index: int) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    return name if isinstance(name, str) and name else f"#{index + 1}"


def _source_problem(error: Any, raw: Any, index: int, origin: str, positions: YamlPositions) -> SourceProblem:
    """One pydantic error inside a source; the kind's tag pydantic puts in ``loc`` is left out."""
    kind_of_source = raw.get("kind") if isinstance(raw, dict) else None
    message = error["msg"].removeprefix("Value error, ")
    suggestion = (error.get("ctx") or {}).get("suggestion")
    field_path: list[Any] = list(error["loc"][2:])  # (index, kind, field, ...)
    where: list[str | int] = ["sources", index]
    at = positions.value(where + field_path) if field_path else positions.find(where)
    if error["type"] == "union_tag_not_found":
        field_path, message, at = ["kind"], "Field required", positions.find(where)
    elif error["type"] == "union_tag_invalid":
        field_path, at = ["kind"], positions.value([*where, "kind"])
        message = f"Input should be {_kind_names()} (got {kind_of_source!r})"
        suggestion = nearest(str(kind_of_source), _kinds())
    top = field_path[0] if field_path else None
    if error["type"] == "missing":
        at = positions.find(where)
        if top not in SourceConfig.model_fields:
            message = f"required for kind {kind_of_source!r}"
    elif error["type"] == "extra_forbidden":
        at = positions.find(where + field_path)
        if len(field_path) == 1:
            message = f"{message} (kind {kind_of_source!r} has no such field)"
        suggestion = nearest(str(field_path[-1]), _fields_at(kind_of_source, field_path))
    line, column = at or (None, None)
    return SourceProblem(origin, line, column, _source_label(raw, index), ".".join(str(p) for p in field_path) or None,
                         message, suggestion)


def schema_problems(raw_sources: list[Any], origin: str, positions: YamlPositions) -> list[SourceProblem]:
    """Every schema mistake of the sources, in file order (pydantic reports them all, not only the first)."""
    problems: list[SourceProblem] = []
    try:
        _adapters(_kind_models())[1].validate_python(raw_sources)
    except ValidationError as exc:
        for error in exc.errors():
            loc = list(error["loc"])
            if not loc or not isinstance(loc[0], int):
                line, column = positions.find(["sources", *loc]) or (None, None)
                problems.append(SourceProblem(origin, line, column, None, ".".join(str(p) for p in loc) or None,
                                              error["msg"]))
                continue
            index = loc[0]
            raw = raw_sources[index] if index < len(raw_sources) else None
            problems.append(_source_problem(error, raw, index, origin, positions))
    seen: set[str] = set()
    for index, raw in enumerate(raw_sources):
        name = raw.get("name") if isinstance(raw, dict) else None
        if isinstance(name, str) and name in seen:
            line, column = positions.value(["sources", index, "name"]) or (None, None)
            problems.append(SourceProblem(origin, line, column, name, "name", "used by two sources"))
        elif isinstance(name, str):
            seen.add(name)
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def raw_sources_of(text: str, origin: str) -> list[Any]:
    """The plain data of the file's sources list (a SourcesFileError when it is not YAML with such a list)."""
    data = load_yaml(text, origin, SourcesFileError)
    if data is None:
        data = {"sources": []}
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        raise SourcesFileError(f"{origin}: expected a mapping with a 'sources' list")
    return data.get("sources") or []


def problems_error(problems: list[SourceProblem], origin: str) -> SourcesFileError:
    return SourcesFileError(f"{origin}: {len(problems)} mistake(s):\n  " + "\n  ".join(p.text() for p in problems),
                            tuple(problems))


def parse_sources(text: str, origin: str = "<sources>") -> SourcesFile:
    raw_sources = raw_sources_of(text, origin)
    try:
        sources = _adapters(_kind_models())[1].validate_python(raw_sources)
    except ValidationError:
        sources = None
    names = [s.name for s in sources or ()]
    if sources is None or len(set(names)) != len(names):
        raise problems_error(schema_problems(raw_sources, origin, YamlPositions(text)), origin)
    return SourcesFile(sources=tuple(sources))


def read_sources_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesFileError(f"sources file {path} does not exist (set MONITOR_SOURCES)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read sources file {path}: {exc}") from None


def load_sources(path: Path) -> SourcesFile:
    return parse_sources(read_sources_text(path), str(path))
