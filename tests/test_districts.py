"""Issue 17: the gazetteer's districts column and the district rule (高新区（江海区）names 江门高新区), and the
hosts of the websites column (a page on a zone's own site is about that zone)."""

from __future__ import annotations

import pytest

from monitor.tag.districts import district_names
from monitor.tag.gazetteer import Gazetteer, Place, Zone, load_gazetteer, load_places
from monitor.tag.tagger import ZoneTagger


@pytest.fixture(scope="module")
def tagger() -> ZoneTagger:
    return ZoneTagger()


def roles(tags, role: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {z.zone_id for z in tags.zones if z.role == role}


def _zone(zone_id: str, districts: tuple[str, ...]) -> Zone:
    return Zone(
        zone_id,
        f"{zone_id}高新技术产业开发区",
        f"{zone_id}高新区",
        (),
        "某省",
        "某市",
        None,
        "",
        districts=districts,
    )


# the column --------------------------------------------------------------------------------
def test_districts_column_is_read_and_well_formed() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.get("jiangmen").districts == ("江海区",)  # type: ignore[union-attr]
    assert gazetteer.get("wuxi").districts == ("新吴区",)  # type: ignore[union-attr]
    assert gazetteer.get("kunshan").districts == ("昆山市",)  # type: ignore[union-attr]  # from the city column
    listed = [d for z in gazetteer.zones for d in z.districts]
    # a zone whose site is a district's shared with it lies in that district (the sites session's 白碱滩区, review)
    assert gazetteer.get("kelamayi").districts == ("白碱滩区",)  # type: ignore[union-attr]
    assert listed and all(d.endswith(("区", "县", "市")) and 3 <= len(d) <= 7 for d in listed)


def test_new_hosts_name_their_zones() -> None:
    gazetteer = load_gazetteer()
    for host, zone_id in (
        ("www.yanjiao.gov.cn", "yanjiao"),
        ("fs-hitech.foshan.gov.cn", "foshan"),
        ("www.xygx.gov.cn", "xiangyang"),
        ("gxq.km.gov.cn", "kunming"),
        ("www.kmhnz.gov.cn", "kunming"),
        ("ssl.dg.gov.cn", "songshanhu"),
        ("nygxq.gov.cn", "nanyang"),
        ("gxq.yl.gov.cn", "yulin"),
        ("gxq.xianyang.gov.cn", "xianyang"),
        ("www.duodao.gov.cn", "jingmen"),
        ("tzgxq.taizhou.gov.cn", "taizhouyiyao"),
        ("yygxq.yiyang.gov.cn", "yiyang"),
    ):
        assert gazetteer.zone_for_host(host).id == zone_id, host  # type: ignore[union-attr]
    # the city portals those sites sit under are not the zones'
    for host in (
        "www.foshan.gov.cn",
        "www.km.gov.cn",
        "km.gov.cn",
        "www.dg.gov.cn",
        "dg.gov.cn",
        "www.yl.gov.cn",
    ):
        assert gazetteer.zone_for_host(host) is None, host


# the names the rule adds -------------------------------------------------------------------
def test_district_forms_name_the_zone() -> None:
    names = district_names(load_gazetteer(), load_places())
    assert names["高新区(江海区)"] == names["高新区(江海)"] == names["江海区(高新区)"] == "jiangmen"
    assert names["国家高新区(江海区)"] == names["江海区高新区"] == "jiangmen"
    assert names["新吴区(高新区)"] == "wuxi" and names["高新区(滨江)"] == "hangzhou"
    assert names["高新区(掇刀区)"] == names["掇刀区高新区"] == "jingmen"
    # a district that is already a place (三河, 昆山: a place before 高新区 names its zone there) adds nothing
    assert not any("三河" in key or "昆山" in key for key in names)


def test_a_district_under_two_zones_names_neither() -> None:
    gazetteer = Gazetteer([_zone("a", ("东城区",)), _zone("b", ("东城区",)), _zone("c", ("西湖区",))])
    names = district_names(gazetteer, [Place("西湖", "某省", "某市", "", False)])
    assert names == {}  # 东城区 is shared; 西湖 is a place
    names = district_names(Gazetteer([_zone("c", ("西湖区",)), _zone("d", ("新区",))]), [])
    assert names["高新区(西湖区)"] == names["高新区(西湖)"] == "c"
    assert "高新区(新)" not in names and names["高新区(新区)"] == "d"  # a one-character stem is no name


# the rule on real-looking text ---------------------------------------------------------------
def test_zone_signing_with_its_district_is_the_subject(tagger: ZoneTagger) -> None:
    body = (
        "南都讯 记者昨日从高新区（江海区）科技局了解到，今年该区新认定国家高新技术企业21家，"
        "高新区综合服务中心将打包申报国家级孵化器。"
    )
    tags = tagger.tag("高新区今年新增21家国家高企", body)
    assert roles(tags, "subject") == {"jiangmen"}
    tags = tagger.tag("新吴区（高新区）召开2024年招商引资工作会议", "会议总结了全区一季度重点项目推进情况。")
    assert roles(tags, "subject") == {"wuxi"}
    tags = tagger.tag("", "4月8日，高新区(滨江)举行数字经济项目集中签约仪式，12个项目落户物联网街道。")
    assert roles(tags, "subject") == {"hangzhou"}


def test_the_district_alone_or_another_district_names_no_zone(tagger: ZoneTagger) -> None:
    assert tagger.tag("江海区召开安全生产工作会议", "江海区各街道负责人参加会议。").zones == ()
    # a district the gazetteer does not list: its 高新区 is some other zone, not one of ours
    tags = tagger.tag("", "雨湖区高新区管委会与当地高校签约共建产学研基地，雨湖区高新区将提供场地。")
    assert tags.zones == ()
    # the district's own government, not the zone: 江海区人民政府 names no zone
    assert tagger.tag("", "江海区人民政府召开常务会议，研究部署民生实事。").zones == ()
