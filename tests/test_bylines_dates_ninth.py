"""Bylines on ordinary news pages (issue 18), ninth round. First the reviewer's finds on main: bare names that are whom
a text speaks of, not who wrote it (a name-only headline over a profile, the people interviewed listed above the text,
a poem's author under its title in the text). A bare line of names (no role word, no writer's label) names no writer
when its names come back in the text under it, outside a credit, or when verse follows it. Each test of this file
fails on the commit before its rule; guard tests, asserting what a rule must not change, need not."""

from __future__ import annotations

import pytest

from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/a.html"


@pytest.mark.parametrize("text", [
    # a profile under its subject's name
    "黄大年\n2024-05-10 来源：吉林日报\n黄大年，著名地球物理学家，2009年放弃国外优越条件回国，担任吉林大学地球探测科学"
    "与技术学院教授，带领团队取得多项重大科研成果。",
    "张桂梅\n2021-06-29 09:12:33 来源：新华网\n在云南丽江华坪女子高级中学，校长张桂梅每天清晨五点多起床，打着手电筒"
    "巡查教学楼。十多年来，她帮助1800多名女孩走出大山。",
])
def test_a_name_only_headline_is_no_writer(text: str) -> None:
    assert extract_text_page(text, URL).author is None


def test_the_people_interviewed_listed_above_the_text_are_no_writers() -> None:
    text = ("企业家谈创新\n2019-05-21 来源：科技日报\n\n任正非 马云\n\n2019年5月，华为创始人任正非接受了中外媒体采访。"
            "阿里巴巴创始人马云则表示，创新是企业发展的根本动力。")
    assert extract_text_page(text, URL).author is None


@pytest.mark.parametrize("text", [
    # a poem heading the text, its author under its title
    "高新区举办“诗韵春天”朗诵会\n2024-04-12 来源：高新区融媒体中心\n春晓\n孟浩然\n春眠不觉晓，处处闻啼鸟。夜来风雨声，"
    "花落知多少。\n4月11日，高新区在市民文化中心举办“诗韵春天”朗诵会，200余名居民参加。",
    # ... or quoted in it, under the lead paragraph
    "社区举办古诗词诵读活动\n2024-04-12 来源：高新区融媒体中心\n4月11日，高新区长江路社区在社区书屋举办古诗词诵读活动，"
    "30余名少年儿童参加，一起感受中华传统文化的魅力。\n活动中，孩子们先后诵读了多首经典诗词。\n静夜思\n李白\n"
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n社区负责人表示，下一步将持续开展传统文化进社区活动。",
])
def test_a_poems_author_is_no_writer_of_the_page(text: str) -> None:
    assert extract_text_page(text, URL).author is None


@pytest.mark.parametrize(("text", "expected"), [
    # guard: a bare name line whose name comes back only in the dateline's credit is the writer's
    ("高新区12个项目集中签约\n2024-05-01\n李倩\n本报讯（记者 李倩）高新区举行重点项目集中签约活动，共签约项目12个，"
     "总投资56亿元。", "李倩"),
    # guard: a bare name line under the title, the text not naming it again
    ("高新区12个项目集中签约\n2024-05-01\n刘祺\n高新区举行重点项目集中签约活动，共签约项目12个，总投资56亿元，涵盖"
     "新能源、新材料和生物医药等领域。", "刘祺"),
])
def test_a_writers_bare_line_still_names_the_writer(text: str, expected: str) -> None:
    assert extract_text_page(text, URL).author == expected
