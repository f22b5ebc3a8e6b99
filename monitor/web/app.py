"""The subscriber web app (Starlette): subscribe with double opt-in, confirm, unsubscribe (RFC 8058
one-click POST), manage filters, read a digest in the browser, the public archive and its Atom feeds
(feeds.py).

Every subscriber link carries a token signed with MONITOR_SECRET_KEY and bound to one
subscriber (or digest) and one purpose; nothing is reachable by guessing a sequential id.

The event loop never waits on blocking work: under `monitor serve` it is the scheduler's loop too,
so a hanging mail server or a slow database must stall neither /healthz nor a scheduled crawl.
Handlers that touch the database or SMTP are plain ``def`` (Starlette runs them in its thread
pool); the two that read a posted form first await it, then hand the rest to ``run_in_threadpool``.
"""

from __future__ import annotations

import ipaddress
import logging
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from monitor.addresses import address_key, canonical_address
from monitor.digest.choices import check_choices
from monitor.digest.mailer import mailer_for
from monitor.digest.messages import build_email, recipient
from monitor.digest.subscribers import (
    SubscriptionFilters,
    add_subscriber,
    apply_change,
    change_filters,
    find_subscriber,
    propose_change,
    replace_subscriptions,
    resolve_zones,
    subscription_filters,
)
from monitor.digest.tokens import CONFIRM_MAX_AGE, read_token, signed_link
from monitor.errors import ConfigError, DeliveryError
from monitor.fetch.throttle import Throttle
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import DigestRecord, Subscriber, Subscription, SubscriptionChange
from monitor.store.queries import ArticleFilter, list_articles
from monitor.tag.gazetteer import load_gazetteer
from monitor.timefmt import format_published, utcnow
from monitor.web.feeds import LATEST_FEED_PATH, feed_routes, zone_feed_path

__all__ = ["create_app", "send_confirmation", "send_change_link", "refuse_default_secret", "is_loopback_host",
           "MIN_SECRET_BYTES"]

log = logging.getLogger(__name__)
THROTTLE_WINDOW = 3600.0  # seconds
SUBSCRIBE_POSTS_PER_CLIENT = 20  # form posts per client address and hour
SUBSCRIBE_EMAILS_PER_ADDRESS = 3  # confirmation or manage-link emails per email address and hour
MIN_SECRET_BYTES = 32  # a key shorter than this, like the default, can be guessed or was typed for a test

_env = Environment(loader=PackageLoader("monitor.web", "templates"), autoescape=select_autoescape(enabled_extensions=("j2",)))


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(template).render(**context), status_code=status)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").replace("，", ",").split(",") if part.strip())


def is_loopback_host(host: str | None) -> bool:
    """Whether a host name or address only reaches this machine (localhost, 127.0.0.0/8, ::1)."""
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refuse_default_secret(settings: Settings, host: str) -> None:
    """Refuse to serve the web app with a weak MONITOR_SECRET_KEY (the published default, or shorter than 32 bytes)
    unless both the address it listens on and MONITOR_BASE_URL are loopback: anyone who knows or guesses the key can
    sign tokens, unsubscribe anybody and read each subscriber's address on their manage page. A loopback bind alone
    is not enough: behind a reverse proxy with a public base URL (the production shape) the app is public."""
    default = Settings.model_fields["secret_key"].default
    key = settings.secret_key
    weak = "the published default" if key == default else (
        f"only {len(key.encode())} bytes long" if len(key.encode()) < MIN_SECRET_BYTES else None)
    if weak is None:
        return
    base_host = urlsplit(settings.base_url).hostname
    if is_loopback_host(host) and is_loopback_host(base_host):
        return
    where = host if not is_loopback_host(host) else f"{settings.base_url} (MONITOR_BASE_URL)"
    raise ConfigError(f"MONITOR_SECRET_KEY is {weak}, so anyone could forge subscriber links: set it to a random value of "
                      f"at least {MIN_SECRET_BYTES} bytes (python -c 'import secrets; print(secrets.token_urlsafe(32))') "
                      f"before serving the web app on {where}; a weak key is accepted only when both the listening "
                      f"address and MONITOR_BASE_URL are loopback")


def _mail(settings: Settings, subscriber: Subscriber, subject: str, text: str) -> None:
    """One plain-text email to a subscriber (double opt-in, manage link)."""
    message = build_email(sender=settings.mail_from, to=recipient(subscriber.name, subscriber.email), subject=subject,
                          text=text)
    mailer = mailer_for(settings)
    try:
        mailer.send(message)
    finally:
        mailer.close()


