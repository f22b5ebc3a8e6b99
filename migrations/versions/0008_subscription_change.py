"""subscription_change: a change asked through /subscribe, waiting for the owner of the address

A form post for an address that already has a subscription (pending or confirmed) is stored
here and applied only through the link mailed to that address.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 17:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from monitor.store.models import UTCDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('subscription_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('filters_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscriber.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('subscription_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscription_change_subscriber_id'), ['subscriber_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('subscription_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_change_subscriber_id'))
    op.drop_table('subscription_change')
