"""crawlrun.status holds 'interrupted' (11 characters): widen it to 20

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('crawlrun', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sqlmodel.sql.sqltypes.AutoString(length=10),
                              type_=sqlmodel.sql.sqltypes.AutoString(length=20), existing_nullable=False)


def downgrade() -> None:
    op.execute(sa.text("UPDATE crawlrun SET status = 'failed' WHERE status = 'interrupted'"))
    with op.batch_alter_table('crawlrun', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sqlmodel.sql.sqltypes.AutoString(length=20),
                              type_=sqlmodel.sql.sqltypes.AutoString(length=10), existing_nullable=False)
