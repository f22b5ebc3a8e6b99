from datetime import datetime

import pytest

from monitor.errors import TooShort
from monitor.extract.extractor import extract_article, parse_date, split_byline
from monitor.sourcesfile import Selectors
from monitor.timefmt import SHANGHAI

PAGE = """<html><head><title>稀土产业再提速_高新区资讯网</title>
<meta name="publishdate" content="2022-11-14"></head><body>
<div class="nav"><a href="/">首页</a><a href="/news/">新闻</a><a href="/about">关于我们</a></div>
<h1>稀土产业再提速</h1><div class="info">发布时间：2022年11月14日 09:30 来源：包头日报 作者：记者 张三</div>
<div class="content"><p>包头稀土高新区前三季度稀土产业产值同比增长逾三成，一批重点项目开工建设。</p>
<p>高新区将继续优化营商环境，推动稀土新材料向终端应用延伸。</p><p>责任编辑：李四</p></div>
<div class="footer"><a href="/a">链接一</a><a href="/b">链接二</a> 版权所有</div></body></html>"""


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("发布时间：2022-11-14 09:30", datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI), "minute"),
        ("2022年11月14日 09:30:05", datetime(2022, 11, 14, 9, 30, 5, tzinfo=SHANGHAI), "second"),
        ("2022/11/14", datetime(2022, 11, 14, tzinfo=SHANGHAI), "day"),
        ("2022年11月", datetime(2022, 11, 1, tzinfo=SHANGHAI), "month"),
    ],
)
def test_parse_date_patterns(text: str, expected: datetime, precision: str) -> None:
    found = parse_date(text)
    assert found is not None and found.value == expected and found.precision == precision


def test_parse_date_rejects_impossible_dates() -> None:
    assert parse_date("2022-13-45") is None


@pytest.mark.parametrize(
    ("line", "name", "post"),
    [
        ("郭军军 包头稀土高新区\n管委会主任", "郭军军", "包头稀土高新区管委会主任"),
        ("作者：记者 王晓楠", "王晓楠", None),
        ("本报记者 刘畅 李明", "刘畅 李明", None),
        ("文/李明", "李明", None),
        ("来源：高新区资讯网", None, None),
    ],
)
def test_split_byline(line: str, name: str | None, post: str | None) -> None:
    assert split_byline(line) == (name, post)


def test_extract_by_detection() -> None:
    article = extract_article(PAGE, "https://example.gov.cn/news/2022-11/14/content_1.html")
    assert article.title == "稀土产业再提速"
    # the meta tag gives the day; the date line under the title, the same day, gives its time (issue 18)
    assert article.published is not None and article.published.precision == "minute"
    assert article.published.value == datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI)
    assert article.body.startswith("包头稀土高新区前三季度")
    assert "责任编辑" not in article.body and "首页" not in article.body and "版权所有" not in article.body
    assert article.source_name == "包头日报"


def test_selectors_win_over_detection() -> None:
    article = extract_article(PAGE, "https://example.gov.cn/x.html", Selectors(date=".info", title="title"))
    assert article.published is not None and article.published.precision == "minute"
    assert article.title.startswith("稀土产业再提速")


def test_date_from_url_when_page_has_none() -> None:
    page = "<html><body><h1>标题</h1><div><p>" + "正文内容很长。" * 20 + "</p></div></body></html>"
    article = extract_article(page, "https://example.gov.cn/art/2022/11/t20221114_123.html")
    assert article.published is not None and article.published.value.date().isoformat() == "2022-11-14"


def test_no_date_stays_unknown() -> None:
    page = "<html><body><h1>标题</h1><div><p>" + "正文内容很长。" * 20 + "</p></div></body></html>"
    assert extract_article(page, "https://example.gov.cn/a.html").published is None


def test_too_short_is_a_named_error() -> None:
    with pytest.raises(TooShort):
        extract_article("<html><body><p>短</p></body></html>", "https://example.gov.cn/a.html")
