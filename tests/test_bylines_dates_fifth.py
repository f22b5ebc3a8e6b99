"""Bylines and dates on ordinary news pages (issue 18), fifth round: rules from the tune halves of the check set's tenth
and eleventh batches (tests/data/datecheck, each labelled and committed before the extractor ran on it). Each test
fails on the code before the rule (commit 1fbee8a)."""

from __future__ import annotations

import pytest

from monitor.extract.bylines import (
    bracket_reporter,
    find_author,
    introduces_person,
    names_only,
    names_under_label,
    signed_names,
    split_byline,
)
from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/a.html"
BODY = "开发区今年新引进项目十二个，总投资超过八十亿元，园区企业产值同比增长百分之十五，发展势头良好。"


# Kind: a mirror that could not encode the separators of a date line prints question marks between its fields
# ('2009-04-15 17:42? 記者 吳美章 阮錫桂 陳曉燕?來源:福建日報'): the last writer was dropped (datecheck eleventh batch,
# xpshebei.com, tune half).
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("www.example.cn?2009-04-15 17:42? 記者 吳美章 阮錫桂 陳曉燕?來源:福建日報", "吳美章 阮錫桂 陳曉燕"),
        ("2019-03-02?记者 张晓明 李红?来源:日报", "张晓明 李红"),
        ("作者:张晓明?来源:日报", "张晓明"),
    ],
)
def test_a_question_mark_separates_fields(line: str, expected: str) -> None:
    assert split_byline(line)[0] == expected


# Kind: an empty author field followed by another field's label glued to it ('作者:  语音阅读:') or an account's name
# that runs into a field word ('作者：开发区发布'): the word before the field word was taken for a writer ('语音',
# '开发区'; datecheck eleventh batch, dingan.hainan.gov.cn, tune half). A word glued to a field word is a name only when
# it looks like one.
@pytest.mark.parametrize(
    "line", ["刊发日期:2011-12-08 阅读次数: 作者:  语音阅读:", "作者：开发区发布", "作者：园区点击"]
)
def test_a_word_glued_to_a_field_word_is_no_writer(line: str) -> None:
    assert split_byline(line)[0] is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("作者:张晓明来源:日报", "张晓明"),
        ("作者：欧阳小明发布时间：2019-03-02", "欧阳小明"),
        ("作者：张晓明 来源：日报", "张晓明"),
    ],
)
def test_a_name_glued_to_a_field_word_is_kept(line: str, expected: str) -> None:
    assert find_author(line) == expected


def test_text_page_empty_author_field_names_no_writer() -> None:
    text = "《海南日报》走基层记者团到定安采访\n刊发日期:2011-12-08 阅读次数: 作者:  语音阅读:\n  " + BODY
    assert extract_text_page(text, URL).author is None


# Kind: an author label alone on its line ('作者|'), the writers heading the lines under it, each with a post
# (datecheck eleventh batch, planning.org.cn, tune half: no writer was found).
def test_names_under_a_bare_label() -> None:
    lines = [
        "作者|",
        "王新哲 中国城市规划学会秘书长,规划设计研究院有限公司副院长 教授级高级工程师",
        "薛皓颖 规划设计研究院有限公司 规划师",
        "2019年5月23日,国务院发布若干意见。",
    ]
    assert names_under_label(lines) == "王新哲 薛皓颖"


@pytest.mark.parametrize(
    "lines",
    [
        ["作者|", "大学教授 张晓明"],  # a post first: not the shape
        ["作者：张晓明", "李红 大学教授"],  # the label is not alone
        ["作者|", "人民网 记者"],
    ],
)
def test_no_names_under_a_bare_label(lines: list[str]) -> None:
    assert names_under_label(lines) is None


def test_text_page_names_under_a_bare_label() -> None:
    text = (
        "国土空间总体规划传导体系中的语汇建构\n\n2020-02-25 19:55 来源:同济规划\n\n作者|\n\n"
        "王新哲  中国城市规划学会城市影像学委会秘书长,规划设计研究院有限公司副院长 教授级高级工程师\n\n"
        "薛皓颖  规划设计研究院有限公司 规划师\n\n" + BODY
    )
    assert extract_text_page(text, URL).author == "王新哲 薛皓颖"


# Kind: a journal's author line numbering each writer's affiliation ('姚劍雄等1吳劍平2': 等 is 'et al.' glued to the
# first name; '张晓明1,李红2'): no line of names was seen (datecheck tenth batch, jizihe.com, tune half).
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("姚劍雄等1吳劍平2", "姚劍雄 吳劍平"),
        ("张晓明1,李红2", "张晓明 李红"),
        ("梅 琳1, 黄柏石1, 吕 方1, 郭 炎2*", "梅琳 黄柏石 吕方 郭炎"),
    ],
)
def test_numbered_author_line(line: str, expected: str) -> None:
    assert names_only(line) == expected


@pytest.mark.parametrize("line", ["高新区3", "张三1", "第1期2", "园区12家 企业3个"])
def test_what_is_no_numbered_author_line(line: str) -> None:
    assert names_only(line) is None


