"""The page-structure rules of the extractor (posts, comment lists, footers, author cards), on
small hand-written pages."""

import pytest

from monitor.extract.bylines import (
    citation_authors,
    copyright_person,
    find_author,
    names_only,
    person_source,
    user_name,
)
from monitor.extract.dates import parse_date
from monitor.extract.extractor import extract_article
from monitor.extract.pieces import may_have_pieces
from monitor.timefmt import format_published

POST_ONE = "<p>" + "今天去了湖边散步，风景很好，心情也很好。" * 20 + "</p>"
POST_TWO = "".join("<p>" + f"第{i}段：周末在家里整理旧照片，想起了很多小时候的事情，写下来留个纪念。" * 5 + "</p>"
                   for i in range(6))
REPLY = "<p>" + "楼主说得对，我也有同感，谢谢分享这么好的文章。" * 5 + "</p>"
NAV = "<ul>" + "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(12)) + "</ul>"


def page(body: str, title: str = "随笔") -> str:
    return f"<html><head><title>{title}</title></head><body>{NAV}{body}</body></html>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/17/2004 5:54:13 AM", "2004-09-17T05:54:13+08:00"),
        ("Saturday, September 10th, 2005 10:56 am", "2005-09-10T10:56:00+08:00"),
        ("September 19th, 2005 at 7:32 pm", "2005-09-19T19:32:00+08:00"),
        ("Posted on Sep 1, 2020", "2020-09-01"),
    ],
)
def test_english_dates(text: str, expected: str) -> None:
    assert format_published(parse_date(text)) == expected


def test_blog_index_yields_its_first_post_even_when_a_later_one_is_longer() -> None:
    html = page("<h3>湖边</h3><div>2005-06-14 03:25:55</div>" + POST_ONE
                + "<div>由小海张贴 @ 2005-06-14 03:25:55 共 3 篇评论</div>"
                + "<h3>旧照片</h3><div>2005-06-13 15:00:14</div>" + POST_TWO)
    article = extract_article(html, "http://blog.example.cn/index.html")
    assert "湖边散步" in article.body and "旧照片" not in article.body
    assert article.author == "小海"
    assert format_published(article.published) == "2005-06-14T03:25:55+08:00"


def test_reply_list_with_year_less_timestamps_is_not_appended() -> None:
    html = page(POST_TWO + "<p>| 回复线索：</p>"
                + "<p>周末整理照片【老王】08-11 16:06 298字</p>" + REPLY
                + "<p>回忆【小李】08-11 16:58 138字</p>" + REPLY)
    article = extract_article(html, "http://bbs.example.cn/t/1.html")
    assert "整理旧照片" in article.body and "楼主说得对" not in article.body


def test_comment_count_heading_ends_the_article() -> None:
    html = page(POST_TWO + "<h3>《旧照片》已有2件评论</h3><p>September 19th, 2005 at 7:32 pm</p>" + REPLY + REPLY)
    article = extract_article(html, "http://blog.example.cn/p/1.html")
    assert "楼主说得对" not in article.body


def test_footer_and_date_only_lines_are_dropped() -> None:
    html = page("<p>Saturday, September 10th, 2005 10:56 am</p>" + POST_TWO
                + "<p>某某日报网 京ICP备12345678号 版权所有，未经许可不得转载</p>"
                + "<p>他说：“这些照片的版权所有者是我父亲。”" + "我们一起翻看了很久。" * 3 + "</p>")
    body = extract_article(html, "http://news.example.cn/a.html").body
    assert "ICP" not in body and "Saturday" not in body and "版权所有者" in body


def test_title_after_a_site_name_and_guillemet() -> None:
    html = page(POST_TWO, title="某某博客 » 周末整理旧照片有感")
    assert extract_article(html, "http://blog.example.cn/p/2.html").title == "周末整理旧照片有感"


def test_forum_thread_author_wins_over_a_reply_poster_and_may_be_a_link() -> None:
    html = page('<div>楼层：第 1 楼 时间：2005-08-28 20:56:20</div><div>作者：<a href="/u/1">放飞&amp;心情</a></div>'
                + POST_TWO + "<div>楼层：第 2 楼 时间：2005-08-28 23:38:58</div><div>作者：<a href='/u/2'>6xy</a></div>"
                + "<p>谢谢！</p>")
    assert extract_article(html, "http://bbs.example.cn/t/2.html").author == "放飞&心情"


def test_user_card_above_a_column_names_the_author() -> None:
    html = page('<div><a href="/u/9">魑皇</a></div><div>关注</div><div>粉丝：23 文章：11</div>' + POST_TWO)
    assert extract_article(html, "http://column.example.cn/cv/1").author == "魑皇"


def test_profile_card_after_a_blog_post_names_the_author() -> None:
    html = page(POST_TWO + "<h3>发表评论</h3><table><tr><td>太小心</td></tr><tr><td>[作者简介] (个人情况保密)</td></tr></table>")
    assert extract_article(html, "http://blog.example.cn/p/3.html").author == "太小心"


def test_person_named_as_source_is_the_author() -> None:
    html = page(POST_TWO + "<p>来源: 尹娟</p>")
    assert extract_article(html, "http://news.example.cn/b.html").author == "尹娟"


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        (citation_authors, "文章引用：赵培, 李明. 物流配送问题研究[J]. 现代市场营销, 2018, 8(2): 7-16.", "赵培 李明"),
        (citation_authors, "引用了很多文献。", None),
        (copyright_person, "Copyright © 李建忠", "李建忠"),
        (copyright_person, "Copyright © 2005 新华网", None),
        (person_source, "尹娟", "尹娟"),
        (person_source, "新华网", None),
        (person_source, "东方网", None),
        (user_name, "放飞&心情", "放飞&心情"),
        (user_name, "关注", None),
        (user_name, "12345", None),
        (find_author, "发布时间 2005/03/15 22:36:13 by duscha", "duscha"),
        (find_author, "Posted by duscha at 10:56 am", "duscha"),
        (find_author, "作者：责任编辑：肖春芳", None),  # an empty author label, then the editor's: no author
        (find_author, "作者：张三 责任编辑：肖春芳", "张三"),
        (names_only, "相关文章", None),  # four characters behind a one-character surname: a word
        (names_only, "欧阳修文", "欧阳修文"),  # behind a compound surname: a name
        (names_only, "赵延东、风笑天", "赵延东 风笑天"),
    ],
)
def test_author_helpers(function, text: str, expected: str | None) -> None:
    assert function(text) == expected


def test_lowercase_by_after_prose_is_not_a_byline() -> None:
    assert find_author("does not guarantee what is said by other users") is None


def test_multi_piece_precheck() -> None:
    assert not may_have_pieces(["今天天气很好。", "我们去了公园。"])
    assert may_have_pieces(["郭军军 包头稀土高新区管委会主任", "本报记者 张三"])
