"""Bylines and dates on ordinary news pages (issue 18), sixth round: rules from the tune halves of the whole check set
(tests/data/datecheck), its seventeenth and eighteenth batches labelled and committed before the extractor ran on them.
The failures were grouped by kind and each rule reads a kind's general evidence: where a byline sits relative to the
title and the first paragraph, the role words, a name's shape, what follows the names. Each test fails on the code
before its rule (the commit named above each group; guard tests, asserting what a rule must not take, need not)."""

from __future__ import annotations

import pytest

from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/a.html"
BODY = "开发区今年新引进项目十二个，总投资超过八十亿元，园区企业产值同比增长百分之十五，发展势头良好。"


# Rules of commit 4c4e251 (the head): each fails on 5325257.
# Kind: a byline below a fixed count of lines: an e-paper's calendar rows or a site's menu above the dateline pushed
# '本报讯（记者 NAME）' past the sixth line (datecheck seventeenth batch, tongliaowang.com, tune half). The head is the
# lines above the first paragraph of prose and that paragraph, however many come first.
def test_dateline_below_a_calendar() -> None:
    text = "\n".join(["123456", "78910111213", "14151617181920", "21222324252627", "28293031",
                      "第7B版:社区 上一版 下一版", "上一篇 下一篇", "有力量 社区志愿者在行动",
                      "本报讯(记者 李肖峰) 在提升城市文明建设工作中,红星街道社区积极发挥志愿服务力量,出动干部30余人。",
                      BODY])
    assert extract_text_page(text, URL).author == "李肖峰"


# ... a byline on its own line under an e-paper's lead paragraph is still the page's (datecheck fourth batch,
# gzdaily.dayoo.com, tune half), when menus push it past the sixth line.
def test_byline_under_a_lead_below_menus() -> None:
    text = "\n".join(["当前版: A6版 上一版  下一版", "首页", "要闻", "评论", "政协委员热议工作报告",
                      "聚合优势资源 共建一流湾区",
                      "3月4日下午,全国政协十四届一次会议开幕,委员们现场聆听了常务委员会工作报告。",
                      "文/广州日报全媒体记者何道岚、全杰", BODY, BODY, BODY, BODY, BODY])
    assert extract_text_page(text, URL).author == "何道岚 全杰"


# Kind: a photo's credit closing a short page read as its head's byline, its writer signing under it ('图/王锐' then
# '文/沈平': datecheck seventeenth batch, zhishi5.com, tune half). Past the first paragraph of prose only a line of its
# own can be a byline, and a photo's credit is none: the closing lines name the writer.
def test_closing_photo_credit_is_not_the_byline() -> None:
    text = "\n".join(["拥抱新学年 追逐新梦想", "2020-09-08 16:14:02 作者: 【开学第一课", BODY, "END", "图/王锐", "文/沈平",
                      "编辑/沈平"])
    assert extract_text_page(text, URL).author == "沈平"


# Kind: names alone in a bracket closing the text's last paragraph ('…有关情况。(卫琦)'): found only while a short page's
# end fell within the head's six lines (datecheck eleventh and seventeenth batches, slqncy.com, sxxycmw.com, tune half).
@pytest.mark.parametrize(("closing", "expected"), [("(卫琦)", "卫琦"), ("（戴文昕 李青）", "戴文昕 李青")])
def test_names_in_a_bracket_close_the_text(closing: str, expected: str) -> None:
    text = "\n".join(["县四大班子领导参加义务植树活动", BODY, BODY, BODY, BODY, BODY,
                      "春风拂面,建设中的园区新绿初绽。县领导们一边植树,一边了解园区建设工作有关情况。" + closing])
    assert extract_text_page(text, URL).author == expected


@pytest.mark.parametrize("closing", ["(右一)", "(资料图)", "(完)", "(高新区)"])
def test_a_bracket_of_no_names_closes_nothing(closing: str) -> None:
    text = "\n".join(["县四大班子领导参加义务植树活动", BODY, BODY, BODY, BODY, BODY,
                      "县领导们一边植树,一边了解园区建设工作有关情况。" + closing])
    assert extract_text_page(text, URL).author is None


