"""Roundup rules written after the twentieth batch (issue 18; tests/data/roundups/README.md), each from a kind of
failure of the tune halves (all batches): several speakers reported one sentence each in one paragraph, netizens whose
verb before the colon no list holds, a post joined to another noun by a conjunction. Each page is made up in a real
page's layout and fails on the code before its rule."""

from __future__ import annotations

from monitor.extract.bylines import post_then_name
from monitor.extract.speakers import introduced_speaker
from tests.pieces_helpers import assert_signed


def test_speakers_reported_one_sentence_each_in_one_paragraph_are_pieces() -> None:
    """Kind: a standing committee's speeches, or a delegation's, reported in one paragraph, each sentence opening
    'NAME title … speech verb' ('黄润秋常委提出，…。李卫常委代表无党派人士界发言建议，…'), the page not split at all (r210,
    twentieth batch, tune half): the shape repeated inside the paragraph splits it; a joint statement of two people
    opening it signs nothing."""
    article = assert_signed(
        "常委会议举行全体会议\n\n"
        "政协常委会议23日下午举行全体会议，多位常委围绕科技创新作大会发言。\n\n"
        "王明和张华常委在联合发言中建议，加强基础研究。黄润秋常委提出，加强生态环境科技支撑。"
        "李卫常委代表无党派人士界发言建议，营造良好政策生态。赖明常委建议，推动工业软件产业高质量发展。",
        [("黄润秋", "常委"), ("李卫", "常委"), ("赖明", "常委")],
    )
    assert article.pieces[0].body.startswith("黄润秋常委提出")
    assert "基础研究" not in article.pieces[0].body
    assert "工业软件" not in article.pieces[1].body


def test_a_meeting_report_quoting_its_officials_in_turn_stays_one_article() -> None:
    """'王伟书记强调，…。李明主任指出，…' is how an ordinary meeting report quotes its officials one after another: an office
    after the name is no member's title, and the report is not cut into signed pieces (review of the rule above)."""
    from monitor.extract.extractor import extract_text_page

    article = extract_text_page(
        "高新区召开2024年经济工作会议\n\n2024-03-05 来源：高新区管委会\n\n"
        "3月5日，高新区召开2024年经济工作会议，总结去年工作，部署今年任务。区领导班子成员出席会议。\n\n"
        "王伟书记强调，要坚定信心，奋力完成全年目标任务。李明主任指出，要狠抓项目建设，优化营商环境。"
        "张华副主任提出，要抓好安全生产。\n\n会议还对重点工作进行了安排部署，各部门负责人参加会议。\n",
        "https://gxq.example.gov.cn/news/1.html",
    )
    assert not article.pieces
    assert "李明主任指出" in article.body and "各部门负责人" in article.body


def test_a_deputy_speaking_in_a_narrative_paragraph_does_not_split_it() -> None:
    """One sentence naming a deputy by 'NAME代表' is no shape repeated: the paragraph stays whole."""
    article = assert_signed(
        "代表热议\n\n"
        "全国人大代表、市交通局副局长王建国说：“交通人还有很多能大有作为的空间。”黄伯云代表建议，加快科技成果转化。\n\n"
        "全国人大代表、千色花公司董事长李秀英说：“这些普惠政策非常值得借力。”",
        ["王建国", "李秀英"],
    )
    assert "黄伯云代表建议" in article.pieces[0].body


def test_a_netizen_s_handle_then_any_verb_and_a_colon_introduces_them() -> None:
    """Kind: '网友“handle”评论：', '网友“handle”解读道：' — a verb no list held before the colon, so the netizen was
    not read and the lines merged into the piece above (r202, twentieth batch, tune half): the colon a few characters
    after the handle shows that their words follow."""
    assert introduced_speaker("网友“陶景洲”评论：“简政放权是政府的自我革命。”").name == "陶景洲"
    assert introduced_speaker("网友“肖磊看市”解读道：“政府工作报告决心很大。”").name == "肖磊看市"
    assert introduced_speaker("网友“陶景洲”这个名字，大家都熟悉：他常常评论。") is None


def test_a_post_joined_to_another_noun_by_a_conjunction_is_followed_by_no_name() -> None:
    """Kind: '人大代表和政协委员们' read as post 人大代表 and name 和政协 (和 is also a surname), a false piece that cut
    the real one short (r213, twentieth batch, tune half). A name ending a signature line after 和 stays a name
    ('莲湖区区长和文全')."""
    assert post_then_name("人大代表和政协委员们传递给我们更多的信息") is None
    assert post_then_name("媒体是我们代表和公众的桥梁") is None
    assert post_then_name("莲湖区区长和文全", until_end=True) == (5, 5, 8)
