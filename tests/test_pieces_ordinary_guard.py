"""Ordinary reports the roundup splitter must leave whole, and a roundup it must not over-split (issue 18). The pages
are a reviewer's reproductions (2026-12-07, review of the twenty-fourth batch's rules, which cut every one of them):
real layouts of wire stories, meeting and forum reports, a vox-pop and an inspection report, written out in
tests/data/ordinary_guard/. A subscriber given fragments of a meeting report loses the report, so each is a guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.extract.extractor import extract_article, extract_text_page

PAGES = Path(__file__).parent / "data" / "ordinary_guard"


def _pieces(name: str) -> list[tuple[str | None, str | None]]:
    page = (PAGES / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        article = extract_article(page, "https://news.example.cn/2024/0612/c1.html")
    else:
        article = extract_text_page(page, "https://news.example.cn/2024/0612/c1.txt")
    return [(p.author, p.author_post) for p in article.pieces]


@pytest.mark.parametrize("name", [
    # analysts quoted in a statistics report ('首席宏观分析师王青认为'): one wire story
    "statistics-report-analysts-renwei.txt",
    # a forum report: a vice-governor opens, experts follow with 'post NAME认为/提出'
    "forum-report-post-name-tichu.txt", "forum-report-post-name-tichu.html",
    # a standing committee's meeting: the secretary presides, the mayor and a deputy secretary '提出'
    "standing-committee-meeting-tichu.txt", "standing-committee-meeting-tichu.html",
    # tourists quoted in turn, each closing a quotation with 'NAME告诉记者'
    "vox-pop-gaosu-jizhe.txt", "vox-pop-gaosu-jizhe.html",
    # three officials of one meeting, each named again only in their own paragraphs (HTML)
    "meeting-three-officials-own-stretches.html",
    # deputies on an inspection, paragraphs opening '身为…，NAME代表认为' (HTML)
    "inspection-describing-clause-daibiao.html",
    # a feature about two deputies (HTML)
    "two-deputies-feature.html",
])
def test_an_ordinary_report_is_one_article(name: str) -> None:
    assert _pieces(name) == []


@pytest.mark.parametrize("name", ["roundup-person-quoted-inside-piece.txt", "roundup-person-quoted-inside-piece.html"])
def test_a_person_quoted_inside_a_piece_opens_no_piece_of_their_own(name: str) -> None:
    """A deputy's piece quotes the official who went with him ('…王刚说，全县已建成…'): that official is no signer."""
    assert [author for author, _ in _pieces(name)] == ["张伟", "李红", "陈东"]
