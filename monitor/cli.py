"""The `monitor` command line.

Contracts kept for every command: with --json, stdout carries JSON lines only (progress and
logs go to stderr); exit 0 when the command did its job, 1 when a source or the run failed,
2 for bad usage, bad config or an unmigrated database.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from . import db
from .errors import ConfigError, DatabaseNotMigrated, MonitorError
from .gazetteer import load_gazetteer
from .items import ExtractedArticle
from .settings import Settings
from .timefmt import format_published, format_timestamp, parse_cli_date

__all__ = ["app", "main"]

app = typer.Typer(help="zone-monitor: collect, deduplicate, tag and email what is published about China's national high-tech zones.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
sources_app = typer.Typer(help="Configured sources: list, validate.", no_args_is_help=True)
articles_app = typer.Typer(help="Stored articles.", no_args_is_help=True)
subscribers_app = typer.Typer(help="Digest subscribers.", no_args_is_help=True)
digest_app = typer.Typer(help="Email digests.", no_args_is_help=True)
zones_app = typer.Typer(help="The gazetteer of national high-tech zones.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(sources_app, name="sources")
app.add_typer(articles_app, name="articles")
app.add_typer(subscribers_app, name="subscribers")
app.add_typer(digest_app, name="digest")
app.add_typer(zones_app, name="zones")

err = Console(stderr=True)
out = Console(soft_wrap=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object per line on stdout (nothing else).")]


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError on a bad MONITOR_* value
        raise ConfigError(f"invalid setting: {exc}") from None


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


@contextmanager
def _database(settings: Settings) -> Iterator[Engine]:
    """An engine on a database at the code's schema revision (else DatabaseNotMigrated, exit 2)."""
    engine = db.make_engine(settings.database_url)
    try:
        db.require_current(engine)
        yield engine
    finally:
        engine.dispose()


def _zone_json(tags: Any) -> list[dict[str, Any]]:
    return [{"id": t.zone_id, "name": t.name, "role": t.role, "score": t.score} for t in tags]


