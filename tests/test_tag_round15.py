"""Issue 17, round 15: any-zone detection (every zone a text names, subject or mention), from the any-zone
disagreements of the tune halves of the real set grouped by kind (tests/data/tagging_real README, round 15). Each test
fails on the tagger before its rule (h-tag17, 2f61d0e)."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def _zones(title: str, body: str) -> set[str]:
    tags = shared_tagger().tag(title, body)
    return roles(tags, "subject") | roles(tags, "mentioned")


def test_a_zone_named_by_the_older_or_short_forms_of_its_kind_is_found() -> None:
    # every zone, by its stem or its city: X高新技术产业园区 (the provincial form most zones grew from, and 深圳's own),
    # X高新园区, X高新开发区, X国家级高新技术产业开发区 (d008, k022, o057, q009 write them; the gazetteer listed a few)
    for text, zone in (("景德镇高新技术产业园区成立于1994年，位于西城区。", "jingdezhen"),
                       ("近日，西安高新开发区召开招商大会，签约项目32个。", "xian"),
                       ("近日，洛阳高新园区召开招商大会，签约项目32个。", "luoyang"),
                       ("武进国家级高新技术产业开发区今年新增高新技术企业120家。", "wujin"),
                       ("泰州医药高新技术产业园区新签约项目12个。", "taizhouyiyao"),
                       ("近日，长沙市高新技术产业园区召开招商大会。", "changsha")):
        assert _zones("", text) == {zone}, text


def test_a_place_without_a_national_zone_before_the_older_forms_names_none() -> None:
    # 宜都高新技术产业园区, 新昌高新园区 (a031, f053): provincial zones; 省级高新技术产业园区 is the kind
    for text in ("宜都高新技术产业园区2011年被湖北省人民政府认定为省级高新技术产业园区。",
                 "最近，新昌高新园区内国内首台智能服务机器人下线。",
                 "瑞安智能成套装备高新区被认定为首批省级高新技术产业园区。"):
        assert _zones("", text) == set(), text


def test_cities_counted_as_places_before_the_kind_each_name_their_zone() -> None:
    # s020: 分赴潍坊、长沙两地高新区考察学习 names both cities' zones, as 长治、锦州等14家高新区 does
    tags = shared_tagger().tag("", "4月14日至16日，济宁高新区党工委、管委会组团分赴潍坊、长沙两地高新区考察学习。")
    assert {"weifang", "changsha"} <= roles(tags, "mentioned")
    assert _zones("", "对标株洲、湘潭三市国家高新区的先进经验。") == {"zhuzhou", "xiangtan"}
    # a place, then 两地 in another sentence: no list
    assert _zones("", "他到过北京、上海两地。高新区发展很快，新增企业300家。") == set()


def test_a_company_named_after_a_zone_with_its_trade_between_is_no_zone() -> None:
    # s031: 广州开发区人才工作集团 is one of 17 companies a party visits, not the zone
    assert _zones("", "考察组先后考察了华为公司、腾讯公司、广州开发区人才工作集团等17家企业。") == set()
    assert _zones("", "东湖高新区科技投资集团有限公司今日成立。") == set()


def test_a_zone_then_a_company_it_deals_with_is_still_the_zone() -> None:
    # a joining or governing word between the zone and the company word: no one name
    for text in ("苏州高新区与华为集团签约，共建研发中心。", "苏州高新区引进的有限公司达到300家。",
                 "苏州高新区和中信集团签署战略合作协议。"):
        assert "suzhou" in _zones("", text), text


def test_a_zones_exhibition_hall_names_the_zone() -> None:
    # s030: a party visits 苏州工业园区展示中心 (the zone's own hall): the zone is named, a mention (a stop of the visit)
    tags = shared_tagger().tag("", "在苏期间，代表团一行先后来到苏州工业园区展示中心、苏州纳米城、平江历史文化街区等地。")
    assert roles(tags, "mentioned") == {"suzhou-sip"} and roles(tags, "subject") == set()


def test_the_district_style_and_official_torch_names_are_resolved_by_their_city() -> None:
    # 中山火炬区 / 中山市火炬区 (the district-style name of 中山's zone), 中山市火炬高技术产业开发区 (the official form after
    # a city with its 市): ambiguous like 火炬高新区, resolved by the city; alone they name no zone
    for text, zone in (("中山火炬区今年新增规上工业企业56家。", "zhongshanhuoju"),
                       ("近日，中山市火炬区召开招商大会。", "zhongshanhuoju"),
                       ("中山市火炬高技术产业开发区管委会召开会议。", "zhongshanhuoju"),
                       ("威海市火炬高技术产业开发区管委会召开会议。", "weihaihuoju")):
        assert _zones("", text) == {zone}, text
    assert _zones("", "火炬区今年新增规上工业企业56家。") == set()
    assert _zones("", "科技部火炬高技术产业开发中心主任出席会议。") == set()


def test_the_citys_own_zone_named_as_shi_gaoxinqu_after_a_joiner_or_a_verb_of_place() -> None:
    # 市高新区 in a text about one city: after 、 (市委常委、市高新区党工委书记), 在, 到, 代表 ... it is the city's zone, as it
    # is at a sentence's start or after 我市 (the labels' rule: a reader can tell which zone from the city named)
    for text in ("襄阳市召开全市工作会议。市委常委、市高新区党工委书记张三出席。",
                 "襄阳市召开全市工作会议。会议在市高新区召开。",
                 "襄阳市召开全市工作会议。张三代表市高新区发言。"):
        assert _zones("", text) == {"xiangyang"}, text


def test_shi_gaoxinqu_as_a_level_or_without_a_city_names_no_zone() -> None:
    # levels listed (国家、省、市高新区; 县区、市高新区) and each city's zones (各市高新区) are kinds; no city named: no zone (g001)
    for text in ("襄阳市推进国家、省、市高新区建设。", "襄阳市召开全市工作会议。各县（市）区、市高新区负责人参加。",
                 "全省各市高新区负责人参加会议。", "近日，市人大常委会主任周先来到市高新区调研高新技术企业发展。"):
        assert _zones("", text) == set(), text


def test_a_countys_park_named_like_its_city_is_no_national_zone() -> None:
    # review: 长沙县, 吉安县, 通化县 are counties named like the prefecture; their 高新园区 is a county or provincial park
    for text in ("7日，长沙县高新园区举行项目集中开工仪式，共有12个项目参与。",
                 "吉安县高新技术产业园区近日获评江西省优秀省级高新区。",
                 "通化县高新园区新签约项目5个。",
                 "株洲省级高新技术产业园区获批。"):
        assert _zones("", text) == set(), text
    # a county-level place whose own zone it is keeps it, whatever its suffix; a list with a count still names each
    assert _zones("", "宁乡县高新区举行开工仪式。") == {"ningxiang"}
    assert _zones("", "长治、锦州、连云港等14家高新区参加推介会。") >= {"jinzhou", "lianyungang"}


def test_a_brand_after_a_zones_name_is_a_company_the_zone_hosts() -> None:
    # review: only a company's trade (人才工作, 城市发展, 投资 …) makes a company named after the zone
    for text, zone in (("西安高新区陕鼓集团智能制造项目开工。", "xian"), ("长沙高新区三一集团项目签约。", "changsha"),
                       ("合肥高新区科大讯飞有限公司发布新品。", "hefei"), ("成都高新区企业集团化发展迈出新步伐。", "chengdu")):
        assert roles(shared_tagger().tag("", text), "subject") == {zone}, text
    assert _zones("", "广州开发区人才工作集团成立。") == set()


def test_shi_gaoxinqu_after_a_list_of_a_prefectures_places_is_the_prefectures_zone() -> None:
    # review: '浏阳市、宁乡市和市高新区' at a meeting of 长沙: the prefecture's zone, not the last place listed
    assert roles(shared_tagger().tag("", "长沙市召开优化营商环境大会。浏阳市、宁乡市和市高新区负责人作交流发言。"),
                 "subject") == {"changsha"}
    assert roles(shared_tagger().tag("", "无锡市部署安全生产工作。江阴市、宜兴市及市高新区分别汇报。"), "subject") == {"wuxi"}
    assert roles(shared_tagger().tag("", "常熟市委书记在市高新区调研。"), "subject") == {"changshu"}
