"""The roundup splitter read the same page alike whatever its layout (issue 18; bench/roundup_variants.py): traditional
characters, HTML, lines run together. Each test takes a tune page's excerpt from tests/data/roundups in the other
layout, and fails on the code before its rule."""

from __future__ import annotations

from monitor.extract.extractor import _unrun, extract_article, extract_text_page
from monitor.items import ExtractedArticle
from monitor.normalise import reads_traditional
from tests.pieces_helpers import assert_signed, signed

# r202 (tune half) in traditional characters: netizens' handles in turn; the third line holds none of the cheap script
# test's telling characters ('網友“陶景洲”評論:'), the others do.
_NETIZENS_TRADITIONAL = (
    "衆網友熱\"審\"政府工作報告\n\n"
    "網友們可不管這些“高冷”的詞彙。這下好了。“寫”過工作報告,發現總理的報告裏面似乎有自己想法的影子,激起了諸多網民的澎湃之情。\n\n"
    "網友“netcat”說:“互聯網+”寫入李克強總理的政府工作報告,這意味着“互聯網+”正式被納入頂層設計,成爲國家經濟社會發展的重要戰略。"
    "這是第四次工業革命。\n\n"
    "網友“綠色王牌”說:總理在報告中專門提到“注重發揮企業家才能”時感到非常欣喜。這是歷年政府工作報告中第一次提到企業家的作用和意義。\n\n"
    "網友“陶景洲”評論:“簡政放權是政府的自我革命。比起壯士斷腕,我覺得先要胖子減胖。”\n\n"
    "網友“肖磊看市”解讀道:“政府工作報告決心很大……2014年絕對"
)


def _first_piece_only(article: ExtractedArticle, words: str) -> None:
    """The first piece holds `words` and the second does not (the pieces parted where they should be)."""
    assert words in article.pieces[0].body and words not in article.pieces[1].body


def test_every_line_of_a_traditional_page_is_read_folded_though_it_holds_no_telling_character() -> None:
    """Kind: a page in traditional script lost the speaker of a line that holds none of the characters the cheap script
    test looks for: the line was read unfolded ('評論' is no verb the reader knows), its netizen merged into the piece
    above (r202 as traditional characters, tune half). The page's script is decided once, for every line."""
    article = assert_signed(_NETIZENS_TRADITIONAL, [("netcat", "網友"), ("綠色王牌", "網友"), ("陶景洲", "網友"),
                                                    ("肖磊看市", "網友")])
    assert "簡政放權" in article.pieces[2].body and "簡政放權" not in article.pieces[1].body


def test_a_page_is_traditional_by_the_share_of_characters_folding_changes() -> None:
    """A simplified page quoting one traditional title is not a traditional page; a traditional page whose lines
    mostly hold no telling character is."""
    assert reads_traditional(_NETIZENS_TRADITIONAL)
    assert not reads_traditional("会上，专家介绍了《資治通鑑》的新版本。" + "全国人大代表就科技创新提出建议，会议审议了报告。" * 5)


