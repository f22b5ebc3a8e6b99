"""Mailers: deliver built emails (messages.py builds every one), via SMTP or to an outbox folder, signed with
DKIM when a key is configured (signer.py). ``mailer_for(settings)`` is the one way the project makes a mailer."""

from __future__ import annotations

import os
import smtplib
import ssl
import threading
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from monitor.digest.signer import DkimSigner, is_international
from monitor.digest.wire import WireEmail, check_recipients
from monitor.errors import ConfigError, DeliveryError, PermanentDeliveryError, UncertainDeliveryError
from monitor.settings import Settings, read_dkim_key

__all__ = ["Mailer", "OutboxMailer", "SmtpMailer", "envelope_recipients", "make_mailer", "mailer_for"]


def envelope_recipients(message: EmailMessage | WireEmail) -> list[str]:
    """The SMTP envelope of a message: the addresses of its To header, each of which must be one canonical
    plain address (smtplib would otherwise parse RFC 5322 comments and groups into other recipients); a
    WireEmail's were checked so when it was written."""
    if isinstance(message, WireEmail):
        return list(message.recipients)
    header = message["To"]
    addresses = [address.addr_spec for address in getattr(header, "addresses", ())]
    check_recipients(addresses or [str(header)])
    return addresses


class Mailer(Protocol):
    """``send`` one message (an EmailMessage, or a WireEmail: a digest already written as bytes), ``close`` at
    the end of a run. A mailer with a ``connections`` attribute above 1
    takes that many ``send`` calls at once, from as many threads (the digest run sends so); one without it is
    called from one thread at a time."""

    def send(self, message: EmailMessage | WireEmail) -> None: ...

    def close(self) -> None: ...


class OutboxMailer:
    """Writes each email as an .eml file named by its Message-ID (written atomically, rewritten harmlessly)."""

    def __init__(self, folder: Path, signer: DkimSigner | None = None) -> None:
        self.folder = folder
        self.signer = signer
        folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, message: EmailMessage | WireEmail) -> Path:
        message_id = message.message_id if isinstance(message, WireEmail) else str(message["Message-ID"])
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in message_id.strip("<>"))
        return self.folder / f"{safe}.eml"

    def send(self, message: EmailMessage | WireEmail) -> None:
        target = self.path_for(message)
        tmp = target.with_suffix(".tmp")
        if self.signer:
            data = self.signer.sign(message)
        elif isinstance(message, WireEmail):  # as as_bytes() writes it: LF line ends (the body is base64)
            data = message.data.replace(b"\r\n", b"\n")
        else:
            data = message.as_bytes()
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def close(self) -> None:
        pass


class _NotesData:
    """Notes that the DATA stage began: a connection lost from there on may follow a message the server took."""

    data_begun = False

    def data(self, msg: bytes | str) -> tuple[int, bytes]:
        self.data_begun = True
        return super().data(msg)  # type: ignore[misc]


class _Smtp(_NotesData, smtplib.SMTP):
    pass


class _SmtpSsl(_NotesData, smtplib.SMTP_SSL):
    pass


