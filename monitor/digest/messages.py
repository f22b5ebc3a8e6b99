"""Every email the project sends is built here: the digests, the web app's confirmation and change-link
emails, and the operators' alerts (source health, digests a run gave up on). Senders say what a message
says; this module decides how it is written:

- From, To, Subject, Date (now, in UTC) and Message-ID on every message; List-Id, List-Unsubscribe and
  List-Unsubscribe-Post (RFC 8058 one-click) on the messages of a list (the digests);
- a subscriber's To header from their canonical address, their name on one line (``recipient``);
- the body as UTF-8 text in base64, with an HTML alternative when there is one. base64 rather than
  the email package's choice (often quoted-printable for CJK): shorter for Chinese text, several times
  faster to encode, and safe for lines of any length.

Header values are set through the email package, which encodes non-ASCII per RFC 2047 and refuses a
CR or LF in a header, so no scraped or typed text can add a header.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from monitor.addresses import AddressError, canonical_address
from monitor.digest.wire import WireEmail, digest_wire
from monitor.errors import PermanentDeliveryError
from monitor.items import Digest
from monitor.timefmt import utcnow

__all__ = ["DIGEST_LIST_ID", "MailingList", "build_email", "digest_email", "digest_wire_email", "new_message_id", "recipient"]

MESSAGE_ID_DOMAIN = "zone-monitor.invalid"
DIGEST_LIST_ID = "zone-monitor digests <digest.zone-monitor.invalid>"


def new_message_id(domain: str = MESSAGE_ID_DOMAIN) -> str:
    return make_msgid(domain=domain)


def recipient(name: str | None, email: str) -> str:
    """A To header for a subscriber, with their canonical address. Their name is one line: with a CR or LF in it
    the email package refuses the header (ValueError), and one such name stopped every digest or confirmation
    sent to that address. An address stored before addresses were checked strictly, that is no plain address
    (``root(x@y.z)``), is refused for good rather than sent wherever a mail library's parser would take it."""
    try:
        address = canonical_address(email)
    except AddressError as exc:
        raise PermanentDeliveryError(f"not sent: {exc}") from None
    return formataddr((" ".join((name or "").split()), address))


@dataclass(frozen=True, slots=True)
class MailingList:
    """What makes a message one of a list: its id, and the link that leaves it in one click."""

    unsubscribe_url: str
    list_id: str = DIGEST_LIST_ID


def _headers(sender: str, to: str, subject: str, message_id: str | None,
             mailing_list: MailingList | None) -> list[tuple[str, str]]:
    """The headers of every email, in their order (build_email and digest_wire write these)."""
    headers = [("From", sender), ("To", to), ("Subject", subject), ("Date", format_datetime(utcnow())),
               ("Message-ID", message_id or new_message_id())]
    if mailing_list is not None:
        headers += [("List-Id", mailing_list.list_id), ("List-Unsubscribe", f"<{mailing_list.unsubscribe_url}>"),
                    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
    return headers


def build_email(*, sender: str, to: str, subject: str, text: str, html: str | None = None,
                message_id: str | None = None, mailing_list: MailingList | None = None) -> EmailMessage:
    """One email: ``to`` is the To header (``recipient(...)`` for a subscriber, or a comma-separated list of
    plain addresses); a new Message-ID unless one is given (a resent digest keeps its own)."""
    message = EmailMessage()
    for name, value in _headers(sender, to, subject, message_id, mailing_list):
        message[name] = value
    message.set_content(text, charset="utf-8", cte="base64")
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8", cte="base64")
    return message


def digest_email(digest: Digest, *, sender: str, message_id: str, unsubscribe_url: str,
                 list_id: str = DIGEST_LIST_ID) -> EmailMessage:
    """A built digest as one multipart/alternative email (text and HTML) of the digest list."""
    return build_email(sender=sender, to=recipient(digest.to_name, digest.to_email), subject=digest.subject,
                       text=digest.text, html=digest.html, message_id=message_id,
                       mailing_list=MailingList(unsubscribe_url, list_id))


def digest_wire_email(digest: Digest, *, sender: str, message_id: str, unsubscribe_url: str,
                      list_id: str = DIGEST_LIST_ID, boundary: str | None = None) -> WireEmail:
    """``digest_email`` written straight to the bytes smtplib would send for it (``wire.digest_wire``: the same
    message, ~20 times faster); what a digest run sends. ``boundary``: the MIME boundary, random unless given."""
    headers = _headers(sender, recipient(digest.to_name, digest.to_email), digest.subject, message_id,
                       MailingList(unsubscribe_url, list_id))
    return digest_wire(headers, digest.text, digest.html, boundary=boundary)
