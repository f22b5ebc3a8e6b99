"""Issue 17, round 19: the tour convention (tests/data/tagging_real README: a zone that is one stop of a tour of three
places or more is mentioned, whoever accompanies) and the rule that reads it, `tagger._mark_tour_stops`. From the tune
halves of three batches (a014 first, k007 ninth, r029 sixteenth). Each test of a stop fails without the rule.

The review of the rule (round 19, fixtour): each test below the first four fails on the rule as first written (h-tag19)
and passes after: the list counted up to its own end, not the clause's; officials named after the tour keep their zone;
no stop without a visitor, nor in a tour of the zone's own places; plain news of the zone after the tour stays the zone's;
each zone judged once."""

from __future__ import annotations

import pytest

from monitor.tag import tagger as tagger_module
from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def _assert_only_mentioned(body: str, zone_id: str, people: dict[str, str | None] | None = None) -> None:
    tags = shared_tagger().tag("", body)
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {zone_id}
    if people is not None:
        assert {p.name: p.zone_id for p in tags.people} == people


def _subjects(body: str) -> set[str]:
    return roles(shared_tagger().tag("", body), "subject")


def test_a_zone_one_stop_of_a_leaders_tour_is_mentioned_though_its_secretary_accompanies() -> None:
    # a014: five stops, the zone's party secretary accompanying, a later paragraph on what was seen at that stop
    body = ("5月8日、9日，市委副书记王建国先后到滨湖度假区、潍坊高新区、奎文区、昌乐县进行调研。市委常委、潍坊高新区"
            "党工委书记刘明陪同。\n"
            "在潍坊高新区，王建国深入科技中心、光电产业园等，指出潍坊高新区在创新驱动上创造出一些好经验好做法。")
    # the zone's secretary, named after the stop, is still that zone's official
    _assert_only_mentioned(body, "weifang", {"王建国": None, "刘明": "weifang"})


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
    _assert_only_mentioned(body, "xiangtan", {"张华": None, "刘文": "xiangtan"})


def test_a_tour_of_places_inside_the_zone_keeps_it_the_subject() -> None:
    # i011, t002: the stops are the zone's own places (its incubator, companies in it): the visit goes to the zone
    body = ("5月19日，市长徐明在安康高新区调研时强调，要让创新成为高新区发展最重要的引擎。\n"
            "徐明一行先后来到高新区数字化创业中心、天贸物流城、安康大道人行天桥等项目工地和企业，了解项目建设进展情况。")
    assert roles(shared_tagger().tag("", body), "subject") == {"ankang"}
    # two places only: a visit to the zone and one more place, no tour of three
    body = ("6月2日，市委书记赵刚先后前往潍坊高新区和奎文区，调研项目建设情况。\n"
            "在潍坊高新区，赵刚察看了光电产业园，听取了潍坊高新区经济运行情况汇报。")
    assert roles(shared_tagger().tag("", body), "subject") >= {"weifang"}


# the review's cases -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "zone_id"), [
    # the zone is the one place visited: what follows the verb's zone is what was looked at, not more stops
    ("3月5日，省委书记王忠林深入东湖高新区调研光电子信息、生物医药和人工智能等产业发展情况。他强调，东湖高新区要勇当"
     "科技自立自强排头兵。\n王忠林一行来到华为武汉研究所，详细了解企业研发情况。", "donghu"),
    ("6月12日上午，市委书记陈飞前往青岛高新区考察了海尔、海信和澳柯玛等企业的研发中心，并召开座谈会。\n陈飞指出，"
     "青岛高新区要聚焦主导产业，加快培育新动能。", "qingdao"),
    ("5月20日，市长李华深入潍坊高新区实地察看光电产业园、歌尔智慧城和潍柴新能源动力产业园项目建设。\n李华强调，"
     "潍坊高新区要抢抓机遇，加快项目建设。", "weifang"),
    ("6月2日，市委书记赵刚前往潍坊高新区调研项目建设和招商引资及营商环境工作。\n赵刚察看了光电产业园，听取了潍坊"
     "高新区经济运行情况汇报。", "weifang"),
    # two places, then what is looked at: no comma needed to end the list (the old rule counted to the comma: three)
    ("6月2日，市委书记赵刚先后前往潍坊高新区和奎文区调研项目建设、招商引资情况。\n在潍坊高新区，赵刚察看了光电产业园，"
     "听取了潍坊高新区经济运行情况汇报。", "weifang"),
], ids=["industries-after-调研", "companies-after-考察", "parks-after-实地察看", "work-after-调研", "two-places"])
def test_the_list_of_stops_ends_at_its_last_place_not_at_the_clauses_end(body: str, zone_id: str) -> None:
    assert _subjects(body) == {zone_id}


