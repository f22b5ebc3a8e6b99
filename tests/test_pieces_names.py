"""Reading names and posts on roundup pages by general rules (issue 18; tests/data/roundups/README.md, eighteenth
batch): from the failures of the roundups' tune halves, all batches. Each page is made up in a real page's layout
and fails on the code before its rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from monitor.tag.people import name_before_speech
from tests.pieces_helpers import assert_signed, signed


def test_a_paragraph_above_the_speakers_words_that_names_only_them_opens_their_piece() -> None:
    """Kind: a narrative paragraph introducing a speaker ('…全国人大代表王建国认为，…') above the paragraph that
    quotes them ('post NAME说：“…”') left to the piece before (r169, eighteenth batch, tune half)."""
    page = (
        "我市全国人大代表热议政府工作报告\n\n"
        "记者连线了我市的全国人大代表，他们表示报告传递着信心和决心。\n\n"
        "报告指出，去年全市财政收入增长一成。全国人大代表王建国认为，成绩实属不易。他十分关注基建。\n\n"
        "全国人大代表、市交通局副局长王建国说：“交通人还有很多能大有作为的空间。”\n\n"
        "来自工商界的全国人大代表李秀英则关注企业发展的政策。她认为，报告与本市的工程不谋而合。\n\n"
        "全国人大代表、千色花公司董事长李秀英说：“这些普惠政策非常值得借力。”"
    )
    article = assert_signed(page, ["王建国", "李秀英"])
    assert "成绩实属不易" in article.pieces[0].body
    assert "企业发展的政策" in article.pieces[1].body
    assert "企业发展的政策" not in article.pieces[0].body
    assert "记者连线" not in article.pieces[0].body  # the lead names no one: it stays the page's lead


def test_a_lead_naming_several_speakers_does_not_open_the_first_piece() -> None:
    page = (
        "代表热议\n\n"
        "记者采访了全国人大代表王建国、李秀英，听听他们的声音。\n\n"
        "全国人大代表、市交通局副局长王建国说：“交通人还有很多能大有作为的空间。”\n\n"
        "全国人大代表、千色花公司董事长李秀英说：“这些普惠政策非常值得借力。”"
    )
    article = assert_signed(page, ["王建国", "李秀英"])
    assert "记者采访了" not in article.pieces[0].body


def test_the_name_between_a_post_and_a_speech_verb_needs_no_common_surname() -> None:
    """Kind: a name whose first character is no common surname, or four characters long ('…政治学者帕鲁克表示',
    '…部长河野圆洋表示'), not read (r175, r177, eighteenth batch, tune half). Between a post's last word and a speech
    verb, two to four Han characters holding no function word are the name; a transliterated name may run longer
    when its parts are joined by a middle dot."""
    assert name_before_speech("南非大学政治学者帕鲁克表示，今年", 8) == "帕鲁克"
    assert name_before_speech("经济信息部部长河野圆洋表示，", 7) == "河野圆洋"
    assert name_before_speech("中心主席吉多·桑布拉诺认为，", 4) == "吉多·桑布拉诺"
    assert name_before_speech("研究中心主任狄伯杰教授表示", 6) == "狄伯杰"
    assert name_before_speech("研究中心主任的工作表示", 6) is None  # 的: a phrase, not a name
    assert name_before_speech("研究中心主任在会上和大家交流时表示", 6) is None  # too long, no dot
    page = (
        "外国学者看两会\n\n"
        "厄瓜多尔基多大学政治系教授桑布拉诺认为，中国的两会跨越国界影响全球。\n\n"
        "美国史密森学会中国书画部主任斯蒂芬·阿利表示，他对中国的巨大变化感触极深。\n\n"
        "南非大学政治学者帕鲁克表示，今年的两会是承前启后的会议。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert signed(article)[-1] == ("帕鲁克", "南非大学政治学者")
    assert "承前启后" in article.pieces[-1].body and "承前启后" not in article.pieces[-2].body


def test_a_quoted_name_inside_a_post_is_part_of_the_post() -> None:
    """Kind: a post cut at a quotation mark that encloses an organisation's name ('…教授、“国际战略智库”中心主席NAME':
    post read '中心主席'; r177, eighteenth batch, tune half)."""
    page = (
        "外国学者看两会\n\n"
        "厄瓜多尔基多大学政治系教授、“国际战略智库”中心主席吉多·桑布拉诺认为，中国的两会跨越国界影响全球。\n\n"
        "印度尼赫鲁大学中国与东南亚研究中心主任狄伯杰教授表示，这是一次承前启后的大会。\n\n"
        "美国欧亚洲中心中国部主任温尼认为，绿色经济应是今年中国两会关注的重要议题。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert signed(article)[0] == ("吉多·桑布拉诺", "厄瓜多尔基多大学政治系教授、“国际战略智库”中心主席")


def test_a_name_in_a_list_of_people_signs_no_piece() -> None:
    """Kind: one of several people listed together ('…教授孙善学、…老师张燕燕、…教授陈鹏等分别分享了…') read as the
    speaker of the paragraph (r184, eighteenth batch, tune half): a name followed by '、' and another person is a
    list's member, not a signer."""
    page = (
        "大湾区科技创新论坛\n\n"
        "港区全国人大代表、香港工商总会会长李圣明建议，支持建设国家实验室等高水平科研机构。\n\n"
        "此外，在主题报告环节，北京外国语大学教授孙善学、广州市教研院老师张燕燕、江苏师范大学教授陈鹏等分别分享了各自经验。\n\n"
        "全国政协委员、上海交通大学特聘教授陆明表示，大湾区各城市优势互补。"
    )
    assert_signed(page, ["李圣明", "陆明"])


