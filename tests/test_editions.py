"""E-paper sources read every edition published since the last successful run, up to max_editions (issue 21)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import scrapers.sites.stdaily as stdaily
from monitor.fetch.fetcher import Fetcher
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig
from scrapers import scraper_registry
from scrapers.epaper import EpaperScraper
from tests.fixture_server import Response, fixture_server

MONTHS = {"2024-04-01": ["2024-04-27", "2024-04-29", "2024-04-30"], "2024-05-01": ["2024-05-02", "2024-05-03"]}
JSON = {"Content-Type": "application/json;charset=UTF-8"}


def _settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'x.db'}", allow_private_hosts=True,  # type: ignore[call-arg]
                    fetch_timeout=5.0, retry_backoff=0.01, fetch_retries=0)


def _api(handler) -> Response:  # type: ignore[no-untyped-def]
    asked = json.loads(handler.posted or b"{}")
    if handler.path.endswith("/period/date"):
        answer = {"obj": {"dateList": MONTHS.get(asked["date"], [])}}
    elif handler.path.endswith("/period/periodTime"):
        answer = {"obj": {"editionList": [{"id": f"p{asked['periodTime']}", "editionName": "01"}]}}
    else:
        answer = {"list": [{"id": asked["id"].removeprefix("p")}]}
    return Response(200, json.dumps(answer).encode(), JSON)


def _stdaily_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, since: datetime | None, **fields: int) -> list[str]:
    monkeypatch.setattr(stdaily, "utcnow", lambda: datetime(2024, 5, 3, 4, 0, tzinfo=UTC))
    paths = ["/api/uv/article/period/date", "/api/uv/article/period/periodTime", "/api/uv/article/article/editionId"]
    with fixture_server(dict.fromkeys(paths, _api)) as site:
        source = SourceConfig.model_validate({"name": "kjrb", "kind": "plugin", "module": "stdaily",
                                              "url": f"{site.base}/api", "rate_limit": 100, **fields})

        async def run() -> list[str]:
            async with Fetcher(_settings(tmp_path)) as fetcher:
                fetcher.set_rate_limit(site.base, 100)
                return await scraper_registry()["plugin"].discover(source, fetcher, since)

        urls = asyncio.run(run())
    return [url.rsplit("date=", 1)[1] for url in urls]


def test_stdaily_reads_every_edition_since_the_last_run_across_months(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    since = datetime(2024, 4, 28, 16, 30, tzinfo=UTC)  # 2024-04-29 00:30 in Shanghai
    assert _stdaily_dates(tmp_path, monkeypatch, since) == ["2024-05-03", "2024-05-02", "2024-04-30", "2024-04-29"]


def test_stdaily_reads_at_most_max_editions_and_the_first_run_only_the_latest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    since = datetime(2024, 4, 1, tzinfo=UTC)
    assert _stdaily_dates(tmp_path, monkeypatch, since, max_editions=3) == ["2024-05-03", "2024-05-02", "2024-04-30"]
    assert _stdaily_dates(tmp_path, monkeypatch, None) == ["2024-05-03"]


def _epaper_days(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, since: datetime, **fields: int) -> list[str]:
    monkeypatch.setattr(EpaperScraper, "today", lambda self, source: date(2024, 5, 20))
    with fixture_server({}) as site:
        source = SourceConfig.model_validate({"name": "paper", "kind": "epaper", "links": "a", "rate_limit": 100,
                                              "url": site.base + "/html/{date:%Y-%m/%d}/node_{page}.htm", **fields})

        async def run() -> None:
            async with Fetcher(_settings(tmp_path)) as fetcher:
                fetcher.set_rate_limit(site.base, 100)
                await scraper_registry()["epaper"].discover(source, fetcher, since)

        asyncio.run(run())
        return [hit.split("/")[3] for hit in site.hits if hit.startswith("/html/")]


def test_the_epaper_kind_tries_every_day_since_the_last_run_up_to_max_editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ten_days_ago = datetime(2024, 5, 10, 1, tzinfo=UTC)
    assert len(_epaper_days(tmp_path, monkeypatch, ten_days_ago, max_editions=30)) == 11  # 10 to 20 May
    assert _epaper_days(tmp_path, monkeypatch, ten_days_ago, max_editions=3) == ["20", "19", "18"]
