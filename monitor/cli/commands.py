"""The core `monitor` commands: db, sources, crawl, reextract, import, articles, dedup, extract, tag, retag,
zones, topics, demo (monitor/cli/__init__.py merges them into the root command).

Contracts kept for every command: with --json, stdout carries JSON lines only (progress and
logs go to stderr); exit 0 when the command did its job, 1 when a source or the run failed,
2 for bad usage, bad config or an unmigrated database.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Column, Table
from sqlmodel import Session, col, select

from monitor.cli.common import (
    JsonOpt,
    emit_json,
    emit_row,
    err,
    listing,
    load_settings,
    open_database,
    optional_sources,
    out,
    print_listing,
    read_sources,
)
from monitor.errors import ConfigError, MonitorError
from monitor.items import ExtractedArticle
from monitor.settings import Settings
from monitor.store import db
from monitor.tag.gazetteer import load_gazetteer
from monitor.timefmt import format_published, format_timestamp, parse_cli_date

__all__ = ["app"]

# Merged into the root `monitor` command by monitor/cli/__init__.py: its commands and groups are top level.
app = typer.Typer()
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
sources_app = typer.Typer(help="Configured sources: list, validate, test; the catalogue of real sources and adding from it.",
                          no_args_is_help=True)
articles_app = typer.Typer(help="Stored articles.", no_args_is_help=True)
zones_app = typer.Typer(help="The gazetteer of national high-tech zones.", no_args_is_help=True)
dedup_app = typer.Typer(help="The dedup index and story clusters.", no_args_is_help=True)
topics_app = typer.Typer(help="The topic taxonomy (monitor/data/topics.yaml).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(sources_app, name="sources")
app.add_typer(articles_app, name="articles")
app.add_typer(zones_app, name="zones")
app.add_typer(dedup_app, name="dedup")
app.add_typer(topics_app, name="topics")


def _zone_json(tags: Any) -> list[dict[str, Any]]:
    return [{"id": t.zone_id, "name": t.name, "role": t.role, "score": t.score} for t in tags]


# db ---------------------------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (creates the schema on a new database)."""
    settings = load_settings()
    before, after = db.upgrade(settings.database_url)
    if before == after:
        err.print(f"database already at revision {after}")
    else:
        err.print(f"database upgraded from {before or 'empty'} to revision {after}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's schema revision and the code's."""
    settings = load_settings()
    engine = db.make_engine(settings.database_url)
    try:
        out.print(f"database: {db.current_revision(engine) or 'none'}  code: {db.head_revision()}")
    finally:
        engine.dispose()


# sources -----------------------------------------------------------------------------
@sources_app.command("validate")
def sources_validate(json_out: JsonOpt = False) -> None:
    """Check the sources file (MONITOR_SOURCES) before a run: schema, selectors, regexes, URLs and URL templates,
    schedules (at least one minute), plugin modules, zone ids. Every mistake is reported, each as
    file:line:column, source and field, with the nearest valid name for a misspelt one (exit 2).

    With --json: one object per valid source (name, kind, valid), or one per mistake (file, line, column,
    source, field, message, suggestion)."""
    from monitor.sourcescheck import check_sources

    settings = load_settings()
    sources, problems = check_sources(settings.sources)
    if problems:
        for problem in problems:
            if json_out:
                emit_json({**problem.to_json(), "valid": False})
            else:
                sys.stderr.write(problem.text() + "\n")  # plain: rich would wrap lines and eat [s|m|h|d]
        sys.stderr.write(f"{settings.sources}: {len(problems)} mistake(s)\n")
        raise typer.Exit(2)
    assert sources is not None
    if json_out:
        for source in sources.sources:
            emit_json({"name": source.name, "kind": source.kind, "valid": True})
    else:
        err.print(f"{settings.sources}: {len(sources.sources)} source(s), all valid")


@sources_app.command("list")
def sources_list(json_out: JsonOpt = False) -> None:
    """List configured sources with their health (last run, failures, pending items)."""
    from sqlalchemy import func

    from monitor.service.health import load_states, parse_failure_rate
    from monitor.store.models import Article, DiscoveredUrl, Source

    settings = load_settings()
    sources = read_sources(settings)
    with open_database(settings) as engine, Session(engine) as session:
        rows = {s.name: s for s in session.exec(select(Source)).all()}
        pending = dict(session.exec(select(DiscoveredUrl.source_id, func.count()).where(
            col(DiscoveredUrl.state).in_(["pending", "failed"])).group_by(col(DiscoveredUrl.source_id))).all())
        last_new = dict(session.exec(select(Article.source_id, func.max(Article.stored_at)).where(
            col(Article.duplicate_of_id).is_(None)).group_by(col(Article.source_id))).all())
        states = load_states(session)
        rates = {row.id: parse_failure_rate(session, row.id) for row in rows.values() if row.id is not None}
    table = listing("name", "kind", "enabled", "verified", "last run", "last success", "last new item", "items",
                    "failures", "pending", "health", "zero-yield runs", "parse failure rate", ids=("name",))
    for source in sources.sources:
        row = rows.get(source.name)
        record = {
            "name": source.name, "kind": source.kind, "enabled": source.enabled, "verified": source.verified,
            "last_run_at": format_timestamp(row.last_run_at) if row else None,
            "last_success_at": format_timestamp(row.last_success_at) if row else None,
            "last_new_item_at": format_timestamp(last_new[row.id]) if row and last_new.get(row.id) else None,
            "items_last_run": row.items_last_run if row else 0,
            "consecutive_failures": row.consecutive_failures if row else 0,
            "pending": pending.get(row.id, 0) if row else 0,
            "health": row.health if row else "unknown",
            "zero_yield_runs": states[row.id].zero_yield_runs if row and row.id in states else 0,
            "parse_failure_rate": rates.get(row.id) if row else None,
        }
        emit_row(record, table, json_out)
    if not json_out:
        print_listing(table)


@sources_app.command("test")
def sources_test(
    name: Annotated[str, typer.Argument(help="The source to try.")],
    limit: Annotated[int, typer.Option(help="Fetch and extract at most this many of the items found.")] = 3,
    json_out: JsonOpt = False,
) -> None:
    """Dry run of one source: fetch its list and first items, print what would be stored; store nothing."""
    from monitor.pipeline import preview_source

    settings = load_settings()
    source = read_sources(settings).get(name)
    with err.status(f"trying {name}"):
        preview = preview_source(settings, source, max(0, limit))
    if json_out:
        head: dict[str, Any] = {"name": preview.name, "kind": preview.kind, "discovered": len(preview.discovered),
                                "urls": list(preview.discovered), "error": preview.error}
        if preview.reasons:  # kinds that find links by judgement say how (html without `links`)
            head |= {"reasons": list(preview.reasons), "notes": list(preview.notes)}
        emit_json(head)
    else:
        err.print(f"[bold]{preview.name}[/bold] ({preview.kind}): {len(preview.discovered)} item URL(s) found"
                  + (f" [red]FAILED: {escape(preview.error)}[/red]" if preview.error else ""), soft_wrap=True)
        if not preview.discovered and not preview.error:
            err.print("[yellow]the list pages named no item URL: check the source's url and its links selector "
                      "(a run that lists nothing 3 times in a row is alerted)[/yellow]", soft_wrap=True)
        for reason in preview.reasons:
            out.print(f"  {reason}", markup=False)
        for number, url in enumerate(preview.discovered[:20]):
            note = preview.notes[number] if number < len(preview.notes) else ""
            out.print(f"  {url}" + (f"  ({note})" if note else ""), markup=False)
    for item in preview.items:
        article = item.article
        record = {"url": item.url, "title": article.title if article else None,
                  "published_at": format_published(article.published) if article else None,
                  "author": article.author if article else None,
                  "body_chars": len(article.body) if article else 0,
                  "lead": article.body[:120] if article else None, "zones": list(item.zones), "error": item.error,
                  "fields": {f.field: {"from": f.origin, "why": f.why} for f in item.fields}}
        if json_out:
            emit_json(record)
            continue
        if item.error:
            out.print(f"[red]x[/red] {escape(item.url)}\n    {escape(item.error)}")
        else:
            out.print(f"[green]ok[/green] {escape(item.url)}\n    title: {escape(str(record['title']))}\n"
                      f"    published: {record['published_at']}  author: {escape(str(record['author']))}  "
                      f"body: {record['body_chars']} chars  zones: {', '.join(item.zones) or '-'}\n"
                      f"    {escape(str(record['lead']))}")
        for origin in item.fields:
            mark = {"selector": "[green]selector[/green]", "fallback": "[yellow]fallback[/yellow]"}.get(
                origin.origin, origin.origin)
            out.print(f"    {origin.field}: {mark} ({escape(origin.why)})")
    if preview.error or not preview.discovered or (preview.items and all(i.error for i in preview.items)):
        raise typer.Exit(1)


@sources_app.command("catalogue")
def sources_catalogue(
    province: Annotated[str | None, typer.Option("--province", help="Only the zones of this province (江苏 or 江苏省).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List the catalogue of real sources: the national media and one entry per national zone (none verified)."""
    from monitor.catalogue import load_catalogue

    catalogue = load_catalogue()
    entries = catalogue.in_province(province) if province else catalogue.entries
    if province and not entries:
        raise ConfigError(f"no zone of the catalogue is in a province named {province!r}")
    # Chinese first and few columns, so that an 80-column terminal still reads it: ids never cut, the
    # rest wraps; the site and its news list share a column (kind and `verified` are in --json).
    table = Table(Column("编号", no_wrap=True, overflow="ignore"), Column("名称", overflow="fold", ratio=2),
                  Column("省份", overflow="fold"), Column("网址 / 新闻列表", overflow="fold", ratio=3),
                  title="来源目录（均未核实 verified: false）", title_justify="left", expand=True)
    for entry in entries:
        if json_out:
            emit_json(entry.as_json())
        else:
            where = entry.url or "（官网未知 site unknown）"
            if entry.list_url:
                where += f"\n列表 {entry.list_url}"
            if entry.kind != "html":
                where += f"\n({entry.kind})"
            province_short = re.sub(r"(壮族|回族|维吾尔)?(自治区|省|市)$", "", entry.province or "") or "全国"
            table.add_row(entry.id, entry.name, province_short, where)
    if not json_out:
        out.print(table)
        with_url = sum(1 for e in entries if e.source_url)
        err.print(f"{len(entries)} entries, {with_url} with a URL; add one with "
                  "`monitor sources add --from-catalogue ID`", highlight=False)


@sources_app.command("add")
def sources_add(
    from_catalogue: Annotated[str, typer.Option("--from-catalogue", metavar="ID",
                                                help="The catalogue entry to add (see `monitor sources catalogue`).")],
    json_out: JsonOpt = False,
) -> None:
    """Add a catalogue entry to the sources file (MONITOR_SOURCES) as a source, keeping the file's comments and order.

    A zone becomes a `kind: html` source with its news list (else its site) as URL and its `zones:`;
    it stays `verified: false` until checked with `monitor sources test NAME`."""
    from monitor.catalogue import load_catalogue
    from monitor.sourcesedit import add_to_sources

    settings = load_settings()
    entry = load_catalogue().get(from_catalogue)
    name = add_to_sources(settings.sources, entry)
    # The file is checked as every command will read it: a URL-only html source needs a version of the html
    # kind that finds its links itself; until then the operator is told what to add, and the entry stays.
    try:
        read_sources(settings)
        problem = None
    except ConfigError as exc:
        problem = str(exc)
    if json_out:
        emit_json({**entry.as_json(), "source": name, "source_url": entry.source_url, "path": str(settings.sources),
                   "valid": problem is None, "problem": problem})
    else:
        err.print(f"added source {name!r} ({entry.name}) to {settings.sources}: {entry.source_url}", highlight=False)
        if problem:
            err.print(f"[yellow]warning:[/yellow] the sources file does not validate yet: {problem}", highlight=False)
        else:
            err.print(f"try it with `monitor sources test {name}`", highlight=False)


@app.command()
def reextract(
    source: Annotated[str | None, typer.Option("--source", help="Only pages of this source.")] = None,
    since: Annotated[str | None, typer.Option(help="Only pages fetched on or after this date (YYYY-MM-DD or ISO 8601).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Re-run extraction, dedup and tagging on the stored raw pages (after those stages improved)."""
    from rich.progress import Progress

    from monitor.pipeline import reextract as run_reextract

    settings = load_settings()
    config = read_sources(settings)
    if source:
        config.get(source)  # an unknown name is a usage error
    try:
        since_value = parse_cli_date(since) if since else None
    except ValueError as exc:
        raise ConfigError(f"bad date: {exc}") from None
    with open_database(settings) as engine, Progress(console=err, transient=True) as bar:
        task = bar.add_task("re-extracting", total=None)
        result = run_reextract(settings, list(config.sources), engine, source, since_value,
                               lambda done, total: bar.update(task, completed=done, total=total))
    record = {"pages": result.pages, "new": result.new, "duplicates": result.duplicates, "errors": result.errors,
              "skipped": result.skipped, "not_kept": result.not_kept}
    if json_out:
        emit_json(record)
    else:
        err.print(", ".join(f"{k} {v}" for k, v in record.items() if k != "not_kept"))
    if result.not_kept:
        err.print(f"{result.not_kept} fetched item(s) have no raw page any more: pages are kept "
                  f"{settings.raw_page_retention_days} days (MONITOR_RAW_PAGE_RETENTION_DAYS), so those items cannot "
                  "be re-extracted; a crawl or backfill that fetches them again keeps their page anew", soft_wrap=True)


# crawl -------------------------------------------------------------------------------
def _crawl_line(result: Any) -> str:
    """What a source's run did: 'listed 0' (its list pages named nothing) is told apart from 'known 12' (all seen)."""
    line = (f"{result.name}: listed {result.discovered}, new {result.new}, known {result.known}, failed {result.errors}"
            f" (fetched {result.fetched}, duplicates {result.duplicates})")
    if result.discovered == 0 and not result.failed:
        line += "; its list pages named no item URL (unchanged since the last run, or the links match nothing)"
    if result.budget_exhausted and not result.failed:
        line += f"; stopped: time budget used up, {result.left_pending} item(s) left pending"
    return line


@app.command()
def crawl(
    source: Annotated[list[str] | None, typer.Option("--source", help="Crawl only this source (repeatable).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """One pass over the enabled sources: fetch, extract, deduplicate, tag and store new articles.

    Sources run concurrently (4 at once); one item fetch ends within MONITOR_FETCH_DEADLINE,
    one source within MONITOR_SOURCE_RUN_BUDGET (its unfetched items stay pending)."""
    from monitor.pipeline import crawl as run_crawl

    settings = load_settings()
    config = read_sources(settings)
    chosen = [config.get(name) for name in source] if source else [s for s in config.sources if s.enabled]
    from monitor.service.locks import hold_many, source_lock_name

    with open_database(settings) as engine, hold_many(engine, [source_lock_name(s.name) for s in chosen], settings.lock_timeout):
        with err.status("crawling") as status:
            results = run_crawl(settings, chosen, engine, lambda name, what: status.update(f"[{name}] {what}"))
    for result in results:
        if json_out:
            emit_json({"name": result.name, "fetched": result.fetched, "new": result.new,
                   "duplicates": result.duplicates, "errors": result.errors, "error": result.error,
                   "budget_exhausted": result.budget_exhausted, "left_pending": result.left_pending,
                   "listed": result.discovered, "known": result.known, "failed": result.errors})
        else:
            err.print(escape(_crawl_line(result)) + (f" [red]FAILED: {escape(result.error)}[/red]" if result.error else ""),
                      soft_wrap=True)
    if any(r.failed for r in results):
        raise typer.Exit(1)


# articles ----------------------------------------------------------------------------
ZoneOpt = Annotated[list[str] | None, typer.Option(help="Zone id or name (repeatable).")]
ProvinceOpt = Annotated[list[str] | None, typer.Option(help="Articles on zones in this province, e.g. 江苏省 or 江苏 (repeatable).")]
TopicOpt = Annotated[list[str] | None, typer.Option(help="Topic id or Chinese label (repeatable).")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="Content type: commentary, interview, news, policy, notice, or 评论, 访谈, 新闻, 政策, 通知公告 (repeatable).")]
SourceOpt = Annotated[list[str] | None, typer.Option(help="Source name (repeatable).")]
SinceOpt = Annotated[str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD or ISO 8601).")]
UntilOpt = Annotated[str | None, typer.Option(help="Published before this date.")]
TextOpt = Annotated[str | None, typer.Option("--q", help="Text to search in title and body.")]
LimitOpt = Annotated[int | None, typer.Option(help="At most this many articles.")]


def _article_filter(gazetteer: Any, zone: list[str] | None, province: list[str] | None, topic: list[str] | None,
                    type_: list[str] | None, source: list[str] | None, since: str | None, until: str | None,
                    q: str | None, limit: int | None) -> Any:
    """The filter of `articles list` and `articles export`: options of one kind match any of their values,
    different kinds must all match; unknown zones, provinces, topics and types are refused (exit 2)."""
    from monitor.digest.choices import check_choices, zones_in_provinces
    from monitor.store.queries import ArticleFilter

    chosen = check_choices(zones=zone or (), provinces=province or (), topics=topic or (), types=type_ or (),
                           gazetteer=gazetteer)
    zones = chosen.zones
    if chosen.provinces:  # a zone of the province (and of --zone, when both are given)
        in_province = zones_in_provinces(chosen.provinces, gazetteer)
        zones = tuple(z for z in zones if z in in_province) if zones else in_province
        zones = zones or ("-",)  # no zone is in both: nothing matches
    try:
        return ArticleFilter(zones=zones, topics=chosen.topics, content_types=chosen.types,
                             sources=tuple(source or ()), since=parse_cli_date(since) if since else None,
                             until=parse_cli_date(until) if until else None, text=q, limit=limit)
    except ValueError as exc:
        raise ConfigError(f"bad date: {exc}") from None


@articles_app.command("list")
def articles_list(zone: ZoneOpt = None, province: ProvinceOpt = None, topic: TopicOpt = None, type_: TypeOpt = None,
                  source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None, q: TextOpt = None,
                  limit: LimitOpt = None, json_out: JsonOpt = False) -> None:
    """List stored articles, newest first (no option: every article). Options of one kind match any of their
    values; different kinds must all match. Unknown zones, provinces, topics and types are refused (exit 2)."""
    from monitor.store.queries import list_articles

    settings = load_settings()
    gazetteer = load_gazetteer()
    filters = _article_filter(gazetteer, zone, province, topic, type_, source, since, until, q, limit)
    names = {z.id: z.full_name for z in gazetteer.zones}
    with open_database(settings) as engine, Session(engine) as session:
        views = list_articles(session, filters, names)
    table = listing("id", "published", "source", "title", "zones", "dup of", ids=("id", "source"))
    for view in views:
        if json_out:
            emit_json({"id": view.id, "url": view.url, "title": view.title, "author": view.author,
                   "author_post": view.author_post, "published_at": format_published(view.published),
                   "source": view.source, "zones": _zone_json(view.zones), "cluster_id": view.cluster_id,
                   "duplicate_of": view.duplicate_of, "page_title": view.page_title})
        else:
            table.add_row(str(view.id), format_published(view.published) or "-", view.source, view.title,
                          " ".join(z.name for z in view.zones if z.role == "subject"), view.duplicate_of or "")
    if not json_out:
        print_listing(table)


@articles_app.command("export")
def articles_export(zone: ZoneOpt = None, province: ProvinceOpt = None, topic: TopicOpt = None, type_: TypeOpt = None,
                    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None, q: TextOpt = None,
                    limit: LimitOpt = None) -> None:
    """Write stored articles to stdout as JSON lines that `monitor import` reads, oldest stored first:
    `monitor articles export > corpus.jsonl`. Each line: url, title, body, published_at, author, page_title,
    source (what import reads), and author_post, tags, cluster, verdict, stored_at."""
    from monitor.exporter import export_lines

    settings = load_settings()
    filters = _article_filter(load_gazetteer(), zone, province, topic, type_, source, since, until, q, limit)
    count = 0
    with open_database(settings) as engine:
        for record in export_lines(engine, filters):
            emit_json(record)
            count += 1
    err.print(f"exported {count} article(s)")


# import / article detail / dedup (issue 5) -----------------------------------------------
def _priorities(settings: Settings) -> dict[str, int]:
    """Source priorities from the sources file, if there is one (import works without it)."""
    sources = optional_sources(settings)
    return {s.name: s.priority for s in sources.sources} if sources else {}


def _source_zones(settings: Settings) -> dict[str, tuple[str, ...]]:
    """Each source's zones from the sources file, if there is one: they tag an imported line as its crawl would."""
    sources = optional_sources(settings)
    return {s.name: tuple(s.zones) for s in sources.sources} if sources else {}


@app.command("import")
def import_items(
    path: Annotated[Path, typer.Argument(help="UTF-8 JSON lines: url, title, body, published_at, optional author, page_title and source.")],
    source: Annotated[str, typer.Option("--source", help="Source name of lines that name none.")] = "import",
    json_out: JsonOpt = False,
) -> None:
    """Bulk import articles through the same dedup, tag and store stages as a crawl.

    Lines are stored in transactions of 100; each line's outcome is printed once its transaction is
    committed, so an interrupted import can simply be run again (stored lines come back unchanged)."""
    from monitor.dedup import DedupConfig
    from monitor.importer import import_file
    from monitor.service.locks import hold_many

    settings = load_settings()
    counts = {"new": 0, "duplicate": 0, "revision": 0, "unchanged": 0, "error": 0}
    # On SQLite the one write lock (no crawl, backfill or digest run at the same time); on PostgreSQL one import at a time.
    with open_database(settings) as engine, hold_many(engine, ["import"], settings.lock_timeout):
        for outcome in import_file(engine, path, source, DedupConfig.from_settings(settings), _priorities(settings),
                                   source_zones=_source_zones(settings)):
            counts[outcome.status or "error"] += 1
            if json_out:
                if outcome.error is not None:
                    emit_json({"line": outcome.line, "error": outcome.error})
                else:
                    emit_json({"url": outcome.url, "id": outcome.id, "status": outcome.status,
                           "cluster_id": outcome.cluster_id, "duplicate_of": outcome.duplicate_of,
                           "similarity": outcome.similarity})
            elif outcome.error is not None:
                # The message quotes the file's text: printed as it is, never read as rich markup.
                err.print(f"line {outcome.line}: {outcome.error}", style="red", markup=False, highlight=False, soft_wrap=True)
    if not json_out:
        err.print(", ".join(f"{key} {value}" for key, value in counts.items()))


@articles_app.command("show")
def articles_show(article_id: Annotated[int, typer.Argument(help="Article id.")], json_out: JsonOpt = False) -> None:
    """Show one article (title, source, author, date, tags, first paragraph), its story cluster with the
    evidence of each member's dedup verdict (similarity, containment, the facts compared and which agreed),
    and the other reports of its event (related coverage)."""
    from monitor.store.article_view import article_view
    from monitor.store.models import Article

    settings = load_settings()
    with open_database(settings) as engine, Session(engine) as session:
        article = session.get(Article, article_id)
        if article is None:
            raise ConfigError(f"no article with id {article_id}")
        record = article_view(session, article)
    if json_out:
        emit_json(record)
        return
    _print_article(record)


def _print_article(record: dict[str, Any]) -> None:
    out.print(f"[bold]{escape(record['title'])}[/bold]  #{record['id']}  {escape(record['url'])}")
    byline = f"  作者 author: {record['author']}" + (f"（{record['author_post']}）" if record["author_post"] else "") \
        if record["author"] else ""
    out.print(f"来源 source: {record['source_name']} ({record['source']})  日期 date: {record['published_at'] or '-'}"
              + byline, markup=False)
    tags = record["tags"]
    zones = "、".join(f"{z['zone_id']}({z['role']})" for z in tags["zones"]) or "-"
    people = "、".join(p["name"] + (f"（{p['post']}）" if p["post"] else "") for p in tags["people"]) or "-"
    places = "、".join(p["province"] + p["city"] for p in tags["places"]) or "-"
    out.print(f"标签 tags: zones {zones}; people {people}; places {places}; topics {'、'.join(tags['topics']) or '-'}",
              markup=False)
    if record["page_title"]:
        out.print(f"on the page: {record['page_title']}", markup=False)
    out.print(f"首段 first paragraph: {record['first_paragraph']}", markup=False, soft_wrap=True)
    out.print(f"cluster {record['cluster_id']}: {len(record['cluster'])} member(s), canonical #{record['canonical_id']}")
    table = listing("id", "source", "published", "level", "similarity", "title", ids=("id", "source"))
    for m in record["cluster"]:
        table.add_row(("* " if m["canonical"] else "") + str(m["id"]), m["source_name"], m["published_at"] or "-",
                      m["level"] or "-", f"{m['similarity']:.3f}" if m["similarity"] is not None else "-",
                      escape(m["title"]))
    out.print(table)
    for m in record["cluster"]:
        for line in _evidence_lines(m):
            out.print(line, markup=False, soft_wrap=True)
    if record["event"]:
        out.print(f"event {record['event_id']}: {len(record['event'])} other report(s) of the same event")
        for report in record["event"]:
            out.print(f"  #{report['id']} {report['source_name']} · {report['published_at'] or '-'} · {report['title']}"
                      f"  {report['url']}", markup=False, soft_wrap=True)


def _evidence_lines(member: dict[str, Any]) -> list[str]:
    """How a member's verdict was reached: against which article, how similar, which facts agreed."""
    evidence = member["evidence"]
    if not evidence:
        return [f"#{member['id']}: no evidence recorded"]
    def number(value: Any) -> str:
        return "-" if value is None else f"{value:.3f}"
    if evidence["candidate_id"] is None:
        return [f"#{member['id']}: {evidence['level']}, no stored candidate ({evidence['reason'] or 'first of its story'})"]
    verdict = (f"{evidence['level']} against #{evidence['candidate_id']}" if evidence["level"] != "none"
               else f"a story of its own; closest stored #{evidence['candidate_id']}")
    head = (f"#{member['id']}: {verdict}: similarity (Jaccard) "
            f"{number(evidence['jaccard'])}, containment {number(evidence['containment'])}, estimated "
            f"{number(evidence['estimated_jaccard'])}; {evidence['reason']}")
    lines = [head]
    for kind in evidence["facts"]:
        if not (kind["agreed"] or kind["only_this"] or kind["only_candidate"]):
            continue
        mark = "DIFFER" if kind["conflict"] else "agree"
        lines.append(f"    {kind['kind']}: {mark}; both {'、'.join(kind['agreed']) or '-'}; only this "
                     f"{'、'.join(kind['only_this']) or '-'}; only #{evidence['candidate_id']} "
                     f"{'、'.join(kind['only_candidate']) or '-'}")
    return lines


@dedup_app.command("rebuild")
def dedup_rebuild(
    batch: Annotated[int, typer.Option(help="Articles per committed batch.")] = 500,
) -> None:
    """Recompute fingerprints, stock phrases and clusters of the stored corpus (resumes an interrupted run)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from monitor.dedup import DedupConfig
    from monitor.dedup.rebuild import rebuild

    settings = load_settings()
    with open_database(settings) as engine, Progress("rebuilding", BarColumn(), MofNCompleteColumn(),
                                                 TimeRemainingColumn(), console=err) as bar:
        task = bar.add_task("rebuild", total=None)
        result = rebuild(engine, DedupConfig.from_settings(settings), _priorities(settings), batch,
                         lambda done, total: bar.update(task, completed=done, total=total))
    err.print(f"{'resumed: ' if result.resumed else ''}{result.processed} of {result.total} article(s) re-indexed; "
              f"{result.clusters} cluster(s), {result.duplicates} duplicate(s)")


# extract / tag / zones (no database) ---------------------------------------------------
def _read_input(path: Path, url: str | None) -> list[ExtractedArticle]:
    from monitor.extract import extract_article, extract_usable_text_page
    from monitor.fetch.decoding import decode_html

    raw = path.read_bytes()
    text, _ = decode_html(raw)
    if path.suffix.lower() == ".txt":  # the plain text of an OCR'd page
        return [extract_usable_text_page(text, url or path.resolve().as_uri())]
    return [extract_article(text, url or path.resolve().as_uri())]


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(
        help="HTML files, or .txt files holding the plain text of a page (OCR, e-paper text layer, forum mirror).")],
    url: Annotated[str | None, typer.Option(help="The URL the page was fetched from (helps dates).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Extract title, author, date and body from saved pages; a roundup page's signed pieces too."""
    failed = False
    for path in paths:
        try:
            article = _read_input(path, url)[0]
        except (OSError, MonitorError) as exc:
            failed = True
            if json_out:
                emit_json({"path": str(path), "error": str(exc)})
            else:
                err.print(f"[red]{path}: {exc}[/red]")
            continue
        published = format_published(article.published)
        record = {"path": str(path), "title": article.title or None, "author": article.author,
                  "author_post": article.author_post, "published_at": published,
                  "source_name": article.source_name, "body": article.body,
                  "pieces": [{"title": p.headline or None, "page_title": article.title or None, "author": p.author,
                              "author_post": p.author_post, "published_at": published,
                              "source_name": article.source_name, "body": p.body,
                              "url": f"{article.url}#piece-{number}"}
                             for number, p in enumerate(article.pieces, start=1)]}
        if json_out:
            emit_json(record)
        else:
            out.print(f"[bold]{path}[/bold]\n  title: {record['title']}\n  published: {record['published_at']}\n"
                      f"  author: {record['author']} {record['author_post'] or ''}\n  body: {len(article.body)} characters",
                      markup=True)
            for number, piece in enumerate(record["pieces"], start=1):
                first_words = " ".join(piece["body"].split())[:30]
                out.print(f"  piece {number}: {piece['author'] or '?'} | {piece['author_post'] or '-'}"
                          f"{' | ' + piece['title'] if piece['title'] else ''} | {first_words}…", markup=False)
    if failed:
        raise typer.Exit(1)


def _zones_of_host(url: str) -> tuple[str, ...]:
    """The zones of the configured sources on the same host as `url` (none when no sources file exists)."""
    from urllib.parse import urlsplit

    sources = optional_sources(load_settings())
    if sources is None:
        return ()
    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ()
    zones: list[str] = []
    for source in sources.sources:
        try:
            source_host = (urlsplit(source.url).hostname or "").removeprefix("www.")
        except ValueError:
            continue
        if host and source_host == host:
            zones.extend(z for z in source.zones if z not in zones)
    return tuple(zones)


def _person_json(person: Any) -> dict[str, Any]:
    org = person.org
    return {"name": person.name, "post": person.post, "zone_id": person.zone_id,
            "org": {"name": org.name if org else None, "zone_id": org.zone_id if org else None,
                    "city": org.city if org else None, "province": org.province if org else None},
            "former": person.former}


@app.command()
def tag(
    paths: Annotated[list[Path], typer.Argument(help=".txt (plain text) or .html files.")],
    url: Annotated[str | None, typer.Option(help="The URL the page was fetched from: a page on a zone's official site "
                                                  "(gazetteer websites) or of a configured source with zones is about "
                                                  "that zone unless it names another zone as its subject.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Tag saved texts or pages: zones, people (post, organisation, former), places, topics, content type (no database)."""
    from monitor.tag import tag_article

    source_zones = _zones_of_host(url) if url else ()
    failed = False
    for path in paths:
        try:
            article = _read_input(path, url)[0]
        except (OSError, MonitorError) as exc:
            failed = True
            emit_json({"path": str(path), "error": str(exc)}) if json_out else err.print(f"[red]{path}: {exc}[/red]")
            continue
        tags = tag_article(article, source_zones, url=url or article.url)
        record = {"path": str(path), "zones": _zone_json(tags.zones),
                  "people": [_person_json(p) for p in tags.people],
                  "places": [{"province": p.province, "city": p.city or None} for p in tags.places],
                  "topics": [{"id": t.topic_id, "label": t.label, "score": t.score} for t in tags.topics],
                  "content_type": tags.content_type, "relevant": tags.relevant}
        if json_out:
            emit_json(record)
        else:
            out.print(f"[bold]{path}[/bold] ({tags.content_type})\n  zones: "
                      + ", ".join(f"{t.name} ({t.role}, {t.score})" for t in tags.zones)
                      + "\n  people: " + ", ".join(f"{p.name} {'(原) ' if p.former else ''}{p.post or ''}"
                                                   for p in tags.people)
                      + "\n  topics: " + ", ".join(f"{t.label} [{t.topic_id}] ({t.score})" for t in tags.topics))
    if failed:
        raise typer.Exit(1)


@zones_app.command("list")
def zones_list(json_out: JsonOpt = False) -> None:
    """List the national high-tech zones of the gazetteer."""
    table = listing("id", "name", "short name", "province", "city", "approved")
    for zone in load_gazetteer().zones:
        if json_out:
            emit_json({"id": zone.id, "name": zone.full_name, "short_name": zone.short_name, "province": zone.province,
                   "city": zone.city, "approved_year": zone.approved_year, "year_verified": zone.year_verified})
        else:
            table.add_row(zone.id, zone.full_name, zone.short_name, zone.province, zone.city, str(zone.approved_year or "?"))
    if not json_out:
        print_listing(table)


@zones_app.command("show")
def zones_show(zone: Annotated[str, typer.Argument(help="Zone id or any of its names.")], json_out: JsonOpt = False) -> None:
    """Show one zone with its aliases and research notes."""
    found = load_gazetteer().find(zone)
    if found is None:
        raise ConfigError(f"unknown zone {zone!r} (see `monitor zones list`)")
    record = {"id": found.id, "name": found.full_name, "short_name": found.short_name, "aliases": list(found.aliases),
              "province": found.province, "city": found.city, "approved_year": found.approved_year,
              "year_verified": found.year_verified, "sources": list(found.sources), "notes": found.notes}
    if json_out:
        emit_json(record)
    else:
        for key, value in record.items():
            out.print(f"{key}: {value}")


@topics_app.command("list")
def topics_list(json_out: JsonOpt = False) -> None:
    """List the topics of the taxonomy with their phrases."""
    from monitor.tag.topics import load_taxonomy

    table = listing("id", "label", "en", "phrases")
    for topic in load_taxonomy().topics:
        if json_out:
            emit_json({"id": topic.id, "label": topic.zh, "label_en": topic.en, "threshold": topic.threshold,
                   "phrases": dict(topic.phrases), "negative": list(topic.negative)})
        else:
            table.add_row(topic.id, topic.zh, topic.en, " ".join(p for p, _ in topic.phrases[:8]))
    if not json_out:
        print_listing(table)


@app.command()
def retag(
    since: Annotated[str | None, typer.Option(help="Only articles stored on or after this date.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Re-tag stored articles (after a change of the taxonomy or gazetteer), with a progress bar on stderr.

    Reads the sources file (MONITOR_SOURCES) for each source's zones: exit 2 when it is missing or invalid."""
    from rich.progress import Progress

    from monitor.retag import retag_articles

    settings = load_settings()
    try:
        start = parse_cli_date(since) if since else None
    except ValueError as exc:
        raise ConfigError(f"bad date: {exc}") from None
    try:  # without the sources' zones every article would lose the zones its source gives it
        sources = read_sources(settings)
    except ConfigError as exc:
        raise ConfigError(f"{exc}; retag tags each article with its source's zones from it, so it needs the file") from None
    zones_of = {s.name: tuple(s.zones) for s in sources.sources}
    with open_database(settings) as engine, Progress(console=err, transient=True) as bar:
        task = bar.add_task("retagging", total=None)
        done = retag_articles(engine, zones_of, start, lambda done, total: bar.update(task, completed=done, total=total))
    if json_out:
        emit_json({"retagged": done})
    else:
        err.print(f"retagged {done} article(s)")


# demo --------------------------------------------------------------------------------
@app.command()
def demo() -> None:
    """Run the whole pipeline offline: serve the bundled demo sites on 127.0.0.1, migrate, crawl, email a digest."""
    from monitor.demo.run import run_demo

    run_demo(load_settings(), err)
