"""Alert emails to the operators (MONITOR_ALERT_EMAILS): the digests a run gave up on (``alert_undelivered``),
and the message building and sending that the source-health alerts of the service use too."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from typing import TYPE_CHECKING

from monitor.digest.mailer import Mailer, mailer_for
from monitor.digest.messages import build_email
from monitor.errors import MonitorError
from monitor.settings import Settings

if TYPE_CHECKING:
    from monitor.digest.delivery import Undelivered

__all__ = ["alert_message", "alert_recipients", "alert_undelivered", "send_alert"]

log = logging.getLogger(__name__)


def alert_recipients(settings: Settings) -> list[str]:
    return [a.strip() for a in settings.alert_emails.split(",") if a.strip()]


def alert_message(settings: Settings, recipients: list[str], subject: str, text: str) -> EmailMessage:
    return build_email(sender=settings.mail_from, to=", ".join(recipients), subject=subject, text=text)


def send_alert(settings: Settings, mailer_factory: Callable[[], Mailer], message: EmailMessage) -> bool:
    mailer = mailer_factory()
    try:
        mailer.send(message)
        return True
    except (MonitorError, OSError) as exc:
        log.error("cannot send the alert email %r: %s", message["Subject"], exc)
        return False
    finally:
        mailer.close()


def alert_undelivered(settings: Settings, given_up: Sequence[Undelivered],
                      mailer_factory: Callable[[], Mailer] | None = None) -> bool:
    """Tell the operators (MONITOR_ALERT_EMAILS) of the digests a run gave up on; True when the email went out.

    Each digest is given up on once (its delivery becomes 'abandoned'), so each is in one alert; when the
    alert cannot be sent the run's exit code 1 and `monitor digest status` still show it.
    """
    for item in given_up:
        log.error("digest %s %s for %s given up (%s): %s", item.frequency, item.period, item.email, item.message_id,
                  item.reason)
    recipients = alert_recipients(settings)
    if not given_up or not recipients:
        return False
    count = len(given_up)
    body = (f"{count} digest{'s' if count != 1 else ''} could not be delivered and will not be sent again "
            "automatically:\n\n"
            + "\n".join(f"- {g.email}: {g.frequency} {g.period}, Message-ID {g.message_id}\n  {g.reason}" for g in given_up)
            + "\n\nSee `monitor digest status` for every period's undelivered addresses.\n")
    make = mailer_factory or (lambda: mailer_for(settings))
    return send_alert(settings, make, alert_message(settings, recipients,
                                                    f"[zone-monitor] {count} digest{'s' if count != 1 else ''} not delivered", body))
