"""dedup candidate indexes that cover their lookups: (band, hash, article_id) and (hash, article_id, length)

Revision ID: 0014_ingest_dedup_cover
Revises: 0013_digest_scale
Create Date: 2026-12-07 08:00:00

Issue 23. The candidate lookup read one table row per index hit to get its article id (and a sentence's length);
the hits of a template's bands grow with the corpus (every issue of a recurring report shares them: ~800 rows per
templated article at 50k stored), so those random row reads grew with it. With the columns in the index the
lookup reads the index alone, and a band's newest articles first (``DedupConfig.max_band_rows``).
"""
from __future__ import annotations

from alembic import op

revision = '0014_ingest_dedup_cover'
down_revision = '0013_digest_scale'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the new index first: the lookup is never left without one
    op.create_index('ix_articleband_band_hash_article', 'articleband', ['band', 'hash', 'article_id'], unique=False)
    op.drop_index('ix_articleband_band_hash', table_name='articleband')
    op.create_index('ix_paragraphfingerprint_hash_article', 'paragraphfingerprint', ['hash', 'article_id', 'length'],
                    unique=False)
    op.drop_index('ix_paragraphfingerprint_hash', table_name='paragraphfingerprint')


def downgrade() -> None:
    op.create_index('ix_paragraphfingerprint_hash', 'paragraphfingerprint', ['hash'], unique=False)
    op.drop_index('ix_paragraphfingerprint_hash_article', table_name='paragraphfingerprint')
    op.create_index('ix_articleband_band_hash', 'articleband', ['band', 'hash'], unique=False)
    op.drop_index('ix_articleband_band_hash_article', table_name='articleband')
