"""search: filters (author, reply's thread), replies as documents, vocabulary

Revision ID: 0020
Revises: 0014
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
down_revision = '0014'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN"
    " INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]


def upgrade():
    op.create_table('search_terms',
    sa.Column('term', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('term', 'scope', name=op.f('pk_search_terms'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_search_documents_author_id_users'), 'users', ['author_id'], ['id'], ondelete='SET NULL')
    if op.get_bind().dialect.name == 'sqlite':
        # The batch rebuild dropped the triggers that keep search_fts in step
        # (ids are kept, so the FTS table itself is still right).
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    op.add_column('search_documents', sa.Column('parent_id', sa.Integer(), nullable=True))
    op.add_column('search_documents', sa.Column('heading', sa.String(length=300), nullable=False, server_default=''))
    op.create_index('ix_search_documents_author_id', 'search_documents', ['author_id'], unique=False)
    op.create_index('ix_search_documents_parent_id', 'search_documents', ['parent_id'], unique=False)


def downgrade():
    op.drop_index('ix_search_documents_parent_id', table_name='search_documents')
    op.drop_index('ix_search_documents_author_id', table_name='search_documents')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_constraint('fk_search_documents_author_id_users', type_='foreignkey')
        batch_op.drop_column('heading')
        batch_op.drop_column('parent_id')
        batch_op.drop_column('author_id')
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    op.drop_table('search_terms')
