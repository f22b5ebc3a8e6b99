"""General rules from the failures on the held-out roundups (batches 1-15) and the sixteenth batch's tune half,
grouped by kind (tests/data/roundups/README.md): each test is a short made-up page in a real page's layout that
fails without its rule."""

from __future__ import annotations

from monitor.extract.extractor import extract_text_page
from monitor.items import ExtractedArticle


def _signed(article: ExtractedArticle) -> list[tuple[str | None, str | None]]:
    return [(p.author, p.author_post) for p in article.pieces]


def test_a_strong_signature_among_weak_ones_signs_its_own_paragraph() -> None:
    """Kind: one speaker introduced 'post NAME认为：“…”' between speakers introduced by a quotation then
    'post NAME代表说' (r137, r48): the weak family wins and the strong signature was merged into the piece above."""
    page = (
        "营商环境怎么优化？几位代表利用休息时间和网友交流。\n\n"
        "“营商环境的根本问题是政企关系。”江苏省发展改革委主任王立新代表说。\n\n"
        "“制度供给是营商环境的底座。”江苏省司法厅厅长赵国平代表说。\n\n"
        "南京市江宁区委书记陈光明代表认为：“要做好服务企业的店小二，有求必应，无事不扰。”\n\n"
        "苏宁集团副总裁孙为民代表认为，企业自身也要诚信经营，提高管理水平。"
    )
    article = extract_text_page(page, "file:///x.txt")
    assert [a for a, _ in _signed(article)] == ["王立新", "赵国平", "陈光明", "孙为民"]
    assert "店小二" in article.pieces[2].body and "店小二" not in article.pieces[1].body