def test_a_name_without_a_telling_character_is_found_in_the_folded_lines_of_a_traditional_page() -> None:
    """Kind: the second speaker of a traditional page was lost: the name '葉昌保' holds no telling character, so it was
    read unfolded while the lines it is looked for in were folded, and the check that the piece is about them (the
    name printed again below) failed (r69 as traditional characters, tune half). Names and posts are always folded."""
    page = (
        "抵京已經兩天,來自我市的全國人大代表在做些什麼、又有怎樣的體會和心情?今天下午,記者探營湖北代表團駐地,聽荊州代表聊心情、贊會風、談建議。\n"
        "更清新 更體貼\n"
        "走進長江大學信息與數學學院院長孫玉秋代表的房間:沒有鮮花,也沒有果盤,往年常備的一次性洗漱用品也不見蹤影。\n"
        "第二次參會感受有何不同?面對記者的提問,孫玉秋一口氣說出了三個體會:一是今年的會議日程比去年明顯縮短,只有八天半;二是一些文件資料可以在網上"
        "閱讀,減少了紙質文件的發放;三是連預備會這種規格的會議也取消了“橫幅、彩旗、鮮花”。\n"
        "今年,代表房間裏還多了兩樣小東西,一本是由大會祕書處提供的代表手冊,如何接受媒體採訪等一應俱全;另一個則是由大會保衛組送來的安全小貼士。"
        "這些小變化,孫玉秋都記在心上,感覺“十分貼心”。\n"
        "連續四屆當選全國人大代表的洪湖市新堤辦事處洪林村黨委書記葉昌保,對今年會風的變化感受更深。“ 過去當上代表從村裏出發、到省裏集中、一直到"
        "北京,一路上鮮花、鑼鼓相伴。”他對着記者擺擺手,“現在全都沒有了,好!”\n"
        "17年75 條“三農”建議\n"
        "葉昌保代表的房間裏,一份擬好的關於“三農”的文字材料擺放在案頭,十分醒目。作爲來自基層的農村代表,葉老在大會上說的多是農村事,更是始終不忘"
        "爲“三農”建言。\n"
        "葉昌保驕傲地告訴記者:“ 當選全國人大代表17 年來,提出建議和意見全部是‘三農’方面的、共75 件。\n"
    )
    article = assert_signed(page, [("孫玉秋", "長江大學信息與數學學院院長"), ("葉昌保", "洪湖市新堤辦事處洪林村黨委書記")])
    _first_piece_only(article, "十分貼心")


def _as_html(lines: list[str], title: str = "") -> str:
    """A text as an HTML page of <p> elements, as bench/roundup_variants.py writes it."""
    return f"<html><head><title>{title}</title></head><body>" + "".join(f"<p>{line}</p>" for line in lines) \
        + "</body></html>"


# r09 (tune half): each piece under a line printing the name and post run together.
_NAME_POST_LINES = [
    "李言榮中國工程院院士四川大學校長",
    "愛因斯坦曾經說過,提出一個問題往往比解決一個問題更重要。對于高校和科研院所來說,在圍繞重大科學問題和關鍵核心技術進行攻關的同時,"
    "更需要培養出一批能夠提出真問題、提出大科學問題的戰略科學家和創新引領性人才。",
    "所以,我認為,當前我國科技工作提出真問題、提出大科學問題比一味去追求填補空白要重要得多。",
    "王松靈中國科學院院士首都醫科大學副校長",
    "目前,我國60歲及以上人口的比重增至18.70%,人口老齡化程度進一步加深,社會對藥品及相關健康衛生服務的需求越來越大。在發達國家,"
    "每萬人的藥師數都在10人以上,日本和美國(藥師+技術員)達到24.48和23.02人。",
]


def test_the_first_short_line_of_an_untitled_html_page_is_part_of_its_text() -> None:
    """Kind: an HTML page with no title lost the name-and-post line its text opens with: a short line without
    punctuation weighs less than nothing, so the heaviest run of blocks started below it and the first piece had no
    signature (r09 as an HTML page, tune half). Short lines next to the run in its own container, with no link and no
    furniture, are the text's."""
    article = extract_article(_as_html(_NAME_POST_LINES), "https://example.com/a.html")
    assert [(p.author, p.author_post) for p in article.pieces] == [
        ("李言榮", "中國工程院院士四川大學校長"), ("王松靈", "中國科學院院士首都醫科大學副校長")]
    assert article.pieces[0].body.startswith("愛因斯坦曾經說過")


def test_a_link_line_above_an_untitled_page_s_text_stays_out_of_it() -> None:
    """The edge lines taken are the text's container's own: a navigation link above it is not."""
    page = _as_html(_NAME_POST_LINES).replace("<body>", '<body><p><a href="/">首頁</a></p>')
    assert "首頁" not in extract_article(page, "https://example.com/a.html").body


