"""The sources file (YAML): the fields every source has, loading, and errors that name source and field.

Each kind of source is one module of the ``scrapers`` package, which declares the kind's config model
(a subclass of :class:`SourceConfig` whose ``kind`` is a ``Literal``), its checks (the model's
validators) and its scraper. A source is validated as the pydantic discriminated union, on ``kind``, of
the config models of the kinds found there (:func:`scrapers.scraper_registry`), so adding a kind edits
no file here.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self, Union
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

from monitor.errors import SourcesFileError
from monitor.yamlfile import load_yaml

__all__ = ["CssSelector", "DEFAULT_MAX_PAGES", "SourceConfig", "Selectors", "SourcesFile", "load_sources",
           "parse_sources", "parse_interval"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_INTERVAL = re.compile(r"^every\s+(\d+)\s*(s|m|h|d)$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_MAX_PAGES = 5


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


def _describe_source_error(error: Any, raw: Any) -> tuple[str, str]:
    """(field, message) of one error inside a source; the kind's tag pydantic puts in ``loc`` is left out."""
    kind_of_source = raw.get("kind") if isinstance(raw, dict) else None
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "union_tag_not_found":
        return "kind", "Field required"
    if error["type"] == "union_tag_invalid":
        return "kind", f"Input should be {_kind_names()} (got {kind_of_source!r})"
    field_path = list(error["loc"][2:])  # (index, kind, field, ...)
    field = ".".join(str(p) for p in field_path)
    top = field_path[0] if field_path else None
    if error["type"] == "missing" and top not in SourceConfig.model_fields:
        message = f"required for kind {kind_of_source!r}"
    elif error["type"] == "extra_forbidden":
        message = f"{message} (kind {kind_of_source!r} has no such field)" if len(field_path) == 1 else message
    return field, message


def _describe(errors: list[Any], raw_sources: list[Any]) -> list[str]:
    lines = []
    for error in errors:
        loc = list(error["loc"])
        if not loc or not isinstance(loc[0], int):
            lines.append(f"{'.'.join(str(p) for p in loc) or 'file'}: {error['msg']}")
            continue
        index = loc[0]
        raw = raw_sources[index] if index < len(raw_sources) else None
        name = raw.get("name") if isinstance(raw, dict) else None
        who = f"source {name!r}" if name else f"source #{index + 1}"
        field, message = _describe_source_error(error, raw)
        lines.append(f"{who}: field '{field}': {message}" if field else f"{who}: {message}")
    return lines


def parse_sources(text: str, origin: str = "<sources>") -> SourcesFile:
    data = load_yaml(text, origin, SourcesFileError)
    if data is None:
        data = {"sources": []}
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        raise SourcesFileError(f"{origin}: expected a mapping with a 'sources' list")
    raw_sources = data.get("sources") or []
    try:
        sources = _adapters(_kind_models())[1].validate_python(raw_sources)
    except ValidationError as exc:
        raise SourcesFileError(f"{origin}:\n  " + "\n  ".join(_describe(exc.errors(), raw_sources))) from None
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourcesFileError(f"{origin}: source {source.name!r}: field 'name': used by two sources")
        seen.add(source.name)
    return SourcesFile(sources=tuple(sources))


def load_sources(path: Path) -> SourcesFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesFileError(f"sources file {path} does not exist (set MONITOR_SOURCES)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read sources file {path}: {exc}") from None
    return parse_sources(text, str(path))
