"""The check the roundup tests repeat: a made-up page goes through the text extractor and its pieces are read back
as (author, post) pairs."""

from __future__ import annotations

from collections.abc import Sequence

from monitor.extract.extractor import extract_text_page
from monitor.items import ExtractedArticle

Signature = tuple[str | None, str | None]


def signed(article: ExtractedArticle) -> list[Signature]:
    """Each piece's author and post, in page order."""
    return [(p.author, p.author_post) for p in article.pieces]


def assert_signed(page: str, expected: Sequence[str] | Sequence[Signature]) -> ExtractedArticle:
    """Splits a text page and checks who signs its pieces: `expected` lists authors alone (names) or (author, post)
    pairs. Returns the article so a test can go on to check the pieces' bodies."""
    article = extract_text_page(page, "file:///x.txt")
    pairs = signed(article)
    if all(isinstance(e, str) for e in expected):
        assert [author for author, _ in pairs] == list(expected)
    else:
        assert pairs == [tuple(e) for e in expected]
    return article