def test_a_post_line_printed_again_above_each_name_signs_the_pieces_of_an_html_page() -> None:
    """Kind: an HTML page printing the same post line above each deputy's name line ('区人大代表' / '黄秀娟') was not
    split: the splitter read the body's paragraphs, where a paragraph printed again is dropped as a repeat, so only the
    first post line was left (r126 as an HTML page, tune half). The splitter reads the lines as printed."""
    lines = [
        "“两会”期间,区人大常委会工作报告、区政协常委会工作报告出炉。人大代表、政协委员们热议2024“成绩单”,展望2025“新目标”!快来听一听吧!",
        "区人大代表", "黄秀娟",
        "今年的区人大常委会工作报告当中,我又欣喜地看到了继续打响人人议事厅这个项目,这是一个新的起点。我们收集到了很多专业的意见。",
        "区人大代表", "武浩",
        "区人大开展人人议事厅工作,并且把它制度化、常态化,这一点得到了大家的认可。通过这样的形式,体现出了基层民主的活力。",
        "区政协委员", "张庭赫",
        "区政协常委会工作报告让我更加深入、更加全面地了解政协2024年的工作。其中让我印象最深刻的就是积极议政建言。",
        "区政协委员", "赵婕",
        "作为一名医务工作者,我在2025年将持续关注并参与到杨浦区域医疗的高质量建设工作中。在眼科方面,近视防控的路还很长。",
    ]
    article = extract_article(_as_html(lines, "人大代表、政协委员热议“成绩单”"), "https://example.com/a.html")
    assert [(p.author, p.author_post) for p in article.pieces] == [
        ("黄秀娟", "区人大代表"), ("武浩", "区人大代表"), ("张庭赫", "区政协委员"), ("赵婕", "区政协委员")]
    assert article.body.count("区人大代表") == 1  # the body still drops the repeat


def test_an_html_paragraph_holding_paragraphs_run_together_is_cut_before_the_splitter_reads_it() -> None:
    """Kind: an HTML page whose one <p> holds the article's paragraphs run together (kept apart by a space after each
    sentence's end, as mirrors print them) was not split, though the same text as a text page was: the text page's
    lines are cut where a line break was lost (extractor._unrun), the HTML page's were not (r100 as an HTML page,
    tune half). Both are cut alike before the splitter reads them."""
    run_together = (
        "香港中通社北京3月5日電(記者 陳卓儀 李明珠)中國國務院總理李強3月5日作政府工作報告。中通社記者在北京人民大會堂現場採訪多名港區全國人大代表、"
        "港區全國政協委員,他們紛紛表示感受到報告內容務實、振奮,涉港澳部分讓人鼓舞。 報告回顧中國政府過去一年的工作,並預期今年經濟增長率。"
        "港區全國人大代表梁美芬認為報告涉經濟部分務實,正視了複雜多變的國際環境和全球經濟下滑趨勢。她特別提到,現場多次響起掌聲,讓她非常感觸。 "
        "港區全國政協委員譚岳衡對記者說,報告談到全面落實促進民營經濟發展壯大的意見及配套舉措時,現場民營企業代表委員帶頭響起了掌聲。"
        "“掌聲就是心聲,體現代表委員對政府工作堅定的信心。” 報告指出支持香港、澳門發展經濟、改善民生,保持香港、澳門長期繁榮穩定。 "
        "港區全國人大代表陳仲尼對記者表示,現場感受到非常鼓舞,認為香港要把握優勢發揮“八大中心”的功能。“經濟搞好了,才能更好改善基層市民的生活。” "
        "港區全國人大代表吳秋北接受採訪時說,現場聽取政府工作報告,感受到國家對港澳非常重視,而且政策是一貫的。"
    )
    article = extract_article(_as_html([run_together], "港區代表委員熱議政府工作報告"), "https://example.com/a.html")
    assert [(p.author, p.author_post) for p in article.pieces] == [
        ("梁美芬", "港區全國人大代表"), ("譚岳衡", "港區全國政協委員"), ("陳仲尼", "港區全國人大代表"), ("吳秋北", "港區全國人大代表")]


