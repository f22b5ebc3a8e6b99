"""Bylines on ordinary news pages (issue 18), eleventh round: general evidence the credit readers lacked, each reader
checking a candidate name against places, titles and offices before taking it (the review of round ten found its
readers dropping writers named like offices, cutting a name and a title or a place and a name into two writers). Tune
pages: datecheck twenty-fifth batch (wlctjt.com), twenty-sixth batch (news.sina.com.cn, zajihe.com). Each rule's test
fails on main; guard tests, asserting what a rule must not change, pass on both."""

from __future__ import annotations

import pytest

from monitor.extract import bylines
from monitor.extract.extractor import extract_text_page

URL = "https://example.cn/news/a.html"


def _names(author: str | None) -> set[str]:
    return set((author or "").split())


# an office, then its writer, in a bracket closing the text ----------------------------------------------------------

@pytest.mark.parametrize(("closing", "writer"), [
    ("（党群部 张成惠）", "张成惠"),
    ("(党政办 刘海燕)", "刘海燕"),
    ("（办公室 周建国）", "周建国"),
])
def test_an_office_before_its_writer_in_the_closing_bracket(closing: str, writer: str) -> None:
    text = ("集团机关党支部开展主题党日活动\n2024-09-28 来源：本站\n"
            "9月27日上午，建投集团机关党支部组织党员参加了社区“喜迎国庆，共度中秋”活动。此次活动的开展，进一步密切了"
            "企业党员和社区居民的感情，对促进社会和谐发展起着重要作用。" + closing)
    assert extract_text_page(text, URL).author == writer


@pytest.mark.parametrize("credit", [
    "（王文科 李明）",  # a writer whose name ends like an office (科) is no office: the credit is left unread, as on main
    "（宣传科 李明）",  # ... and an office whose name looks like a person's, ending with 科, is not taken for one
    "（区委宣传部 供稿）",  # an office alone names no one
    "（党群部）",
])
def test_no_writer_is_dropped_or_made_by_the_office_test(credit: str) -> None:
    found = bylines.credited_writers(credit.strip("（）"))
    assert found is None


def test_a_reporter_named_like_an_office_is_never_dropped() -> None:
    # after a reporter's role no office is looked for: the credit names both or (main's reading) none
    found = bylines.credited_writers("记者 王文科 通讯员 李明")
    assert found is None or "王文科" in found.split()


# two names run together in a credit listing names apart -------------------------------------------------------------

def test_two_names_run_together_after_a_reporter_role() -> None:
    text = ("全省产业园区工作会组织参观考察\n"
            "本报讯 (记者 胡敏 曾实董世梅 陈岳海)昨(6)日，全省产业园区工作会在学习考察中拉开帷幕。数字显示，目前我省已有各类"
            "产业园区191个，产业园区工业增加值占全省规模以上工业增加值的比重达到43.1%。")
    assert _names(extract_text_page(text, URL).author) == {"胡敏", "曾实", "董世梅", "陈岳海"}


@pytest.mark.parametrize("credit", [
    "记者 张三 王小明老师",  # a name and a title are no two writers
    "记者 李明 临沂王建平",  # a place the gazetteer knows and a name are no two writers
    "记者 李明 高新王建平",  # a word starting with a surname is no name
])
def test_no_cut_makes_a_writer_of_a_title_a_place_or_a_word(credit: str) -> None:
    found = bylines.credited_writers(credit)
    assert found is None or not {"王小", "明老师", "临沂", "高新"} & set(found.split())


@pytest.mark.parametrize("credit", ["记者 欧阳明高 李四", "记者 李四 司马光明"])
def test_a_compound_surname_and_its_name_are_not_cut(credit: str) -> None:
    found = bylines.credited_writers(credit)
    assert found is None or not {"欧阳", "明高", "司马", "光明"} & set(found.split())


def test_a_run_together_name_alone_is_not_cut() -> None:
    # without names printed apart beside it there is no evidence a space was lost
    assert bylines.credited_writers("记者 曾实董世梅") is None


# a source line naming an office, then its writers ------------------------------------------------------------------

def test_every_writer_a_source_line_names_after_its_office() -> None:
    text = ("诏安加大对粤招商引资力度\n"
            "文章来源:诏安县委办新闻科 吴楠 沈乾生 文章整理:诏安集合网 CC一梦\n"
            "9月22日，笔者从诏安县招商办获悉，今年来，该县借助闽粤经济合作区建设契机，加大对粤招商引资力度。截至目前，"
            "引进粤资项目15个，总投资88.4亿元。")
    assert _names(extract_text_page(text, URL).author) == {"吴楠", "沈乾生"}


@pytest.mark.parametrize(("line", "writers"), [
    ("来源：人民日报 张三 编辑 李四", "张三"),  # an editor's label ends the names
    ("来源：新华社 张三 北京", "张三"),  # a place is no writer
    ("来源：《瞭望》新闻周刊 孙英兰", "孙英兰"),
    ("文章来源:县委办新闻科 吴楠 关闭 文章整理:本站", "吴楠"),  # a page's word after the name is no writer
    ("文章来源:县委办新闻科 吴楠 全文阅读 文章整理:本站", "吴楠"),
    ("文章来源:县委办新闻科 吴楠 原创稿 发布时间:2024-09-22", "吴楠"),  # a document's, a site's, a staff word
    ("文章来源:县委办新闻科 吴楠 华夏网 发布时间:2024-09-22", "吴楠"),
    ("文章来源:县委办新闻科 吴楠 管理员 发布时间:2024-09-22", "吴楠"),
    ("文章来源:县委办新闻科 吴楠 石家庄 发布时间:2024-09-22", "吴楠"),  # a place
    ("来源：新华网 张三 李明华 打印 关闭", "张三"),  # names not closing the field
])
def test_a_source_line_reads_no_editor_and_no_place(line: str, writers: str) -> None:
    assert bylines.split_byline(line)[0] == writers
