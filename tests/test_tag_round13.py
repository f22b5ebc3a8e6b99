"""Issue 17, round 13: rules from the tune halves of the real set after the sixteenth batch (tests/data/tagging_real
README, round 13), chosen by their effect out of fold: a zone named once in a text about its city. Each test fails on
the tagger before round 13 (b651636)."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def test_a_zone_named_once_in_a_text_about_its_city_is_mentioned() -> None:
    # r005, k006, h033: the city is what the text is about (稀土之都, a city's tour, a city's project news); its zone is named
    # once, in passing, in the lead
    body = ("稀土储量占全国的八成以上，拥有全国唯一以稀土冠名的国家级高新区——包头稀土高新区。近年来，包头被命名为“稀土之都”。\n"
            "包头之所以被称为“稀土之都”，是因为白云鄂博矿的存在。为促进产业升级，包头市设立了稀土产品升级投资基金。")
    tags = shared_tagger().tag("", body)
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"baotouxitu"}


def test_a_zone_named_twice_or_its_city_twice_stays_the_subject() -> None:
    # the same text naming the zone twice: it is what the text is about
    body = ("稀土储量占全国的八成以上，拥有全国唯一以稀土冠名的国家级高新区——包头稀土高新区。近年来，包头被命名为“稀土之都”。\n"
            "包头稀土高新区之所以闻名，是因为白云鄂博矿的存在。为促进产业升级，包头市设立了稀土产品升级投资基金。")
    assert roles(shared_tagger().tag("", body), "subject") == {"baotouxitu"}
    # the city named twice on its own: not enough to say the text is about the city
    body = ("3月5日，包头稀土高新区举行重点项目集中开工仪式，12个项目总投资86亿元。\n"
            "项目涵盖稀土永磁、储氢材料等领域，建成后将带动包头稀土产业链延伸，助力包头建设世界级稀土产业基地。")
    assert roles(shared_tagger().tag("", body), "subject") == {"baotouxitu"}
    # the city right before another kind of zone (包头经开区) or a bare 高新区 does not count as the city on its own
    body = ("3月5日，包头稀土高新区举行重点项目集中开工仪式，包头经开区、包头市高新区企业代表和包头市有关部门参加。\n"
            "项目涵盖稀土永磁、储氢材料等领域，建成后将带动包头稀土产业链延伸。")
    assert roles(shared_tagger().tag("", body), "subject") == {"baotouxitu"}


def test_a_zone_opening_the_lead_stays_the_subject_of_a_text_naming_its_city_and_its_offices() -> None:
    # review: an ordinary zone report names the zone once in full, then 该区, the city's leaders and the city's economy;
    # neither the zone opening the lead nor the city in its offices' titles makes it a text about the city
    body = ("3月1日，洛阳高新区一季度重大项目集中开工，共有12个项目参与。洛阳市委书记江凌出席开工仪式并宣布开工。\n"
            "该区今年将实施重点项目50个，涵盖洛阳主导产业的各个领域，为洛阳经济发展注入新动能。")
    assert roles(shared_tagger().tag("项目集中开工", body), "subject") == {"luoyang"}
    # the city's offices alone do not make three mentions of the city on its own
    body = ("今年以来，全市招商引资成效明显，其中洛阳高新区新签约项目18个。\n"
            "洛阳市委书记江凌、洛阳市长徐衣显出席签约仪式，洛阳市政府有关负责人介绍了项目情况。")
    assert roles(shared_tagger().tag("项目签约", body), "subject") == {"luoyang"}
