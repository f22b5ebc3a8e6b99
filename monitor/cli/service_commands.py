"""CLI commands of the scheduled service: `serve`, `runs`, `backfill` (merged into the root command by
monitor/cli/__init__.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer
from sqlmodel import Session, col, select

from monitor.cli.common import (
    JsonOpt,
    emit_json,
    emit_row,
    err,
    listing,
    load_settings,
    open_database,
    print_listing,
    read_sources,
)
from monitor.errors import ConfigError
from monitor.timefmt import format_timestamp, parse_cli_date

__all__ = ["app"]

app = typer.Typer()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address of the web app (default MONITOR_WEB_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port of the web app (default MONITOR_WEB_PORT).")] = None,
    no_web: Annotated[bool, typer.Option("--no-web", help="Run the scheduler only, without the web app.")] = False,
) -> None:
    """Run the service: crawl each source on its schedule, send due digests, serve the web app, /healthz and /metrics."""
    from monitor.service import serve as run_service
    from monitor.web.app import refuse_default_secret

    settings = load_settings()
    read_sources(settings)  # a bad sources file is a usage error before anything starts
    if not no_web:
        refuse_default_secret(settings, host or settings.web_host)
    with open_database(settings) as engine:
        run_service(settings, engine, web=not no_web, host=host, port=port)


@app.command()
def runs(
    source: Annotated[str | None, typer.Option("--source", help="Only runs of this source.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many runs, newest first.")] = 50,
    json_out: JsonOpt = False,
) -> None:
    """Crawl runs, newest first: source, start, end, status, counts, error."""
    from monitor.store.models import CrawlRun, Source

    settings = load_settings()
    with open_database(settings) as engine, Session(engine) as session:
        query = (select(CrawlRun, Source).join(Source, col(Source.id) == col(CrawlRun.source_id))
                 .order_by(col(CrawlRun.id).desc()).limit(max(0, limit)))
        if source:
            query = query.where(Source.name == source)
        rows = list(session.exec(query).all())
    table = listing("id", "source", "started", "finished", "status", "fetched", "new", "dups", "errors", "error",
                    ids=("id", "source"))
    for run, src in rows:
        record = {"id": run.id, "source": src.name, "started_at": format_timestamp(run.started_at),
                  "finished_at": format_timestamp(run.finished_at) if run.finished_at else None, "status": run.status,
                  "fetched": run.fetched, "new": run.new, "duplicates": run.duplicates, "errors": run.errors,
                  "error": run.error}
        emit_row(record, table, json_out)
    if not json_out:
        print_listing(table)


@app.command()
def backfill(
    source: Annotated[str, typer.Option("--source", help="The source to fill back.")],
    since: Annotated[str, typer.Option(help="Walk back to this date (YYYY-MM-DD or ISO 8601).")],
    until: Annotated[str | None, typer.Option(help="Skip items published after this date (YYYY-MM-DD: after that day).")] = None,
    max_pages: Annotated[int | None, typer.Option("--max-pages", help="List pages to walk at most (default: the source's max_pages x 20).")] = None,
    notify: Annotated[bool, typer.Option(help="Let backfilled articles go into digests (default: they do not).")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Fill the archive of one source back to a date; resumable (checkpoint per source) and idempotent."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from monitor.service import locks
    from monitor.service.backfill import BackfillProgress, BackfillWindow, run_backfill

    settings = load_settings()
    config = read_sources(settings).get(source)
    try:
        start = parse_cli_date(since)
        end = parse_cli_date(until) if until else None
    except ValueError as exc:
        raise ConfigError(f"bad date: {exc}") from None
    if end is not None and until is not None and len(until.strip()) == 10:  # a day: up to its end
        end += timedelta(days=1)
    window = BackfillWindow(start, end, notify)
    with open_database(settings) as engine, locks.hold(engine, locks.source_lock_name(source), settings.lock_timeout), \
            Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[stats]}"),
                     TimeRemainingColumn(), console=err, transient=json_out) as bar:
        task = bar.add_task(f"backfill {source}: discovering", total=None, stats="")

        def progress(p: BackfillProgress) -> None:
            stats = f"pages {p.pages}, articles {p.new}, duplicates {p.duplicates}, skipped {p.skipped}"
            bar.update(task, description=f"backfill {source}", completed=p.done, total=p.total, stats=stats)

        result = run_backfill(settings, config, engine, window, max_pages, progress)
    record = {"source": source, "pages": result.pages, "items": result.items, "new": result.new,
              "duplicates": result.duplicates, "skipped": result.skipped, "errors": result.errors,
              "resumed": result.resumed, "complete": result.complete}
    if json_out:
        emit_json(record)
    else:
        err.print(", ".join(f"{k} {v}" for k, v in record.items()))
    if result.errors and not result.new and not result.duplicates:
        raise typer.Exit(1)