def send_confirmation(settings: Settings, subscriber: Subscriber) -> None:
    """The double opt-in email: one link that confirms the address."""
    assert subscriber.id is not None
    link = signed_link(settings.base_url, settings.secret_key, "confirm", subscriber.id)
    _mail(settings, subscriber, "Confirm your zone-monitor subscription / 确认订阅",
          f"Please confirm your subscription to zone-monitor digests:\n{link}\n\n"
          "If you did not ask for it, ignore this email: nothing will be sent.\n")


def _describe(filters: SubscriptionFilters, free_text: bool) -> str:
    """What a subscription asks for, one line per group that is not 'any'. In an email (free_text False) the
    values anyone could type (provinces, topics, keywords) are only counted: the form must not let a stranger
    put their own words into an email sent from this service to any address."""
    lines = [f"  frequency / 频率: {filters.frequency}, hour / 时间: {filters.hour}:00"]
    for label, values, typed in (("zones / 高新区", filters.zones, False), ("provinces / 省份", filters.provinces, True),
                                 ("topics / 主题", filters.topics, True), ("keywords / 关键词", filters.keywords, True),
                                 ("types / 类型", filters.types, False)):
        if values:
            lines.append(f"  {label}: {', '.join(values) if free_text or not typed else len(values)}")
    return "\n".join(lines)


def send_change_link(settings: Settings, subscriber: Subscriber, change: SubscriptionChange) -> None:
    """The answer to /subscribe for an address that has a subscription already (confirmed or not): nothing is
    changed; the link that applies what the form asked is sent to that address only (and, when it is confirmed,
    its manage link)."""
    assert subscriber.id is not None and change.id is not None
    base, key = settings.base_url, settings.secret_key
    text = ("Someone, probably you, asked to subscribe this address to zone-monitor digests with these choices:\n"
            f"{_describe(change_filters(change), free_text=False)}\n\nNothing has changed yet. To apply them"
            f"{' and receive digests again' if subscriber.status == 'unsubscribed' else ''}, open:\n"
            f"{signed_link(base, key, 'change', change.id)}\n")
    if subscriber.confirmed:
        text += f"\nTo see or change what you receive now, open:\n{signed_link(base, key, 'manage', subscriber.id)}\n"
    text += "\nIf you did not ask for it, ignore this email: nothing will change.\n"
    _mail(settings, subscriber, "Your zone-monitor subscription / 您的订阅", text)


def _filters_from_form(form: Any) -> SubscriptionFilters:
    try:
        hour = int(form.get("hour") or 8)
    except ValueError:
        raise ConfigError("hour must be a number from 0 to 23") from None
    chosen = check_choices(zones=_split(form.get("zones")), provinces=_split(form.get("provinces")),
                           topics=_split(form.get("topics")), types=_split(form.get("types")))
    return SubscriptionFilters(frequency=str(form.get("frequency") or "daily"), zones=chosen.zones,
                               provinces=chosen.provinces, topics=chosen.topics, keywords=_split(form.get("keywords")),
                               types=chosen.types, hour=hour)


def _form_values(filters: SubscriptionFilters | None, email: str = "", name: str = "") -> dict[str, Any]:
    f = filters or SubscriptionFilters()
    return {"email": email, "name": name, "zones": ", ".join(f.zones), "provinces": ", ".join(f.provinces),
            "topics": ", ".join(f.topics), "keywords": ", ".join(f.keywords), "types": ", ".join(f.types),
            "frequency": f.frequency, "hour": f.hour}


def _invalid_link(message: str = "This link is not valid.") -> Response:
    return _page("message.html.j2", status=404, title="Link not valid", message=message)


def _bad_text(value: object) -> bool:
    """Form and query values are text without control characters (tab and line breaks aside): a NUL cannot be
    stored in PostgreSQL text, and no field has a use for the others."""
    if not isinstance(value, str):  # an uploaded file where text was expected
        return True
    return any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in value)


def _bad_request(message: str = "The request contains characters that are not allowed.") -> Response:
    return _page("message.html.j2", status=400, title="Bad request", message=message)


async def _read_form(request: Request) -> dict[str, str] | None:
    """The posted form as text, or None when a value is no text or holds control characters."""
    form = await request.form()
    values = list(form.multi_items())
    if any(_bad_text(value) for _key, value in values) or any(_bad_text(key) for key, _value in values):
        return None
    return {key: str(value) for key, value in values}


def _state_changing(request: Request) -> bool:
    """Only a POST acts: Starlette answers HEAD on GET routes, and link scanners GET (or HEAD) every link."""
    return request.method == "POST"


