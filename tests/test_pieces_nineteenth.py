"""Roundup rules written after the nineteenth batch (issue 18; tests/data/roundups/README.md): one vocabulary of posts
for the people finder and the splitter, and the failures of the tune halves (all batches). Each page is made up in a
real page's layout and fails on the code before its rule."""

from __future__ import annotations

from monitor.extract.bylines import post_then_name
from monitor.tag.people import SPEAKER_OFFICES, name_before_speech, post_ends
from tests.pieces_helpers import assert_signed


def test_the_splitter_reads_posts_with_the_people_finder_s_vocabulary() -> None:
    """One grammar: a post ending in a role the people finder knows (大使, 传承人, 主理人) but the splitter's own list
    lacked was not read before a name; the splitter's signature words (记者, 通讯员) stay on top of it."""
    assert post_then_name("中国驻法国大使卢沙野表示，") == (7, 7, 10)
    assert post_then_name("非遗项目传承人李秀英说，") == (7, 7, 10)
    assert post_ends("记者").search("本报记者") and not SPEAKER_OFFICES.search("本报记者")
    assert_signed(
        "大使们谈合作\n\n"
        "中国驻法国大使卢沙野表示，中法合作潜力巨大，双方要把握机遇。\n\n"
        "中国驻德国大使吴恳表示，中德两国是全方位战略伙伴，经贸往来密切。\n\n"
        "中国驻意大利大使贾桂德表示，中意友谊源远流长，合作前景广阔。",
        [("卢沙野", "中国驻法国大使"), ("吴恳", "中国驻德国大使"), ("贾桂德", "中国驻意大利大使")],
    )


def test_a_ceremony_of_graduate_students_names_no_one() -> None:
    """Kind: with 研究生 a post's end (the people finder's vocabulary), '研究生毕业典礼' read as a post and the name
    毕业典 (毕 is a surname; r47, r108, tune half): 毕业 is a word, not a name."""
    assert post_then_name("复旦大学2023届本科生毕业典礼和研究生毕业典礼分别于上下午举行") is None


def test_netizens_signing_with_quoted_handles_are_speakers() -> None:
    """Kind: netizens' comments signed with a handle in quotation marks ('网友“炊烟”在留言中说：“…”', '署名为“螳螂侠”的
    网友则认为：', '“…”网友“熊猫神拳”如是说。'), the page not split at all (r194, nineteenth batch, tune half; the same
    shape in r193 and the sixteenth batch): the speakers' detector reads the handle as the signer, the site before
    网友 as the post; a paragraph that merely mentions netizens introduces no one."""
    article = assert_signed(
        "网友热议报告\n\n很多网友对民生问题的解决都充满了信心，纷纷留言。\n\n"
        "网友“炊烟”在留言中说：“大家总谈幸福感，其实解决了民生问题，幸福感自然就会来到每个人身边。”\n\n"
        "署名为“螳螂侠”的网友则认为：“总理的报告中不仅有解决民生问题的强烈信心，更给出了很多具体的措施。”\n\n"
        "“细微处体现着政府对百姓民生问题的关切，我对未来有信心！”网友“熊猫神拳”如是说。\n\n"
        "中广网网友“沙洲冷”留言说，顽症尚需下猛药，反腐还须用重典。",
        [("炊烟", "网友"), ("螳螂侠", None), ("熊猫神拳", "网友"), ("沙洲冷", "中广网网友")],
    )
    assert article.pieces[2].body.startswith("“细微处")
    assert "纷纷留言" not in article.pieces[0].body


def test_a_quotation_ends_at_its_first_closing_mark_even_garbled() -> None:
    """Kind: a paragraph opening with a quotation whose closing mark mojibake garbled ('…认可?!比珖f委员，post NAME建议'),
    a quoted word later in the paragraph ('“新产品”') taken for the quotation's end, so the speaker was not read and the
    piece merged into the one above (r138, sixteenth batch, tune half)."""
    article = assert_signed(
        "委员谈营商环境\n\n"
        "全国政协委员、安徽省工商联副主席聂磊谈到，良好的营商环境既是生产力，也是竞争力。\n\n"
        "“营商环境方面各级政府作了很多努力，企业充分认可?!比珖f委员，江苏省总商会副会长、万帮公司董事长邵丹薇建议，"
        "鼓励企业坚定不移调结构，形成优质“新产品”。\n\n"
        "“加强对企业舆情问题的保护机制，确保企业正常运营?!比珖f委员，云南省工商联副主席、一心堂集团董事长阮鸿献建议，"
        "加大对非法职业打假人的惩处力度。",
        ["聂磊", "邵丹薇", "阮鸿献"],
    )
    assert "新产品" in article.pieces[1].body and "新产品" not in article.pieces[0].body


