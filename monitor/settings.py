"""Typed settings, read from the environment (prefix ``MONITOR_``) and a ``.env`` file.

The Settings object is created once in the entry point and passed down; nothing else
reads the environment.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "DEFAULT_USER_AGENT", "PrivateAllowlist", "DkimKey", "read_dkim_key"]

DEFAULT_USER_AGENT = "zone-monitor/0.1 (+https://github.com/zone-monitor/zone-monitor; monitor@zone-monitor.invalid)"


# The value of MONITOR_PRIVATE_ALLOWLIST, parsed: here rather than in the fetch stage, so that a setting is
# checked without importing a stage (the fetcher reads it from here).
_HOST_NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class PrivateAllowlist:
    """Non-public hosts that may be fetched all the same (MONITOR_PRIVATE_ALLOWLIST): host names, and
    addresses or CIDR networks. Everything else that is not public stays refused, also after a redirect."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, text: str) -> PrivateAllowlist:
        """Comma- or space-separated entries; ValueError names the entry that is neither a network nor a host name."""
        hosts: set[str] = set()
        networks: list[Network] = []
        for entry in re.split(r"[,\s]+", text.strip().lower()):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
                continue
            except ValueError:
                pass
            if not _HOST_NAME.match(entry):
                raise ValueError(f"{entry!r} is neither a host name, an IP address nor a CIDR network")
            hosts.add(entry.rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    def allows_address(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address.version == network.version and address in network for network in self.networks)


_DNS_LABELS = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


@dataclass(frozen=True, slots=True)
class DkimKey:
    """What signs outgoing mail: the selector, the signing domain and the private key (PEM bytes)."""

    selector: str
    domain: str
    private_key: bytes


def read_dkim_key(settings: Settings) -> DkimKey | None:
    """The DKIM key the settings name (None when none of the three DKIM settings is set), or ValueError saying
    which setting to fix: all three or none; selector and domain DNS names; a readable PEM RSA key of 1024
    bits or more; a domain that MONITOR_MAIL_FROM's address is in (else DMARC ignores the signature)."""
    from email.headerregistry import Address
    from email.utils import parseaddr

    values = {"MONITOR_DKIM_SELECTOR": settings.dkim_selector, "MONITOR_DKIM_DOMAIN": settings.dkim_domain,
              "MONITOR_DKIM_PRIVATE_KEY_FILE": settings.dkim_private_key_file}
    missing = [name for name, value in values.items() if not value]
    if len(missing) == len(values):
        return None
    if missing:
        given = [name for name in values if name not in missing]
        raise ValueError(f"DKIM signing needs all of MONITOR_DKIM_SELECTOR, MONITOR_DKIM_DOMAIN and "
                         f"MONITOR_DKIM_PRIVATE_KEY_FILE: {', '.join(given)} set, {', '.join(missing)} missing")
    selector, domain = str(settings.dkim_selector).strip().lower(), str(settings.dkim_domain).strip().lower().rstrip(".")
    for name, value in (("MONITOR_DKIM_SELECTOR", selector), ("MONITOR_DKIM_DOMAIN", domain)):
        if not _DNS_LABELS.match(value):
            raise ValueError(f"{name} must be a DNS name (letters, digits, hyphens, dots), got {value!r}")
    try:
        sender_domain = Address(addr_spec=parseaddr(settings.mail_from)[1]).domain.lower()
    except (ValueError, IndexError):
        sender_domain = ""
    if sender_domain != domain and not sender_domain.endswith(f".{domain}"):
        raise ValueError(f"MONITOR_DKIM_DOMAIN {domain!r} is not the domain of MONITOR_MAIL_FROM ({settings.mail_from!r}) "
                         f"nor a parent of it: receivers would not count the signature for that sender (DMARC)")
    path = Path(str(settings.dkim_private_key_file))
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"MONITOR_DKIM_PRIVATE_KEY_FILE {str(path)!r} cannot be read: {exc.strerror or exc}") from None
    from dkim.crypto import UnparsableKeyError, parse_pem_private_key

    try:
        key = parse_pem_private_key(pem)
    except (UnparsableKeyError, ValueError, IndexError, TypeError) as exc:
        raise ValueError(f"MONITOR_DKIM_PRIVATE_KEY_FILE {str(path)!r} holds no PEM RSA private key "
                         f"(openssl genrsa -out dkim.pem 2048 makes one): {exc}") from None
    if key["modulus"].bit_length() < 1024:
        raise ValueError(f"MONITOR_DKIM_PRIVATE_KEY_FILE {str(path)!r}: the key has {key['modulus'].bit_length()} bits; "
                         f"receivers ignore DKIM keys shorter than 1024 bits (use 2048)")
    return DkimKey(selector, domain, pem)


