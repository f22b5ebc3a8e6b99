"""Shapes found on the second batch of real roundup pages (tests/data/roundups r23-r35, tune
half) and the rules they brought, each with a short made-up page that isolates the rule."""

from __future__ import annotations

from pathlib import Path

from monitor.extract.extractor import extract_text_page
from monitor.extract.pieces import split_signed
from monitor.items import ExtractedArticle

ROUNDUPS = Path(__file__).parent / "data" / "roundups"


def _page(name: str) -> ExtractedArticle:
    return extract_text_page((ROUNDUPS / name).read_text(encoding="utf-8"), f"https://example.cn/{name}")


def _signed(article: ExtractedArticle) -> list[tuple[str | None, str | None]]:
    return [(p.author, p.author_post) for p in article.pieces]


def test_name_alone_then_post_lines() -> None:
    """r25: '钟南山 / 中国工程院院士 / “共和国勋章”获得者', then the piece."""
    article = _page("r25-scichi-name-then-post-lines.txt")
    assert _signed(article) == [("钟南山", "中国工程院院士 “共和国勋章”获得者"),
                                ("姚期智", "中国科学院院士 清华大学交叉信息研究院院长")]
    assert article.pieces[0].body.startswith("惟创新者进") and "姚期智" not in article.pieces[0].body
    made_up = split_signed(["王小明", "某某大学校长", "创新要靠人才，人才要靠教育。", "李红梅",
                            "某某研究院院长", "科研要耐得住寂寞。"])
    assert [(p.author, p.author_post, p.body) for p in made_up.pieces] == [
        ("王小明", "某某大学校长", "创新要靠人才，人才要靠教育。"), ("李红梅", "某某研究院院长", "科研要耐得住寂寞。")]


def test_post_then_name_alone_on_a_line_hong_kong_offices() -> None:
    """r27: '行政长官 林郑月娥' (长官 is a post)."""
    article = _page("r27-managershare-post-name-lines.txt")
    assert _signed(article) == [("林郑月娥", "行政长官"), ("张建宗", "政务司司长")]
    assert article.pieces[0].body.endswith("事事顺遂。")


def test_name_colon_sub_headlines_post_from_the_first_paragraph() -> None:
    """r28: 'NAME：a few words' lines are sub-headlines signing the piece below; a headline naming
    the speaker with no colon ('林定国祝愿…') over a paragraph opening 'post NAME' starts one too;
    the post comes from the first paragraph; '多名司局长' is a group, '而' no part of a post."""
    article = _page("r28-hk01-name-colon-subheads.txt")
    # the page's first line ('司局长向市民拜年 陈国基：会敢于求变…') is its headline, not a signature
    assert _signed(article) == [("陈国基", None), ("陈茂波", "财政司司长"), ("林定国", "律政司司长"), ("邓炳强", "保安局局长")]
    pieces = article.pieces
    assert [p.headline for p in pieces] == ["陈国基:积极识变、应变、求变", "陈茂波:经济正稳步向前 未来会抢抓机遇",
                                            "林定国祝愿香港百业兴旺、祖国繁荣昌盛", "邓炳强:百业兴旺、国安家安"]
    assert pieces[0].body.startswith("陈国基指") and "积极识变、应变、求变\n" not in pieces[0].body
    assert "林定国" not in pieces[1].body and "李百全" in pieces[3].body  # a continuation stays in its piece


def test_reporter_lines_under_headlines_open_pieces_not_close_them() -> None:
    """r30: '本报记者 NAME' alone under each headline opens the piece (nothing above it to close);
    a '亮点：…' line between a headline and its byline belongs to the piece below; '|', '⑤' dropped."""
    article = _page("r30-dizaynex-renmin-reporters-dash.txt")
    assert _signed(article) == [("刘维涛", "本报记者"), ("张怡恬 吴奇强", "本报记者")]
    first, second = article.pieces
    assert first.body.startswith("亮点:大专以上文化占九成") and "亮点:代表中领导干部比例减少" not in first.body
    assert second.body.startswith("亮点:代表中领导干部比例减少") and "⑥" not in first.body
    assert [first.headline, second.headline] == ["为国谋利为民谋福", "议案要精益求精"]


def test_opening_post_and_name_after_a_headline_joins_explicit_signatures() -> None:
    """r35: most pieces signed by a 'post NAME' line, one by the opening words of its paragraph
    right under its headline; a signature line printed twice counts once."""
    article = _page("r35-cjyun-subhead-post-name-lines.txt")
    assert _signed(article) == [("计金标", "北京第二外国语学院校长"), ("严纯华", "兰州大学校长")]
    assert "严纯华" not in article.pieces[0].body
    made_up = split_signed(["寄语一", "甲大学校长王小明", "同学们要敢闯敢试。", "寄语二",
                            "乙大学校长李红梅说，希望大家勇于创新。", "寄语三", "丙大学校长赵刚", "愿你们前程似锦。"])
    assert [(p.author, p.author_post) for p in made_up.pieces] == [
        ("王小明", "甲大学校长"), ("李红梅", "乙大学校长"), ("赵刚", "丙大学校长")]


def test_closer_reading_needs_text_to_close() -> None:
    """A reporter line under every headline, no prose above the first: bylines, not closers."""
    page = split_signed(["会场内外", "本报记者 王小明", "代表们在会场内外认真讨论。", "代表的故事",
                         "本报记者 李红梅", "代表们讲述自己的履职故事。"])
    assert [(p.author, p.headline, p.body) for p in page.pieces] == [
        ("王小明", "会场内外", "代表们在会场内外认真讨论。"), ("李红梅", "代表的故事", "代表们讲述自己的履职故事。")]


def test_weibo_handles_open_pieces_and_a_compiler_line_ends_them() -> None:
    """r38: '@handle：' opens each quoted weibo post; '（整理 李杏）' ends the last one."""
    article = _page("r38-mszxt-weibo-at-handles.txt")
    assert _signed(article) == [("商界雜志", None), ("安崇民", None), ("敬洪", None)]
    assert "這些天" not in article.pieces[-1].body and "整理" not in article.pieces[-1].body
    made_up = split_signed(["@网友甲：这个建议很实在。", "@网友乙：希望落到实处。", "（整理 王五）", "另一篇文章的开头。"])
    assert [(p.author, p.body) for p in made_up.pieces] == [("网友甲", "这个建议很实在。"), ("网友乙", "希望落到实处。")]


def test_posts_joined_by_a_comma_at_the_paragraph_start() -> None:
    """r37: '全国人大代表,太原市…副所长王润梅连续多年…' is one post; '从一名下岗职工到全国劳模,' is not."""
    article = _page("r37-csgyb-post-name-paragraphs.txt")
    assert ("王润梅", "全国人大代表,太原市政管理处第二道排养护管理所副所长") in _signed(article)
    assert ("尚瑞芬", "從一名下崗職工到全國勞模,如今連任5屆全國人大代表") not in _signed(
        _page("r18-jizihe-quote-then-speaker.txt"))


def test_deputies_named_by_title_at_a_paragraph_start_or_after_quoted_words() -> None:
    """r41: '朴金花代表在报告第10页…' opens a piece whatever follows the title; '“公交都市”“刷脸时代”，
    是陶冶代表印象深刻的关键词' names its speaker after a run of quoted words."""
    article = _page("r41-jlsina-deputies-quote-or-name-first.txt")
    assert _signed(article) == [("曹和平", "人大代表"), ("朴金花", "代表"), ("叶朋", "代表"), ("陶冶", "代表")]
    assert article.pieces[3].body.startswith("“公交都市”")