def test_a_name_and_post_line_run_onto_the_text_it_signs_is_a_line_of_its_own() -> None:
    """Kind: a page run together on one line (a mirror's text layer) lost both pieces: each 'name post' line ran onto
    the first sentence of its piece with a space ('李言榮中國工程院院士四川大學校長 愛因斯坦曾經說過,…'), too few spaces
    for the page to read as run together, so the signature was read as the paragraph's first words (r09 run together,
    tune half). The words before a line's first sentence mark hold no space in a sentence: the last space there is a
    lost line break."""
    page = " ".join(_NAME_POST_LINES)
    assert_signed(page, [("李言榮", "中國工程院院士四川大學校長"), ("王松靈", "中國科學院院士首都醫科大學副校長")])


def test_a_speaker_s_name_and_colon_run_onto_a_heading_is_a_line_of_its_own() -> None:
    """Kind: the same, a speaker's 'NAME:' run onto the sub-heading above it ('■建言献策 霍建国: 建议…'; r04 run together,
    tune half)."""
    page = ("不负众望 扛起科技创新的宝安担当 2017-11-20 宝安日报讯(记者 黄芳)11月17日,由宝安区科技局、南方日报珠三角新闻中心共同举办的"
            "高峰论坛在泰华梧桐岛举行。 ■建言献策 霍建国: 建议宝安要依靠制造业创新发展,依靠服务业加快带动,想办法在自贸港区建设往前走一步,"
            "抢出一片新天地。 肖耿: 宝安实际上目前面临")
    article = assert_signed(page, [("霍建国", None), ("肖耿", None)])
    assert "建言献策" not in article.pieces[0].body


def test_a_post_spaced_from_the_speaker_it_introduces_in_a_page_run_together_stays_one_line() -> None:
    """Kind: deputies in turn, one printed 'post NAME表示' with a space after the post, the page run together: the
    space was cut as a lost line break (the page holds many), the post left on a line of its own and that speaker lost
    (r33 run together, tune half). A space between a post and a name is no line break, whatever follows the name."""
    page = " ".join([
        "/ 《直通北京》十四届全国人大一次会议在京开幕 我市全国人大代表出席盛会 陶静 2023-03-05 18:38:46",
        "第十四届全国人民代表大会第一次会议在北京人民大会堂开幕。我市全国人大代表邢正军、孙飘扬、肖伟、徐瑶肩负重托,与来自全国各地的代表一道出席大会。",
        "全国人大代表 孙飘扬表示,在过去的五年,我们的经济、我们的科技、我们的基本建设、包括我们的生态环境也都发生了很大的变化,取得了很大的进步。",
        "全国人大代表肖伟表示,十四届全国人大一次会议今天正式开幕了,这是党的二十大以后召开的第一次全国人民代表大会。",
        "全国人大代表徐瑶表示,走进庄严又神圣的人民大会堂参加两会内心无比的激动与自豪,为祖国繁荣昌盛感到骄傲。",
    ])
    assert_signed(page, [("孙飘扬", "全国人大代表"), ("肖伟", "全国人大代表"), ("徐瑶", "全国人大代表")])


def test_a_post_spaced_from_the_name_it_introduces_stays_one_sentence() -> None:
    """A space between a post and the name opening the sentence ('全国人大代表 孙飘扬表示,…') is no lost line break
    (r33, tune half, as printed: the guard above)."""
    page = ("全国人大代表 孙飘扬表示,在过去的五年,我们的经济、我们的科技、我们的基本建设、包括我们的生态环境也都发生了很大的"
            "变化,取得了很大的进步。医药企业要把创新放在第一位,加大研发投入,让更多好药惠及患者,为健康中国建设贡献力量。"
            "我们将继续推动新药研发和产业升级。")
    assert _unrun(page) == [page]


