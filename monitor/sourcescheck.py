"""`monitor sources validate`: every mistake of a sources file in one run, each at its line.

The schema (``monitor.sourcesfile``) refuses what no run could use; the checks here find what loads but
would fail or misbehave once running: a plugin module that is not in ``scrapers/sites/``, a zone id the
gazetteer does not know, a schedule that runs more than once a minute. They read the file's plain data,
so they report alongside the schema's mistakes rather than after them are fixed.
"""

from __future__ import annotations

import importlib.util
import pkgutil
from pathlib import Path
from typing import Any

from monitor.errors import SourcesFileError
from monitor.sourcesfile import (
    SourceProblem,
    SourcesFile,
    nearest,
    parse_interval,
    parse_sources,
    raw_sources_of,
    read_sources_text,
    schema_problems,
)
from monitor.tag.gazetteer import load_gazetteer
from monitor.yamlfile import YamlPositions

__all__ = ["MIN_INTERVAL_SECONDS", "check_sources", "check_sources_text"]

MIN_INTERVAL_SECONDS = 60


def _site_modules() -> list[str]:
    import scrapers.sites

    return [m.name for m in pkgutil.iter_modules(scrapers.sites.__path__)]


def _plugin_exists(module: str) -> bool:
    if not module.isidentifier():
        return False
    try:
        return importlib.util.find_spec(f"scrapers.sites.{module}") is not None
    except (ImportError, ValueError):
        return False


def _running_problems(raw_sources: list[Any], origin: str, positions: YamlPositions) -> list[SourceProblem]:
    zone_ids = {zone.id for zone in load_gazetteer().zones}
    problems: list[SourceProblem] = []

    def add(index: int, raw: dict[str, Any], path: list[str | int], message: str, suggestion: str | None = None) -> None:
        line, column = positions.value(["sources", index, *path]) or (None, None)
        name = raw.get("name")
        problems.append(SourceProblem(origin, line, column, name if isinstance(name, str) and name else f"#{index + 1}",
                                      ".".join(str(p) for p in path), message, suggestion))

    for index, raw in enumerate(raw_sources):
        if not isinstance(raw, dict):
            continue
        module = raw.get("module")
        if raw.get("kind") == "plugin" and isinstance(module, str) and not _plugin_exists(module):
            add(index, raw, ["module"], f"no plugin scrapers/sites/{module}.py (plugins: {', '.join(_site_modules())})",
                nearest(module, _site_modules()))
        zones = raw.get("zones")
        for position, zone in enumerate(zones if isinstance(zones, list) else []):
            if isinstance(zone, str) and zone not in zone_ids:
                add(index, raw, ["zones", position], f"unknown zone id {zone!r} (see `monitor zones list`)",
                    nearest(zone, zone_ids))
        schedule = raw.get("schedule")
        seconds = parse_interval(schedule) if isinstance(schedule, str) else None
        if seconds and seconds < MIN_INTERVAL_SECONDS:
            add(index, raw, ["schedule"], f"{schedule!r} runs more than once a minute; a schedule is at least 'every 1m'")
    return problems


def check_sources_text(text: str, origin: str) -> list[SourceProblem]:
    """Every mistake of a sources file's text, in file order; a file that is not YAML with a 'sources' list
    is one problem (its YAML error names the line)."""
    try:
        raw_sources = raw_sources_of(text, origin)
    except SourcesFileError as exc:
        return [SourceProblem(origin, None, None, None, None, str(exc).removeprefix(f"{origin}: "))]
    positions = YamlPositions(text)
    problems = schema_problems(raw_sources, origin, positions) + _running_problems(raw_sources, origin, positions)
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def check_sources(path: Path) -> tuple[SourcesFile | None, list[SourceProblem]]:
    """The sources file and its mistakes (none: the file is the SourcesFile); a missing file is a SourcesFileError."""
    text = read_sources_text(path)
    problems = check_sources_text(text, str(path))
    return (None if problems else parse_sources(text, str(path))), problems

