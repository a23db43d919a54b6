"""lesson versions carry their community (a move goes through review)

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01 09:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('lesson_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('community_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_lesson_versions_community_id_communities'),
            'communities', ['community_id'], ['id'], ondelete='SET NULL',
        )
    # Every existing version belongs where its lesson is now.
    op.execute(
        "UPDATE lesson_versions SET community_id = ("
        "SELECT lessons.community_id FROM lessons "
        "WHERE lessons.id = lesson_versions.lesson_id)"
    )


def downgrade():
    with op.batch_alter_table('lesson_versions', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_lesson_versions_community_id_communities'),
            type_='foreignkey',
        )
        batch_op.drop_column('community_id')
