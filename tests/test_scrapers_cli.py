"""`monitor sources test` (a dry run that stores nothing) and `monitor reextract` on the demo site."""

from __future__ import annotations

import json
from pathlib import Path

from monitor.demo.server import DemoSite
from tests.conftest import run_cli


def _lines(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_sources_test_previews_and_stores_nothing(migrated_url: str, demo_site: DemoSite, tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(demo_site.sources_yaml(), encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "1"}
    for name in ("demo-paper-epaper",):
        result = run_cli("sources", "test", name, "--json", "--limit", "2", env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        head, *items = _lines(result.stdout)
        assert head["name"] == name and head["discovered"] >= 2 and head["error"] is None
        assert len(items) == 2 and all(i["title"] and i["body_chars"] > 50 and i["error"] is None for i in items)
    listing = run_cli("articles", "list", "--json", env=env, cwd=tmp_path)
    assert listing.returncode == 0 and listing.stdout.strip() == ""  # the dry run stored nothing
    missing = run_cli("sources", "test", "no-such-source", env=env, cwd=tmp_path)
    assert missing.returncode == 2


def test_reextract_reruns_stored_pages(migrated_url: str, demo_site: DemoSite, tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(demo_site.sources_yaml(), encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "1"}
    assert run_cli("crawl", "--source", "demo-paper-news", env=env, cwd=tmp_path).returncode == 0
    before = _lines(run_cli("articles", "list", "--json", env=env, cwd=tmp_path).stdout)
    result = run_cli("reextract", "--source", "demo-paper-news", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = _lines(result.stdout)[0]
    assert summary["pages"] == len(before) > 0 and summary["errors"] == 0 and summary["new"] == 0
    after = _lines(run_cli("articles", "list", "--json", env=env, cwd=tmp_path).stdout)
    assert {a["url"]: a["title"] for a in after} == {a["url"]: a["title"] for a in before}
    since = run_cli("reextract", "--since", "2999-01-01", "--json", env=env, cwd=tmp_path)
    assert _lines(since.stdout)[0]["pages"] == 0
