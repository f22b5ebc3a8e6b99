import re
from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_documented_in_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [f"MONITOR_{name.upper()}" for name in Settings.model_fields if f"MONITOR_{name.upper()}" not in readme]
    assert not missing, f"settings missing from README.md: {missing}"


def test_readme_documents_no_unknown_setting() -> None:
    readme = README.read_text(encoding="utf-8")
    # plus the test harness's own variables, which the README's testing section names
    known = {f"MONITOR_{name.upper()}" for name in Settings.model_fields} | {
        "MONITOR_TEST_POSTGRES_URL", "MONITOR_KILL_ROUNDS", "MONITOR_HYPOTHESIS_PROFILE"}
    mentioned = set(re.findall(r"MONITOR_[A-Z_]+[A-Z]", readme))
    assert mentioned <= known, f"README names settings that do not exist: {mentioned - known}"


def test_settings_read_environment_and_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("MONITOR_BASE_URL=https://zones.example.org\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MONITOR_DATABASE_URL", "sqlite:///x.db")
    settings = Settings()
    assert settings.base_url == "https://zones.example.org"
    assert settings.database_url == "sqlite:///x.db"
    assert "@" in settings.user_agent or "http" in settings.user_agent  # a contact


def test_bad_setting_is_a_config_error_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor.cli.common import load_settings
    from tests.conftest import run_cli

    monkeypatch.chdir(tmp_path)  # no .env of the working tree
    monkeypatch.setenv("MONITOR_FETCH_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match="fetch_timeout"):  # the error the CLI maps to exit code 2
        load_settings()
    result = run_cli("crawl", env={"MONITOR_FETCH_TIMEOUT": "soon"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: invalid setting:") and "Traceback" not in result.stderr
    assert "MONITOR_FETCH_TIMEOUT".lower() in result.stderr.lower() or "fetch_timeout" in result.stderr
