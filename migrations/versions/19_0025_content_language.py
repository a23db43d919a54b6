"""content language: the language a thread, post, lesson version and event is written in

Revision ID: 0025
Revises: 0023
Create Date: 2026-12-01 17:20:00

'' for what was written before: it says nothing, so pages add no lang attribute.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = "0023"
branch_labels = None
depends_on = None

TABLES = ('threads', 'posts', 'lesson_versions', 'events')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('language', sa.String(length=8), nullable=False, server_default='')
            )


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('language')