def create_app(settings: Settings, engine: Engine | None = None) -> Starlette:
    engine = engine or db.make_engine(settings.database_url)
    key = settings.secret_key
    per_client = Throttle(SUBSCRIBE_POSTS_PER_CLIENT, THROTTLE_WINDOW)
    per_address = Throttle(SUBSCRIBE_EMAILS_PER_ADDRESS, THROTTLE_WINDOW)

    def subscriber_for(token: str, purpose: str, max_age: int | None = None) -> Subscriber | None:
        subscriber_id = read_token(key, purpose, token, max_age=max_age)
        if subscriber_id is None:
            return None
        with Session(engine, expire_on_commit=False) as session:
            return session.get(Subscriber, subscriber_id)

    async def subscribe(request: Request) -> Response:
        if not _state_changing(request):
            return _page("subscribe.html.j2", title="Subscribe", form=_form_values(None), action="/subscribe")
        client = request.client.host if request.client else "unknown"
        if not per_client.allow(client):
            response = _page("message.html.j2", status=429, title="Too many requests",
                             message="Too many subscription requests from your address. Please try again later.")
            response.headers["Retry-After"] = str(per_client.retry_after(client))
            return response
        form = await _read_form(request)
        if form is None:
            return _bad_request()
        return await run_in_threadpool(subscribe_with, form)

    def subscribe_with(form: dict[str, str]) -> Response:
        """The database and SMTP work of a /subscribe POST (in the thread pool)."""
        try:
            email = canonical_address(form.get("email", ""))
            filters = _filters_from_form(form)
            filters.validate()
            with Session(engine, expire_on_commit=False) as session:
                subscriber = find_subscriber(session, email)
                change, created = None, subscriber is None
                if subscriber is None:
                    subscriber, _ = add_subscriber(session, email, form.get("name") or None, "Asia/Shanghai",
                                                          filters, confirmed=False)
                # Anyone can type any address here: an address with a subscription (confirmed or waiting for its
                # owner) changes only through a link sent to that address, so a stranger's choices are kept
                # aside until then (and only when that email goes out: the per-address limit bounds them).
                throttled = not per_address.allow(address_key(subscriber.email))
                if not created and not throttled:
                    change = propose_change(session, subscriber, form.get("name") or None, filters, CONFIRM_MAX_AGE)
        except ConfigError as exc:
            values = _form_values(None, form.get("email", ""), form.get("name", ""))
            return _page("subscribe.html.j2", status=400, title="Subscribe", form=values, action="/subscribe", error=str(exc))
        try:
            # The form takes any address: a few emails per address and hour at most, so it cannot be
            # used to flood a stranger's inbox. Same answer either way (no probing who subscribes).
            if throttled:
                log.warning("subscribe: emails to %s throttled", subscriber.email)
            elif change is not None:
                send_change_link(settings, subscriber, change)
            else:
                send_confirmation(settings, subscriber)
        except DeliveryError:
            return _page("message.html.j2", status=503, title="Try again later",
                         message="We could not send the confirmation email just now. Please try again later.")
        # The same answer whether or not the address was known: no way to probe who subscribes.
        return _page("message.html.j2", title="Check your inbox",
                     message="We sent you an email with a link to confirm your subscription.")

    def confirm(request: Request) -> Response:
        token = request.path_params["token"]
        subscriber = subscriber_for(token, "confirm", CONFIRM_MAX_AGE)
        if subscriber is None:
            return _invalid_link("This link is not valid or has expired.")
        if not _state_changing(request):  # a page with a button: mail scanners open links, people press buttons
            return _page("message.html.j2", title="Confirm your subscription",
                         message=f"Send zone-monitor digests to {subscriber.email}?",
                         form_action=f"/confirm/{token}", button="Confirm / 确认")
        with Session(engine) as session:
            row = session.get(Subscriber, subscriber.id)
            assert row is not None
            if not row.confirmed:
                row.confirmed, row.confirmed_at = True, utcnow()
            if row.status == "unsubscribed":
                row.status = "active"
            session.add(row)
            session.commit()
        return _page("message.html.j2", title="Subscription confirmed", message="Thank you: your digests will start with the next period.")

    def change(request: Request) -> Response:
        token = request.path_params["token"]
        change_id = read_token(key, "change", token, max_age=CONFIRM_MAX_AGE)
        with Session(engine, expire_on_commit=False) as session:
            proposed = session.get(SubscriptionChange, change_id) if change_id is not None else None
            subscriber = session.get(Subscriber, proposed.subscriber_id) if proposed is not None else None
            if proposed is None or subscriber is None:
                return _invalid_link("This link is not valid, has expired, or was used already.")
            if not _state_changing(request):
                return _page("message.html.j2", title="Confirm the change",
                             message=f"Apply these choices to the subscription of {subscriber.email}?",
                             details=_describe(change_filters(proposed), free_text=True).splitlines(),
                             form_action=f"/change/{token}", button="Apply / 确认")
            apply_change(session, proposed)
        return _page("message.html.j2", title="Subscription saved", message="Your subscription was updated.")

    def unsubscribe(request: Request) -> Response:
        token = request.path_params["token"]
        subscriber = subscriber_for(token, "unsubscribe")
        if subscriber is None:
            return _invalid_link()
        if not _state_changing(request):  # a page, so that link scanners cannot unsubscribe anyone
            return _page("message.html.j2", title="Unsubscribe", message=f"Stop sending digests to {subscriber.email}?",
                         form_action=f"/unsubscribe/{token}", button="Unsubscribe")
        # a POST, from the page's button or an RFC 8058 one-click (List-Unsubscribe=One-Click): whatever its body
        with Session(engine) as session:
            row = session.get(Subscriber, subscriber.id)
            assert row is not None
            row.status = "unsubscribed"
            session.add(row)
            session.commit()
        return _page("message.html.j2", title="Unsubscribed", message="You will receive no more digests.")

    async def manage(request: Request) -> Response:
        posted = _state_changing(request)
        form = await _read_form(request) if posted else None
        return await run_in_threadpool(manage_with, request.path_params["token"], posted, form)

    def manage_with(token: str, posted: bool, form: dict[str, str] | None) -> Response:
        """The database work of /manage (in the thread pool): the page, or saving the posted ``form`` (None when
        it held something other than text)."""
        subscriber = subscriber_for(token, "manage")
        if subscriber is None:
            return _invalid_link()
        with Session(engine, expire_on_commit=False) as session:
            rows = session.exec(select(Subscription).where(Subscription.subscriber_id == subscriber.id)).all()
            current = subscription_filters(rows[0]) if rows else None
            if posted:
                if form is None:
                    return _bad_request()
                try:
                    replace_subscriptions(session, subscriber, [_filters_from_form(form)])
                except ConfigError as exc:
                    return _page("subscribe.html.j2", status=400, title="Your subscription", manage=True,
                                 form=_form_values(current, subscriber.email), action=f"/manage/{token}", error=str(exc))
                return _page("message.html.j2", title="Saved", message="Your subscription was updated.")
        return _page("subscribe.html.j2", title="Your subscription", manage=True, form=_form_values(current, subscriber.email),
                     action=f"/manage/{token}")

    def digest_page(request: Request) -> Response:
        from monitor.digest.delivery import build_for
        from monitor.digest.matching import load_candidates
        from monitor.store.models import DigestArticle

        digest_id = read_token(key, "digest", request.path_params["token"])
        if digest_id is None:
            return _invalid_link()
        with Session(engine) as session:
            record = session.get(DigestRecord, digest_id)
            subscriber = session.get(Subscriber, record.subscriber_id) if record and record.subscriber_id else None
            if record is None or subscriber is None:
                return _page("message.html.j2", status=404, title="Not found", message="This digest no longer exists.")
            ids = session.exec(select(DigestArticle.article_id).where(DigestArticle.digest_id == digest_id)).all()
            digest = build_for(settings, subscriber, load_candidates(session, load_gazetteer(), ids=ids), digest_id)
        return HTMLResponse(digest.html)

    def archive(request: Request) -> Response:
        gazetteer = load_gazetteer()
        zone, q = request.query_params.get("zone", ""), request.query_params.get("q", "")
        if _bad_text(zone) or _bad_text(q):
            return _bad_request()
        try:
            zones = resolve_zones(gazetteer, [zone]) if zone else ()
        except ConfigError as exc:
            return _page("message.html.j2", status=400, title="Archive", message=str(exc))
        names = {z.id: z.full_name for z in gazetteer.zones}
        with Session(engine) as session:
            views = list_articles(session, ArticleFilter(zones=zones, text=q or None, canonical_only=True, limit=100), names)
        items = [{"url": v.url, "title": v.title, "source": v.source, "date": format_published(v.published),
                  "zones": "、".join(z.name for z in v.zones if z.role == "subject")} for v in views]
        feed_url = zone_feed_path(zones[0]) if len(zones) == 1 else LATEST_FEED_PATH
        return _page("archive.html.j2", title="Archive", items=items, zone=zone, q=q, feed_url=feed_url)

    async def healthz(_request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[
        *feed_routes(settings, engine),
        Route("/subscribe", subscribe, methods=["GET", "POST"]),
        Route("/confirm/{token}", confirm, methods=["GET", "POST"]),
        Route("/change/{token}", change, methods=["GET", "POST"]),
        Route("/unsubscribe/{token}", unsubscribe, methods=["GET", "POST"]),
        Route("/manage/{token}", manage, methods=["GET", "POST"]),
        Route("/digests/{token}", digest_page, methods=["GET"]),
        Route("/archive", archive, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
    ])
