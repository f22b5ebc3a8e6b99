"""Golden fixtures for every scraper: saved responses served on 127.0.0.1 -> expected item URLs and articles.

Each folder under tests/fixtures/scrapers/ is one case: ``case.json`` holds the source (its
URLs with ``{base}`` for the local server), the routes (path -> saved file) and what the
scraper must find. The meta-test fails when a source kind, or a site plugin, has no case.
"""

from __future__ import annotations

import asyncio
import json
import pkgutil
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import scrapers.sites
from monitor.fetch.fetcher import Fetcher
from monitor.settings import Settings
from monitor.sourcesfile import SourceConfig, load_sources
from monitor.timefmt import format_published
from scrapers import scraper_registry
from scrapers.epaper import EpaperScraper
from tests.fixture_server import Response, fixture_server

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "fixtures" / "scrapers"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "case.json").is_file())


def _settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'x.db'}", allow_private_hosts=True,  # type: ignore[call-arg]
                    fetch_timeout=5.0, retry_backoff=0.01, fetch_retries=0)


def _fill(value: Any, base: str) -> Any:
    if isinstance(value, str):
        return value.replace("{base}", base)
    if isinstance(value, list):
        return [_fill(v, base) for v in value]
    if isinstance(value, dict):
        return {_fill(k, base): _fill(v, base) for k, v in value.items()}
    return value


def _routes(folder: Path, spec: dict[str, Any]) -> dict[str, Response]:
    routes = {}
    for path, route in spec["routes"].items():
        routes[path] = Response(200, (folder / "pages" / route["file"]).read_bytes(), {"Content-Type": route["content_type"]})
    return routes


def _run_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = CASES / name
    spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    if "today" in spec:
        monkeypatch.setattr(EpaperScraper, "today", lambda self, source: date.fromisoformat(spec["today"]))
    routes = _routes(folder, spec)
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        for response in routes.values():  # saved feeds and sitemaps name the server they came from
            response.body = response.body.replace(b"{base}", site.base.encode())
        if "source_from" in spec:  # a real source of sources.yaml, its host swapped for the local server
            real = load_sources(ROOT / "sources.yaml").get(spec["source_from"])
            parts = urlsplit(real.url)
            spec["source"] = real.model_dump() | {"url": real.url.replace(f"{parts.scheme}://{parts.netloc}", "{base}"),
                                                  "enabled": True}
        source = SourceConfig.model_validate(_fill(spec["source"], site.base) | {"rate_limit": 100})
        expected = _fill(spec["expected"], site.base)
        scraper = scraper_registry()[source.kind]

        async def run() -> tuple[list[str], dict[str, Any]]:
            async with Fetcher(_settings(tmp_path)) as fetcher:
                fetcher.set_rate_limit(site.base, 100)
                urls = await scraper.discover(source, fetcher)
                articles = {}
                for url in expected["articles"]:
                    page = await scraper.fetch(source, fetcher, url)
                    articles[url] = scraper.parse(source, page)[0]
                return urls, articles

        urls, articles = asyncio.run(run())
    assert urls == expected["urls"]
    for url, want in expected["articles"].items():
        article = articles[url]
        assert article.url == url
        assert article.title == want["title"]
        assert format_published(article.published) == want["published"]
        if "author" in want:
            assert article.author == want["author"]
        assert len(article.body) > 60


@pytest.mark.parametrize("name", CASE_NAMES)
def test_scraper_golden_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run_case(name, tmp_path, monkeypatch)


def test_every_scraper_and_site_plugin_has_a_golden_case() -> None:
    specs = [json.loads((CASES / n / "case.json").read_text(encoding="utf-8")) for n in CASE_NAMES]
    real = {s.name: s for s in load_sources(ROOT / "sources.yaml").sources}
    sources = [real[spec["source_from"]].model_dump() if "source_from" in spec else spec["source"] for spec in specs]
    kinds = {source["kind"] for source in sources}
    modules = {source.get("module") for source in sources}
    missing_kinds = set(scraper_registry()) - kinds
    assert not missing_kinds, f"source kinds without a golden case in {CASES}: {missing_kinds}"
    sites = {m.name for m in pkgutil.iter_modules(scrapers.sites.__path__)}
    assert not sites - modules, f"site plugins without a golden case in {CASES}: {sites - modules}"


def test_every_real_source_is_unverified_and_has_a_saved_response_case() -> None:
    specs = [json.loads((CASES / n / "case.json").read_text(encoding="utf-8")) for n in CASE_NAMES]
    covered = {spec.get("source_from") for spec in specs} | {spec["source"].get("module") for spec in specs if "source" in spec}
    text = (ROOT / "sources.yaml").read_text(encoding="utf-8")
    for source in load_sources(ROOT / "sources.yaml").sources:
        assert source.verified is False, source.name
        module = getattr(source, "module", None)  # plugin sources name the site module their case may cover
        assert source.name in covered or module in covered or not source.enabled, f"{source.name}: no saved-response case"
    assert "commit" in text  # provenance comments name the code and commit


def test_every_kind_the_sources_file_admits_has_a_scraper() -> None:
    """The crawl looks a source's scraper up without a fallback: a kind without one must not get past the file."""
    from monitor.errors import SourcesFileError
    from monitor.sourcesfile import parse_sources
    from scrapers import scraper_for

    for kind in scraper_registry():
        fields = {"links": "a"} if kind in ("html", "epaper") else {"module": "scrapers.sites.stdaily"} if kind == "plugin" else {}
        text = json.dumps({"sources": [{"name": f"s-{kind}", "kind": kind, "url": "https://example.gov.cn/", **fields}]})
        assert scraper_for(parse_sources(text).sources[0]).name == kind
    with pytest.raises(SourcesFileError, match="rss"):
        parse_sources(json.dumps({"sources": [{"name": "s", "kind": "rss", "url": "https://example.gov.cn/"}]}))