class SmtpMailer:
    """Up to `connections` SMTP connections, opened as needed and kept for a run's messages; `send` may be
    called from that many threads at once, each send on a connection of its own.
    URL: smtp[s]://user:pass@host:port[?starttls=1]."""

    def __init__(self, url: str, timeout: float = 30.0, signer: DkimSigner | None = None, connections: int = 1) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ConfigError(f"MONITOR_SMTP_URL must look like smtp://user:pass@host:port, got {url!r}")
        if connections < 1:
            raise ConfigError(f"MONITOR_SMTP_CONNECTIONS must be 1 or more, got {connections}")
        self.host, self.port = parts.hostname, parts.port or (465 if parts.scheme == "smtps" else 25)
        self.tls = parts.scheme == "smtps"
        self.starttls = parse_qs(parts.query).get("starttls", ["0"])[0] in ("1", "true", "yes")
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout
        self.signer = signer
        self.connections = connections
        self._slots = threading.BoundedSemaphore(connections)
        self._idle: list[_Smtp | _SmtpSsl] = []  # open connections no send is using
        self._lock = threading.Lock()

    def _connect(self) -> _Smtp | _SmtpSsl:
        try:
            if self.tls:
                conn: _Smtp | _SmtpSsl = _SmtpSsl(self.host, self.port, timeout=self.timeout,
                                                  context=ssl.create_default_context())
            else:
                conn = _Smtp(self.host, self.port, timeout=self.timeout)
                if self.starttls:
                    conn.starttls(context=ssl.create_default_context())
            if self.user:
                conn.login(self.user, self.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"cannot connect to SMTP server {self.host}:{self.port}: {exc}") from exc
        return conn

    def send(self, message: EmailMessage | WireEmail) -> None:
        """Send one message; a 5xx for the recipient is permanent, anything else is worth retrying.

        A connection lost (or a timeout) once the message's data was on its way raises
        UncertainDeliveryError: the server may have taken the message without our hearing its reply.
        """
        to_addrs = envelope_recipients(message)  # before connecting: a refused address costs no connection
        with self._slots:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            conn = conn or self._connect()
            if self._send_on(conn, message, to_addrs):
                with self._lock:
                    self._idle.append(conn)

    def _send_on(self, conn: _Smtp | _SmtpSsl, message: EmailMessage | WireEmail, to_addrs: list[str]) -> bool:
        """Send on one connection; returns whether the connection can be used again (or raises)."""
        conn.data_begun = False
        try:
            if isinstance(message, WireEmail):  # the bytes send_message would have written, as they are
                options = ("SMTPUTF8", "BODY=8BITMIME") if message.international else ()
                data = self.signer.sign(message) if self.signer else message.data
                refused = conn.sendmail(message.sender, to_addrs, data, options)
            elif self.signer is None:
                refused = conn.send_message(message, to_addrs=to_addrs)
            else:  # the signed bytes as they are: flattened again they might no longer match the signature
                options = ("SMTPUTF8", "BODY=8BITMIME") if is_international(message) else ()
                refused = conn.sendmail(_sender_address(message), to_addrs, self.signer.sign(message), options)
        except smtplib.SMTPRecipientsRefused as exc:
            with self._lock:
                self._idle.append(conn)  # smtplib reset the transaction: the connection serves the next message
            codes = [code for code, _ in exc.recipients.values()]
            error = PermanentDeliveryError if codes and min(codes) >= 500 else DeliveryError
            raise error(f"recipient refused: {exc.recipients}") from exc
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            if _reset(conn):
                with self._lock:
                    self._idle.append(conn)
            error = PermanentDeliveryError if exc.smtp_code >= 500 else DeliveryError
            raise error(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            # the connection is gone (not put back): the next message opens another
            if conn.data_begun:
                raise UncertainDeliveryError(f"SMTP connection lost after the message was sent, "
                                             f"before the server's answer: {exc}") from exc
            raise DeliveryError(f"SMTP send failed: {exc}") from exc
        if refused:
            with self._lock:
                self._idle.append(conn)
            raise PermanentDeliveryError(f"recipient refused: {refused}")
        return True

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                pass


def _reset(conn: _Smtp | _SmtpSsl) -> bool:
    """RSET after a refused transaction; False when the connection did not survive it."""
    try:
        conn.rset()
        return True
    except (OSError, smtplib.SMTPException):
        return False


def _sender_address(message: EmailMessage) -> str:
    header = message["Sender"] or message["From"]
    addresses = getattr(header, "addresses", ())
    return addresses[0].addr_spec if addresses else ""


def make_mailer(smtp_url: str | None, outbox: Path, signer: DkimSigner | None = None, connections: int = 1) -> Mailer:
    return SmtpMailer(smtp_url, signer=signer, connections=connections) if smtp_url else OutboxMailer(outbox, signer)


def mailer_for(settings: Settings) -> Mailer:
    """The mailer the settings ask for: SMTP (MONITOR_SMTP_URL) or the outbox, signing when a DKIM key is set."""
    key = read_dkim_key(settings)
    return make_mailer(settings.smtp_url, settings.outbox, DkimSigner(key) if key else None, settings.smtp_connections)
