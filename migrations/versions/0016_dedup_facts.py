"""article.dedup_facts: what the exact dedup check of an article as a candidate reads, stored with it

Revision ID: 0016_dedup_facts
Revises: 0015_run_path_indexes
Create Date: 2026-12-07 14:00:00

Issue 23. A candidate near a threshold was judged on shingles, numbers and story facts derived again from its
stored body at every probe (read, parsed, fingerprinted, tagged): a quarter of the database thread's time at
10k stored on SQLite. The article's own check has them at hand; storage now writes them with the row
(monitor/dedup/stored_facts.py). Existing rows are left NULL and filled lazily: a candidate without facts is
derived from its body as before, and its facts are written back in that transaction (Deduplicator._verify),
so an upgrade does not fingerprint and tag the whole corpus at once (1M rows: ~40 min of CPU).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_dedup_facts"
down_revision = "0015_run_path_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # nullable without a default: no table rewrite on SQLite or PostgreSQL
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dedup_facts", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("dedup_facts")
