"""Roundup pages of every common shape split into their signed pieces (real pages in
tests/data/roundups, and short made-up pages for the shapes the real set lacks)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest

from monitor.extract.extractor import extract_article, extract_text_page
from monitor.items import ExtractedArticle
from tests.conftest import run_cli

ROUNDUPS = Path(__file__).parent / "data" / "roundups"
LABELS = json.loads((ROUNDUPS / "labels.json").read_text(encoding="utf-8"))["pages"]


def _page(name: str) -> ExtractedArticle:
    return extract_text_page((ROUNDUPS / name).read_text(encoding="utf-8"), f"https://example.cn/{name}")


def _signed(article: ExtractedArticle) -> list[tuple[str | None, str | None]]:
    return [(p.author, p.author_post) for p in article.pieces]


def _norm(text: str | None) -> str:
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\)", "", unicodedata.normalize("NFKC", text or ""))
    return "".join(c for c in text if not unicodedata.category(c).startswith(("P", "S", "Z", "C")))


def _right(article: ExtractedArticle, labelled: list[dict]) -> int:
    right = 0
    for gold in labelled:
        others = [o for o in labelled if o is not gold]
        for piece in article.pieces:
            body = _norm(piece.body)
            if (_norm(piece.author), _norm(piece.author_post)) == (_norm(gold["author"]), _norm(gold["post"])) \
                    and _norm(gold["first"]) in body and _norm(gold["last"]) in body \
                    and not any(_norm(o["first"]) in body or _norm(o["last"]) in body for o in others):
                right += 1
                break
    return right


def _tune(page: dict) -> bool:
    """The tune half, split as bench/extraction.py splits it (parity of the first byte of SHA-1 of the stem)."""
    return hashlib.sha1(page["file"].rsplit(".", 1)[0].encode()).digest()[0] % 2 == 0


def test_roundup_set_pieces_right() -> None:
    """The real roundup pages of the first nine batches: 85% of labelled pieces right (the floor this test was
    written with); the tune half of every batch, the newer ones too: 95%; the seed six of six. (The tenth to
    fifteenth batches' held-out halves are measured by bench/extraction.py, not asserted: no rule may be fitted
    to them; the sixteenth and seventeenth batches, each labelled after the rules before it, have their own floors
    below.)"""
    real = [p for p in LABELS if p["source"].startswith("published")]
    assert len(real) >= 20 and sum(len(p["pieces"]) for p in real) >= 60
    earlier = [p for p in real if p["batch"] not in ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                                                   "sixteenth", "seventeenth", "twentieth", "twentyfirst",
                                                   "twentyfourth", "twentyfifth")]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in earlier)
    assert right / sum(len(p["pieces"]) for p in earlier) >= 0.85
    tune = [p for p in real if _tune(p) and p["batch"] not in ("sixteenth", "seventeenth", "eighteenth", "twentieth",
                                                                       "twentyfirst", "twentyfourth", "twentyfifth")]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in tune)
    assert right / sum(len(p["pieces"]) for p in tune) >= 0.95
    # the sixteenth batch's tune half, 19/35 before the rules written from its failures and the held-out ones: 70%
    sixteenth = [p for p in real if _tune(p) and p["batch"] == "sixteenth"]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in sixteenth)
    assert right / sum(len(p["pieces"]) for p in sixteenth) >= 0.70
    # the seventeenth batch's tune half, 18/30 before the rules written from its failures (19/30 after): 62%
    seventeenth = [p for p in real if _tune(p) and p["batch"] == "seventeenth"]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in seventeenth)
    assert right / sum(len(p["pieces"]) for p in seventeenth) >= 0.62
    # the eighteenth batch's tune half, 8/24 before the rules written from the tune halves' failures (18/24 after): 75%
    eighteenth = [p for p in real if _tune(p) and p["batch"] == "eighteenth"]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in eighteenth)
    assert right / sum(len(p["pieces"]) for p in eighteenth) >= 0.75
    # the twentieth batch's tune half, 7/21 before the rules from the tune halves' failures (20/21 after): 90%;
    # its held-out half, labelled before the splitter ran on it, is measured by bench/extraction.py, not asserted
    twentieth = [p for p in real if _tune(p) and p["batch"] == "twentieth"]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in twentieth)
    assert right / sum(len(p["pieces"]) for p in twentieth) >= 0.90
    # the twenty-first batch's tune half, 6/22 before the rules from the tune halves' failures (11/22 after): 50%
    twentyfirst = [p for p in real if _tune(p) and p["batch"] == "twentyfirst"]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in twentyfirst)
    assert right / sum(len(p["pieces"]) for p in twentyfirst) >= 0.50
    # the twenty-fifth batch's tune half, 2/5 on arrival (fixed labels); the rules written from it were not merged (no
    # held-out gain): its floor is what the splitter reads today; its held-out half is measured by bench/extraction.py
    twentyfifth = [p for p in real if _tune(p) and p["batch"] == "twentyfifth"]
    right = sum(_right(_page(p["file"]), p["pieces"]) for p in twentyfifth)
    assert right / sum(len(p["pieces"]) for p in twentyfifth) >= 0.40
    seed = next(p for p in LABELS if p["file"].startswith("seed"))
    assert _right(_page(seed["file"]), seed["pieces"]) == 6


def test_dash_closer_on_the_quote_line() -> None:
    article = _page("r15-nankezia-dash-closers.txt")
    assert _signed(article)[:3] == [("李家春", "全國政協委員、中國科學院力學研究所學術委員會主任"),
                                    ("毛蘊詩", "全國政協委員、中山大學教授"), ("張志勇", "全國人大代表、山東省教育廳副廳長")]
    # A description before the post is not the post; a four-character name is kept whole.
    assert ("李其其格", "全國人大代表") in _signed(article)
    assert article.pieces[0].body == "“具有創新能力的‘中國制造’,才能真正獲得市場。”"  # ruby and signature gone


def test_dash_closer_with_what_was_said_after_the_name() -> None:
    article = _page("r16-taiwancn-dash-said.txt")
    assert [name for name, _ in _signed(article)] == ["陳道明", "艾克拜爾吾甫爾", "陳游標", "王海波", "崔永元"]
    assert article.title == "代表委員“哲學”話語談議題 警句妙言評民生"
    assert "隨著全國政協十一屆四次會議開幕" not in article.pieces[0].body  # the introduction is no piece


def test_dash_closer_alone_on_its_line() -> None:
    article = extract_text_page("代表委员说\n\n“高新区要敢闯敢试，当好改革的排头兵。”\n——全国人大代表、合肥高新区管委会主任宋道军\n\n"
                                "“要让更多科技成果在园区转化。”\n——全国政协委员、浙江大学教授周建华", "file:///x.txt")
    assert _signed(article) == [("宋道军", "全国人大代表、合肥高新区管委会主任"), ("周建华", "全国政协委员、浙江大学教授")]
    assert article.title == "代表委员说" and [p.headline for p in article.pieces] == ["", ""]
    assert article.pieces[1].body == "“要让更多科技成果在园区转化。”"


def test_reporter_closers_in_brackets_and_at_the_paragraph_end() -> None:
    bracketed = _page("r01-jjckb-reporters.txt")
    assert _signed(bracketed) == [("李佳鹏", "本报记者"), ("张莫", "本报记者"), ("杨烨", "本报记者")]
    assert "相关稿件" not in bracketed.pieces[-1].body
    trailing = _page("r03-xmwb-trailing-reporters.txt")
    assert _signed(trailing) == [("张龙", "本报记者"), ("邵宁", "本报记者"), ("潘高峰", "本报记者")]
    assert [p.headline for p in trailing.pieces] == ["", "一位代表", "一个点子"]
    assert "本报记者" not in trailing.pieces[1].body and "摄影报道" not in trailing.pieces[0].body


def test_name_with_a_colon_alone_on_a_line() -> None:
    article = _page("r04-yga-name-colon.txt")
    assert _signed(article) == [("霍建国", None), ("肖耿", None)]
    assert article.author == "黄芳"  # the page's own reporter, above the pieces


def test_post_and_name_with_a_colon_inline() -> None:
    article = _page("r10-965pp-post-name-colon.txt")
    assert _signed(article) == [("喬紅", "全國政協委員"), ("許慶民", "全國人大代表"), ("張興贏", "全國政協委員"),
                                ("畢諾", "阿聯酋中阿衛視記者"), ("塔尼亞 喬治亞娃 格盧赫切娃", "保加利亞《言論報》記者")]
    assert article.pieces[0].body.startswith("就是在講自己該講的事情")
    assert "責任編輯" not in article.pieces[-1].body and "ICP" not in article.pieces[-1].body


def test_name_then_post_in_brackets_with_a_colon() -> None:
    article = extract_text_page("高新区负责人谈发展\n\n张建国（西安高新区管委会主任）：今年我们将聚焦硬科技，推动一批重大项目落地。\n\n"
                                "李红梅（武汉东湖高新区党工委副书记）：光谷将继续做强光电子信息产业。\n\n"
                                "王志强（成都高新区党工委书记）：我们要以数字经济为引领。", "file:///x.txt")
    assert _signed(article) == [("张建国", "西安高新区管委会主任"), ("李红梅", "武汉东湖高新区党工委副书记"),
                                ("王志强", "成都高新区党工委书记")]
    assert article.title == "高新区负责人谈发展" and article.pieces[1].body == "光谷将继续做强光电子信息产业。"


def test_bracketed_name_and_post_alone_on_a_line() -> None:
    article = extract_text_page("专家笔谈\n\n【赵立新 清华大学教授】\n国家高新区是创新驱动发展的主阵地。\n\n"
                                "要在基础研究上下更大功夫。\n\n【孙晓燕 中国科学院研究员】\n园区要从招商引资转向招才引智。", "file:///x.txt")
    assert _signed(article) == [("赵立新", "清华大学教授"), ("孙晓燕", "中国科学院研究员")]
    assert article.pieces[0].body == "国家高新区是创新驱动发展的主阵地。\n\n要在基础研究上下更大功夫。"


def test_bracketed_name_opening_a_paragraph() -> None:
    article = _page("r20-wenweipo-bracket-names.txt")
    assert _signed(article)[:3] == [("張寶峰", None), ("張帥", None), ("胡若璋", None)]


def test_reporters_after_sub_headlines_two_sharing_one() -> None:
    article = extract_text_page("两会圆桌\n\n看变化\n\n记者张伟：这次采访，我最大的感受是代表们都在谈创新。\n\n"
                                "记者刘洋：我也注意到，很多代表提到了高新区的新产业。\n\n谈期待\n\n"
                                "记者陈静：代表们对营商环境的期待很高。", "file:///x.txt")
    assert [(p.headline, p.author, p.author_post) for p in article.pieces] == [
        ("看变化", "张伟", "记者"), ("看变化", "刘洋", "记者"), ("谈期待", "陈静", "记者")]
    assert article.title == "两会圆桌"


def test_sub_headline_then_a_paragraph_naming_post_and_name() -> None:
    article = extract_text_page("园区见闻\n\n走进创新工场\n\n上午9时，记者来到园区，全国人大代表、某某高新区管委会主任赵刚正在接待企业。\n\n"
                                "他说，今年要再引进一批项目。\n\n夜访实验室\n\n晚上8时，全国政协委员、某某大学教授钱敏仍在实验室。", "file:///x.txt")
    assert [(p.headline, p.author, p.author_post) for p in article.pieces] == [
        ("走进创新工场", "赵刚", "全国人大代表、某某高新区管委会主任"), ("夜访实验室", "钱敏", "全国政协委员、某某大学教授")]
    assert "今年要再引进一批项目" in article.pieces[0].body


def test_name_and_post_run_together_on_a_line() -> None:
    article = _page("r09-handmsg-name-post-lines.txt")
    assert _signed(article) == [("李言榮", "中國工程院院士四川大學校長"), ("王松靈", "中國科學院院士首都醫科大學副校長")]


def test_reporter_byline_under_a_headline() -> None:
    article = _page("r02-xmwb-special-reporters.txt")
    assert [(p.headline, p.author, p.author_post) for p in article.pieces] == [
        ("会场内外的坚持", "潘高峰", "特派记者"), ("代表的“城中故事”", "姚丽萍", "特派记者")]


@pytest.mark.parametrize(("name", "expected"), [
    ("r05-shandao-proposals.txt", ["張靜", "譚之平", "李暉", "趙長義"]),  # 'post、NAME建議', ruby in the names
    ("r07-zjol-members-think.txt", ["丁耀民", "樊建人", "成岳冲"]),  # 'NAME委员认为', after a quote too
    ("r13-81cn-vice-chairs.txt", ["张庆黎", "万钢", "何厚铧"]),  # 'post NAME在…时说'
    ("r17-hnchqz-members-concerns.txt", ["葛俊杰", "楊超", "賈康"]),  # 'post、NAME…：'
])
def test_quote_collections_one_piece_per_speaker(name: str, expected: list[str]) -> None:
    article = _page(name)
    assert [p.author for p in article.pieces] == expected
    assert all(p.body for p in article.pieces)


def test_html_article_holding_a_roundup_keeps_its_own_fields() -> None:
    lines = (ROUNDUPS / "r10-965pp-post-name-colon.txt").read_text(encoding="utf-8").splitlines()
    html = ("<html><head><title>两会通道受关注_新闻</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            "<h1>两会通道受关注</h1><div class='info'>2025-03-12 来源：新闻中心 记者 王明</div><div id='content'>"
            + "".join(f"<p>{line}</p>" for line in lines[:10]) + "</div></body></html>")
    article = extract_article(html, "https://example.cn/a.html")
    assert article.title == "两会通道受关注" and article.author == "王明"
    assert [p.author for p in article.pieces] == ["喬紅", "許慶民", "張興贏", "畢諾", "塔尼亞 喬治亞娃 格盧赫切娃"]
    assert "分享著參與“通道”采訪活動的感受" in article.body  # the article body is the whole article


def test_news_article_quoting_two_officials_is_not_split() -> None:
    html = ("<html><body><h1>高新区召开推进会</h1><div id='content'>"
            "<p>3月5日，某某高新区召开项目推进会，部署今年重点工作，区内五十家企业负责人参加了会议。</p>"
            "<p>高新区党工委书记张明说，今年要抓好项目建设，确保一批重大项目开工投产，形成新的增长点。</p>"
            "<p>高新区管委会主任李华表示，要优化营商环境，为企业提供更好的服务，解决企业发展中的困难。</p>"
            "<p>会议还通报了去年的工作情况，并对今年的目标任务进行了分解，各部门负责人作了表态发言。</p>"
            "</div></body></html>")
    assert extract_article(html, "https://example.cn/b.html").pieces == ()


def test_cli_json_pieces_contract_and_human_output() -> None:
    path = ROUNDUPS / "r01-jjckb-reporters.txt"
    result = run_cli("extract", "--json", "--url", "https://paper.example.cn/p.htm", str(path))
    page = json.loads(result.stdout.splitlines()[0])
    assert result.returncode == 0 and len(page["pieces"]) == 3
    for number, piece in enumerate(page["pieces"], start=1):
        assert set(piece) >= {"title", "page_title", "author", "author_post", "published_at", "body", "url"}
        assert piece["url"] == f"https://paper.example.cn/p.htm#piece-{number}"
        assert piece["page_title"] == page["title"] and piece["published_at"] == page["published_at"]
    human = run_cli("extract", str(path)).stdout
    assert "piece 2: 张莫 | 本报记者" in human and "这是我买的政协会议的纪念画册" in human


def test_forum_mirror_paragraphs_run_together_on_one_line() -> None:
    line = ("两会期间，代表们热议政府工作报告，大家纷纷表示报告令人振奋，内容紧扣改革发展，句句关乎国计民生，提到了很多群众关心的问题。 "
            "王建国代表说，报告总结成绩客观实在，部署工作切合规律，我们一定要认真审议，履行好人大代表的职责，把群众的期盼带到会上。 "
            "李秀英代表说，报告中有很多新理念新部署，我带来了一些有关民生的建议，回去还要结合报告再进行完善，为家乡发展出力。")
    article = extract_text_page(line, "file:///forum.txt")
    assert _signed(article) == [("王建国", "代表"), ("李秀英", "代表")]
    assert article.pieces[0].body.endswith("把群众的期盼带到会上。")


def test_name_then_post_with_a_colon() -> None:
    article = extract_text_page("院长谈创新\n\n张建国 西安交通大学副校长：我们要把论文写在祖国大地上。\n\n"
                                "李红梅 武汉大学教授：高校要和园区深度合作。", "file:///x.txt")
    assert _signed(article) == [("张建国", "西安交通大学副校长"), ("李红梅", "武汉大学教授")]
    assert article.pieces[0].body == "我们要把论文写在祖国大地上。"


@pytest.mark.parametrize("text", [
    "代表说\n\n“要敢闯敢试。”——张建国（全国人大代表、合肥市市长）\n\n“要让成果转化。”——李红梅（浙江大学教授）",
    "代表说\n\n“要敢闯敢试。”\n——张建国，全国人大代表、合肥市市长\n\n“要让成果转化。”\n——李红梅，浙江大学教授",
    "代表说\n\n“要敢闯敢试。”——全国人大代表、合肥市市长 张建国\n\n“要让成果转化。”——浙江大学教授 李红梅",
])
def test_dash_closer_name_and_post_in_any_order(text: str) -> None:
    article = extract_text_page(text, "file:///x.txt")
    assert _signed(article) == [("张建国", "全国人大代表、合肥市市长"), ("李红梅", "浙江大学教授")]
    assert [p.body for p in article.pieces] == ["“要敢闯敢试。”", "“要让成果转化。”"]
