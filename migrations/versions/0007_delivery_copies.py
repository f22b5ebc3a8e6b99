"""delivery.copies: how many times a digest may have reached the subscriber (the resend limit counts these)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 17:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.add_column(sa.Column('copies', sa.Integer(), nullable=False, server_default='0'))
    # Rows left 'sending' (or given up on, or sent): every send begun may have been a copy. A 'failed' row
    # was almost always refused (an SMTP outage): counted as no copy, so the upgrade does not give it up.
    op.execute(sa.text("UPDATE delivery SET copies = CASE WHEN state IN ('failed', 'pending', 'bounced') THEN 0 "
                       "ELSE attempts END"))


def downgrade() -> None:
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_column('copies')
