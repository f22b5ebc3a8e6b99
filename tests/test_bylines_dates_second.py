"""Bylines and dates: rules from the tune half of the fresh check set (tests/data/datecheck) and
of the annotated pages, plus the whole check set's scores."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from monitor.extract.bylines import split_byline
from monitor.extract.extractor import extract_article, extract_text_page
from monitor.extract.pieces import _post
from monitor.timefmt import format_published

CHECKS = json.loads((Path(__file__).parent / "data" / "datecheck" / "pages.json").read_text(encoding="utf-8"))["pages"]
_BODY = "<p>" + "高新区今年新引进企业一百余家，产业规模持续扩大，创新能力不断提升。" * 3 + "</p>"


@pytest.mark.parametrize(("line", "expected"), [
    ("人民日報中央廚房-大江東工作室 姜泓冰 池淑雅", "姜泓冰 池淑雅"),  # an organisation, then its writers
    ("发布时间:2012-06-19 来源:《瞭望》新闻周刊 孙英兰 【字号:", "孙英兰"),  # a source, then its writer
    ("本報記者 李倩", "李倩"),  # traditional labels read through simplified script
    ("文章來(lái)源:澎湃新聞 發(fā)布時(shí)間:2021-03-10 作者:湯琪 責(zé)任編輯:蘇向東", "湯琪"),  # names as printed
])
def test_bylines_found(line: str, expected: str) -> None:
    assert split_byline(line)[0] == expected


@pytest.mark.parametrize("line", ["人民網", "人民网", "移動版", "小字号", "文章來源: 新華社 發布時間: 2017-03-04 責任編輯: 焦源源"])
def test_site_names_ui_words_and_editors_are_no_bylines(line: str) -> None:
    assert split_byline(line) == (None, None)


def test_text_page_reporter_signing_at_the_end() -> None:
    text = ("委员发言时念材料被打断\n2013年01月08日 来源:齐鲁晚报\n" + "委员们脱稿讨论，气氛热烈，很多观点十分新颖。\n" * 6
            + "本报记者 李倩\n3 上一篇 下一篇 4 放大 缩小 默认\n")
    article = extract_text_page(text, "https://example.cn/a.txt")
    assert article.author == "李倩"


def test_group_and_connective_words_are_no_post() -> None:
    assert _post("多名司局长") is None and _post("3位司长") is None
    assert _post("而保安局局长") == "保安局局长"


def test_citation_dates_are_not_the_page_s_and_a_modified_date_beats_an_event_date() -> None:
    html = ('<html><head><meta itemprop="dateUpdate" content="2020-02-14 10:47:36"></head><body><h1>蔡某某</h1>'
            "<p>2017年7月18日，她发行新专辑。</p>" + _BODY * 2
            + "<ul><li>参考资料：第17届金曲奖揭晓．新浪 [引用日期2014-05-19]</li></ul></body></html>")
    article = extract_article(html, "https://example.cn/item")
    assert format_published(article.published).startswith("2020-02-14")
    without_modified = html.replace('<meta itemprop="dateUpdate" content="2020-02-14 10:47:36">', "")
    assert format_published(extract_article(without_modified, "https://example.cn/item").published).startswith("2017-07-18")


def test_fresh_check_set_scores() -> None:
    """The real text pages (both halves): dates right, writers found, authors made up on at most
    one page in ten of those naming none."""
    assert len(CHECKS) >= 50 and {hashlib.sha1(e["url"].encode()).digest()[0] % 2 for e in CHECKS} == {0, 1}
    dates, found, made_up = [], [], []
    for entry in CHECKS:
        article = extract_text_page(entry["text"], entry["url"])
        got = (article.author or "").replace(" ", "")
        if entry["date"]:
            dates.append((format_published(article.published) or "").startswith(entry["date"]))
        if entry["authors"]:
            found.append(all(name in got for name in entry["authors"]))
        else:
            made_up.append(bool(article.author))
    assert sum(dates) / len(dates) >= 0.95
    assert sum(found) / len(found) >= 0.75
    assert sum(made_up) / len(made_up) <= 0.1


@pytest.mark.parametrize("text", ["两会媒体竞争十分激烈，记者们忙着记录……（新华社记者刘卫兵摄）", "中新社记者 杜洋 摄",
                                  "3月3日，委员在认真听会。新华社记者 姚大伟摄"])
def test_a_reporter_credited_with_a_photo_is_no_writer(text: str) -> None:
    """datecheck news.cri.cn (tune half): '（新华社记者刘卫兵摄）' names a photographer; a photo story
    ('摄影报道') is still written by its reporter."""
    assert split_byline(text) == (None, None)
    assert split_byline("本报记者 李四 摄影报道")[0] == "李四"


def test_text_page_writers_in_a_bracket_closing_the_last_paragraph() -> None:
    """datecheck big5.www.gov.cn (tune half): '…（記者 張輝、通訊員 楊霖瀟）' at the end of the text, above
    the editor line, gives both writers."""
    text = ("湖北省政協全會開幕前收到提案205件\n2019-01-13 09:36 來源: 湖北日報\n"
            + "委員們圍繞經濟發展踴躍建言，提案質量不斷提升。\n" * 6
            + "省政協提案委員會還將提案工作服務端口前移。(記者 張輝、通訊員 楊霖瀟)\n【我要糾錯】 責任編輯:祁培育\n")
    article = extract_text_page(text, "https://example.cn/b.txt")
    assert article.author == "張輝 楊霖瀟"
    assert "通訊員 楊霖瀟" in article.body


def test_writers_in_brackets_after_a_dateline() -> None:
    """datecheck paper.ycnews.cn (tune half): '本报讯 （王文 肖兆力）近日…' names the writers with no role word;
    a bracket holding anything but names ('（高新区供稿）') names no one."""
    assert split_byline("本报讯 （王文 肖兆力）近日，建湖高新区邀请新乡贤参加活动。")[0] == "王文 肖兆力"
    assert split_byline("本报讯（高新区供稿）近日，园区举行活动。") == (None, None)


# Sixth batch of the check set (tune half): a comma after the name ends the author field, and a two-character
# name padded to the width of three ('孙 鑫') is one name.
@pytest.mark.parametrize(("text", "expected"), [
    ("管理员\n2024-11-10 15:38:50\n项飙：为承认而挣扎\n作者:项飙,英国牛津大学人类学院教授;德国某研究所所长来源:《澳门理工学报》"
     "2021年第4期;编辑:周悦\n\n“为承认而斗争”是黑格尔的一个重要哲学命题，强调个体间的互相承认是社会稳定的基础。", "项飙"),
    ("文/孫 鑫 王玨婧 戴 薇\n新任全國人大代表袁國華是上海臨港經濟發展（集團）有限公司黨委書記、董事長。", "孫鑫 王玨婧 戴薇"),
])
def test_author_field_with_a_post_after_a_comma_and_padded_names(text: str, expected: str) -> None:
    assert extract_text_page(text, "https://example.cn/a.html").author == expected
