"""articleband and paragraphfingerprint without foreign keys to article

The two tables are the dedup index: derived rows, written only together with their article
(in the same statement on PostgreSQL) and rebuilt by `monitor dedup rebuild`. Checking their
~50 foreign keys per stored article took more than half of an article's INSERT on
PostgreSQL (2-4 ms of ~5 ms, measured with auto_explain), the largest single cost of ingest.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:00:00
"""
from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# SQLite's foreign keys have no names: batch mode names them by this convention to drop them.
_NAMING = {"fk": "%(table_name)s_%(column_0_name)s_fkey"}
_TABLES = ('articleband', 'paragraphfingerprint')


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None, naming_convention=_NAMING) as batch_op:
            batch_op.drop_constraint(f'{table}_article_id_fkey', type_='foreignkey')


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None, naming_convention=_NAMING) as batch_op:
            batch_op.create_foreign_key(f'{table}_article_id_fkey', 'article', ['article_id'], ['id'])
