"""Roundup rules written after the twenty-first batch (issue 18; tests/data/roundups/README.md), each from a kind of
failure of the tune halves (all batches). Each page is made up in a real page's layout and fails on the code before its
rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from tests.pieces_helpers import assert_signed


def test_people_listed_in_a_lead_then_speaking_alone_in_turn_are_pieces() -> None:
    """Kind: a seminar report lists its experts with their posts ('…副院长曲建、…教授胡汉辉等8位专家…'), then reports them
    by name alone, one sentence each ('曲建提出，…。胡汉辉认为，…'): the page was not split at all (r225, twenty-first
    batch, tune half). A name printed after a post above, then opening a sentence with a speech verb, is a speaker; the
    post printed only in the lead's list is no post of the piece."""
    article = assert_signed(
        "专家共议湖区建设\n\n"
        "5月27日，战略研讨会在线举行，累计参会人数达51万余人。\n\n"
        "会上，某某综合开发研究院副院长曲建、某某大学城市规划研究院院长曾刚、某某大学经济管理学院教授胡汉辉等8位"
        "知名专家从不同角度建言献策。\n\n"
        "曲建提出，要重点关注科技创新模式、现代产业体系和规划发展战略。胡汉辉认为，环太湖科创圈要整合和重组创新资源，"
        "形成长三角中心区域的创新高原。\n\n原文链接：交汇点新闻",
        [("曲建", None), ("胡汉辉", None)],
    )
    assert article.pieces[0].body.startswith("曲建提出")
    assert "创新高原" not in article.pieces[0].body


def test_a_paragraph_opening_with_a_name_it_repeats_before_a_speech_verb_is_that_speaker_s() -> None:
    """Kind: on a page of 'post NAME认为' paragraphs, one opens with the name alone and names the speaker again before
    the verb ('蔡正雄今年的提案关注…。“…”蔡正雄认为，…'): it was merged into the piece above (r216, twenty-first batch,
    tune half). The name printed twice, once opening the paragraph and once speaking, is the evidence."""
    article = assert_signed(
        "台籍委员谈报告\n\n"
        "“今年的报告非常精炼，对以后的工作有很大的促进作用。”步出会场的台籍委员王二虎对记者如是说。\n\n"
        "台籍委员张宁认为，今后政协平台将在两岸关系发展中发挥越来越大的作用，“很让人振奋”。\n\n"
        "蔡正雄今年的提案关注我国电力发展。“为了更好地使用绿色能源，特高压是很重要的。”蔡正雄认为，"
        "我国的绿色能源大多集中于特定地区，需要将其输送出去。",
        [("王二虎", "台籍委员"), ("张宁", "台籍委员"), ("蔡正雄", None)],
    )
    assert "特高压" not in article.pieces[1].body


def test_a_meeting_report_naming_its_officials_alone_in_turn_stays_one_article() -> None:
    """A meeting report lists its officials with their posts, then quotes them by name ('王伟强调，…', '李明要求，…'):
    '强调', '要求', '指出' are how a report quotes its officials, not a speaker's words; the report is one article."""
    article = extract_text_page(
        "高新区召开经济工作会议\n\n2024-03-05 来源：高新区管委会\n\n"
        "3月5日，高新区召开经济工作会议。高新区党工委书记王伟、管委会主任李明出席会议并讲话。\n\n"
        "王伟强调，要坚定信心，奋力完成全年目标任务。\n\n李明要求，要狠抓项目建设，优化营商环境。\n\n"
        "会议还对重点工作进行了安排部署。\n",
        "https://gxq.example.gov.cn/news/2.html",
    )
    assert not article.pieces
