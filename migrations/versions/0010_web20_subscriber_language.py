"""subscriber language: zh-CN (the default, and every row stored before) or en

Revision ID: 0010_web20_subscriber_language
Revises: 0010_dedup_events_source_titles
Create Date: 2026-12-06 20:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0010_web20_subscriber_language'
down_revision = '0010_dedup_events_source_titles'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('subscriber', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False,
                                      server_default='zh-CN'))


def downgrade() -> None:
    with op.batch_alter_table('subscriber', schema=None) as batch_op:
        batch_op.drop_column('language')
