"""The dedup stage: is this article already stored, as itself or as a copy of another?

Thin version, two levels, each returned as a verdict with its evidence:
1. same canonical URL: ``Unchanged`` (same body hash) or ``Revision`` (body changed);
2. same hash of the normalised body: ``DuplicateOf(level="hash", similarity=1.0)``.
Otherwise ``New``. Storage records the verdict; nothing is dropped here.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from .items import DedupVerdict, DuplicateOf, ExtractedArticle, New, Revision, Unchanged
from .models import Article
from .normalise import content_hash

__all__ = ["Deduplicator"]


class Deduplicator:
    def __init__(self, session: Session) -> None:
        self.session = session

    def check(self, article: ExtractedArticle) -> DedupVerdict:
        digest = content_hash(article.body)
        same_url = self.session.exec(select(Article).where(Article.url == article.url)).first()
        if same_url is not None:
            assert same_url.id is not None
            if same_url.content_hash == digest:
                return Unchanged(same_url.id)
            return Revision(same_url.id, digest)
        same_text = self.session.exec(
            select(Article).where(Article.content_hash == digest).order_by(col(Article.id)).limit(1)
        ).first()
        if same_text is not None:
            assert same_text.id is not None
            return DuplicateOf(same_text.id, 1.0, "hash", digest)
        return New(digest)
