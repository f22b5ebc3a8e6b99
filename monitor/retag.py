"""`monitor retag`: tag the stored articles again (after the taxonomy or the gazetteer changed), through the
same call as a crawl or an import (``tag_article``), with each article's source's zones from the sources file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.items import ExtractedArticle
from monitor.store import Articles
from monitor.store.models import Article, Source
from monitor.tag import tag_article

__all__ = ["COMMIT_EVERY", "retag_articles"]

COMMIT_EVERY = 200  # articles per transaction


def retag_articles(engine: Engine, source_zones: Mapping[str, Sequence[str]], since: datetime | None = None,
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Replace the tags of the articles stored since `since` (every article: None), oldest first; returns how many.
    `source_zones`: each source's zones by source name; `progress(done, total)` after each article."""
    done = 0
    with Session(engine) as session:
        query = select(Article.id)
        if since is not None:
            query = query.where(col(Article.stored_at) >= since)
        ids = list(session.exec(query.order_by(col(Article.id))).all())
        names = dict(session.exec(select(Source.id, Source.name)).all())
        articles = Articles(session)
        for article_id in ids:
            row = session.get(Article, article_id)
            assert row is not None and row.id is not None
            article = ExtractedArticle(url=row.url, title=row.title, body=row.body, author=row.author,
                                       author_post=row.author_post)
            articles.retag(row.id, tag_article(article, source_zones.get(names.get(row.source_id, ""), ()), url=row.url))
            done += 1
            if done % COMMIT_EVERY == 0:
                session.commit()
            if progress is not None:
                progress(done, len(ids))
        session.commit()
    return done
