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
import json
import logging
import unicodedata
from typing import Any
from urllib.parse import urlencode, urlsplit

from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from monitor.addresses import AddressError, address_key, canonical_address
from monitor.digest.build import web_link
from monitor.digest.subscribers import (
    CONTENT_TYPES,
    SubscriptionFilters,
    add_subscriber,
    apply_change,
    change_filters,
    edit_subscriber,
    edit_subscriptions,
    find_subscriber,
    propose_change,
    subscriptions_of,
)
from monitor.digest.tokens import CONFIRM_MAX_AGE, make_token, read_token
from monitor.digest.wording import digest_wording
from monitor.errors import ConfigError, DeliveryError
from monitor.fetch.throttle import Throttle
from monitor.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    format_published_date,
    language_or_default,
    template_environment,
    translator,
)
from monitor.settings import Settings
from monitor.store import db
from monitor.store.events import related_coverage
from monitor.store.models import DigestRecord, Subscriber, SubscriptionChange
from monitor.store.queries import ArticleFilter, list_articles
from monitor.tag.gazetteer import load_gazetteer
from monitor.timefmt import utcnow
from monitor.web.emails import describe_filters, send_change_link, send_confirmation
from monitor.web.feeds import LATEST_FEED_PATH, feed_routes, subscription_feed_url, zone_feed_path
from monitor.web.forms import (
    FormData,
    choices,
    form_values,
    read_subscriber,
    read_subscription,
    shown_values,
    subscriber_values,
    type_label,
)

__all__ = ["create_app", "send_confirmation", "send_change_link", "refuse_default_secret", "is_loopback_host",
           "MIN_SECRET_BYTES"]

log = logging.getLogger(__name__)
THROTTLE_WINDOW = 3600.0  # seconds
SUBSCRIBE_POSTS_PER_CLIENT = 20  # form posts per client address and hour
SUBSCRIBE_EMAILS_PER_ADDRESS = 3  # confirmation or manage-link emails per email address and hour
MIN_SECRET_BYTES = 32  # a key shorter than this, like the default, can be guessed or was typed for a test

PAGE_SIZE = 20  # archive items per page
LATEST = 8  # stories on the front page


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


def _bad_text(value: object) -> bool:
    """Form and query values are text without control characters (tab and line breaks aside): a NUL cannot be
    stored in PostgreSQL text, and no field has a use for the others."""
    if not isinstance(value, str):  # an uploaded file where text was expected
        return True
    return any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in value)


async def _read_form(request: Request) -> dict[str, list[str]] | None:
    """The posted form as text (every value of a repeated name, in order), or None when a value is no text or
    holds control characters."""
    form = await request.form()
    values = list(form.multi_items())
    if any(_bad_text(value) for _key, value in values) or any(_bad_text(key) for key, _value in values):
        return None
    posted: dict[str, list[str]] = {}
    for key, value in values:
        posted.setdefault(key, []).append(str(value))
    return posted


def _one(form: FormData, name: str) -> str:
    return (form.get(name) or [""])[-1]


def _state_changing(request: Request) -> bool:
    """Only a POST acts: Starlette answers HEAD on GET routes, and link scanners GET (or HEAD) every link."""
    return request.method == "POST"


