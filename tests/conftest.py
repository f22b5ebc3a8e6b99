"""Shared fixtures: databases (SQLite and PostgreSQL), the demo site on loopback, CLI runs."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from monitor.demo.server import DemoSite, serve_demo_site
from monitor.settings import Settings
from monitor.store import db

POSTGRES_URL = os.environ.get("MONITOR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (aiosmtpd's default 8025 clashes with Mailpit's UI)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def statements_seen(engine: sa.Engine, session: Session | None = None) -> Iterator[list[str]]:
    """The SQL of every statement run on ``engine`` inside the block, in order.

    SQLite's hot paths send their statements to the driver past SQLAlchemy's cursor events (store/rawsql.py), so
    on SQLite the driver's own trace callback is what sees them all (SQLAlchemy's statements too, once each, and the
    driver's BEGIN and COMMIT), on every connection checked out meanwhile and on ``session``'s current one;
    elsewhere SQLAlchemy's ``before_cursor_execute``. A connection held at the start by anything but ``session``
    would go unseen on SQLite: that is an error here, not a silently short list."""
    statements: list[str] = []
    traced: list[sqlite3.Connection] = []

    def trace(driver: object, *_args: object) -> None:
        if isinstance(driver, sqlite3.Connection):
            driver.set_trace_callback(statements.append)
            traced.append(driver)

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    sqlite = engine.dialect.name == "sqlite"
    held = 0 if session is None else int(session.in_transaction())
    checked_out = getattr(engine.pool, "checkedout", lambda: 0)()
    if sqlite and checked_out > held:
        raise AssertionError(f"{checked_out} connection(s) of the engine are checked out: pass the session holding it")
    if sqlite:
        if session is not None and session.in_transaction():
            trace(session.connection().connection.driver_connection)
        event.listen(engine, "checkout", trace)
    else:
        event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        if sqlite:
            event.remove(engine, "checkout", trace)
            for driver in traced:
                driver.set_trace_callback(None)
        else:
            event.remove(engine, "before_cursor_execute", seen)


def _postgres_admin() -> sa.Engine:
    return sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")


def terminate_backend(connection: sa.Connection) -> None:
    """What an operator's pg_terminate_backend (or a server-side crash of one backend) does to the app."""
    pid = connection.connection.dbapi_connection.info.backend_pid  # type: ignore[union-attr]
    admin = _postgres_admin()
    with admin.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar() is True
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    try:
        with _postgres_admin().connect() as conn:
            conn.execute(sa.text("select 1"))
        return True
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is unreachable and CI=true: {exc}")
        return False


@dataclass(frozen=True)
class MigratedTemplates:
    """One database of each kind migrated to head, made once per test process and copied for each test
    that asks for ``migrated_url``: a copy takes milliseconds, a migration a few hundred (x ~280 tests)."""

    sqlite_file: Path
    postgres_name: str | None


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory, postgres_available: bool) -> Iterator[MigratedTemplates]:
    sqlite_file = tmp_path_factory.mktemp("template") / "monitor.db"
    db.upgrade(f"sqlite:///{sqlite_file}")
    # the engine is disposed: its last connection checkpointed and removed the WAL, the file is the whole database
    assert not sqlite_file.with_name("monitor.db-wal").exists()
    if not postgres_available:
        yield MigratedTemplates(sqlite_file, None)
        return
    name = f"zm_template_{uuid.uuid4().hex[:12]}"  # one per xdist worker: CREATE ... TEMPLATE wants it unused
    admin = _postgres_admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        db.upgrade(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
        yield MigratedTemplates(sqlite_file, name)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, postgres_available: bool) -> Iterator[str]:
    """An empty database: a SQLite file, or a fresh PostgreSQL database dropped afterwards. A test that
    uses ``migrated_url`` gets it as a copy of the migrated template instead (the same schema, at head)."""
    templates: MigratedTemplates | None = None
    if "migrated_url" in request.fixturenames:
        templates = request.getfixturevalue("migrated_templates")
    if request.param == "sqlite":
        path = tmp_path / "monitor.db"
        if templates is not None:
            shutil.copyfile(templates.sqlite_file, path)
            _PREMIGRATED.add(f"sqlite:///{path}")
        yield f"sqlite:///{path}"
        _PREMIGRATED.discard(f"sqlite:///{path}")
        return
    if not postgres_available:
        pytest.skip("PostgreSQL is not reachable (set MONITOR_TEST_POSTGRES_URL)")
    name = f"zm_test_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{templates.postgres_name}"' if templates is not None else ""
    admin = _postgres_admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{template}'))
    url = sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    if template:
        _PREMIGRATED.add(url)
    try:
        yield url
    finally:
        _PREMIGRATED.discard(url)
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


_PREMIGRATED: set[str] = set()  # database URLs made from the migrated template (database_url)


@pytest.fixture
def migrated_url(database_url: str) -> str:
    if database_url not in _PREMIGRATED:
        db.upgrade(database_url)
    return database_url


@pytest.fixture
def demo_site() -> Iterator[DemoSite]:
    with serve_demo_site() as site:
        yield site


@pytest.fixture
def settings_for(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(database_url: str, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "database_url": database_url,
            "outbox": tmp_path / "outbox",
            "sources": tmp_path / "sources.yaml",
            "allow_private_hosts": True,
            "secret_key": "test-secret",
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[arg-type]

    return make


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `monitor` as a real subprocess, as users do."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=timeout)
