"""Exceptions of zone-monitor. Every error a user can meet derives from MonitorError.

    MonitorError
    ├── ConfigError                 bad settings or sources file (exit code 2)
    │   ├── SourcesFileError        the sources file is missing, unreadable or invalid
    │   ├── CatalogueError          an unknown catalogue id, an entry with no URL, an invalid catalogue file
    │   └── GazetteerError          a malformed or conflicting entry in the gazetteer's package data (websites)
    ├── DatabaseError
    │   ├── DatabaseNotMigrated     the schema is missing or older than the code (exit code 2)
    │   ├── DatabaseUnavailable     the database cannot be reached, or the connection was lost twice
    │   ├── DatabaseFull            the disk (or SQLite's page limit) is full: nothing more can be stored
    │   └── DatabaseReadOnly        the database refuses writes (file permissions, mode=ro, a read-only server)
    ├── FetchError                  an HTTP fetch failed (wraps httpx errors)
    │   ├── FetchTimeout            no complete answer to one request within MONITOR_FETCH_TIMEOUT
    │   │   └── FetchDeadlineExceeded   one item's fetch (redirects, retries, waits, body) ran past MONITOR_FETCH_DEADLINE
    │   ├── HostNotFound            the host name does not resolve (DNS)
    │   ├── TooManyRedirects        a redirect loop or chain longer than MONITOR_MAX_REDIRECTS
    │   ├── HTTPStatusError         the server answered 4xx/5xx
    │   ├── BlockedURL              a URL we refuse to fetch (scheme, private address)
    │   └── TooLarge                the response exceeded the size cap
    ├── Undecodable                 bytes that decode to no sensible text
    │   └── Mojibake                the bytes decode, but only to garbled text
    ├── ExtractionError             a page from which no article could be extracted
    │   └── TooShort                the extracted body is too short to be an article
    ├── SourceError                 a source as a whole failed (list page or feed unusable)
    ├── LockBusy                    another run holds the lock of this job (crawl, backfill, digest, serve)
    └── DeliveryError               an email could not be delivered now (retried later)
        └── PermanentDeliveryError  the recipient was refused for good (5xx)
"""

from __future__ import annotations

__all__ = [
    "MonitorError",
    "LockBusy",
    "ConfigError",
    "SourcesFileError",
    "CatalogueError",
    "GazetteerError",
    "DatabaseError",
    "DatabaseNotMigrated",
    "DatabaseUnavailable",
    "DatabaseFull",
    "DatabaseReadOnly",
    "FetchError",
    "HTTPStatusError",
    "BlockedURL",
    "TooLarge",
    "Undecodable",
    "Mojibake",
    "FetchTimeout",
    "FetchDeadlineExceeded",
    "HostNotFound",
    "TooManyRedirects",
    "ExtractionError",
    "TooShort",
    "DeliveryError",
    "PermanentDeliveryError",
    "SourceError",
]


class MonitorError(Exception):
    """Base of every error raised by zone-monitor."""


class ConfigError(MonitorError):
    """Invalid settings or configuration."""


class SourcesFileError(ConfigError):
    """The sources file is missing, unreadable or does not match the schema.

    ``problems`` holds every mistake found (``monitor.sourcesfile.SourceProblem``: file, line, column, source,
    field, message, suggestion) when the file was read; empty when it could not be."""

    def __init__(self, message: str, problems: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class CatalogueError(ConfigError):
    """The source catalogue cannot give what was asked: an unknown id, an entry with no URL, a broken file."""


class GazetteerError(ConfigError):
    """The gazetteer's package data is broken: a `websites` entry that is no host or host/path, or one that
    another zone's entry already covers. The message names the CSV row (zone id and line)."""


class DatabaseError(MonitorError):
    """The database cannot be used."""


class DatabaseNotMigrated(DatabaseError):
    """The database schema is missing or older than this version of the code."""


class DatabaseUnavailable(DatabaseError):
    """The database cannot be reached, or the connection to it was lost (and lost again on a retry)."""


class DatabaseFull(DatabaseError):
    """A write failed because the disk is full (SQLite: or its max_page_count was reached)."""


class DatabaseReadOnly(DatabaseError):
    """A write was refused: the database file, its folder or the server is read-only."""


class FetchError(MonitorError):
    """Fetching a URL failed."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url, self.reason = url, message


class FetchTimeout(FetchError):
    """No complete answer to one request within MONITOR_FETCH_TIMEOUT (retried like a lost connection)."""


class FetchDeadlineExceeded(FetchTimeout):
    """One fetch as a whole (robots.txt, every redirect hop, every retry and backoff wait, the body) ran
    past MONITOR_FETCH_DEADLINE; the item stays queued and is tried again on a later run."""


class HostNotFound(FetchError):
    """The host name does not resolve (no such name, or no DNS answer): nothing was sent to it."""


class TooManyRedirects(FetchError):
    """A redirect loop, or more redirects than MONITOR_MAX_REDIRECTS."""


class HTTPStatusError(FetchError):
    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"HTTP {status}")
        self.status = status


class BlockedURL(FetchError):
    """A URL that policy forbids fetching."""


class TooLarge(FetchError):
    """The response body exceeded MONITOR_MAX_PAGE_BYTES."""


class Undecodable(MonitorError):
    """Bytes that could not be decoded to text without garbling it."""


class Mojibake(Undecodable):
    """Bytes that decode without error, but only to garbled text (a wrong charset): never stored."""


class ExtractionError(MonitorError):
    """No article could be extracted from a page."""


class TooShort(ExtractionError):
    """The extracted body is too short to be an article."""


class DeliveryError(MonitorError):
    """An email could not be delivered now (connection lost, 4xx): it is retried later."""


class UncertainDeliveryError(DeliveryError):
    """The connection failed after the message's end of data was sent: the server may have taken it
    (a copy may have reached the subscriber), so a retry counts as another copy."""


class PermanentDeliveryError(DeliveryError):
    """The server refused the recipient for good (5xx): the address is counted as bouncing."""


class LockBusy(MonitorError):
    """Another process holds the lock of this job and did not release it within the wait (exit code 1)."""


class SourceError(MonitorError):
    """A source as a whole failed (its list page or feed could not be read or parsed)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"source {source!r}: {message}")
        self.source = source
