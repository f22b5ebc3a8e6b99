"""Migrations upgrade a database that already holds rows (columns added later get defaults)."""

import sqlalchemy as sa
from alembic import command

from monitor.store import db


def _at_revision(database_url: str, revision: str) -> sa.Engine:
    """An engine on the database upgraded to ``revision`` only."""
    config = db.alembic_config(database_url)
    engine = db.make_engine(database_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine


def _one_article_stored_at(database_url: str, revision: str, url: str) -> sa.Engine:
    """An engine on the database upgraded to head after one article (``url``) was stored at ``revision``."""
    engine = _at_revision(database_url, revision)
    with engine.begin() as connection:
        _insert_article(connection, url)
    engine.dispose()
    db.upgrade(database_url)
    return db.make_engine(database_url)


def _downgrade(database_url: str, engine: sa.Engine, revision: str) -> None:
    """The database downgraded to ``revision`` through ``engine``'s connection."""
    config = db.alembic_config(database_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _insert_article(connection: sa.Connection, url: str) -> None:
    """A source and one article of it, with the columns of the first revision only."""
    connection.execute(sa.text("INSERT INTO source (name, kind, items_last_run, consecutive_failures, health) VALUES ('s', 'html', 0, 0, 'ok')"))
    connection.execute(sa.text(
        "INSERT INTO article (url, title, body, content_hash, source_id, revision, fetched_at, stored_at) "
        "VALUES (:url, 't', 'b', 'h', 1, 1, '2022-11-14 01:00:00+00', '2022-11-14 01:00:00+00')"), {"url": url})


def test_upgrade_from_first_revision_keeps_rows(database_url: str) -> None:
    engine = _at_revision(database_url, "0001")
    with engine.begin() as connection:
        _insert_article(connection, "http://a/1")
        connection.execute(sa.text("INSERT INTO subscriber (email, timezone, confirmed, bounces, created_at) VALUES ('a@b.cn', 'Asia/Shanghai', true, 0, '2022-11-14 01:00:00+00')"))
        connection.execute(sa.text("INSERT INTO subscription (subscriber_id, frequency, zones_json, topics_json, sources_json, keywords_json, created_at) VALUES (1, 'daily', '[]', '[]', '[]', '[]', '2022-11-14 01:00:00+00')"))
    engine.dispose()
    db.upgrade(database_url)
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT relevant FROM article")).scalar_one() in (True, 1)
        assert connection.execute(sa.text("SELECT status FROM subscriber")).scalar_one() == "active"
        assert connection.execute(sa.text("SELECT hour, match FROM subscription")).one() == (8, "any")
    engine.dispose()


def test_0007_counts_the_copies_earlier_sends_may_have_made(database_url: str) -> None:
    """A send left 'sending' or sent may have been a copy; a 'failed' one was refused (no copy), so the upgrade
    gives nothing up."""
    engine = _at_revision(database_url, "0006")
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO subscriber (email, timezone, confirmed, bounces, created_at, status, group_by) "
                                   "VALUES ('a@b.cn', 'Asia/Shanghai', true, 0, '2022-11-14 01:00:00+00', 'active', 'zone')"))
        for day, state in enumerate(("sending", "failed", "sent"), start=1):
            connection.execute(sa.text("INSERT INTO digest (subscriber_id, frequency, period_key, subject, created_at) "
                                       f"VALUES (1, 'daily', '2022-11-1{day}', 's', '2022-11-1{day} 01:00:00+00')"))
            connection.execute(sa.text("INSERT INTO delivery (digest_id, message_id, state, attempts) "
                                       f"VALUES ({day}, '<{day}@x>', '{state}', 2)"))
    engine.dispose()
    db.upgrade(database_url)
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT state, copies FROM delivery ORDER BY id")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("sending", 2), ("failed", 0), ("sent", 2)]


