"""CLI commands for subscribers, digests and the web app (merged into the root command by monitor/cli/__init__.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from sqlmodel import Session

from monitor.cli.common import emit_json, err, load_settings, open_database, out
from monitor.errors import ConfigError
from monitor.timefmt import parse_cli_date

if TYPE_CHECKING:
    from monitor.digest.subscribers import SubscriptionFilters

__all__ = ["app"]

T = TypeVar("T")

app = typer.Typer()
subscribers_app = typer.Typer(help="Digest subscribers.", no_args_is_help=True)
digest_app = typer.Typer(help="Email digests.", no_args_is_help=True)
app.add_typer(subscribers_app, name="subscribers")
app.add_typer(digest_app, name="digest")
channels_app = typer.Typer(help="Chat channels (WeCom, DingTalk, Feishu group robots, JSON webhooks) that get digests.",
                           no_args_is_help=True)
app.add_typer(channels_app, name="channels")


# The filter options of `subscribers add`, shared by `channels add`.
ZoneOption = Annotated[list[str] | None, typer.Option("--zone", help="Zone id or any of its names (repeatable; none: every zone).")]
ProvinceOption = Annotated[list[str] | None, typer.Option("--province", help="Articles on zones in this province, e.g. 江苏省 or 江苏 (repeatable).")]
CityOption = Annotated[list[str] | None, typer.Option("--city", help="Articles on zones in this city (repeatable).")]
TopicOption = Annotated[list[str] | None, typer.Option("--topic", help="Topic id or Chinese label (repeatable; see `monitor topics list`).")]
PersonOption = Annotated[list[str] | None, typer.Option("--person", help="Articles by or about this person (repeatable).")]
KeywordOption = Annotated[list[str] | None, typer.Option("--keyword", help="Words that must appear (repeatable; see --match).")]
ExcludeOption = Annotated[list[str] | None, typer.Option("--exclude", help="Articles containing this word are left out (repeatable).")]
MatchOption = Annotated[str, typer.Option("--match", help="Keywords: any or all of them.")]
TypeOption = Annotated[list[str] | None, typer.Option("--type", help="Content type: commentary, interview, news, policy, notice, or 评论, 访谈, 新闻, 政策, 通知公告 (repeatable).")]
SourceOption = Annotated[list[str] | None, typer.Option("--source", help="Only articles from this source (repeatable).")]
FrequencyOption = Annotated[str, typer.Option("--frequency", help="immediate, daily or weekly.")]
HourOption = Annotated[int, typer.Option("--hour", help="Local hour (0-23) of daily and weekly digests.")]
WeekdayOption = Annotated[str, typer.Option("--weekday", help="Weekly digests: day of the week (mon..sun or 0-6).")]


def _filters(*, zone: list[str] | None, province: list[str] | None, city: list[str] | None, topic: list[str] | None,
             person: list[str] | None, keyword: list[str] | None, exclude: list[str] | None, match: str,
             type_: list[str] | None, source: list[str] | None, frequency: str, hour: int,
             weekday: str) -> SubscriptionFilters:
    """The filter options as SubscriptionFilters (zones, provinces, topics and types checked and resolved)."""
    from monitor.digest.choices import check_choices
    from monitor.digest.subscribers import SubscriptionFilters

    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    day = weekday.lower()[:3]
    if day not in days and not (weekday.isdigit() and 0 <= int(weekday) <= 6):
        raise ConfigError(f"--weekday must be mon..sun or 0-6, got {weekday!r}")
    chosen = check_choices(zones=zone or (), provinces=province or (), topics=topic or (), types=type_ or ())
    return SubscriptionFilters(
        frequency=frequency, zones=chosen.zones, provinces=chosen.provinces,
        cities=tuple(city or ()), topics=chosen.topics, people=tuple(person or ()), keywords=tuple(keyword or ()),
        exclude=tuple(exclude or ()), match=match, types=chosen.types, sources=tuple(source or ()), hour=hour,
        weekday=int(weekday) if weekday.isdigit() else days.index(day))


@subscribers_app.command("add")
def subscribers_add(
    email: Annotated[str, typer.Argument(help="The subscriber's email address.")],
    name: Annotated[str | None, typer.Option(help="Name used in the greeting.")] = None,
    zone: ZoneOption = None,
    province: ProvinceOption = None,
    city: CityOption = None,
    topic: TopicOption = None,
    person: PersonOption = None,
    keyword: KeywordOption = None,
    exclude: ExcludeOption = None,
    match: MatchOption = "any",
    type_: TypeOption = None,
    source: SourceOption = None,
    frequency: FrequencyOption = "daily",
    hour: HourOption = 8,
    weekday: WeekdayOption = "mon",
    tz: Annotated[str, typer.Option("--tz", help="The subscriber's timezone.")] = "Asia/Shanghai",
    group_by: Annotated[str, typer.Option(help="Group digest items by zone or topic.")] = "zone",
    language: Annotated[str, typer.Option(help="Language of the subscriber's emails and pages: zh-CN or en.")] = "zh-CN",
    require_confirmation: Annotated[bool, typer.Option(help="Send a confirmation email first (double opt-in).")] = False,
) -> None:
    """Add a subscriber, or another subscription to an existing one. Confirmed at once unless --require-confirmation."""
    from monitor.digest.subscribers import add_subscriber

    filters = _filters(zone=zone, province=province, city=city, topic=topic, person=person, keyword=keyword,
                       exclude=exclude, match=match, type_=type_, source=source, frequency=frequency, hour=hour,
                       weekday=weekday)
    settings = load_settings()
    with open_database(settings) as engine, Session(engine) as session:
        subscriber, created = add_subscriber(session, email, name, tz, filters, confirmed=not require_confirmation,
                                             group_by=group_by, language=language)
        if require_confirmation and not subscriber.confirmed:
            from monitor.web.app import send_confirmation

            send_confirmation(settings, subscriber)
            err.print(f"confirmation email sent to {subscriber.email}")
        err.print(f"{'added' if created else 'updated'} subscriber {subscriber.email}")


@subscribers_app.command("list")
def subscribers_list(json_out: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False) -> None:
    """List subscribers and their subscriptions."""
    from monitor.digest.subscribers import list_subscribers

    settings = load_settings()
    with open_database(settings) as engine, Session(engine) as session:
        views = list_subscribers(session)
    for view in views:
        if json_out:
            emit_json({"id": view.id, "email": view.email, "name": view.name, "timezone": view.timezone,
                   "confirmed": view.confirmed, "status": view.status, "group_by": view.group_by, "language": view.language,
                   "subscriptions": [s.as_json() for s in view.subscriptions]})
        else:
            out.print(f"{view.email}  {view.name or ''}  {view.status}{'' if view.confirmed else ' (unconfirmed)'}  "
                      f"{len(view.subscriptions)} subscription(s)")


def _on_subscriber(email: str, action: Callable[[Session, str], T]) -> T:
    """``action(session, email)`` on the configured database; a falsy answer means no such subscriber."""
    with open_database(load_settings()) as engine, Session(engine) as session:
        result = action(session, email)
    if not result:
        raise ConfigError(f"no subscriber {email!r}")
    return result


@subscribers_app.command("remove")
def subscribers_remove(email: Annotated[str, typer.Argument(help="The subscriber's email address.")]) -> None:
    """Stop sending digests to a subscriber (their history is kept; `erase` deletes it)."""
    from monitor.digest.subscribers import remove_subscriber

    _on_subscriber(email, remove_subscriber)
    err.print(f"removed {email}")


@subscribers_app.command("export")
def subscribers_export(email: Annotated[str, typer.Argument(help="The subscriber's email address.")]) -> None:
    """Print all data held on a subscriber as JSON."""
    from monitor.digest.subscribers import export_subscriber

    typer.echo(json.dumps(_on_subscriber(email, export_subscriber), ensure_ascii=False, indent=2))


@subscribers_app.command("erase")
def subscribers_erase(email: Annotated[str, typer.Argument(help="The subscriber's email address.")]) -> None:
    """Delete a subscriber and their subscriptions, keeping only anonymous delivery counts."""
    from monitor.digest.subscribers import erase_subscriber

    _on_subscriber(email, erase_subscriber)
    err.print(f"erased {email}")


@digest_app.command("preview")
def digest_preview(
    email: Annotated[str, typer.Argument(help="The subscriber's email address.")],
    html: Annotated[Path | None, typer.Option(help="Also write the HTML part to this file.")] = None,
) -> None:
    """Show the digest a subscriber would get now, without recording or sending it."""
    from monitor.digest import preview_digest

    settings = load_settings()
    with open_database(settings) as engine:
        digest = preview_digest(engine, settings, email)
    if digest is None:
        raise ConfigError(f"no subscriber {email!r}")
    out.print(f"Subject: {digest.subject}\n", highlight=False)
    out.print(digest.text, highlight=False, markup=False)
    if html:
        html.write_text(digest.html, encoding="utf-8")
        err.print(f"HTML written to {html}")


@digest_app.command("send")
def digest_send(
    frequency: Annotated[str | None, typer.Option(help="Only digests of this frequency (immediate, daily, weekly).")] = None,
    force: Annotated[bool, typer.Option(help="Treat every subscriber's digest as due now (a sent period is never sent twice).")] = False,
    dry_run: Annotated[bool, typer.Option(help="Count what would be sent; record and send nothing.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")] = False,
) -> None:
    """Send the digests that are due (SMTP, or .eml files in the outbox when MONITOR_SMTP_URL is unset).

    Exit 1 when a digest failed in this run or was given up on (see `monitor digest status`).
    """
    from monitor.digest import send_digests
    from monitor.digest.mailer import mailer_for

    _check_frequency(frequency)
    settings = load_settings()
    from monitor.service.locks import DIGEST_LOCK, hold

    with open_database(settings) as engine, hold(engine, DIGEST_LOCK, settings.lock_timeout):
        result = send_digests(engine, settings, mailer_for(settings), frequency=frequency,
                              force=force, dry_run=dry_run)
    if json_out:
        emit_json({"considered": result.considered, "sent": result.sent, "skipped_empty": result.skipped_empty,
               "failed": result.failed, "already_sent": result.already_sent, "not_due": result.not_due,
               "channels_sent": result.channels_sent, "channels_failed": result.channels_failed})
    else:
        where = "SMTP" if settings.smtp_url else str(settings.outbox)
        verb = "would be sent" if dry_run else f"sent ({where})"
        err.print(f"digests: {result.sent} {verb}, {result.skipped_empty} empty, {result.failed} failed, "
                  f"{result.already_sent} already sent this period, {result.not_due} not due yet")
        for item in result.given_up:
            err.print(f"given up: {item.email} ({item.frequency} {item.period}): {item.reason}", markup=False,
                      highlight=False)
    if result.failed:
        raise typer.Exit(1)


def _check_frequency(frequency: str | None) -> None:
    if frequency not in (None, "immediate", "daily", "weekly"):
        raise ConfigError(f"--frequency must be immediate, daily or weekly, got {frequency!r}")


STATUS_HELP = (
    "Deliveries per period: how many digests are sent, failed, bounced, sending or pending, and who has not "
    "got theirs.\n\n"
    "A subscriber gets at most 3 copies of one digest, all with its Message-ID. A digest given up on ('abandoned': "
    "it may have reached the subscriber 3 times unconfirmed, or failed on every retry) counts as failed and is "
    "never sent again automatically; a failed one with retries left is sent again by the next run from the time "
    "shown.")


@digest_app.command("status", help=STATUS_HELP)
def digest_status(
    frequency: Annotated[str | None, typer.Option(help="Only digests of this frequency (immediate, daily, weekly).")] = None,
    since: Annotated[str | None, typer.Option(help="Only periods with digests recorded since this date (YYYY-MM-DD or ISO 8601; Asia/Shanghai unless it has an offset).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many periods, newest first.")] = 20,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per period on stdout: frequency, period, counts (state -> number), undelivered (addresses).")] = False,
) -> None:
    from monitor.digest import digest_status as load_status
    from monitor.timefmt import format_timestamp

    _check_frequency(frequency)
    if limit < 1:
        raise ConfigError(f"--limit must be 1 or more, got {limit}")
    try:
        start = parse_cli_date(since) if since else None
    except ValueError:
        raise ConfigError(f"--since must be a date (YYYY-MM-DD) or an ISO 8601 time, got {since!r}") from None
    settings = load_settings()
    with open_database(settings) as engine:
        periods = load_status(engine, frequency=frequency, since=start, limit=limit)
    for period in periods:
        if json_out:
            emit_json({"frequency": period.frequency, "period": period.period, "counts": dict(period.counts),
                   "undelivered": [u.email for u in period.undelivered]})
            continue
        counts = ", ".join(f"{n} {state}" for state, n in period.counts.items() if n)
        out.print(f"{period.frequency} {period.period}: {counts or 'no deliveries'}", markup=False, highlight=False)
        for u in period.undelivered:
            why = f"tried again from {format_timestamp(u.retry_at)}; " if u.retry_at else ""
            out.print(f"  not delivered: {u.email} ({u.state}) {why}{u.last_error or ''}".rstrip(), markup=False,
                      highlight=False)
    if not periods and not json_out:
        err.print("no digests recorded" + (f" since {since}" if since else ""))


@app.command()
def web(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default MONITOR_WEB_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default MONITOR_WEB_PORT).")] = None,
) -> None:
    """Serve the subscriber web app: subscribe, confirm, unsubscribe, manage, read digests, archive."""
    import uvicorn

    from monitor.web.app import create_app, refuse_default_secret

    settings = load_settings()
    refuse_default_secret(settings, host or settings.web_host)
    with open_database(settings):
        pass  # refuse an unmigrated database before serving
    uvicorn.run(create_app(settings), host=host or settings.web_host, port=port or settings.web_port, log_level="warning")


@channels_app.command("add")
def channels_add(
    name: Annotated[str, typer.Argument(help="A name for the channel, e.g. the group's.")],
    kind: Annotated[str, typer.Option("--kind", help="wecom, dingtalk, feishu or webhook.")],
    url: Annotated[str, typer.Option("--url", help="The robot's webhook URL (its token is never printed).")],
    secret: Annotated[str | None, typer.Option("--secret", help="Signing secret: DingTalk 加签, Feishu 签名校验, the webhook's HMAC key (WeCom has none).")] = None,
    zone: ZoneOption = None,
    province: ProvinceOption = None,
    city: CityOption = None,
    topic: TopicOption = None,
    person: PersonOption = None,
    keyword: KeywordOption = None,
    exclude: ExcludeOption = None,
    match: MatchOption = "any",
    type_: TypeOption = None,
    source: SourceOption = None,
    frequency: FrequencyOption = "daily",
    hour: HourOption = 8,
    weekday: WeekdayOption = "mon",
    tz: Annotated[str, typer.Option("--tz", help="The group's timezone: its --hour, --weekday and dates.")] = "Asia/Shanghai",
) -> None:
    """Add a chat channel: it gets the stories its filters match, at once (immediate) or as a daily or weekly digest
    (Beijing time unless --tz), through `monitor digest send` and `serve`."""
    from monitor.digest.channel_registry import add_channel

    filters = _filters(zone=zone, province=province, city=city, topic=topic, person=person, keyword=keyword,
                       exclude=exclude, match=match, type_=type_, source=source, frequency=frequency, hour=hour,
                       weekday=weekday)
    with open_database(load_settings()) as engine, Session(engine) as session:
        add_channel(session, name, kind, url, secret, filters, tz)
    err.print(f"added channel {name} ({kind}, {frequency})")


@channels_app.command("list")
def channels_list(json_out: Annotated[bool, typer.Option("--json", help="One JSON object per line: name, kind, url (masked), signed, frequency, timezone, filters.")] = False) -> None:
    """List the channels (URLs masked: robot tokens and secrets are never printed)."""
    from monitor.digest.channel_registry import list_channels

    with open_database(load_settings()) as engine, Session(engine) as session:
        views = list_channels(session)
    for view in views:
        if json_out:
            emit_json({"name": view.name, "kind": view.kind, "url": view.url, "signed": view.signed,
                       "frequency": view.filters.frequency, "timezone": view.timezone, "filters": view.filters.as_json()})
        else:
            out.print(f"{view.name}  {view.kind}  {view.filters.frequency}  {view.url}{'  (signed)' if view.signed else ''}",
                      markup=False, highlight=False)


@channels_app.command("remove")
def channels_remove(name: Annotated[str, typer.Argument(help="The channel's name.")]) -> None:
    """Stop delivering to a channel (its delivery history is kept)."""
    from monitor.digest.channel_registry import remove_channel

    with open_database(load_settings()) as engine, Session(engine) as session:
        if not remove_channel(session, name):
            raise ConfigError(f"no channel {name!r} (see `monitor channels list`)")
    err.print(f"removed channel {name}")


@channels_app.command("test")
def channels_test(name: Annotated[str, typer.Argument(help="The channel's name.")]) -> None:
    """Post a test message to a channel. Exit 1 when the platform refuses it (its error code is shown)."""
    from monitor.digest.channel_delivery import test_channel

    with open_database(load_settings()) as engine:
        test_channel(engine, name)
    err.print(f"test message posted to {name}")