# r03 (tune half) run together on one line: pieces closed by '本报记者 NAME' lines.
REPORTERS_RUN_TOGETHER = (
    "今年两会,选择搭乘公共交通的政协委员明显增多,40多名港澳委员更是连续20年集体乘车赴会。 "
    "据统计,大会召开的第一天,乘坐专线大巴参加开幕会议的委员有395人,占了全部参会委员的绝大多数。 本报记者 张龙 摄影报道 "
    "一位代表 在一次小组会上,有位代表让我印象深刻。他是一家大企业的老总,说的是“二次供水”的问题。 "
    "采访中,他表示不要写他的名字,只要让老百姓喝上干净水,就满足了。本报记者 邵宁 "
    "一个点子 今年在农工医卫组听会,市政协委员束蓉的一番“吐槽”,让记者感到耳目一新。 "
    "对此,主持分组讨论的市政协委员王龙兴非常赞同,他说,会把这个建议提上去。 本报记者 潘高峰"
)


def test_reporters_closing_pieces_run_together_with_the_text_around_them_are_lines_of_their_own() -> None:
    """Kind: pieces closed by '本报记者 NAME' lines, the page run together: each signature ran into the sentence before it
    and the sub-heading after it ('…就满足了。本报记者 邵宁 一个点子 今年在…'), no piece was found (r03 run together,
    tune half). A reporter's signature after a sentence's end, its names each followed by a space, is a line of its own."""
    page = REPORTERS_RUN_TOGETHER
    article = assert_signed(page, ["张龙", "邵宁", "潘高峰"])
    assert "一位代表" not in article.pieces[0].body and "喝上干净水" in article.pieces[1].body


def test_a_signature_ending_with_a_dash_and_a_reporter_after_a_heading_run_together_are_lines_of_their_own() -> None:
    """Kind: profiles headed 'NAME post——' / a title / '本报记者 NAME' (the reporters sign the pieces), the page run
    together: a space after a line's closing dash is no space a sentence holds, and a reporter's names after the title's
    space ran into the text (r30 run together, tune half): no piece was found."""
    page = (
        "| ⑤ | 欧阳明高委员―― 为国谋利为民谋福 本报记者 刘维涛 亮点:大专以上文化占九成 "
        "本届代表中具有大专以上文化程度的超过92%,其中一半以上具有研究生学历;政协委员中具有大专以上学历的也达92.4%。 "
        "长江学者、博士生导师……清华大学汽车安全与节能国家重点实验室主任欧阳明高(图⑤),便是高学历、高素质的新一届代表委员群体中的一员。 "
        "身为十一届全国政协委员、民盟中央副主席,儒雅而谦逊的欧阳明高,说话严谨,透出一位科学家的自信。 "
        "| ⑥ | 韩学键代表―― 议案要精益求精 亮点:代表中领导干部比例减少 本报记者 张怡恬 吴奇强 "
        "在本届代表中,省级政府组成部门领导干部代表比上届减少1/3。 "
        "记者进入房间时,韩学键(图⑥)代表正埋头在高高垒起的资料堆里修改议案。"
    )
    article = assert_signed(page, [("刘维涛", "本报记者"), ("张怡恬 吴奇强", "本报记者")])
    _first_piece_only(article, "儒雅而谦逊")


def test_a_date_ending_a_meta_line_run_onto_the_first_signer_s_name_ends_that_line() -> None:
    """Kind: 'name' / 'post' lines above each message, the page run together: the first name ran onto the page's
    date line ('发布时间:2025-02-25 钟南山'), the first piece lost its signer (r25 run together, tune half). A space
    after a date or a time, before Han characters, is a lost line break (prose puts none there)."""
    page = (
        "来源: 发布时间:2025-02-25 钟南山 中国工程院院士 “共和国勋章”获得者 惟创新者进,惟创新者强,惟创新者胜! "
        "什么是创新?创新不能停留在论文上的发现或发明,而是将发现发明经过实践运用于解决实际问题,实现成果转化。 "
        "姚期智 中国科学院院士 清华大学交叉信息研究院院长 "
        "许多国内大学毕业的青年人才的创新成就和工作成果同海外引进人才不相上下,我国高端人才的培养能力已经进入转折点。"
    )
    assert [author for author, _ in signed(extract_text_page(page, "file:///x.txt"))] == ["钟南山", "姚期智"]


