"""Typed settings, read from the environment (prefix ``MONITOR_``) and a ``.env`` file.

The Settings object is created once in the entry point and passed down; nothing else
reads the environment.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "DEFAULT_USER_AGENT"]

DEFAULT_USER_AGENT = "zone-monitor/0.1 (+https://github.com/zone-monitor/zone-monitor; monitor@zone-monitor.invalid)"


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
    outbox: Path = Field(default=Path("var/outbox"), description="Folder that receives .eml files when no SMTP URL is set.")
    base_url: str = Field(default="http://127.0.0.1:8000", description="Public URL of the web app, used in email links.")
    secret_key: str = Field(default="change-me", description="Key that signs subscriber tokens.")
    user_agent: str = Field(default=DEFAULT_USER_AGENT, description="User-Agent header sent to every site.")
    mail_from: str = Field(default="zone-monitor <digest@zone-monitor.invalid>", description="From address of digests.")
    allow_private_hosts: bool = Field(
        default=False, description="Allow fetching from loopback/private addresses (the demo and tests set it)."
    )
    fetch_timeout: float = Field(default=20.0, description="Overall deadline in seconds for one HTTP fetch.")
    max_page_bytes: int = Field(default=10_000_000, description="Largest response body accepted, in bytes.")