def test_0009_page_title_is_null_for_stored_rows_and_goes_on_downgrade(database_url: str) -> None:
    engine = _one_article_stored_at(database_url, "0008", "http://a/1#piece-1")
    with engine.begin() as connection:
        assert connection.execute(sa.text("SELECT page_title FROM article")).scalar_one() is None
        connection.execute(sa.text("UPDATE article SET page_title = '打造科技创新高地 构建经济新增长极'"))
    _downgrade(database_url, engine, "0008")
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT url, title FROM article")).one() == ("http://a/1#piece-1", "t")
        assert "page_title" not in {c["name"] for c in sa.inspect(connection).get_columns("article")}
    engine.dispose()


def test_0013_moves_digest_articles_into_the_digest_row_and_back(database_url: str) -> None:
    """A digest's article rows become its packed article_ids (monitor/digest/article_ids.py) and come back on
    downgrade: later digests must still not repeat what earlier ones sent, and a resend must hold the same list."""
    from monitor.digest.article_ids import unpack_ids

    engine = _at_revision(database_url, "0012_chan_channel_sends_tz")
    with engine.begin() as connection:
        _insert_article(connection, "http://a/1")
        for n in range(2, 5):  # more articles of that source
            connection.execute(sa.text(
                "INSERT INTO article (url, title, body, content_hash, source_id, revision, fetched_at, stored_at) "
                "VALUES (:url, 't', 'b', :url, 1, 1, '2022-11-14 01:00:00+00', '2022-11-14 01:00:00+00')"),
                {"url": f"http://a/{n}"})
        connection.execute(sa.text("INSERT INTO subscriber (email, timezone, confirmed, bounces, created_at) VALUES ('a@b.cn', 'Asia/Shanghai', true, 0, '2022-11-14 01:00:00+00')"))
        for digest_id, key in ((1, "2022-11-14"), (2, "2022-11-15"), (3, "2022-11-16")):
            connection.execute(sa.text("INSERT INTO digest (id, subscriber_id, frequency, period_key, subject, created_at) "
                                       "VALUES (:id, 1, 'daily', :key, 's', '2022-11-14 01:00:00+00')"), {"id": digest_id, "key": key})
        connection.execute(sa.text("INSERT INTO digestarticle (digest_id, article_id) VALUES (1, 3), (1, 1), (2, 4)"))
    engine.dispose()
    db.upgrade(database_url)
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        packed = dict(connection.execute(sa.text("SELECT id, article_ids FROM digest")).all())
        assert not sa.inspect(connection).has_table("digestarticle")
    assert unpack_ids(packed[1]) == [1, 3] and unpack_ids(packed[2]) == [4] and packed[3] is None
    _downgrade(database_url, engine, "0012_chan_channel_sends_tz")
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT digest_id, article_id FROM digestarticle ORDER BY 1, 2")).all()
        assert [tuple(row) for row in rows] == [(1, 1), (1, 3), (2, 4)]
        assert "article_ids" not in {c["name"] for c in sa.inspect(connection).get_columns("digest")}
    engine.dispose()


def test_0016_dedup_facts_is_null_for_stored_rows_and_goes_on_downgrade(database_url: str) -> None:
    """Rows stored before 0016 have no facts (the check derives them from the body, then writes them back); a
    downgrade drops the column and keeps the rows."""
    engine = _one_article_stored_at(database_url, "0015", "http://a/1")
    with engine.begin() as connection:
        assert connection.execute(sa.text("SELECT dedup_facts FROM article")).scalar_one() is None
        connection.execute(sa.text("UPDATE article SET dedup_facts = :b"), {"b": b"\x02facts"})
        assert bytes(connection.execute(sa.text("SELECT dedup_facts FROM article")).scalar_one()) == b"\x02facts"
    _downgrade(database_url, engine, "0015")
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT url, body FROM article")).one() == ("http://a/1", "b")
        assert "dedup_facts" not in {c["name"] for c in sa.inspect(connection).get_columns("article")}
    engine.dispose()
