"""a digest's articles packed into its row (digest.article_ids) instead of one digestarticle row per article

Revision ID: 0013_digest_scale
Revises: 0012_chan_channel_sends_tz
Create Date: 2026-12-07 02:45:00

4.7M digestarticle rows a day for 10,000 subscribers (issue 23). The rows there are moved into the packed
column, digest by digest, and the table dropped; the downgrade writes them back. And an index on the
duplicates' article.duplicate_of_id: every digest run reads a story's copies by it.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from monitor.digest.article_ids import pack_ids, unpack_ids

revision = '0013_digest_scale'
down_revision = '0012_chan_channel_sends_tz'
branch_labels = None
depends_on = None

_digest = sa.table('digest', sa.column('id', sa.Integer), sa.column('article_ids', sa.LargeBinary))
_links = sa.table('digestarticle', sa.column('digest_id', sa.Integer), sa.column('article_id', sa.Integer))


def upgrade() -> None:
    op.create_index('ix_article_duplicate_of_id', 'article', ['duplicate_of_id'], unique=False,
                    sqlite_where=sa.text('duplicate_of_id IS NOT NULL'),
                    postgresql_where=sa.text('duplicate_of_id IS NOT NULL'))
    with op.batch_alter_table('digest', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('article_ids', sa.LargeBinary(), nullable=True))
    bind = op.get_bind()
    ids: dict[int, list[int]] = {}
    for digest_id, article_id in bind.execute(sa.select(_links.c.digest_id, _links.c.article_id)):
        ids.setdefault(digest_id, []).append(article_id)
    packed = list(ids.items())
    for start in range(0, len(packed), 1000):
        chunk = packed[start:start + 1000]
        bind.execute(_digest.update().where(_digest.c.id == sa.bindparam('digest')).values(article_ids=sa.bindparam('packed')),
                     [{'digest': digest_id, 'packed': pack_ids(article_ids)} for digest_id, article_ids in chunk])
    with op.batch_alter_table('digestarticle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digestarticle_article_id'))
    op.drop_table('digestarticle')


def downgrade() -> None:
    op.create_table('digestarticle',
    sa.Column('digest_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.ForeignKeyConstraint(['digest_id'], ['digest.id'], ),
    sa.PrimaryKeyConstraint('digest_id', 'article_id')
    )
    with op.batch_alter_table('digestarticle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digestarticle_article_id'), ['article_id'], unique=False)
    bind = op.get_bind()
    rows = [{'digest_id': digest_id, 'article_id': article_id}
            for digest_id, packed in bind.execute(sa.select(_digest.c.id, _digest.c.article_ids)
                                                  .where(_digest.c.article_ids.is_not(None)))
            for article_id in unpack_ids(packed)]
    if rows:
        bind.execute(_links.insert(), rows)
    # in place (SQLite 3.35+ drops a column itself): copying the table, as batch mode does by default, would
    # drop the digest table that delivery and digestarticle rows point to
    with op.batch_alter_table('digest', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('article_ids')
    op.drop_index('ix_article_duplicate_of_id', table_name='article')
