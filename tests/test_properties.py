"""Property tests (issue 9): untrusted input never raises anything but the project's own errors.

Each parser of untrusted input gets arbitrary bytes or text and randomly built HTML / XML /
YAML. The properties: it returns a value or raises a ``MonitorError`` subclass, each input
finishes within the hypothesis deadline (no hang), and one input's Python allocation peak
(tracemalloc) stays under a bound. The normal suite runs the fast profile; ``make fuzz`` sets
``MONITOR_HYPOTHESIS_PROFILE=fuzz`` for long campaigns. Every crashing input found is kept
under tests/regressions/<target>/ and replayed by tests/test_hostile.py::test_regression_corpus.
"""

from __future__ import annotations

import os
import random
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from monitor.errors import MonitorError
from monitor.extract.extractor import extract_article, extract_text_page
from monitor.fetch.decoding import decode_html
from monitor.fetch.urls import canonical_url, resolve
from monitor.items import RawPage
from monitor.sourcesfile import parse_sources
from monitor.tag.tagger import ZoneTagger
from scrapers.feed import feed_links
from scrapers.sitemap import parse_sitemap

settings.register_profile("fast", max_examples=120, deadline=timedelta(seconds=5),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=20_000, deadline=timedelta(seconds=10),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile(os.environ.get("MONITOR_HYPOTHESIS_PROFILE", "fast"))
MEMORY_BOUND = 64 * 1024 * 1024  # bytes of Python allocations for one input of at most 16 KB

# --- strategies ------------------------------------------------------------------------------
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ANY_CHAR = st.characters(codec=None)  # surrogates, NUL and controls included
_WORDS = st.sampled_from(["高新区", "中关村", "科技园", "发布时间：2024-05-20", "来源：新华网", "记者 张三",
                          "责任编辑：李四", "。", "，", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<", ">", "\x00",
                          "\ud800", "javascript:alert(1)", "]]>", "<!--", "-->", "<![CDATA["])
_TEXT = st.lists(st.one_of(_WORDS, st.text(_CJK, max_size=30), st.text(_ANY_CHAR, max_size=10)),
                 max_size=12).map("".join)
_TAGS = st.sampled_from(["div", "p", "span", "a", "h1", "title", "meta", "script", "style", "table", "tr", "td",
                         "ul", "li", "br", "article", "section", "time", "img", "iframe", "svg", "math", "noscript",
                         "template", "head", "body", "html", "font", "x:y", "p:p", "?xml"])
_ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "href", "src", "content", "name", "property", "onclick", "datetime", "charset",
                     "http-equiv", "style", "lang", "x\x00y"]),
    st.one_of(st.sampled_from(["content", "article", "article:published_time", "author", "2024-05-20T08:00:00+08:00",
                               "javascript:alert(1)", "file:///etc/passwd", "http://[", "http://a:x/",
                               "Content-Type", "text/html; charset=gbk", "time"]), _TEXT),
    max_size=3)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def render(tag: str, attrs: dict[str, str], inner: list[str], closed: bool) -> str:
        attr_text = "".join(f' {k}="{v}"' for k, v in attrs.items())
        return f"<{tag}{attr_text}>{''.join(inner)}" + (f"</{tag}>" if closed else "")

    return st.builds(render, _TAGS, _ATTRS, st.lists(children, max_size=5), st.booleans())


_HTML = st.recursive(_TEXT, _element, max_leaves=40)
_DOCUMENT = st.one_of(
    _HTML,
    st.builds(lambda head, body: f"<html><head>{head}</head><body>{body}</body></html>", _HTML, _HTML),
    st.text(_ANY_CHAR, max_size=400),
    st.builds(lambda depth, text: "<div>" * depth + text + "</div>" * depth, st.integers(0, 3000), _TEXT),
)
_URL = st.one_of(
    st.text(_ANY_CHAR, max_size=60),
    st.builds(lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
              st.sampled_from(["http", "https", "HTTP", "javascript", "file", "data", "ftp", ""]),
              st.one_of(st.sampled_from(["example.com", "[::1]", "[", "127.0.0.1", "例子.中国", "", "a@b", "xn--"]),
                        st.text(_ANY_CHAR, max_size=12)),
              st.sampled_from(["", ":80", ":443", ":0", ":x", ":99999", ":-1", ": 8"]),
              st.text(_ANY_CHAR, max_size=30)),
)