class Settings(BaseSettings):
    """Every field is documented in README.md (a test checks that)."""

    model_config = SettingsConfigDict(env_prefix="MONITOR_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///var/monitor.db",
        description="SQLAlchemy URL of the database: SQLite file (default) or postgresql+psycopg://...",
    )
    sources: Path = Field(default=Path("sources.yaml"), description="Path of the sources file (YAML).")
    smtp_url: str | None = Field(
        default=None,
        description="smtp://user:pass@host:port (smtps:// for TLS, ?starttls=1). Unset: write .eml files to the outbox.",
    )
    smtp_connections: int = Field(
        default=4, ge=1, le=64,
        description="SMTP connections a digest run sends on at once (each message on one connection; a kill or crash "
                    "can leave this many messages in flight, each resent once with its own Message-ID).",
    )
    raw_page_retention_days: int = Field(
        default=90, ge=0,
        description="Days raw pages are kept for `monitor reextract`; `monitor serve` deletes older ones nightly (0: kept forever).")
    log_format: Literal["text", "json"] = Field(
        default="text", description="Log lines on stderr: text (time, level, logger, message) or json (one object per line).")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Least level logged: INFO is the service's normal life (runs, startup), WARNING and up its trouble.")

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_capitals(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value
    outbox: Path = Field(default=Path("var/outbox"), description="Folder that receives .eml files when no SMTP URL is set.")
    base_url: str = Field(default="http://127.0.0.1:8000", description="Public URL of the web app, used in email links.")
    secret_key: str = Field(default="change-me", description="Key that signs subscriber tokens.")
    user_agent: str = Field(default=DEFAULT_USER_AGENT, description="User-Agent header sent to every site.")
    mail_from: str = Field(default="zone-monitor <digest@zone-monitor.invalid>", description="From address of digests.")
    web_host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    web_port: int = Field(default=8000, description="Port the web app listens on.")
    metrics_token: str | None = Field(
        default=None,
        description="Bearer token that lets a client read /metrics from anywhere (Authorization: Bearer <token>); "
                    "unset: only loopback clients of a loopback-published app, or the metrics listener.",
    )
    metrics_host: str = Field(default="127.0.0.1", description="Address of the separate /metrics listener of `serve`.")
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535,
        description="Port of a separate /metrics listener of `serve` (on MONITOR_METRICS_HOST); unset: none.",
    )
    allow_private_hosts: bool = Field(
        default=False, description="Allow fetching from loopback/private addresses (the demo and tests set it)."
    )
    private_allowlist: str = Field(
        default="",
        description="Comma-separated host names, IP addresses or CIDR networks that may be fetched although not public "
                    "(with MONITOR_ALLOW_PRIVATE_HOSTS false; every other private address stays refused).",
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, description="Deadline in seconds for one HTTP request (one redirect hop or retry, body included).",
    )
    fetch_deadline: float = Field(
        default=60.0, gt=0,
        description="Deadline in seconds for one item fetch as a whole: robots.txt, every redirect hop, retry and "
                    "backoff wait, and the body.",
    )
    source_run_budget: float = Field(
        default=1800.0, ge=0,
        description="Seconds one source may take in one run (0: no limit); past it the run stops the source and "
                    "leaves its unfetched items pending. A source's run_budget in the sources file overrides it.",
    )
    max_page_bytes: int = Field(default=10_000_000, description="Largest response body accepted, in bytes.")
    fetch_retries: int = Field(default=3, ge=0, le=10, description="Retries of a fetch after a connect error, timeout, 429 or 5xx.")
    retry_backoff: float = Field(default=1.0, ge=0, description="First retry delay in seconds; doubles per retry, with jitter.")
    retry_max_wait: float = Field(
        default=120.0, ge=0, description="Longest wait before a retry (Retry-After beyond it: give up for this run)."
    )
    max_redirects: int = Field(default=5, ge=0, le=30, description="Redirects followed per fetch.")
    concurrency_per_origin: int = Field(default=2, ge=1, le=32, description="Requests in flight at once per origin.")
    http_version: Literal["1.1", "2"] = Field(
        default="1.1", description="HTTP version: 1.1, or 2 where the server offers it (needs the h2 package)."
    )
    dedup_near_threshold: float = Field(
        default=0.5, ge=0, le=1, description="Exact shingle Jaccard at or above which two articles are near duplicates."
    )
    dedup_containment_threshold: float = Field(
        default=0.8, ge=0, le=1,
        description="Share of the smaller article's shingles found in the other at or above which it is a contained copy.",
    )
    dedup_stock_min_docs: int = Field(
        default=5, ge=2, description="Stories a sentence must appear in to count as a stock phrase (left out of similarity).",
    )
    dedup_min_numbers_agreement: float = Field(
        default=0.5, ge=0, le=1,
        description="Share of the numbers of the smaller article the other must contain (tells issues of a report apart).",
    )
    dedup_max_candidates: int = Field(default=8, ge=1, description="Candidates verified exactly per article.")
    alert_emails: str = Field(
        default="", description="Comma-separated addresses that get source-health alerts and all-clears, and the digests a run gave up on (empty: none)."
    )
    alert_after_failures: int = Field(default=3, ge=1, description="Failed runs in a row after which a source is alerted.")
    alert_after_zero_yield: int = Field(
        default=3, ge=1,
        description="Runs in a row whose list pages named no item URL, after which the source is alerted (whether or not it ever yielded).",
    )
    alert_parse_failure_rate: float = Field(
        default=0.5, gt=0, le=1, description="Share of fetched items failing to parse (last 10 runs) that raises an alert.",
    )
    lock_timeout: float = Field(
        default=60.0, ge=0, description="Seconds a run waits for another run's lock (same source, or SQLite writer) before exit 1.",
    )
    crawl_concurrency: int = Field(
        default=256, ge=1, le=1000,
        description="Crawls `monitor serve` runs at once (they wait on the network; their database work queues for the workers).",
    )
    database_workers: int = Field(
        default=4, ge=1, le=32,
        description="PostgreSQL: threads doing the crawls' database work, extraction, dedup and tagging (SQLite: always one).",
    )
    cpu_workers: int | None = Field(
        default=None, ge=0, le=64,
        description="Worker processes that extract and tag fetched pages (`monitor serve`, crawl passes); unset: one per "
                    "core; 0: none, the crawling process does it (on one core).",
    )
    schedule_jitter: float = Field(
        default=30.0, ge=0, description="Largest random delay in seconds added to a scheduled crawl (capped at a tenth of its interval).",
    )

    dkim_selector: str | None = Field(
        default=None,
        description="DKIM selector of outgoing mail (the DNS name <selector>._domainkey.<domain> holds its public key); "
                    "with MONITOR_DKIM_DOMAIN and MONITOR_DKIM_PRIVATE_KEY_FILE every email is signed. Unset: none is.",
    )
    dkim_domain: str | None = Field(
        default=None,
        description="DKIM signing domain (d=): the domain of MONITOR_MAIL_FROM or a parent of it, so DMARC counts the signature.",
    )
    dkim_private_key_file: Path | None = Field(
        default=None, description="PEM file of the DKIM private key (RSA, 1024 bits or more) that signs outgoing mail.",
    )

    @model_validator(mode="after")
    def _valid_dkim(self) -> Settings:
        read_dkim_key(self)  # a key that cannot sign must stop the start, not every email later
        return self

    @field_validator("alert_emails")
    @classmethod
    def _valid_alert_emails(cls, value: str) -> str:
        from monitor.addresses import AddressError, canonical_address

        # each one plain address: the list becomes a To header and the SMTP envelope of every alert
        try:
            return ", ".join(canonical_address(part) for part in value.split(",") if part.strip(" \t"))
        except AddressError as exc:
            raise ValueError(f"MONITOR_ALERT_EMAILS: {exc}") from None

    @field_validator("private_allowlist")
    @classmethod
    def _valid_allowlist(cls, value: str) -> str:
        PrivateAllowlist.parse(value)  # a typo must stop the start, not silently allow nothing (or too much)
        return value
