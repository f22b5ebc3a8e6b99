"""Bylines and publication dates on ordinary news pages (issue 18)."""

from __future__ import annotations

import pytest

from monitor.extract.bylines import find_author
from monitor.extract.dates import day_first_hint, parse_date
from monitor.extract.extractor import extract_article


@pytest.mark.parametrize(("line", "expected"), [
    ("作者：张三", "张三"),
    ("记者 张三 李四", "张三 李四"),  # several names
    ("本报记者 张三 通讯员 李四", "张三 李四"),
    ("本报讯（记者 刘洋 通讯员 李明）", "刘洋 李明"),
    ("文/张三", "张三"),
    ("文/张三 图/李四", "张三"),  # the writer before the photographer
    ("图/李四", "李四"),  # a photo story: the photographer
    ("文·图/刘七", "刘七"),
    ("发表者：bluesky", "bluesky"),  # forum and blog author fields
    ("楼主：老王2008", "老王2008"),  # a user name keeps its digits
    ("来源：人民网 作者：王小明 责任编辑：李四", "王小明"),  # the editor is dropped
    ("作者：张三2019-03-04", "张三"),  # the date after the name is not part of it
])
def test_bylines(line: str, expected: str) -> None:
    assert find_author(line) == expected


@pytest.mark.parametrize("line", ["作者：新华网", "作者：网易新闻", "作者：中国青年报", "作者:阅读次数:123", "作者：123456",
                                  "作者：本站", "责任编辑：李四"])
def test_a_site_a_counter_or_an_editor_is_never_the_author(line: str) -> None:
    assert find_author(line) is None


def test_year_last_dates_month_and_day_order() -> None:
    def day(text: str, day_first: bool | None = None) -> str:
        found = parse_date(text, day_first=day_first)
        return found.value.date().isoformat() if found else ""

    assert day("9/17/2004 5:54:13 AM") == "2004-09-17"  # a number above 12 decides
    assert day("17.09.2004") == "2004-09-17"
    assert day("03/02/2018") == "2018-03-02"  # slash, nothing else known: month first
    assert day("02.03.2018 12:52") == "2018-03-02"  # dot: day first
    assert day("03/02/2018", day_first=True) == "2018-02-03"  # the page says otherwise
    assert day_first_hint("03/02/2018 ... 25/12/2017") is True
    assert day_first_hint("03/02/2018 ... 12/25/2017") is False
    assert day_first_hint("发布：02.03.2018 12:52 本网3月2日讯") is True  # the same day written the Chinese way
    assert day_first_hint("03/04/2018") is None


def _page(header: str, above_body: str, body_end: str, after: str) -> str:
    paragraphs = "".join(f"<p>{'高新区今年新引进企业一百余家，产业规模持续扩大，创新能力明显增强，发展势头良好。' * 2}</p>"
                         for _ in range(5))
    return (f"<html><head><title>高新区发展迅速_新闻</title></head><body><div class='top'>{header}</div>"
            f"<h1>高新区发展迅速</h1><div class='info'>{above_body}</div><div id='content'>{paragraphs}"
            f"<p>{body_end}</p></div><div class='related'>{after}</div></body></html>")


def test_date_near_the_title_wins_over_the_site_header_footer_and_related_list() -> None:
    html = _page("今天是2024年3月5日 星期二", "2019-06-12 10:30 来源：高新区管委会",
                 "本文于2020年1月1日修订。", "<ul><li>发布时间：2021-07-08 相关新闻</li></ul>")
    found = extract_article(html, "https://example.cn/a.html").published
    assert found is not None and found.value.date().isoformat() == "2019-06-12"


def test_labelled_date_after_the_post_wins_over_an_archive_month_list() -> None:
    archive = "".join(f"<li><a href='/{m}'>2004年{m}月 (1)</a></li>" for m in (12, 11, 10))
    html = ("<html><body><div class='side'><ul>" + archive + "</ul></div><h2>很高兴入住博客堂</h2><div class='post'>"
            + "<p>承蒙邀请，很高兴入住博客堂，这里是做技术博客的好地方，我将在这里写C++和C#方面的文章。</p>" * 4
            + "<p>发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p></div></body></html>")
    found = extract_article(html, "https://example.cn/b.html").published
    assert found is not None and found.value.date().isoformat() == "2004-12-27"


def test_year_last_date_ordered_by_the_page_s_chinese_date() -> None:
    html = _page("", "02.03.2018  12:52", "", "").replace(
        "<div id='content'>", "<div id='content'><p>安徽网络广播电视台3月2日讯，住皖全国政协委员分批抵达北京，出席即将开幕的全国政协会议。</p>")
    found = extract_article(html, "https://example.cn/c.html").published
    assert found is not None and found.value.date().isoformat() == "2018-03-02"


_BODY = "<p>" + "高新区今年新引进企业一百余家，产业规模持续扩大，创新能力明显增强。" * 3 + "</p>"


def test_meta_author_naming_a_site_is_not_the_author() -> None:
    html = f'<html><head><meta name="author" content="新华网"></head><body><h1>标题一则</h1><div>{_BODY * 2}</div></body></html>'
    assert extract_article(html, "https://example.cn/a.html").author is None


def test_json_ld_author_and_time_element_date() -> None:
    html = ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person",'
            '"name":"王小明"}}</script></head><body><h1>标题一则</h1><time datetime="2021-05-06T08:00:00+08:00">5月6日</time>'
            f"<div>{_BODY * 2}</div><p>相关新闻 2023-01-01</p></body></html>")
    article = extract_article(html, "https://example.cn/a.html")
    assert article.author == "王小明"
    assert article.published is not None and article.published.value.isoformat() == "2021-05-06T08:00:00+08:00"


def test_plain_text_given_as_a_page_goes_through_the_text_path() -> None:
    text = "记者 张三\n\n" + "高新区今年新引进企业一百余家，产业规模持续扩大。\n\n" * 3
    article = extract_article(text, "https://example.cn/a.txt")
    assert article.author == "张三" and not article.body.startswith("记者")


@pytest.mark.parametrize(("line", "expected"), [
    ("文：张三", "张三"), ("文丨李四", "李四"), ("作者 | 王五", "王五"),
    ("作者 邢翀", "邢翀"), ("撰文 王五", "王五"), ("本文作者 王五", "王五"),  # a label and a space, no colon
    ("记者：阿依努尔·买买提", "阿依努尔·买买提"),  # a transliterated name
])
def test_more_byline_forms(line: str, expected: str) -> None:
    assert find_author(line) == expected


@pytest.mark.parametrize("line", ["作者 简介", "全文：共三章", "作者单位：北京大学"])
def test_labels_that_name_no_one(line: str) -> None:
    assert find_author(line) is None


@pytest.mark.parametrize("text", ["", "   ", "短文本"])
def test_empty_or_tiny_text_page_is_too_short(text: str) -> None:
    from monitor.errors import TooShort

    with pytest.raises(TooShort):
        extract_article(text, "https://example.cn/empty")