# Rules of commit a6cbb33 (stacked byline lines): each fails on 4c4e251.
# Kind: a byline set one role a line, the paper's reporter over the correspondents ('极目新闻记者 关前裕' then '通讯员 明康
# 刘晓林'): only the first line's writer was kept (datecheck seventeenth batch, 163.com, tune half). The role-led lines
# next to the byline's join it: below it in the head, above it when the writers sign at the end.
def test_stacked_byline_lines_in_the_head() -> None:
    text = "\n".join(["极目新闻记者 关前裕", "通讯员 明康 刘晓林", BODY, BODY])
    assert extract_text_page(text, URL).author == "关前裕 明康 刘晓林"


def test_stacked_signature_lines_at_the_end() -> None:
    text = "\n".join(["堡王村党员为村民写春联", BODY, BODY, BODY, "记者 姚辉常", "通讯员 郑鸿斌 柴婧", "3上一篇  下一篇4"])
    assert extract_text_page(text, URL).author == "姚辉常 郑鸿斌 柴婧"


def test_a_prose_line_under_the_byline_adds_no_writer() -> None:
    text = "\n".join(["记者 关前裕", "记者走进湖北竹山县文峰乡滚子岭村，一幅晒秋画卷在眼前徐徐展开。", BODY])
    assert extract_text_page(text, URL).author == "关前裕"


# Rules of commit b4bd9e4 (a signed bracket before other credits): each fails on a6cbb33.
# Kind: a closing signature in a bracket, the names and what they did, read only when nothing followed it on its line
# ('(王宇平 劉喜攝影報道) 通聯:縣人武部政工科': datecheck seventeenth batch, 1miao.net.cn, tune half).
@pytest.mark.parametrize(
    ("closing", "expected"),
    [("(王宇平 劉喜攝影報道) 通聯:縣人武部政工科", "王宇平 劉喜"), ("（张晓明 李红 文/图） 编辑：王五", "张晓明 李红")],
)
def test_a_signed_bracket_before_other_credits(closing: str, expected: str) -> None:
    text = "\n".join(["作家协会赴邱山村采风", BODY, BODY, BODY, BODY, BODY, "2014-3-23 17:52 上传", closing, "|"])
    assert extract_text_page(text, URL).author == expected


def test_a_photographer_bracket_before_other_credits_names_no_writer() -> None:
    text = "\n".join(["作家协会赴邱山村采风", BODY, BODY, BODY, BODY, BODY, "(王宇平摄) 通联:县人武部政工科"])
    assert extract_text_page(text, URL).author is None


# Rules of commit ec756aa (romanised names): each fails on b4bd9e4 (monitor.extract.romanised did not exist).
# Kind: English bylines read to their first word, or not at all where no user name is allowed ('By Li Qing · 2019-08-26'
# gave nothing on a text page; datecheck eighteenth batch, bjreview.com, tune half). A romanised name is two or three
# capitalised words; several are set apart by commas, 'and' or '&'; an organisation, a staff line or a date is none.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Li Qing  ·  2019-08-26  ·   Source: NO. 35 AUGUST 29, 2019", "Li Qing"),
        ("By Hu Haiyan, Song Wenwei and Zhou Furong (China Daily) Updated: 2014-07-14 07:02",
         "Hu Haiyan, Song Wenwei, Zhou Furong"),
        ("By LYU CHANG and ZHOU LIHUA | China Daily | Updated: 2013-08-24 00:30", "LYU CHANG, ZHOU LIHUA"),
        ("by David Parmer", "David Parmer"),
    ],
)
def test_english_byline(line: str, expected: str) -> None:
    from monitor.extract.bylines import find_author, split_byline

    assert find_author(line) == expected
    assert split_byline(line)[0] == expected


@pytest.mark.parametrize(
    "line",
    ["By Xinhua—Global Times Source:Xinhua-Global Times Published: 2020/1/7 21:38:41", "By GT staff reporters | 2021/9/23",
     "by September 28, 2015 Aviation", "By China Daily | Updated: 2019-02-02", "Photos by Sheng Zheng / For China Daily"],
)
def test_no_english_byline(line: str) -> None:
    from monitor.extract.romanised import by_names

    assert by_names(line) is None


