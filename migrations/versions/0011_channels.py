"""chat channels (WeCom, DingTalk, Feishu, webhook) and their deliveries

Revision ID: 0011_channels
Revises: 0010_web20_subscriber_language
Create Date: 2026-12-06 21:35:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from monitor.store.models import UTCDateTime

revision = '0011_channels'
down_revision = '0010_web20_subscriber_language'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'channel',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column('secret', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column('filters_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'channel_delivery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel_id', sa.Integer(), nullable=False),
        sa.Column('frequency', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('period_key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('article_ids_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('parts_sent', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('copies', sa.Integer(), nullable=False),
        sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('next_attempt_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('sent_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['channel_id'], ['channel.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel_id', 'frequency', 'period_key'),
        sa.UniqueConstraint('idempotency_key'),
    )
    op.create_index(op.f('ix_channel_delivery_channel_id'), 'channel_delivery', ['channel_id'], unique=False)
    op.create_index(op.f('ix_channel_delivery_state'), 'channel_delivery', ['state'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_channel_delivery_state'), table_name='channel_delivery')
    op.drop_index(op.f('ix_channel_delivery_channel_id'), table_name='channel_delivery')
    op.drop_table('channel_delivery')
    op.drop_table('channel')