def test_a_paragraph_ending_with_an_ellipsis_run_together_ends_there() -> None:
    """Kind: ministers in turn, paragraphs closing a quotation cut short with '……', the page run together: a space
    after an ellipsis was not read as a lost line break, so the next minister ran into the piece above (r171 run
    together, tune half). An ellipsis ends a paragraph as a full stop does."""
    page = " ".join([
        "国家工商总局局长张茅是首位出现在当天“部长通道”的官员。还没走到话筒台前,记者的问题已经一个接一个抛出,企业信用系统如何推进"
        "“全国一张网”、怎么看中介截流改革红利……张茅一口气回答了7个问题。",
        "紧接而来的教育部长袁贵仁是继3日下午政协会议开幕前在“部长通道”发声后再次在这里亮相。面对一位女记者代表“二孩妈妈”提出的问题,"
        "袁贵仁表示,将以多种形式扩大资源,大力发展公办幼儿园、采用政府购买措施扶持民办幼儿园……",
        "住建部部长陈政高“接到”的“房价暴涨”问题尤为受关注,许多路过的与会人员纷纷驻足。陈政高说,对今年房地产市场平稳健康发展充满信心……",
        "同样是二次亮相的交通部部长杨传堂,在回答完关于交通扶贫的问题后说,今年将继续加大农村公路建设力度。",
    ])
    article = assert_signed(page, ["张茅", "袁贵仁", "陈政高", "杨传堂"])
    assert "房价暴涨" not in article.pieces[1].body


def test_a_photo_credit_run_into_the_next_speaker_s_paragraph_is_a_line_of_its_own() -> None:
    """Kind: each deputy's photo caption and credit above their paragraph, the page run together: the credit ran into
    the next paragraph ('东北网记者 魏义松 摄 “总理的报告是…”,全国人大代表杨天夫说'): the quotation opening it, its
    speaker named after it, was no longer the paragraph's start and the speaker came out as two pieces (r55 run together,
    tune half). A photo credit after a caption's full stop is a line of its own."""
    page = " ".join([
        "黑龙江省代表热议政府工作报告:以人为本注重民生",
        "东北网北京3月5日讯(记者魏义松)三月的北京煦阳送暖。5日,在雄壮的国歌声中,十二届全国人大二次会议隆重开幕。",
        "全国人大代表张日红。东北网记者 魏义松 摄",
        "全国人大代表张日红说:“所有的经济活动和社会活动都离不开人,总理的报告通篇体现了以人为本的理念。”",
        "全国人大代表付华廷。东北网记者 魏义松 摄",
        "全国人大代表付华廷说:“听了总理的报告感觉振奋,‘三农’问题——农业怎么办、农村怎么办、农民怎么办,全都讲到了。”",
        "全国人大代表杨天夫。东北网记者 魏义松 摄",
        "“总理的报告是一份亲民、关乎民生的报告,语言非常简洁,接地气”,全国人大代表杨天夫说,“代表们反应热烈,报告作完以后掌声不断。”",
    ])
    assert [author for author, _ in signed(extract_text_page(page, "file:///x.txt"))] == ["张日红", "付华廷", "杨天夫"]


