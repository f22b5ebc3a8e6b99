"""Roundup rules written after the twenty-fourth batch (issue 18; tests/data/roundups/README.md), each from a kind of
failure of the tune halves (all batches, the twenty-fourth's tune half included). Each page is made up in a real page's
layout and fails on the code before its rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from tests.pieces_helpers import assert_signed


def test_a_post_printed_in_two_parts_around_a_comma_under_a_name_only_subheadline_is_whole() -> None:
    """Kind: a members' press conference gives each member a sub-headline 'NAME委员：topic', the paragraph under it prints
    the post in two parts ('全国政协常委、提案委员会副主任，九三学社中央副主席NAME说'): the post read from the paragraph
    stopped at the comma (r234, twenty-fourth batch, tune half; the same post shape on r37, r80, r99, r110, r138,
    r219). The part before the comma ends with an office and holds no description: one post."""
    article = assert_signed(
        "建言资政集众智 凝聚共识促发展\n\n"
        "全国政协会议10日召开记者会，赖明、吴为山、潘建伟委员回答了记者提问。\n\n"
        "赖明委员：紧扣建言资政和凝聚共识双向发力\n\n"
        "全国政协常委、提案委员会副主任，九三学社中央副主席赖明说，全国政协委员履职要紧扣建言资政和凝聚共识双向发力，"
        "特别是要在凝心聚力上下功夫。\n\n"
        "潘建伟委员：科技创新要久久为功\n\n"
        "全国政协委员，中国科学技术大学常务副校长潘建伟说，基础研究需要长期积累，要给科研人员营造安心的环境。\n",
        [("赖明", "全国政协常委、提案委员会副主任，九三学社中央副主席"),
         ("潘建伟", "全国政协委员，中国科学技术大学常务副校长")],
    )
    assert article.pieces[0].headline.startswith("赖明委员")


def test_a_description_before_the_comma_is_no_part_of_the_post() -> None:
    """The same reading does not join a description ending with an office to the post after the comma ('作为“奋斗者”号的
    总设计师，全国政协委员、…研究员NAME介绍': r67, seventh batch, whose label keeps the description out)."""
    article = assert_signed(
        "委员通道\n\n"
        "“奋斗者”号刷新下潜纪录\n\n"
        "作为“奋斗者”号的总设计师，全国政协委员、中国船舶科学研究中心研究员叶聪介绍了中国载人深潜的最新进展。\n\n"
        "继续谱写高原铁路新篇章\n\n"
        "作为青藏铁路的见证者，全国政协委员、中国铁路青藏集团公司董事长郭吉安介绍了高原铁路的发展。\n",
        [("叶聪", "全国政协委员、中国船舶科学研究中心研究员"), ("郭吉安", "全国政协委员、中国铁路青藏集团公司董事长")],
    )
    assert article.pieces[1].headline == "继续谱写高原铁路新篇章"


def test_a_deputy_with_a_dotted_name_after_a_quotation_is_a_speaker() -> None:
    """Kind: a corridor review quotes deputies, each paragraph a quotation then '…的post NAME代表说'; a deputy with a
    Uyghur name joined by a middle dot ('来自新疆的如克亚木·麦提赛地代表动情地告诉中外记者') was not read, and the piece
    above ran on into his (r236, twenty-fourth batch, tune half). Minority and transliterated names carry no common
    surname: the dot between two Han runs is the evidence; '代表' after the name is the post as printed."""
    article = assert_signed(
        "听，春天的声音——代表通道回眸\n\n"
        "讲述极不平凡的成就\n\n"
        "“近几年，中医药产业得到了很好的发展，达到近万亿元规模”，江苏康缘集团董事长肖伟代表说，我国中医药事业正迎来"
        "大好局面。\n\n"
        "“这些年，我们建立了具有我国特色的数字化飞机研发体系。”歼20总设计师杨伟代表骄傲地说。\n\n"
        "“现在我的家乡，乡亲们的日子一天比一天好。”来自新疆的如克亚木·麦提赛地代表动情地告诉中外记者，乡亲们都发自"
        "内心地感谢党的好政策。\n",
        [("肖伟", "江苏康缘集团董事长"), ("杨伟", "歼20总设计师"), ("如克亚木·麦提赛地", "代表")],
    )
    assert "乡亲们" not in article.pieces[1].body


def test_a_member_named_by_title_after_a_describing_clause_opens_the_paragraph() -> None:
    """Kind: members on the special zones, each paragraph under a quoted sub-headline; one opens with a clause describing
    the member before the name ('身为深圳市副市长，闫小培委员对…信心满满'): the member was not read and the paragraph went
    to the reporter's byline above (r237, twenty-fourth batch, tune half). A describing clause ('作为…，', '身为…，') is
    no part of the signature: the member named by title follows it."""
    assert_signed(
        "新老特区竞风流 政协委员抒己见\n\n"
        "两会期间，来自深圳、上海的全国政协委员们向记者表示，特区作为改革开放的前沿阵地，已做好实现新飞跃的准备。\n\n"
        "“深圳特区，金字招牌”\n\n"
        "身为深圳市副市长，闫小培委员对深圳的特区优势信心满满。她说，深圳高速发展二十多年，靠的是特区政策和地利。\n\n"
        "“浦东新区，当排头兵”\n\n"
        "上海浦东新区副区长张恩迪委员在谈及浦东发展时斗志昂扬。他说，浦东将努力当好改革创新的排头兵。\n",
        [("闫小培", "委员"), ("张恩迪", "上海浦东新区副区长")],
    )


def test_a_speaker_the_lead_introduced_named_again_after_a_scene_sentence_opens_a_piece() -> None:
    """Kind: a delegation's arrival; the lead introduces a deputy after a post joined by '、' ('连任全国人大代表的…兼职
    副主席、…集团总裁NAME一下子带来…'), the next paragraph sets the scene in one sentence and then names him alone
    ('…被各路媒体包围。NAME对记者说'): his words were no piece, and his post was lost (the dateline's '(记者 NAME)' read
    first, the '、' inside the post taken for a list of people; r239, twenty-fourth batch, tune half). Only on a page of
    speakers already (two people at least open paragraphs with 'post NAME'): a report quoting one official it
    introduced, then another, stays one article."""
    article = assert_signed(
        "广东代表团抵京 连任代表携多份建议赴会\n\n"
        "中新社北京3月2日电 (记者 索有为)参加全国人大会议的广东省代表团2日傍晚抵达北京，连任全国人大代表的广东侨联"
        "兼职副主席、深圳华昱集团总裁麦庆泉一下子带来四五份建议。\n\n"
        "广东团代表抵达入住的酒店后，迅即被各路媒体包围。麦庆泉对记者说，他将建议法院好好改一改审判机制，以提高审判"
        "效率和质量。\n\n"
        "全国人大代表、TCL集团总裁兼董事长李东生关注的是收入分配制度的改革。他说，可以通过税收调节来让分配更加公平。\n\n"
        "全国人大代表、珠海格力集团董事长董明珠表示，制造业要把核心技术掌握在自己手里。\n\n"
        "然而，大多数代表匆匆而行，对记者的提问一笑置之。\n",
        [("麦庆泉", "广东侨联兼职副主席、深圳华昱集团总裁"), ("李东生", "全国人大代表、TCL集团总裁兼董事长"),
         ("董明珠", "全国人大代表、珠海格力集团董事长")],
    )
    assert "税收调节" not in article.pieces[0].body


def test_a_title_in_a_name_only_subheadline_is_the_post_when_the_piece_prints_none() -> None:
    """Kind: a members' press conference, each member under a sub-headline 'NAME委员：topic'; a piece that prints no post
    before the name came out with no post (r234, twenty-fourth batch, tune half). The title after the name in the
    sub-headline is the post as printed, as 'NAME委员' opening a paragraph gives it."""
    assert_signed(
        "政协委员谈新时代政协履职\n\n"
        "全国政协会议10日召开记者会，吴为山、潘建伟委员回答了记者提问。\n\n"
        "吴为山委员：向世界讲述中国故事\n\n"
        "在回答记者关于向世界讲述中国故事的提问时，吴为山说，艺术是世界的语言，雕塑能让各国人民读懂中国文化。\n\n"
        "潘建伟委员：基础研究要久久为功\n\n"
        "谈到科研环境，潘建伟说，基础研究需要长期积累，要给科研人员营造安心的环境。\n",
        [("吴为山", "委员"), ("潘建伟", "委员")],
    )


def test_long_narrative_pieces_each_naming_their_own_speaker_again_are_split() -> None:
    """Kind: a campaign page gives each speaker several paragraphs ('…post NAME也发来了视频' then 'NAME介绍，…',
    'NAME着力介绍了…'): two signatures over a dozen paragraphs were too sparse to split the page (r228, twenty-first
    batch, tune half). Each person named again down their own stretch, and in no other, is the evidence."""
    article = assert_signed(
        "我有一段话捎给总书记\n\n"
        "“我来自浙江，我们科技园已明显感受到经济蓬勃复苏！”\n\n"
        "随着两会的开幕，话题互动也越来越火热，参与的网友地域范围也越来越广。\n\n"
        "继香港和澳门的网友发来视频后，浙江宁波启迪科技园联合党支部书记徐贡勋也发来了视频。\n\n"
        "徐贡勋介绍，科技园是在浙江省投资、建设、运营的首个科技园，园区累计引进在册企业145家。\n\n"
        "党建赋能，引领企业携手追梦。徐贡勋着力介绍了该园区的一个亮点“楼宇党建”，更好地服务园区企业发展。\n\n"
        "2月份以来，经济暖意渐浓，园区内已是一派春色。“园区充满着朝气活力。”徐贡勋感慨地说。\n\n"
        "大江南北，春潮涌动。\n\n"
        "去年以来，江苏在助企纾困解难上接续打出税费政策“组合拳”，活水养鱼效果凸显。\n\n"
        "淮安市澳华农牧有限公司董事长陈柱生表示，街道的服装、纺织、农业企业都已恢复生产。\n\n"
        "陈柱生说，各种助企政策让企业家们干劲十足，今年的订单比去年多了三成。\n\n"
        "陈柱生还介绍，企业正在扩建生产线，预计新增就业岗位200个。\n",
        [("徐贡勋", "浙江宁波启迪科技园联合党支部书记"), ("陈柱生", "淮安市澳华农牧有限公司董事长")],
    )
    assert "订单" not in article.pieces[0].body


def test_an_expert_opening_a_later_sentence_with_a_view_is_the_paragraph_s_second_speaker() -> None:
    """Kind: a forum report's paragraphs open with a topic sentence, then 'post NAME认为/提出' ('着力加强区域之间的合作
    联动，也是专家们的关注焦点。…国家发展和改革委原副秘书长范恒山提出，…'): with one expert opening a paragraph so, the
    second was never read and the page not split (r231, twenty-fourth batch, tune half). A view's verb after 'post NAME'
    at a sentence's start marks the paragraph's second speaker."""
    article = assert_signed(
        "学者共话长江经济带高质量发展\n\n"
        "近期，第六届长江经济带发展论坛在江苏南通举行，来自国家部委、高校及科研院所的专家学者与会研讨。\n\n"
        "在与会者看来，准确把握现代化的目标要求是高质量发展的必要前提。南京大学原党委书记洪银兴认为，全面推动长江经济带"
        "高质量发展，要谋划好现代化的目标、原则、重点任务，努力构建现代化经济体系。\n\n"
        "着力加强区域之间的合作联动，也是专家们的关注焦点。当前长江经济带发展中的不平衡不协调问题依然突出。"
        "国家发展和改革委原副秘书长范恒山提出，要破解这一问题，关键在于加强各地区之间的合作联动。\n",
        [("洪银兴", "南京大学原党委书记"), ("范恒山", "国家发展和改革委原副秘书长")],
    )
    assert "关键在于" not in article.pieces[0].body


def test_an_official_opening_a_later_sentence_with_a_meeting_verb_stays_in_the_report() -> None:
    """The same cut is no meeting report's: an official quoted in a later sentence with '指出', '强调', '表示' is how a
    report quotes its officials in turn, one article."""
    article = extract_text_page(
        "高新区召开科技创新大会\n\n2024-03-06 来源：高新区管委会\n\n"
        "3月6日，高新区召开科技创新大会。高新区党工委书记王伟出席会议并讲话，他认为创新是第一动力。\n\n"
        "会议通报了去年科技创新工作情况。今年高新区将新增高新技术企业100家。管委会主任李明指出，要加快建设创新平台，"
        "推动科技成果就地转化。\n\n会议还表彰了一批创新企业。\n",
        "https://gxq.example.gov.cn/news/4.html",
    )
    assert not article.pieces
