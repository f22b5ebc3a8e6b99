"""A page without a <title> reads like the same page with one (review of the extractor, issue 18): its headline,
printed as a plain line above the date line, is the title and not the body's first paragraph, so the two copies of a
story get one body and one content hash and dedup finds the repost. The text is datecheck's newsxy.com page (tune half)
in a news site's layout."""

from __future__ import annotations

import pytest

from monitor.extract import extract_article
from monitor.normalise import content_hash

_URL = "http://news.newsxy.com/2017/1106/287248.shtml"
_HEADLINE = "高新区:新余的“浦东”"
_DATE_LINE = "2017年11月06日 来源: 新余新闻网 作者:见习记者 胡涛 通讯员 付新 罗柳根"
_TEXT = ["如今的高新区鸟瞰图。",
         "新余因钢设市,是一座传统工业城市,工业是全市经济的脊梁,但在过去,外地人提到新余,都会想到新钢,似乎也只能想到新钢,"
         "“一钢独大”的局面延续多年。"]


def _page(lines: list[str], title: str | None) -> str:
    head = f"<head><title>{title}</title></head>" if title is not None else "<head></head>"
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return (f"<html>{head}<body><div class='nav'><a href='/'>首页</a> | <a href='/xw'>新闻</a></div>"
            f"<div class='content'>{paragraphs}</div></body></html>")


def test_an_untitled_page_and_the_same_page_with_a_title_get_one_body() -> None:
    """Review: without a <title> the headline line stayed in the body (it is furniture only when it prints the title),
    so the same story got another body and another content hash."""
    lines = [_HEADLINE, _DATE_LINE, *_TEXT]
    titled = extract_article(_page(lines, f"{_HEADLINE}_新余新闻网"), _URL)
    untitled = extract_article(_page(lines, None), _URL)
    assert untitled.body == titled.body == "\n\n".join(_TEXT)
    assert content_hash(untitled.body) == content_hash(titled.body)
    assert untitled.title == titled.title == _HEADLINE
    assert untitled.published == titled.published and untitled.published is not None


def test_an_untitled_page_keeps_a_first_paragraph_that_is_no_headline() -> None:
    """A page without a headline keeps its first paragraph: a sentence above the date line, or a short line with no
    date line under it (a sub-heading, a name and post line: test_pieces_variants), and a byline is no headline."""
    sentence = "新余高新区坚持创新驱动发展,今年新增高新技术企业三十余家。"
    article = extract_article(_page([sentence, _DATE_LINE, *_TEXT], None), _URL)
    assert article.body.startswith(sentence) and article.title == ""
    heading = "一、园区概况"
    article = extract_article(_page([heading, *_TEXT], None), _URL)
    assert article.body.startswith(heading) and article.title == ""
    byline = "记者:胡涛、付新"
    article = extract_article(_page([byline, "2017年11月06日 来源: 新余新闻网", *_TEXT], None), _URL)
    assert article.title == "" and "胡涛" in (article.author or "")


# A page's real first line, short and above its date line, that is no headline (review of h-lowfix: each left the
# body and became the title): a subtitle, a label and its value, an exclamation, an editor's note, a photo's caption.
_FIRST_LINES_NO_HEADLINE = {
    "subtitle": "——记新余高新区科技局局长张伟",
    "label and value": "会议名称：新余高新区招商引资工作推进会",
    "label and value, ASCII colon": "会议名称:新余高新区招商引资工作推进会",
    "exclamation": "春风送暖，项目建设热潮涌动！",
    "editor's note": "编者按：今年是新余高新区建区30周年",
    "editor's note, no colon": "编者按 今年是新余高新区建区30周年",
    "caption": "图为新余高新区鸟瞰图",
}


@pytest.mark.parametrize("kind", sorted(_FIRST_LINES_NO_HEADLINE))
def test_an_untitled_page_keeps_a_first_line_that_is_plainly_no_headline(kind: str) -> None:
    """Only a line that is plainly a headline leaves the body: no label colon '：', no subtitle dash, caption or
    editor's note at its start, no '！？…' at its end."""
    line = _FIRST_LINES_NO_HEADLINE[kind]
    article = extract_article(_page([line, _DATE_LINE, *_TEXT], None), _URL)
    assert article.body.startswith(line + "\n\n"), kind
    assert article.title == "", kind


def test_a_short_notice_keeps_its_first_line_rather_than_be_refused() -> None:
    """A short notice under its first line: taking the line out would leave a body too short and the page refused
    (TooShort); the line stays its text, as on a page with no date line."""
    notice = "新余高新区管委会2024年清明节放假安排：4月4日至6日放假调休，共3天。"
    article = extract_article(_page(["关于2024年清明节放假的通知", "发布日期：2024-03-05", notice], None), _URL)
    assert article.body == "关于2024年清明节放假的通知\n\n" + notice
    assert article.title == ""
