"""Issue 17, round 20: false subjects of the tune halves where the text itself says it is about something else
(tests/data/tagging_real README, round 20). Each rule's first test fails on main's tagger (c045a1a); the others guard
ordinary zone news the rule must leave alone."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def _roles(title: str, body: str) -> tuple[set[str], set[str]]:
    tags = shared_tagger().tag(title, body)
    return roles(tags, "subject"), roles(tags, "mentioned")


# A listed company named with its stock code opening the headline or the body (s034: 东湖高新(600133)发布公告称,
# 全资子公司中标黄冈高新区智能科技产业园…): the company's news; the zones it names are where it works, none the subject.

def test_a_listed_company_announcement_makes_no_zone_its_subject() -> None:
    subject, mentioned = _roles(
        "建设股份:全资子公司中标郑州高新区智慧产业园项目",
        "建设股份(600512)于3月6日晚间发布公告称,公司全资子公司近日收到中标通知书,中标郑州高新区智慧产业园一期"
        "工程总承包项目,中标金额约8.6亿元,工期为720日历天。")
    assert subject == set() and "zhengzhou" in mentioned


def test_a_prospectus_cover_with_its_code_names_its_address_zone_only() -> None:
    # the cover of a prospectus: the company, its code in the headline, its address in a zone (v010's kind)
    subject, mentioned = _roles(
        "科仪股份(301888):首次公开发行股票并在创业板上市招股说明书",
        "西安科仪股份有限公司 西安高新区锦业路66号 首次公开发行股票并在创业板上市 招股说明书。本次发行股票拟在创业板"
        "市场上市,该市场具有较高的投资风险。西安高新区企业众多,投资者应充分了解风险。")
    assert subject == set() and "xian" in mentioned


def test_a_zone_opening_the_headline_before_its_listed_company_keeps_the_zone() -> None:
    # the zone's news: its company listed (the zone's name comes before the code)
    subject, _ = _roles("苏州工业园区企业新锐医药(688555)登陆科创板",
                        "今天,苏州工业园区企业新锐医药在上交所科创板上市,园区上市企业达到62家。")
    assert subject == {"suzhou-sip"}


def test_a_code_later_in_the_text_keeps_the_zone_news_its_subject() -> None:
    subject, _ = _roles("东湖高新区上半年新增上市企业5家",
                        "今年上半年,东湖高新区新增上市企业5家,其中光电企业华科光电(688777)于6月登陆科创板。")
    assert subject == {"donghu"}


# A zone's brand, a direction, then a park or town word within a few characters (v001: 联投光谷东数字经济产业园, in
# 鄂州): another place named as lying that way from the brand's area, not the zone.

def test_a_park_named_east_of_a_brand_is_no_mention_of_the_zone() -> None:
    subject, mentioned = _roles(
        "两家企业落户光谷东数字经济产业园",
        "5月8日,光谷东数字经济产业园项目签约仪式在鄂州举行,两家软件企业正式落户光谷东数字经济产业园。")
    assert subject == set() and "donghu" not in mentioned


def test_a_town_named_south_of_a_brand_is_no_mention_of_the_zone() -> None:
    subject, mentioned = _roles("", "咸宁光谷南科技城今年新签约项目10个,总投资60亿元,光谷南科技城管委会负责人介绍。")
    assert subject == set() and "donghu" not in mentioned


def test_the_zones_own_parts_after_a_direction_stay_the_zone() -> None:
    # 中关村东升科技园 (东升: a town of 海淀), 中关村西城园 and 中关村西区: parks and areas of the zone itself
    for body in ("北京市委书记来到中关村东升科技园,调研园区企业复工复产情况。",
                 "中关村西城园近日举办科技成果发布会,20家企业参加。",
                 "中关村西区是中关村的核心区域,集聚了大量科技企业。"):
        subject, _ = _roles("", body)
        assert subject == {"zhongguancun"}, body


# A zone given only as an organisation's address (u034: 是位于浦东张江的中科院上海药物研究所; q029: 位于中山市火炬开发区的
# 中山市鸿瑞学校, 火炬开发区第八小学): the text is about the institute or the school; the zone is mentioned.

def test_a_zone_named_only_as_an_institutes_address_is_mentioned() -> None:
    subject, mentioned = _roles(
        "", "近日,一款国产抗病毒新药获批上市,新药的背后,是位于浦东张江的一家医药研究所。浦东生物医药产业链各环节企业"
            "也开足马力,促研发、扩生产,浦东生物医药产业已形成完整的创新链条。")
    assert subject == set() and "zhangjiang" in mentioned


def test_schools_named_with_the_zone_as_their_address_leave_the_zone_mentioned() -> None:
    subject, mentioned = _roles(
        "开学啦!中山市小学迎来入学最高峰",
        "9月1日,中山市小学迎来入学最高峰,新生入学儿童达到7万人。新学年,中山有新学校迎来开学,如火炬开发区中山市"
        "博雅学校、坦洲镇方德小学;火炬开发区第九小学通过改扩建工程完工翻新。当天上午,位于中山市火炬开发区的中山市"
        "博雅学校迎来了首批新生。")
    assert subject == set() and "zhongshanhuoju" in mentioned


def test_a_companys_address_beside_the_zones_own_news_keeps_the_zone() -> None:
    # named once more plainly: the zone's news (u007: 位于中国光谷的…公司, then 13.4万光谷企业)
    subject, _ = _roles("", "近日,位于中国光谷的一家医疗科技有限公司新产品研发取得重大进展。该公司是13.4万光谷企业中的"
                            "一员,光谷今年新增科技企业1.2万家。")
    assert subject == {"donghu"}
    subject, _ = _roles("苏州工业园区上半年新增上市企业8家",
                        "今年上半年,苏州工业园区新增上市企业8家,位于苏州工业园区的多家生物医药公司营收增长。")
    assert subject == {"suzhou-sip"}


def test_the_zone_acting_on_schools_or_its_schools_as_a_kind_stay_the_zone() -> None:
    for body in ("郑州高新区管委会到郑州外国语学校调研教育工作,听取学校发展情况汇报。",
                 "郑州高新区中小学开学工作会召开,全区学校做好开学准备。",
                 "郑州高新区组织中小学开展安全教育,覆盖学生2万人。",
                 "8月28日,郑州高新区各中小学校进行新学期报到,各校的教室和操场已经打扫得干干净净。"):
        subject, _ = _roles("", body)
        assert subject == {"zhengzhou"}, body
