"""Migrations upgrade a database that already holds rows (columns added later get defaults)."""

import sqlalchemy as sa
from alembic import command

from monitor.store import db


def test_upgrade_from_first_revision_keeps_rows(database_url: str) -> None:
    config = db.alembic_config(database_url)
    engine = db.make_engine(database_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO source (name, kind, items_last_run, consecutive_failures, health) VALUES ('s', 'html', 0, 0, 'ok')"))
        connection.execute(sa.text(
            "INSERT INTO article (url, title, body, content_hash, source_id, revision, fetched_at, stored_at) "
            "VALUES ('http://a/1', 't', 'b', 'h', 1, 1, '2022-11-14 01:00:00+00', '2022-11-14 01:00:00+00')"))
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