def test_a_name_is_not_read_into_the_verb_after_it_and_new_is_no_part_of_the_post() -> None:
    """Kind: a three-character name swallowing the first character of the verb after it ('…部长钟山出现在通道上' read
    钟山出) and an epithet read as part of the post ('新任商务部部长'); r170, eighteenth batch, tune half. The people
    finder reads the name: a surname, then the length a word that follows names confirms (出现 after 钟山); the
    longer reading stays when a word follows it too ('林孝发表示': 发表 and 表示, r110)."""
    page = (
        "直击部长通道\n\n"
        "14时18分，教育部部长陈宝生出现在通道上。“治本的办法是均衡发展。”陈宝生说。\n\n"
        "14时43分，新任商务部部长钟山出现在通道上。“这是我第一次和媒体见面。”\n\n"
        "16时许，水利部部长陈雷出现在通道上，回答了河长制的问题。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert ("钟山", "商务部部长") in signed(article)
    page = (
        "委员谈发展\n\n"
        "全国政协委员、九牧集团董事长林孝发表示，要把卫浴做成世界品牌。\n\n"
        "全国政协委员、中国工程院院士王建宇表示，科技创新要久久为功。"
    )
    assert_signed(page, ["林孝发", "王建宇"])


def test_a_group_of_many_is_no_post_and_names_no_one() -> None:
    """Kind: '许多委员都有共鸣' read as the post 许多委员 and the name 都有共 (都 is a surname), the real speaker of the
    paragraph lost (r167, seventeenth batch, tune half): a quantifier of many before a title names a group."""
    page = (
        "委员说话不白说\n\n"
        "全国政协委员、散文家林海宏回忆起早年的顺口溜，说现在的建议大多管用了。\n\n"
        "对于林海宏的感受，许多委员都有共鸣。著名文学家王建新以自己二十年的委员履历向记者说明，“确实是这样。”\n\n"
        "王建新说，他提过的古村落保护提案已经一一实现。\n\n"
        "著名演员、三届政协委员陈立华也觉得自己的话没白说。"
    )
    names = [a for a, _ in signed(extract_text_page(page, "file:///x.txt"))]
    assert "都有共" not in names and "王建新" in names


def test_the_title_every_signer_carries_given_to_a_new_person_signs_their_piece() -> None:
    """Kind: the last speaker, introduced after a lead clause with the title every signer carries first
    ('…工作，全国人大代表吴玉莲今年也提出了…' below '全国人大代表、…NAME说：“…”' paragraphs), merged into the piece
    above (r169, eighteenth batch, tune half): the page's signature shape, repeated down the page."""
    page = (
        "我市全国人大代表热议政府工作报告\n\n"
        "全国人大代表、市交通局副局长王建国说：“交通人还有很多能大有作为的空间。”\n\n"
        "全国人大代表、千色花公司董事长李秀英说：“这些普惠政策非常值得借力。”\n\n"
        "当前我市正大力推进“双碳”工作，全国人大代表吴玉兰今年也提出了构建新能源体系的建议。"
    )
    article = assert_signed(
        page,
        [
            ("王建国", "全国人大代表、市交通局副局长"),
            ("李秀英", "全国人大代表、千色花公司董事长"),
            ("吴玉兰", "全国人大代表"),
        ],
    )
    assert "双碳" not in article.pieces[1].body


def test_the_speakers_detector_reads_names_by_length_after_long_organisations() -> None:
    """Kind: speakers not read by the speakers' detector (the fallback when no shape rule splits a page): a name
    with no common surname, four characters long, or a transliteration printed without dots, after a post whose
    organisation is long ('日本贸易振兴机构北京代表处经济信息部部长河野圆洋表示'; r175, r177, eighteenth batch, tune
    half). 代表处 is an organisation, not a deputy."""
    from monitor.extract.speakers import Speaker, introduced_speaker

    assert introduced_speaker("南非大学政治学者帕鲁克表示，今年的两会是承前启后的会议。") == Speaker(
        "帕鲁克", "南非大学政治学者", False
    )
    assert introduced_speaker(
        "日本贸易振兴机构北京代表处经济信息部部长河野圆洋表示，“身边的朋友告诉我。”"
    ) == Speaker("河野圆洋", "日本贸易振兴机构北京代表处经济信息部部长", False)
    assert name_before_speech("英国籍学者本杰明迈克尔科尔斯说，", 5) == "本杰明迈克尔科尔斯"
    assert name_before_speech("英国籍学者在会上和大家交流时说，", 5) is None


def test_two_speakers_in_one_paragraph_are_two_pieces_on_a_page_of_speakers() -> None:
    """Kind: a paragraph holding two speakers' words ('…食品安全等问题。美国欧亚洲中心中国部主任温尼认为，…'), the
    second merged into the first's piece (r177, eighteenth batch, tune half). Only on a page whose paragraphs open
    with two people already; a report naming an official, then another who speaks, stays one article."""
    page = (
        "外国学者看两会\n\n"
        "印度尼赫鲁大学中国与东南亚研究中心主任狄伯杰教授表示，这是一次承前启后的大会，他将重点关注城镇化。\n\n"
        "美国史密森学会中国书画部主任斯蒂芬·阿利曾在中国留学一年半，此后多次访华。“我对中国的巨大变化感触极深。”"
        "他说，希望中国更加积极应对环境污染等问题。美国欧亚洲中心中国部主任温尼认为，绿色经济应是今年两会关注的"
        "重要议题。此外，减少贫富差距也应是格外关注的议题。\n\n"
        "南非大学政治学者帕鲁克表示，今年的两会将开创中国未来的发展格局。"
    )
    article = assert_signed(page, ["狄伯杰", "斯蒂芬·阿利", "温尼", "帕鲁克"])
    assert "绿色经济" not in article.pieces[1].body and "绿色经济" in article.pieces[2].body
    report = (
        "高新区传达学习市委书记讲话精神\n\n"
        "本报讯 10月21日，高新区召开全区领导干部大会，传达学习省委常委、市委书记徐立新调研高新区讲话精神。"
        "高新区党工委书记、管委会主任王新民指出，学习讲话精神，我们感受到市委对高新区的充分肯定和高度重视。\n\n"
        "会议要求，全区上下要把思想统一到市委的部署上来。"
    )
    assert extract_text_page(report, "file:///y.txt").pieces == ()
