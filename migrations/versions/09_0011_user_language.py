"""i18n: each account's language ('' until chosen: the browser decides); a pending
registration keeps the language and time zone chosen at sign-up

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-01 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('language', sa.String(length=8), nullable=False, server_default='')
        )
    with op.batch_alter_table('pending_registrations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('language', sa.String(length=8), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('timezone', sa.String(length=64), nullable=False, server_default='UTC')
        )


def downgrade():
    with op.batch_alter_table('pending_registrations', schema=None) as batch_op:
        batch_op.drop_column('timezone')
        batch_op.drop_column('language')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('language')
