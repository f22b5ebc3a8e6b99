"""the sends of chat robots, for their rate limits across processes; a channel's timezone

Revision ID: 0012_chan_channel_sends_tz
Revises: 0011_channels
Create Date: 2026-12-06 23:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0012_chan_channel_sends_tz'
down_revision = '0011_channels'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'channel_send',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('robot', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('sent_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_channel_send_robot_sent_at', 'channel_send', ['robot', 'sent_at'], unique=False)
    with op.batch_alter_table('channel', schema=None) as batch_op:  # every channel so far ran on Beijing time
        batch_op.add_column(sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False,
                                      server_default='Asia/Shanghai'))


def downgrade() -> None:
    with op.batch_alter_table('channel', schema=None) as batch_op:
        batch_op.drop_column('timezone')
    op.drop_index('ix_channel_send_robot_sent_at', table_name='channel_send')
    op.drop_table('channel_send')
