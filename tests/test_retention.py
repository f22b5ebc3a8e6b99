"""Raw pages are kept MONITOR_RAW_PAGE_RETENTION_DAYS (default 90), pruned by `serve`; `reextract` says when a page
is no longer kept. The compose file's app has a healthcheck on /healthz (issue 21)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
import yaml
from sqlmodel import Session, select

from monitor.service.scheduler import Service
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import StoredPage
from monitor.timefmt import utcnow
from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server
from tests.test_run_reports import ROUTES, _sources

ROOT = Path(__file__).resolve().parent.parent


def test_default_retention_is_90_days() -> None:
    assert Settings(_env_file=None).raw_page_retention_days == 90  # type: ignore[call-arg]


def test_serve_prunes_old_raw_pages_and_reextract_says_they_are_no_longer_kept(migrated_url: str, tmp_path: Path,
                                                                               settings_for) -> None:  # type: ignore[no-untyped-def]
    with fixture_server(ROUTES) as site:  # type: ignore[arg-type]
        (tmp_path / "sources.yaml").write_text(_sources(site.base), encoding="utf-8")
        env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(tmp_path / "sources.yaml"),
               "MONITOR_ALLOW_PRIVATE_HOSTS": "1"}
        assert run_cli("crawl", "--source", "zone-news", env=env, cwd=tmp_path).returncode == 0
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:
            pages = session.exec(select(StoredPage).order_by(StoredPage.id)).all()
            assert len(pages) == 2
            session.execute(sa.update(StoredPage).where(StoredPage.id == pages[0].id)  # type: ignore[arg-type]
                            .values(fetched_at=utcnow() - timedelta(days=91)))
            session.commit()
        assert Service(settings_for(migrated_url, raw_page_retention_days=0), engine, web=False)._prune_pages() == 0
        assert Service(settings_for(migrated_url, raw_page_retention_days=100), engine, web=False)._prune_pages() == 0
        assert Service(settings_for(migrated_url), engine, web=False)._prune_pages() == 1  # 90 days by default
        with Session(engine) as session:
            assert len(session.exec(select(StoredPage)).all()) == 1
    finally:
        engine.dispose()
    result = run_cli("reextract", "--source", "zone-news", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["pages"], summary["not_kept"]) == (1, 1)
    assert "1 fetched item(s) have no raw page any more: pages are kept 90 days (MONITOR_RAW_PAGE_RETENTION_DAYS)" \
        in result.stderr


def test_compose_app_has_a_healthcheck_on_healthz_that_the_image_can_run() -> None:
    app = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]["app"]
    command = app["healthcheck"]["test"]
    assert command[:2] == ["CMD", "python"] and command[2] == "/app/docker/healthcheck.py"
    script = ROOT / "docker" / "healthcheck.py"
    for status, code in ((200, 0), (503, 1)):
        with fixture_server({"/healthz": Response(status, b"ok")}) as site:
            port = site.base.rsplit(":", 1)[1]
            done = subprocess.run([sys.executable, str(script)], env={"MONITOR_WEB_PORT": port}, capture_output=True,
                                  timeout=30)
        assert done.returncode == code, (status, done.stderr)


def test_compose_app_sets_no_unused_variable() -> None:
    """Every variable the app service sets is read: a setting of monitor.settings, or a knob of docker/start.sh."""
    app = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]["app"]
    start = (ROOT / "docker" / "start.sh").read_text(encoding="utf-8")
    settings = {f"MONITOR_{name.upper()}" for name in Settings.model_fields}
    unused = [key for key in app["environment"] if key not in settings and f"${{{key}" not in start]
    assert not unused, unused
