"""The web app's emails to one subscriber, in the subscriber's language: the double opt-in link, and the link that
applies what a form asked for an address that has a subscription already. (`digest/messages.py` writes them
out; this module says what they say.)"""

from __future__ import annotations

from monitor.digest.mailer import mailer_for
from monitor.digest.messages import build_email, recipient
from monitor.digest.subscribers import SubscriptionFilters, change_filters
from monitor.digest.tokens import signed_link
from monitor.i18n import language_or_default, translator
from monitor.settings import Settings
from monitor.store.models import Subscriber, SubscriptionChange
from monitor.tag.gazetteer import load_gazetteer
from monitor.tag.topics import load_taxonomy
from monitor.web.forms import type_label

__all__ = ["send_confirmation", "send_change_link", "describe_filters"]


def _mail(settings: Settings, subscriber: Subscriber, subject: str, text: str) -> None:
    """One plain-text email to a subscriber (double opt-in, change link)."""
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
    t = translator(subscriber.language)
    link = signed_link(settings.base_url, settings.secret_key, "confirm", subscriber.id)
    _mail(settings, subscriber, t.gettext("Confirm your zone-monitor subscription"),
          t.gettext("Please confirm your subscription to zone-monitor digests:") + f"\n{link}\n\n"
          + t.gettext("If you did not ask for it, ignore this email: nothing will be sent.") + "\n")


def describe_filters(filters: SubscriptionFilters, language: str, free_text: bool) -> list[str]:
    """What a subscription asks for, one line per group that is not 'any'. In an email (free_text False) the
    values anyone could type (provinces, topics, keywords) are only counted: the form must not let a stranger
    put their own words into an email sent from this service to any address. Zones, provinces, topics and types
    are checked against the pickers' choices and shown by name."""
    t = translator(language)
    gazetteer, taxonomy, english = load_gazetteer(), load_taxonomy(), language_or_default(language) == "en"
    zones = tuple(zone.full_name if (zone := gazetteer.get(z)) else z for z in filters.zones)
    topics = tuple((topic.en if english else topic.zh) if (topic := taxonomy.get(x)) else x for x in filters.topics)
    frequency = {"immediate": t.gettext("immediately"), "daily": t.gettext("daily"),
                 "weekly": t.gettext("weekly")}.get(filters.frequency, filters.frequency)
    lines = [t.gettext("Frequency: %(frequency)s, at %(hour)s:00") % {"frequency": frequency, "hour": filters.hour}]
    groups = ((t.gettext("Zones"), zones, False), (t.gettext("Provinces"), filters.provinces, False),
              (t.gettext("Topics"), topics, False), (t.gettext("Keywords"), filters.keywords, True),
              (t.gettext("Content types"), tuple(type_label(v, t) for v in filters.types), False))
    for label, values, typed in groups:
        if values:
            lines.append(f"{label}: {'、'.join(values) if free_text or not typed else len(values)}")
    return lines


def send_change_link(settings: Settings, subscriber: Subscriber, change: SubscriptionChange) -> None:
    """The answer to /subscribe for an address that has a subscription already (confirmed or not): nothing is
    changed; the link that applies what the form asked is sent to that address only (and, when it is confirmed,
    its manage link)."""
    assert subscriber.id is not None and change.id is not None
    t = translator(subscriber.language)
    base, key = settings.base_url, settings.secret_key
    choices = "\n".join(f"  {line}" for line in describe_filters(change_filters(change), subscriber.language, False))
    apply = (t.gettext("Nothing has changed yet. To apply them and receive digests again, open:")
             if subscriber.status == "unsubscribed" else t.gettext("Nothing has changed yet. To apply them, open:"))
    text = (t.gettext("Someone, probably you, asked to subscribe this address to zone-monitor digests with these "
                      "choices:") + f"\n{choices}\n\n{apply}\n{signed_link(base, key, 'change', change.id)}\n")
    if subscriber.confirmed:
        text += "\n" + t.gettext("To see or change what you receive now, open:") + \
            f"\n{signed_link(base, key, 'manage', subscriber.id)}\n"
    text += "\n" + t.gettext("If you did not ask for it, ignore this email: nothing will change.") + "\n"
    _mail(settings, subscriber, t.gettext("Your zone-monitor subscription"), text)
