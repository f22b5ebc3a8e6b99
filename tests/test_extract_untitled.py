"""A page without a <title> reads like the same page with one (review of the extractor, issue 18): its headline,
printed as a plain line above the date line, is the title and not the body's first paragraph, so the two copies of a
story get one body and one content hash and dedup finds the repost. The text is datecheck's newsxy.com page (tune half)
in a news site's layout."""

from __future__ import annotations

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
