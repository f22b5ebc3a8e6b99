"""Who speaks here (monitor/extract/speakers.py): a paragraph introduces a speaker found by the tagger's people
finder, and a text page no shape rule splits is split where the speaker changes. Pages made up in real pages'
layouts (the roundups' tune half: r37, r44, r145, r159)."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from monitor.extract.speakers import introduced_speaker, split_by_speakers


def test_a_paragraph_opening_with_post_and_name_introduces_its_speaker() -> None:
    found = introduced_speaker("全国政协委员、中国共产党历史展览馆馆长吴向东说，党的历史是最生动的教科书。")
    assert found is not None and (found.name, found.post, found.closes) == (
        "吴向东", "全国政协委员、中国共产党历史展览馆馆长", False)


def test_a_name_followed_by_a_word_the_finder_does_not_list_still_opens() -> None:
    """'…副主委邵志清今年将…': the people finder wants a known word after a name; a paragraph opening with the post
    gives the name by its surname (r45's layout)."""
    found = introduced_speaker("全国政协委员、致公党上海市委专职副主委邵志清今年将带上关于数字经济发展的提案。")
    assert found is not None and found.name == "邵志清"


def test_a_one_character_verb_is_no_part_of_the_name() -> None:
    found = introduced_speaker("中国科学院国家空间中心主任王赤说，在这样一个特殊的日子里，自己特别想感谢父母。")
    assert found is not None and found.name == "王赤"


def test_a_quotation_then_post_and_name_and_a_verb_introduces_the_speaker() -> None:
    found = introduced_speaker("“报告内容充分体现了高质量发展导向。”聆听报告后，市政协委员孙文献表示，他将认真履职。")
    assert found is not None and (found.name, found.post) == ("孙文献", "市政协委员")


def test_a_person_talked_about_or_an_agenda_label_is_no_speaker() -> None:
    assert introduced_speaker("会议听取了关于全市经济运行情况的汇报，市长张建国主持会议并讲话。") is None
    assert introduced_speaker("主持人：南开大学经济学院院长 周立群教授") is None


def test_a_page_of_speakers_no_shape_rule_splits_is_split_where_the_speaker_changes() -> None:
    """r145's layout: a narrative report, 'post NAME说' opening one paragraph, a sub-headline and a bulleted
    'post NAME' sentence opening the next speaker's part, the name alone on a line. No shape rule splits it."""
    page = (
        "新晋院士这样说\n\n"
        "本地视线 张欣 2019-11-23 16:11\n\n"
        "“感恩、责任、珍惜。”11月22日，领到证书时，新院士这样概括自己的心情。\n\n"
        "中国科学院国家空间中心主任王赤说，在这样一个特殊的日子里，自己特别想感谢父母的养育之恩。\n\n"
        "王赤还想感谢家人多年来的理解和支持。\n\n"
        "当选院士后的第一件事\n\n"
        "● 中科院院士朱永官坐公交车回办公室开组会\n\n"
        "朱永官\n\n"
        "11月22日中午，刚领完院士证书的朱永官坐公交车回到研究所。\n\n"
        "组会上，朱永官第一时间把好消息和学生们分享。未来，他将围绕土壤健康继续研究。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert [(p.author, p.author_post) for p in article.pieces] == [
        ("王赤", "中国科学院国家空间中心主任"), ("朱永官", "中科院院士")]
    assert "感谢家人" in article.pieces[0].body and "第一件事" not in article.pieces[0].body
    assert article.pieces[1].headline == "当选院士后的第一件事"
    assert "土壤健康" in article.pieces[1].body


def test_one_official_speaking_twice_is_no_roundup() -> None:
    paragraphs = ["区委书记李明说，今年要抓好招商引资。", "李明强调，要优化营商环境。", "区委书记李明表示，全区上下要团结一心。"]
    assert split_by_speakers(paragraphs) == ()


def test_a_traditional_paragraph_is_read_in_simplified_script() -> None:
    """The office words are simplified ('委員' is '委员'): a traditional page's speakers were all missed (r17, r103)."""
    found = introduced_speaker("全國政協委員、上海光明食品集團副總裁葛俊杰特別關心食品安全。")
    assert found is not None and (found.name, found.post) == ("葛俊杰", "全國政協委員、上海光明食品集團副總裁")


def test_a_dash_closer_running_on_after_the_name_names_the_speaker() -> None:
    """'——post NAME在…时如是说': the dash line runs on after the name; the speaker comes first in it (r15's layout;
    a line of more than 40 characters was skipped)."""
    found = introduced_speaker("“没有经过认真调研的议案不如不提。”——全国人大代表、一汽-大众汽车有限公司钣金整修车间主任王洪军"
                               "在小组讨论时谈到议案质量时如是说")
    assert found is not None and (found.name, found.closes) == ("王洪军", True)
    # a person named late in a dash line is talked about, not the speaker
    assert introduced_speaker("“议案要有质量。”——记者在小组讨论现场、代表驻地的走廊里和餐厅门口都听到了这样的议论，"
                              "大家谈论的是全国人大代表王洪军的议案") is None


def test_speakers_of_roundups_have_posts_the_tagger_does_not_track() -> None:
    """An actor, a host, an entrepreneur: '——全国政协委员、国家一级演员NAME' (r16's layout)."""
    found = introduced_speaker("“我的提案和我的工作有关。”——全国政协委员、国家一级演员陈明道")
    assert found is not None and (found.name, found.post) == ("陈明道", "全国政协委员、国家一级演员")


def test_a_speaker_after_a_bridge_sentence_is_introduced() -> None:
    """'代表们热情高涨。区人大代表NAME说：…': one short sentence, then the speaker (r62)."""
    found = introduced_speaker("代表们热情高涨、精神饱满。区人大代表王伟峰说：“我很激动也十分期待。”")
    assert found is not None and (found.name, found.post) == ("王伟峰", "区人大代表")


def test_a_transcripts_name_and_colon_introduces_a_speaker_but_a_pages_label_does_not() -> None:
    """'NAME：' opening a paragraph (a transcript, r32's and r153's layout); '来源：' starts with a surname
    character and is a label (an ordinary page was split at it)."""
    found = introduced_speaker("樊刚：这个问题要从两方面看。")
    assert found is not None and (found.name, found.post) == ("樊刚", None)
    assert introduced_speaker("来源：中国政府网 2016-03-06") is None
    assert introduced_speaker("來源:深圳晚報 發布時間:2021-09-06") is None


def test_a_dash_line_under_a_quotation_headline_heads_the_piece_below() -> None:
    """'“quotation”' / '——post NAME' / the piece (r58's layout): the dash line heads the text below it; under a long
    quotation it closes the text above (r106's layout). The post never keeps the dash."""
    paragraphs = [
        "农民选我当代表——基层代表的履职心声",
        "“希望更多人才留在农村、改变农村”",
        "——全国人大代表、增城区沙头村党支部副书记冼润霞",
        "今年是冼润霞担任全国人大代表的第5个年头。她说，要为改变农村现状出力。",
        "“人大代表是一座桥梁”",
        "——全国人大代表、汉源县古路村党支部书记骆云莲",
        "因为四处是悬崖峭壁，古路村曾经与世隔绝。乡村旅游还会带动种植业、养殖业。",
    ]
    pieces = split_by_speakers(paragraphs)
    assert [(p.author, p.author_post) for p in pieces] == [
        ("冼润霞", "全国人大代表、增城区沙头村党支部副书记"), ("骆云莲", "全国人大代表、汉源县古路村党支部书记")]
    assert "第5个年头" in pieces[0].body and "悬崖峭壁" not in pieces[0].body
    assert "悬崖峭壁" in pieces[1].body
    closing = [
        "大学校长们谈教育。",
        "“大学要培养有理想的人，这是我们这一代教育者必须回答的问题，也是一所大学存在的意义所在。”",
        "——重庆工商大学校长杨继瑞",
        "“教育公平是社会公平的基础，大学在招生和培养上都应当守住这条底线，不能让寒门学子失去机会。”",
        "——四川大学锦江学院校长李志强",
    ]
    pieces = split_by_speakers(closing)
    assert [(p.author, p.author_post) for p in pieces] == [("杨继瑞", "重庆工商大学校长"), ("李志强", "四川大学锦江学院校长")]
    assert "培养有理想" in pieces[0].body and "教育公平" in pieces[1].body


def test_a_sentence_before_an_office_word_is_no_post() -> None:
    """The surname guess after a post needs the post to open the paragraph (a sentence before the office word gave
    '谈贯彻' as a name)."""
    assert introduced_speaker("此时不拼更待何时与会企业家谈贯彻落实会议精神的体会。") is None


def test_a_post_printed_in_two_parts_and_a_describing_clause_before_a_post() -> None:
    """'post，post NAME' is one post (r37); '同样来自基层的 post NAME' keeps the post after the clause (r112)."""
    found = introduced_speaker("全国人大代表，太原市政管理处副所长王润梅连续多年关注城市公共交通。")
    assert found is not None and (found.name, found.post) == ("王润梅", "全国人大代表，太原市政管理处副所长")
    found = introduced_speaker("同样来自基层的广西团全国人大代表谭梦曦也是首次当选，他对记者说，这次带了建议。")
    assert found is not None and (found.name, found.post) == ("谭梦曦", "广西团全国人大代表")
