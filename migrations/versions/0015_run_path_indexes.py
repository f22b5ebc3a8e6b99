"""indexes of a scheduled run's per-run reads: articlezone (zone_id, role, article_id) in place of (zone_id);
crawlrun (source_id, started_at) and (source_id, status); discoveredurl (source_id, state) in place of (source_id)

Revision ID: 0015_run_path_indexes
Revises: 0014_ingest_dedup_cover
Create Date: 2026-12-07 11:00:00

Issue 23. Event linking read every article of a new story's days to find its zones' reports (at 50,000 articles a
day, most of a scheduled crawl's database time); it now reads the zone's newest subject rows first, backwards
along the articlezone index (monitor/store/events.py); lookups by zone alone use its first column, as they used the
old index. Runs and discovered URLs are never pruned: a tick's check of the source's last start, a run's start
(which ends the source's runs left running) and its due URLs read every run or URL the source ever had (1,440 more
runs a day for a source crawled every minute); with these indexes they read the rows they return.
"""
from __future__ import annotations

from alembic import op

revision = '0015_run_path_indexes'
down_revision = '0014_ingest_dedup_cover'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the new index first: the zone lookups are never left without one
    op.create_index('ix_articlezone_zone_role_article', 'articlezone', ['zone_id', 'role', 'article_id'], unique=False)
    op.drop_index('ix_articlezone_zone_id', table_name='articlezone')
    op.create_index('ix_crawlrun_source_started', 'crawlrun', ['source_id', 'started_at'], unique=False)
    op.create_index('ix_crawlrun_source_status', 'crawlrun', ['source_id', 'status'], unique=False)
    op.create_index('ix_discoveredurl_source_state', 'discoveredurl', ['source_id', 'state'], unique=False)
    op.drop_index('ix_discoveredurl_source_id', table_name='discoveredurl')


def downgrade() -> None:
    op.create_index('ix_discoveredurl_source_id', 'discoveredurl', ['source_id'], unique=False)
    op.drop_index('ix_discoveredurl_source_state', table_name='discoveredurl')
    op.drop_index('ix_crawlrun_source_status', table_name='crawlrun')
    op.drop_index('ix_crawlrun_source_started', table_name='crawlrun')
    op.create_index('ix_articlezone_zone_id', 'articlezone', ['zone_id'], unique=False)
    op.drop_index('ix_articlezone_zone_role_article', table_name='articlezone')
