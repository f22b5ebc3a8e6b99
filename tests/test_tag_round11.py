"""Issue 17, round 11: rules from the tune halves of the real set after the fourteenth batch (tests/data/tagging_real
README, round 11): a name holding 政, 接受 after a name, a roster after a post and a colon, a bare 高新区 joined to its
district by a middle dot, the bare 高新区 of a visit (the host's zone), and a city group's abbreviation before the kind
of zone (呼包鄂三市国家级高新区). Each test fails on the tagger before round 11 (3e56ec1)."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tag_people_rules import people
from .test_tagging_real import roles


def test_a_name_may_hold_zheng() -> None:
    # p001 (traditional): 吉林省委書記孫政才與省市領導視察了展館
    assert people("9月27日，吉林省委书记孙政才与省市领导视察了展馆。") == {"孙政才": "吉林省委书记"}
    assert people("市委教育工委书记、市教委主任黄政，市科技局局长明炬出席开工活动。") == {
        "黄政": "市委教育工委书记、市教委主任", "明炬": "市科技局局长"}
    # ... but 政协, 政府 and the words of 政 that start with a surname are no names
    assert people("会上，区政协委员、区工商联主席王明发言。") == {"王明": "区政协委员、区工商联主席"}
    assert people("区长向党政领导班子成员通报了情况。") == {}


def test_jieshou_follows_a_name() -> None:
    # p019: …管委会副主任姚丽英接受采访时说
    found = people("“新的一年，常熟高新区将确保主要经济指标实现8%以上增幅。”常熟高新区党工委委员、管委会副主任姚丽英接受采访时说。")
    assert found == {"姚丽英": "常熟高新区党工委委员、管委会副主任"}


def test_a_roster_after_a_post_and_a_colon() -> None:
    # p013 (a wiki's leadership line, traditional): 管委會副主任: 馬騰飛、楊明
    assert people("临沂高新区始终高举发展高科技的旗帜。\n管委会副主任：马腾飞、杨明。\n临沂高新区位于临沂市西南部。") == {
        "马腾飞": "管委会副主任", "杨明": "管委会副主任"}
    # a colon after a post that opens what was said or decided, no list of names: no one
    assert people("会议由局长主持。局长：王明天要把方案报上来。") == {}


def test_a_bare_gaoxinqu_joined_to_its_district_by_a_dot_is_that_zone() -> None:
    # p033: 荆门市10月份重大项目集中开工高新区·掇刀区分会场活动 (开工 right before 高新区 reads as an unknown place's name)
    tags = shared_tagger().tag("", "国际在线湖北消息：10月30日，荆门市10月份重大项目集中开工高新区·掇刀区分会场活动在长城汽车"
                                   "荆门配套零部件二区项目现场举行，总投资18.9亿元的6个重大项目集中开工。")
    assert roles(tags, "subject") == {"jingmen"}
    assert roles(shared_tagger().tag("", "高新区•掇刀区招商局举行新春推介会。"), "subject") == {"jingmen"}


def test_a_bare_gaoxinqu_of_a_visit_is_the_hosts_zone_not_the_visitors() -> None:
    # k007: the visitors' city (宝鸡, in their posts) is named nearer to the first bare 高新区 than the city the visit goes
    # to (来安康市考察); the bare 高新区 is the host's zone, as the text says later (安康高新区)
    body = ("10月15日至17日，宝鸡市政协主席白升安带领考察团一行，来安康市考察城市开发建设和物流产业发展等工作，"
            "宝鸡市政协副主席王虎贤、张望一同考察。市政协主席陈勇、副主席孟平等陪同考察。\n"
            "考察团一行深入高新区、石泉县等地进行了实地考察调研，详细了解安康高新区规划建设、产业发展等方面的情况。")
    tags = shared_tagger().tag("", body)
    assert {z.zone_id for z in tags.zones} == {"ankang"}
    # a visit to a city without a zone, or to two cities, names no host: the nearest city still decides
    body = "宝鸡市政协副主席王虎贤来石泉县考察，参观了高新区企业。"
    assert {z.zone_id for z in shared_tagger().tag("", body).zones} == {"baoji"}
    # a host receiving visitors (迎来, 受到) and a group of visitors (考察团) name no visit to the visitors' city
    body = "安康市迎来宝鸡市考察团一行。安康市副市长陪同考察团深入高新区，详细了解产业发展情况。"
    assert {z.zone_id for z in shared_tagger().tag("", body).zones} == {"ankang"}
    body = "安康市受到宝鸡市调研组的关注。安康市副市长介绍了高新区产业发展情况。"
    assert "baoji" not in {z.zone_id for z in shared_tagger().tag("", body).zones}


def test_a_city_groups_abbreviation_before_the_kind_names_each_citys_zone() -> None:
    # d040: 盟市科技局和呼包鄂三市国家级高新区汇报了工作情况 (呼和浩特, 包头, 鄂尔多斯): items of a list, no subject
    tags = shared_tagger().tag("", "座谈会上，自治区科技厅通报了全区高新区工作进展情况。盟市科技局和呼包鄂三市国家级高新区汇报了"
                                   "工作情况。")
    assert roles(tags, "mentioned") == {"jinshan", "baotouxitu", "eerduosi"} and roles(tags, "subject") == set()
    assert roles(shared_tagger().tag("", "长株潭高新区联合举办人才招聘会。"), "mentioned") == {
        "changsha", "zhuzhou", "xiangtan"}
    # the abbreviation alone (a city region), or before provincial zones: no zone
    assert shared_tagger().tag("", "长株潭城市群一体化加快推进，呼包鄂三市省级高新区参会。").zones == ()
