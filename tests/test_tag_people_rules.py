"""Issue 17, people rules from the tune halves of the real set (fifth session): a name in the headline cut short by
a verb (郭元强调研), an age or a verb of succession before a post, 董事会秘书 and 主委 as offices, 领导和专家, and a name
followed by 报告."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger


def people(body: str, title: str = "") -> dict[str, str | None]:
    return {p.name: p.post for p in shared_tagger().tag(title, body).people}


def test_a_headline_name_cut_short_by_a_verb_is_the_bodys_longer_name() -> None:
    # i001: 郭元强调研 reads as 郭元 + 强调 in the headline; the body names 郭元强
    found = people(
        "3月26日，湖北省委常委、武汉市委书记郭元强，市委副书记、市长程用文率队前往孝感调研，实地考察了产业园。",
        title="武汉市委书记郭元强调研华工科技孝感电子产业园",
    )
    assert found == {"郭元强": "湖北省委常委、武汉市委书记", "程用文": "市委副书记、市长"}


def test_an_age_or_a_verb_of_succession_is_not_part_of_the_post() -> None:
    # i007: 现年53岁的深圳民政局局长杜鹏将接棒原局长张备
    found = people("会上宣布现年53岁的深圳民政局局长杜鹏将接棒原局长张备，出任管理局第三任局长。")
    assert found == {"杜鹏": "深圳民政局局长", "张备": "原局长"}


def test_board_secretary_and_zhuwei_are_offices() -> None:
    # i004, h029
    found = people("副区长徐炜一行莅临公司调研，道森股份副总经理、董事会秘书朱开星接待并陪同观摩交流。")
    assert found["朱开星"] == "道森股份副总经理、董事会秘书"
    found = people("会上，市政协副主席、农工党德阳市委副主委邱明详细介绍了助推大学科技园建设的工作情况。")
    assert found == {"邱明": "市政协副主席、农工党德阳市委副主委"}


def test_leaders_and_experts_is_no_name_and_a_name_may_be_followed_by_baogao() -> None:
    # g028: 向与会领导和专家介绍; 党工委书记贾耀斌报告了《纲要》
    found = people(
        "武汉市长阮成发首先向与会领导和专家介绍了武汉市市情。市委常委、东湖开发区党工委书记贾耀斌报告了《发展规划纲要》。"
    )
    assert found == {"阮成发": "武汉市长", "贾耀斌": "市委常委、东湖开发区党工委书记"}


def test_chief_executive_is_an_office_and_names_end_before_zhuanti_chusheng_fabiao() -> None:
    # j011, j003, j005
    found = people("香港特别行政区行政长官李家超、澳门特别行政区行政长官贺一诚发表视频致辞。")
    assert found == {"李家超": "香港特别行政区行政长官", "贺一诚": "澳门特别行政区行政长官"}
    found = people("8日上午，南京市江北新区党工委委员、管委会副主任王伟专题调研研创园。")
    assert found == {"王伟": "南京市江北新区党工委委员、管委会副主任"}
    found = people("栖霞区委书记、区长黎辉出生于1968年，早年曾长期在南京市纪检系统工作。")
    assert found == {"黎辉": "栖霞区委书记、区长"}


def test_a_name_ends_before_tuijie_and_jiexu() -> None:
    # l021 (seventh session): 管委会主任郝玉峰接续推介; a district head 推介 her district
    found = people("兴庆区委副书记、区长张静推介投资环境。随后，产业园管委会主任郝玉峰接续推介园区的发展红利。")
    assert found == {"张静": "兴庆区委副书记、区长", "郝玉峰": "产业园管委会主任"}
