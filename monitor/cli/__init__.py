"""The `monitor` command (typer): the root command, its --version, and `main`, the entry point.

Each module holds one group of commands on its own Typer, merged here into the root command: commands
(db, sources, crawl, import, articles, extract, tag, retag, ...), service_commands (serve, runs, backfill)
and subscriber_commands (subscribers, digest, web). They share only monitor.cli.common.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.markup import escape

from monitor.cli import commands, service_commands, subscriber_commands
from monitor.cli.common import err, out
from monitor.cli.logs import configure_logging
from monitor.cli.usage import click_exception_types, command_path, prepare_command, usage_line, version_text
from monitor.errors import ConfigError, DatabaseNotMigrated, MonitorError

__all__ = ["app", "main"]

app = typer.Typer(help="zone-monitor: collect, deduplicate, tag and email what is published about China's national high-tech zones.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
for group in (commands.app, service_commands.app, subscriber_commands.app):
    app.add_typer(group)  # no name: the group's commands become commands of `monitor` itself


def _show_version(value: bool) -> None:
    if value:
        out.print(version_text(), highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_show_version)] = False,
) -> None:
    pass  # the options of `monitor` itself; the help text is the Typer's


def main() -> None:
    # before the settings are read (they may be what fails): the environment's choice, else the defaults
    configure_logging(os.environ.get("MONITOR_LOG_FORMAT", "text"), os.environ.get("MONITOR_LOG_LEVEL", "INFO"))
    command = prepare_command(typer.main.get_command(app))
    try:
        # click returns typer.Exit's code here instead of raising it, and raises usage errors to us
        code = command.main(prog_name="monitor", standalone_mode=False)
    except MonitorError as exc:
        # the message's [brackets] are text, and one line stays one line whatever the terminal's width
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2 if isinstance(exc, ConfigError | DatabaseNotMigrated) else 1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except click_exception_types() as exc:  # usage errors (exit 2) and click's other errors (exit 1)
        # one line, never wrapped to the terminal's width
        sys.stderr.write(usage_line(exc, command_path(command, sys.argv[1:])) + "\n")
        sys.exit(exc.exit_code)  # type: ignore[attr-defined]
    if isinstance(code, int) and code:
        sys.exit(code)
