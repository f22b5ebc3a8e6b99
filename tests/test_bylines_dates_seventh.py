"""Bylines and dates on ordinary news pages (issue 18), seventh round: rules from the tune halves of the whole check set
(tests/data/datecheck): its nineteenth batch, labelled and committed before the extractor ran on them and scored
unseen on main's code first, then the twentieth and twenty-first, each found and labelled after the rules drawn from
the batch before it and scored unseen before its own tune half was looked at. The failures were grouped by kind; each
rule reads a kind's general evidence (where a byline sits, its field labels and role words, a name's shape, what
stands around the names), not one page's layout. Each test fails on the code before its rule; guard tests, asserting
what a rule must not take, need not."""

from __future__ import annotations

import pytest

from monitor.extract.bylines import split_byline
from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/a.html"
BODY = "开发区今年新引进项目十二个，总投资超过八十亿元，园区企业产值同比增长百分之十五，发展势头良好。"


# Kind: a university page's fields run together with no space between them ('文字:胡松图片:胡松编辑:季娴': datecheck
# nineteenth batch, xzit.edu.cn, tune half): the next field's label (图片, 照片, 视频, 供稿...) ends the writer's names.
@pytest.mark.parametrize(("line", "expected"), [
    ("来源:人事处文字:胡松图片:胡松编辑:季娴时间:2025-09-24浏览:36", "胡松"),
    ("文字：李明照片：王刚", "李明"),
])
def test_field_labels_run_together(line: str, expected: str) -> None:
    assert split_byline(line)[0] == expected


def test_run_together_fields_on_a_page() -> None:
    text = "\n".join(["高新区来校调研合作工作", "来源:人事处文字:胡松图片:胡松编辑:季娴时间:2025-09-24浏览:36", BODY, BODY])
    assert extract_text_page(text, URL).author == "胡松"


# Kind: an office signing the text it sent in, on the last line: its name, then the writer's ('宣傳科 韓 嬌' closing a
# hospital's news: datecheck nineteenth batch, kenatoys.com, tune half).
@pytest.mark.parametrize(("closing", "expected"), [("宣传科 韩 娇", "韩娇"), ("宣傳科 韓 嬌", "韓嬌"), ("党委宣传部 李明远", "李明远")])
def test_an_office_signs_the_text(closing: str, expected: str) -> None:
    text = "\n".join(["我院院报发行三百期", BODY, BODY, BODY, closing])
    assert extract_text_page(text, URL).author == expected


@pytest.mark.parametrize("closing", ["县委宣传部 供稿", "党政办 编辑", "宣传科 高新区", "医务科 全体"])
def test_an_office_with_no_name_signs_nothing(closing: str) -> None:
    text = "\n".join(["我院院报发行三百期", BODY, BODY, BODY, closing])
    assert extract_text_page(text, URL).author is None


# Kind: a bracket of names closing the last paragraph, its opening bracket lost by the page ('…发挥着重要作用。刘永欢、
# 蒋鹏)' above a footer's links: datecheck nineteenth batch, hengyang.gov.cn, tune half).
def test_names_closed_by_a_bracket_whose_opening_is_lost() -> None:
    text = "\n".join(["县人大常委会调研融媒体中心建设工作", BODY, BODY,
                      "调研组对融媒体中心建设工作给予了充分肯定,认为其发挥着重要作用。刘永欢、蒋鹏)", "相关阅读:",
                      "扫一扫在手机打开当前页"])
    assert extract_text_page(text, URL).author == "刘永欢 蒋鹏"


@pytest.mark.parametrize("closing", ["有关情况)", "全文完)", "高新区)"])
def test_no_names_before_a_lost_opening_sign_nothing(closing: str) -> None:
    text = "\n".join(["县人大常委会调研融媒体中心建设工作", BODY, BODY, "调研组对融媒体中心建设工作给予了充分肯定。" + closing])
    assert extract_text_page(text, URL).author is None


