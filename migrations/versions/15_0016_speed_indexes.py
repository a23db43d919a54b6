"""speed: indexes for the busy lists, the content version of cached pages

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-01 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cache_versions',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_cache_versions'))
    )
    op.execute("INSERT INTO cache_versions (name, value) VALUES ('site', 0)")
    with op.batch_alter_table('threads', schema=None) as batch_op:
        # The home page's "active discussions": newest activity first, site-wide.
        batch_op.create_index('ix_threads_last_activity', ['last_activity_at', 'id'], unique=False)
        # A community's list: pinned first, then by activity.
        batch_op.create_index('ix_threads_community_pinned_activity', ['community_id', 'is_pinned', 'last_activity_at', 'id'], unique=False)
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        # Ranking and filtering read these without the (large) body.
        batch_op.create_index('ix_search_documents_listing', ['id', 'community_id', 'kind', 'solved', 'happened_at'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # Title matches for the bounded ranking (community/search/engine.py).
        op.execute(
            "CREATE INDEX ix_search_documents_title_vector ON search_documents"
            " USING GIN (to_tsvector('english'::regconfig, title))"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_documents_title_vector")
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_listing')
    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.drop_index('ix_threads_community_pinned_activity')
        batch_op.drop_index('ix_threads_last_activity')
    op.drop_table('cache_versions')