# db ---------------------------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (creates the schema on a new database)."""
    settings = _settings()
    before, after = db.upgrade(settings.database_url)
    if before == after:
        err.print(f"database already at revision {after}")
    else:
        err.print(f"database upgraded from {before or 'empty'} to revision {after}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's schema revision and the code's."""
    settings = _settings()
    engine = db.make_engine(settings.database_url)
    try:
        out.print(f"database: {db.current_revision(engine) or 'none'}  code: {db.head_revision()}")
    finally:
        engine.dispose()


# sources -----------------------------------------------------------------------------
def _load_sources(settings: Settings):  # type: ignore[no-untyped-def]
    from .sourcesfile import load_sources

    return load_sources(settings.sources)


@sources_app.command("validate")
def sources_validate(json_out: JsonOpt = False) -> None:
    """Check the sources file (MONITOR_SOURCES) against the schema; errors name source and field (exit 2)."""
    settings = _settings()
    try:
        sources = _load_sources(settings)
    except ConfigError as exc:
        if json_out:
            _emit({"path": str(settings.sources), "valid": False, "error": str(exc)})
        raise
    if json_out:
        for source in sources.sources:
            _emit({"name": source.name, "kind": source.kind, "valid": True})
    else:
        err.print(f"{settings.sources}: {len(sources.sources)} source(s), all valid")


@sources_app.command("list")
def sources_list(json_out: JsonOpt = False) -> None:
    """List configured sources with their health (last run, failures, pending items)."""
    from sqlalchemy import func

    from .models import DiscoveredUrl, Source

    settings = _settings()
    sources = _load_sources(settings)
    with _database(settings) as engine, Session(engine) as session:
        rows = {s.name: s for s in session.exec(select(Source)).all()}
        pending = dict(session.exec(select(DiscoveredUrl.source_id, func.count()).where(
            col(DiscoveredUrl.state).in_(["pending", "failed"])).group_by(col(DiscoveredUrl.source_id))).all())
    table = Table("name", "kind", "enabled", "last run", "last success", "items", "failures", "pending")
    for source in sources.sources:
        row = rows.get(source.name)
        record = {
            "name": source.name, "kind": source.kind, "enabled": source.enabled,
            "last_run_at": format_timestamp(row.last_run_at) if row else None,
            "last_success_at": format_timestamp(row.last_success_at) if row else None,
            "items_last_run": row.items_last_run if row else 0,
            "consecutive_failures": row.consecutive_failures if row else 0,
            "pending": pending.get(row.id, 0) if row else 0,
        }
        if json_out:
            _emit(record)
        else:
            table.add_row(*(str(v if v is not None else "-") for v in record.values()))
    if not json_out:
        out.print(table)


# crawl -------------------------------------------------------------------------------
@app.command()
def crawl(
    source: Annotated[list[str] | None, typer.Option("--source", help="Crawl only this source (repeatable).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """One pass over the enabled sources: fetch, extract, deduplicate, tag and store new articles."""
    from .pipeline import crawl as run_crawl

    settings = _settings()
    config = _load_sources(settings)
    chosen = [config.get(name) for name in source] if source else [s for s in config.sources if s.enabled]
    with _database(settings) as engine:
        with err.status("crawling") as status:
            results = run_crawl(settings, chosen, engine, lambda name, what: status.update(f"[{name}] {what}"))
    for result in results:
        if json_out:
            _emit({"name": result.name, "fetched": result.fetched, "new": result.new,
                   "duplicates": result.duplicates, "errors": result.errors, "error": result.error})
        else:
            line = f"{result.name}: fetched {result.fetched}, new {result.new}, duplicates {result.duplicates}, errors {result.errors}"
            err.print(line + (f" [red]FAILED: {result.error}[/red]" if result.error else ""))
    if any(r.failed for r in results):
        raise typer.Exit(1)


# articles ----------------------------------------------------------------------------
@articles_app.command("list")
def articles_list(
    zone: Annotated[list[str] | None, typer.Option(help="Zone id or name (repeatable).")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Topic id (repeatable).")] = None,
    source: Annotated[list[str] | None, typer.Option(help="Source name (repeatable).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD or ISO 8601).")] = None,
    until: Annotated[str | None, typer.Option(help="Published before this date.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Text to search in title and body.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many articles.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List stored articles, newest first (no option: every article)."""
    from .queries import ArticleFilter, list_articles
    from .subscribers import resolve_zones

    settings = _settings()
    gazetteer = load_gazetteer()
    try:
        filters = ArticleFilter(zones=resolve_zones(gazetteer, zone or []), topics=tuple(topic or ()),
                                sources=tuple(source or ()), since=parse_cli_date(since) if since else None,
                                until=parse_cli_date(until) if until else None, text=q, limit=limit)
    except ValueError as exc:
        raise ConfigError(f"bad date: {exc}") from None
    names = {z.id: z.full_name for z in gazetteer.zones}
    with _database(settings) as engine, Session(engine) as session:
        views = list_articles(session, filters, names)
    table = Table("id", "published", "source", "title", "zones", "dup of")
    for view in views:
        if json_out:
            _emit({"id": view.id, "url": view.url, "title": view.title, "author": view.author,
                   "author_post": view.author_post, "published_at": format_published(view.published),
                   "source": view.source, "zones": _zone_json(view.zones), "cluster_id": view.cluster_id,
                   "duplicate_of": view.duplicate_of})
        else:
            table.add_row(str(view.id), format_published(view.published) or "-", view.source, view.title,
                          " ".join(z.name for z in view.zones if z.role == "subject"), view.duplicate_of or "")
    if not json_out:
        out.print(table)


# subscribers -------------------------------------------------------------------------
@subscribers_app.command("add")
def subscribers_add(
    email: Annotated[str, typer.Argument(help="The subscriber's email address.")],
    name: Annotated[str | None, typer.Option(help="Name used in the greeting.")] = None,
    zone: Annotated[list[str] | None, typer.Option(help="Zone id or name (repeatable; none: every zone).")] = None,
    source: Annotated[list[str] | None, typer.Option(help="Only articles from this source (repeatable).")] = None,
    keyword: Annotated[list[str] | None, typer.Option(help="Articles containing any of these words (repeatable).")] = None,
    frequency: Annotated[str, typer.Option(help="immediate, daily or weekly.")] = "daily",
    tz: Annotated[str, typer.Option("--tz", help="The subscriber's timezone.")] = "Asia/Shanghai",
) -> None:
    """Add a subscriber, or another subscription to an existing one."""
    from .subscribers import SubscriptionFilters, add_subscriber, resolve_zones

    settings = _settings()
    filters = SubscriptionFilters(frequency=frequency, zones=resolve_zones(load_gazetteer(), zone or []),
                                  sources=tuple(source or ()), keywords=tuple(keyword or ()))
    with _database(settings) as engine, Session(engine) as session:
        subscriber, created = add_subscriber(session, email, name, tz, filters)
        err.print(f"{'added' if created else 'updated'} subscriber {subscriber.email}")


@subscribers_app.command("list")
def subscribers_list(json_out: JsonOpt = False) -> None:
    """List subscribers and their subscriptions."""
    from .subscribers import list_subscribers

    settings = _settings()
    with _database(settings) as engine, Session(engine) as session:
        views = list_subscribers(session)
    for view in views:
        record = {"id": view.id, "email": view.email, "name": view.name, "timezone": view.timezone,
                  "confirmed": view.confirmed,
                  "subscriptions": [{"frequency": s.frequency, "zones": list(s.zones), "sources": list(s.sources),
                                     "keywords": list(s.keywords)} for s in view.subscriptions]}
        if json_out:
            _emit(record)
        else:
            out.print(f"{view.email}  {view.name or ''}  {len(view.subscriptions)} subscription(s)")


@subscribers_app.command("remove")
def subscribers_remove(email: Annotated[str, typer.Argument(help="The subscriber's email address.")]) -> None:
    """Remove a subscriber: no more digests; the address is deleted, delivery history kept."""
    from .subscribers import remove_subscriber

    settings = _settings()
    with _database(settings) as engine, Session(engine) as session:
        if not remove_subscriber(session, email):
            raise ConfigError(f"no subscriber {email!r}")
    err.print(f"removed {email}")


# digest ------------------------------------------------------------------------------
@digest_app.command("send")
def digest_send(
    frequency: Annotated[str | None, typer.Option(help="Only digests of this frequency.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Build and send the digests that are due (SMTP, or .eml files in the outbox when MONITOR_SMTP_URL is unset)."""
    from .delivery import send_digests
    from .mailer import make_mailer

    settings = _settings()
    with _database(settings) as engine:
        result = send_digests(engine, settings, make_mailer(settings.smtp_url, settings.outbox), frequency=frequency)
    if json_out:
        _emit({"considered": result.considered, "sent": result.sent, "skipped_empty": result.skipped_empty,
               "failed": result.failed, "already_sent": result.already_sent})
    else:
        where = settings.smtp_url and "SMTP" or str(settings.outbox)
        err.print(f"digests: {result.sent} sent ({where}), {result.skipped_empty} empty, {result.failed} failed, "
                  f"{result.already_sent} already sent this period")
    if result.failed:
        raise typer.Exit(1)


# extract / tag / zones (no database) ---------------------------------------------------
def _read_input(path: Path, url: str | None) -> list[ExtractedArticle]:
    from .decoding import decode_html
    from .extract import extract_article
    from .normalise import split_paragraphs

    raw = path.read_bytes()
    if path.suffix.lower() == ".txt":
        text, _ = decode_html(raw)
        paragraphs = split_paragraphs(text)
        return [ExtractedArticle(url=url or path.resolve().as_uri(), title="", body="\n\n".join(paragraphs))]
    text, _ = decode_html(raw)
    return [extract_article(text, url or path.resolve().as_uri())]


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="HTML files, or .txt files holding the plain text of an OCR'd page.")],
    url: Annotated[str | None, typer.Option(help="The URL the page was fetched from (helps dates).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Extract title, author, date and body from saved pages."""
    failed = False
    for path in paths:
        try:
            article = _read_input(path, url)[0]
        except (OSError, MonitorError) as exc:
            failed = True
            if json_out:
                _emit({"path": str(path), "error": str(exc)})
            else:
                err.print(f"[red]{path}: {exc}[/red]")
            continue
        record = {"path": str(path), "title": article.title or None, "author": article.author,
                  "author_post": article.author_post, "published_at": format_published(article.published),
                  "source_name": article.source_name, "body": article.body, "pieces": []}
        if json_out:
            _emit(record)
        else:
            out.print(f"[bold]{path}[/bold]\n  title: {record['title']}\n  published: {record['published_at']}\n"
                      f"  author: {record['author']} {record['author_post'] or ''}\n  body: {len(article.body)} characters")
    if failed:
        raise typer.Exit(1)


@app.command()
def tag(
    paths: Annotated[list[Path], typer.Argument(help=".txt (plain text) or .html files.")],
    url: Annotated[str | None, typer.Option(help="The URL the page was fetched from.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Tag saved texts or pages with the zones they are about or mention."""
    from .tag import ZoneTagger

    tagger = ZoneTagger()
    failed = False
    for path in paths:
        try:
            article = _read_input(path, url)[0]
        except (OSError, MonitorError) as exc:
            failed = True
            _emit({"path": str(path), "error": str(exc)}) if json_out else err.print(f"[red]{path}: {exc}[/red]")
            continue
        tags = tagger.tag(article.title, article.body, byline=article.author_post or "")
        if json_out:
            _emit({"path": str(path), "zones": _zone_json(tags.zones)})
        else:
            out.print(f"{path}: " + ", ".join(f"{t.name} ({t.role}, {t.score})" for t in tags.zones))
    if failed:
        raise typer.Exit(1)


@zones_app.command("list")
def zones_list(json_out: JsonOpt = False) -> None:
    """List the national high-tech zones of the gazetteer."""
    table = Table("id", "name", "short name", "province", "city", "approved")
    for zone in load_gazetteer().zones:
        if json_out:
            _emit({"id": zone.id, "name": zone.full_name, "short_name": zone.short_name, "province": zone.province,
                   "city": zone.city, "approved_year": zone.approved_year})
        else:
            table.add_row(zone.id, zone.full_name, zone.short_name, zone.province, zone.city, str(zone.approved_year or "?"))
    if not json_out:
        out.print(table)


@zones_app.command("show")
def zones_show(zone: Annotated[str, typer.Argument(help="Zone id or any of its names.")], json_out: JsonOpt = False) -> None:
    """Show one zone with its aliases and research notes."""
    found = load_gazetteer().find(zone)
    if found is None:
        raise ConfigError(f"unknown zone {zone!r} (see `monitor zones list`)")
    record = {"id": found.id, "name": found.full_name, "short_name": found.short_name, "aliases": list(found.aliases),
              "province": found.province, "city": found.city, "approved_year": found.approved_year, "notes": found.notes}
    if json_out:
        _emit(record)
    else:
        for key, value in record.items():
            out.print(f"{key}: {value}")


# demo --------------------------------------------------------------------------------
@app.command()
def demo() -> None:
    """Run the whole pipeline offline: serve the bundled demo sites on 127.0.0.1, migrate, crawl, email a digest."""
    from .demo.run import run_demo

    run_demo(_settings(), err)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(message)s",
                        handlers=[RichHandler(console=err, show_path=False, show_time=False)])
    try:
        app(standalone_mode=False)
    except MonitorError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2 if isinstance(exc, ConfigError | DatabaseNotMigrated) else 1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click usage errors carry their own exit code
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
