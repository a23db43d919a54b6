"""thread moves and merges, tag synonyms: old thread addresses and old tag names

Revision ID: 0019
Revises: 0014
Create Date: 2026-12-01 17:20:00
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('thread_redirects',
    sa.Column('old_thread_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_thread_redirects_thread_id_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('old_thread_id', name=op.f('pk_thread_redirects'))
    )
    with op.batch_alter_table('thread_redirects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_redirects_thread_id'), ['thread_id'], unique=False)

    op.create_table('tag_synonyms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_tag_synonyms_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_tag_synonyms_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tag_synonyms')),
    sa.UniqueConstraint('community_id', 'name', name=op.f('uq_tag_synonyms_community_id'))
    )
    with op.batch_alter_table('tag_synonyms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tag_synonyms_tag_id'), ['tag_id'], unique=False)


def downgrade():
    with op.batch_alter_table('tag_synonyms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tag_synonyms_tag_id'))
    op.drop_table('tag_synonyms')
    with op.batch_alter_table('thread_redirects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_redirects_thread_id'))
    op.drop_table('thread_redirects')
