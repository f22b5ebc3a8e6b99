"""General rules from the failures on the held-out roundups (batches 1-15) and the sixteenth batch's tune half,
grouped by kind (tests/data/roundups/README.md): each test is a short made-up page in a real page's layout that
fails without its rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from tests.pieces_helpers import assert_signed, signed


def test_a_strong_signature_among_weak_ones_signs_its_own_paragraph() -> None:
    """Kind: one speaker introduced 'post NAME认为：“…”' between speakers introduced by a quotation then
    'post NAME代表说' (r137, r48): the weak family wins and the strong signature was merged into the piece above."""
    page = (
        "营商环境怎么优化？几位代表利用休息时间和网友交流。\n\n"
        "“营商环境的根本问题是政企关系。”江苏省发展改革委主任王立新代表说。\n\n"
        "“制度供给是营商环境的底座。”江苏省司法厅厅长赵国平代表说。\n\n"
        "南京市江宁区委书记陈光明代表认为：“要做好服务企业的店小二，有求必应，无事不扰。”\n\n"
        "苏宁集团副总裁孙为民代表认为，企业自身也要诚信经营，提高管理水平。"
    )
    article = assert_signed(page, ["王立新", "赵国平", "陈光明", "孙为民"])
    assert "店小二" in article.pieces[2].body and "店小二" not in article.pieces[1].body


def test_repeated_name_description_lines_sign_without_a_list_of_posts() -> None:
    """Kind: page not split, its signature lines 'NAME（description）' alone above each piece naming no listed post
    ('学者', '媒体人'): the layout repeated down the page is the evidence (r90)."""
    page = (
        "微言\n\n王小川（学者）——\n\n城市治理，说到底是让人住得舒心。规划不能只看图纸，还要看街角的小店。\n\n"
        "林晓雨（媒体人）\n\n新闻的价值在现场，坐在办公室里写不出有温度的稿子。\n\n"
        "周文博（专栏作家）\n\n读书的人少了，并不等于思考的人少了，只是换了地方。"
    )
    article = assert_signed(page, [("王小川", "学者"), ("林晓雨", "媒体人"), ("周文博", "专栏作家")])
    assert article.pieces[1].body.startswith("新闻的价值在现场")


def test_repeated_name_dash_lines_take_a_pen_name_in_the_same_layout() -> None:
    """Kind: page not split, 'NAME——' lines alone above each piece; a pen name in the same layout signs too (r91)."""
    page = (
        "一周微言\n\n马东阳——\n\n经济转型要有耐心，去杠杆不能一刀切。\n\n"
        "逍遥剑客——\n\n现代人通病：少壮不努力，长大玩手机。\n\n"
        "杨建华——\n\n产业园区一哄而上，缺的是对产业集聚规律的认识。"
    )
    article = assert_signed(page, ["马东阳", "逍遥剑客", "杨建华"])
    assert article.pieces[1].body == "现代人通病：少壮不努力，长大玩手机。"


def test_paragraphs_sharing_a_prefix_before_the_name_take_it_as_the_post() -> None:
    """Kind: page not split, paragraphs opening 'PREFIX NAME：「…」' with a prefix in no list of posts ('市民'), names
    in Han or Latin letters (r107); a made-up research note whose '研究假设一：' lines share '研究' is no roundup."""
    page = (
        "游客多了好不好？\n\n【本台讯】老城区的网红街区游客越来越多，附近居民怎么看？\n\n"
        "厦门市民林先生：「游客来是好事，带旺了小店，只是周末停车难一点。」\n\n"
        "厦门市民陈雅婷：「走路慢一点也没关系，城市热闹起来大家都有生意做。」\n\n"
        "厦门市民Kevin Lee：「我喜欢帮游客拍照，大家都很友好。」"
    )
    article = assert_signed(page, [("林先生", "厦门市民"), ("陈雅婷", "厦门市民"), ("Kevin Lee", "厦门市民")])
    assert article.pieces[2].body == "「我喜欢帮游客拍照，大家都很友好。」"
    note = (
        "研究设计\n\n研究假设一：社会资本越多的职工越容易再就业，再就业的收入也越高。\n\n"
        "研究假设二：人力资本越多的职工越容易再就业，职业声望也越高。\n\n研究表明：两类资本的作用并不相同。"
    )
    assert extract_text_page(note, "file:///y.txt").pieces == ()


def test_post_line_above_the_name_line_signs_down_to_the_last_piece() -> None:
    """Kind: page not split, a post alone on a line, the name alone on the next, then the piece (r126: the other
    order of r25's 'NAME / post' lines); the last signer stands right above the page's last paragraph."""
    page = (
        "两会期间，代表委员热议工作报告。快来听一听吧！\n\n区人大代表\n\n刘建国\n\n"
        "今年的报告里，我又看到了人人议事厅这个项目，这是一个新的起点。\n\n区政协委员\n\n孙丽华\n\n"
        "作为一名医务工作者，我将持续关注区域医疗的高质量建设。"
    )
    article = assert_signed(page, [("刘建国", "区人大代表"), ("孙丽华", "区政协委员")])
    assert article.pieces[1].body == "作为一名医务工作者，我将持续关注区域医疗的高质量建设。"


def test_transliterated_names_keep_all_their_dotted_parts() -> None:
    """Kind: a name cut at three characters ('穆罕默' for '穆罕默德·卡西姆·简', one-character last part; r86); a name
    followed by a sentence holding a dotted newspaper name ('叶兆佳对中青报·中青网记者表示') stays the name."""
    page = (
        "多位国际学者接受专访。\n\n巴基斯坦白沙瓦大学名誉教授、中国科学院外籍院士穆罕默德·卡西姆·简表示，论坛意义非凡，"
        "为大家提供了交换信息的绝佳机会。\n\n加州大学伯克利分校机械工程教授霍马尹·卡泽罗尼表示，论坛规格在全球堪称顶级。\n\n"
        "澳门地区全国政协委员叶兆佳对中青报·中青网记者表示，他将在未来工作中努力配合。"
    )
    assert_signed(page, ["穆罕默德·卡西姆·简", "霍马尹·卡泽罗尼", "叶兆佳"])


def test_the_piece_prints_the_whole_post_the_signature_line_cut_short() -> None:
    """Kind: post cut short, 'post NAME：headline' lines giving the first title only, the piece printing the whole
    post before the same name, a photo caption between them (r66)."""
    page = (
        "首场“委员通道”开启，委员们都在关注哪些热点？\n\n全国政协委员刘振华：农业科技创新步入世界第一方阵\n\n"
        "全国政协委员刘振华接受媒体采访。图片来源：新华社\n\n"
        "全国政协委员、华中农业大学校长刘振华介绍，我国农业科技进步贡献率超过63%。\n\n"
        "全国政协委员王立强：中国经济增长的奇迹是干出来的\n\n"
        "全国政协委员、国务院发展研究中心原党组书记王立强表示，中国经济一定能够更上一层楼。"
    )
    assert_signed(
        page,
        [
            ("刘振华", "全国政协委员、华中农业大学校长"),
            ("王立强", "全国政协委员、国务院发展研究中心原党组书记"),
        ],
    )


def test_a_signature_line_signs_the_paragraph_under_it_whatever_it_opens_with() -> None:
    """Kind: a 'NAME post' line alone, then a paragraph opening '企业家应当把…' read as 'post NAME' (post 企业家,
    name 应当把): the line above already signs that paragraph (r84)."""
    page = (
        "企业家们怎么看企业家精神？\n\n柳志明 联想集团创始人、联想控股董事长\n\n"
        "人有了精神上的追求，迸发出来的力量就会非常大。\n\n宋国平 中国建材集团董事长\n\n"
        "企业家应当把履行社会责任作为自觉追求，为社会大众创造更多财富。\n\n董丽华 格力电器董事长\n\n"
        "企业家精神说穿了就是忘记自我。"
    )
    article = assert_signed(page, ["柳志明", "宋国平", "董丽华"])
    assert article.pieces[1].body.startswith("企业家应当把")


def test_a_name_swallowing_its_verb_is_cut_where_the_page_names_the_speaker_again() -> None:
    """Kind: a three-character name read once whose first two characters the page names again as a speaker ('该校
    校长夏涛勉励…' then '夏涛希望…' is 夏涛); a reference back to the school ('该校') is no part of the post (r48)."""
    page = (
        "大学校长们的开学第一讲成为关注的焦点。\n\n"
        "在安徽农业大学新生开学典禮上，该校校长夏涛勉励新生争做堪当民族复兴大任的时代新人。"
        "夏涛希望同学们多去图书馆、自习室。\n\n"
        "清华大学校长邱勇则希望新同学保持蓬勃的生命气息。\n\n"
        "中国科学院大学党委书记、校长李树深说：“希望同学们既修学术道德，也修口德网德。”"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert signed(article)[0] == ("夏涛", "校长")


def test_common_titles_and_words_after_a_name_the_lists_lacked() -> None:
    """Kinds: a paragraph's 'post NAME' not read for a title in no list ('代表团副团长', '主任医师'), and a name
    swallowing the word after it ('陈志勇形容' read 陈志勇形, '方明博士' read 方明博): r98, r66, r76."""
    page = (
        "多位港区全国人大代表于闭幕会后见记者。\n\n"
        "港区全国人大代表团副团长陈志勇形容，今年的政府工作报告是提振信心、顺应民心。\n\n"
        "北京协和医院主任医师赵静表示，分级诊疗要让基层接得住。\n\n"
        "香港一国两制研究中心研究总监方明博士认为，香港要主动对接国家发展。"
    )
    assert_signed(
        page,
        [
            ("陈志勇", "港区全国人大代表团副团长"),
            ("赵静", "北京协和医院主任医师"),
            ("方明", "香港一国两制研究中心研究总监"),
        ],
    )


def test_dash_description_lines_name_their_speaker_without_a_listed_post() -> None:
    """Kind: quotations closed by '——' description lines not signed when no listed post precedes the name: a name
    opening the line, or following an agent noun ('名嘴', '大师'); the post starts after the line's first clause
    (r93, r113, r114)."""
    page = (
        "“没有公平，就没有希望。”\n——央视名嘴白岩松近日在电视访谈中如是说。\n\n"
        "“孩子可以有选择地熟背一些段落。”\n——国学大师文怀沙接受专访时，针对儿童读经提出自己的看法。\n\n"
        "“我们要讲好中国故事。”\n——严歌苓回应新书采用女性角色书写英雄故事的原因。\n\n"
        "“中国标准变成了世界标准。”\n——日前，在电视节目中，国家重点实验室主任王争鸣这样讲述。"
    )
    article = assert_signed(
        page,
        [("白岩松", "央视名嘴"), ("文怀沙", "国学大师"), ("严歌苓", None), ("王争鸣", "国家重点实验室主任")],
    )
    assert article.pieces[0].body == "“没有公平，就没有希望。”"


def test_speakers_introduced_by_a_sentence_among_post_name_colon_lines() -> None:
    """Kinds: speakers introduced 'post NAME在…时说' among 'post NAME：' paragraphs merged into the piece above, and a
    long minority name set off by a space cut at three characters (r63)."""
    page = (
        "委员们在分组讨论时认为，要以高水平履职服务高质量发展。\n\n"
        "全国政协副主席刘国华在参加社会福利界委员小组讨论时说，过去一年我国经济社会发展取得新的重大成就。\n\n"
        "全国政协委员 吴晓红：报告通篇贯穿新发展理念，目标清晰务实。\n\n"
        "全国政协委员 阿拉腾达来：报告立足开局之年，每项部署都贴合发展实际。\n\n"
        "全国政协委员 江海：新质生产力迸发出了很多标志性的成果。\n\n"
        "全国政协副主席邵明在参加界别小组讨论时说，今年是规划开局之年。"
    )
    article = assert_signed(page, ["刘国华", "吴晓红", "阿拉腾达来", "江海", "邵明"])
    assert article.pieces[3].body == "新质生产力迸发出了很多标志性的成果。"


def test_post_name_colon_lines_in_the_page_layout_sign_with_posts_the_list_misses() -> None:
    """Kind: 'post NAME：' lines alone above the answers, two read already, the others ending in a post no list
    holds ('…董事CEO', '集团CTO'): the same layout signs them too (r85)."""
    page = (
        "2、战略新兴产业前景如何？\n\n网秦移动有限公司首席执行官林志宇：\n\n国内的云计算大部分还处在投资阶段。\n\n"
        "印度维布络公司大中华区总经理艾伦：\n\n谈到云计算，我们可以从两个层面考虑。\n\n"
        "3、社会保障做什么？\n\n慈铭健康体检管理集团董事CEO韩晓红：\n\n要满足人民群众的基本医疗需求。\n\n"
        "东软集团CTO刘建仁：\n\n现在中国对医疗和教育两个领域非常重视。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert signed(article)[2:] == [("韩晓红", "慈铭健康体检管理集团董事CEO"), ("刘建仁", "东软集团CTO")]
    assert article.pieces[2].body == "要满足人民群众的基本医疗需求。"


def test_a_surname_no_list_holds_signs_in_the_page_colon_line_layout() -> None:
    """Kind: a 'post NAME：' line whose name starts with a surname no list holds ('仵') among lines read already:
    the layout and the post word are the evidence; '区长表示：' stays no signature (r131)."""
    page = (
        "区长寄语\n\n新城区区长仵海：\n\n新常态赋予新使命，新理念引领新征程。\n\n"
        "碑林区区长卢光明：\n\n规划蓝图已经绘就，全面建成小康社会进入决胜期。\n\n"
        "莲湖区区长和文军：\n\n回眸过去一年，群众收获了更多蓝天。\n\n雁塔区区长表示：\n\n要全力以赴稳增长。"
    )
    assert_signed(page, [("仵海", "新城区区长"), ("卢光明", "碑林区区长"), ("和文军", "莲湖区区长")])


def test_a_lead_quoting_terms_does_not_hide_the_speaker_after_it() -> None:
    """Kind: a speaker after a short lead sentence not read because the lead holds a long quoted list of terms
    ('“农业大县、工业小县、财政穷县”'), taken for someone's words (r125)."""
    page = (
        "招商引资仍是县官重头戏\n\n"
        "重庆酉阳县委书记陈立勇是3年前从江苏引进的干部。他说：“沿海和内地最大的差距是工业文明与农业文明的差距。”\n\n"
        "对于“农业大县、工业小县、财政穷县”的传统农区来说，节能减排让财政更加捉襟见肘。"
        "湖南衡东县委书记刘运华说：“上级下达节能减排指标后，冶炼产业就关了15家企业。”"
    )
    assert_signed(page, [("陈立勇", "重庆酉阳县委书记"), ("刘运华", "湖南衡东县委书记")])


def test_a_post_two_signers_carry_opens_a_paragraph_with_an_unlisted_surname() -> None:
    """Kind: a speaker dropped for a surname no list holds ('别'), the paragraph merged into the piece above; the
    post that two other signers of the page carry, opening the paragraph, is the evidence (r133)."""
    page = (
        "委员们围绕政府工作报告展开讨论。\n\n"
        "“报告既鼓舞人心，又提振士气。”聆听报告后，市政协委员张晓娜内心充满力量。\n\n"
        "“过去一年，全市实现了农业丰产增收。”聆听报告后，市政协委员孙文博表示，他将认真履职。\n\n"
        "政府工作报告的字里行间，处处体现着民生温度。\n\n"
        "市政协委员别丽从政府工作报告中感受到了民生改善带来的喜人变化。"
    )
    article = assert_signed(page, ["张晓娜", "孙文博", "别丽"])
    assert "喜人变化" not in article.pieces[1].body
