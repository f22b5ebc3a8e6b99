"""Bylines and dates on ordinary news pages (issue 18), fourth round: rules from the tune half of the check set's ninth
batch (tests/data/datecheck, labelled and committed before the extractor ran on it). Each test fails on the code
before the rule (commit 0eb4913; the signing line on an HTML page and the English time before its date: 67ee77a)."""

from __future__ import annotations

import pytest

from monitor.extract import bylines
from monitor.extract.bylines import names_only
from monitor.extract.dates import parse_date
from monitor.extract.extractor import extract_article, extract_text_page
from monitor.timefmt import format_published

URL = "https://example.cn/a.html"


# Kind: a paper's or a site's name alone on a line of an e-paper's head ('海星报' above its pinyin name) is no line
# of names (datecheck ninth batch, cnepaper.net, tune half: the paper was given as the author).
@pytest.mark.parametrize("line", ["海星报", "温州网", "宁波日报社", "张江在线"])
def test_a_paper_s_name_is_no_line_of_names(line: str) -> None:
    assert names_only(line) is None


# Kind: a two-character name padded to the width of three in a line of names set apart by spaces ('韩 晓 赵阳华'),
# or alone ('张 丽'), as journal mirrors print the authors under the title (datecheck ninth batch, develpress.com,
# fx361.com, tune half).
@pytest.mark.parametrize(("line", "expected"), [
    ("韩 晓 赵阳华", "韩晓 赵阳华"),
    ("张 丽", "张丽"),
    ("王 军 李 红", "王军 李红"),
])
def test_padded_names_in_a_line_of_names(line: str, expected: str) -> None:
    assert names_only(line) == expected


@pytest.mark.parametrize("line", ["导 读", "文 章", "摘 要", "首 页"])
def test_spaced_words_are_no_padded_names(line: str) -> None:
    assert names_only(line) is None


def test_text_page_padded_author_under_the_title() -> None:
    text = ("京津冀高等教育协同创新行与思\n\n2020-05-21 13:09\n天津市教科院学报 2020年2期\n关键词:京津冀协同区域\n\n张 丽\n\n"
            "21世纪伊始,京津冀区域经济合作等话题逐渐浮出水面而引发更多来自政治和经济界的关注和热议。")
    assert extract_text_page(text, URL).author == "张丽"


# Kind: a reporter signing alone on the last line ('本报记者  佳华/报道'): the line's shape (a role, one name, '报道')
# names the writer even when the name is a pen name that starts with no common surname (datecheck ninth batch,
# cnepaper.net, tune half).
@pytest.mark.parametrize(("line", "expected"), [
    ("本报记者  佳华/报道", "佳华"),
    ("记者 佳华 报道", "佳华"),
    ("本报通讯员 晓辰", "晓辰"),
])
def test_a_signing_line_names_its_writer(line: str, expected: str) -> None:
    assert bylines.signing_line(line) == expected


@pytest.mark.parametrize("line", ["本报记者 报道", "记者 获悉", "本报记者 综合报道", "记者 佳华 摄", "记者 新华网",
                                  "本报记者从市政府获悉", "记者 小编"])
def test_what_is_no_signing_line(line: str) -> None:
    assert bylines.signing_line(line) is None


def test_text_page_e_paper_head_and_closing_signature() -> None:
    text = ("报纸简介\n海星报\nhaixinbao\n报纸类别:温州市\n2012年01月05日 星期四\n\n集团公司派员参加市高企会员大会\n\n"
            "    本报讯  12月28日,温州市高新技术企业协会2011年度会员大会隆重召开,各会员单位代表出席此次会议。\n"
            "    通过这次会议,进一步加深了与会员的沟通与交流。\n\n\n本报记者  佳华/报道\n")
    assert extract_text_page(text, URL).author == "佳华"


