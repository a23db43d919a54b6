"""profiles that read like a person: the languages someone speaks and their expertise

Revision ID: 0023
Revises: 0019
Create Date: 2026-12-01 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('spoken_languages', sa.String(length=200), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('expertise', sa.String(length=300), nullable=False, server_default='')
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('expertise')
        batch_op.drop_column('spoken_languages')
