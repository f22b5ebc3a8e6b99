"""Extraction on bad input (developers' guide; review of the extractor, issue 18): one real article served broken in
the ways pages arrive (tests/data/badinput, written by its make_pages.py), read by `monitor extract` and by the
fetch -> extract path (`prepare_page`, what a crawl stores). Each page gives the article whole, or a specific error."""

from __future__ import annotations

import codecs
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.errors import TooShort, Undecodable
from monitor.extract import extract_article, extract_text_page
from monitor.extract.pieces import split_signed
from monitor.fetch.decoding import decode_html
from monitor.items import RawPage
from monitor.itemwork import prepare_page
from monitor.sourcesfile import parse_sources
from tests.conftest import run_cli
from tests.data.badinput.make_pages import HEADLINE, PAGES, PARAGRAPHS, article

BAD = Path(__file__).parent / "data" / "badinput"
ARTICLES = sorted(name for name in PAGES if name not in ("navigation-only.html", "attachment.pdf", "scanned-page-ocr.txt"))
_URL = "http://www.yantaihitech.gov.cn/xwzx/2023/0529/1.html"
# what a server says of a page without a declaration when it says nothing right (the fetch path's header)
_CONTENT_TYPES = {"gb18030-undeclared.html": "text/html; charset=ISO-8859-1", "attachment.pdf": "application/pdf"}


def test_the_fixtures_are_what_make_pages_writes() -> None:
    for name, content in PAGES.items():
        assert (BAD / name).read_bytes() == content, f"run tests/data/badinput/make_pages.py ({name})"


def _assert_whole(title: str | None, body: str, author: str | None, name: str) -> None:
    assert title == HEADLINE, name
    assert [p for p in PARAGRAPHS if p not in body] == [], name
    assert "<" not in body and "\ufffd" not in body and "\x00" not in body, name
    assert author == "杨秀萍 陈方英 徐开评", name


def test_monitor_extract_reads_each_broken_page_whole_or_says_why_not() -> None:
    """`monitor extract --json` on every page at once: an object per page; the navigation page is an error naming what
    it holds and the PDF one naming what it is (it was 'does not decode cleanly as any of: utf-8, gb18030': a charset
    to look for), an empty OCR text layer (.txt) refused as its HTML page is (it was an article of no text, exit 0), and
    the command exits 1 for them. Kinds fixed: a page whose header include is a whole document ('</html>'
    then the article) lost the article (libxml2 drops what follows '</html>'); a page with a template's blank lines
    before its markup was read as plain text, its tags in the body; NUL characters became paragraphs of U+FFFD."""
    done = run_cli("extract", "--json", "--url", _URL, *(str(BAD / name) for name in sorted(PAGES)))
    assert done.returncode == 1, done.stderr
    records = {Path(record["path"]).name: record for record in map(json.loads, done.stdout.splitlines())}
    assert sorted(records) == sorted(PAGES)
    for name in ARTICLES:
        record = records[name]
        _assert_whole(record["title"], record["body"], record["author"], name)
        assert record["published_at"] == "2023-05-29", name
    assert "no article text" in records["navigation-only.html"]["error"]
    assert records["attachment.pdf"]["error"] == "the response is a PDF document, not a web page"
    assert records["scanned-page-ocr.txt"]["error"].endswith("body has 0 characters, fewer than 40")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_fetch_to_extract_path_reads_each_broken_page_whole_or_says_why_not(name: str) -> None:
    """What a crawl prepares from the fetched bytes (decoding with the server's header, extraction, tagging)."""
    source = parse_sources("sources:\n  - name: yantai\n    kind: html\n    url: http://www.yantaihitech.gov.cn/xwzx/\n"
                           '    links: "ul.list a"\n').sources[0]
    page = RawPage(url=_URL, final_url=_URL, status=200, content=PAGES[name],
                   content_type=_CONTENT_TYPES.get(name, "text/html"), fetched_at=datetime(2023, 5, 29, tzinfo=UTC))
    work = prepare_page(source, page)
    if name in ("navigation-only.html", "scanned-page-ocr.txt"):
        assert work.articles == () and work.error is not None and work.error.startswith("TooShort: ")
        assert "no article text" in work.error or name.endswith(".txt")
        return
    if name == "attachment.pdf":  # no charset to blame: what the response is
        assert work.articles == () and work.error == "Undecodable: the response is a PDF document, not a web page"
        return
    assert work.error is None and len(work.articles) == 1
    article = work.articles[0].article
    _assert_whole(article.title, article.body, article.author, name)


def test_a_page_of_only_furniture_is_refused_by_a_specific_error() -> None:
    """A channel page (navigation, a list of links, a footer) is no article: TooShort says so rather than count the
    characters of an empty body."""
    with pytest.raises(TooShort, match="no article text"):
        extract_article(PAGES["navigation-only.html"].decode("gbk"), _URL)


