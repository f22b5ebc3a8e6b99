"""General mechanisms from the failures on the roundups' tune halves, the seventeenth batch's included
(tests/data/roundups/README.md): speakers introduced mid-paragraph or in the paragraph above their quotation, a
closing quotation mark eaten by mojibake, the page's reporter byline or dateline above its speakers. Each page is
made up, in a real page's layout, and fails without its rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from monitor.items import ExtractedArticle


def _signed(article: ExtractedArticle) -> list[tuple[str | None, str | None]]:
    return [(p.author, p.author_post) for p in article.pieces]


def test_a_speaker_introduced_after_a_bridge_sentence_with_words_before_the_verb() -> None:
    """Kind: a speaker introduced after a bridge sentence, words between the name and the verb leading into the
    quotation ('…冯骥才以自己二十五年的委员履历向记者说明，“…”'), not read (r167)."""
    page = (
        "“白说”到“不白说”\n\n"
        "回忆起早年的顺口溜，政协委员们都笑了。\n\n"
        "对于这个变化，委员们感触很深。著名作家林家明以自己十年的委员经历向记者说明，“现在的建议大多管用了。”\n\n"
        "林家明说，他提过的古村落保护提案已经一一实现。\n\n"
        "著名演员、三届政协委员王海生也觉得自己的话没白说。他关于曲艺扶持的建议已获落实。\n\n"
        "著名画家、政协委员陈立华也有同感，他的美育提案写进了文件。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert [a for a, _ in _signed(article)] == ["林家明", "王海生", "陈立华"]
    assert _signed(article)[0] == ("林家明", "著名作家")
    assert "古村落" in article.pieces[0].body


def test_the_reporters_byline_above_speakers_introduced_then_quoted_signs_no_piece() -> None:
    """Kind: the lead and the first speaker signed by the page's reporters (a byline alone on a line), the speaker
    introduced with a post in one paragraph and quoted ('“…”NAME说') in the next (r158)."""
    page = (
        "新华网 正文\n\n"
        "新华社北京11月27日电 题：工程院增选“含金量”几何？\n\n"
        "新华社记者张晓明、刘芳\n\n"
        "中国工程院27日公布院士增选结果，67名佼佼者脱颖而出，平均年龄约56岁。\n\n"
        "转场成功、静力试验稳步推进……今年5月首飞以来，捷报频传。"
        "新当选院士、国产大飞机总设计师王光明始终把早日实现大飞机翱翔蓝天作为自己的使命。\n\n"
        "“当选院士，是荣誉更是责任。”王光明说。\n\n"
        "新当选院士、北京大学第三医院院长赵丽芳在临床一线工作30年，一直致力于生殖医学研究。\n\n"
        "“作为一名医生，为生命健康保驾护航是义不容辞的责任。”赵丽芳坦言。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("王光明", "新当选院士、国产大飞机总设计师"), ("赵丽芳", "新当选院士、北京大学第三医院院长")]
    assert "捷报频传" in article.pieces[0].body and "始终把" in article.pieces[0].body and "荣誉更是责任" in article.pieces[0].body
    assert "67名" not in article.pieces[0].body


def test_a_closing_quotation_mark_eaten_by_mojibake_and_the_reporters_dateline() -> None:
    """Kinds: a speaker after a quotation whose closing mark mojibake turned into '?!' and a few garbled characters
    up to a comma not read; the page's dateline '【本报记者NAME】' opening the first paragraph signing the lead (r138)."""
    page = (
        "【本报记者程小明】“一个地方营商环境好不好，企业感受最深?!?/font>\n\n"
        "3月7日下午，工商联界别委员就优化营商环境展开讨论，委员们畅所欲言。\n\n"
        "“营商环境好，社会交易成本低，社会就能快速发展?!比珖f委员，上海市工商联副主席林海文如是说。\n\n"
        "全国政协委员、安徽省工商联副主席聂小磊谈到，良好的营商环境既是生产力，也是竞争力。\n\n"
        "“加强对企业舆情问题的保护机制?!比珖f委员，云南省工商联副主席阮红先建议，加大对非法职业打假人的惩处力度。\n\n"
        "全国政协委员、天津市工商联主席娄小杰认为，应充分重视促进民营经济的举措。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert _signed(article) == [("林海文", "上海市工商联副主席"), ("聂小磊", "全国政协委员、安徽省工商联副主席"),
                                ("阮红先", "云南省工商联副主席"), ("娄小杰", "全国政协委员、天津市工商联主席")]
    assert "社会交易成本低" in article.pieces[0].body and "企业感受最深" not in article.pieces[0].body


def test_a_name_inside_a_when_clause_signs_nothing() -> None:
    """Kind: the person someone meets read as the speaker, the words before the name a clause about the moment
    ('当王赤从…执行主席白春礼手中接过院士证书时': post '当王赤从…', name '白春礼'; r145)."""
    page = (
        "当选院士是一种什么感觉？\n\n浏览\n\n"
        "“感恩、责任、珍惜。”11月22日，当王明从中科院院长、学部主席团执行主席李春华手中接过院士证书时，"
        "他用这样六个字形容了自己的心情。\n\n"
        "中国科学院空间中心主任王明说，在这样一个特殊的日子里，自己特别想感谢父母。\n\n"
        "当选院士后的第一件事\n\n"
        "11月22日中午，刚领完院士证书的中国科学院城市环境研究所研究员朱永明坐上一辆公交车回到办公室。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert "李春华" not in [a for a, _ in _signed(article)]