# Kind: a photo's caption printed twice, with its credit and again without it (the picture's alt text), read as the
# text's first paragraph: the head ended there and the dateline's writer under it was never read ('人民网威海9月16日电
# (刘祺)': datecheck nineteenth batch, zhongxiangwang.co, tune half).
def test_a_caption_printed_twice_is_no_paragraph() -> None:
    caption = "在荣成石岛管理区南庄村,田间、晒场一派丰收繁忙景象。"
    text = "\n".join(["晾晒场上秋收忙", "发布日期:2021-09-17 13:40|发布:中乡网|责任编辑:晓东", caption + "李信君摄", caption,
                      "人民网威海9月16日电(刘祺)眼下,正值秋收季节。日前,在荣成石岛管理区南庄村,村合作社的社员们在将晾晒好的玉米"
                      "进行脱粒、储存,田间、晒场一派丰收繁忙景象。", BODY])
    assert extract_text_page(text, URL).author == "刘祺"


# Kind: a list's dates taken for the page's own: an e-paper page printing no date of its own, then its list of issues,
# one date a row ('2025-09-18,11970|': datecheck nineteenth batch, dzb.zzrbnews.com, tune half). Three rows or more led
# by a date are a list; the page's date comes from elsewhere (the URL here) or is unknown.
def test_a_list_of_dated_rows_gives_no_date() -> None:
    rows = [f"2025-09-{day:02d},119{day:02d}|" for day in range(18, 12, -1)]
    text = "\n".join(["本报记者 卢文军 文/图", "秋收时节,大好的秋色令人炫目。", BODY, *rows])
    assert extract_text_page(text, URL).published is None
    dated = extract_text_page(text, "https://example.cn/html/2025-09/24/content_1.htm").published
    assert dated is not None and dated.value.date().isoformat() == "2025-09-24"


def test_a_date_line_then_a_list_keeps_the_date_line() -> None:
    rows = [f"2025-09-{day:02d} 相关新闻第{day}条" for day in range(18, 12, -1)]
    text = "\n".join(["秋收忙", "2025-09-20 来源:本报", BODY, *rows])
    assert extract_text_page(text, URL).published.value.date().isoformat() == "2025-09-20"


# Kind: the next role's names dropped at a name of four characters behind a single surname ('本报记者 卢文军 通讯员 刘家一郎
# 郝世杰 文/图': datecheck nineteenth batch, dzb.zzrbnews.com, tune half). A line of role words and names only, maybe
# closed by a credit, names its writers by its shape; each name still starts with a surname and is no word.
def test_a_line_of_roles_and_names_names_every_writer() -> None:
    text = "\n".join(["金秋黄店丰收忙", "本报记者 卢文军 通讯员 刘家一郎 郝世杰 文/图", BODY, BODY])
    assert extract_text_page(text, URL).author == "卢文军 刘家一郎 郝世杰"


@pytest.mark.parametrize("line", ["本报记者 卢文军 通讯员 高新技术 文/图", "记者 王五 通讯员 全国各地"])
def test_a_role_line_with_a_word_keeps_the_names_before_it(line: str) -> None:
    text = "\n".join(["金秋黄店丰收忙", line, BODY, BODY])
    assert extract_text_page(text, URL).author in ("卢文军", "王五")


# Kind: a journal mirror naming its authors only in the reference it asks readers to cite, with no label on its line
# ('歡迎引用' above '畢勛磊, 劉劍, 張志強. 標題[J]. 期刊, doi…': datecheck nineteenth batch, ifuun.com, tune half).
@pytest.mark.parametrize(("reference", "expected"), [
    ("毕勋磊, 刘剑, 张志强. 公私合营研发组织模式研究——基于合作研发案例研究[J].世界科技研究与发展, doi:10.16507/j.issn.1006-6055.",
     "毕勋磊 刘剑 张志强"),
    ("畢勛磊, 劉劍, 張志強. 公私合營研發組織模式研究[J].世界科技研究與發展, 2018, 40(1): 1-12.", "畢勛磊 劉劍 張志強"),
])
def test_an_unlabelled_reference_names_the_authors(reference: str, expected: str) -> None:
    text = "\n".join(["公私合营研发组织模式研究", "本文转载自世界科技研究与发展", "欢迎引用", reference, BODY, BODY])
    assert extract_text_page(text, URL).author == expected


def test_a_reference_to_an_organisation_names_nobody() -> None:
    text = "\n".join(["公私合营研发组织模式研究", "欢迎引用", "国务院. 关于促进高新区发展的意见[Z]. 北京, 2020.",
                      "高新区. 发展报告[R]. 北京, 2020.", BODY, BODY])
    assert extract_text_page(text, URL).author is None


