"""Migration 0014_ingest_dedup_cover: the dedup candidate indexes cover their lookups, on SQLite and PostgreSQL;
stored index rows are kept and found the same way, and the downgrade brings the old indexes back."""

import sqlalchemy as sa
from alembic import command

from monitor.store import db

_BANDS = "SELECT article_id FROM articleband WHERE band = 3 AND hash = 77 ORDER BY article_id"
_SENTENCES = "SELECT article_id, length FROM paragraphfingerprint WHERE hash = 99 ORDER BY article_id"


def _indexes(engine: sa.Engine) -> set[str]:
    inspector = sa.inspect(engine)
    return {i["name"] for table in ("articleband", "paragraphfingerprint") for i in inspector.get_indexes(table)}


def test_0014_covering_indexes_keep_and_find_the_rows_and_go_on_downgrade(database_url: str) -> None:
    config = db.alembic_config(database_url)
    engine = db.make_engine(database_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0013_digest_scale")
    with engine.begin() as connection:
        for article_id in (1, 2, 3):  # the index tables have no foreign keys: rows alone
            connection.execute(sa.text("INSERT INTO articleband (article_id, band, hash) VALUES (:a, 3, 77)"),
                               {"a": article_id})
            connection.execute(sa.text("INSERT INTO paragraphfingerprint (article_id, position, hash, length) "
                                       "VALUES (:a, 0, 99, :n)"), {"a": article_id, "n": 10 * article_id})
    assert {"ix_articleband_band_hash", "ix_paragraphfingerprint_hash"} <= _indexes(engine)
    engine.dispose()
    db.upgrade(database_url)
    engine = db.make_engine(database_url)
    found = _indexes(engine)
    assert {"ix_articleband_band_hash_article", "ix_paragraphfingerprint_hash_article"} <= found
    assert not found & {"ix_articleband_band_hash", "ix_paragraphfingerprint_hash"}
    with engine.connect() as connection:
        assert [r[0] for r in connection.execute(sa.text(_BANDS))] == [1, 2, 3]
        assert [tuple(r) for r in connection.execute(sa.text(_SENTENCES))] == [(1, 10), (2, 20), (3, 30)]
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013_digest_scale")
    found = _indexes(engine)
    assert {"ix_articleband_band_hash", "ix_paragraphfingerprint_hash"} <= found
    assert not found & {"ix_articleband_band_hash_article", "ix_paragraphfingerprint_hash_article"}
    engine.dispose()
