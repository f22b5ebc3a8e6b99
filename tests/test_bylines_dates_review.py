"""Bylines and dates on text pages: a review of the seventh round's rules (branch h-authors19) found them taking too much
(a lead paragraph with three dates read as a ticker, a page's labelled dates thrown away, a sidebar's heading ending
the page above its date, a timeline under the page's date hiding it, a text's own short tokens cut as a forum's
jammer, words and titles after an office read as its writer, a video credit read as a name) and one exponential
match. Each test fails on h-authors19."""

from __future__ import annotations

import pytest

from monitor.extract.bylines import office_signature, role_line, split_byline
from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/a.html"
BODY = "开发区今年新引进项目十二个，总投资超过八十亿元，园区企业产值同比增长百分之十五，发展势头良好。"


def _date(text: str) -> str | None:
    page = extract_text_page(text, URL)
    return page.published.value.date().isoformat() if page.published else None


# A lead paragraph that names three dates is the text's first paragraph, no ticker: the page's date stands above it,
# and the labelled date further down the body is another event's.
def test_a_lead_paragraph_with_three_dates_is_no_ticker() -> None:
    text = "\n\n".join(["高新区分批开放申报", "2024-05-01 10:00",
                       "高新区今年分三批开放申报，第一批2024年5月10日开始，第二批2024年7月1日开始，第三批2024年9月1日开始。",
                       "报名时间为2024年6月1日至6月30日。"])
    assert _date(text) == "2024-05-01"


# A line of labelled dates (a policy page's fields) is the page's own: never a ticker.
@pytest.mark.parametrize("line", ["【发布日期】2024-05-06 【实施日期】2024-06-01 【失效日期】2029-05-31",
                                  "成文日期：2024年05月06日 发布日期：2024年05月06日 有效期至：2029年05月06日"])
def test_labelled_dates_on_one_line_are_no_ticker(line: str) -> None:
    assert _date("\n".join(["高新区关于印发实施方案的通知", line, "", BODY])) == "2024-05-06"


# A sidebar's or menu's heading above the text ('推荐阅读' over the title and its date line) ends nothing.
@pytest.mark.parametrize("heading", ["推荐阅读", "相关新闻"])
def test_a_related_heading_above_the_text_keeps_the_date(heading: str) -> None:
    text = "\n".join(["首页 > 新闻", heading, "高新区推进创新", "2024-05-01 10:00 来源：新华网", "", BODY])
    assert _date(text) == "2024-05-01"


# Dated rows above the text are the page's head (an e-paper's date, weekday and page) or a timeline under its date.
@pytest.mark.parametrize("head", [
    ["标题", "2024-05-01", "2023年1月5日 高新区获批", "2023年3月1日 园区开工", "2023年6月1日 项目投产"],
    ["2024年05月01日", "2024年05月01日 星期三", "2024年05月01日 第A01版：要闻"],
])
def test_dated_rows_above_the_text_keep_the_page_date(head: list[str]) -> None:
    assert _date("\n".join([*head, "", BODY])) == "2024-05-01"


# A text's own short tokens at a line's end are no jammer: '+-%.:&' and letters with digits are no jammer's symbols.
@pytest.mark.parametrize("tail", ["重点布局 5G 4K 3D AI & VR", "开放时间：9 : 00 - 17 : 00", "各季度增速分别为 5% 6% 7% 8% 9%",
                                  "同比变化 +5 +6 -2 +8 -1", "评级 A+ A A- B+ B", "答案 A. B. C. D. E.", "其中 x + y = z - 1"])
def test_short_ascii_tokens_of_the_text_are_kept(tail: str) -> None:
    assert tail in extract_text_page("\n".join(["标题", BODY, tail, BODY]), URL).body


# After an office, a word or a title is no writer, and the line stays in the body.
@pytest.mark.parametrize("closing", ["区统计局 解读", "宣传部 公告", "办公室 公示", "宣传科 方案", "党委办 简讯", "组织部 党建",
                                     "宣传部 文明", "办公室 管理", "政法委 司法", "应急局 应急", "宣传部 谢谢", "宣传科 祝贺",
                                     "区人社局 王主任"])
def test_a_word_after_an_office_is_no_writer(closing: str) -> None:
    assert office_signature(closing) is None
    page = extract_text_page("\n".join(["标题", BODY, BODY, closing]), URL)
    assert page.author is None
    assert closing in page.body


# A credit for the video or sound in the text's label is no part of the name.
@pytest.mark.parametrize("line", ["文/图/视频 李明", "图文/视频 李明", "文/图/摄像 李明"])
def test_a_video_credit_is_no_name(line: str) -> None:
    assert split_byline(line)[0] == "李明"


# Guard: a menu's bars between the media's names ('图文|视频|专题') credit no one.
def test_a_menu_of_media_names_no_writer() -> None:
    assert split_byline("图文|视频|专题")[0] is None


# A long line of names that could be roles is read in linear time (the old pattern took seconds at 94 characters);
# the pattern's cost shows as a result at a length the old one could not finish.
def test_role_line_reads_a_long_line() -> None:
    assert role_line("记者 " + "张三 记者 " * 300 + "x") is None
    assert role_line("记者 " + "张三 记者 " * 3 + "李四") == "张三 张三 张三 李四"