def test_an_article_printed_with_spaces_where_lines_wrapped_keeps_its_paragraphs_whole() -> None:
    """Review: the cuts that find a run-together page's signatures (spaces between Han characters) are not the body's:
    an OCR'd or e-paper article printed with a space where each line wrapped stays one paragraph, as printed."""
    from monitor.extract.extractor import extract_text_page

    lead = ("本报讯 今年以来，青岛高新区坚持把科技创新 作为推动高质量发展的核心动力，持续加大 研发投入力度，完善创新平台 "
            "体系建设，全区规上工业企业研发投入同比增长百分之十五，高新技术企业数量 再创新高，科技成果转化 成效明显，"
            "为全市经济发展提供了有力支撑。")
    article = extract_text_page("青岛高新区加大研发投入\n\n2024-05-01 来源：青岛日报\n\n" + lead
                                + "\n\n下一步，高新区将继续优化创新生态。\n", "file:///x.txt")
    assert not article.pieces
    assert lead in article.body.split("\n\n")


def test_run_together_cuts_leave_sentences_holding_dates_times_ellipses_and_posts_whole() -> None:
    """Review: the lost-line-break cuts take a date or a time standing alone (a dateline, a time stamp after a date or a
    label), an ellipsis outside a quotation, and a post above its text; a sentence holding a date, a time, a fraction, an
    ellipsis inside a quotation, or a post as its subject stays one line."""
    from monitor.extract.extractor import _run_on_parts, _unrun

    for sentence in ("会议于2024-05-01 上午在光谷召开，各方面工作取得新进展",
                     "发布会定于 10:30 在管委会举行，各方面工作取得新进展",
                     "全区约 1/2 企业参与，各方面工作取得新进展",
                     "“创新是第一动力…… 我们要继续努力”，各方面工作取得新进展"):
        assert _run_on_parts(sentence) == [sentence]
    assert _run_on_parts("第一位。 2025-02-25 11:24 张三：我认为，要加快发展") == [
        "第一位。", "2025-02-25 11:24", "张三：我认为，要加快发展"]
    assert _run_on_parts("发布时间:2024-11-22 04:18:28 张三：我认为") == ["发布时间:2024-11-22 04:18:28", "张三：我认为"]
    assert _run_on_parts("“好。”充满信心…… 同样是") == ["“好。”充满信心……", "同样是"]
    filler = "，各方面工作取得新进展，企业发展势头良好，创新能力持续增强，营商环境不断优化，群众获得感明显提升。" * 2
    assert _unrun("东湖高新区管委会主任 在会上介绍" + filler) == ["东湖高新区管委会主任 在会上介绍" + filler]


def test_a_byline_run_into_an_article_leaves_its_paragraph_whole() -> None:
    """Review: a byline running into the text is taken out of its paragraph's text; the rest of the paragraph is not
    cut at the spaces OCR left where its lines wrapped."""
    from monitor.extract.extractor import extract_text_page

    text = ("今年以来高新区坚持创新驱动发展，新增高新技术企业三百余家，技术合同 成交额同比增长百分之二十，园区产值 持续攀升，"
            "营商环境不断 优化，企业获得感 明显增强。")
    article = extract_text_page("东湖高新区召开科技创新大会\n\n本报记者 王晓明 " + text * 2 + "\n\n" + text, "https://x.cn/a")
    assert article.author == "王晓明"
    assert article.body.split("\n\n")[1:] == [text * 2, text]


def test_a_long_html_paragraph_of_repeated_signatures_is_read_in_linear_time() -> None:
    """Review: one <p> cut into thousands of lines made the splitter count every line's name over the whole page, and
    every space look back to the line's start for a bracket. Counted in calls, not seconds: the page's name is counted
    over the page once, whatever the number of lines."""
    from unittest import mock

    from monitor.extract import pieces
    from monitor.extract.extractor import extract_article

    html = "<html><body><p>" + "全国人大代表 孙飘扬表示 " * 400 + "</p></body></html>"
    with mock.patch.object(pieces, "_recurring_name", wraps=pieces._recurring_name) as counted:
        extract_article(html, "https://x.cn/a.html")
    assert counted.call_count <= 2
