"""docker-compose.yml, Dockerfile and .dockerignore agree with each other and with the settings.

No Docker engine is needed: the files are parsed and cross-checked.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
import yaml

from monitor.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _service(compose: dict[str, Any], name: str) -> dict[str, Any]:
    return compose["services"][name]


def _environment(service: dict[str, Any]) -> dict[str, str]:
    """The environment of a service, whether written as a mapping or as a list of KEY=VALUE."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def _ports(service: dict[str, Any]) -> list[tuple[int | None, int]]:
    """(published, target) pairs of a service's ports, short or long syntax."""
    pairs: list[tuple[int | None, int]] = []
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            published = entry.get("published")
            pairs.append((int(published) if published is not None else None, int(entry["target"])))
            continue
        spec = str(entry).split("/", 1)[0]  # drop /tcp
        parts = spec.rsplit(":", 2)
        if len(parts) == 1:
            pairs.append((None, int(parts[0])))
        else:
            pairs.append((int(parts[-2]), int(parts[-1])))
    return pairs


def _url_port(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or {"http": 80, "https": 443}[parts.scheme]


def test_the_three_services_exist(compose: dict[str, Any]) -> None:
    assert {"app", "db", "mailpit"} <= set(compose["services"])
    assert "build" in _service(compose, "app")
    assert str(_service(compose, "db")["image"]).startswith("postgres:16")
    assert str(_service(compose, "mailpit")["image"]).startswith("axllent/mailpit")


def test_app_sets_only_real_settings(compose: dict[str, Any]) -> None:
    env = _environment(_service(compose, "app"))
    known = {f"MONITOR_{name.upper()}" for name in Settings.model_fields}
    monitor_keys = {key for key in env if key.startswith("MONITOR_")}
    assert monitor_keys, "the app service sets no MONITOR_* variable"
    assert monitor_keys <= known, f"not settings of monitor.settings.Settings: {sorted(monitor_keys - known)}"
    for required in ("MONITOR_DATABASE_URL", "MONITOR_SMTP_URL", "MONITOR_BASE_URL", "MONITOR_SECRET_KEY",
                     "MONITOR_SOURCES"):
        assert required in env, required


def test_app_values_are_valid_settings(compose: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The values parse as Settings (compose's ${VAR:-default} replaced by its default)."""
    env = _environment(_service(compose, "app"))
    monkeypatch.chdir(tmp_path)  # no .env
    for key in list(os.environ):
        if key.startswith("MONITOR_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        if key.startswith("MONITOR_"):
            monkeypatch.setenv(key, re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value))
    settings = Settings()
    assert settings.database_url == env["MONITOR_DATABASE_URL"]
    assert str(settings.sources) == env["MONITOR_SOURCES"]
    assert "${MONITOR_SECRET_KEY" in env["MONITOR_SECRET_KEY"], "the secret key must be overridable from the host"


def test_database_url_points_at_the_db_service(compose: dict[str, Any]) -> None:
    url = sa.engine.make_url(_environment(_service(compose, "app"))["MONITOR_DATABASE_URL"])
    db_env = _environment(_service(compose, "db"))
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "db" and url.host in compose["services"]
    assert url.port in (None, 5432)
    assert url.username == db_env["POSTGRES_USER"]
    assert url.password == db_env["POSTGRES_PASSWORD"]
    assert url.database == db_env["POSTGRES_DB"]


def test_smtp_url_points_at_mailpit(compose: dict[str, Any]) -> None:
    smtp = urlsplit(_environment(_service(compose, "app"))["MONITOR_SMTP_URL"])
    assert smtp.scheme == "smtp"
    assert smtp.hostname == "mailpit" and smtp.hostname in compose["services"]
    assert smtp.port == 1025, "Mailpit listens for SMTP on container port 1025"
    mailpit_ports = _ports(_service(compose, "mailpit"))
    assert 1025 in {target for _, target in mailpit_ports}
    assert (8025, 8025) in mailpit_ports, "Mailpit's web UI is published on 8025"


def test_app_waits_for_a_healthy_database(compose: dict[str, Any]) -> None:
    depends = _service(compose, "app")["depends_on"]
    assert isinstance(depends, dict), "depends_on must use the long form to carry a condition"
    assert depends["db"]["condition"] == "service_healthy"
    assert "mailpit" in depends
    healthcheck = _service(compose, "db")["healthcheck"]
    test = healthcheck["test"]
    assert "pg_isready" in (test if isinstance(test, str) else " ".join(test))


def test_db_keeps_its_data_in_the_named_volume(compose: dict[str, Any]) -> None:
    assert "pgdata" in (compose.get("volumes") or {})
    mounts = [str(v) if not isinstance(v, dict) else f"{v['source']}:{v['target']}"
              for v in _service(compose, "db")["volumes"]]
    assert "pgdata:/var/lib/postgresql/data" in mounts


def test_published_app_port_matches_base_url(compose: dict[str, Any]) -> None:
    base_url = _environment(_service(compose, "app"))["MONITOR_BASE_URL"]
    published = {p for p, _ in _ports(_service(compose, "app"))}
    assert _url_port(base_url) in published, f"{base_url} is not reachable through the published ports {published}"


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    result = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def _command_words(value: str) -> list[str]:
    return json.loads(value) if value.startswith("[") else shlex.split(value)


def test_dockerfile_runs_the_start_script() -> None:
    instructions = _dockerfile_instructions()
    assert ("FROM", "python:3.11-slim") in instructions
    workdir = Path(next(rest for kw, rest in instructions if kw == "WORKDIR"))
    words = [w for kw, rest in instructions if kw in ("ENTRYPOINT", "CMD") for w in _command_words(rest)]
    scripts = [w for w in words if w.endswith("docker/start.sh")]
    assert scripts, f"neither ENTRYPOINT nor CMD names docker/start.sh: {words}"
    for script in scripts:
        in_image = Path(script) if Path(script).is_absolute() else workdir / script
        local = ROOT / in_image.relative_to(workdir)
        assert local.is_file(), local
        assert os.access(local, os.X_OK), f"{local} is not executable (chmod +x)"


def test_dockerfile_installs_editable_as_non_root() -> None:
    instructions = _dockerfile_instructions()
    runs = " ".join(rest for kw, rest in instructions if kw == "RUN")
    assert re.search(r"pip install (\S+ )*-e \.", runs), "the app needs its source tree (migrations/): pip install -e ."
    users = [rest for kw, rest in instructions if kw == "USER"]
    assert users and users[-1] not in ("root", "0"), "the container must not run as root"


@pytest.mark.parametrize("needed", ["pyproject.toml", "requirements.lock", "README.md", "monitor/cli/commands.py", "migrations/env.py",
                                    "scrapers", "docker/start.sh"])
def test_dockerignore_keeps_what_the_build_needs(needed: str) -> None:
    patterns = [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    parts = needed.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    hits = [p for p in patterns if not p.startswith("!") and any(fnmatch.fnmatch(x, p.lstrip("/")) for x in prefixes)]
    assert not hits, f".dockerignore excludes {needed} (patterns {hits})"
    assert (ROOT / needed).exists()
