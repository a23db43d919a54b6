"""search: documents by date (sort=newest and the newest candidates of a broad query)

Revision ID: 0030
Revises: 0024
Create Date: 2026-12-01 21:55:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0030'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    # A broad query's newest matches are read walking this index and testing
    # each document, instead of fetching and sorting every match (issue 22).
    # No batch mode: SQLite adds an index without rebuilding the table.
    op.create_index(
        'ix_search_documents_by_date',
        'search_documents',
        ['happened_at', 'id', 'community_id', 'kind', 'solved'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_search_documents_by_date', table_name='search_documents')
