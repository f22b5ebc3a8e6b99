"""Multi-piece pages: the seed OCR page, an OCR page of another layout, an e-paper HTML page."""

import json
import re
from pathlib import Path

import pytest

from monitor.extract.extractor import extract_article, extract_text_page
from monitor.extract.pieces import place_keys, split_pieces, split_text_blocks
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data" / "extraction"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "newspaper-page-2022.txt"

SEED_PIECES = [
    ("使稀土资源“料成材、材成器、器高端”", "郭军军", "包头稀土高新区管委会主任", "包头"),
    ("助力制造业向高端、智能、绿色蝶变", "肖从亮", "内江高新区党工委副书记、管委会主任", "内江"),
    ("建设创新示范区、发展先行区", "凌兵奎", "平顶山高新区党工委书记", "平顶山"),
    ("让宝鸡制造“装备中国、走向世界”", "李峰科", "宝鸡高新区党委书记、管委会主任", "宝鸡"),
    ("推进“十个一”创新生态模式", "秦苏良", "山西省长治市副市长、长治高新区党委书记、管委会主任", "长治"),
    ("构建产业区域联动发展新格局", "李鹏", "信阳高新区党委书记、管委会主任", "信阳"),
]


def _sentences(body: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", body.replace("\n\n", "")) if len(s) >= 15]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed page not present")
def test_seed_page_splits_into_its_six_pieces() -> None:
    article = extract_text_page(SEED.read_text(encoding="utf-8"), "file:///newspaper-page-2022.txt")
    got = [(p.headline, p.author, p.author_post) for p in article.pieces]
    assert got == [(h, a, post) for h, a, post, _ in SEED_PIECES]
    assert article.title == "打造科技创新高地 构建经济新增长极"
    assert "视觉中国供图" not in article.body and "国家高新区负责人谈高质量发展" not in article.body
    places = [place for *_, place in SEED_PIECES]
    assert sum(place in piece.body for piece, (*_, place) in zip(article.pieces, SEED_PIECES, strict=True)) >= 5
    seen: dict[str, int] = {}
    for index, (piece, (*_, place)) in enumerate(zip(article.pieces, SEED_PIECES, strict=True)):
        # no text of one piece in another: no other piece's place, no sentence twice
        assert not [p for p in places if p != place and p in piece.body], piece.headline
        for sentence in _sentences(piece.body):
            assert seen.setdefault(sentence, index) == index, sentence
            assert piece.body.count(sentence) == 1, sentence
    # The paragraphs printed twice on the page come out once; out-of-order columns join their piece.
    assert article.body.count("落地,一批稀土产业项目开工建设") == 1
    assert article.body.count("坚持创新驱动发展,打造创新高地") == 1
    assert "宝鸡" in article.pieces[3].body and "做好民生工作" in article.pieces[3].body
    # A column break mid-sentence is rejoined.
    assert "一批稀土类上市公司引进落地,一批稀土产业项目" in article.pieces[0].body


def test_ocr_page_of_another_layout() -> None:
    article = extract_text_page((DATA / "ocr-three-columns.txt").read_text(encoding="utf-8"), "file:///x.txt")
    assert [(p.headline, p.author, p.author_post) for p in article.pieces] == [
        ("以数字经济激活发展新动能", "王立新", "成都高新区党工委书记"),
        ("让科技成果就地转化", "赵海燕", "绵阳高新区管委会副主任"),
        ("打造生物医药产业高地", "孙伟", "泰州医药高新区党工委副书记、管委会主任"),
    ]
    assert article.title == "创新引领 产城融合"
    chengdu, mianyang, taizhou = (p.body for p in article.pieces)
    assert "本报记者" not in article.body  # the caption is dropped, not read as a byline
    assert "科创走廊" in mianyang and "科创走廊" not in chengdu  # out-of-order paragraph goes by place
    assert chengdu.count("推动更多科技成果在区内转化落地") == 1  # fragment rejoined, repeat collapsed
    assert "绵阳" not in chengdu + taizhou and "泰州" not in chengdu + mianyang


def test_epaper_html_page() -> None:
    html = (DATA / "epaper-page.html").read_text(encoding="utf-8")
    article = extract_article(html, "https://epaper.example.cn/2023-03/08/05.html")
    assert [(p.headline, p.author, p.author_post) for p in article.pieces] == [
        ("以改革激发园区活力", "刘建国", "西安高新区党工委副书记、管委会主任"),
        ("做强光谷产业集群", "黄志强", "东湖高新区党工委委员、管委会副主任"),
        ("推动创新链产业链深度融合", "周敏", "苏州工业园区党工委委员"),
    ]
    assert article.title == "聚焦主责主业 建设一流园区"
    assert article.published is not None and article.published.value.date().isoformat() == "2023-03-08"
    assert "资料图" not in article.body and "往期回顾" not in article.body and "版权所有" not in article.body
    assert all(p.body in article.body for p in article.pieces)


def test_single_signed_text_is_not_split() -> None:
    text = "标题一行\n\n张三 某某高新区管委会主任\n\n正文第一段，内容。\n\n正文第二段，内容。"
    assert split_pieces(split_text_blocks(text)).pieces == ()


def test_place_keys_from_posts() -> None:
    assert place_keys("山西省长治市副市长、长治高新区党委书记") == {"山西", "长治"}
    assert place_keys("包头稀土高新区管委会主任") == {"包头"}


def test_cli_extract_prints_pieces() -> None:
    result = run_cli("extract", "--json", str(DATA / "ocr-three-columns.txt"), str(DATA / "missing.html"))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    page, missing = lines
    assert set(page) >= {"path", "title", "author", "author_post", "published_at", "source_name", "body", "pieces"}
    assert [p["author"] for p in page["pieces"]] == ["王立新", "赵海燕", "孙伟"]
    assert page["body"] == "\n\n".join(p["body"] for p in page["pieces"])
    assert "error" in missing
