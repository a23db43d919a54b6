"""speed: posts by thread and id (the first unread reply of a thread)

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01 22:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        # "min(id) of the thread's posts after the reader's mark": without it
        # PostgreSQL walks the primary key from the mark and filters by thread,
        # 199,700 rows (467 ms) on the full data when nothing is unread.
        batch_op.create_index('ix_posts_thread_id_id', ['thread_id', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('ix_posts_thread_id_id')
