"""What every group of `monitor` commands shares: the consoles, the --json option, settings, the database and
the sources file. The command modules import this and nothing of each other."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import sqlalchemy as sa
import typer
from rich.cells import cell_len
from rich.console import Console
from rich.table import Column, Table
from sqlalchemy.engine import Engine

from monitor.cli.logs import configure_logging
from monitor.errors import ConfigError
from monitor.settings import Settings
from monitor.sourcesfile import SourcesFile, load_sources
from monitor.store import db

__all__ = ["JsonOpt", "err", "out", "load_settings", "emit_json", "emit_row", "listing", "print_listing", "open_database", "read_sources", "optional_sources"]

err = Console(stderr=True)
out = Console(soft_wrap=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object per line on stdout (nothing else).")]


def load_settings() -> Settings:
    try:
        settings = Settings()
    except Exception as exc:  # pydantic ValidationError on a bad MONITOR_* value
        raise ConfigError(f"invalid setting: {exc}") from None
    configure_logging(settings.log_format, settings.log_level)  # now with what a .env file says too
    return settings


def emit_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def listing(*headers: str, ids: tuple[str, ...] = ("id",)) -> Table:
    """A table for a listing: the ``ids`` columns (ids and names a user types back) are never cut; the others
    wrap, long words and CJK text included, rather than end in '…' (print it with :func:`print_listing`)."""
    return Table(*(Column(h, no_wrap=h in ids, overflow="fold") for h in headers))


def print_listing(table: Table) -> None:
    for column in table.columns:
        if column.no_wrap:  # as wide as its widest cell, whatever the terminal's width; the other columns give way
            column.min_width = max((cell_len(str(c)) for c in (column.header, *column.cells)), default=1)
    out.print(table)


def emit_row(record: dict[str, Any], table: Table, json_out: bool) -> None:
    """One row of a listing: a JSON line for scripts, or a table row with '-' for an empty value."""
    if json_out:
        emit_json(record)
    else:
        table.add_row(*(str(v if v is not None else "-") for v in record.values()))


@contextmanager
def open_database(settings: Settings) -> Iterator[Engine]:
    """An engine on a database at the code's schema revision (else DatabaseNotMigrated, exit 2)."""
    engine = db.make_engine(settings.database_url)
    try:
        db.require_current(engine)
        yield engine
    except sa.exc.DBAPIError as exc:  # not one of the failures the command turns into a DatabaseError itself
        raise db.database_error(exc, engine.url) from exc
    finally:
        engine.dispose()


def read_sources(settings: Settings) -> SourcesFile:
    """The sources file (MONITOR_SOURCES); a missing or invalid one is a SourcesFileError (exit 2)."""
    return load_sources(settings.sources)


def optional_sources(settings: Settings) -> SourcesFile | None:
    """The sources file for commands that work without one (import, dedup rebuild): None when there is no file; one
    that is there but invalid is still an error (exit 2), rather than silently ignored."""
    return read_sources(settings) if settings.sources.exists() else None