# Rules from the twentieth batch's tune half (labelled after the rules above, scored unseen before these).
# Kind: a signature closing the text above a related-articles list of more than five lines never read (only the last
# five lines are a text's end), and the list's dates ('[2025-10-18] -') taken for the page's (datecheck twentieth
# batch, gyxww.net, tune half). The text ends above the list's heading ('相关新闻', '相关阅读', '推荐阅读'...).
def test_a_signature_above_a_related_list() -> None:
    related = ["相关新闻", "-"] + [row for n in range(4) for row in (f"全市第{n + 1}场消防演练举行", "[2025-10-18] -")]
    text = "\n".join(["聆听消防故事 定格蓝焰光芒", BODY, BODY,
                      "下一步,固原消防还将继续深化与新闻媒体的长效合作机制。(见习记者 姚亚婷 记者 崔一波)", *related])
    page = extract_text_page(text, URL)
    assert page.author == "姚亚婷 崔一波"
    assert page.published is None


# Kind: a forum's anti-copy junk after a post's last sentence, behind the signature ('(梁富盈): J: H1 P( i+ p/ g2 p&'),
# and on lines of its own (datecheck twentieth batch, tsrchy.com, tune half): no text of the page.
def test_anti_copy_junk_hides_no_signature() -> None:
    text = "\n".join(["|", BODY + "1 F6 H0 }9 K$ G9 B1 G8 b", "4 G' t( J; R7 M* C% s", BODY,
                      "全县旅游产业实现了开门红。(梁富盈): J: H1 P( i+ p/ g2 p& M( Y8 }2 B", "|"])
    page = extract_text_page(text, URL)
    assert page.author == "梁富盈"
    assert "G9 B1" not in page.body and "R7 M*" not in page.body


@pytest.mark.parametrize("line", ["Shares of A B C D E rose on Monday.", "图1 图2 图3 图4 图5", "1 2 3 4 5 6"])
def test_short_tokens_without_symbols_are_text(line: str) -> None:
    assert line in extract_text_page("\n".join(["标题", BODY, line, BODY]), URL).body


# Rules from the twenty-first batch's tune half (labelled after the rules above, scored unseen before these).
# Kind: a credit for the text and pictures, or a photo story's, before the names, read as no label ('攝影報道/亢建偉'
# heading a mirror: datecheck twenty-first batch, handmsg.com, tune half; '文/图 王培珂' left '图' before the name).
@pytest.mark.parametrize(("line", "expected"), [
    ("攝影報道/亢建偉", "亢建偉"), ("摄影报道/李明远", "李明远"), ("文/图 王培珂", "王培珂"), ("图文/张三", "张三"),
    ("图/文 赵六", "赵六"),
])
def test_a_credit_for_text_and_pictures_names_the_writer(line: str, expected: str) -> None:
    assert split_byline(line)[0] == expected


@pytest.mark.parametrize("line", ["图文并茂的展览吸引市民", "摄影报道 这组照片", "图文直播"])
def test_a_credit_word_in_prose_names_nobody(line: str) -> None:
    assert split_byline(line)[0] is None


# Kind: a site's rolling ticker of dated headlines above the page ('-杜特地抵海牙(2025-03-13 03:09:50)-…'), read as the
# page's first paragraph: the head ended there and the ticker's first date was taken (datecheck twenty-first batch,
# shangbao.com.ph, tune half). A line of three dates or more is a list, neither prose nor the page's date.
def test_a_ticker_of_dated_headlines_gives_no_date() -> None:
    ticker = "-" + "-".join(f"第{n}条新闻标题在这里(2025-03-13 03:0{n}:50)" for n in range(1, 7))
    text = "\n".join(["滾動新聞:", ticker, "您當前的位置:首頁 → > 僑務資訊", "外媒走近江西南昌县 点赞当地集群产业发展",
                      "2019年06月17日 16:52 稿件来源:國際在線", "国际在线消息(记者 谢诗佳):" + BODY, BODY])
    page = extract_text_page(text, URL)
    assert page.published.value.date().isoformat() == "2019-06-17"
    assert page.author == "谢诗佳"