def _one_per_event(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page's stories with each event once, as a digest shows it: its newest report on the page, the event's
    other reports listed under it (an event's reports on two pages show on both)."""
    seen: set[int] = set()
    kept = []
    for item in items:
        if item["event"] is not None:
            if item["event"] in seen:
                continue
            seen.add(item["event"])
        kept.append(item)
    return kept


def _page_language(request: Request, subscriber: Subscriber | None = None) -> str:
    """The language of a page: the ?lang= of its link, else the subscriber's own, else the one the visitor chose
    before (a cookie), else Chinese."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    if subscriber is not None:
        return language_or_default(subscriber.language)
    return language_or_default(request.cookies.get("lang"))


class Pages:
    """Renders the templates in one language, with the links every page carries (the other language, home)."""

    def __init__(self, request: Request, language: str) -> None:
        self.request, self.language = request, language
        self.t = translator(language)

    def gettext(self, message: str) -> str:
        return self.t.gettext(message)

    def url(self, path: str, **params: str | int) -> str:
        """A link on this site that stays in the page's language."""
        query = {k: str(v) for k, v in params.items() if v not in ("", None)}
        if self.language != DEFAULT_LANGUAGE:
            query["lang"] = self.language
        return f"{path}?{urlencode(query)}" if query else path

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        other = "en" if self.language == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE
        params = {k: v for k, v in self.request.query_params.items() if k != "lang"}
        switch = f"{self.request.url.path}?{urlencode({**params, 'lang': other})}"
        env = template_environment("monitor.web", "templates", self.language)
        html = env.get_template(template).render(url=self.url, switch_url=switch, switch_name=LANGUAGE_NAMES[other],
                                                 other_language=other, **context)
        response = HTMLResponse(html, status_code=status)
        if self.request.query_params.get("lang") in LANGUAGES:  # the visitor chose: keep it for the next pages
            response.set_cookie("lang", self.language, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    def message(self, title: str, message: str, status: int = 200, **context: Any) -> HTMLResponse:
        return self.render("message.html.j2", status=status, title=title, message=message, **context)

    def invalid_link(self, message: str | None = None) -> HTMLResponse:
        return self.message(self.gettext("Link not valid"), message or self.gettext("This link is not valid."), 404)

    def bad_request(self, message: str | None = None) -> HTMLResponse:
        return self.message(self.gettext("Bad request"), message or self.gettext(
            "The request contains characters that are not allowed."), 400)


def _picker_context(language: str) -> dict[str, Any]:
    """What the subscription form's pickers offer, labelled in ``language``."""
    offered, t = choices(), translator(language)
    english = language == "en"
    return {"provinces": offered.provinces, "zones_by_province": offered.zones_by_province,
            "topics": [(topic_id, en if english else zh) for topic_id, zh, en in offered.topics],
            "types": [(c, type_label(c, t)) for c in CONTENT_TYPES],
            "frequencies": [("immediate", t.gettext("As soon as published")), ("daily", t.gettext("Daily")),
                            ("weekly", t.gettext("Weekly"))],
            "weekdays": list(enumerate([t.gettext("Monday"), t.gettext("Tuesday"), t.gettext("Wednesday"),
                                        t.gettext("Thursday"), t.gettext("Friday"), t.gettext("Saturday"),
                                        t.gettext("Sunday")])),
            "group_bys": [("zone", t.gettext("By zone")), ("topic", t.gettext("By topic"))],
            "languages": list(LANGUAGE_NAMES.items())}


def _subscription_block(prefix: str, values: dict[str, Any], subscription_id: int | None = None,
                        shown: dict[str, Any] | None = None) -> dict[str, Any]:
    """One subscription on a form. Values not on offer (a zone or topic dropped since it was chosen) are shown
    as checked boxes too, so that saving keeps them."""
    offered = choices()
    extra = {"zones": [z for z in values["zones"] if z not in offered.zone_ids],
             "topics": [x for x in values["topics"] if x not in {i for i, _zh, _en in offered.topics}],
             "provinces": [p for p in values["provinces"] if p not in offered.provinces]}
    return {"prefix": prefix, "form": values, "id": subscription_id, "extra": extra,
            "orig": json.dumps(shown if shown is not None else values, ensure_ascii=False)}


def create_app(settings: Settings, engine: Engine | None = None) -> Starlette:
    engine = engine or db.make_engine(settings.database_url)
    key = settings.secret_key
    per_client = Throttle(SUBSCRIBE_POSTS_PER_CLIENT, THROTTLE_WINDOW)
    per_address = Throttle(SUBSCRIBE_EMAILS_PER_ADDRESS, THROTTLE_WINDOW)
    names = {z.id: z.full_name for z in load_gazetteer().zones}

    def subscriber_for(token: str, purpose: str, max_age: int | None = None) -> Subscriber | None:
        subscriber_id = read_token(key, purpose, token, max_age=max_age)
        if subscriber_id is None:
            return None
        with Session(engine, expire_on_commit=False) as session:
            return session.get(Subscriber, subscriber_id)

    def latest_stories(pages: Pages, **query: Any) -> list[dict[str, Any]]:
        """The newest stories, each with its event's other reports (related coverage, as a digest lists them)."""
        with Session(engine) as session:
            views = list_articles(session, ArticleFilter(canonical_only=True, **query), names)
            related = related_coverage(session, {v.id: v.cluster_id for v in views if v.cluster_id is not None})
        words = digest_wording(pages.language)
        items = []
        for v in views:
            coverage = related.get(v.id)
            links = [(name, link) for name, url in coverage.others if (link := web_link(url))] if coverage else []
            items.append({"url": v.url, "title": v.title, "source": v.source,
                          "date": format_published_date(v.published, pages.language),
                          "zones": "、".join(z.name for z in v.zones if z.role == "subject"),
                          "event": coverage.event_id if coverage else None, "related": links,
                          "related_label": words.related_reports(len(links)) if links else "",
                          "related_separator": words.separator})
        return items

    def subscribe_page(pages: Pages, template: str = "subscribe.html.j2", status: int = 200,
                       values: dict[str, Any] | None = None, subscriber_values: dict[str, str] | None = None,
                       email: str = "", errors: list[str] | None = None, **context: Any) -> HTMLResponse:
        block = _subscription_block("", values or form_values(SubscriptionFilters()))
        return pages.render(template, status=status, title=context.pop("title", pages.gettext("Subscribe")),
                            subscription=block, email=email, errors=errors or [], action=pages.url("/subscribe"),
                            subscriber=subscriber_values or {"name": "", "timezone": "Asia/Shanghai", "group_by": "zone",
                                                             "language": pages.language},
                            **_picker_context(pages.language), **context)

    def home(request: Request) -> Response:
        pages = Pages(request, _page_language(request))
        return subscribe_page(pages, "index.html.j2", title=pages.gettext("National high-tech zone monitor"),
                              latest=_one_per_event(latest_stories(pages, limit=LATEST)))

    async def subscribe(request: Request) -> Response:
        pages = Pages(request, _page_language(request))
        if not _state_changing(request):
            return subscribe_page(pages)
        client = request.client.host if request.client else "unknown"
        if not per_client.allow(client):
            response = pages.message(pages.gettext("Too many requests"), pages.gettext(
                "Too many subscription requests from your address. Please try again later."), 429)
            response.headers["Retry-After"] = str(per_client.retry_after(client))
            return response
        form = await _read_form(request)
        if form is None:
            return pages.bad_request()
        return await run_in_threadpool(subscribe_with, pages, form)

    def subscribe_with(pages: Pages, form: FormData) -> Response:
        """The database and SMTP work of a /subscribe POST (in the thread pool)."""
        read = read_subscription(form, "", pages.language)
        own, _edited, errors = read_subscriber(form, pages.language)
        errors = read.errors + errors
        email = _one(form, "email")
        try:
            email = canonical_address(email)
        except AddressError:
            errors.insert(0, pages.gettext("“%(email)s” is not an email address.") % {"email": email})
        language = own["language"] if own["language"] in LANGUAGES else pages.language
        filters = SubscriptionFilters(**read.changes)
        if errors:
            return subscribe_page(pages, status=400, values=read.values, subscriber_values=own, email=email,
                                  errors=errors)
        try:
            with Session(engine, expire_on_commit=False) as session:
                subscriber = find_subscriber(session, email)
                change, created = None, subscriber is None
                if subscriber is None:
                    subscriber, _ = add_subscriber(session, email, own["name"] or None, own["timezone"] or "Asia/Shanghai",
                                                   filters, confirmed=False, group_by=own["group_by"] or "zone",
                                                   language=language)
                # Anyone can type any address here: an address with a subscription (confirmed or waiting for its
                # owner) changes only through a link sent to that address, so a stranger's choices are kept
                # aside until then (and only when that email goes out: the per-address limit bounds them).
                throttled = not per_address.allow(address_key(subscriber.email))
                if not created and not throttled:
                    change = propose_change(session, subscriber, own["name"] or None, filters, CONFIRM_MAX_AGE,
                                            language=language)
        except ConfigError as exc:
            return subscribe_page(pages, status=400, values=read.values, subscriber_values=own, email=email,
                                  errors=[str(exc)])
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
            return pages.message(pages.gettext("Try again later"), pages.gettext(
                "We could not send the confirmation email just now. Please try again later."), 503)
        # The same answer whether or not the address was known: no way to probe who subscribes.
        return pages.message(pages.gettext("Check your inbox"),
                             pages.gettext("We sent you an email with a link to confirm your subscription."))

    def confirm(request: Request) -> Response:
        token = request.path_params["token"]
        subscriber = subscriber_for(token, "confirm", CONFIRM_MAX_AGE)
        pages = Pages(request, _page_language(request, subscriber))
        if subscriber is None:
            return pages.invalid_link(pages.gettext("This link is not valid or has expired."))
        if not _state_changing(request):  # a page with a button: mail scanners open links, people press buttons
            return pages.message(pages.gettext("Confirm your subscription"),
                                 pages.gettext("Send zone-monitor digests to %(email)s?") % {"email": subscriber.email},
                                 form_action=pages.url(f"/confirm/{token}"), button=pages.gettext("Confirm"))
        with Session(engine) as session:
            row = session.get(Subscriber, subscriber.id)
            assert row is not None
            if not row.confirmed:
                row.confirmed, row.confirmed_at = True, utcnow()
            if row.status == "unsubscribed":
                row.status = "active"
            session.add(row)
            session.commit()
        assert subscriber.id is not None
        return pages.message(pages.gettext("Subscription confirmed"),
                             pages.gettext("Thank you: your digests will start with the next period."),
                             link=pages.url(f"/manage/{make_token(key, 'manage', subscriber.id)}"),
                             link_text=pages.gettext("Choose what you receive"))

    def change(request: Request) -> Response:
        token = request.path_params["token"]
        change_id = read_token(key, "change", token, max_age=CONFIRM_MAX_AGE)
        with Session(engine, expire_on_commit=False) as session:
            proposed = session.get(SubscriptionChange, change_id) if change_id is not None else None
            subscriber = session.get(Subscriber, proposed.subscriber_id) if proposed is not None else None
            pages = Pages(request, _page_language(request, subscriber))
            if proposed is None or subscriber is None:
                return pages.invalid_link(pages.gettext("This link is not valid, has expired, or was used already."))
            if not _state_changing(request):
                return pages.message(pages.gettext("Confirm the change"), pages.gettext(
                    "Apply these choices to the subscription of %(email)s?") % {"email": subscriber.email},
                    details=describe_filters(change_filters(proposed), pages.language, free_text=True),
                    form_action=pages.url(f"/change/{token}"), button=pages.gettext("Apply"))
            apply_change(session, proposed)
        return pages.message(pages.gettext("Subscription saved"), pages.gettext("Your subscription was updated."))

    def unsubscribe(request: Request) -> Response:
        token = request.path_params["token"]
        subscriber = subscriber_for(token, "unsubscribe")
        pages = Pages(request, _page_language(request, subscriber))
        if subscriber is None:
            return pages.invalid_link()
        if not _state_changing(request):  # a page, so that link scanners cannot unsubscribe anyone
            return pages.message(pages.gettext("Unsubscribe"),
                                 pages.gettext("Stop sending digests to %(email)s?") % {"email": subscriber.email},
                                 form_action=pages.url(f"/unsubscribe/{token}"), button=pages.gettext("Unsubscribe"))
        # a POST, from the page's button or an RFC 8058 one-click (List-Unsubscribe=One-Click): whatever its body
        with Session(engine) as session:
            row = session.get(Subscriber, subscriber.id)
            assert row is not None
            row.status = "unsubscribed"
            session.add(row)
            session.commit()
        return pages.message(pages.gettext("Unsubscribed"), pages.gettext("You will receive no more digests."))

    async def manage(request: Request) -> Response:
        posted = _state_changing(request)
        form = await _read_form(request) if posted else None
        return await run_in_threadpool(manage_with, request, posted, form)

    def manage_page(pages: Pages, token: str, subscriber: Subscriber, status: int = 200,
                    blocks: list[dict[str, Any]] | None = None, own: dict[str, str] | None = None,
                    own_shown: dict[str, str] | None = None, errors: list[str] | None = None,
                    notice: str | None = None) -> HTMLResponse:
        assert subscriber.id is not None
        if blocks is None:
            with Session(engine) as session:
                blocks = [_subscription_block(f"s{sid}", form_values(filters), sid)
                          for sid, filters in subscriptions_of(session, subscriber)]
        stored = subscriber_values(subscriber.name, subscriber.timezone, subscriber.group_by, subscriber.language)
        # each subscription's own signed Atom feed (what it matches, for a feed reader)
        blocks = [block | {"feed_url": subscription_feed_url(settings, block["id"])} if block.get("id") else block
                  for block in blocks]
        feeds = [block["feed_url"] for block in blocks if block.get("feed_url")]
        return pages.render("manage.html.j2", status=status, title=pages.gettext("Your subscriptions"),
                            feed_url=feeds[0] if feeds else None,
                            email=subscriber.email, subscriptions=blocks, subscriber=own or stored,
                            subscriber_orig=json.dumps(own_shown or stored, ensure_ascii=False),
                            errors=errors or [], notice=notice, action=pages.url(f"/manage/{token}"),
                            unsubscribe_url=pages.url(f"/unsubscribe/{make_token(key, 'unsubscribe', subscriber.id)}"),
                            **_picker_context(pages.language))

    def manage_with(request: Request, posted: bool, form: FormData | None) -> Response:
        """The database work of /manage (in the thread pool): the page, or saving the posted ``form`` (None when
        it held something other than text)."""
        token = request.path_params["token"]
        subscriber = subscriber_for(token, "manage")
        pages = Pages(request, _page_language(request, subscriber))
        if subscriber is None:
            return pages.invalid_link()
        if not posted:
            return manage_page(pages, token, subscriber)
        if form is None:
            return pages.bad_request()
        with Session(engine, expire_on_commit=False) as session:
            row = session.get(Subscriber, subscriber.id)
            assert row is not None
            if "remove" in form or "add" in form:  # the small forms beside each subscription
                removed = frozenset(int(v) for v in form.get("remove", []) if v.isdigit())
                edit_subscriptions(session, row, {}, removed=removed,
                                   added=(SubscriptionFilters(),) if "add" in form else ())
                notice = pages.gettext("Subscription removed.") if removed else pages.gettext(
                    "Subscription added: choose what it sends you below.")
                return manage_page(pages, token, row, notice=notice)
            own_shown = shown_values(_one(form, "orig"))
            ids = [int(v) for v in form.get("subscription", []) if v.isdigit()]
            shown = {sid: shown_values(_one(form, f"s{sid}-orig")) for sid in ids}
            if own_shown is None or any(value is None for value in shown.values()):
                return pages.bad_request(pages.gettext("This form is incomplete: open the page again."))
            own, own_edits, errors = read_subscriber(form, pages.language, own_shown)
            blocks, edits = [], {}
            for sid in ids:
                read = read_subscription(form, f"s{sid}", pages.language, shown[sid])
                errors += read.errors
                edits[sid] = read.changes
                blocks.append(_subscription_block(f"s{sid}", read.values, sid, shown[sid]))
            if errors:
                return manage_page(pages, token, row, 400, blocks, own, own_shown, errors)  # type: ignore[arg-type]
            try:
                edit_subscriber(session, row, own_edits)
                edit_subscriptions(session, row, edits)
            except ConfigError as exc:
                session.rollback()
                return manage_page(pages, token, row, 400, blocks, own, own_shown, [str(exc)])  # type: ignore[arg-type]
        if "language" in own_edits and "lang" not in request.query_params:
            pages = Pages(request, row.language)
        return manage_page(pages, token, row, notice=pages.gettext("Your subscription was updated."))

    def digest_page(request: Request) -> Response:
        from monitor.digest.article_ids import unpack_ids
        from monitor.digest.delivery import build_for
        from monitor.digest.matching import load_candidates

        pages = Pages(request, _page_language(request))
        digest_id = read_token(key, "digest", request.path_params["token"])
        if digest_id is None:
            return pages.invalid_link()
        with Session(engine) as session:
            record = session.get(DigestRecord, digest_id)
            subscriber = session.get(Subscriber, record.subscriber_id) if record and record.subscriber_id else None
            if record is None or subscriber is None:
                return pages.message(pages.gettext("Not found"), pages.gettext("This digest no longer exists."), 404)
            ids = unpack_ids(record.article_ids) if record.article_ids else []
            digest = build_for(settings, subscriber, load_candidates(session, load_gazetteer(), ids=ids), digest_id)
        return HTMLResponse(digest.html)

    def archive(request: Request) -> Response:
        pages = Pages(request, _page_language(request))
        query = {name: request.query_params.get(name, "").strip() for name in ("zone", "province", "topic", "type", "q")}
        page_text = request.query_params.get("page", "1")
        if any(_bad_text(value) for value in (*query.values(), page_text)):
            return pages.bad_request()
        page = int(page_text) if page_text.isdigit() and 0 < int(page_text) < 100_000 else 1
        gazetteer, offered, errors = load_gazetteer(), choices(), []
        zones: tuple[str, ...] = ()
        if query["zone"]:
            found = gazetteer.find(query["zone"])
            if found is None:
                errors.append(pages.gettext("Unknown zone “%(name)s”: choose zones from the list (search by name or "
                                            "alias).") % {"name": query["zone"]})
            else:
                zones = (found.id,)
        if query["province"]:
            if query["province"] not in offered.provinces:
                errors.append(pages.gettext("Unknown %(what)s: %(values)s. Valid choices: %(valid)s.") % {
                    "what": pages.gettext("provinces"), "values": query["province"],
                    "valid": "、".join(offered.provinces)})
            in_province = tuple(z.id for z in gazetteer.zones if z.province == query["province"])
            zones = tuple(z for z in zones if z in in_province) if zones else in_province
            zones = zones or ("-",)  # a zone outside the province: nothing matches
        topic_ids = {topic_id for topic_id, _zh, _en in offered.topics}
        if query["topic"] and query["topic"] not in topic_ids:
            errors.append(pages.gettext("Unknown %(what)s: %(values)s. Valid choices: %(valid)s.") % {
                "what": pages.gettext("topics"), "values": query["topic"],
                "valid": "、".join(label for _id, label in _picker_context(pages.language)["topics"])})
        if query["type"] and query["type"] not in CONTENT_TYPES:
            errors.append(pages.gettext("Unknown %(what)s: %(values)s. Valid choices: %(valid)s.") % {
                "what": pages.gettext("content types"), "values": query["type"],
                "valid": "、".join(label for _c, label in _picker_context(pages.language)["types"])})
        items: list[dict[str, Any]] = []
        if not errors:
            items = latest_stories(pages, zones=zones, topics=(query["topic"],) if query["topic"] else (),
                                   content_types=(query["type"],) if query["type"] else (), text=query["q"] or None,
                                   limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
        more = len(items) > PAGE_SIZE
        return pages.render("archive.html.j2", status=400 if errors else 200, title=pages.gettext("Archive"),
                            items=_one_per_event(items[:PAGE_SIZE]), query=query, errors=errors, page=page,
                            previous_url=pages.url("/archive", **query, page=page - 1) if page > 1 else None,
                            next_url=pages.url("/archive", **query, page=page + 1) if more else None,
                            zone_names=[z.full_name for z in gazetteer.zones], **_picker_context(pages.language),
                            feed_url=zone_feed_path(zones[0]) if len(zones) == 1 and zones[0] != "-" else LATEST_FEED_PATH)

    async def healthz(_request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[
        Route("/", home, methods=["GET"]),
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
