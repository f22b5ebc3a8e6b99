"""Command-line mistakes: the installed `monitor` prints one line naming the mistake and --help, exits 2,
never a traceback (typer >= 0.2x carries its own click, whose errors are not click's)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import typer

from monitor.cli.usage import click_exception_types

# The console script pip wrote next to the interpreter: what a user runs, entry point included.
MONITOR = Path(sys.executable).parent / ("monitor.exe" if os.name == "nt" else "monitor")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["COLUMNS"] = "60"  # a narrow terminal must not wrap the message onto two lines
    return subprocess.run([str(MONITOR), *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)


@pytest.mark.parametrize(("args", "names", "help_of"), [
    (["--bogus"], "No such option: --bogus", "monitor"),
    ([], "Missing command", "monitor"),
    (["db"], "Missing command", "monitor db"),
    (["nosuchcommand"], "No such command 'nosuchcommand'", "monitor"),
    (["articles", "show"], "Missing argument", "monitor articles show"),
    (["articles", "show", "seven"], "Invalid value for", "monitor articles show"),
    (["articles", "list", "--limit", "ten"], "Invalid value for '--limit'", "monitor articles list"),
    (["crawl", "--bogus"], "No such option: --bogus", "monitor crawl"),
    (["sources", "test", "--limit"], "--limit", "monitor sources test"),
])
def test_a_usage_error_is_one_line_and_exit_2(tmp_path: Path, args: list[str], names: str, help_of: str) -> None:
    assert MONITOR.is_file(), f"{MONITOR}: the project is not installed in this environment (make install)"
    result = _run(tmp_path, *args)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and names in lines[0], lines[0]
    assert f"'{help_of} --help'" in lines[0] and len(lines[0]) < 200, lines[0]


def test_version(tmp_path: Path) -> None:
    result = _run(tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["zone-monitor", metadata.version("zone-monitor")]


def test_help_still_works(tmp_path: Path) -> None:
    result = _run(tmp_path, "articles", "--help")
    assert result.returncode == 0 and "list" in result.stdout and "show" in result.stdout


def test_the_usage_errors_of_the_installed_typer_are_recognised() -> None:
    """Whichever click typer raises from (its own copy or the click package), main() catches it."""
    assert isinstance(typer.BadParameter("x"), click_exception_types())
