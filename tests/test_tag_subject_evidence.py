"""Issue 17, round 8: two general subject rules from the tune halves of the real set (tests/data/tagging_real README,
round 8). When the body alone decides (no zone in the headline or byline, no site or source zone):
- a headline naming the kind of zone (国家高新区, 国家级高新区 ...) and no zone makes the text one about the kind or a set
  of zones: the zones of its body are items or examples, mentioned;
- a visit whose destination is a city or another place, not a zone, makes the zones it tours stops, mentioned, unless an
  official of the zone is named (the zone receives the visitors, or its leadership leads them): the README's visit
  convention."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def tag(*parts: str, title: str = "", url: str | None = None):  # type: ignore[no-untyped-def]
    return shared_tagger().tag(title, "".join(parts), url=url)


# a headline about the kind of zone -------------------------------------------------------------------------------
def test_a_headline_naming_the_kind_of_zone_makes_the_body_zones_items() -> None:
    # n037, n036, n005: how many zones a province has, a ranking's news; the one zone named in the lead is an item
    body = ("湖北目前共有12个国家级高新区,分别是武汉东湖、襄阳、宜昌、孝感、荆门等。东湖高新区是湖北最早获批的,"
            "成立于1988年。其他高新区多在2010年后陆续获批,成为当地经济发展的重要引擎。")
    tags = tag(body, title="湖北有多少个国家级高新区?")
    assert roles(tags, "subject") == set() and "donghu" in roles(tags, "mentioned")
    tags = tag("在工信部举行的新闻发布会上,火炬中心负责人表示,中关村、深圳、上海张江等在综合评价中位居前列,"
               "东湖高新区的工业总产值增长较快。", title="工信部:中西部国家级高新区追赶势头强劲")
    assert roles(tags, "subject") == set() and {"zhongguancun", "donghu"} <= roles(tags, "mentioned")


def test_the_kind_in_a_headline_with_a_zone_or_on_a_zone_site_changes_nothing() -> None:
    # the headline names a zone too: that zone stays the subject
    tags = tag("2月28日,国务院正式批复怀化高新区升级为国家高新区。", title="怀化高新区升级为国家高新区")
    assert roles(tags, "subject") == {"huaihua"}
    # the same kind of headline without the zone: the body's one zone no longer becomes the subject
    tags = tag("2月28日,国务院正式批复怀化高新区升级为国家高新区。", title="湖南再添一家国家高新区")
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"huaihua"}
    # on a zone's own site the page is about that zone whatever its headline says
    tags = tag("会议传达了全国国家高新区工作会议精神,部署全年工作。", title="国家高新区工作会议精神传达会召开",
               url="https://www.cdht.gov.cn/cdht/c1/2024/1.shtml")
    assert roles(tags, "subject") == {"chengdu"}


# a visit to a city, and the zones it tours -------------------------------------------------------------------------
def test_a_zone_toured_on_a_visit_to_a_city_is_one_stop() -> None:
    # k007, k006: the party comes to the city; the zone is one stop among a county and a scenic area
    tags = tag(
        "10月15日至17日,汉中市政协主席张某带领考察团一行,来安康市考察城市开发建设和生态环境保护等工作,"
        "市政协主席陈某陪同考察。\n考察团一行深入安康高新区、石泉县、瀛湖生态旅游区等地进行了实地考察调研,"
        "详细了解安康高新区规划建设、产业发展等方面的情况。"
    )
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"ankang"}
    # h028: a city bureau's party 来绵 (the city's short name) tours a museum and the zone's business centre
    tags = tag(
        "8月24日,某市科学技术局局长王某率考察组来绵,就争创国家级高新区进行调研。市科技局局长李某参加有关活动。\n"
        "王某一行先后实地考察了科技城创新馆和绵阳高新区创业服务中心,听取了绵阳高新区运营发展有关情况介绍。"
    )
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"mianyang"}


def test_a_visit_to_the_zone_or_received_by_its_officials_keeps_the_zone() -> None:
    # d046: the party goes to the zone (赴咸阳高新区), received by the zone's officials
    tags = tag(
        "5月17日,某县党政代表团赴咸阳高新区考察学习。咸阳高新区党工委副书记、管委会主任景某陪同考察。\n"
        "考察团一行先后来到隆基项目、咸阳高新区规划展览馆等地,实地考察学习咸阳高新区的先进经验。"
    )
    assert roles(tags, "subject") == {"xianyang"}
    # h017: the party goes to the city, but the talks are held with the zone's officials
    tags = tag(
        "1月13日,我院李院长一行赴宝鸡市开展调研交流活动,先后走访了宝钛集团、宝鸡机床等企业。\n"
        "调研后,交流座谈会在宝鸡高新区管委会召开,宝鸡高新区管委会副主任刘建军参加座谈会。"
        "双方重点围绕宝鸡高新区“十五五”规划进行交流探讨。"
    )
    assert roles(tags, "subject") == {"baoji"}
    # a003: the zone's own leadership leads the party elsewhere: its zone stays
    tags = tag(
        "日前,哈尔滨高新区管委会常务副主任钟利一行来深汕特别合作区考察,了解合作区管理体制机制、招商引资等情况。\n"
        "会见中,产耀东说,哈尔滨高新区作为哈尔滨市的国家级高新区,拥有雄厚的工业基础。"
    )
    assert roles(tags, "subject") == {"haerbin"}
    # the text speaks as the zone visited (来我区) on a page naming the zone: unchanged
    tags = tag("7月31日上午,某经开区管委会主任带队,一行60余人来我区交流考察。"
               "考察团对新乡高新区在产业培育上的做法给予高度评价,新乡高新区相关负责人陪同。")
    assert roles(tags, "subject") == {"xinxiang"}


def test_the_zone_whose_leadership_leads_a_visit_to_another_zone_is_a_subject_too() -> None:
    # d046: both zones act, the visitors' (its party secretary leads them) and the hosts'
    tags = tag(
        "5月17日,渭南高新区党工委书记、管委会主任薛某带领考察团赴咸阳高新区考察学习。"
        "咸阳高新区党工委副书记、管委会主任景某,党工委委员、管委会副主任毛某陪同考察。\n"
        "考察团一行先后来到隆基项目、咸阳高新区大数据产业孵化基地和咸阳高新区规划展览馆等地,"
        "实地考察学习咸阳高新区在招商引资、项目建设等方面的先进经验做法。"
    )
    assert roles(tags, "subject") == {"weinan", "xianyang"}
    # a member's post in another body's party is no lead: a roll of officials, the zone named once in one of them
    tags = tag(
        "5月17日,某市政协主席王某带领考察团赴咸阳高新区考察学习,市政协副主席李某、渭南高新区管委会副主任张某、"
        "市发改委主任赵某一同考察。咸阳高新区党工委副书记、管委会主任景某陪同考察。\n"
        "考察团一行先后来到咸阳高新区大数据产业孵化基地和咸阳高新区规划展览馆等地。"
    )
    assert roles(tags, "subject") == {"xianyang"} and roles(tags, "mentioned") == {"weinan"}
