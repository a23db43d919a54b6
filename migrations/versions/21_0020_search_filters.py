"""search: filters (author, reply's thread), replies as documents, vocabulary

Revision ID: 0020
Revises: 0022
Create Date: 2026-12-01 17:11:43

Replies become documents of their own (kind "post") so results land on the
reply that matched, and the vocabulary behind "did you mean" gets its table.
Both are filled by `flask search reindex`, which an upgrade should run once
(docs/search.md); until then threads are found as before.

On SQLite the foreign key needs a batch rebuild of search_documents, which
drops the FTS5 triggers hanging off it: they are made again here.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0022'
branch_labels = None
depends_on = None



def kept_triggers():
    """The FTS5 triggers on search_documents, which a SQLite batch rebuild of
    the table drops; read here so they can be made again as they were."""
    if op.get_bind().dialect.name != 'sqlite':
        return []
    rows = op.get_bind().execute(sa.text(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
        " AND tbl_name = 'search_documents'"
    ))
    return [row[0] for row in rows]


def upgrade():
    op.create_table('search_terms',
    sa.Column('term', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('term', 'scope', name=op.f('pk_search_terms'))
    )
    triggers = kept_triggers()
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_search_documents_author_id_users'), 'users', ['author_id'], ['id'], ondelete='SET NULL')
    for statement in triggers:  # ids are kept, so search_fts itself is still right
        op.execute(statement)
    op.add_column('search_documents', sa.Column('parent_id', sa.Integer(), nullable=True))
    op.add_column('search_documents', sa.Column('heading', sa.String(length=300), nullable=False, server_default=''))
    op.create_index('ix_search_documents_author_id', 'search_documents', ['author_id'], unique=False)
    op.create_index('ix_search_documents_parent_id', 'search_documents', ['parent_id'], unique=False)


def downgrade():
    op.drop_index('ix_search_documents_parent_id', table_name='search_documents')
    op.drop_index('ix_search_documents_author_id', table_name='search_documents')
    triggers = kept_triggers()
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_constraint('fk_search_documents_author_id_users', type_='foreignkey')
        batch_op.drop_column('heading')
        batch_op.drop_column('parent_id')
        batch_op.drop_column('author_id')
    for statement in triggers:
        op.execute(statement)
    op.drop_table('search_terms')