def test_every_joiner_of_places_counts_and_the_zones_official_keeps_the_zone() -> None:
    # 与 and 以及 join places as 和 does; 陈飞 named after the tour is the stop's official
    _assert_only_mentioned("5月8日，市委副书记王建国先后到滨湖度假区、潍坊高新区与奎文区，调研重点项目。\n"
                           "潍坊高新区管委会主任陈飞陪同。", "weifang", {"王建国": None, "陈飞": "weifang"})
    _assert_only_mentioned("5月8日，市委副书记王建国一行先后到滨湖度假区、潍坊高新区以及奎文区调研。", "weifang")


@pytest.mark.parametrize(("body", "zone_id"), [
    # the zone and places inside it: an inspection of the zone (辖区; the zone's name again in another item)
    ("近日，安阳市应急管理局督导组深入高新区及辖区企业、建筑工地、商场超市开展安全生产大检查。\n督导组查阅了企业"
     "安全台账。安阳高新区管委会副主任牛福生陪同检查。", "anyang"),
    ("9月3日，市委书记张强带队先后到安康高新区、高新区数字经济产业园和安康大道项目工地调研。\n张强强调，安康高新区"
     "要加快构建现代产业体系。", "ankang"),
    # no visitor before the verb: commuters are going to work, not touring
    ("每天早上，数万名上班族乘地铁前往中关村、上地和望京等地上班。中关村管委会表示，将会同交通部门优化中关村地区通勤。"
     "\n今年以来，中关村示范区新增企业1.2万家。", "zhongguancun"),
    # 深入 as an adverb: a task, not a tour
    ("3月5日，市委书记李强在全市开发区工作会议上强调，要深入推进经开区、潍坊高新区和综保区协同发展。\n会议还研究了其他"
     "事项。", "weifang"),
], ids=["辖区", "the-zone-again", "commuters", "深入-as-adverb"])
def test_no_stop_in_a_tour_of_the_zones_own_places_without_a_visitor_or_without_a_tour(body: str, zone_id: str) -> None:
    assert _subjects(body) == {zone_id}


def test_plain_news_of_a_stop_after_the_tour_is_not_the_tour_going_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tour's own sentences (在株洲高新区, the visitor named) are list items; the zone's figures are news of the zone
    marked: list[list[tuple[str, str, int]]] = []
    mark = tagger_module._mark_tour_stops

    def kept(*args):  # type: ignore[no-untyped-def]
        marked.append(mark(*args))
        return marked[-1]

    monkeypatch.setattr(tagger_module, "_mark_tour_stops", kept)
    body = ("4月10日，市长赵亮先后前往株洲高新区、天元区和渌口区，调研制造业高质量发展。\n在株洲高新区，赵亮察看了中车"
            "株洲所新产业园，听取株洲高新区工作汇报。\n株洲高新区今年上半年GDP增长9.1%，规上工业增加值增长11.2%。"
            "株洲高新区新签约项目42个。")
    assert _subjects(body) == {"zhuzhou"}
    assert [section for zone_id, section, _ in marked[-1] if zone_id == "zhuzhou"] == ["list"] * 3 + ["body"] * 2


def test_a_zone_is_judged_once_however_often_it_follows_a_tours_verb(monkeypatch: pytest.MonkeyPatch) -> None:
    # 100 KB of tour paragraphs: each zone's stop is read once (and each sentence once), not once per mention
    calls: list[int] = []
    stop_count = tagger_module._stop_count

    def counted(*args):  # type: ignore[no-untyped-def]
        calls.append(args[2])
        return stop_count(*args)

    monkeypatch.setattr(tagger_module, "_stop_count", counted)
    unit = "6月2日，市委书记赵刚前往潍坊高新区和奎文区考察。市领导深入潍坊高新区、奎文区和坊子区调研。\n"
    shared_tagger().tag("", unit * (100_000 // len(unit)))
    assert len(calls) == 1
