"""Models and migrations agree; commands refuse an unmigrated database with exit code 2."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import monitor.store.models  # noqa: F401
from monitor.errors import DatabaseNotMigrated
from monitor.store import db
from tests.conftest import run_cli


def test_models_and_migrations_do_not_drift(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_is_idempotent(database_url: str) -> None:
    assert db.upgrade(database_url)[1] == db.head_revision()
    before, after = db.upgrade(database_url)
    assert before == after == db.head_revision()


def test_unmigrated_database_is_refused(database_url: str) -> None:
    engine = db.make_engine(database_url)
    with pytest.raises(DatabaseNotMigrated, match="monitor db upgrade"):
        db.require_current(engine)
    engine.dispose()


@pytest.mark.parametrize("command", [["articles", "list"], ["subscribers", "list"], ["digest", "send"]])
def test_cli_exit_2_on_unmigrated_database(tmp_path: Path, command: list[str]) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    result = run_cli(*command, env=env, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "monitor db upgrade" in result.stderr
    assert result.stdout == ""


def test_cli_db_upgrade_then_commands_work(tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'm.db'}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    result = run_cli("articles", "list", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_commands_without_database_need_none(tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
    assert run_cli("zones", "list", "--json", env=env, cwd=tmp_path).returncode == 0
    assert run_cli("--help", env=env, cwd=tmp_path).returncode == 0
    assert not (tmp_path / "never.db").exists()