def test_text_page_numbered_author_line() -> None:
    text = (
        "廣州市創新驅動政策實施現狀調查\n姚劍雄等1吳劍平2\n(1.廣東科學技術職業學院,廣東珠海 519090;2.廣州大學,廣東廣州 510006)\n"
        "以廣州市2015年新出臺“創新驅動1+7政策”為研究對象,針對政策的實施效果、落地程度、實施阻力等實際問題,通過問卷調查和專場座談的方式進行調研。"
    )
    assert extract_text_page(text, URL).author == "姚劍雄 吳劍平"


# Rules from the tune half of the twelfth batch (labelled and committed after the rules above were final); each test
# below fails on the code before it (commit 681119c).


# Kind: a forum archive's post header, the user then '发表于' and the date ('自由的风 发表于 2020-11-16 16:54:35'): no
# writer was found (datecheck twelfth batch, motianmi.com, tune half).
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("自由的风 发表于 2020-11-16 16:54:35", "自由的风"),
        ("laowang2010 发表于 2019-3-2 10:20", "laowang2010"),
        # issue 18's forum field with no colon: the label, then the user ('楼主 老王123 发表于 …')
        ("楼主 老王123 发表于 2019-03-02 10:20", "老王123"),
    ],
)
def test_a_forum_user_posting_at(line: str, expected: str) -> None:
    assert split_byline(line)[0] == expected


@pytest.mark.parametrize(
    "line", ["楼主 发表于 2022-9-21 00:46:47", "本文 发表于 2019-03-02", "回复 发表于 2020-01-01"]
)
def test_a_label_posting_at_is_no_user(line: str) -> None:
    assert split_byline(line)[0] is None


def test_text_page_forum_archive_user() -> None:
    text = (
        "自由的风 发表于 2020-11-16 16:54:35\n\n"
        + BODY
        + "\n\n自由的风 发表于 2020-11-16 16:54:43\n\n"
        + BODY
    )
    assert extract_text_page(text, URL).author == "自由的风"


# Kind: a line ending with a person's name and a colon introduces whom the text is about ('周口廣播電視臺記者田宜森:'
# above a profile's title, the byline '記者 王凱' below it): the subject was taken for the writer (datecheck twelfth
# batch, 761503.com, tune half).
@pytest.mark.parametrize("line", ["周口廣播電視臺記者田宜森:", "全国人大代表张晓明：", "本报记者王凯："])
def test_a_line_introducing_a_person(line: str) -> None:
    assert introduces_person(line)


@pytest.mark.parametrize(
    "line", ["发布时间:2012-06-19 来源:《瞭望》新闻周刊 孙英兰 【字号:", "作者：", "他说："]
)
def test_what_introduces_no_person(line: str) -> None:
    assert not introduces_person(line)


def test_text_page_profile_subject_is_no_writer() -> None:
    text = (
        "2024年11月08日\n第04版:特別報道 PDF版\n\n周口廣播電視臺記者田宜森:\n\n與周口共成長\n\n記者 王凱\n\n"
        + BODY
    )
    assert extract_text_page(text, URL).author == "王凱"


# Kind: a lone surrogate (bytes a reader kept undecoded) made the script converter raise a foreign error (the property
# test tests/test_properties.py::test_extract_text_page_raises_only_own_errors, found by hypothesis on this branch).
def test_text_page_with_a_lone_surrogate() -> None:
    assert extract_text_page("\ud800记者 张三\n\n" + BODY, URL).author == "张三"


# Rules from the tune half of the fourteenth batch (labelled and committed after the rules above were final); each test
# below fails on the code before it (commit 09bb851).


# Kind: names alone on a line, then what they did and no role word ('肖家鑫 雷 捷攝影報道' above the paper's issue line):
# no writer was found (datecheck fourteenth batch, xuehua.us, tune half). A photo story is written.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("肖家鑫 雷 捷攝影報道", "肖家鑫 雷捷"),
        ("张晓明 李红 报道", "张晓明 李红"),
        ("王五 李四 文/图", "王五 李四"),
    ],
)
def test_names_signing_with_what_they_did(line: str, expected: str) -> None:
    assert signed_names(line) == expected


@pytest.mark.parametrize(
    "line", ["高新区 报道", "全国 报道", "张晓明 摄", "记者 张晓明 报道", "开发区建设 报道"]
)
def test_what_is_no_line_of_signed_names(line: str) -> None:
    assert signed_names(line) is None


def test_text_page_signed_names_above_the_issue_line() -> None:
    text = BODY + "\n\n肖家鑫 雷 捷攝影報道\n\n《 人民日報 》( 2020年10月27日 第 01 版)\n\n相關文章"
    assert extract_text_page(text, URL).author == "肖家鑫 雷捷"