def _raises_only_own_errors(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except MonitorError as exc:
        return exc


def _peak(call: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        _raises_only_own_errors(call)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _page(content: bytes, content_type: str = "application/xml") -> RawPage:
    return RawPage(url="http://example.com/feed", final_url="http://example.com/feed", status=200, content=content,
                   content_type=content_type, fetched_at=datetime(2024, 5, 20, tzinfo=UTC))


@pytest.fixture(scope="module")
def source() -> Any:
    text = ("sources:\n  - {name: s, kind: feed, url: 'http://example.com/feed'}\n"
            "  - {name: m, kind: sitemap, url: 'http://example.com/sitemap.xml'}\n")
    return parse_sources(text).sources


@pytest.fixture(scope="module")
def tagger() -> ZoneTagger:
    return ZoneTagger()


# --- the extractor ---------------------------------------------------------------------------
@PROFILE
@given(html=_DOCUMENT, url=_URL)
def test_extract_article_raises_only_own_errors(html: str, url: str) -> None:
    result = _raises_only_own_errors(lambda: extract_article(html, url))
    if not isinstance(result, MonitorError):
        assert result.body and "\x00" not in result.body


@PROFILE
@given(text=st.one_of(_TEXT, st.text(_ANY_CHAR, max_size=2000)), url=_URL)
def test_extract_text_page_raises_only_own_errors(text: str, url: str) -> None:
    _raises_only_own_errors(lambda: extract_text_page(text, url))


@PROFILE
@given(content=st.binary(max_size=4000))
def test_bytes_through_decoding_and_extraction(content: bytes) -> None:
    decoded = _raises_only_own_errors(lambda: decode_html(content))
    if not isinstance(decoded, MonitorError):
        _raises_only_own_errors(lambda: extract_article(decoded[0], "http://example.com/a/1.html"))


# --- URLs ------------------------------------------------------------------------------------
@PROFILE
@given(url=_URL)
@example(url="\x08\x850")  # found by this test: urlsplit dropped the control, the next call's strip() the U+0085
@example(url="A://[::]@[:")  # found by this test: a host bracketed after userinfo that no parser accepts again
@example(url="0\x08#")  # found by this test: the dropped fragment left a trailing control the next call stripped
def test_canonical_url_is_idempotent_or_refuses(url: str) -> None:
    once = _raises_only_own_errors(lambda: canonical_url(url))
    if isinstance(once, str):
        assert canonical_url(once) == once


@PROFILE
@given(base=_URL, href=_URL)
@example(base="", href="HTTP://0")  # found by this test: the scheme came back in upper case
def test_resolve_gives_a_canonicalisable_http_url_or_none(base: str, href: str) -> None:
    absolute = _raises_only_own_errors(lambda: resolve(base, href))
    if isinstance(absolute, str):
        assert absolute.split(":", 1)[0] in ("http", "https")
        canonical = canonical_url(absolute)  # a URL resolve accepted must canonicalise without error
        assert canonical_url(canonical) == canonical


# --- the encoding detector -------------------------------------------------------------------
@PROFILE
@given(content=st.one_of(st.binary(max_size=3000),
                         st.builds(lambda charset, body: f'<meta charset="{charset}">'.encode() + body,
                                   st.sampled_from(["gbk", "utf-8", "big5", "utf-16", "utf-7", "x-unknown", "rot13",
                                                    "idna", "base64", "uu", "zip", "hex", "punycode"]),
                                   st.binary(max_size=2000))),
       content_type=st.one_of(st.none(), st.sampled_from(["text/html; charset=rot13", "text/html; charset=base64",
                                                           "text/html; charset=utf-16", "text/html; charset=\x00"]),
                              st.text(_ANY_CHAR, max_size=40)))
def test_decode_html_returns_text_or_undecodable(content: bytes, content_type: str | None) -> None:
    from monitor.errors import Undecodable

    try:
        text, encoding = decode_html(content, content_type)
    except Undecodable:
        return
    assert isinstance(text, str) and isinstance(encoding, str)


# --- feeds and sitemaps ----------------------------------------------------------------------
_XML_TEXT = st.one_of(_TEXT, st.sampled_from(["2024-05-20", "Mon, 20 May 2024 08:00:00 +0800", "not a date",
                                              "9999-99-99", "/a/1.html", "http://example.com/a/2.html",
                                              "javascript:alert(1)", "http://[", "&lt;", "&xxe;"]))
_FEED = st.builds(
    lambda root, items: f"<?xml version='1.0'?><{root}><channel><title>t</title>{''.join(items)}</channel></{root}>",
    st.sampled_from(["rss version='2.0'", "feed xmlns='http://www.w3.org/2005/Atom'", "rdf:RDF", "rss", "html"]),
    st.lists(st.builds(lambda link, date, title: f"<item><title>{title}</title><link>{link}</link>"
                                                 f"<pubDate>{date}</pubDate><updated>{date}</updated></item>",
                       _XML_TEXT, _XML_TEXT, _XML_TEXT), max_size=6))
_SITEMAP = st.builds(
    lambda root, items: f"<?xml version='1.0'?><{root} xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                        f"{''.join(items)}</{root.split()[0]}>",
    st.sampled_from(["urlset", "sitemapindex", "html", "urlset xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'"]),
    st.lists(st.builds(lambda loc, date: f"<url><loc>{loc}</loc><lastmod>{date}</lastmod>"
                                         f"<news:publication_date>{date}</news:publication_date></url>",
                       _XML_TEXT, _XML_TEXT), max_size=6))


@PROFILE
@given(content=st.one_of(st.binary(max_size=3000), _FEED.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_feed_links_raise_only_own_errors(source: Any, content: bytes) -> None:
    links = _raises_only_own_errors(lambda: feed_links(source[0], _page(content)))
    if isinstance(links, list):
        assert all(link.startswith(("http://", "https://")) for link in links)


@PROFILE
@given(content=st.one_of(st.binary(max_size=3000), _SITEMAP.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_parse_sitemap_raises_only_own_errors(source: Any, content: bytes) -> None:
    _raises_only_own_errors(lambda: parse_sitemap(source[1], _page(content)))


# --- the tagger ------------------------------------------------------------------------------
@PROFILE
@given(title=_TEXT, body=st.one_of(_TEXT, st.text(_ANY_CHAR, max_size=3000)), byline=_TEXT,
       author=st.one_of(st.none(), _TEXT))
def test_tagger_takes_any_text(tagger: ZoneTagger, title: str, body: str, byline: str, author: str | None) -> None:
    tags = _raises_only_own_errors(lambda: tagger.tag(title, body, byline=byline, author=author))
    if not isinstance(tags, MonitorError):
        assert all(0.0 <= zone.score <= 1.0 for zone in tags.zones)
        assert len({zone.zone_id for zone in tags.zones}) == len(tags.zones)  # one tag per zone


# --- dedup fingerprints ----------------------------------------------------------------------
_SENTENCE_PARTS = st.one_of(st.text(_CJK, max_size=12), st.sampled_from(
    ["2023年", "12.5%", "1.2.3", "GDP", "Zhongguancun Science Park", "café", "ÀÉ", "\ue000", "\uf8ff", "\uf900",
     "ＡＢＣ１２３", " ", "，", "x", "7"]), st.text(_ANY_CHAR, max_size=4))


@PROFILE
@given(parts=st.lists(_SENTENCE_PARTS, max_size=40))
@example(parts=["高新区", "\ue000", "abc", "12", "测试句子很长"])  # a private-use character in the text
@example(parts=["中文", "x"] * 30)  # more words than anything else
def test_sentence_token_ids_are_the_ids_of_its_tokens(parts: list[str]) -> None:
    """parse() takes a sentence's token ids in one step; they must be its tokens' ids, one by one."""
    from monitor.dedup.minhash import _SENTENCE_END, _TOKEN, MIN_SENTENCE_CHARS, _token_id, parse
    from monitor.normalise import match_key, split_paragraphs

    text = "".join(parts)
    expected = []
    for paragraph in split_paragraphs(text):
        for piece in _SENTENCE_END.split(match_key(paragraph)):
            token_list = _TOKEN.findall(piece)
            if len("".join(token_list)) >= MIN_SENTENCE_CHARS:
                expected.append(("".join(token_list), [ord(t) if len(t) == 1 else _token_id(t) for t in token_list]))
    assert [(key, ids.tolist()) for key, _digest, ids in parse(text)] == expected


# --- the sources-file loader -----------------------------------------------------------------
_YAML_SCALAR = st.one_of(st.sampled_from(["feed", "html", "sitemap", "plugin", "epaper", "every 10m", "0 8 * * *",
                                          "http://example.com/", "javascript:x", "[", "*x", "&a", "!!python/object:os.system",
                                          "gbk", "Asia/Shanghai", "Mars/Olympus", "(", "a{", "~", "1e400"]),
                         _TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
_YAML_VALUE = st.recursive(_YAML_SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                 st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=20)
_SOURCE_KEYS = st.sampled_from(["name", "kind", "url", "links", "next", "schedule", "encoding", "timezone",
                                "url_pattern", "selectors", "module", "rate_limit", "allowed_hosts", "include_types",
                                "zones", "max_items"])


def _yaml_document(sources: list[dict[str, Any]]) -> str:
    import json

    return json.dumps({"sources": sources}, default=str)  # JSON is YAML


@PROFILE
@given(text=st.one_of(st.text(_ANY_CHAR, max_size=500),
                      st.lists(st.dictionaries(_SOURCE_KEYS, _YAML_VALUE, max_size=8), max_size=3).map(_yaml_document),
                      st.builds(lambda key, value: f"sources:\n  - {key}: {value}\n", _SOURCE_KEYS, _TEXT)))
def test_parse_sources_raises_only_sources_file_errors(text: str) -> None:
    from monitor.errors import SourcesFileError

    try:
        parse_sources(text)
    except SourcesFileError:
        pass


# --- memory ----------------------------------------------------------------------------------
_BIG = 16 * 1024


@settings(PROFILE, max_examples=min(PROFILE.max_examples, 4), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(content=st.one_of(
    st.integers(0, 2**32).map(lambda seed: random.Random(seed).randbytes(_BIG)),
    _DOCUMENT.map(lambda doc: doc.encode("utf-8", "surrogatepass") or b"<p>").map(lambda b: (b * (_BIG // len(b) + 1))[:_BIG])))
def test_one_input_stays_within_a_memory_bound(source: Any, tagger: ZoneTagger, content: bytes) -> None:
    text = content.decode("utf-8", "replace")
    for call in (lambda: decode_html(content), lambda: extract_article(text, "http://example.com/a/1.html"),
                 lambda: extract_text_page(text, "http://example.com/a/1.html"),
                 lambda: feed_links(source[0], _page(content)), lambda: parse_sitemap(source[1], _page(content)),
                 lambda: tagger.tag(text[:200], text), lambda: parse_sources(text)):
        assert _peak(call) < MEMORY_BOUND
