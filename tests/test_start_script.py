"""docker/start.sh, run directly (no Docker) with the real `monitor` CLI of this environment."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docker" / "start.sh"
README = ROOT / "README.md"
KNOBS = ("DB_WAIT_SECONDS",)


def _env(**extra: str) -> dict[str, str]:
    """The inherited environment minus MONITOR_* and the script's knobs; `monitor` on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_") and k not in KNOBS}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(extra)
    return env


def _run(tmp_path: Path, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT)], cwd=tmp_path, env=_env(**extra), capture_output=True,
                          text=True, timeout=timeout)


def _sqlite_settings(tmp_path: Path, sources: str | None = "sources: []\n") -> dict[str, str]:
    sources_file = tmp_path / "sources.yaml"
    if sources is not None:
        sources_file.write_text(sources, encoding="utf-8")
    return {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'monitor.db'}", "MONITOR_SOURCES": str(sources_file)}


def _serve_shim(tmp_path: Path) -> dict[str, str]:
    """PATH with a shim that stands in for `monitor serve` (which would run forever): it says it started, with
    its pid, and exits; every other command is the real CLI."""
    shim_dir = tmp_path / "bin"
    shim_dir.mkdir(exist_ok=True)
    shim = shim_dir / "monitor"
    real = Path(sys.executable).parent / "monitor"
    shim.write_text(f'#!/usr/bin/env bash\nif [ "${{1:-}}" = serve ]; then\n  echo "SERVING pid $$" >&2; exit 0\nfi\n'
                    f'exec "{real}" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return {"PATH": os.pathsep.join([str(shim_dir), _env()["PATH"]])}


def test_migrates_then_execs_monitor_serve(tmp_path: Path) -> None:
    result = _run(tmp_path, **_sqlite_settings(tmp_path), **_serve_shim(tmp_path))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "monitor.db") as conn:
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        assert "alembic_version" in tables
        assert conn.execute("select count(*) from alembic_version").fetchone()[0] == 1
    assert "upgraded from empty" in result.stderr
    assert result.stderr.index("upgraded from empty") < result.stderr.index("starting monitor serve")
    assert "SERVING" in result.stderr


def test_gives_up_when_the_database_is_unreachable(tmp_path: Path) -> None:
    result = _run(tmp_path, timeout=60, MONITOR_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/none",
                  DB_WAIT_SECONDS="3")
    assert result.returncode == 1, result.stderr
    assert "database was not reachable after 3s" in result.stderr
    attempts = int(re.search(r"\((\d+) attempt\(s\) of monitor db upgrade\)", result.stderr).group(1))  # type: ignore[union-attr]
    assert attempts >= 1
    if attempts > 1:  # how many fit in 3 s depends on the machine's speed, not on the script
        assert "waiting for the database (attempt 1" in result.stderr
    assert "starting monitor serve" not in result.stderr


def test_a_configuration_error_is_not_retried(tmp_path: Path) -> None:
    result = _run(tmp_path, timeout=30, **_sqlite_settings(tmp_path), MONITOR_FETCH_TIMEOUT="soon",
                  DB_WAIT_SECONDS="60")
    assert result.returncode == 2, result.stderr
    assert "configuration error" in result.stderr
    assert "waiting for the database" not in result.stderr


def test_bad_knob_is_refused(tmp_path: Path) -> None:
    result = _run(tmp_path, timeout=30, **_sqlite_settings(tmp_path), DB_WAIT_SECONDS="1m")
    assert result.returncode == 2
    assert "DB_WAIT_SECONDS must be a whole number" in result.stderr


def test_script_is_valid_bash_and_executable() -> None:
    result = subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert os.access(SCRIPT, os.X_OK)
    text = SCRIPT.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text


def test_knobs_are_not_settings_and_are_documented() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    knobs = set(re.findall(r"\$\{([A-Z_]+):-", text))
    assert knobs == set(KNOBS)
    docker_section = README.read_text(encoding="utf-8").split("## Docker", 1)[1]
    for knob in knobs:
        assert not knob.startswith("MONITOR_")
        assert f"`{knob}`" in docker_section, f"{knob} is not documented in README's Docker section"
