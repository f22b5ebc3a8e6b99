"""The `monitor` command (typer). commands.py holds the app and the core commands; service_commands
(serve, runs, backfill) and subscriber_commands (subscribers, digests, web) add theirs to it when
imported here, so `monitor.cli.main` always has every command."""

from monitor.cli import service_commands, subscriber_commands  # noqa: F401  (they register their commands)
from monitor.cli.commands import app, main

__all__ = ["app", "main"]
