"""Bylines on ordinary news pages (issue 18): the review of round nine (the general credit reader, bare names the text
speaks of). Each finding is fixed by a general rule: a closed vocabulary of staff roles ends a writer's names; only a
bare line of names is asked whether the text speaks of them, by whole names, outside a caption's credit or a signature;
verse is a quatrain's lines at least, under a poem's own title; a picture's or a video's credit closing the text names
no writer; after an author's label the strict name test and the word and office tests; an explicit author who also
edited the page is kept unless a closing credit names other writers. Each test fails on h-authors24 (6b9fe22); guard
tests, asserting what a rule must not change, need not."""

from __future__ import annotations

import pytest

from monitor.extract import bylines, extract_article
from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/a.html"
HEAD = "高新区召开秋季农业生产工作会议\n2024-09-10 来源：高新区融媒体中心\n"
TEXT = "9月10日，高新区召开秋季农业生产工作会议，部署秋收秋种等重点任务。\n会议强调，各镇要抓好秋粮收储，确保颗粒归仓。"


# 1. A staff role ends the names of the role before it; its own names write nothing.
@pytest.mark.parametrize("staff", "剪辑 策划 统筹 设计 制图 翻译 主播 出品 排版 航拍 配音 制作 主编 签发 导演 出镜 后期 插画 "
                                  "主持 数据 编导 指导 美术 视觉 制片 录音 字幕 编审 值班 通联 实习编辑 执行主编".split())
def test_a_staff_role_is_no_writer_and_ends_the_writers_names(staff: str) -> None:
    assert bylines.credited_writers(f"记者 张三 {staff} 李四") == "张三"


@pytest.mark.parametrize("text", [
    HEAD + "记者 王明 剪辑 刘洋\n" + TEXT,  # a short credited line in the head
    HEAD + "本报讯（记者 王明 统筹 刘洋）" + TEXT,  # a dateline's bracket
    HEAD + TEXT + "\n（记者 王明 统筹 刘洋）",  # the bracket closing the text
])
def test_a_staff_role_on_a_page_names_no_writer(text: str) -> None:
    assert extract_text_page(text, URL).author == "王明"


def test_a_trainee_editor_is_no_writer_named_trainee() -> None:
    assert extract_text_page(HEAD + TEXT + "\n通讯员 张三 实习编辑 李四", URL).author == "张三"


# 2. A forum's or a blog's author field is a credit: the text speaking of its user takes nothing from it.
@pytest.mark.parametrize("text", [
    "秋日登山记\n楼主：李娜 2024-10-05 21:13\n国庆假期，约了几个朋友去爬城郊的青龙山，一路上枫叶渐红。\n下山时在农家乐吃了顿"
    "柴火鸡。\n本帖最后由 李娜 于 2024-10-05 21:50 编辑",
    "秋日登山记\n2024-10-05 21:13\n发布者：李娜\n国庆假期，约了几个朋友去爬城郊的青龙山，一路上枫叶渐红。\n下山时在农家乐吃"
    "了顿柴火鸡。\n——李娜 写于青龙山下",
])
def test_a_forum_or_blog_author_field_is_kept_when_the_text_names_its_user(text: str) -> None:
    assert extract_text_page(text, URL).author == "李娜"


# 3. A writer's bare name line: a caption's credit, a signature or a word holding the name is no speaking of it, and one
# couplet of prose is no verse.
SIGNED = "高新区12个项目集中签约\n2024-05-01 来源：高新区融媒体中心\n刘祺\n"
SIGNING = "高新区举行重点项目集中签约活动，共签约项目12个，总投资56亿元。\n图为签约现场。刘祺 摄"


@pytest.mark.parametrize(("text", "expected"), [
    (SIGNED + SIGNING, "刘祺"),  # the writer took the picture as well
    (SIGNED + SIGNING.replace("图为签约现场。刘祺 摄", "摄影：刘祺"), "刘祺"),  # ... credited on a line of its own
    ("国庆假期首日 高速车流量创新高\n2024-10-01 来源：高新区融媒体中心\n高峰\n10月1日，全市高速公路车流量达到42万辆次，"
     "上午9时至11时为出行高峰。", "高峰"),  # the name inside a word
    ("高新区迎春茶话会举行\n2024-02-01 来源：高新区融媒体中心\n王明\n春风送暖，万象更新。\n1月31日，高新区举行迎春茶话会，"
     "各界代表100余人欢聚一堂，共话发展。", "王明"),  # one couplet of prose
])
def test_a_writers_bare_name_line_is_kept(text: str, expected: str) -> None:
    assert extract_text_page(text, URL).author == expected