def test_a_huge_text_page_whose_lines_repeat_below_is_read_in_linear_time() -> None:
    """Kind: the splitter's test for a page's lead repeated below (r69) joined all the lines below each leading line
    again: a text page whose leading lines all repeat below (a page printed twice, paragraphs printed again and again)
    took a time square in its length (12,000 lines: 1.9 s; a 10 MB page, the fetch cap, would take hours). Each line is
    now looked up among the lines below, then searched in the text joined once. CPU time, with a wide margin: these
    60,000 lines took 55 s before, under 1 s now."""
    lines = [*PARAGRAPHS] * 15_000
    started = time.process_time()
    split_signed(lines)
    assert time.process_time() - started < 5


def test_a_huge_html_page_is_extracted_whole() -> None:
    """A 2 MB article page (the fetch cap is 10 MB) is read whole, in a time linear in its size."""
    paragraphs = [f"{text}（{n}）" for n in range(2_000) for text in PARAGRAPHS[1:3]]
    html = "<html><head><title>t</title></head><body><div>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>"
    started = time.process_time()
    article = extract_article(html, _URL)
    assert time.process_time() - started < 20
    assert article.body.count("\n\n") == len(paragraphs) - 1
    assert extract_text_page("\n".join(paragraphs), _URL).body.count("（1999）") == 2


# What a page prints after its '</html>' once the whole article is above it (review of h-lowfix: each joined the body).
_AFTER_THE_ARTICLE = {
    # a CMS that appends the next item's document to the page
    "a second article": ('<html><head><title>高新区举办春季招聘会</title></head><body><div class="article">'
                         '<h1>高新区举办春季招聘会</h1><div class="info">发布时间：2023-05-26</div>'
                         "<p>近日，高新区人社局联合多家企业举办春季招聘会，现场提供就业岗位3000余个，吸引求职者5000余人次参加。</p>"
                         "<p>据介绍，本次招聘会共有120家企业参展，其中规模以上企业86家，现场达成初步就业意向1200余人。</p>"
                         "</div></body></html>"),
    "a PHP warning": ("<br />\n<b>Warning</b>:  mysql_connect(): Access denied for user 'root'@'localhost' (using "
                      "password: YES) in <b>/var/www/html/inc/conn.php</b> on line <b>12</b><br />"),
    "a footer include": ('<div class="footer"><p>主办单位：烟台高新技术产业开发区管理委员会 承办单位：高新区信息中心</p>'
                         "<p>地址：烟台高新区科技大道1号 邮编：264000 联系电话：0535-1234567 技术支持：某某网络科技有限公司</p>"
                         "<p>您是本站第1234567位访客 网站标识码：3706000001 鲁公网安备 37060202000123号</p></div>"),
}


@pytest.mark.parametrize("kind", sorted(_AFTER_THE_ARTICLE))
def test_what_follows_html_end_after_a_whole_article_stays_out_of_its_body(kind: str) -> None:
    """Text after '</html>' is read (as a browser reads it) only when the document before it holds no article, the
    header-include page above; after a whole article it is another article, a PHP warning or a footer include, and the
    body is the article's alone, as before '</html>' was read (it joined the body: review of h-lowfix)."""
    page = article()
    alone = extract_article(page, _URL)
    followed = extract_article(page + _AFTER_THE_ARTICLE[kind], _URL)
    assert (followed.title, followed.body, followed.author) == (alone.title, alone.body, alone.author)
    _assert_whole(followed.title, followed.body, followed.author, kind)


@pytest.mark.parametrize("before", [b"\r\n", b"\n\n  \n", codecs.BOM_UTF8, b"\r\n" + codecs.BOM_UTF8 + b"\r\n"])
def test_a_document_after_blank_lines_or_a_bom_is_named(before: bytes) -> None:
    """A server script's blank lines (or a BOM) before the PDF it streams: the magic bytes were looked for at byte 0
    only, and the PDF was blamed on its charset ('does not decode cleanly as any of: utf-8, gb18030': review)."""
    with pytest.raises(Undecodable, match="^the response is a PDF document, not a web page$"):
        decode_html(before + PAGES["attachment.pdf"])


@pytest.mark.parametrize("start", ["GIF89a", "%PDF-1.4 ", "PK\x03\x04"])
def test_a_text_that_starts_like_a_document_is_read_as_text(start: str, tmp_path: Path) -> None:
    """An OCR text layer or a tutorial whose text starts like an image's or a document's magic bytes decodes cleanly:
    it is a page, not a GIF or a PDF (it was refused as Undecodable: review). A real one does not decode cleanly and is
    still refused (test_monitor_extract_reads_each_broken_page_whole_or_says_why_not)."""
    text = f"{start}格式宣传图说明\n\n" + "\n\n".join(PARAGRAPHS)
    path = tmp_path / "layer.txt"
    path.write_bytes(text.encode("gb18030"))
    done = run_cli("extract", "--json", "--url", _URL, str(path))
    assert done.returncode == 0, done.stderr
    assert PARAGRAPHS[1] in json.loads(done.stdout)["body"]
    assert decode_html(text.encode("utf-8"))[0] == text
