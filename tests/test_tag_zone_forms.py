"""Issue 17, round 10: forms of a zone's name the gazetteer's aliases miss, a company named after a zone, and a rarer
surname, from the tune halves of the real set (tests/data/tagging_real README, round 10). Each test fails on the tagger
before round 10 (ac990ad)."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tag_people_rules import people


def zones(title: str, body: str) -> set[str]:
    return {z.zone_id for z in shared_tagger().tag(title, body).zones}


def test_guojia_inserted_into_any_alias_of_the_zone() -> None:
    # o034 (xiuzhou.gov.cn): 秀洲国家高新区, the alias 秀洲高新区 with 国家 (the short name is 嘉兴高新区)
    assert zones("", "二、活力开放的国家级高新区。秀洲国家高新区是嘉兴市唯一一个国家级高新技术产业开发区。") == {"jiaxing"}
    # the other usual forms of an alias (浑南高新区 -> 浑南国家高新区, 浑南高新技术产业开发区)
    assert zones("", "会议在浑南国家高新区召开，浑南高新技术产业开发区相关负责人参加。") == {"shenyang"}


def test_guojia_between_the_city_and_the_zone_kind() -> None:
    # o053: 泰州国家医药高新技术产业开发区 (泰州医药高新区 with 国家 after its city)
    body = "园区介绍\n泰州国家医药高新技术产业开发区,是当今中国唯一的国家级医药高新区。"
    assert zones("", body) == {"taizhouyiyao"}
    assert zones("", "泰州医药城又名中国医药城、泰州国家医药高新区。") == {"taizhouyiyao"}
    assert zones("", "包头国家稀土高新区企业数量持续增长。") == {"baotouxitu"}


def test_gaoxin_before_the_zone_s_district() -> None:
    # h031: 高新江海区 (江门高新区, which shares its administration with 江海区)
    body = "新年伊始，江门市江海区已是一片热火朝天的奋进图景。\n1月15日，高新江海区产业共享展厅气氛热烈。"
    assert zones("", body) == {"jiangmen"}
    assert zones("", "如今，桂林高新七星区再度掀起了新一轮产业发展热潮。") == {"guilin"}
    # the district alone is still no zone
    assert zones("", "江门市江海区举行重点项目集中推进交流会。") == set()


def test_a_company_named_after_the_zone_is_no_mention() -> None:
    # l028, o018: 中关村信息谷 (a company that runs parks in other cities), as 中关村发展集团 is
    body = "四川绵阳工业园区2023年3月8日正式揭牌。联动中关村信息谷、中科(绵阳)创新园等15个平台，组建创新平台联盟。"
    assert zones("绵阳工业园区:全面建设千亿级现代化园区", body) == set()
    # the zone itself, named beside it, still counts
    assert "zhongguancun" in zones("", "中关村管委会与中关村信息谷签署协议，推动中关村示范区协同创新。")


def test_bao_is_a_surname() -> None:
    # o018: 南通开发区党工委书记保德林介绍说
    found = people("“我们要主动策应。”市人大常委会副主任、南通开发区党工委书记保德林介绍说。")
    assert found == {"保德林": "市人大常委会副主任、南通开发区党工委书记"}
    # a verb starting with 保 after a post is no name
    assert people("要求各级党委书记保持清醒头脑，切实保障民生。") == {}


def test_cities_listed_beside_zone_names_are_their_zones() -> None:
    # n005: 西安、武汉东湖、成都位居前10 (武汉东湖: the city and the zone's stem); 中关村、深圳、上海张江等
    body = ("从首次公布的国家高新区综合评价前50榜单看，中西部园区追赶势头强劲，西安、武汉东湖、成都位居前10。"
            "头部园区示范引领作用突出，中关村、深圳、上海张江等在综合评价、工业总产值等方面领先。")
    assert zones("", body) == {"xian", "donghu", "chengdu", "zhongguancun", "shenzhen", "zhangjiang"}
    # a list of cities with no zone name among them names no zone
    assert zones("", "企业分别来自西安、武汉、成都等城市。") == set()
    # nor does a list of two
    assert zones("", "深圳、中关村的企业参加了展会。") == {"zhongguancun"}
    # b009: the last item is a longer name (重庆两江新区: another kind of zone), not the city's zone
    body = "由上海市张江高新区联合南京高新区、合肥高新区、武汉东湖高新区、重庆两江新区共同发起的联盟日前成立。"
    assert zones("", body) == {"zhangjiang", "nanjing", "hefei", "donghu"}
