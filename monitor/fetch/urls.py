"""URL canonicalisation, so that one article has one URL whatever link led to it."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from monitor.errors import BlockedURL, FetchError, HostNotFound
from monitor.settings import PrivateAllowlist

__all__ = ["canonical_url", "resolve", "origin_of", "check_public", "address_refusal", "is_html_like", "dns_error"]

_TRACKING = re.compile(r"^(utm_\w+|spm|from|share_token|isappinstalled|scene|clicktime|fbclid|gclid)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# urlsplit drops leading C0 controls and spaces; str.strip drops Unicode blanks (U+0085, U+3000): either may
# uncover the other ("\x08\x85/a"), so both are trimmed until neither finds more, or the result would change
# again when canonicalised a second time.
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))


def _trimmed(url: str) -> str:
    while True:
        trimmed = url.strip().strip(_C0_OR_SPACE)
        if trimmed == url:
            return url
        url = trimmed
_TRAILING_BLANKS = re.compile(r"[\s\x00-\x20]+$")
_NON_HTML = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|bmp|webp|svg|mp4|mp3|avi|wmv|apk|exe)$", re.I)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, no trailing index.html."""
    try:
        parts = urlsplit(_trimmed(url))
        port = parts.port
    except ValueError as exc:  # a bracket left open, a port that is not a number in 0-65535
        raise BlockedURL(url, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        try:  # urlsplit leaves a bracket after userinfo unchecked ("a://[::]@[:"): rebuilt, it would not parse
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            raise BlockedURL(url, f"not a valid URL (host {host!r} is not an IPv6 address)") from None
        host = f"[{host}]"
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    # Trailing blanks or C0 controls of a path that ends the URL (once a fragment is dropped: "0\x08#") would be
    # stripped on the next call: drop them now.
    path = (parts.path if query else _TRAILING_BLANKS.sub("", parts.path)) or "/"
    path = re.sub(r"/(index|default)\.(html?|shtml|php|aspx?)$", "/", path, flags=re.I)
    return urlunsplit((scheme, netloc, path, query, ""))


def resolve(base: str, href: str) -> str | None:
    """An absolute http(s) URL for a link, or None for javascript:, mailto:, data: and the like."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number in 0-65535
    except ValueError:  # a hostile or broken link ("http://[", "http://a:x/") is no link
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if not absolute.startswith(parts.scheme):  # "HTTP://...", or space before it: rebuilt, the scheme in lower case
        absolute = urlunsplit(parts)
    return absolute


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def is_html_like(url: str) -> bool:
    return not _NON_HTML.search(urlsplit(url).path)


def dns_error(url: str, host: str, exc: socket.gaierror) -> FetchError:
    """HostNotFound when the name does not resolve; a plain (retried) FetchError when DNS did not answer now."""
    if exc.errno == socket.EAI_AGAIN:
        return FetchError(url, f"DNS lookup of host {host!r} failed for now ({exc})")
    return HostNotFound(url, f"cannot resolve host {host!r} (DNS: {exc})")


def check_public(url: str, allowlist: PrivateAllowlist | None = None) -> None:
    """Refuse URLs whose host resolves to a loopback, private, link-local or reserved address (unless allowlisted).

    Literal addresses are judged without any network traffic, so a redirect to 169.254.169.254 is
    refused before a connection is tried."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedURL(url, f"scheme {parts.scheme!r} is not fetched")
    host = (parts.hostname or "").lower()
    if allowlist is not None and host.rstrip(".") in allowlist.hosts:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 80, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise dns_error(url, host, exc) from None
    for info in infos:
        refused = address_refusal(host, ipaddress.ip_address(info[4][0]), allowlist)
        if refused is not None:
            raise BlockedURL(url, refused)


def address_refusal(host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address,
                    allowlist: PrivateAllowlist | None) -> str | None:
    """Why ``host`` may not be fetched from ``address`` (loopback, private, link-local, reserved), or None."""
    if address.is_global or (allowlist is not None and allowlist.allows_address(address)):
        return None
    return (f"host {host!r} resolves to non-public address {address} (list it in MONITOR_PRIVATE_ALLOWLIST, "
            "or set MONITOR_ALLOW_PRIVATE_HOSTS, to allow)")
