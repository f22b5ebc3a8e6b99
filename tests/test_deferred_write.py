"""A stored article's INSERT is not waited for on PostgreSQL (monitor.dedup.deferred_write): its failure must still
reach the caller, as the SQLAlchemy exception a synchronous INSERT raises, before its transaction can commit.
The tests run on SQLite too, where the INSERT is synchronous: callers see the same behaviour on both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlmodel import Session, func, select

from monitor.items import DedupVerdict, ExtractedArticle, TagSet
from monitor.store.models import Article
from monitor.timefmt import utcnow
from tests.test_dedup import Corpus, _article, _body

URL = "https://race.example/1"


def _stored(corpus: Corpus, url: str) -> int:
    with Session(corpus.engine) as session:
        return session.exec(select(func.count()).select_from(Article).where(Article.url == url)).one()


def _store(corpus: Corpus, article: ExtractedArticle, verdict: DedupVerdict) -> None:
    corpus.articles.store_article(article, verdict, TagSet(), corpus.sources.row("site-a", "html"), utcnow())


@pytest.fixture
def writers(migrated_url: str) -> Iterator[tuple[Corpus, Corpus]]:
    first, second = Corpus(migrated_url), Corpus(migrated_url)
    yield first, second
    second.close()
    first.close()


def _lose_a_race(writers: tuple[Corpus, Corpus]) -> tuple[ExtractedArticle, DedupVerdict]:
    """Both writers judge URL new; the first stores and commits it. Returns what the second then stores."""
    first, second = writers
    article = _article(URL, _body("cwce-3"))
    verdict = second.dedup.check(article)
    second.session.commit()  # SQLite: no read transaction left open under the other writer
    first.add(article)
    return article, verdict


def test_a_failed_insert_fails_its_commit_and_stores_nothing(writers: tuple[Corpus, Corpus]) -> None:
    first, second = writers
    article, verdict = _lose_a_race(writers)
    with pytest.raises(sa.exc.IntegrityError):  # SQLite: at the INSERT; PostgreSQL: by the commit
        _store(second, article, verdict)
        second.session.commit()
    second.session.rollback()
    assert _stored(first, URL) == 1
    second.add(_article("https://race.example/2", _body("cwce-3") + "\n\n后来又写了一段完全不同的新内容用来区分这两篇文章的正文"))
    assert _stored(first, "https://race.example/2") == 1  # the session goes on after its rollback


def test_a_failed_insert_fails_the_next_statement(writers: tuple[Corpus, Corpus]) -> None:
    _first, second = writers
    article, verdict = _lose_a_race(writers)
    with pytest.raises(sa.exc.IntegrityError):  # SQLite: at the INSERT; PostgreSQL: at the next statement
        _store(second, article, verdict)
        second.dedup.check(_article("https://race.example/3", _body("cwce-3")))
    second.session.rollback()


def test_a_pending_insert_rolled_back_or_closed_leaves_nothing(migrated_url: str) -> None:
    corpus = Corpus(migrated_url)
    article = _article(URL, _body("cwce-3"))
    _store(corpus, article, corpus.dedup.check(article))
    corpus.session.rollback()
    assert _stored(corpus, URL) == 0
    _store(corpus, article, corpus.dedup.check(article))
    corpus.session.close()  # the connection goes back to the pool with the write pending
    assert _stored(corpus, URL) == 0
    corpus.add(article)  # and the pooled connection is fine afterwards
    assert _stored(corpus, URL) == 1
    corpus.close()
