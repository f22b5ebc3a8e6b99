"""Issue 17, subject and mention rules from the tune halves of the real set (fifth session): a zone called by
its stem and 开发区 or 国家自主创新示范区, a city's 开发区 read from the kind of zone the text speaks of, a bare
高新区 as one kind of body in a list of kinds, and a text of bare 高新区 whose one city needs its 市."""

from __future__ import annotations

from monitor.tag.aliases import kaifaqu_names, reads_kaifaqu, stem_names
from monitor.tag.gazetteer import load_gazetteer, load_places
from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def tag(*parts: str, title: str = ""):  # type: ignore[no-untyped-def]
    return shared_tagger().tag(title, "".join(parts))


def test_a_zones_stem_with_kaifaqu_or_demonstration_zone_names_it() -> None:
    # g028: the zone's own party secretary signs as 东湖开发区党工委书记; the plan is the 东湖 demonstration zone's
    tags = tag(
        "湖北省委副书记、武汉市委书记出席开幕式并致辞。市委常委、东湖开发区党工委书记李明报告了"
        "《东湖国家自主创新示范区发展规划纲要》（审议稿）。院士专家团作了讲话。",
    )
    assert roles(tags, "subject") == {"donghu"}
    # a stem that is no place: 东湖开发区 in a text that never names an economic zone
    tags = tag("东湖开发区管委会日前召开会议，部署光电子信息产业链招商工作。会议要求加快项目落地。")
    assert roles(tags, "subject") == {"donghu"}
    # 武进开发区 beside 经开区 is the 武进 economic zone: no zone
    tags = tag("武进开发区与常州经开区签署合作协议，双方将在装备制造领域共建园区。")
    assert tags.zones == ()


def test_a_citys_kaifaqu_is_its_zone_only_where_the_text_speaks_of_high_tech_zones() -> None:
    # d017: a joint team on national high-tech zones visits; 大庆开发区 is the 大庆 high-tech zone
    tags = tag(
        "由国家科委火炬办副主任等8人组成的国家高新技术产业开发区联合调查组，",
        "考察了开发区的高新技术企业和基础设施建设情况。\n调查组表示：“大庆开发区发展很快，很有后劲。”",
        title="国家高新区联合调查组来区考察",
    )
    assert {z.zone_id for z in tags.zones} == {"daqing"}
    # g013: 青岛开发区 beside 经济开发区 is the economic zone, and 青岛 then anchors no bare 高新区
    tags = tag(
        "来自我省部分地市经信局、省产业转移园、高新区和省工业园区协会的同志参加了此次考察。"
        "考察团一行先后参观了青岛开发区、大连经济开发区。",
    )
    assert tags.zones == ()


def test_kaifaqu_kind_reading_is_plain_substring_tests() -> None:
    assert reads_kaifaqu("国家高新技术产业开发区联合调查组考察大庆开发区") == (True, True)
    assert reads_kaifaqu("高新区和经开区的负责人参加") == (False, False)  # the economic kind is named
    assert reads_kaifaqu("青岛开发区举行项目签约") == (
        True,
        False,
    )  # a city's needs a word of the high-tech kind
    gazetteer, places = load_gazetteer(), load_places()
    assert stem_names(gazetteer, places)["东湖国家自主创新示范区"] == "donghu"
    assert "大庆国家自主创新示范区" not in stem_names(
        gazetteer, places
    )  # a city's demonstration zone is larger
    names = kaifaqu_names(gazetteer, places)
    assert names["东湖开发区"] == ("donghu", False) and names["大庆开发区"] == ("daqing", True)


def test_a_bare_gaoxinqu_in_a_list_of_kinds_of_body_is_no_zone() -> None:
    tags = tag(
        "省工业园区协会组织会员单位赴外省学习。来自各地市经信局、省产业转移园、高新区和开发区的"
        "同志共30余人参加。考察团随后到烟台参观了多家企业。",
    )
    assert tags.zones == ()
    # a place right before the list mark still anchors it: 包头、高新区 is not a list of kinds
    tags = tag("包头稀土高新区管委会召开会议。会议要求，高新区、各园区要抓紧推进重点项目建设。")
    assert roles(tags, "subject") == {"baotouxitu"}


def test_a_city_that_needs_its_shi_is_the_one_city_of_a_text_of_bare_gaoxinqu() -> None:
    # d042: 益阳 without 市, the only city of a text that says 高新区 again and again
    body = (
        "调研组走访了高新区所辖社区和企业。座谈会上，高新区工委委员介绍了高新区建设所取得的成绩。"
        "调研组表示，高新区是益阳工业强市的希望，是后发赶超的关键。"
    )
    assert roles(tag(body), "subject") == {"yiyang"}
    # the same word inside a road's name is no city
    body = (
        "调研组走访了高新区所辖社区和企业。座谈会上，高新区工委委员介绍了高新区建设所取得的成绩。"
        "调研组还察看了中山路改造工程，表示高新区要加快发展。"
    )
    assert roles(tag(body), "subject") == set()


def test_a_list_of_places_does_not_hide_the_one_city_of_a_text_of_bare_gaoxinqu() -> None:
    # e008: the staff of three offices in other cities; 珠海 is the text's city
    body = (
        "10月7日上午，高新区召开招商引资驻外工作推进会，区党工委书记出席会议并讲话，为三个驻外招商办事处授牌。\n"
        "此次高新区抽调70余名精干力量，充实北京、深圳、苏州3个驻外招商办事处，"
        "既是高新区勇当珠海高质量发展龙头使命之所在，也是在招商一线淬炼干部的重要举措。"
    )
    assert roles(tag(body), "subject") == {"zhuhai"}


def test_the_one_zone_of_a_headline_speaking_as_a_zone_is_its_subject() -> None:
    # d017: the zone visited is named once, late, by its old name; the headline says 来区
    lead = (
        "5月12日，由科技部火炬中心副主任、开发区管理处处长等6人组成的调研组，"
        "考察了开发区的高新技术企业、孵化器、基础设施建设和第三产业的发展情况，并召开了座谈会。\n"
    )
    tags = tag(lead, "调研组表示：“大庆开发区发展很快，很有后劲。”", title="国家高新区调研组来区考察")
    assert roles(tags, "subject") == {"daqing"}
    # the same text under a headline that does not speak as the zone: named once, late, the zone is mentioned
    tags = tag(lead, "调研组表示：“大庆开发区发展很快，很有后劲。”", title="国家高新区调研组赴东北考察")
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"daqing"}
