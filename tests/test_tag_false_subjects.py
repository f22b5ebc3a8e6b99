"""Issue 17, false subjects from the tune half of the ninth batch (sixth session): a company named after a
zone, a ranking of zones and a zone given as one example of a set, and a zone named as a step of a career."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles


def tag(*parts: str, title: str = ""):  # type: ignore[no-untyped-def]
    return shared_tagger().tag(title, "".join(parts))


def test_a_company_named_after_a_zone_with_its_trade_before_the_company_word_is_no_zone() -> None:
    # k028: a listed company's notice; the zone's name starts the company's and its parent's names
    tags = tag(
        "上海张江高科技园区开发股份有限公司股票于11月5日、11月6日连续两个交易日收盘价格涨幅偏离值累计超过20%。",
        "经公司自查，并向控股股东上海张江(集团)有限公司书面问询，不存在应披露而未披露的重大信息。",
        title="上海张江高科技园区开发股份有限公司股票交易异常波动公告",
    )
    assert tags.zones == ()
    tags = tag("苏州高新区投资有限公司完成新一期债券发行，募集资金将用于区内基础设施建设。")
    assert tags.zones == ()
    # the zone doing the work is still the zone: 建设 not followed by a company word
    tags = tag(
        "西安高新区建设发展再提速，今年以来区内新开工重大项目42个。西安高新区管委会表示将持续优化营商环境。"
    )
    assert roles(tags, "subject") == {"xian"}


def test_a_ranking_of_zones_and_a_zone_given_as_one_example_of_a_set_have_no_subject() -> None:
    # k022: a table of a ranking, each zone after its rank; the first is also the example of the set
    tags = tag(
        "研究院发布先进制造业百强园区榜单，对国家级经开区和国家高新区进行综合评价，最终确定了中关村科技园区等100家园区。\n",
        "1中关村科技园区北京84.1 2深圳市高新技术产业园区深圳77.3 3上海张江高新技术产业开发区上海74.1 ",
        "4苏州工业园区苏州70.8 5武汉东湖新技术开发区武汉70",
    )
    assert roles(tags, "subject") == set()
    assert {"zhongguancun", "shenzhen", "zhangjiang", "suzhou-sip", "donghu"} <= roles(tags, "mentioned")
    # one zone as the example of a set (等10家) is no subject either
    tags = tag("科技部公布世界一流高科技园区建设名单，中关村科技园区等10家园区入选，将获得政策支持。")
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"zhongguancun"}
    # a number before a zone's name once (a year, an edition) makes no ranking
    tags = tag("2023中关村论坛年会在北京开幕。中关村管委会主任介绍了中关村示范区一年来的发展情况。")
    assert roles(tags, "subject") == {"zhongguancun"}


def test_a_zone_named_as_a_step_of_a_career_told_date_by_date_is_mentioned() -> None:
    # k016: an official's path, date by date; the zone's post was one step on the way to later ones
    tags = tag(
        "据市政府网站消息，市领导近日召开全市安全生产工作会议。这一消息显示，李明已到省会任职。\n",
        "2019年3月，李明晋升副厅级干部，任芜湖市高新区管委会主任。次月任芜湖市高新区党工委书记、管委会主任。",
        "去年9月，李明跻身芜湖市委常委，随后担任市委政法委书记。",
    )
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"wuhu"}
    # a notice of the zone's new head opens with a date but tells no later step: the zone is the subject
    tags = tag(
        "7月5日，芜湖市委宣布：李明任芜湖高新区党工委书记。会上，李明表示将全力推动芜湖高新区高质量发展。",
    )
    assert roles(tags, "subject") == {"wuhu"}
