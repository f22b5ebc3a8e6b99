"""URL-only html sources: article links, next pages, feeds and sitemaps found without selectors.

The fixture sites (tests/data/sites, one per CMS family: TRS, Hanweb, gov.cn, DedeCMS, PHPCMS,
WordPress, Founder e-paper, people.cn, JEECMS, /c/date/ portals) are served from 127.0.0.1 and read
through the real fetcher, as a crawl reads them.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlmodel import Session, select

from monitor.fetch.fetcher import Fetcher
from monitor.fetch.urls import canonical_url
from monitor.pipeline import crawl
from monitor.settings import Settings
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import DiscoveredUrl
from scrapers.base import Discovered
from scrapers.html import HtmlListScraper, HtmlSource
from scrapers.linkdiscovery import discover_list, expand_datastore, url_shape
from scrapers.pagination import find_next_page, page_number
from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server
from tests.fixture_sites import FixtureSite, load_sites, serve_site

SITES = [site for site in load_sites() if site.split != "limits"]  # limits: layouts known to be got wrong (bench)


def _settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'm.db'}", allow_private_hosts=True,  # type: ignore[call-arg]
                    sources=tmp_path / "sources.yaml", outbox=tmp_path / "outbox")


def _source(url: str, **fields: object) -> HtmlSource:
    lines = "".join(f"    {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    text = f"sources:\n  - name: zone-site\n    kind: html\n    url: '{url}'\n    rate_limit: 1000\n{lines}"
    source = parse_sources(text).sources[0]
    assert isinstance(source, HtmlSource)
    return source


def _discover(tmp_path: Path, source: HtmlSource) -> Discovered:
    async def run() -> Discovered:
        async with Fetcher(_settings(tmp_path)) as fetcher:
            fetcher.set_rate_limit(source.url, source.rate_limit)
            return await HtmlListScraper().discover_explained(source, fetcher)
    return asyncio.run(run())


@pytest.mark.parametrize("site", SITES, ids=[s.family for s in SITES])
def test_a_list_url_alone_finds_the_listed_articles_of_each_family(site: FixtureSite, tmp_path: Path) -> None:
    with serve_site(site, with_articles=False) as server:
        found = _discover(tmp_path, _source(server.base + site.start, max_pages=2))
        truth = {canonical_url(server.base + a) for page in site.pages for a in page.articles}
        hits = set(found.urls) & truth
        assert len(hits) >= 0.95 * len(truth), sorted(truth - set(found.urls))
        assert len(set(found.urls) - truth) <= 0.02 * len(found.urls), sorted(set(found.urls) - truth)
        list_pages = [page.path for page in site.pages]
        assert [hit for hit in server.hits if hit in list_pages] == list_pages  # paged via the found next page
    assert any("article URL pattern" in reason for reason in found.reasons)


@pytest.mark.parametrize("site", SITES, ids=[s.family for s in SITES])
def test_the_hand_written_selector_config_selects_the_same_articles(site: FixtureSite, tmp_path: Path) -> None:
    selectors = {key: value for key, value in site.selectors.items() if value}
    with serve_site(site, with_articles=False) as server:
        # One list page each: TRS pages by script, which no next_page selector can follow.
        by_selector = _discover(tmp_path, _source(server.base + site.start, max_pages=1, **selectors))
        found = _discover(tmp_path / "again", _source(server.base + site.start, max_pages=1))
    assert by_selector.urls and set(by_selector.urls) == set(found.urls)


def test_a_home_url_reads_the_feed_the_home_page_announces(tmp_path: Path) -> None:
    site = next(s for s in SITES if s.family == "wordpress")
    with serve_site(site, with_articles=False) as server:
        found = _discover(tmp_path, _source(server.base + "/"))
        assert site.feed in server.hits and "/wp-sitemap.xml" not in server.hits
        assert found.urls == tuple(canonical_url(server.base + a) for a in site.home_articles)
    assert "feed" in found.reasons[0] and 'rel="alternate"' in found.reasons[0]


def _sitemap(base: str, paths: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{base}{p}</loc><lastmod>2022-11-{20 + n}</lastmod></url>" for n, p in enumerate(paths))
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


HOME = ("<html><head><meta charset='utf-8'><title>高新区</title></head><body><div class='news'><ul>"
        + "".join(f"<li><a href='/news/2022/11/{n}/{1000 + n}.html'>高新区第{n}条新闻标题比较长一些</a><span>2022-11-{n:02d}</span></li>" for n in range(1, 9))
        + "</ul></div><div class='nav'><a href='/about/'>关于</a><a href='/contact/'>联系</a></div></body></html>").encode()


def test_a_home_url_without_a_feed_reads_the_sitemaps_of_robots_txt(tmp_path: Path) -> None:
    routes: dict[str, Response] = {"/index.html": Response(200, HOME, {"Content-Type": "text/html"})}
    with fixture_server(routes) as server:  # type: ignore[arg-type]
        routes["/robots.txt"] = Response(200, f"User-agent: *\nDisallow: /admin/\nSITEMAP: {server.base}/sitemap.xml\n".encode())
        routes["/sitemap.xml"] = Response(200, _sitemap(server.base, ["/a/1.html", "/a/2.html", "/a/3.html"]), {"Content-Type": "application/xml"})
        found = _discover(tmp_path, _source(server.base + "/index.html"))
        assert found.urls == tuple(f"{server.base}/a/{n}.html" for n in (3, 2, 1))  # newest first
    assert "robots.txt" in found.reasons[0]


def test_a_home_url_with_neither_feed_nor_sitemap_reads_its_own_list(tmp_path: Path) -> None:
    routes = {"/": Response(200, HOME, {"Content-Type": "text/html"})}
    with fixture_server(routes) as server:  # type: ignore[arg-type]
        found = _discover(tmp_path, _source(server.base + "/"))
    assert found.urls == tuple(f"{server.base}/news/2022/11/{n}/{1000 + n}.html" for n in range(1, 9))
    assert found.notes[0] == "2022-11-01 · 高新区第1条新闻标题比较长一些"


def test_a_hand_written_next_page_selector_wins_over_the_found_one(tmp_path: Path) -> None:
    site = next(s for s in SITES if s.family == "trs")
    with serve_site(site, with_articles=False) as server:
        found = _discover(tmp_path, _source(server.base + site.start, max_pages=2, next_page="a.no-such-link"))
        assert [hit for hit in server.hits if hit != "/robots.txt"] == [site.start]
    assert len(found.urls) == len(site.pages[0].articles)


def _next(html: str, url: str) -> str | None:
    found = find_next_page(BeautifulSoup(html, "lxml"), url)
    return found.url if found else None


def test_next_pages_from_trs_scripts_page_numbers_and_next_links() -> None:
    trs = '<script>var currentPage = {0};var countPage = 3\ncreatePageHTML(countPage, currentPage, "index", "html");</script>'
    assert _next(trs.format(0), "http://a.gov.cn/col/index.html") == "http://a.gov.cn/col/index_1.html"
    assert _next(trs.format(1), "http://a.gov.cn/col/index_1.html") == "http://a.gov.cn/col/index_2.html"
    assert _next(trs.format(2), "http://a.gov.cn/col/index_2.html") is None  # the last of 3 pages
    newer = "<script>createPageHTML('page_div', 7, 1, 'index', 'shtml', 120);</script>"
    assert _next(newer, "http://a.gov.cn/col/") == "http://a.gov.cn/col/index_1.shtml"
    numbers = "<div class='pages'><a href='?catid=9&page=1'>1</a><a href='?catid=9&page=2'>2</a><a href='?catid=9&page=3'>3</a></div>"
    assert _next(numbers, "http://a.cn/list.php?catid=9&page=2") == "http://a.cn/list.php?catid=9&page=3"
    assert _next("<a href='list_7_2.html'>下一页</a>", "http://a.cn/a/news/") == "http://a.cn/a/news/list_7_2.html"
    assert _next("<a href='http://evil.example/2.html'>下一页</a>", "http://a.cn/a/news/") is None  # another site
    assert page_number("http://a.gov.cn/col/index_1.html") == 2 and page_number("http://a.cn/x?pageNum=4") == 4


def test_hanweb_records_are_read_out_of_their_xml_script() -> None:
    page = ('<div id="1234"><script type="text/xml"><datastore><recordset>'
            '<record><![CDATA[<li><a href="/art/2022/11/22/art_1229_123.html">高新区召开科技创新工作推进会</a><span>2022-11-22</span></li>]]></record>'
            '<record><![CDATA[<li><a href="/art/2022/11/21/art_1229_120.html">高新区发布人才引进三年行动计划</a><span>2022-11-21</span></li>]]></record>'
            '</recordset></datastore></script></div>')
    assert expand_datastore(page).count("<li>") == 2
    found = discover_list(page, "http://www.a.gov.cn/col/col1229/index.html")
    assert [(link.url.rsplit("/", 1)[1], link.date) for link in found.links] == [
        ("art_1229_123.html", "2022-11-22"), ("art_1229_120.html", "2022-11-21")]
    assert found.block is not None and found.block.pattern == "/art/#/#/#/art_#_#.html"


def test_url_shapes_keep_words_and_generalise_numbers_and_slugs() -> None:
    assert url_shape("http://a.gov.cn/xwzx/202211/t20221122_4821828.html") == "/xwzx/#/t#_#.html"
    assert url_shape("http://a.cn/2022/11/22/gaoxinqu-keji-chuangxin/") == "/#/#/#/{slug}/"
    assert url_shape("http://a.cn/index.php?m=content&c=index&a=show&catid=9&id=12") == "/index.php?a=show&c=index&catid=#&id=#&m=content"


def test_a_page_without_a_list_says_so() -> None:
    found = discover_list("<html><body><a href='/about/'>关于</a><p>正文</p></body></html>", "http://a.cn/x/")
    assert found.links == () and found.block is None
    assert found.reasons()[0] == "no repeated block of article-like links found"


def test_crawl_of_a_url_only_source_stores_the_listed_articles(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    site = next(s for s in SITES if s.family == "dedecms")  # GB2312 pages
    engine = db.make_engine(migrated_url)
    with serve_site(site) as server:
        text = f"sources:\n  - name: zone-dede\n    kind: html\n    url: {server.base}{site.start}\n    max_pages: 2\n    rate_limit: 1000\n"
        result = crawl(settings_for(migrated_url), list(parse_sources(text).sources), engine)[0]
    truth = {canonical_url(server.base + a) for page in site.pages for a in page.articles}
    assert result.error is None and result.fetched == len(truth)
    with Session(engine) as session:
        rows = session.exec(select(DiscoveredUrl)).all()
        assert {row.url for row in rows} == truth and {row.state for row in rows} == {"fetched"}


def test_sources_test_shows_the_links_found_and_why(tmp_path: Path) -> None:
    site = next(s for s in SITES if s.family == "hanweb")
    with serve_site(site) as server:
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: zone-hanweb\n    kind: html\n    url: '{server.base}{site.start}'\n    max_pages: 2\n    rate_limit: 1000\n",
                           encoding="utf-8")
        env = {"MONITOR_SOURCES": str(sources), "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}",
               "MONITOR_ALLOW_PRIVATE_HOSTS": "true"}
        as_json = run_cli("sources", "test", "zone-hanweb", "--limit", "0", "--json", env=env, cwd=tmp_path)
        as_text = run_cli("sources", "test", "zone-hanweb", "--limit", "0", env=env, cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    record = json.loads(as_json.stdout.splitlines()[0])
    assert record["discovered"] == 30 and len(record["notes"]) == 30
    reasons = "\n".join(record["reasons"])
    assert "list block: div > div.datastore > li > a (15 links, 15 dated" in reasons
    assert "article URL pattern: /art/#/#/#/art_#_#.html" in reasons
    assert "pageNum=2 (from link <a> '下一页')" in reasons
    assert as_text.returncode == 0 and "article URL pattern" in as_text.stdout and "(2022-11-22 · " in as_text.stdout


def test_a_home_page_without_feed_or_sitemap_gives_each_of_its_news_lists(tmp_path: Path) -> None:
    site = next(s for s in load_sites() if s.family == "limit-homepage")  # news, notices, policies: three lists
    with serve_site(site, with_articles=False) as server:
        found = _discover(tmp_path, _source(server.base + "/"))
        truth = {canonical_url(server.base + a) for a in site.pages[0].articles}
        text = site.body("/", server.base).decode("utf-8")
    assert set(found.urls) == truth and len(truth) == 24
    assert sum("also taken (a home page lists several columns)" in reason for reason in found.reasons) == 2
    as_list_page = discover_list(text, "http://www.a.gov.cn/portal/list.html")  # not a home URL: the best list only
    assert len(as_list_page.links) == 8 and as_list_page.also == ()


def test_a_home_page_whose_feed_and_sitemap_cannot_be_read_falls_back_to_its_list_and_says_so(tmp_path: Path) -> None:
    home = HOME.replace(b"<title>", b"<link rel='alternate' type='application/rss+xml' href='/rss.xml'><title>")
    routes = {"/": Response(200, home, {"Content-Type": "text/html"}), "/rss.xml": Response(404, b"")}
    with fixture_server(routes) as server:  # type: ignore[arg-type]
        routes["/robots.txt"] = Response(200, f"Sitemap: {server.base}/sitemap.xml\n".encode())
        routes["/sitemap.xml"] = Response(200, b"<html>not a sitemap</html>", {"Content-Type": "text/html"})
        found = _discover(tmp_path, _source(server.base + "/"))
    assert len(found.urls) == 8
    assert found.reasons[0].startswith(f"feed {server.base}/rss.xml named by the home page cannot be read")
    assert found.reasons[1].startswith(f"sitemap {server.base}/sitemap.xml named by robots.txt cannot be read")
    assert "list block" in found.reasons[3]
