"""Hostile input (issue 9): the regression corpus, header and HTML injection into digests, and
hostile sites on 127.0.0.1 that tests/test_fetch_faults.py does not already cover."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from monitor.digest.build import DigestLinks, build_digest
from monitor.digest.messages import digest_email
from monitor.errors import (
    BlockedURL,
    ExtractionError,
    FetchTimeout,
    SourceError,
    SourcesFileError,
    TooLarge,
    Undecodable,
)
from monitor.extract.extractor import extract_article, extract_text_page
from monitor.fetch.decoding import decode_html
from monitor.fetch.fetcher import Fetcher
from monitor.fetch.urls import canonical_url, resolve
from monitor.items import DigestItem, RawPage
from monitor.settings import Settings
from monitor.sourcesfile import parse_sources
from monitor.tag.tagger import ZoneTagger
from monitor.timefmt import SHANGHAI
from scrapers import scraper_registry
from scrapers.feed import feed_links
from scrapers.sitemap import parse_sitemap
from tests.fixture_server import Response, fixture_server

REGRESSIONS = Path(__file__).parent / "regressions"
_SOURCES = ("sources:\n  - {name: s, kind: feed, url: 'http://example.com/feed'}\n"
            "  - {name: m, kind: sitemap, url: 'http://example.com/sitemap.xml'}\n")


def _page(content: bytes) -> RawPage:
    return RawPage(url="http://example.com/x", final_url="http://example.com/x", status=200, content=content,
                   content_type="application/xml", fetched_at=datetime(2024, 5, 20, tzinfo=UTC))


# --- the regression corpus -------------------------------------------------------------------
def _replay(target: str, data: bytes) -> None:
    text = data.decode("utf-8", "surrogatepass")
    feed, sitemap = parse_sources(_SOURCES).sources
    if target == "urls":
        try:
            once = canonical_url(text)
            assert canonical_url(once) == once
        except BlockedURL:
            pass
        absolute = resolve("http://example.com/", text)
        if absolute is not None:
            canonical_url(absolute)
    elif target == "decode":
        for call in (lambda: decode_html(data), lambda: decode_html(b"<p>x</p>", text)):
            try:
                call()
            except Undecodable:
                pass
    elif target in ("feed", "sitemap"):
        try:
            feed_links(feed, _page(data)) if target == "feed" else parse_sitemap(sitemap, _page(data))
        except SourceError:
            pass
    elif target == "tag":
        ZoneTagger().tag(text, text, byline=text)
    elif target == "sources":
        try:
            parse_sources(text)
        except SourcesFileError:
            pass
    elif target == "extract":
        for call in (lambda: extract_article(text, "http://example.com/a/1.html"),
                     lambda: extract_text_page(text, "http://example.com/a/1.html")):
            try:
                call()
            except ExtractionError:
                pass
    else:
        raise AssertionError(f"unknown regression target {target!r}")


@pytest.mark.parametrize("path", sorted(p for p in REGRESSIONS.glob("*/*") if p.is_file()),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_regression_corpus(path: Path) -> None:
    _replay(path.parent.name, path.read_bytes())


def test_regression_corpus_is_not_empty() -> None:
    assert len(list(REGRESSIONS.glob("*/*"))) >= 5


# --- injection into digests ------------------------------------------------------------------
_LINKS = DigestLinks(unsubscribe="https://m.example/u/t", manage="https://m.example/m/t",
                     web="https://m.example/w/t", archive="https://m.example/a")


def _digest_of(**fields: Any) -> Any:
    values: dict[str, Any] = {"article_id": 1, "title": "东湖高新区光谷建设提速", "url": "https://news.example/a/1.html",
                              "source": "zone-news", "published": None, "author": None, "author_post": None,
                              "zone_names": ("武汉东湖新技术开发区",), "lead": "光谷科创大走廊建设提速。"}
    values.update(fields)
    return build_digest(to_email="reader@example.com", to_name="Reader", items=[DigestItem(**values)], tz=SHANGHAI,
                        links=_LINKS)


@pytest.mark.parametrize("payload", ["光谷\r\nBcc: victim@evil.example", "光谷\nX-Injected: 1", "光谷\r\n\r\n<html>body",
                                     "光谷\u2028Bcc: victim@evil.example", "=?utf-8?q?x?=\r\nBcc: a@evil.example"])
def test_a_scraped_title_cannot_add_headers(payload: str) -> None:
    digest = _digest_of(title=payload, zone_names=(payload,), source=payload, author=payload)
    message = digest_email(digest, sender="zone-monitor <digest@m.example>", message_id="<1@m.example>",
                           unsubscribe_url=_LINKS.unsubscribe)
    raw = message.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    headers = raw.split(b"\r\n\r\n" if b"\r\n\r\n" in raw else b"\n\n", 1)[0]
    assert not re.search(rb"^(Bcc|X-Injected):", headers, re.M | re.I)
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    assert sorted(parsed.keys()) == sorted(message.keys())


_PAYLOADS = {
    "title": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "lead": "<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">点</a><svg onload=alert(5)>",
    "source": "<iframe src=javascript:alert(6)>",
    "author": "\"><body onload=alert(7)>",
}


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:msgbox(1)", "\njavascript:alert(1)"])
def test_scraped_html_in_a_digest_is_inert(url: str) -> None:
    digest = _digest_of(url=url, also_published_by=(url, "https://other.example/a/2.html"), **_PAYLOADS)
    html = digest.html
    import lxml.html

    for element in lxml.html.document_fromstring(html).iter():
        assert element.tag not in ("script", "iframe", "svg", "img", "object", "embed"), element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"event handler {name}={value!r} reached the digest"
            if name.lower() in ("href", "src", "action"):
                assert value.strip().lower().startswith(("http://", "https://")), f"{name}={value!r}"
    assert "&lt;script&gt;" in html  # escaped, still readable as text
    assert 'href="https://other.example/a/2.html"' in html  # the good link survives
    assert "javascript:" not in digest.text.split("退订")[0].lower().split("\n  ")[-1]


# --- hostile sites ---------------------------------------------------------------------------
def _settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": f"sqlite:///{tmp_path / 'x.db'}", "allow_private_hosts": True,
                                 "fetch_timeout": 2.0, "retry_backoff": 0.01, "retry_max_wait": 2.0, "fetch_retries": 0}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _run(settings: Settings, base: str, action: Any) -> Any:
    async def go() -> Any:
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(base, 500)
            return await action(fetcher)

    return asyncio.run(go())


def test_endless_chunked_response_is_cut_off(tmp_path: Path) -> None:
    sent = {"bytes": 0}

    def endless(handler):  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_536 + b"</p>"
        try:
            while sent["bytes"] < 200_000_000:  # a bound of our own, far above the fetch cap
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent["bytes"] += len(chunk)
        except OSError:
            pass
        raise ConnectionAbortedError

    with fixture_server({"/endless": endless}) as site:
        with pytest.raises((TooLarge, FetchTimeout)):
            _run(_settings(tmp_path), site.base, lambda f: f.get(site.base + "/endless"))
    assert sent["bytes"] < 200_000_000


def _list_page(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{href}">条目</a></li>' for href in links)
    return f'<html><head><meta charset="utf-8"></head><body><ul class="news">{items}</ul></body></html>'.encode()


def test_file_and_javascript_links_are_never_fetched(tmp_path: Path) -> None:
    links = ["file:///etc/passwd", "javascript:alert(1)", "JAVASCRIPT:fetch('/a/evil')", "data:text/html,x",
             "http://[", "http://127.0.0.1:x/a", "/a/good.html"]
    with fixture_server({"/list.html": Response(200, _list_page(links), {"Content-Type": "text/html; charset=utf-8"})}) as site:
        source = parse_sources(f"sources:\n  - name: s\n    kind: html\n    url: {site.base}/list.html\n"
                               f"    links: 'ul.news a'\n    rate_limit: 500\n").sources[0]
        found = _run(_settings(tmp_path), site.base, lambda f: scraper_registry()["html"].discover(source, f))
    urls = found[0] if isinstance(found, tuple) else found
    assert list(urls) == [site.base + "/a/good.html"]
    assert site.hits == ["/robots.txt", "/list.html"] or set(site.hits) <= {"/robots.txt", "/list.html"}


def test_ten_thousand_links_on_one_list_page(tmp_path: Path) -> None:
    links = [f"/a/{i}.html" for i in range(10_000)]
    with fixture_server({"/list.html": Response(200, _list_page(links), {"Content-Type": "text/html; charset=utf-8"})}) as site:
        source = parse_sources(f"sources:\n  - name: s\n    kind: html\n    url: {site.base}/list.html\n"
                               f"    links: 'ul.news a'\n    rate_limit: 500\n").sources[0]
        found = _run(_settings(tmp_path), site.base, lambda f: scraper_registry()["html"].discover(source, f))
    urls = list(found[0] if isinstance(found, tuple) else found)
    assert urls[:2] == [site.base + "/a/0.html", site.base + "/a/1.html"]
    assert len(urls) == len(set(urls)) and 0 < len(urls) <= 10_000
    assert set(site.hits) <= {"/robots.txt", "/list.html"}  # discovery fetched no item


_PARAGRAPH = "合肥高新区量子信息企业发布新一代量子计算机，量子通信网络覆盖全市政务系统。"


@pytest.mark.parametrize("depth", [100, 250, 5_000, 200_000])
def test_deeply_nested_html_does_not_crash_the_extractor(depth: int) -> None:
    paragraphs = "".join(f"<p>{i}. {_PARAGRAPH}</p>" for i in range(3))
    html = "<html><body>" + "<div>" * depth + paragraphs + "</div>" * depth + "</body></html>"
    try:
        article = extract_article(html, "http://example.com/a/1.html")
    except ExtractionError:
        # libxml2 stops building the tree at depth 256: text below that is lost, not a crash
        assert depth > 250
        return
    assert _PARAGRAPH in article.body


def test_nul_bytes_and_surrogates_never_reach_stored_text() -> None:
    page = (f"<html><head><meta charset='utf-8'><title>合肥\x00高新区</title></head><body><h1>合肥\x00高新区量子产业</h1>"
            f"<div class='content'><p>{_PARAGRAPH}\x00&#0;&#xD800;&#xDFFF;</p><p>{_PARAGRAPH}</p></div></body></html>")
    try:  # CESU-8 surrogate bytes, invalid in UTF-8: refused, or decoded without a surrogate
        cesu, _encoding = decode_html(page.encode("utf-8") + b"\xed\xa0\x80")
        assert not re.search("[\ud800-\udfff]", cesu)
    except Undecodable:
        pass
    try:  # raw NUL bytes: the decoder refuses the page (Mojibake) or hands on text without them
        decoded, _encoding = decode_html(page.encode("utf-8"))
        assert "\x00" not in decoded
    except Undecodable:
        pass
    article = extract_article(page, "http://example.com/a/1.html")  # text that bypassed the decoder
    for value in (article.title, article.body):
        assert "\x00" not in value
        assert not re.search("[\ud800-\udfff]", value)
        value.encode("utf-8")  # storable in PostgreSQL text
    tags = ZoneTagger().tag(article.title + "\ud800", article.body + "\x00")
    assert tags is not None


def test_billion_laughs_in_a_feed_is_not_expanded() -> None:
    """feedparser's strict (expat) parse stops at expat's amplification limit and its loose parse leaves the
    entity unexpanded: the feed's links still come out, in bounded memory (sitemaps: defusedxml refuses them)."""
    import tracemalloc

    laughs = "".join(f"<!ENTITY lol{i} '{f'&lol{i - 1};' * 10}'>" for i in range(1, 10))
    feed = (f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY lol0 'lol'>{laughs}]><rss version='2.0'><channel>"
            "<title>&lol9;</title><item><title>&lol9;</title><link>http://example.com/a/1.html</link></item>"
            "</channel></rss>").encode()
    source = parse_sources(_SOURCES).sources[0]
    tracemalloc.start()
    try:
        urls = feed_links(source, _page(feed))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert list(urls) == ["http://example.com/a/1.html"]
    assert peak < 256 * 1024 * 1024  # fully expanded, the title alone would be 3 GB


@pytest.mark.parametrize("answer", [b"[" * 100_000 + b"]" * 100_000, b"[1, 2]", b'"text"'])
def test_a_json_api_answer_nested_too_deep_or_not_an_object_is_a_source_error(answer: bytes) -> None:
    from scrapers.sites.stdaily import edition_dates

    source = parse_sources("sources:\n  - {name: kjrb, kind: plugin, module: stdaily, url: 'http://example.com/api'}\n")
    with pytest.raises(SourceError, match="did not answer"):
        edition_dates(source.sources[0], _page(answer))
