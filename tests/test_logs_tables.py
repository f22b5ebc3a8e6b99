"""Logs and tables an operator reads (issue 21): one timestamped line per event, INFO for normal life, each failure
logged once, JSON on request; tables that never cut ids in an 80-column terminal."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from monitor.store import db
from monitor.store.models import CrawlRun
from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server
from tests.test_serve import _count, _env, _serve, _stop

LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: \S")
WAIT = 40.0


def _serve_one_failing_source(tmp_path: Path, **extra: str) -> list[str]:
    """stderr lines of `monitor serve` running one source whose list page is gone (404) until its run failed."""
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    db.upgrade(url)
    with fixture_server({"/robots.txt": Response(404, b"")}) as site:
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"""sources:
  - name: gone-list-with-a-rather-long-name
    kind: html
    url: {site.base}/news/list.html
    links: "ul a"
    schedule: "every 1h"
    rate_limit: 50
""", encoding="utf-8")
        failed = select(func.count()).select_from(CrawlRun).where(CrawlRun.status == "failed")
        with _serve(_env(url, sources, tmp_path, COLUMNS="80", **extra)) as process:
            deadline = time.monotonic() + WAIT
            while _count(url, failed) < 1 and process.poll() is None:
                if time.monotonic() > deadline:
                    pytest.fail("timed out waiting for the failed run")
                time.sleep(0.2)
            time.sleep(1)  # the run's summary line is written after the run is recorded
            assert _stop(process) == 0
            stderr = process.stderr.read() if process.stderr else ""
    return stderr.splitlines()


def test_serve_logs_one_timestamped_line_per_event_info_for_normal_life_and_each_failure_once(tmp_path: Path) -> None:
    lines = _serve_one_failing_source(tmp_path)
    assert lines and all(LINE.match(line) for line in lines), lines
    assert any(re.search(r" INFO monitor\.service\.scheduler: started: 1 source\(s\) scheduled$", line) for line in lines)
    assert not any(" WARNING " in line for line in lines if "scheduled" in line or "stopping" in line), lines
    # the status as a number of its own in the message: a timestamp's milliseconds or a port may hold "404" too
    about_the_404 = [line for line in lines if re.search(r"(?<!\d)404(?!\d)", line.split(" ", 1)[1])]
    assert len(about_the_404) == 1 and " ERROR " in about_the_404[0], lines  # logged once, where it happened
    assert any("source gone-list-with-a-rather-long-name: listed 0," in line and " INFO " in line for line in lines)
    assert all(len(line) > 0 for line in lines)


def test_serve_logs_json_lines_when_asked(tmp_path: Path) -> None:
    lines = _serve_one_failing_source(tmp_path, MONITOR_LOG_FORMAT="json")
    events = [json.loads(line) for line in lines]
    assert all({"time", "level", "logger", "message"} <= set(event) for event in events)
    assert {"level": "INFO", "logger": "monitor.service.scheduler", "message": "started: 1 source(s) scheduled"} in [
        {k: e[k] for k in ("level", "logger", "message")} for e in events]


def test_tables_never_cut_ids_at_80_columns(tmp_path: Path) -> None:
    env = {"COLUMNS": "80"}
    zones = run_cli("zones", "list", env=env, cwd=tmp_path)
    topics = run_cli("topics", "list", env=env, cwd=tmp_path)
    zone_ids = [json.loads(line)["id"] for line in run_cli("zones", "list", "--json", cwd=tmp_path).stdout.splitlines()]
    topic_ids = [json.loads(line)["id"] for line in run_cli("topics", "list", "--json", cwd=tmp_path).stdout.splitlines()]
    for result, ids in ((zones, zone_ids), (topics, topic_ids)):
        assert result.returncode == 0, result.stderr
        assert all(len(line) <= 80 for line in result.stdout.splitlines())
        first_cells = {line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│")}
        assert set(ids) <= first_cells, set(ids) - first_cells
        assert "…" not in result.stdout  # the other columns wrap rather than end in an ellipsis


def test_sources_list_and_runs_never_cut_names_at_80_columns(tmp_path: Path) -> None:
    name = "zhongguancun-science-park-news-of-the-administration"
    (tmp_path / "sources.yaml").write_text(f"""sources:
  - name: {name}
    kind: html
    url: http://127.0.0.1:9/list.html
    links: "ul a"
""", encoding="utf-8")
    env = {"COLUMNS": "80", "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}", "MONITOR_ALLOW_PRIVATE_HOSTS": "1",
           "MONITOR_FETCH_RETRIES": "0"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    assert run_cli("crawl", env=env, cwd=tmp_path).returncode == 1  # nothing listens on port 9: a failed run to list
    for command in (["sources", "list"], ["runs"]):
        result = run_cli(*command, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert name in result.stdout, (command, result.stdout)
