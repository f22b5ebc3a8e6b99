"""Issue 17, round 20: false subjects of the tune halves where the text itself says it is about something else
(tests/data/tagging_real README, round 20). Each rule's first test fails on main's tagger (c045a1a); the others guard
ordinary zone news the rule must leave alone."""

from __future__ import annotations

import pytest

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def _roles(title: str, body: str) -> tuple[set[str], set[str]]:
    tags = shared_tagger().tag(title, body)
    return roles(tags, "subject"), roles(tags, "mentioned")


# A listed company named with its stock code opening the headline or the body, under a headline naming no zone (the
# kind of s034: 东湖高新(600133)发布公告称,全资子公司中标黄冈高新区智能科技产业园…, though s034's own headline names the
# zone and stays a miss): the company's news; the zones it names are where it works, none the subject.

def test_a_listed_company_announcement_makes_no_zone_its_subject() -> None:
    subject, mentioned = _roles(
        "建设股份:全资子公司中标8.6亿元智慧产业园项目",
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


# A zone's brand, a direction, then a park or town word within a few characters, in a text naming a city other than the
# zone's (v001: 联投光谷东数字经济产业园, in 鄂州, its companies from 重庆): another place named as lying that way from the
# brand's area; the zone is mentioned, not the subject.

def test_a_park_named_east_of_a_brand_leaves_the_zone_mentioned() -> None:
    subject, mentioned = _roles(
        "两家企业落户光谷东数字经济产业园",
        "5月8日,光谷东数字经济产业园项目签约仪式在鄂州举行,来自重庆的两家软件企业正式落户光谷东数字经济产业园。")
    assert subject == set() and "donghu" in mentioned


def test_a_town_named_south_of_a_brand_leaves_the_zone_mentioned() -> None:
    subject, mentioned = _roles("", "咸宁光谷南科技城今年新签约项目10个,总投资60亿元,光谷南科技城管委会负责人介绍。")
    assert subject == set() and "donghu" in mentioned


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


# Review of round 20: ordinary zone news keeps its subject under the three rules (each row is the zone's subject on
# main's tagger and was taken away by the round's first version of the rules).

# a zone in the headline, codes as items of a list, a bare 高新区 before the code, a postal code
_REVIEW_COMPANY_ROWS = (
    ("东湖高新区再添一家国家级单项冠军企业",
     "长飞光纤光缆股份有限公司(601869)近日入选工信部第八批制造业单项冠军企业名单。截至目前,东湖高新区国家级单项冠军"
     "企业已达15家,数量居全省第一。东湖高新区将持续支持企业做强主业。", "donghu"),
    ("东湖高新区召开上市企业座谈会",
     "3月5日,长飞光纤(601869)、华工科技(000988)等20家上市企业负责人齐聚光谷,参加东湖高新区上市企业座谈会。东湖"
     "高新区管委会主任张三出席并讲话,他表示,东湖高新区将进一步优化营商环境,支持企业做大做强。", "donghu"),
    ("西安高新区:隆基绿能刷新电池效率世界纪录",
     "隆基绿能(601012)4月3日宣布,其自主研发的晶硅-钙钛矿叠层电池效率达到34.6%。作为西安高新区的龙头企业,隆基绿能"
     "近年来研发投入持续增长。西安高新区表示,将持续支持光伏产业发展。", "xian"),
    ("西安高新区上市企业达到60家",
     "本报讯 3月8日,陕西源杰半导体(688498)在科创板上市。至此,西安高新区上市企业达到60家,西安高新区管委会主任出席"
     "仪式并致辞。", "xian"),
    ("苏州工业园区第58家上市企业诞生",
     "3月8日,迈为科技(300751)在深交所创业板上市,成为苏州工业园区第58家上市企业。苏州工业园区管委会副主任出席上市"
     "仪式。", "suzhou-sip"),
    ("中关村上市公司总市值突破10万亿元",
     "京东方(000725)、小米(01810.hk)等龙头领跑,截至6月底,中关村示范区上市公司达480家,总市值突破10万亿元。中关村"
     "管委会表示将继续推动企业上市。", "zhongguancun"),
    ("新易盛(300502)落户成都高新区 投资30亿元建设光模块基地",
     "3月8日,成都高新区与新易盛签署投资协议,项目总投资30亿元。成都高新区管委会主任出席签约仪式。", "chengdu"),
    ("长飞光纤(601869)等12家企业入选 东湖高新区数量居全省第一",
     "日前,工信部公布第八批制造业单项冠军企业名单,湖北省共有25家企业入选,其中东湖高新区12家,数量居全省第一。东湖"
     "高新区管委会相关负责人表示,将持续培育单项冠军。", "donghu"),
    ("成都高新区企业登陆科创板",
     "高新区企业迈为科技(300751)今日在科创板上市,成为成都高新区第20家上市企业。成都高新区管委会出席上市仪式。",
     "chengdu"),
    ("关于征集2024年度科技项目的通知",
     "地址:锦业路1号(710075)。西安高新区管委会各部门、区内各企业:为推动西安高新区科技创新,现征集2024年度科技项目。",
     "xian"),
    # each refusal alone, under a headline naming no zone: a postal code in an exchange's form after an address, codes
    # listed, a bare 高新区 before the code, 园区 in the headline
    ("关于征集2024年度科技项目的通知",
     "地址:关山大道1号(430074)。东湖高新区管委会各部门、区内各企业:为推动东湖高新区科技创新,现征集2024年度科技项目。",
     "donghu"),
    ("上市企业座谈会召开",
     "3月5日,长飞光纤(601869)、华工科技(000988)等20家上市企业负责人齐聚光谷,参加东湖高新区上市企业座谈会。东湖高新区"
     "管委会主任张三出席并讲话,他表示,东湖高新区将进一步优化营商环境。", "donghu"),
    ("又一家企业登陆科创板",
     "高新区企业迈为科技(300751)今日在科创板上市,成为成都高新区第20家上市企业。成都高新区管委会出席上市仪式。", "chengdu"),
    ("园区企业上市再添一家",
     "3月8日,迈为科技(300751)在深交所创业板上市,成为苏州工业园区第58家上市企业。苏州工业园区管委会副主任出席上市"
     "仪式。近年来,苏州工业园区持续完善企业上市培育体系。", "suzhou-sip"),
)


_REVIEW_BRAND_ROWS = (
    ("光谷北斗产业园再添10家企业", "3月6日,光谷北斗产业园举行集中签约仪式,10家北斗导航企业入驻,园区企业总数达到120家。",
     "donghu"),
    ("中关村北斗产业园开园", "近日,中关村北斗产业园正式开园,首批30家北斗企业入驻。", "zhongguancun"),
    ("中关村西三旗产业园开园", "近日,中关村西三旗产业园开园,首批企业入驻。", "zhongguancun"),
    ("张江南区产业园招商推介会举行", "日前,张江南区产业园招商推介会在上海举行,吸引百余家企业参加。", "zhangjiang"),
    ("张江东区新城建设提速", "张江东区新城建设提速,今年将新开工项目20个。", "zhangjiang"),
    # 左岭街道 is inside 东湖高新区: 光谷东科技城 is the zone's own town
    ("光谷东科技城项目集中开工", "3月10日,光谷东科技城举行重点项目集中开工仪式,20个项目总投资300亿元。光谷东科技城位于"
     "左岭街道,规划面积50平方公里。", "donghu"),
)


# a verb, a time or a count after the zone (新建学校12所, 现有小学45所, 首届中学生), a list of its schools, its enterprises
_REVIEW_ADDRESS_ROWS = (
    ("新增学位2万个 缓解入学难", "今年,成都高新区新建学校12所,新增学位2万个,有效缓解入学难问题。", "chengdu"),
    ("优质教育资源持续扩容", "西安高新区现有小学45所、中学20所,在校学生超过12万人。", "xian"),
    ("首届中学生运动会开幕", "4月10日,成都高新区首届中学生运动会开幕,全区30所学校的2000余名运动员参赛。", "chengdu"),
    ("学位供给持续扩大", "苏州工业园区今年开办学校8所,新增学位1.2万个。", "suzhou-sip"),
    ("教育集团化办学再提速",
     "9月1日,成都高新区第一中学、成都高新区实验小学等5所学校新校区同步启用,新增学位6000个。", "chengdu"),
    ("高新技术企业突破1.5万家",
     "记者从成都市科技局获悉,截至2023年底,位于成都高新区的高新技术企业已突破1.5万家,较上年增长20%。", "chengdu"),
    ("生物医药产业营收增长30%",
     "今年上半年,位于东湖高新区的生物医药企业营收增长30%,位于东湖高新区的医疗器械企业营收增长25%,产业规模持续扩大。",
     "donghu"),
)

_REVIEW_ROWS = (*(("company", row) for row in _REVIEW_COMPANY_ROWS), *(("brand", row) for row in _REVIEW_BRAND_ROWS),
                *(("address", row) for row in _REVIEW_ADDRESS_ROWS))


@pytest.mark.parametrize(("title", "body", "zone_id"), [row for _, row in _REVIEW_ROWS],
                         ids=[f"{rule}{i}" for i, (rule, _) in enumerate(_REVIEW_ROWS)])
def test_review_ordinary_zone_news_keeps_its_subject(title: str, body: str, zone_id: str) -> None:
    subject, _ = _roles(title, body)
    assert subject == {zone_id}
