"""Command-line mistakes as one line and exit status 2, whichever click typer runs on.

typer up to 0.2x runs on the click package; newer typer carries its own copy of click
(`typer._click`), whose exceptions are not `click.ClickException`. Both are recognised here by
the classes typer itself raises (no import of click), so neither a typer upgrade nor a click
upgrade brings back a traceback for `monitor --bogus`.
"""

from __future__ import annotations

import sys
from importlib import metadata
from typing import Any

import typer

__all__ = ["click_exception_types", "command_path", "prepare_command", "usage_line", "version_text"]

DISTRIBUTION = "zone-monitor"


def click_exception_types() -> tuple[type[Exception], ...]:
    """The ClickException class typer raises: found among the bases of typer.BadParameter, which is
    click's own BadParameter on typer < 0.2x and typer._click's on newer typer."""
    found = tuple(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")
    if not found:
        raise RuntimeError(f"typer {typer.__version__}: no ClickException among the bases of typer.BadParameter")
    return found


def prepare_command(command: Any) -> Any:
    """Turn off no_args_is_help everywhere: `monitor` alone or `monitor db` alone is then click's
    "Missing command." usage error (exit 2), not a help page that exits 0 (click 8.1) or an error
    whose message is the whole help text (click 8.2+)."""
    command.no_args_is_help = False
    for sub in getattr(command, "commands", {}).values():
        prepare_command(sub)
    return command


def command_path(command: Any, args: list[str], prog_name: str = "monitor") -> str:
    """The subcommand the arguments name (`monitor articles show`), for errors raised without a context."""
    path = [prog_name]
    for arg in args:
        sub = getattr(command, "commands", {}).get(arg)
        if sub is None:
            break
        path.append(arg)
        command = sub
    return " ".join(path)


def usage_line(exc: Exception, fallback_path: str = "monitor") -> str:
    """One line: the mistake, and where --help is (the failing command's own --help)."""
    message = " ".join(exc.format_message().split()).rstrip(".")  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    command_path = getattr(ctx, "command_path", "") or fallback_path
    if getattr(exc, "exit_code", 1) == 2:
        return f"error: {message}. Try '{command_path} --help' for help."
    return f"error: {message}."


def version_text() -> str:
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        version = "unknown"
    return f"{DISTRIBUTION} {version} (Python {sys.version.split()[0]})"