# Kind: the reporter signs after the last sentence of the text's last paragraph, with no closing bracket or none at
# all ('…共同建设好昆明。(记者吴洁报道', '…。记者 吴洁 报道'): datecheck ninth batch, meihao618.com, tune half.
@pytest.mark.parametrize("ending", ["(记者吴洁报道", "记者 吴洁 报道", "（记者 吴洁）"])
def test_a_signature_after_the_last_sentence(ending: str) -> None:
    text = ("上海12家企业签约入驻沪滇临港昆明科技城\n\n来源: 昆明日报   2022-12-13 10:09\n\n"
            "12月12日,沪滇对口协作捐赠仪式暨企业入驻签约仪式在昆举行。12家上海企业与科技城现场签订入驻协议。\n\n"
            "徐云在致辞中表示,希望落地企业和到昆人才能够爱上昆明、扎根昆明,共同建设好昆明。" + ending + "\n")
    assert extract_text_page(text, URL).author == "吴洁"


def test_a_reporter_in_the_last_sentence_is_no_signature() -> None:
    text = ("园区新闻\n\n2022-12-13 10:09\n\n今年以来,园区新引进企业一百余家,产业规模持续扩大。\n\n"
            "园区负责人告诉记者,将继续优化营商环境。记者从会上获悉\n")
    assert extract_text_page(text, URL).author is None


# Kind: a date with a two-digit year, year first, and its time ('Pub Date:18-05-03 15:37': datecheck ninth batch,
# english.anhuinews.com, tune half: only the URL's day was read), as Chinese sites' date lines print it.
@pytest.mark.parametrize(("text", "expected"), [
    ("Pub Date:18-05-03 15:37 Source:www.cnanhui.org", "2018-05-03 15:37"),
    ("发布时间：21-06-18 09:05", "2021-06-18 09:05"),
    ("时间:15.02.11 09:43  责任编辑:jskfsw", "2015-02-11 09:43"),
])
def test_a_two_digit_year_with_its_time(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and format_published(found)[:16].replace("T", " ") == expected


@pytest.mark.parametrize("text", ["第10.2.3节", "版本 10.2.3 更新", "比分 21-19-15", "18-05-03", "电话 0551-65179860-203",
                                  "10.20.30.40 12:00", "18-13-03 15:37"])
def test_what_is_no_two_digit_year_date(text: str) -> None:
    assert parse_date(text) is None


def test_text_page_two_digit_year_date_line() -> None:
    text = ("Hefei Hi-Tech Zone Aims for First-Class Status\n\nPub Date:18-05-03 15:37 Source:www.cnanhui.org\n\n"
            "The Ministry of Science and Technology announced in late April that Hefei Hi-Tech Industrial Development "
            "Zone was allowed to participate in China's plan on building world-class hi-tech zone.")
    article = extract_text_page(text, "http://english.example.com/system/news/007861259.shtml")
    assert article.published is not None and format_published(article.published)[:16] == "2018-05-03T15:37"


def test_html_page_closing_signing_line_with_a_pen_name() -> None:
    """The same signing line ends an HTML page's article (one owner per rule: text and HTML pages alike)."""
    html = ("<html><head><title>集团公司派员参加市高企会员大会_海星报</title></head><body><div class='nav'>"
            "<a href='/'>首页</a> <a href='/a'>报纸简介</a></div><h1>集团公司派员参加市高企会员大会</h1>"
            "<div class='content'><p>本报讯 12月28日,温州市高新技术企业协会2011年度会员大会隆重召开,温州市科学技术局局长、"
            "各县、市、区科技局领导、256家协会会员单位代表出席此次会议。协会秘书长主持本次大会。</p>"
            "<p>通过这次会议,进一步加深了与会员的沟通与交流,也为明年协会的各项工作开展打下坚实基础。</p>"
            "<p>本报记者  佳华/报道</p></div><div class='foot'>版权所有 海星报</div></body></html>")
    assert extract_article(html, URL).author == "佳华"


# Kind: English pages of Chinese media print the time before the date ('Xinhua) 19:04, May 09, 2024': datecheck ninth
# batch, en.people.cn, tune half: only the day was read).
@pytest.mark.parametrize(("text", "expected"), [
    ("Xinhua) 19:04, May 09, 2024", "2024-05-09T19:04"),
    ("(People's Daily Online) 08:15, March 05, 2019", "2019-03-05T08:15"),
])
def test_an_english_date_after_its_time(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and (format_published(found) or "")[:16] == expected


def test_a_score_before_an_english_date_is_no_time() -> None:
    found = parse_date("Final score 3:1, May 09, 2024")
    assert found is not None and format_published(found) == "2024-05-09"