def test_text_page_english_byline() -> None:
    text = "\n".join(["NO. 35 AUG 29, 2019", "Being the Change",
                      "By Li Qing  ·  2019-08-26  ·   Source: NO. 35 AUGUST 29, 2019",
                      "Wuhan, capital of Hubei Province in central China, boasts a large freshwater lake."])
    assert extract_text_page(text, URL).author == "Li Qing"


# Kind: an English page's writers with no 'By': a romanised name alone under the title ('Li Qian': datecheck seventeenth
# batch, shine.cn, tune half), a list of them after a separator ('發布於 7小時前 • Ma Yujie,Li Qianwei,…': eighteenth batch,
# today.line.me, tune half). Read only with a Chinese name's shape: a common surname, a given name of pinyin syllables.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Li Qian", "Li Qian"),
        ("發布於 7小時前 • Ma Yujie,Li Qianwei,Dong Xiaohong,Huang Zechenyidu",
         "Ma Yujie, Li Qianwei, Dong Xiaohong, Huang Zechenyidu"),
    ],
)
def test_text_page_romanised_names_in_the_head(line: str, expected: str) -> None:
    text = "\n".join(["Industrial parks in Pudong find a way to beat the lockdown", line,
                      "Industrial parks in Pudong have been doing nucleic acid testing of workers on a daily basis.",
                      "Milky Way is thriving despite the closure."])
    assert extract_text_page(text, URL).author == expected


def test_a_romanised_name_far_from_the_title_and_the_date_is_no_writer() -> None:
    """A name alone further down an English page's head is a topic tag or a caption, not its writer (review: 'Xi
    Jinping' in a page's topic list became the author)."""
    text = "\n".join(["Zone news", "Home", "World", "China", "Business", "Topics", "Xi Jinping", "Technology",
                      "Industrial parks in Pudong have been doing nucleic acid testing of workers on a daily basis."])
    assert extract_text_page(text, URL).author is None


@pytest.mark.parametrize("line", ["Home News", "Industrial Enterprises", "Business • Industries", "Lucy Lv", "XINHUA",
                                  "Source • China Daily"])
def test_what_is_no_romanised_name(line: str) -> None:
    from monitor.extract.romanised import pinyin_names

    assert pinyin_names(line) is None


# Rules of commit 1a43a13 (roles on one line): each fails on ec756aa.
# Kind: the next role's writers dropped, the roles on one line with a credit between them (issue 18's '□ 记者 A B 文/图
# 通讯员 C'; the same kind as the stacked lines above, 163.com, tune half): each role word introduces its own names.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("□ 记者 吕恺 刘烨恒 文/图 通讯员 舒海军", "吕恺 刘烨恒 舒海军"),
        ("记者 王五 文/图 通讯员 赵六 钱七", "王五 赵六 钱七"),
        ("本报记者 张晓明 报道 通讯员 李红", "张晓明 李红"),
    ],
)
def test_roles_on_one_line_after_a_credit(line: str, expected: str) -> None:
    from monitor.extract.bylines import split_byline

    assert split_byline(line)[0] == expected
    assert extract_text_page(line + "\n本报讯 " + BODY + "\n" + BODY, URL).author == expected


def test_a_sentence_between_roles_stops_the_byline() -> None:
    from monitor.extract.bylines import find_author

    assert find_author("记者 王五 昨日获悉，通讯员 赵六 说") == "王五"


@pytest.mark.parametrize("closing", ["（全文完）", "（林业局）", "（原标题）", "（市文化馆）"])
def test_a_bracket_closing_the_text_with_no_person_in_it_signs_nothing(closing: str) -> None:
    """A bracket closing the last paragraph holds a person's names, not an office or a part of the document, though
    its first character is a surname (review)."""
    text = "\n".join(["林区防火工作会议召开", "2024-03-05", "",
                      "3月5日，区林业局召开春季防火工作会议，部署今年的森林防火工作，要求各乡镇落实责任。" + closing])
    assert extract_text_page(text, URL).author is None
