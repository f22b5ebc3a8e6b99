"""Mailers: deliver a built Digest as one multipart/alternative email, via SMTP or to an outbox folder."""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from monitor.errors import ConfigError, DeliveryError, PermanentDeliveryError
from monitor.items import Digest
from monitor.timefmt import utcnow

__all__ = ["Mailer", "OutboxMailer", "SmtpMailer", "build_message", "new_message_id", "make_mailer", "recipient"]


def new_message_id(domain: str = "zone-monitor.invalid") -> str:
    return make_msgid(domain=domain)


def recipient(name: str | None, email: str) -> str:
    """A To header for a subscriber. Their name is one line: with a CR or LF in it the email package refuses
    the header (ValueError), and one such name stopped every digest or confirmation sent to that address."""
    return formataddr((" ".join((name or "").split()), email))


def build_message(digest: Digest, *, sender: str, message_id: str, unsubscribe_url: str,
                  list_id: str = "zone-monitor digests <digest.zone-monitor.invalid>") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient(digest.to_name, digest.to_email)
    message["Subject"] = digest.subject  # EmailMessage encodes non-ASCII per RFC 2047
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    message["List-Id"] = list_id
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # base64 rather than the package's choice (often quoted-printable for CJK): shorter for Chinese text,
    # several times faster to encode, and safe for lines of any length
    message.set_content(digest.text, charset="utf-8", cte="base64")
    message.add_alternative(digest.html, subtype="html", charset="utf-8", cte="base64")
    return message


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


class OutboxMailer:
    """Writes each email as an .eml file named by its Message-ID (written atomically, rewritten harmlessly)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, message: EmailMessage) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in str(message["Message-ID"]).strip("<>"))
        return self.folder / f"{safe}.eml"

    def send(self, message: EmailMessage) -> None:
        target = self.path_for(message)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(message.as_bytes())
        os.replace(tmp, target)

    def close(self) -> None:
        pass


class SmtpMailer:
    """One SMTP connection for a batch of messages. URL: smtp[s]://user:pass@host:port[?starttls=1]."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ConfigError(f"MONITOR_SMTP_URL must look like smtp://user:pass@host:port, got {url!r}")
        self.host, self.port = parts.hostname, parts.port or (465 if parts.scheme == "smtps" else 25)
        self.tls = parts.scheme == "smtps"
        self.starttls = parse_qs(parts.query).get("starttls", ["0"])[0] in ("1", "true", "yes")
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout
        self._conn: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        if self._conn is None:
            try:
                if self.tls:
                    conn: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                                          context=ssl.create_default_context())
                else:
                    conn = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
                    if self.starttls:
                        conn.starttls(context=ssl.create_default_context())
                if self.user:
                    conn.login(self.user, self.password or "")
            except (OSError, smtplib.SMTPException) as exc:
                raise DeliveryError(f"cannot connect to SMTP server {self.host}:{self.port}: {exc}") from exc
            self._conn = conn
        return self._conn

    def send(self, message: EmailMessage) -> None:
        """Send one message; a 5xx for the recipient is permanent, anything else is worth retrying."""
        conn = self._connect()
        try:
            refused = conn.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            error = PermanentDeliveryError if codes and min(codes) >= 500 else DeliveryError
            raise error(f"recipient refused: {exc.recipients}") from exc
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            self._reset()
            error = PermanentDeliveryError if exc.smtp_code >= 500 else DeliveryError
            raise error(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            self._conn = None  # the connection is gone: the next message reconnects
            raise DeliveryError(f"SMTP send failed: {exc}") from exc
        if refused:
            raise PermanentDeliveryError(f"recipient refused: {refused}")

    def _reset(self) -> None:
        try:
            if self._conn is not None:
                self._conn.rset()
        except (OSError, smtplib.SMTPException):
            self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self._conn = None


def make_mailer(smtp_url: str | None, outbox: Path) -> Mailer:
    return SmtpMailer(smtp_url) if smtp_url else OutboxMailer(outbox)
