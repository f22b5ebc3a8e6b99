"""The fetch stage against a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from monitor.errors import BlockedURL, FetchError, HTTPStatusError, TooLarge, Undecodable
from monitor.fetch.decoding import decode_html
from monitor.fetch.fetcher import Fetcher, Validators
from monitor.settings import Settings
from tests.fixture_server import Response, fixture_server

ARTICLE = "<html><head><meta charset='gbk'><title>高新区新闻</title></head><body><h1>包头稀土高新区新闻</h1><div><p>" + "稀土新材料产业加快发展。" * 10 + "</p></div></body></html>"


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": f"sqlite:///{tmp_path / 'x.db'}", "allow_private_hosts": True,
                                 "fetch_timeout": 5.0, "retry_backoff": 0.01, "retry_max_wait": 2.0}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _get(settings: Settings, url: str, validators: Validators | None = None):  # type: ignore[no-untyped-def]
    async def run():  # type: ignore[no-untyped-def]
        async with Fetcher(settings) as fetcher:
            fetcher.set_rate_limit(url, 100)
            return await fetcher.get(url, validators)

    return asyncio.run(run())


def test_gbk_page_without_header_charset_decodes_from_meta(tmp_path: Path) -> None:
    with fixture_server({"/a.html": Response(200, ARTICLE.encode("gbk"), {"Content-Type": "text/html"})}) as site:
        page = _get(_settings(tmp_path), site.base + "/a.html")
    text, encoding = decode_html(page.content, page.content_type)
    assert encoding == "gb18030" and "包头稀土高新区" in text


def test_wrong_declared_charset_falls_through() -> None:
    raw = ARTICLE.replace("gbk", "utf-8").encode("gb18030")  # declares UTF-8, is GB18030
    text, encoding = decode_html(raw, "text/html; charset=utf-8")
    assert encoding == "gb18030" and "稀土新材料" in text


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(Undecodable):
        decode_html(b"\x81\x30\xff\xfe\x00\x81", forced="ascii")


def test_user_agent_is_sent(tmp_path: Path) -> None:
    seen: list[str] = []

    def record(handler):  # type: ignore[no-untyped-def]
        seen.append(handler.headers.get("User-Agent"))
        return Response(200, b"ok")

    with fixture_server({"/ua": record}) as site:
        _get(_settings(tmp_path, user_agent="zone-monitor-test (+mailto:ops@example.org)"), site.base + "/ua")
    assert seen == ["zone-monitor-test (+mailto:ops@example.org)"]


def test_robots_txt_disallow_is_honoured(tmp_path: Path) -> None:
    routes = {"/robots.txt": Response(200, b"User-agent: *\nDisallow: /private/\n"), "/private/a.html": Response(200, b"x")}
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        with pytest.raises(BlockedURL, match="robots.txt"):
            _get(_settings(tmp_path), site.base + "/private/a.html")
        assert "/private/a.html" not in site.hits


def test_robots_txt_5xx_means_stay_away_and_404_means_allow(tmp_path: Path) -> None:
    with fixture_server({"/robots.txt": Response(503, b""), "/a": Response(200, b"x")}) as site:
        with pytest.raises(BlockedURL):
            _get(_settings(tmp_path), site.base + "/a")
    with fixture_server({"/a": Response(200, b"x")}) as site:
        assert _get(_settings(tmp_path), site.base + "/a").content == b"x"


def test_http_errors_carry_the_status(tmp_path: Path) -> None:
    with fixture_server({"/gone": Response(410, b"")}) as site:
        with pytest.raises(HTTPStatusError) as info:
            _get(_settings(tmp_path), site.base + "/gone")
    assert info.value.status == 410


def test_redirect_loop_is_a_fetch_error(tmp_path: Path) -> None:
    routes = {"/a": Response(302, b"", {"Location": "/b"}), "/b": Response(302, b"", {"Location": "/a"})}
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        with pytest.raises(FetchError, match="redirects"):
            _get(_settings(tmp_path), site.base + "/a")


def test_size_cap(tmp_path: Path) -> None:
    with fixture_server({"/big": Response(200, b"x" * 50_000)}) as site:
        with pytest.raises(TooLarge):
            _get(_settings(tmp_path, max_page_bytes=10_000), site.base + "/big")


def test_private_addresses_refused_unless_allowed(tmp_path: Path) -> None:
    with fixture_server({"/a": Response(200, b"x")}) as site:
        with pytest.raises(BlockedURL, match="MONITOR_ALLOW_PRIVATE_HOSTS"):
            _get(_settings(tmp_path, allow_private_hosts=False), site.base + "/a")
        assert site.hits == []


def test_conditional_get_returns_304_as_from_cache(tmp_path: Path) -> None:
    def conditional(handler):  # type: ignore[no-untyped-def]
        if handler.headers.get("If-None-Match") == '"v1"':
            return Response(304, b"", {"ETag": '"v1"'})
        return Response(200, b"body", {"ETag": '"v1"'})

    with fixture_server({"/feed": conditional}) as site:
        first = _get(_settings(tmp_path), site.base + "/feed")
        second = _get(_settings(tmp_path), site.base + "/feed", Validators(etag='"v1"'))
    assert first.status == 200 and not first.from_cache
    assert second.status == 304 and second.from_cache and second.content == b""


EVAL = Path("/work/shared/eval/extraction")


@pytest.mark.skipif(not EVAL.is_dir(), reason="the shared evaluation pages are not present")
def test_the_encoding_traps_of_the_evaluation_pages() -> None:
    archived = (EVAL / "fixtures/trafilatura/archive.org.he.xinhuanet.com.25340717.html").read_bytes()
    text, encoding = decode_html(archived)  # first <meta> says utf-8 (the Wayback toolbar), the body is GB2312
    assert encoding == "gb18030" and "河北" in text
    qq = (EVAL / "fixtures/readability/qq/source.html").read_bytes()
    text, encoding = decode_html(qq)  # declares gb2312, bytes are UTF-8
    assert encoding == "utf-8"
    for path in sorted((EVAL / "cwce/original").glob("*.html")):
        decode_html(path.read_bytes())  # every page decodes, none is judged mojibake


@pytest.mark.parametrize("misread", ["latin-1", "cp1252"])
def test_text_encoded_twice_is_repaired(misread: str) -> None:
    """UTF-8 bytes read as Latin-1 or cp1252 and saved as UTF-8 again (a CMS export, a copy-paste): 中 as ä¸­.
    cp1252 leaves five bytes undefined; tools that write such pages keep them as the C1 controls."""
    words = "包头稀土高新区管委会主任在会议上介绍了高新区创新发展的情况，中国科技产业发展迅速，企业数量持续增长。"
    page = f"<html><head><meta charset='utf-8'><title>高新区</title></head><body><p>{words}</p></body></html>"
    utf8 = page.encode("utf-8")
    once = utf8.decode("latin-1") if misread == "latin-1" else "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in utf8)
    text, encoding = decode_html(once.encode("utf-8"), "text/html; charset=utf-8")
    assert text == page and encoding == "utf-8+repaired"
    assert decode_html(utf8) == (page, "utf-8")  # text encoded once is left alone


def test_mojibake_that_cannot_be_undone_is_still_refused() -> None:
    from monitor.errors import Mojibake

    noise = "".join(chr(c) for c in range(0xC0, 0x100)) * 40  # accents everywhere, no UTF-8 behind them
    with pytest.raises(Mojibake):
        decode_html(f"<html><body><p>{noise}</p></body></html>".encode())


def test_utf8_read_as_gbk_is_mojibake_and_falls_through() -> None:
    from monitor.errors import Mojibake
    from monitor.fetch.decoding import garbled_reason

    words = "管委会创新中国创新发展会议新闻高新区科技产业高新区管委会中国会议新闻科技中国发展创新管委会发展管委会创新管委会高新区中国创新科技科技创新"
    raw = f"<html><head><meta charset='gbk'></head><body><p>{words}</p></body></html>".encode()
    assert garbled_reason(raw.decode("gb18030")) is not None  # decodes without error, but as mojibake
    text, encoding = decode_html(raw)
    assert encoding == "utf-8" and words in text
    latin = ("<p>" + words + "</p>").encode("gb18030").decode("cp1252", "replace")
    assert garbled_reason(latin) is not None  # GBK bytes read as cp1252
    assert issubclass(Mojibake, Undecodable)
