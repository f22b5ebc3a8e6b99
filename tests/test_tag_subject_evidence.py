"""Issue 17, round 8: two subject rules from the tune halves of the real set (tests/data/tagging_real README, round 8),
for texts whose body alone decides (no zone in the headline or byline, no site or source zone):
- a headline naming the kind of zone (国家高新区, 国家级高新区 ...) and no zone makes the text one about the kind or a set
  of zones: the zones of its body are items or examples, mentioned;
- the zone whose leadership leads a visiting party is a subject beside the zone visited (the README's visit convention).
A third, the zones a visit to a city tours being stops, was tried and dropped (it lost as much as it won on held-out)."""

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



def test_a_possessive_before_the_kind_word_names_the_citys_own_zone() -> None:
    # 我市国家级高新区 / 本市 / 全市 / 我区: a city's paper naming its one zone by its kind; the body's zone is the subject
    body = ("记者从江门高新区获悉,江门高新区今年前三季度营业收入突破千亿元,同比增长12%。"
            "高新区管委会表示将继续推进项目建设。")
    for title in ("我市国家级高新区营收突破千亿", "本市国家高新区营收突破千亿", "全市国家高新区工作会议召开",
                  "我区国家高新区营收突破千亿"):
        assert roles(tag(body, title=title), "subject") == {"jiangmen"}, title
    # a city's name before the kind word is that city's zone in the headline already
    assert roles(tag(body, title="江门市国家高新区营收突破千亿"), "subject") == {"jiangmen"}
    # a region's or a province's (全区, 我省) are many zones: still a text about a set
    tags = tag("南宁高新区、柳州高新区、桂林高新区营收均增长,南宁高新区增幅最大。", title="全区国家高新区营收增长")
    assert roles(tags, "subject") == set()
    tags = tag(body, title="我省国家高新区营收突破千亿")
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"jiangmen"}

# a visit led by a zone's leadership -------------------------------------------------------------------------------
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
