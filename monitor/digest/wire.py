"""A digest email written straight to the bytes SMTP sends, without the email package's message tree.

Building an ``EmailMessage`` and flattening it cost ~6–10 ms per digest (the base64 body encoded line by
line in Python, the generator walking the tree): at 10,000 subscribers a minute of CPU, most of a run's
build (issue 23). ``digest_wire`` writes the same message by hand: the headers are the ones
``messages.digest_headers`` lists, each folded by the email package's own header classes (RFC 2047 for
Chinese names and subjects; a subject or sender shared by many subscribers is folded once), the bodies
base64-encoded in C, the MIME frame written from a template. The bytes are those ``smtplib`` would send for
``messages.digest_email`` flattened with the same boundary (tests/test_wire.py compares them byte for
byte, and parses them back with the stdlib parser).
"""

from __future__ import annotations

import binascii
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesParser
from functools import lru_cache

from monitor.addresses import AddressError, canonical_address
from monitor.errors import PermanentDeliveryError

__all__ = ["WireEmail", "check_recipients", "digest_wire", "new_boundary"]

_CRLF = b"\r\n"
# The policies smtplib's send_message flattens with: ASCII headers, or UTF-8 ones when an address needs SMTPUTF8.
_WIRE = {
    False: email_policy.default.clone(linesep="\r\n"),
    True: email_policy.default.clone(linesep="\r\n", utf8=True),
}
_BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))  # as email.generator makes them


@dataclass(frozen=True, slots=True)
class WireEmail:
    """A message as it goes on the wire (CRLF line ends), with its SMTP envelope. Mailers send ``data`` as it
    is; ``message()`` parses it back for whoever needs the headers."""

    data: bytes
    sender: str  # the envelope sender: the From header's address
    recipients: tuple[str, ...]
    message_id: str
    international: bool  # an address is not ASCII: the server must offer SMTPUTF8

    def message(self) -> EmailMessage:
        return BytesParser(policy=email_policy.default).parsebytes(self.data)  # type: ignore[return-value]


def check_recipients(addresses: Iterable[str]) -> None:
    """Each envelope recipient must be one canonical plain address: smtplib would otherwise parse RFC 5322
    comments and groups into other recipients."""
    for address in addresses:
        try:
            canonical = canonical_address(address)
        except AddressError as exc:
            raise PermanentDeliveryError(f"not sent: {exc}") from None
        if canonical != address:
            raise PermanentDeliveryError(
                f"not sent: the recipient {address!r} is not in its canonical form {canonical!r}"
            )


def new_boundary() -> str:
    """A MIME boundary of the shape email.generator gives (it cannot occur in a base64 body: no '-')."""
    return "=" * 15 + f"{random.randrange(sys.maxsize):0{_BOUNDARY_DIGITS}d}" + "=="


@lru_cache(maxsize=4096)
def _folded(name: str, value: str, utf8: bool) -> tuple[bytes, tuple[str, ...]]:
    """One header line(s) as the email package folds it, and the addresses it holds (for address headers).
    Cached: the sender, the list id, a subject shared by many digests, the date of a second."""
    header = email_policy.default.header_factory(name, value)
    addresses = tuple(a.addr_spec for a in getattr(header, "addresses", ()))
    return header.fold(policy=_WIRE[utf8]).encode("utf-8" if utf8 else "ascii", "surrogateescape"), addresses


def _body(text: str) -> bytes:
    """A text part's body as set_content(cte='base64') writes it: lines joined by LF, a final LF, base64 in
    lines of 76 characters (57 bytes), CRLF line ends."""
    data = b"\n".join(text.encode("utf-8").splitlines()) + b"\n"
    # 57 bytes make exactly 76 characters: the whole body encoded at once, then cut (base64.encodebytes
    # encodes line by line in Python, twice as slow)
    encoded = binascii.b2a_base64(data, newline=False)
    lines = [encoded[start : start + 76] for start in range(0, len(encoded), 76)]
    lines.append(b"")
    return _CRLF.join(lines)


def digest_wire(
    headers: list[tuple[str, str]], text: str, html: str, *, boundary: str | None = None
) -> WireEmail:
    """The multipart/alternative (text, HTML) email with these headers (``messages.digest_headers``, From and
    To among them), as BytesGenerator writes it for smtplib. ``boundary``: chosen at random unless given."""
    values = dict(headers)
    international = False
    addresses: dict[str, tuple[str, ...]] = {}
    for name in ("From", "To"):
        _line, found = _folded(name, values[name], False)
        addresses[name] = found
        international = international or not all(a.isascii() for a in found)
    recipients = addresses["To"]
    check_recipients(recipients)
    marker = boundary or new_boundary()
    out = [_folded(name, value, international)[0] for name, value in headers]
    out.append(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary="'
        + marker.encode()
        + b'"\r\n\r\n'
    )
    dashes = b"--" + marker.encode()
    out += [
        dashes,
        b'\r\nContent-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n',
        _body(text),
        _CRLF,
        dashes,
        b'\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n'
        b"MIME-Version: 1.0\r\n\r\n",
        _body(html),
        _CRLF,
        dashes,
        b"--\r\n",
    ]
    sender = addresses["From"][0] if addresses["From"] else ""
    return WireEmail(b"".join(out), sender, recipients, values["Message-ID"], international)
