"""Issue 17, round 19: the tour convention (tests/data/tagging_real README: a zone that is one stop of a tour of three
places or more is mentioned, whoever accompanies) and the rule that reads it, `tagger._mark_tour_stops`. From the tune
halves of three batches (a014 first, k007 ninth, r029 sixteenth). Each test of a stop fails without the rule."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def _assert_only_mentioned(body: str, zone_id: str) -> None:
    tags = shared_tagger().tag("", body)
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {zone_id}


def test_a_zone_one_stop_of_a_leaders_tour_is_mentioned_though_its_secretary_accompanies() -> None:
    # a014: five stops, the zone's party secretary accompanying, a later paragraph on what was seen at that stop
    body = ("5月8日、9日，市委副书记王建国先后到滨湖度假区、潍坊高新区、奎文区、昌乐县进行调研。市委常委、潍坊高新区"
            "党工委书记刘明陪同。\n"
            "在潍坊高新区，王建国深入科技中心、光电产业园等，指出潍坊高新区在创新驱动上创造出一些好经验好做法。")
    _assert_only_mentioned(body, "weifang")


def test_a_bare_zone_among_the_stops_of_a_delegations_tour_is_mentioned() -> None:
    # k007: a city's delegation tours the host city; 高新区 (the host's, resolved by 来安康市) is one of three stops
    body = ("10月15日至17日，宝鸡市政协主席李强带领考察团一行，来安康市考察城市开发建设和物流产业发展等工作。"
            "市政协主席陈明等陪同考察。\n"
            "考察团一行深入高新区、石泉县、瀛湖生态旅游区等地进行了实地考察调研。在高新区，考察团一行调研了数字化规划展览馆，"
            "详细了解安康高新区规划建设、产业发展等方面的情况。")
    _assert_only_mentioned(body, "ankang")


def test_the_zone_as_the_last_stop_before_the_clause_ends_is_mentioned() -> None:
    # r029: 前往 A、B和<zone>, the clause ending right after the zone
    body = ("11月13日，市委副书记、市长张华带队先后前往湘潭经开区、湘潭综保区和湘潭高新区，调研园区改革和高质量发展情况。"
            "湘潭高新区党工委书记刘文参加。\n"
            "张华一行实地调研了蓝思科技、湘钢集团、湘电集团等，详细了解园区产业、企业、项目发展情况。")
    _assert_only_mentioned(body, "xiangtan")


def test_a_tour_of_places_inside_the_zone_keeps_it_the_subject() -> None:
    # i011, t002: the stops are the zone's own places (its incubator, companies in it): the visit goes to the zone
    body = ("5月19日，市长徐明在安康高新区调研时强调，要让创新成为高新区发展最重要的引擎。\n"
            "徐明一行先后来到高新区数字化创业中心、天贸物流城、安康大道人行天桥等项目工地和企业，了解项目建设进展情况。")
    assert roles(shared_tagger().tag("", body), "subject") == {"ankang"}
    # two places only: a visit to the zone and one more place, no tour of three
    body = ("6月2日，市委书记赵刚先后前往潍坊高新区和奎文区，调研项目建设情况。\n"
            "在潍坊高新区，赵刚察看了光电产业园，听取了潍坊高新区经济运行情况汇报。")
    assert roles(shared_tagger().tag("", body), "subject") >= {"weifang"}
