"""A source kind is one module: its config model, its checks and its scraper.

The kind ``lines`` below (a plain-text list of item URLs) lives in a folder outside the repository
that is added to the ``scrapers`` package's path, as a module dropped into scrapers/ would be: the
sources file, ``monitor sources validate``/``sources test`` and a crawl then take it, with no file of
the repository edited.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from sqlmodel import Session, select

import scrapers
from monitor.errors import ConfigError, SourcesFileError
from monitor.pipeline import crawl
from monitor.sourcesfile import SourceConfig, parse_sources
from monitor.store import db
from monitor.store.models import Article
from scrapers import scraper_registry
from tests.fixture_server import Response, fixture_server

LINES_KIND = '''"""Kind ``lines``: a plain-text file listing item URLs, one per line."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from monitor.fetch.fetcher import Fetcher
from scrapers.base import LinkFilteredSource, Scraper, fetch_listing_page, item_links


class LinesSource(LinkFilteredSource):
    kind: Literal["lines"]
    comment: str = Field(default="#", min_length=1)  # lines starting with it list nothing
    max_items: int = Field(default=10, ge=1)


class LinesScraper(Scraper[LinesSource]):
    name = "lines"
    config = LinesSource

    async def discover(self, source: LinesSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        page = await fetch_listing_page(source, fetcher, source.url)
        if page is None:
            return []
        lines = [line.strip() for line in page.content.decode("utf-8").splitlines()]
        return item_links(source, page.final_url, [x for x in lines if x and not x.startswith(source.comment)])[: source.max_items]
'''



def _article(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><meta charset='utf-8'></head><body><h1>{title}</h1><div class='time'>2022-11-14 10:00</div>"
            f"<div class='content'>{body}</div></body></html>").encode()


TITANIUM = _article("宝鸡高新区钛产业链再延伸", [
    "宝鸡高新区钛及钛合金产业产值同比增长百分之二十，形成从海绵钛到钛材深加工的完整链条。",
    "当地企业与高校共建研发平台，攻关航空航天用高端钛材。", "高新区还设立产业基金，支持钛材企业技术改造和上市融资。"])
RARE_EARTHS = _article("包头稀土高新区新签约项目十二个", [
    "包头稀土高新区稀土新材料产业园今年新签约项目十二个，总投资超过八十亿元。",
    "园区围绕永磁电机、抛光材料和储氢合金延伸产业链，引进上下游企业。", "管委会表示，下一步将建设稀土功能材料中试基地，服务中小企业研发。"])


@pytest.fixture
def kinds_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder searched as part of the scrapers package for this test; modules imported from it are forgotten after."""
    folder = tmp_path / "kinds"
    folder.mkdir()
    monkeypatch.setattr(scrapers, "__path__", [*scrapers.__path__, str(folder)])
    before = set(sys.modules)
    scraper_registry.cache_clear()
    yield folder
    for name in set(sys.modules) - before:
        if name.startswith("scrapers."):
            del sys.modules[name]
            vars(scrapers).pop(name.split(".")[1], None)
    scraper_registry.cache_clear()


def _add_module(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.py").write_text(text, encoding="utf-8")
    importlib.invalidate_caches()
    scraper_registry.cache_clear()


def _sources_text(base: str, **lines_fields: Any) -> str:
    extra = "".join(f"    {key}: {json.dumps(value)}\n" for key, value in lines_fields.items())
    return (f"sources:\n"
            f"  - name: zone-news\n    kind: html\n    url: {base}/list.html\n    links: 'ul a'\n"
            f"  - name: zone-lines\n    kind: lines\n    url: {base}/urls.txt\n    rate_limit: 100\n{extra}")


def _routes() -> dict[str, Response]:
    listing = "# the zone's items\n/a/1.html\n\nhttp://elsewhere.example/a/2.html\n/a/3.html\n"
    return {"/urls.txt": Response(200, listing.encode(), {"Content-Type": "text/plain"}),
            "/a/1.html": Response(200, TITANIUM, {"Content-Type": "text/html; charset=utf-8"}),
            "/a/3.html": Response(200, RARE_EARTHS, {"Content-Type": "text/html; charset=utf-8"})}


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], env: dict[str, str],
         *args: str) -> tuple[int, str, str]:
    """`monitor ARGS` in this process (so it sees the test's kinds folder): exit code, stdout, stderr."""
    from monitor.cli import main

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "argv", ["monitor", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_new_kind_module_is_a_new_kind_of_the_sources_file(kinds_folder: Path) -> None:
    with pytest.raises(SourcesFileError, match="field 'kind': Input should be .*'html'"):
        parse_sources(_sources_text("http://example.com"))  # not a kind yet
    _add_module(kinds_folder, "lines", LINES_KIND)
    news, lines = parse_sources(_sources_text("http://example.com", comment=";", max_items=3)).sources
    assert type(lines).__name__ == "LinesSource" and type(news).__name__ == "HtmlSource"
    assert (lines.kind, lines.comment, lines.max_items, lines.rate_limit) == ("lines", ";", 3, 100)
    assert scraper_registry()["lines"].config is type(lines)
    assert SourceConfig.model_validate(lines.model_dump()) == lines
    # Its checks are its model's, reported as every other field's: source and field named.
    with pytest.raises(SourcesFileError) as caught:
        parse_sources(_sources_text("http://example.com", max_items=0, links="ul a"))
    assert "source 'zone-lines': field 'max_items': Input should be greater than or equal to 1" in str(caught.value)
    assert "source 'zone-lines': field 'links': Extra inputs are not permitted (kind 'lines' has no such field)" in str(caught.value)
    with pytest.raises(SourcesFileError, match="source 'zone-news': field 'comment'"):
        parse_sources(_sources_text("http://example.com").replace("links: 'ul a'", "links: 'ul a'\n    comment: ';'"))


def test_the_cli_and_the_pipeline_run_a_new_kind(kinds_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _add_module(kinds_folder, "lines", LINES_KIND)
    monkeypatch.chdir(tmp_path)
    sources = tmp_path / "sources.yaml"
    env = {"MONITOR_SOURCES": str(sources), "MONITOR_ALLOW_PRIVATE_HOSTS": "true",
           "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    with fixture_server(_routes()) as site:  # type: ignore[arg-type]
        sources.write_text(_sources_text(site.base), encoding="utf-8")
        code, out, err = _cli(monkeypatch, capsys, env, "sources", "validate", "--json")
        assert code == 0, err
        assert [json.loads(line) for line in out.splitlines()] == [
            {"name": "zone-news", "kind": "html", "valid": True}, {"name": "zone-lines", "kind": "lines", "valid": True}]
        code, out, err = _cli(monkeypatch, capsys, env, "sources", "test", "zone-lines", "--limit", "1", "--json")
        assert code == 0, err
        head, *items = (json.loads(line) for line in out.splitlines())
    assert head == {"name": "zone-lines", "kind": "lines", "discovered": 2, "error": None,
                    "urls": [f"{site.base}/a/1.html", f"{site.base}/a/3.html"]}  # the comment and the other host left out
    assert [(item["url"], item["title"], item["error"]) for item in items] == [(f"{site.base}/a/1.html", "宝鸡高新区钛产业链再延伸", None)]


def test_a_crawl_stores_the_items_of_a_new_kind(kinds_folder: Path, migrated_url: str, settings_for: Any) -> None:
    _add_module(kinds_folder, "lines", LINES_KIND)
    engine = db.make_engine(migrated_url)
    try:
        with fixture_server(_routes()) as site:  # type: ignore[arg-type]
            lines = parse_sources(_sources_text(site.base)).get("zone-lines")
            result = crawl(settings_for(migrated_url), [lines], engine)[0]
        assert (result.fetched, result.new, result.error) == (2, 2, None)
        with Session(engine) as session:
            assert sorted(a.url for a in session.exec(select(Article)).all()) == [f"{site.base}/a/1.html", f"{site.base}/a/3.html"]
    finally:
        engine.dispose()


DUPLICATE_HTML = '''from typing import Literal

from monitor.sourcesfile import SourceConfig
from scrapers.base import Scraper


class OtherHtmlSource(SourceConfig):
    kind: Literal["html"]


class OtherHtmlScraper(Scraper[OtherHtmlSource]):
    name = "html"
    config = OtherHtmlSource

    async def discover(self, source, fetcher, since=None):
        return []
'''


def test_two_scrapers_with_one_name_is_an_error_at_start_up(kinds_folder: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _add_module(kinds_folder, "more_html", DUPLICATE_HTML)
    message = r"two scrapers claim kind 'html': HtmlListScraper \(scrapers.html\) and OtherHtmlScraper \(scrapers.more_html\)"
    with pytest.raises(ConfigError, match=message):
        scraper_registry()
    with pytest.raises(ConfigError, match=message):
        parse_sources("sources: []\n")
    (tmp_path / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _out, err = _cli(monkeypatch, capsys, {"MONITOR_SOURCES": str(tmp_path / "sources.yaml")}, "sources", "validate")
    assert code == 2 and "two scrapers claim kind 'html'" in err


def test_a_scraper_whose_config_declares_another_kind_is_refused(kinds_folder: Path) -> None:
    _add_module(kinds_folder, "mislabelled", DUPLICATE_HTML.replace('name = "html"', 'name = "news"'))
    with pytest.raises(ConfigError, match=r"OtherHtmlScraper \(scrapers.mislabelled\) is named 'news' but its config "
                                          r"OtherHtmlSource declares kind: .*Literal\['news'\]"):
        scraper_registry()


def test_a_kind_module_that_fails_to_load_is_named(kinds_folder: Path) -> None:
    _add_module(kinds_folder, "broken", LINES_KIND.replace("from pydantic import Field", "from pydantic import Feld"))
    with pytest.raises(ConfigError, match="cannot load the source kind module scrapers.broken: ImportError: .*'Feld'"):
        parse_sources("sources: []\n")


def _minimal(config: type[SourceConfig], kind: str) -> dict[str, Any]:
    """The smallest valid source of a kind: its required fields given a value that is a selector and a module name."""
    data: dict[str, Any] = {"name": "s", "kind": kind, "url": "http://example.com/list"}
    for field, info in config.model_fields.items():
        if info.is_required() and field not in data:
            data[field] = "a"
    return data


def test_every_kind_declares_its_config_and_refuses_the_fields_of_the_others() -> None:
    registry = scraper_registry()
    assert set(registry) == {"html", "feed", "sitemap", "epaper", "plugin"}
    for kind, scraper in registry.items():
        assert issubclass(scraper.config, SourceConfig) and get_args(scraper.config.model_fields["kind"].annotation) == (kind,)
        assert type(SourceConfig.model_validate(_minimal(scraper.config, kind))) is scraper.config
    for kind, scraper in registry.items():
        own = set(scraper.config.model_fields)
        for other in registry.values():
            for field in sorted(set(other.config.model_fields) - own):
                text = json.dumps({"sources": [_minimal(scraper.config, kind) | {field: "a"}]})
                with pytest.raises(SourcesFileError, match=f"source 's': field '{field}': Extra inputs are not permitted "
                                                           f"\\(kind '{kind}' has no such field\\)"):
                    parse_sources(text)


def test_the_fields_every_kind_has_are_the_base_model_s() -> None:
    registry = scraper_registry()
    common = set.intersection(*(set(s.config.model_fields) for s in registry.values()))
    assert common == set(SourceConfig.model_fields)
    assert {"name", "kind", "url", "schedule", "zones", "enabled", "run_budget", "rate_limit", "timezone"} <= common


def test_a_kind_s_required_fields_and_unknown_kinds_are_named() -> None:
    for kind, field in (("epaper", "links"), ("plugin", "module")):
        with pytest.raises(SourcesFileError, match=f"source 'x': field '{field}': required for kind '{kind}'"):
            parse_sources(f"sources:\n  - {{name: x, kind: {kind}, url: 'http://example.com/'}}\n")
    url_only = parse_sources("sources:\n  - {name: x, kind: html, url: 'http://example.com/'}\n").sources[0]
    assert url_only.links is None  # html finds its links itself (scrapers/linkdiscovery.py)
    with pytest.raises(SourcesFileError, match="source 'x': field 'url': Field required"):
        parse_sources("sources:\n  - {name: x, kind: feed}\n")
    with pytest.raises(SourcesFileError, match="source 'x': field 'kind': Input should be 'epaper', 'feed', 'html', "
                                               "'plugin' or 'sitemap' \\(got 'rss'\\)"):
        parse_sources("sources:\n  - {name: x, kind: rss, url: 'http://example.com/'}\n")
    with pytest.raises(SourcesFileError, match="source 'x': field 'kind': Field required"):
        parse_sources("sources:\n  - {name: x, url: 'http://example.com/'}\n")


def test_a_backfill_widens_the_list_pages_of_kinds_that_have_them() -> None:
    html, feed = parse_sources("sources:\n  - {name: h, kind: html, url: 'http://example.com/', links: a, max_pages: 3}\n"
                               "  - {name: f, kind: feed, url: 'http://example.com/rss'}\n").sources
    assert (html.list_pages, html.with_list_pages(60).list_pages, html.with_list_pages(60).links) == (3, 60, "a")
    assert (feed.list_pages, feed.with_list_pages(60)) == (5, feed)  # one list: nothing to widen