def _page(title: str, info: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='nav'><a href='/'>首页</a> "
            f"<a href='/n'>新闻中心</a></div><div class='article'><h1>{title}</h1><div class='info'>{info}</div>"
            f"<div class='content'>{body}</div></div><div class='footer'>版权所有：高新区融媒体中心</div></body></html>")


@pytest.mark.parametrize(("html", "expected"), [
    (_page("高新区12个项目集中签约", "2024-05-01 10:20", [
        "刘祺", "高新区举行重点项目集中签约活动，共签约项目12个，总投资56亿元，涵盖新能源、新材料和生物医药等领域。",
        "图为签约现场。刘祺 摄", "下一步，高新区将强化项目服务保障，推动项目早落地、早投产。"]), "刘祺"),
    # a poet's own poem: the page is the poem, its author under the page's title and date the writer
    (_page("七绝·秋思", "2024-10-12 来源：高新区诗词学会", [
        "王建国", "秋风萧瑟雁南飞，落叶纷纷染翠微。", "独倚栏杆思故里，一轮明月照人归。",
        "注：作于2024年中秋，时客居他乡，夜不能寐，遂成此诗。"]), "王建国"),
])
def test_a_writers_name_at_an_html_articles_start_is_kept(html: str, expected: str) -> None:
    assert extract_article(html, URL).author == expected


# 4. A picture's, a video's or a source's credit closing the text names no writer.
@pytest.mark.parametrize("credit", ["（王明 供图）", "（刘洋 视频）", "（刘洋 图片）", "（刘洋 来源）"])
def test_a_picture_or_video_credit_closing_the_text_names_no_writer(credit: str) -> None:
    assert extract_text_page(HEAD + TEXT + credit, URL).author is None


def test_a_photographers_label_after_a_writer_keeps_the_writer() -> None:  # 7: '摄影' opens the next field
    assert bylines.credited_writers("记者 张三 摄影 李四") == "张三"
    assert bylines.credited_writers("记者 张三 摄影记者 李四") == "张三"


@pytest.mark.parametrize(("credit", "expected"), [
    ("記者張和平通訊員趙菠", "張和平 趙菠"),  # 和 is in names too
    ("记者 那英", "那英"),
])
def test_a_name_holding_a_character_of_grammar_is_read(credit: str, expected: str) -> None:
    assert bylines.credited_writers(credit) == expected


# 5. After an author's label: a column, a body or a kind of people is no writer.
@pytest.mark.parametrize("credit", ["作者：评论员", "文/评论员", "文字实录", "文字直播", "撰稿人说", "文/学校", "文/办公室",
                                    "文/总工会", "文/工商联", "文/党校", "文/宣传科", "文/幼儿园", "文/支行", "文/车间",
                                    "文/志愿者", "文/读者", "文/市民", "文/学生", "文/老师", "文/家长", "文/校友"])
def test_a_body_or_a_kind_of_people_after_a_label_is_no_writer(credit: str) -> None:
    assert bylines.credited_writers(credit) is None


@pytest.mark.parametrize("text", [HEAD + "作者：评论员\n" + TEXT, HEAD + "文字实录\n" + TEXT, HEAD + TEXT + "（文/学校）"])
def test_a_page_credited_to_a_body_or_a_column_names_no_writer(text: str) -> None:
    assert extract_text_page(text, URL).author is None


@pytest.mark.parametrize(("credit", "expected"), [  # guards
    ("文/张帅", "张帅"), ("作者：李明 王芳", "李明 王芳"), ("□ 记者 咸明", "咸明"), ("记者 陈冠军", "陈冠军")])
def test_a_persons_name_after_a_label_is_still_read(credit: str, expected: str) -> None:
    assert bylines.credited_writers(credit) == expected


# 6. An explicit author who also edited the page.
def test_an_explicit_author_who_edited_the_page_is_kept() -> None:
    text = "我县召开秋季农业生产工作会议\n作者：李明 来源：县融媒体中心 2024-09-10\n" + TEXT + "\n编辑：李明"
    assert extract_text_page(text, URL).author == "李明"
