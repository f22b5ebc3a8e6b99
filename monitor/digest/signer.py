"""DKIM signing of outgoing mail (dkimpy), when MONITOR_DKIM_* name a key (settings.read_dkim_key checks them).

A signature covers exact bytes, so a signed message is flattened once, here, and those bytes are what the
mailer sends (or writes to the outbox): letting smtplib flatten the message again could choose another
MIME boundary or fold a header differently, and break the signature. Canonicalization is relaxed/relaxed
(survives the re-folding and whitespace changes relays make); rsa-sha256; the headers signed are dkimpy's
recommended set that the message has (From, To, Subject, Date, Message-ID, the MIME and List-* headers).
"""

from __future__ import annotations

from email.message import EmailMessage

import dkim

from monitor.digest.wire import WireEmail
from monitor.settings import DkimKey

__all__ = ["DkimSigner", "flatten", "is_international"]


def is_international(message: EmailMessage) -> bool:
    """Whether an address of the message is not ASCII (it then needs SMTPUTF8), as smtplib's send_message decides."""
    addresses = [address.addr_spec for name in ("From", "Sender", "To")
                 for address in getattr(message.get(name), "addresses", ())]
    return not all(address.isascii() for address in addresses)


def flatten(message: EmailMessage) -> bytes:
    """The message as it goes on the wire: CRLF line ends; UTF-8 headers only when an address needs them
    (SMTPUTF8), as smtplib's send_message would write it."""
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n", utf8=is_international(message)))


class DkimSigner:
    def __init__(self, key: DkimKey) -> None:
        self.key = key

    def sign(self, message: EmailMessage | WireEmail) -> bytes:
        """The flattened message (a WireEmail's bytes as they are) with a DKIM-Signature header in front of it."""
        data = message.data if isinstance(message, WireEmail) else flatten(message)
        signature = dkim.sign(data, self.key.selector.encode(), self.key.domain.encode(), self.key.private_key,
                              canonicalize=(b"relaxed", b"relaxed"), linesep=b"\r\n")
        return signature + data
