"""Issue 17, seventh session: false subjects from the tune half of the tenth batch (and earlier tune halves) — the
other party of a zone's agreement, a park named after a place and a zone, a list of places each with its district —
and a zone site that says only 高新区 (its host added to the gazetteer). Each case: title, body, page URL, the
subjects and the mentioned zones expected."""

from __future__ import annotations

import pytest

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles

CASES = {
    # l040: a Xinjiang zone's pairing with an inland zone, told by the Xinjiang side, in the headline and the body
    "partner of an agreement": (
        "石河子高新区参加交流会并与大连高新区举行合作共建签约仪式",
        "8月8日，新疆国家高新区跨区域合作交流会在乌鲁木齐召开。石河子高新区党工委委员、管委会副主任李世平与"
        "大连高新区党工委委员、管委会副主任国翔宇分别代表两地高新区签署了合作共建协议。双方将在产业合作等领域开展合作。",
        None, {"shihezi"}, {"dalian"}),
    # a company signing with a zone names no other zone: the zone is the party the text is about
    "a company's partner zone": (
        "", "2月20日，苏科高新产业集团与济宁高新区签署战略合作协议。济宁高新区管委会副主任出席签约仪式。",
        None, {"jining"}, set()),
    # A与B签署 names both zones as the parties: both are subjects
    "two zones as the parties": ("成都高新区与重庆高新区签署协同发展合作协议", "双方将共建产业协作园。",
                                 None, {"chengdu", "chongqing"}, set()),
    # 与 without a word of co-operation in the sentence (a meeting) leaves both zones as they were
    "与 with no co-operation": (
        "", "7月1日，石河子高新区与大连高新区召开经济运行分析会。石河子高新区、大连高新区负责人分别发言。",
        None, {"shihezi", "dalian"}, set()),
    # l038: parks built elsewhere under a zone's brand, joined to a place by a dash, or a town named with it
    "a park named after a place and the zone": (
        "", "洽谈会上，有关方面签署《关于进一步加快天津滨海—中关村科技园创新发展合作协议》《深化京津中关村科技城合作共建的协议》。"
        "此次合作将进一步提升滨海—中关村科技园、京津中关村科技城合作水平。", None, set(), set()),
    "a centre named after a city and the zone": (
        "", "南宁·中关村创新中心今年新引进科技企业30家，南宁·中关村创新中心孵化面积达5万平方米。", None, set(), set()),
    # a double dash is punctuation: the zone after it is the zone
    "a zone after a double dash": (
        "", "省际产业园区合作的先行者——中关村科技园区在全国率先试点，中关村科技园区管委会介绍了经验。",
        None, {"zhongguancun"}, set()),
    # l039: a cross-province zone of three districts of three cities; its 高新区 is none of their zones
    "a list of places with their districts": (
        "", "会上，长三角生态绿色一体化发展示范区跨省域高新技术产业开发区揭牌成立。示范区范围包括上海市青浦区、"
        "苏州市吴江区、嘉兴市嘉善县。示范区高新区坐落于两省一市交汇处。", None, set(), set()),
    # one city (with its district) near a bare 高新区 still names that city's zone
    "one city with its district": (
        "", "近日，嘉兴市秀洲区召开专题会议，部署高新区招商引资工作。高新区管委会负责人参加会议。", None, {"jiaxing"}, set()),
    # i011: the zone's own site (host added to the gazetteer's websites) reports a mayor's visit to 高新区
    "the ankang zone site": (
        "", "本报讯 5月19日，市长在高新区调研时强调，要更加突出产城融合和改革创新，让创新成为高新区发展最重要的引擎。",
        "https://www.sxakhidz.gov.cn/Content-889107.html", {"ankang"}, set()),
    "another host": (
        "", "本报讯 5月19日，市长在高新区调研时强调，要让创新成为高新区发展最重要的引擎。",
        "https://www.example.gov.cn/Content-889107.html", set(), set()),
}


@pytest.mark.parametrize("case", CASES)
def test_subjects_and_mentions(case: str) -> None:
    title, body, url, subjects, mentioned = CASES[case]
    tags = shared_tagger().tag(title, body, url=url)
    assert (roles(tags, "subject"), roles(tags, "mentioned")) == (subjects, mentioned)
