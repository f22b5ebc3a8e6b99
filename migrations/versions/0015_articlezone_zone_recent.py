"""articlezone (zone_id, role, article_id) in place of (zone_id): a zone's newest subject rows read from the index

Revision ID: 0015_articlezone_zone_recent
Revises: 0014_ingest_dedup_cover
Create Date: 2026-12-07 11:00:00

Issue 23. Event linking read every article of a new story's days to find its zones' reports (at 50,000 articles a
day, most of a scheduled crawl's database time); it now reads the zone's newest subject rows first, backwards
along this index (monitor/store/events.py). Lookups by zone alone use its first column, as they used the old index.
"""
from __future__ import annotations

from alembic import op

revision = '0015_articlezone_zone_recent'
down_revision = '0014_ingest_dedup_cover'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the new index first: the zone lookups are never left without one
    op.create_index('ix_articlezone_zone_role_article', 'articlezone', ['zone_id', 'role', 'article_id'], unique=False)
    op.drop_index('ix_articlezone_zone_id', table_name='articlezone')


def downgrade() -> None:
    op.create_index('ix_articlezone_zone_id', 'articlezone', ['zone_id'], unique=False)
    op.drop_index('ix_articlezone_zone_role_article', table_name='articlezone')