# Kind: a reporter only mentioned inside a paragraph of prose ('…福建省十佳新闻工作者、闽东日报记者刘岩生,将新闻标题…') was
# taken for the writer (datecheck fourteenth batch, ndwww.cn, tune half): a paragraph's byline stands in its first
# sentence (a dateline), in the bracket after a dateline, or after its last sentence.
def test_text_page_reporter_mentioned_in_prose_is_no_writer() -> None:
    text = (
        "市县融媒走基层 | 下沉一线,讲好乡村振兴故事\n"
        "“在文字里相逢是件高雅的事。”1月5日,市县融媒采编下沉一线恳谈会在寿宁县凤阳镇召开。\n"
        "“身为新闻工作者,我们需要用敏锐的观察力聚焦农村,关注农民群众,捕捉生活中的新闻。”福建省十佳新闻工作者、"
        "闽东日报记者刘岩生,将新闻标题、新闻配图、新闻内容分别比做人的眼睛、颜值、气质。\n"
    )
    assert extract_text_page(text, URL).author is None


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "本报讯(记者 张婷) 昨(26)日,报道组走进江阳区。报道组对江阳区今年取得的成效进行了集中采访,收获很多。",
            "张婷",
        ),
        (
            "記者會現場（中評社 盧哲攝） 中評社香港2月26日電（記者 盧哲）全國兩會即將在北京召開。代表們準備了很多建議,"
            "涉及民生和發展。",
            "盧哲",
        ),
        (
            "会后,作家团还前往太湖湿地公园、中国刺绣艺术博物馆、房车露营基地等景区进行实地考察,收获很多。(黄子刚)",
            "黄子刚",
        ),
    ],
)
def test_text_page_byline_in_a_paragraph_of_prose(paragraph: str, expected: str) -> None:
    assert extract_text_page("高新区项目集中开工\n\n" + paragraph + "\n\n" + BODY, URL).author == expected


# Rules from the tune half of the fifteenth batch (labelled and committed after the rules above were final); each test
# below fails on the code before it (commit a1b3e41).


# Kind: a region's or a desk's label, then the name and 'report' ('华东区:王春玉 报道') on the text's first line: no
# writer was found (datecheck fifteenth batch, suneasecloud.com, tune half).
def test_signed_names_after_a_desk_label() -> None:
    assert signed_names("华东区:王春玉 报道") == "王春玉"


def test_text_page_signed_names_after_a_desk_label() -> None:
    assert extract_text_page("华东区:王春玉 报道\n" + BODY, URL).author == "王春玉"


# Kind: a dateline's bracket holding a role and one name with a rare surname ('本網訊(通訊員:望小潔)'): the name was
# refused for not starting with a common surname (datecheck fifteenth batch, kaxingkj.cn, tune half).
@pytest.mark.parametrize(
    ("line", "expected"), [("本网讯(通讯员:望小洁)", "望小洁"), ("本报讯（记者 佳华）", "佳华")]
)
def test_a_dateline_bracket_names_its_one_writer(line: str, expected: str) -> None:
    assert bracket_reporter(line) == expected


@pytest.mark.parametrize(
    "line", ["本报讯(记者 获悉)", "本报讯(通讯员 报道)", "新华网讯(记者 新华网)", "本报讯（本报记者）"]
)
def test_what_a_dateline_bracket_does_not_name(line: str) -> None:
    assert bracket_reporter(line) is None


def test_text_page_rare_surname_in_a_dateline_bracket() -> None:
    text = "本網訊(通訊員:望小潔)“文明健步” 傳遞新時代新風尚,9月24日上午,社區精心組織 40 余名優秀志愿者開展游覽活動,收獲很多。"
    assert extract_text_page(text, URL).author == "望小潔"


# Kind: an author's label on a line of its own closing the page ('文字:杨春明' above '摄像:陈伟良'), '文字' a label as
# '文/' is: no writer was found (datecheck fifteenth batch, 527zhanggui.com, tune half).
def test_text_page_closing_author_label() -> None:
    text = "本地蔬菜上市市场菜价下降\n\n" + BODY + "\n\n文字:杨春明\n\n摄像:陈伟良\n\n分享 转发"
    assert extract_text_page(text, URL).author == "杨春明"


def test_a_text_label_names_the_writer() -> None:
    assert find_author("文字：杨春明 摄像：陈伟良") == "杨春明"


# Rule from the tune half of the sixteenth batch (labelled and committed after the rules above were final); the test
# fails on the code before it (commit 6f3249b).


# Kind: a credit for the text and pictures after the last paragraph's last sentence ('…早春曲。文/图 王培珂' above the
# site's footer): no writer was found (datecheck sixteenth batch, xihaiannews.com, tune half).
def _closing_credit(credit: str) -> str:
    """A text page whose last paragraph ends with a credit after its last sentence, the site's footer below."""
    return (
        "抢时争春生产忙\n\n"
        + BODY
        + "\n\n初春时节,各企业开工复工、抓生产、赶订单,奏响了早春曲。"
        + credit
        + "\n\n更多 往期报纸"
    )


@pytest.mark.parametrize("credit", ["文/图 王培珂", "文/王培珂", "作者:王培珂"])
def test_text_page_credit_after_the_last_sentence(credit: str) -> None:
    assert extract_text_page(_closing_credit(credit), URL).author == "王培珂"


@pytest.mark.parametrize("credit", ["文/图 高新区", "文/图 新华社"])
def test_no_writer_in_a_credit_naming_no_person(credit: str) -> None:
    assert extract_text_page(_closing_credit(credit), URL).author is None
