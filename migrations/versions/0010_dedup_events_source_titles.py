"""cluster event_id (related coverage: stories grouped as one event) and source title (display name)

Rows stored before have none (NULL): a story is its own event until a related report links it, a
source without a title is shown by its page's host.

Revision ID: 0010_dedup_events_source_titles
Revises: 0009
Create Date: 2026-12-06 20:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0010_dedup_events_source_titles'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cluster_event_id'), ['event_id'], unique=False)
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch would recreate `source` and
    # `cluster`, which the article rows reference (SQLite refuses to drop a referenced table).
    op.drop_index(op.f('ix_cluster_event_id'), table_name='cluster')
    op.execute("ALTER TABLE cluster DROP COLUMN event_id")
    op.execute("ALTER TABLE source DROP COLUMN title")
