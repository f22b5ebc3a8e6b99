"""Email addresses as zone-monitor accepts them: one plain addr-spec, ``local@domain``.

Anyone can type an address into /subscribe, and the same mailbox must not hide behind many
spellings: RFC 5322 lets ``victim@example.com(1)`` (a comment), ``Name <a@b.c>`` (a display
name), ``g: a@b.c;`` (a group) or ``"a b"@c.d`` (a quoted local part) all be addresses, and mail
libraries parse them into envelope recipients in their own ways (``root(x@y.z)`` is sent to the
local user ``root``). So only the dot-atom form is accepted, checked here once for every way an
address comes in (web form, CLI, settings), and what is stored, throttled and put in the SMTP
envelope is its canonical spelling.
"""

from __future__ import annotations

import re

from monitor.errors import ConfigError

__all__ = ["AddressError", "canonical_address", "address_key"]

# RFC 5322 atext without '%' and '!': both are legal, but relays may still read them as routes
# (user%host@relay, host!user) and send the message somewhere the address does not name.
_ATOM = r"[A-Za-z0-9#$&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
MAX_LOCAL, MAX_ADDRESS, MAX_DOMAIN = 64, 254, 253  # RFC 5321 limits (254: a path of 256 with its brackets)


class AddressError(ConfigError):
    """Text that is not one plain email address (local@domain)."""


def _ascii_domain(domain: str, shown: str) -> str:
    """The domain in lower-case A-labels (an internationalised name is converted with IDNA)."""
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise AddressError(f"{shown} is not an email address: its domain is not a valid domain name") from None
    domain = domain.lower()
    labels = domain.split(".")
    if len(domain) > MAX_DOMAIN or len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise AddressError(f"{shown} is not an email address: the part after @ must be a domain name like example.com")
    if labels[-1].isdigit():
        raise AddressError(f"{shown} is not an email address: an IP address is no mail domain here")
    return domain


def canonical_address(text: str) -> str:
    """The canonical spelling of one plain email address: the local part as given, the domain in lower case.

    Spaces and tabs around the address are dropped (browsers drop them from email fields too);
    anything else that is not exactly ``local@domain`` raises AddressError: comments, display
    names, groups, several addresses, quoted or non-ASCII local parts, a trailing dot, control
    characters, whitespace inside.
    """
    shown = repr(text[:80])
    address = text.strip(" \t")
    if not address.isprintable() or any(c.isspace() for c in address):
        raise AddressError(f"{shown} is not an email address: it contains spaces or control characters")
    if address.count("@") != 1:
        raise AddressError(f"{shown} is not an email address: give exactly one address, like name@example.com")
    local, _at, domain = address.partition("@")
    if not _LOCAL.fullmatch(local) or len(local) > MAX_LOCAL:
        raise AddressError(f"{shown} is not an email address: before the @ only letters, digits, dots (not at either "
                           f"end, never two in a row) and -_+=' and the like are accepted, at most {MAX_LOCAL}")
    canonical = f"{local}@{_ascii_domain(domain, shown)}"
    if len(canonical) > MAX_ADDRESS:
        raise AddressError(f"{shown} is not an email address: longer than {MAX_ADDRESS} characters")
    return canonical


def address_key(canonical: str) -> str:
    """What tells two subscribers apart: the canonical address without regard to case (people type their
    address in different cases; a mail system telling local parts apart by case would be unusual)."""
    return canonical.lower()
