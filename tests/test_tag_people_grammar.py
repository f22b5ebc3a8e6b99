"""Issue 17, round 9: name + post grammar from the tune halves of the real set (tests/data/tagging_real README, round 9),
and a list of zones named by their cities after a count. Each test fails on the tagger before round 9 (bc3301f)."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tag_people_rules import people
from .test_tagging_real import roles


def test_a_verb_is_no_name_even_after_a_surname_character() -> None:
    # n002 调研组领导强调 (强 is a surname), n021 学校党支部书记 (党 is a surname)
    assert people("调研组领导强调，项目建设是推动高质量发展的主要抓手。") == {}
    assert people("市领导宣布，会议正式开幕。") == {}
    found = people("首先，西安市高新第一学校党支部书记、校长刘占权对过去一年学校取得的成绩给予了肯定。")
    assert found == {"刘占权": "西安市高新第一学校党支部书记、校长"}


def test_a_two_character_name_ends_before_shuo() -> None:
    # f043 周娜说, m004 宣鸿说: 说 seldom ends a three-character name
    found = people("“我们将继续做好服务。”社区党群服务中心主任周娜说，下一步将开展更多活动。")
    assert found == {"周娜": "社区党群服务中心主任"}
    # a three-character name before 说 stays whole
    assert people("集团党委书记、总经理宣鸿飞说，园区已经投入运营。") == {"宣鸿飞": "集团党委书记、总经理"}


def test_rarer_surnames_and_a_title_after_the_name() -> None:
    # d038 冶, f049 戎, l009 咸: surnames of officials the list lacked
    found = people("培训会上，某研究所西安分公司副总监冶小梅做专题讲解。兰州市委常委、统战部部长咸大明出席。")
    assert found == {"冶小梅": "某研究所西安分公司副总监", "咸大明": "兰州市委常委、统战部部长"}
    found = people("公司总经理戎保平、副总经理于仁炎、陈阳等人参与了接待。")
    assert found == {"戎保平": "公司总经理", "于仁炎": "副总经理", "陈阳": "副总经理"}
    # f061: a report's title in 《》 right after the name (听取了 is no part of the post)
    assert people("市长主持召开会议，听取了市发改委主任王庆海《关于全市重点工作情况的汇报》。") == {"王庆海": "市发改委主任"}
    # ... but a name followed by 作 keeps its two characters (作《报告》)
    assert people("管委会常务副主任陈平作《2019年高新区工作报告》。") == {"陈平": "管委会常务副主任"}


def test_post_after_the_name_after_ju_and_before_reqing() -> None:
    # m005 据郑毅书记介绍; f046 副董事长赵清国热情接待
    assert people("据郑毅书记介绍，截至4月底，公司在全国合作39个城市。") == {"郑毅": "书记"}
    found = people("公司董事长郭留希，副董事长赵清国热情接待了来访领导。")
    assert found == {"郭留希": "公司董事长", "赵清国": "副董事长"}


def test_a_bracketed_aside_between_post_and_name() -> None:
    # a063: 江西省委原常委（原火炬中心主任）梁桂等出席
    found = people("科技部原党组成员张景安，江西省委原常委（原火炬中心主任）梁桂等出席论坛开幕式。")
    assert found["梁桂"] == "江西省委原常委"
    # a programme's lines run together: the aside is the post of the name before it, not of the name after it
    found = people("主讲人：\n李  扬（中国社科院金融所 所长）\n巫和懋（台湾大学管理学院 教授）“对金融市场秩序的一些看法”")
    assert "巫和懋" not in found


def test_appointed_as_and_a_step_after_the_comma() -> None:
    # f067 任命吴泽桐为珠海市人民政府副市长 (traditional script as published)
    found = people("珠海市人大常委會舉行會議，決定任命吳澤桐為珠海市人民政府副市長，并決定其擔任代理市長。")
    assert found == {"吴泽桐": "珠海市人民政府副市长"}
    # a021: …任职的许宏球，已于近日履新重庆两江新区管委会主任
    found = people("一年多前由浙江跨省份调重庆任职的许宏球，已于近日履新重庆两江新区管委会主任。")
    assert found == {"许宏球": "重庆两江新区管委会主任"}


def test_a_post_then_a_name_at_the_end_of_a_heading_line() -> None:
    # k009: 中共海淀区委…宣讲报告(摘登) 区委副书记 刘勇
    found = people("挖掘新动力推动高质量发展\n全会精神宣讲报告(摘登) 区委副书记 刘勇\n全会精神既是基于对近40年改革开放的总结。")
    assert found == {"刘勇": "区委副书记"}
    # a line that ends with two words but no office: nobody
    assert people("精彩回顾 学习园地 王芳\n正文第一段。") == {}


def test_zones_named_by_their_cities_after_a_count() -> None:
    # n037: 共有8个国家级高新区,分别是长沙、株洲…(岳阳 has no national zone)…和郴州
    tags = shared_tagger().tag("湖南有多少个国家级高新区?",
                               "湖南目前共有8个国家级高新区,分别是长沙、株洲、湘潭、衡阳、岳阳、常德、益阳和郴州。")
    assert roles(tags, "subject") == set()
    assert {"changsha", "zhuzhou", "xiangtan", "hengyang", "changde", "yiyang", "chenzhou"} <= roles(tags, "mentioned")
    # a bare 高新区 with no count before it: the cities after 包括 are not read as zones
    tags = shared_tagger().tag("", "高新区包括长沙路、株洲路两个片区。")
    assert roles(tags, "mentioned") == set()