def test_the_splitter_reads_a_name_without_a_common_surname_as_the_people_finder_does() -> None:
    """One grammar: between a post and a speech verb the splitter's post_then_name reads a name whose first character
    is no common surname by the people finder's rule (people.name_before_speech), not by a second list; an
    interrogative is no name ('看看媒体记者怎麼说', a reporters' page that was split at 怎麼)."""
    text = "南非大学政治学者帕鲁克表示，今年的两会是承前启后的会议。"
    post_end, start, end = post_then_name(text)
    assert text[:post_end] == "南非大学政治学者" and text[start:end] == "帕鲁克"
    assert name_before_speech("看看媒体记者怎麼说", 6) is None
    assert name_before_speech("看看媒体记者怎么说", 6) is None
    assert post_then_name("合肥市产业链集中采访走进高新区，看看媒体记者怎麼说~") is None


def test_a_quotation_that_lost_its_opening_mark_is_still_the_speaker_s() -> None:
    """Kind: a paragraph quoting a minister whose opening quotation mark the page lost ('我知道大家都关心…继续努力!”
    面对…的问题，中国民航局局长冯正霖回应。'): the speaker after it not read, the piece merged into the one above (r170,
    eighteenth batch, tune half). A paragraph whose first quotation mark closes opens with a quotation."""
    article = assert_signed(
        "直击部长通道\n\n"
        "14时18分，教育部部长陈宝生出现在通道上。“治本的办法还是要实现教育资源均衡发展。”陈宝生说。\n\n"
        "我知道大家都关心民航航班正常率。去年航班正常率提高8个百分点以上，我们会继续努力!”面对航班正常率这个困扰"
        "大家多年的问题，中国民航局局长冯正霖回应。\n\n"
        "14时43分，商务部部长钟山出现在通道上。“这是我第一次和媒体见面。”",
        ["陈宝生", "冯正霖", "钟山"],
    )
    assert article.pieces[1].body.startswith("我知道大家") and "民航" not in article.pieces[0].body


def test_a_post_in_traditional_script_loses_its_description_as_in_simplified() -> None:
    """Kind: a post read on the printed (traditional) words, the simplified post words not found there, so a description
    before it ('首先走上“委員通道”的全國政協委員…') stayed part of it and a connective ('而', '並') was not cut (r159,
    r171, r175 converted to traditional characters: the tune half read 5 pieces fewer). The post is read on a
    simplified shadow of the same length and cut from the printed words by position."""
    assert_signed(
        "委員通道\n\n"
        "首先走上“委員通道”的全國政協委員、中國共產黨歷史展覽館館長吳向東說，黨的歷史是最好的教科書。\n\n"
        "全國政協委員李書福分享了中國新能源汽車工業的發展成果。他說，中國新能源汽車產銷量連續多年位居全球第一。\n\n"
        "今年是共建“一帶一路”倡議提出10週年，全國政協委員顧學明介紹，回首這10年，成果豐碩。",
        [
            ("吳向東", "全國政協委員、中國共產黨歷史展覽館館長"),
            ("李書福", "全國政協委員"),
            ("顧學明", "全國政協委員"),
        ],
    )


def test_dash_closers_run_together_on_one_line_are_split() -> None:
    """Kind: a plain-text mirror running its lines together, a quotation then '——post NAME' then the next quotation
    after a space ('…。” ——全國政協委員…李家春 “具有…'), read as one paragraph, no piece found (the dash-closer tune pages
    run together: r15, r106). A space before a dash or an opening quotation after a Han character is a lost line
    break: Chinese prose puts none there."""
    line = (
        "“具有創新能力的中國製造，才能真正獲得市場，這是我們多年來的體會。” ——全國政協委員、中國科學院力學研究所研究員"
        "李家春 “這些天價高管工作一年所得，是普通老百姓幾輩子都難以達到的，這是對投資者利益的侵害。” ——全國政協委員、"
        "中山大學教授毛蘊詩 “辦好一所學校，關鍵是校長和教師，要呼喚教育家辦學，希望產生一批教育家。” ——全國人大代表、"
        "山東省教育廳副廳長張志勇"
    )
    article = assert_signed("代表委員語錄\n\n" + line, ["李家春", "毛蘊詩", "張志勇"])
    assert "天價高管" in article.pieces[1].body and "天價高管" not in article.pieces[0].body
