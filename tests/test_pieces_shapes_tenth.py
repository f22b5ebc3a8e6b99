"""Shapes found on the tenth batch of real roundup pages (tests/data/roundups r79-r98, tune half: r79, r81, r83,
r87, r89, r94-r97) and the rules they brought, each with a short made-up page in the real page's layout that
fails without its rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from monitor.items import ExtractedArticle


def _signed(article: ExtractedArticle) -> list[tuple[str | None, str | None]]:
    return [(p.author, p.author_post) for p in article.pieces]


def test_programme_tag_before_the_signature_line_is_no_post() -> None:
    """r97: a video transcript, '【同期】post NAME' alone on a line before each answer."""
    page = (
        "【字幕】3月5日上午，十四届全国人大二次会议在北京开幕，港区代表出席开幕会。\n\n"
        "标题一：代表们怎么看？\n\n"
        "【同期】港区全国人大代表 林志强\n\n"
        "报告提到要支持香港发展创新科技，我们会带着建议回到香港，推动河套合作区尽快见到成果。\n\n"
        "【同期】港区全国人大代表 陈美玲\n\n"
        "今年的报告很务实，讲到民生的部分特别多，我们回去以后会向市民好好讲解。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("林志强", "港区全国人大代表"), ("陈美玲", "港区全国人大代表")]
    assert article.pieces[1].body.startswith("今年的报告很务实")


def test_weibo_handles_with_a_post_in_brackets_alone_on_a_line() -> None:
    """r95: '@handle（post）' alone on a line, then the piece; the handle is the author as printed."""
    page = (
        "微评\n\n@南山读书人李明（作家）\n\n排行榜只供参考，真正的阅读要靠自己辨别，读得慢一点也没有关系。\n\n"
        "@看剧小能手（电视从业者）\n\n内容为王的实践者最终会笑到最后，资本太急功近利反而走不远。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("南山读书人李明", "作家"), ("看剧小能手", "电视从业者")]
    assert article.pieces[0].body.startswith("排行榜只供参考")


def test_netizen_handles_after_the_site_open_paragraphs() -> None:
    """r96: 'site网友@handle：' opening each paragraph under numbered topic headings; the site is the post."""
    page = (
        "网友热议发布会\n\n一、就业：“稳岗位是头等大事”\n\n"
        "人民网网友@山间清风：稳就业就是稳民心，希望政策尽快落地。\n\n"
        "新浪网网友@小城故事多：高校毕业生人数创新高，企业也要多提供见习岗位。\n\n"
        "二、住房：“房子是用来住的”\n\n搜狐网网友@老王2020：租购并举才能让年轻人安居。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [
        ("山间清风", "人民网网友"),
        ("小城故事多", "新浪网网友"),
        ("老王2020", "搜狐网网友"),
    ]


def test_name_post_lines_repeated_with_posts_outside_the_vocabulary() -> None:
    """r89: 'NAME post' lines (a space between) on a traditional page; two read as signatures already make
    the others with the same layout signatures too ('媒體評論員', '作家' are in no list of posts)."""
    page = (
        "徐明 大學教授\n專業知識只有在能夠高度自治的時候，才會運作得很好，專家要堅持獨立判斷。\n"
        "趙啟明 國務院新聞辦公室原主任\n對外傳播要有一個詞能夠表述本民族文化的特征，中國的“和”字含義特別豐富。\n"
        "畢飛 作家\n我們常說文學是有分類的，一種叫純文學，一種叫通俗文學，差異不在題材。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("徐明", "大學教授"), ("趙啟明", "國務院新聞辦公室原主任"), ("畢飛", "作家")]
    assert article.pieces[2].body.startswith("我們常說文學")


def test_dash_closer_ending_with_said_and_a_publication_closer() -> None:
    """r94: '——作家张平说。' signs with the name alone; '——《上海青年报》发表文章…' closes its quotation
    without a person: that quotation is in no piece (and not in the next one)."""
    page = (
        "名家语录\n\n今后的文学大师也许是安静地坐在那里，与读者轻轻私语的那种。\n——王蒙。\n\n"
        "作家不是救世主，但作家决不可以远离时代和人民。\n——作家张平说。\n\n"
        "诗的声音在当代已喑哑难辨，需要拯救的是我们自己的趣味。\n——《上海青年报》发表文章《对当代诗歌的三种偏见》。\n\n"
        "阅读古籍可以达成立德、立功、立言的古典理想。\n——台湾新版《资治通鉴》的总编辑郭哲铭说。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert [name for name, _ in _signed(article)] == ["王蒙", "张平", "郭哲铭"]
    assert article.pieces[1].author_post == "作家"
    assert "诗的声音" not in article.pieces[2].body and article.pieces[2].body.startswith("阅读古籍")


def test_name_deputy_colon_subheadline_on_the_first_line() -> None:
    """r83: 'NAME代表：topic' sub-headlines, the page starting with the first of them; the full post is in the
    paragraph below ('全国人大代表、…书记NAME表示')."""
    page = (
        "李明远代表：制造业攀高逐新\n"
        "今年的政府工作报告提出，坚持把发展经济的着力点放在实体经济上，因地制宜发展新质生产力，建设现代化产业体系。"
        "全国人大代表、河南省某某市委书记李明远表示，近年来，该市坚持把制造业高质量发展作为主攻方向。\n"
        "李明远代表介绍，该市推动农产品加工业产值突破2500亿元。\n"
        "张立强代表：提升经济外向度\n"
        "“全方位提升对外开放的能级和水平。”全国人大代表、山西省某某市委书记张立强表示，该市以开放为纽带拓宽合作。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [
        ("李明远", "全国人大代表、河南省某某市委书记"),
        ("张立强", "全国人大代表、山西省某某市委书记"),
    ]
    assert article.pieces[0].body.startswith("今年的政府工作报告提出")


def test_page_headline_naming_a_signer_below_stays_the_title() -> None:
    """r28 kept: a first line 'heading NAME：words' about a person who signs a piece below is the page's headline."""
    page = (
        "司局长向市民拜年 陈国华：会敢于求变\n今日是大年初一，多名司局长向市民拜年。\n"
        "陈国华：积极识变、应变、求变\n陈国华指，过去一年香港打稳了由治及兴的基础。\n"
        "陈茂林：经济正稳步向前\n财政司司长陈茂林祝愿全港市民龙马精神、身体健康。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert [name for name, _ in _signed(article)] == ["陈国华", "陈茂林"]


def test_name_only_answers_take_the_post_from_the_introduction_above() -> None:
    """r79: a radio transcript, 'NAME：' opening each answer, the speaker introduced in the short paragraph above
    ('全国人大代表马恒燕来到北京，…', a lead ending '…全国人大代表方敏：'): the introduction opens the piece and gives
    the post; a speaker introduced without a post keeps none."""
    page = (
        "今天上午，大会开幕。记者采访了几位代表。全国人大代表周红：\n\n"
        "周红：全国两会是事关民生的重要会议，大家都非常关注，希望国家能更好地解决存在的问题。\n\n"
        "全国人大代表王建来到北京，走进代表驻地，有了很多新的感触。\n\n"
        "王建：当选全国人大代表感到很光荣，但这更是一份责任，我要为教育发声。\n\n"
        "来自基层的代表比例高于往年。刘小梅就是其中之一，她带领乡亲们从事手工刺绣。\n\n"
        "刘小梅：希望让更多非遗传承人走进乡村，让乡土文化延续下去。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("周红", "全国人大代表"), ("王建", "全国人大代表"), ("刘小梅", None)]
    assert article.pieces[1].body.startswith("全国人大代表王建来到北京")
    assert "王建来到北京" not in article.pieces[0].body


def test_a_dash_line_naming_no_signer_closes_its_quotation_into_no_piece() -> None:
    """r94: between signed dash lines, one the reader cannot sign ('——…克莱顿之名命名一种恐龙之后，克氏…地说。') still
    ends its quotation, which goes to no piece; '《某书》的总编辑' is the post (a publication is no description)."""
    page = (
        "作家不是救世主，但作家决不可以远离时代和人民。\n——作家张平说。\n\n"
        "这比得到奥斯卡奖还棒，我十分荣幸。\n——古生物学家以《侏罗纪公园》作者克莱顿之名命名一种恐龙之后，克氏感激不尽地说。\n\n"
        "阅读古籍可以达成立德、立功、立言的古典理想。\n——台湾新版《资治通鉴》的总编辑郭哲铭说。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("张平", "作家"), ("郭哲铭", "台湾新版《资治通鉴》的总编辑")]
    assert "奥斯卡" not in article.pieces[1].body


# Eleventh batch (r99-r105, tune half: r99, r100, r101, r103).


def _paragraphs(*paragraphs: str) -> ExtractedArticle:
    """A text page of these paragraphs (blank lines between)."""
    return extract_text_page("\n\n".join(paragraphs), "file:///x.txt")


def test_a_name_stops_before_fayan_and_a_region_is_part_of_the_post() -> None:
    """r99: '…”澳门地区全国政协委员叶兆佳对记者表示' ('地区' is no adverb '地'), '…台湾省全国人大代表颜珂发言时表示'."""
    article = _paragraphs(
        "港澳台代表委员热议报告",
        "“我发现今年的十大任务中，有5个与经济发展有关系。”澳门地区全国政协委员叶兆佳对记者表示，他将在未来工作中努力配合。",
        "3月5日下午，在台湾省代表团全体会议上，台湾省全国人大代表颜珂发言时表示，报告用事实说话，用数字说话。",
    )
    assert _signed(article) == [("叶兆佳", "澳门地区全国政协委员"), ("颜珂", "台湾省全国人大代表")]


def test_bare_titles_before_names_in_local_news() -> None:
    """r101: '代表NAME十分关注…' after a scene-setting sentence, '代表NAME对…' opening a paragraph, and '政协委员NAME说：'
    after a long scene-setting sentence."""
    article = _paragraphs(
        "代表委员们都说了些啥",
        "在王朝大酒店代表团活动室里，代表们围绕工作报告积极发言。代表王云海十分关注规划优先的问题。他说：“这一区域的基础设施需要着力谋划。”",
        "代表黄苏明对报告中提到的科技城建设表达了殷切期望，他建议将低小散的产业整合起来。",
        "而在市委党校的一间会议室里，记者看到，20多位委员围坐在长桌前，话筒传来传去，他们直抒己见，没有一句官话、套话。政协委员王岩松说：“报告对打造创新高地有清晰的部署。”",
    )
    assert _signed(article) == [("王云海", "代表"), ("黄苏明", "代表"), ("王岩松", "政协委员")]
    assert "报告对打造创新高地" not in article.pieces[1].body


def test_signature_opening_the_third_sentence_after_a_caption_run_in() -> None:
    """r100: paragraphs run together, a photo caption ('…开幕。新华社图片') and a lead sentence before 'post NAME认为'."""
    article = _paragraphs(
        "港区代表委员热议政府工作报告",
        "3月5日，十四届全国人大二次会议在北京开幕。新华社图片 报告回顾了过去一年的工作。港区全国人大代表梁美华认为报告务实，正视了复杂多变的国际环境。",
        "港区全国政协委员谭岳山对记者说，报告谈到民营经济时，现场响起了掌声。",
        "港区全国人大代表陈仲明对记者表示，现场感受到非常鼓舞。",
    )
    assert [name for name, _ in _signed(article)] == ["梁美华", "谭岳山", "陈仲明"]


# Fourteenth batch (r111-r112, tune half: r112).


def test_speaker_after_an_opening_quotation_given_a_description() -> None:
    """r112: '“…”来自河北易县的张淑芬不无骄傲地说' opens that deputy's piece (no post); a speaker quoted on after being
    introduced in the paragraph above is no new piece; '与某某同为…代表的…董事长NAME' has the post after 的."""
    article = _paragraphs(
        "多位代表纷纷表示将认真履职",
        "“我是县里第一名全国人大代表。”来自河北易县的张淑华不无骄傲地说。她感到责任重大。",
        "同样来自基层的广西团全国人大代表谭梦晨也是首次当选，他对记者说，这次带了教育投入的建议。",
        "“我们县40万人口才有一所普通高中。”谭梦晨说，“期待自己的建议能得到回应。”",
        "与谭梦晨同为广西团全国人大代表的某某集团董事长胡葆林是名人大“老兵”，他说要继续建言。",
    )
    assert _signed(article) == [
        ("张淑华", None),
        ("谭梦晨", "广西团全国人大代表"),
        ("胡葆林", "某某集团董事长"),
    ]
    assert "期待自己的建议" in article.pieces[1].body


# Fifteenth batch (r113-r119, tune half: r115, r116).


def test_dash_lines_describing_who_said_the_quotation() -> None:
    """r115, r116: '——post NAME博客文章说。', '——《某报》评论员NAME撰文…', a long '——post、post NAME谈…时说，…' line,
    and a survey's dash line (no person) between them closing its own quotation."""
    article = _paragraphs(
        "印象中的语录",
        "证券市场问题的症结，在于那只看得见的手老是闲不住。",
        "——经济学者吴敬明博客文章说。",
        "被增长。",
        "——国家统计局的调查数据显示，上半年城镇居民人均可支配收入实际增长11.2%，该数据受到质疑。",
        "统计数据被外界质疑，主要的症结不在技术上，领导干部竭力追求政绩才是问题的根本。",
        "——九三学社中央副主席、国家统计局原副局长贺明谈统计数据水分时说，统计数据是地方干部的政绩单，"
        "而这张单子由地方干部来填写，这样一来统计工作的独立性很容易受到破坏，这是制度设计上存在的漏洞。",
        "如果先富起来的农民帮助更多农村走上共同富裕的道路，那将远比炫富更有意义。",
        "——《齐鲁晚报》评论员沙元林撰文《现在还不是炫富的时候》，认为此时炫富是不明智的。",
    )
    assert _signed(article) == [
        ("吴敬明", "经济学者"),
        ("贺明", "九三学社中央副主席、国家统计局原副局长"),
        ("沙元林", "《齐鲁晚报》评论员"),
    ]
    assert "被增长" not in article.pieces[1].body


def test_dash_line_name_with_a_surname_no_list_holds() -> None:
    """r116: '——媒体人草威在文章《…》里如是说。' (草 is in no list of surnames): right after a post and before '在'."""
    article = _paragraphs(
        "年度言论",
        "“这不是现代化，这是对现代化的误解。”",
        "——媒体人草威在文章《没有自行车道的城市》里如是说。",
        "“如果先富起来的农民帮助更多农村走上共同富裕的道路，那将远比炫富更有意义。”",
        "——《齐鲁晚报》评论员沙元林撰文认为，此时炫富是不明智的。",
    )
    assert _signed(article) == [("草威", "媒体人"), ("沙元林", "《齐鲁晚报》评论员")]
